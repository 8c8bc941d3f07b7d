package returns

import (
	"slices"
	"strings"
	"unicode"
)

// WireCode is one wire failure code: the seed's WR01–WR20 and the SWIFT
// list's provider/transport codes R69 and R83 (returns.md §8).
type WireCode struct {
	Code string
	// Title is the risk page's title (seed 002, lines 3074-3248), which is
	// authoritative over the sandbox's (returns.md §9 #4); it is the title
	// of notes.
	Title string
	// Meaning is the seed's explanation.
	Meaning string
	// Lists: "fedwire+swift" (WR01–WR12), "swift" (WR13–WR20, R69, R83).
	Lists string
	// Direction: which wires the code is used on: "both", "incoming" (a
	// wire we return), "outgoing" (our wire failed).
	Direction string
	// ISOSend is the ISO 20022 return reason railyard writes in a pacs.004
	// (or after /RETN/ in a FAIM {6500}), with ISOInfo as AddtlInf when set.
	ISOSend string
	ISOInfo string
	// Kind is wire_return, or provider_failure for SWIFT R69 and R83
	// (failures, not returns: they are not counted as returns).
	Kind         Kind
	SeedLine     int
	SandboxCents int64
	SandboxTitle string
}

// wireTable is the WR catalogue and the SWIFT provider codes.
var wireTable = []WireCode{
	{Code: "WR01", Kind: KindWireReturn, Title: "Return Per Customer Request", Meaning: "Returned per customer request.", Lists: "fedwire+swift", Direction: "both", ISOSend: "CUST", SeedLine: 3074, SandboxCents: 22304, SandboxTitle: "Return per customer request"},
	{Code: "WR02", Kind: KindWireReturn, Title: "Return Per Platform Request", Meaning: "Returned per platform request.", Lists: "fedwire+swift", Direction: "both", ISOSend: "MS03", ISOInfo: "RETURN PER PLATFORM REQUEST", SeedLine: 3078, SandboxCents: 22305, SandboxTitle: "Return per platform request"},
	{Code: "WR03", Kind: KindWireReturn, Title: "Account Closed/Frozen", Meaning: "The receiving account is closed/restricted/frozen, therefore the wire cannot be credited.", Lists: "fedwire+swift", Direction: "incoming", ISOSend: "AC04", SeedLine: 3082, SandboxCents: 22306, SandboxTitle: "UTA - Account closed/frozen"},
	{Code: "WR04", Kind: KindWireReturn, Title: "Compliance Concerns (Additional Documents Required)", Meaning: "We have identified red flags which require further investigation. The wire has been returned and we have requested additional documentation.", Lists: "fedwire+swift", Direction: "both", ISOSend: "RR04", SeedLine: 3086, SandboxCents: 22307, SandboxTitle: "UTA - Additional documents required"},
	{Code: "WR05", Kind: KindWireReturn, Title: "Country Not Allowed", Meaning: "The specified country is not allowed per the platform's controls and the wire has been returned.", Lists: "fedwire+swift", Direction: "both", ISOSend: "AG01", ISOInfo: "COUNTRY NOT ALLOWED", SeedLine: 3090, SandboxCents: 22308, SandboxTitle: "UTA - Country not allowed"},
	{Code: "WR06", Kind: KindWireReturn, Title: "Exceeds User's Limits", Meaning: "The transaction exceeds the user's daily, monthly, and/or annual limits.", Lists: "fedwire+swift", Direction: "both", ISOSend: "AM02", SeedLine: 3094, SandboxCents: 22309, SandboxTitle: "UTA - Exceeds limits"},
	{Code: "WR07", Kind: KindWireReturn, Title: "Exceeds Platform's Limits", Meaning: "The transaction exceeds the platforms' daily, monthly, and/or annual limits.", Lists: "fedwire+swift", Direction: "both", ISOSend: "AM02", ISOInfo: "EXCEEDS PLATFORM LIMITS", SeedLine: 3098, SandboxCents: 22310, SandboxTitle: "UTA - Information mismatch"},
	{Code: "WR08", Kind: KindWireReturn, Title: "Name Mismatch", Meaning: "The recipient's name in the wire instructions does not match the name on file with us.", Lists: "fedwire+swift", Direction: "incoming", ISOSend: "BE01", SeedLine: 3102, SandboxCents: 22311, SandboxTitle: "UTA - No Account/Unable to Locate Account"},
	{Code: "WR09", Kind: KindWireReturn, Title: "Inactive Account", Meaning: "The receiving account is inactive, or unverified therefore the wire cannot be credited.", Lists: "fedwire+swift", Direction: "incoming", ISOSend: "AC06", ISOInfo: "INACTIVE", SeedLine: 3106},
	{Code: "WR10", Kind: KindWireReturn, Title: "Invalid Account Number", Meaning: "The account number in the wire instructions does not match the account number on file with us.", Lists: "fedwire+swift", Direction: "incoming", ISOSend: "AC03", SeedLine: 3110},
	{Code: "WR11", Kind: KindWireReturn, Title: "Duplicate Transaction", Meaning: "Duplicate transaction, the duplicate has been returned.", Lists: "fedwire+swift", Direction: "both", ISOSend: "DUPL", SeedLine: 3114},
	{Code: "WR12", Kind: KindWireReturn, Title: "Outside of Allowed Flow of Funds", Meaning: "The account number in the wire instructions is not a valid account number on file with us.", Lists: "fedwire+swift", Direction: "incoming", ISOSend: "AG01", SeedLine: 3118},
	{Code: "WR13", Kind: KindWireReturn, Title: "Return per ODFI Request (Recall Received)", Meaning: "Returned per sending FI's request, a recall was received.", Lists: "swift", Direction: "incoming", ISOSend: "FOCR", SeedLine: 3218},
	{Code: "WR14", Kind: KindWireReturn, Title: "Detailed transaction reason not sufficient", Meaning: "The transaction details are not sufficient for us to understand the purpose of the wire.", Lists: "swift", Direction: "outgoing", ISOSend: "NARR", ISOInfo: "PURPOSE OF PAYMENT NOT SUFFICIENT", SeedLine: 3222},
	{Code: "WR15", Kind: KindWireReturn, Title: "Beneficiary address invalid", Meaning: "The beneficiary’s address is either incomplete or invalid.", Lists: "swift", Direction: "outgoing", ISOSend: "BE04", SeedLine: 3226},
	{Code: "WR16", Kind: KindWireReturn, Title: "Beneficiary name invalid", Meaning: "The beneficiary’s name is either incomplete or invalid.", Lists: "swift", Direction: "outgoing", ISOSend: "RR03", SeedLine: 3230},
	{Code: "WR17", Kind: KindWireReturn, Title: "Below $1,000 USD minimum", Meaning: "Wire amount must equal at least $1,000 USD.", Lists: "swift", Direction: "outgoing", ISOSend: "AM06", SeedLine: 3234},
	{Code: "WR18", Kind: KindWireReturn, Title: "Verbal verification form required", Meaning: "The verbal verification form is missing from the transaction.", Lists: "swift", Direction: "outgoing", ISOSend: "NARR", ISOInfo: "VERBAL VERIFICATION FORM REQUIRED", SeedLine: 3238},
	{Code: "WR19", Kind: KindWireReturn, Title: "Verbal verification form invalid", Meaning: "The verbal verification form has at least one error that renders it invalid.", Lists: "swift", Direction: "outgoing", ISOSend: "NARR", ISOInfo: "VERBAL VERIFICATION FORM INVALID", SeedLine: 3242},
	{Code: "WR20", Kind: KindWireReturn, Title: "Correspondent bank details invalid", Meaning: "The name, address or ABA/SWIFT of the correspondent bank is invalid.", Lists: "swift", Direction: "outgoing", ISOSend: "RC01", SeedLine: 3246},
	{Code: "R69", Title: "multiple errors", Meaning: "Transport error, e.g. \"Failed to establish a new connection: Connection timed out\", \"SSL: CERTIFICATE_VERIFY_FAILED\".", Lists: "swift", Direction: "outgoing", Kind: KindProviderError, SeedLine: 3140},
	{Code: "R83", Title: "transaction failure", Meaning: "Provider error (\"transaction failure: {e}\" / \"uncategorized error: {e}\"), e.g. \"Transfer failed to create\", \"Pending RouteFusion KYC Verification\", \"User Not Found\".", Lists: "swift", Direction: "outgoing", Kind: KindProviderError, SeedLine: 3148},
}

// WireCodes returns the wire catalogue: WR01–WR20, then SWIFT R69 and R83.
func WireCodes() []WireCode { return append([]WireCode(nil), wireTable...) }

func (c WireCode) info() Info {
	notes := c.Meaning
	if c.Code == "WR17" {
		notes += " Applies to WIRE-INT (SWIFT) only."
	}
	if c.SandboxTitle != "" && !strings.EqualFold(c.SandboxTitle, c.Title) {
		notes += " Sandbox title: \"" + c.SandboxTitle + "\" (the risk page's title is authoritative)."
	}
	var received []string
	for _, r := range isoTable {
		if r.WR == c.Code {
			received = append(received, r.Code)
		}
	}
	return Info{
		Code: c.Code, Family: FamilyWire, Description: c.Title, Category: CategoryOther, Window: WindowNone,
		Title: c.Title, Kind: c.Kind, Source: source(c.SeedLine), ISOSend: c.ISOSend, ISOReceived: received,
		Direction: c.Direction, SandboxAmount: sandbox(c.SandboxCents), Notes: notes,
	}
}

// ISOReason is one ISO 20022 ExternalReturnReason1Code and the WR code a
// return carrying it maps to (returns.md §8.2, fedwire.md Part C: a
// proposal to confirm against the Fedwire pacs.004 code appendix).
type ISOReason struct {
	Code string // 4 characters, as in pacs.004 TxInf/RtrRsnInf/Rsn/Cd
	Name string // the ISO name
	WR   string
	// Fallback: the code is known but has no WR of its own; it maps to
	// WR02, keeping the raw code and AddtlInf.
	Fallback bool
}

// isoTable is the received-code side of the WR ↔ ISO table, then the
// known codes that fall back to WR02. RC08 → WR20 is railyard's addition
// to fedwire.md Part C (an invalid clearing-system member id is an invalid
// correspondent ABA).
var isoTable = []ISOReason{
	{Code: "CUST", Name: "RequestedByCustomer", WR: "WR01"},
	{Code: "MD06", Name: "RefundRequestByEndCustomer", WR: "WR01"},
	{Code: "MS02", Name: "NotSpecifiedReasonCustomerGenerated", WR: "WR01"},
	{Code: "MS03", Name: "NotSpecifiedReasonAgentGenerated", WR: "WR02"},
	{Code: "AC04", Name: "ClosedAccountNumber", WR: "WR03"},
	{Code: "AC06", Name: "BlockedAccount", WR: "WR03"},
	{Code: "RR04", Name: "RegulatoryReason", WR: "WR04"},
	{Code: "AM02", Name: "NotAllowedAmount", WR: "WR06"},
	{Code: "BE01", Name: "InconsistentWithEndCustomer", WR: "WR08"},
	{Code: "AC01", Name: "IncorrectAccountNumber", WR: "WR10"},
	{Code: "AC03", Name: "InvalidCreditorAccountNumber", WR: "WR10"},
	{Code: "DUPL", Name: "DuplicatePayment", WR: "WR11"},
	{Code: "AM05", Name: "Duplication", WR: "WR11"},
	{Code: "AG01", Name: "TransactionForbidden", WR: "WR12"},
	{Code: "FOCR", Name: "FollowingCancellationRequest", WR: "WR13"},
	{Code: "BE04", Name: "MissingCreditorAddress", WR: "WR15"},
	{Code: "RR03", Name: "MissingCreditorNameOrAddress", WR: "WR16"},
	{Code: "AM06", Name: "TooLowAmount", WR: "WR17"},
	{Code: "RC01", Name: "BankIdentifierIncorrect", WR: "WR20"},
	{Code: "RC07", Name: "InvalidCreditorBICIdentifier", WR: "WR20"},
	{Code: "RC08", Name: "InvalidClearingSystemMemberIdentifier", WR: "WR20"},
	{Code: "NARR", Name: "Narrative", WR: "WR02", Fallback: true},
	{Code: "FR01", Name: "Fraud", WR: "WR02", Fallback: true},
	{Code: "FRAD", Name: "FraudulentOrigin", WR: "WR02", Fallback: true},
	{Code: "UPAY", Name: "UnduePayment", WR: "WR02", Fallback: true},
	{Code: "AC02", Name: "InvalidDebtorAccountNumber", WR: "WR02", Fallback: true},
	{Code: "AC07", Name: "ClosedCreditorAccountNumber", WR: "WR02", Fallback: true},
	{Code: "AM04", Name: "InsufficientFunds", WR: "WR02", Fallback: true},
	{Code: "AM09", Name: "WrongAmount", WR: "WR02", Fallback: true},
	{Code: "MD07", Name: "EndCustomerDeceased", WR: "WR02", Fallback: true},
	{Code: "RR01", Name: "MissingDebtorAccountOrIdentification", WR: "WR02", Fallback: true},
	{Code: "RR02", Name: "MissingDebtorNameOrAddress", WR: "WR02", Fallback: true},
	{Code: "TECH", Name: "TechnicalProblem", WR: "WR02", Fallback: true},
}

// ISOReasons returns the ISO 20022 return reasons railyard knows, each
// with its WR code.
func ISOReasons() []ISOReason { return append([]ISOReason(nil), isoTable...) }

// A Keyword maps free text of a FAIM return ({6500}, {6000}) to a WR code
// when the message carries no usable /RETN/ code (fedwire.md Part C).
//
// Each entry of Words and Any is a phrase of one or more words; a word is
// a run of letters and digits, and everything else (blanks, '*', '/', '-',
// '.', an apostrophe …) only separates words. A phrase matches when its
// words occur in the text one after another as whole words, whatever the
// case and whatever separates them: ACCOUNT CLOSED matches "Account -
// closed" and "ACCOUNT*CLOSED", not "SUBACCOUNT CLOSED" or "ACCOUNT WAS
// CLOSED"; CLOSED does not match "AS DISCLOSED". A row matches when every
// phrase of Words matches, anywhere in the text, and, when Any is set, at
// least one phrase of Any does.
//
// Of the rows that match, the most specific wins: the one whose matched
// phrases have the most words (every phrase of Words plus its longest
// matching phrase of Any); rows with as many words keep table order, the
// earlier one wins. No match is WR02. A row with neither Words nor Any
// matches any text with no words: a default that every other match beats.
type Keyword struct {
	Words []string
	Any   []string
	WR    string
}

// faimKeywords is the default table (fedwire.md Part C, with railyard's
// additions: more spellings of each reason, and ACCOUNT or ACCT anywhere
// with CLOSED/FROZEN/BLOCKED, or with INVALID). It leaves out the spec's
// bare ACCOUNT NUMBER → WR10: most return texts name the account number,
// and as the longer phrase it would outweigh CLOSED, DUPLICATE or DORMANT;
// WR10 needs INVALID, WRONG, INCORRECT, NOT FOUND, DOES NOT EXIST, NO
// (SUCH) ACCOUNT or UNABLE TO LOCATE. The order settles ties: WR03 before
// WR08 before WR10.
var faimKeywords = []Keyword{
	{Any: []string{"CLOSED", "FROZEN", "BLOCKED", "RESTRICTED ACCOUNT", "ACCOUNT RESTRICTED"}, WR: "WR03"},
	{Words: []string{"ACCOUNT"}, Any: []string{"CLOSED", "FROZEN", "BLOCKED"}, WR: "WR03"},
	{Words: []string{"ACCT"}, Any: []string{"CLOSED", "FROZEN", "BLOCKED"}, WR: "WR03"},
	{Words: []string{"NAME"}, Any: []string{"MISMATCH", "MISMATCHED", "DOES NOT MATCH", "DO NOT MATCH", "DOESN'T MATCH", "NOT MATCHING"}, WR: "WR08"},
	{Words: []string{"NAMES"}, Any: []string{"MISMATCH", "DO NOT MATCH", "DON'T MATCH", "NOT MATCHING"}, WR: "WR08"},
	{Any: []string{"NO ACCOUNT", "NO ACCT", "NO SUCH ACCOUNT", "UNABLE TO LOCATE", "ACCOUNT NOT FOUND", "ACCOUNT NUMBER NOT FOUND",
		"ACCOUNT DOES NOT EXIST", "ACCOUNT NUMBER DOES NOT EXIST", "WRONG ACCOUNT", "INCORRECT ACCOUNT", "WRONG ACCT", "INCORRECT ACCT"}, WR: "WR10"},
	{Words: []string{"INVALID"}, Any: []string{"ACC", "ACCT", "ACCOUNT", "A/C"}, WR: "WR10"}, // "ACC*NUMBER IS INVALID" (wire#453)
	{Any: []string{"DUPLICATE", "DUPLICATED", "DUPLICATE PAYMENT", "DUPLICATE WIRE", "DUPLICATE TRANSFER"}, WR: "WR11"},
	{Any: []string{"RECALL", "RECALLED", "RECALL REQUEST", "PER YOUR REQUEST", "AT YOUR REQUEST", "CANCELLATION REQUEST", "PER ORIGINATOR"}, WR: "WR13"},
	{Any: []string{"CUSTOMER REQUEST", "CUSTOMER'S REQUEST", "CUSTOMER REQUESTED", "PER BENEFICIARY", "BENEFICIARY REQUEST",
		"BENEFICIARY'S REQUEST", "REFUSED BY BENEFICIARY", "BENEFICIARY REFUSED"}, WR: "WR01"},
	{Any: []string{"INACTIVE", "DORMANT", "ACCOUNT INACTIVE", "INACTIVE ACCOUNT", "DORMANT ACCOUNT", "NOT ACTIVE"}, WR: "WR09"},
	{Any: []string{"COMPLIANCE", "OFAC", "REGULATORY", "SANCTIONS", "ADDITIONAL DOCUMENTS", "ADDITIONAL DOCUMENTATION"}, WR: "WR04"},
}

// FAIMKeywords returns the default free-text table for FAIM returns.
func FAIMKeywords() []Keyword { return append([]Keyword(nil), faimKeywords...) }

// textWords splits s into its words, upper-cased: runs of letters and
// digits.
func textWords(s string) []string {
	return strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// hasPhrase reports whether phrase (upper-cased words, not empty) occurs
// in words as consecutive whole words.
func hasPhrase(words, phrase []string) bool {
	for i := 0; i+len(phrase) <= len(words); i++ {
		if slices.Equal(words[i:i+len(phrase)], phrase) {
			return true
		}
	}
	return false
}

// score reports whether the row matches the text's words and with how
// many words: all of Words, plus the longest phrase of Any that matches. A
// phrase with no words never matches.
func (k Keyword) score(words []string) (n int, ok bool) {
	for _, w := range k.Words {
		ph := textWords(w)
		if len(ph) == 0 || !hasPhrase(words, ph) {
			return 0, false
		}
		n += len(ph)
	}
	if len(k.Any) == 0 {
		return n, true
	}
	best := 0
	for _, w := range k.Any {
		if ph := textWords(w); len(ph) > best && hasPhrase(words, ph) {
			best = len(ph)
		}
	}
	return n + best, best > 0
}

// matchKeywords returns the WR code of the most specific row of table that
// matches text (see Keyword), or ok false when none does.
func matchKeywords(table []Keyword, text string) (wr string, ok bool) {
	words := textWords(text)
	best := -1
	for _, k := range table {
		if n, m := k.score(words); m && n > best {
			wr, best = k.WR, n
		}
	}
	return wr, best >= 0
}
