// Package returns turns the codes of inbound return-family items into the
// platform's transaction status changes. It holds the code catalogues —
// Nacha return, dishonored and contested codes (R01–R90), Nacha change and
// refused-NOC codes (C01–C14, C61–C69), RPPS return codes, check codes
// CHR01–CHR41 with the X9.100-188 reasons they come from, wire failure
// codes WR01–WR20 with the SWIFT provider codes R69 and R83, and the ISO
// 20022 return reasons that map to WR codes — and the platform's policy
// (seed 002): which codes lock the external account (node) or the user,
// the return category, the window, and what a late return does.
//
// The tables are Go data, one per family (ACHCodes, NOCCodes, RPPSCodes,
// CheckCodes, WireCodes, ISOReasons); CODES.md is generated from them
// (go generate, or go test -run TestCodesMarkdown -update).
//
// # Families and codes
//
// Codes are rail-scoped: ACH, RPPS and the SWIFT provider share the R
// prefix with different meanings (RPPS R05 is a prenote error, Nacha R05 an
// unauthorized corporate debit). A bare R-code is an ACH code; write
// RPPS:R05, SWIFT:R69 for the others (SplitCode).
//
// # Policy
//
// For an ACH return the platform keeps its seed table (locks, category)
// and judges lateness by the network's window of the code (returns.md
// §4.2):
//
//	code window   lateness deadline D (S = original settlement date)
//	2 BD          AddBankingDays(S, 3): the network's 2 banking days plus the platform's tolerance
//	60 CD         NextBankingDay(S + 60 calendar days)
//	other         none (Operator rejects, agreed R06/R31, R23, ENR, R90)
//
// A return received on D is timely. A 2-BD return received after D but not
// after NBD(S+60) is late: honored, and it may be dishonored by hand (R68)
// until 5 banking days after the return settles. A return received after
// NBD(S+60), or a 60-CD return received after D, is rejected with an R68
// dishonor (the status does not change) while that 5-day deadline lasts;
// after it, the return is honored and flagged for review. Operator rejects
// cannot be dishonored. For example, with S = Wed 2026-11-25 (Thanksgiving
// on the 26th), D for a 2-BD code is Tue 12-01: received 12-01 timely,
// 12-02 late. For a 60-CD code S + 60 = Sun 2027-01-24, so D is Mon
// 2027-01-25.
//
// Codes the seed does not list get network defaults, marked "network
// default" in their Source (and "(p)" in returns.md): R05 and R51 lock the
// node and the user as R07/R10 do; R15 takes R14's locks; R28 locks the
// node (the stored routing number is bad); R90 locks both and is held for
// compliance; the other Operator rejects, ENR codes, R37–R39, R50, R52,
// R53 and R80–R85 lock nothing and are Other. An ACH code that no table
// lists is, with a lenient Policy, Other with the 2-BD window, no locks,
// never dishonored automatically, and reviewed by hand.
//
// Checks: the seed's categories (Unauthorized CHR03, 14, 17, 24, 25, 26 up
// to 60 days; Administrative CHR02–04 and Other within 3 banking days;
// forgery without limit) are reported, never enforced: a check return is
// always accepted. CHR03 is timed as Administrative and counted as
// Unauthorized. The list an X9 reason is read in is chosen by the cash
// letter's Returns Indicator (CHRCode). Wires: WR codes have no locks and
// no windows; ISO 20022 reasons map to WR codes by the table of returns.md
// §8.2, unmapped known codes to WR02. A FAIM return's reason is its
// /RETN/ code when that is a known ISO reason, else the free-text keyword
// table (FAIMKeywords: whole words, the most specific row wins), with a
// warning when a /RETN/ code was there but not usable. RPPS: every return
// is RETURNED on the credit side; R02, R03, R04, R21 and R22 lock the
// biller node.
//
// A Policy can be adjusted by configuration (PolicyConfig: a code's lock
// flags, category, window or dishonor rule; more ISO reasons), validated
// with errors that name the code and the field.
//
// # Strict and lenient
//
// A strict Policy (the default) returns an error wrapping ErrUnknownCode
// for a code no table lists; a lenient one maps the item with the family's
// defaults and sets Unknown. Neither drops an item.
//
// # Mapping
//
// MapACHReturn, MapRPPSReturn, MapCheckReturn and MapWireReturn return a
// StatusChange: the transaction reference (trace, item sequence, UETR,
// IMAD, end-to-end id), the new status (RETURNED, or Unchanged), the code,
// the note, the locks, the category, the timeliness and what to do (a
// dishonor with its code and deadline, a review). MapNOC returns an
// AccountCorrection instead: a NOC changes the stored account, not the
// status. Notes follow the platform:
//
//	[Returned on Debit] R01 -- Insufficient Funds       an ACH debit we originated
//	[Returned on Credit] R03 -- No Account/Unable to Locate Account
//	[Return Dishonored] R68 -- Untimely Return (R10)     a too-late return we reject
//	[Returned on Debit] R10 -- Customer Advises Not Authorized (contested R73)
//	[NOC] C01 -- Incorrect DFI Account Number
//
// The statuses are the platform's, with their ids: QUEUED-BY-SYNAPSE -1,
// CREATED 1, PROCESSING-DEBIT 2, PROCESSING-CREDIT 3, SETTLED 4, CANCELED
// 5, RETURNED 6.
//
// The X9 and wire inputs (CheckReturn, WireReturn) are small structs of
// this package: the caller fills them from what the rdc and wire codecs
// read (a WireReturn from a wire.Summary's Reason and ReasonText). returns
// imports neither codec, only ach, cutoffs and the standard library.
package returns

//go:generate go test -run TestCodesMarkdown -update .
