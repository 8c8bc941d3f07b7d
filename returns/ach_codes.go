package returns

// Dishonor says what the platform does with a late ACH return of a code
// (returns.md §4.2).
type Dishonor string

// Dishonor policies.
const (
	// DishonorAuto: a return past the 60-day boundary (or past the
	// deadline of a 60-CD code) is rejected automatically with an R68
	// dishonor; a late 2-BD return inside 60 days is honored and may be
	// dishonored by hand.
	DishonorAuto Dishonor = "auto"
	// DishonorByHand: never dishonored for lateness (the time frame is
	// agreed); an R70 dishonor by hand if the ODFI did not ask or agree
	// (R06, R31).
	DishonorByHand Dishonor = "by_hand"
	// DishonorNo: not dishonored; reviewed by hand (R23, R90, unknown
	// codes).
	DishonorNo Dishonor = "no"
	// DishonorNever: cannot be dishonored (ACH Operator rejects, ENR).
	DishonorNever Dishonor = "never"
)

// ACHCode is one row of the ACH return-code catalogue: the network's
// facts (returns.md §2) and the platform's policy (seed 002's table,
// returns.md §4.1, and the effective policy of §4.2).
type ACHCode struct {
	Code  string // R01 … R90
	Title string // the Nacha title
	// Description is the platform's wording (seed 002) where the seed
	// lists the code, else the Nacha title. It is the title of notes.
	Description string
	Kind        Kind   // return, operator_reject, dishonored or contested
	Initiator   string // who may use the code: RDFI, ODFI, Operator, Gateway, Fed. agency
	Account     string // C consumer, N non-consumer, C/N both, "—" not applicable
	// Window is the network's time frame; lateness is judged by it.
	Window Window
	// WSUD: the RDFI must hold the Receiver's Written Statement of
	// Unauthorized Debit.
	WSUD bool
	// Unauthorized: the code counts toward the 0.5% unauthorized return
	// rate (R05, R07, R10, R11, R29, R51).
	Unauthorized bool

	// The platform's policy.
	Category  Category
	LocksNode bool
	LocksUser bool
	Dishonor  Dishonor // empty for dishonored and contested codes
	// SeedLine is the line of seed 002 that lists the code (0: the seed
	// does not; the policy values are network defaults).
	SeedLine int
	// Proposed marks policy values railyard proposes for a code the seed
	// does not list (returns.md's "(p)").
	Proposed bool
	// SandboxCents is the sandbox amount that triggers the code.
	SandboxCents int64
	Notes        string
}

const (
	rdfi     = "RDFI"
	odfi     = "ODFI"
	operator = "Operator"
	gateway  = "Gateway"
	agency   = "Fed. agency"
)

// achTable is the ACH catalogue: every assigned return, dishonored and
// contested reason code (returns.md §2, §4.1, §4.2).
var achTable = []ACHCode{
	{Code: "R01", Title: "Insufficient funds", Description: "Insufficient Funds", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, SeedLine: 1464, SandboxCents: 22222, Notes: "may be reinitiated up to 2 times"},
	{Code: "R02", Title: "Account closed", Description: "Account Closed", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryAdministrative, LocksNode: true, Dishonor: DishonorAuto, SeedLine: 1472, SandboxCents: 22223},
	{Code: "R03", Title: "No account / unable to locate account", Description: "No Account/Unable to Locate Account", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryAdministrative, LocksNode: true, Dishonor: DishonorAuto, SeedLine: 1480, SandboxCents: 22224},
	{Code: "R04", Title: "Invalid account number structure", Description: "Invalid Account Number", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryAdministrative, LocksNode: true, Dishonor: DishonorAuto, SeedLine: 1488, SandboxCents: 22225},
	{Code: "R05", Title: "Unauthorized debit to consumer account using corporate SEC code", Kind: KindReturn, Initiator: rdfi, Account: "C", Window: Window60CD, WSUD: true, Unauthorized: true,
		Category: CategoryUnauthorized, LocksNode: true, LocksUser: true, Dishonor: DishonorAuto, Proposed: true, Notes: "CCD/CTX debit to a consumer account"},
	{Code: "R06", Title: "Returned per ODFI's request", Description: "Returned Per ODFI's Request", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: WindowAgreed,
		Category: CategoryOther, Dishonor: DishonorByHand, SeedLine: 1496, SandboxCents: 22226, Notes: "the ODFI indemnifies the RDFI; R70 dishonor by hand if the ODFI did not ask"},
	{Code: "R07", Title: "Authorization revoked by customer", Description: "Authorization Revoked by Customer", Kind: KindReturn, Initiator: rdfi, Account: "C", Window: Window60CD, WSUD: true, Unauthorized: true,
		Category: CategoryUnauthorized, LocksNode: true, LocksUser: true, Dishonor: DishonorAuto, SeedLine: 1504, SandboxCents: 22227},
	{Code: "R08", Title: "Payment stopped", Description: "Payment Stopped", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, LocksNode: true, Dishonor: DishonorAuto, SeedLine: 1512, SandboxCents: 22228, Notes: "reinitiate only with a new authorization"},
	{Code: "R09", Title: "Uncollected funds", Description: "Uncollected Funds", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, SeedLine: 1520, SandboxCents: 22229, Notes: "may be reinitiated up to 2 times"},
	{Code: "R10", Title: "Customer advises Originator is not known to Receiver and/or not authorized to debit the account", Description: "Customer Advises Not Authorized", Kind: KindReturn, Initiator: rdfi, Account: "C", Window: Window60CD, WSUD: true, Unauthorized: true,
		Category: CategoryUnauthorized, LocksNode: true, LocksUser: true, Dishonor: DishonorAuto, SeedLine: 1528, SandboxCents: 22230},
	{Code: "R11", Title: "Customer advises entry not in accordance with the terms of the authorization", Description: "Check Safekeeping Entry Return", Kind: KindReturn, Initiator: rdfi, Account: "C", Window: Window60CD, WSUD: true, Unauthorized: true,
		Category: CategoryUnauthorized, Dishonor: DishonorAuto, SeedLine: 1536, SandboxCents: 22231,
		Notes: "repurposed 2020-04-01; the seed's wording and category (Other, 3 BD) predate it: network window and category, the seed's no-lock kept (returns.md §9 #5)"},
	{Code: "R12", Title: "Account sold to another DFI", Description: "Branch Sold To Another DFI", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, LocksNode: true, Dishonor: DishonorAuto, SeedLine: 1544, SandboxCents: 22232},
	{Code: "R13", Title: "Invalid ACH routing number", Description: "RDFI Not Qualified to Participate", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, LocksNode: true, Dishonor: DishonorNever, SeedLine: 1552, SandboxCents: 22233, Notes: "an Operator reject (returns.md §9 #9)"},
	{Code: "R14", Title: "Representative payee deceased or unable to continue in that capacity", Description: "Account Holder Deceased", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, LocksNode: true, LocksUser: true, Dishonor: DishonorAuto, SeedLine: 1560, SandboxCents: 22234, Notes: "the account-holder-deceased case is R15 (returns.md §9 #9)"},
	{Code: "R15", Title: "Beneficiary or account holder (other than a representative payee) deceased", Kind: KindReturn, Initiator: rdfi, Account: "C", Window: Window2BD,
		Category: CategoryOther, LocksNode: true, LocksUser: true, Dishonor: DishonorAuto, Proposed: true, Notes: "R14's locks"},
	{Code: "R16", Title: "Account frozen / entry returned per OFAC instruction", Description: "Account Frozen", Kind: KindReturn, Initiator: "RDFI (Gateway for OFAC)", Account: "C/N", Window: Window2BD,
		Category: CategoryOther, LocksNode: true, Dishonor: DishonorAuto, SeedLine: 1568, SandboxCents: 22235, Notes: "the OFAC meaning moves to R90 on 2028-03-17"},
	{Code: "R17", Title: "File record edit criteria / entry with invalid account number initiated under questionable circumstances / improperly-initiated reversal", Description: "File Record Edit Criteria", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, SeedLine: 1576, SandboxCents: 22236},
	{Code: "R18", Title: "Improper effective entry date", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R19", Title: "Amount field error", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R20", Title: "Non-transaction account", Description: "Non-Transaction Account", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, LocksNode: true, Dishonor: DishonorAuto, SeedLine: 1584, SandboxCents: 22237},
	{Code: "R21", Title: "Invalid company identification", Description: "Invalid Company Identification", Kind: KindReturn, Initiator: rdfi, Account: "N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, SeedLine: 1592, SandboxCents: 22238},
	{Code: "R22", Title: "Invalid individual ID number", Description: "Invalid Individual ID Number", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, SeedLine: 1600, SandboxCents: 22239},
	{Code: "R23", Title: "Credit entry refused by Receiver", Description: "Credit Refused by Receiver", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: WindowAfterRefusal,
		Category: CategoryOther, Dishonor: DishonorNo, SeedLine: 1608, SandboxCents: 22240, Notes: "the time frame counts from when the RDFI learns of the refusal: railyard cannot judge lateness"},
	{Code: "R24", Title: "Duplicate entry", Description: "Duplicate Entry", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, SeedLine: 1616, SandboxCents: 22241},
	{Code: "R25", Title: "Addenda error", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R26", Title: "Mandatory field error", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R27", Title: "Trace number error", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R28", Title: "Routing number check digit error", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, LocksNode: true, Dishonor: DishonorNever, Proposed: true, Notes: "locks the node: the stored routing number is bad"},
	{Code: "R29", Title: "Corporate customer advises not authorized", Description: "Corporate Customer Advises Not Authorized", Kind: KindReturn, Initiator: rdfi, Account: "N", Window: Window2BD, Unauthorized: true,
		Category: CategoryUnauthorized, LocksNode: true, LocksUser: true, Dishonor: DishonorAuto, SeedLine: 1624, SandboxCents: 22242,
		Notes: "network window 2 BD, not the seed's 60 days (returns.md §9 #6); after 2 BD the ODFI may take it as an R31"},
	{Code: "R30", Title: "RDFI not participant in check truncation program", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R31", Title: "Permissible return entry (CCD and CTX only)", Description: "Permissible Return Entry", Kind: KindReturn, Initiator: rdfi, Account: "N", Window: WindowAgreed,
		Category: CategoryOther, Dishonor: DishonorByHand, SeedLine: 1632, SandboxCents: 22243, Notes: "R70 dishonor by hand if the ODFI did not agree"},
	{Code: "R32", Title: "RDFI non-settlement", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R33", Title: "Return of XCK entry", Description: "Return of XCK Entry", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window60CD,
		Category: CategoryOther, Dishonor: DishonorAuto, SeedLine: 1640, SandboxCents: 22244, Notes: "network window 60 CD, not the seed's 3 BD (returns.md §9 #7)"},
	{Code: "R34", Title: "Limited participation DFI", Description: "Limited participation DFI", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, LocksNode: true, Dishonor: DishonorNever, SeedLine: 1648, SandboxCents: 22245},
	{Code: "R35", Title: "Return of improper debit entry", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R36", Title: "Return of improper credit entry", Kind: KindOperatorReject, Initiator: operator, Account: "C/N", Window: WindowNextFile,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R37", Title: "Source document presented for payment", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window60CD, WSUD: true,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true, Notes: "ARC/BOC/POP"},
	{Code: "R38", Title: "Stop payment on source document", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window60CD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true, Notes: "ARC/BOC"},
	{Code: "R39", Title: "Improper source document / source document presented for payment", Kind: KindReturn, Initiator: rdfi, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true, Notes: "ARC/BOC/POP, when the RDFI decides"},
	{Code: "R40", Title: "Return of ENR entry by Federal Government agency", Kind: KindReturn, Initiator: agency, Account: "—", Window: WindowNone,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true, Notes: "ENR only"},
	{Code: "R41", Title: "Invalid transaction code (ENR)", Kind: KindReturn, Initiator: agency, Account: "—", Window: WindowNone,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R42", Title: "Routing number / check digit error (ENR)", Kind: KindReturn, Initiator: agency, Account: "—", Window: WindowNone,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R43", Title: "Invalid DFI account number (ENR)", Kind: KindReturn, Initiator: agency, Account: "—", Window: WindowNone,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R44", Title: "Invalid individual ID number / identification number (ENR)", Kind: KindReturn, Initiator: agency, Account: "—", Window: WindowNone,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R45", Title: "Invalid individual name / company name (ENR)", Kind: KindReturn, Initiator: agency, Account: "—", Window: WindowNone,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R46", Title: "Invalid representative payee indicator (ENR)", Kind: KindReturn, Initiator: agency, Account: "—", Window: WindowNone,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R47", Title: "Duplicate enrollment (ENR)", Kind: KindReturn, Initiator: agency, Account: "—", Window: WindowNone,
		Category: CategoryOther, Dishonor: DishonorNever, Proposed: true},
	{Code: "R50", Title: "State law affecting RCK acceptance", Kind: KindReturn, Initiator: rdfi, Account: "C", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true, Notes: "RCK"},
	{Code: "R51", Title: "Item related to RCK entry is ineligible or RCK entry is improper", Kind: KindReturn, Initiator: rdfi, Account: "C", Window: Window60CD, WSUD: true, Unauthorized: true,
		Category: CategoryUnauthorized, LocksNode: true, LocksUser: true, Dishonor: DishonorAuto, Proposed: true, Notes: "RCK"},
	{Code: "R52", Title: "Stop payment on item related to RCK entry", Kind: KindReturn, Initiator: rdfi, Account: "C", Window: Window60CD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true, Notes: "RCK"},
	{Code: "R53", Title: "Item and RCK entry presented for payment", Kind: KindReturn, Initiator: rdfi, Account: "C", Window: Window60CD, WSUD: true,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true, Notes: "RCK"},
	{Code: "R61", Title: "Misrouted return", Kind: KindDishonored, Initiator: odfi, Account: "C/N", Window: WindowDishonor, Category: CategoryOther, Notes: "dishonor; not for IAT"},
	{Code: "R62", Title: "Return of erroneous or reversing debit", Kind: KindDishonored, Initiator: odfi, Account: "C/N", Window: WindowDishonor, Category: CategoryOther, Notes: "since 2015-03-20; legacy meaning: incorrect trace number"},
	{Code: "R67", Title: "Duplicate return", Kind: KindDishonored, Initiator: odfi, Account: "C/N", Window: WindowDishonor, Category: CategoryOther},
	{Code: "R68", Title: "Untimely return", Description: "Untimely Return", Kind: KindDishonored, Initiator: odfi, Account: "C/N", Window: WindowDishonor,
		Category: CategoryOther, SeedLine: 1656, Notes: "a dishonor code, read only from dishonor addenda (returns.md §9 #18)"},
	{Code: "R69", Title: "Field error(s)", Kind: KindDishonored, Initiator: odfi, Account: "C/N", Window: WindowDishonor, Category: CategoryOther, Notes: "field-error codes 01-07 in the dishonor addenda"},
	{Code: "R70", Title: "Permissible return entry not accepted / return not requested by ODFI", Kind: KindDishonored, Initiator: odfi, Account: "C/N", Window: WindowDishonor, Category: CategoryOther, Notes: "answers R06 and R31"},
	{Code: "R71", Title: "Misrouted dishonored return", Kind: KindContested, Initiator: rdfi, Account: "C/N", Window: WindowContest, Category: CategoryOther, Notes: "answers R61"},
	{Code: "R72", Title: "Untimely dishonored return", Kind: KindContested, Initiator: rdfi, Account: "C/N", Window: WindowContest, Category: CategoryOther, Notes: "answers any dishonor"},
	{Code: "R73", Title: "Timely original return", Kind: KindContested, Initiator: rdfi, Account: "C/N", Window: WindowContest, Category: CategoryOther, Notes: "answers R68"},
	{Code: "R74", Title: "Corrected return", Kind: KindContested, Initiator: rdfi, Account: "C/N", Window: WindowContest, Category: CategoryOther, Notes: "answers R69"},
	{Code: "R75", Title: "Return not a duplicate", Kind: KindContested, Initiator: rdfi, Account: "C/N", Window: WindowContest, Category: CategoryOther, Notes: "answers R67"},
	{Code: "R76", Title: "No errors found", Kind: KindContested, Initiator: rdfi, Account: "C/N", Window: WindowContest, Category: CategoryOther, Notes: "answers R69"},
	{Code: "R77", Title: "Non-acceptance of R62 dishonored return", Kind: KindContested, Initiator: rdfi, Account: "C/N", Window: WindowContest, Category: CategoryOther, Notes: "answers R62"},
	{Code: "R80", Title: "IAT entry coding error", Kind: KindReturn, Initiator: gateway, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true},
	{Code: "R81", Title: "Non-participant in IAT program", Kind: KindReturn, Initiator: gateway, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true},
	{Code: "R82", Title: "Invalid foreign receiving DFI identification", Kind: KindReturn, Initiator: gateway, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true},
	{Code: "R83", Title: "Foreign receiving DFI unable to settle", Kind: KindReturn, Initiator: gateway, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true},
	{Code: "R84", Title: "Entry not processed by Gateway", Kind: KindReturn, Initiator: gateway, Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true},
	{Code: "R85", Title: "Incorrectly coded outbound international payment", Kind: KindReturn, Initiator: "RDFI/Gateway", Account: "C/N", Window: Window2BD,
		Category: CategoryOther, Dishonor: DishonorAuto, Proposed: true},
	{Code: "R90", Title: "Entry returned due to RDFI's sanctions compliance obligations", Kind: KindReturn, Initiator: "RDFI/Gateway", Account: "C/N", Window: WindowOwn,
		Category: CategoryOther, LocksNode: true, LocksUser: true, Dishonor: DishonorNo, Proposed: true, Notes: "effective 2028-03-17; hold for compliance"},
}

// unknownACH is the policy of an ACH code no table lists (lenient mode):
// Other, the 2-BD window with the platform's tolerance, no locks, never
// dishonored automatically; reviewed by hand (returns.md §4.2).
var unknownACH = ACHCode{Title: "Unknown return reason", Kind: KindReturn, Window: Window2BD, Category: CategoryOther, Dishonor: DishonorNo}

// ACHCodes returns the ACH catalogue in code order, as the network and the
// seed define it (no configuration applied; see Policy.ACH).
func ACHCodes() []ACHCode { return append([]ACHCode(nil), achTable...) }

func (c ACHCode) info() Info {
	return Info{
		Code: c.Code, Family: FamilyACH, Description: c.desc(), Category: c.Category,
		LocksNode: c.LocksNode, LocksUser: c.LocksUser, Window: c.Window, Unauthorized: c.Unauthorized,
		Title: c.Title, Kind: c.Kind, Source: source(c.SeedLine), Initiator: c.Initiator, Dishonor: c.Dishonor,
		SandboxAmount: sandbox(c.SandboxCents), Notes: c.Notes,
	}
}

func (c ACHCode) desc() string {
	if c.Description != "" {
		return c.Description
	}
	return c.Title
}

func source(seedLine int) string {
	if seedLine > 0 {
		return "seed"
	}
	return "network default"
}
