package returns

// RPPSCode is one RPPS return code (returns.md §6). RPPS codes share the R
// prefix with Nacha's but several mean something else (R05, R19, R25, R62,
// R85), so they are a family of their own: RPPS:R05 is not ACH:R05.
type RPPSCode struct {
	Code string
	// Description is the seed's wording (seed 002), or the RPPS provider's
	// for the codes the seed does not list.
	Description string
	// Nacha says how the code relates to the Nacha code of the same number.
	Nacha        string
	SeedLine     int
	SandboxCents int64
	// LocksNode: the biller account (RPPS node) is locked. No RPPS code
	// locks the user (returns.md §6, RPPS policy).
	LocksNode bool
}

// rppsTable is the seed's RPPS list (seed 002, lines 3260-3440; sandbox
// amounts 223.53-223.98) and three codes of an RPPS provider's list.
var rppsTable = []RPPSCode{
	{Code: "R01", Description: "Insufficient Funds", Nacha: "same (RPPS provider list; not in the seed)"},
	{Code: "R02", Description: "Account Closed", Nacha: "same", SeedLine: 3260, SandboxCents: 22353, LocksNode: true},
	{Code: "R03", Description: "Account Number Invalid", Nacha: "same idea", SeedLine: 3264, SandboxCents: 22354, LocksNode: true},
	{Code: "R04", Description: "Wrong Account Number", Nacha: "same idea", SeedLine: 3268, SandboxCents: 22355, LocksNode: true},
	{Code: "R05", Description: "Pre-Notification Error", Nacha: "differs (Nacha: unauthorized corporate debit)", SeedLine: 3272, SandboxCents: 22356},
	{Code: "R06", Description: "Originator Requested Return", Nacha: "same", SeedLine: 3276, SandboxCents: 22357},
	{Code: "R07", Description: "Authorization Revoked", Nacha: "same", SeedLine: 3280, SandboxCents: 22358},
	{Code: "R08", Description: "Payment Stopped Settlement", Nacha: "same", SeedLine: 3284, SandboxCents: 22359},
	{Code: "R09", Description: "Uncollected Funds", Nacha: "same", SeedLine: 3288, SandboxCents: 22360},
	{Code: "R10", Description: "Advised Unauthorized", Nacha: "same", SeedLine: 3292, SandboxCents: 22361},
	{Code: "R12", Description: "Branch Sold", Nacha: "same", SeedLine: 3296, SandboxCents: 22362},
	{Code: "R14", Description: "Payee Deceased", Nacha: "same", SeedLine: 3300, SandboxCents: 22363},
	{Code: "R15", Description: "Beneficiary Deceased", Nacha: "same", SeedLine: 3304, SandboxCents: 22364},
	{Code: "R16", Description: "Account Frozen", Nacha: "same", SeedLine: 3308, SandboxCents: 22365},
	{Code: "R17", Description: "File Edit -Record Criteria", Nacha: "same", SeedLine: 3312, SandboxCents: 22366},
	{Code: "R18", Description: "Wrong Entry Date", Nacha: "same", SeedLine: 3316, SandboxCents: 22367},
	{Code: "R19", Description: "Account Error", Nacha: "differs (Nacha: amount field error)", SeedLine: 3320, SandboxCents: 22368},
	{Code: "R20", Description: "Non Transaction Account", Nacha: "same", SeedLine: 3324, SandboxCents: 22369},
	{Code: "R21", Description: "Wrong BillerId", Nacha: "biller form of invalid company id", SeedLine: 3328, SandboxCents: 22370, LocksNode: true},
	{Code: "R22", Description: "Account Number Mistake", Nacha: "biller form of invalid individual id", SeedLine: 3332, SandboxCents: 22371, LocksNode: true},
	{Code: "R23", Description: "Payment refused by Biller", Nacha: "same idea", SeedLine: 3336, SandboxCents: 22372},
	{Code: "R24", Description: "Duplicate Entry", Nacha: "same", SeedLine: 3340, SandboxCents: 22373},
	{Code: "R25", Description: "Fair share Amount", Nacha: "differs (Nacha: addenda error)", SeedLine: 3344, SandboxCents: 22374},
	{Code: "R26", Description: "Partial Return", Nacha: "differs (Nacha: mandatory field error); RPPS provider list, not in the seed"},
	{Code: "R29", Description: "Advised Unauthorized", Nacha: "same", SeedLine: 3348, SandboxCents: 22375},
	{Code: "R31", Description: "Permissible Return Entry", Nacha: "same", SeedLine: 3352, SandboxCents: 22376},
	{Code: "R42", Description: "Routing Number Error / Check Digit Error", Nacha: "Nacha: ENR only", SeedLine: 3356, SandboxCents: 22377},
	{Code: "R43", Description: "DFI account Number", Nacha: "Nacha: ENR only", SeedLine: 3360, SandboxCents: 22378},
	{Code: "R61", Description: "Misrouted Return", Nacha: "same", SeedLine: 3364, SandboxCents: 22379},
	{Code: "R62", Description: "Trace Number Error", Nacha: "differs (legacy meaning; Nacha now: erroneous/reversing debit)", SeedLine: 3368, SandboxCents: 22380},
	{Code: "R63", Description: "Dollar Amount Mismatch", Nacha: "legacy (unassigned in Nacha)", SeedLine: 3372, SandboxCents: 22381},
	{Code: "R64", Description: "Individual Identification", Nacha: "legacy", SeedLine: 3376, SandboxCents: 22382},
	{Code: "R65", Description: "Invalid Transaction Code", Nacha: "legacy", SeedLine: 3380, SandboxCents: 22383},
	{Code: "R66", Description: "Invalid Company Identification", Nacha: "legacy", SeedLine: 3384, SandboxCents: 22384},
	{Code: "R67", Description: "Duplicate Return", Nacha: "same", SeedLine: 3388, SandboxCents: 22385},
	{Code: "R68", Description: "Untimely Return", Nacha: "same", SeedLine: 3392, SandboxCents: 22386},
	{Code: "R69", Description: "Multiple Errors", Nacha: "same idea (field errors)", SeedLine: 3396, SandboxCents: 22387},
	{Code: "R70", Description: "Permissible Return Entry Not Accepted", Nacha: "same", SeedLine: 3400, SandboxCents: 22388},
	{Code: "R71", Description: "Misrouted Dishonored Return", Nacha: "same", SeedLine: 3404, SandboxCents: 22389},
	{Code: "R72", Description: "Untimely Dishonored Timely", Nacha: "same (seed wording garbled)", SeedLine: 3408, SandboxCents: 22390},
	{Code: "R73", Description: "Timely Original Return", Nacha: "same", SeedLine: 3412, SandboxCents: 22391},
	{Code: "R74", Description: "Corrected Return", Nacha: "same", SeedLine: 3416, SandboxCents: 22392},
	{Code: "R80", Description: "Cross Border Payment Coding Error", Nacha: "same idea", SeedLine: 3420, SandboxCents: 22393},
	{Code: "R81", Description: "Non-Cross Border Participant", Nacha: "same idea", SeedLine: 3424, SandboxCents: 22394},
	{Code: "R82", Description: "Foreigner Receiver ID", Nacha: "same idea", SeedLine: 3428, SandboxCents: 22395},
	{Code: "R83", Description: "Unable to Settle", Nacha: "same idea", SeedLine: 3432, SandboxCents: 22396},
	{Code: "R84", Description: "Not Processed", Nacha: "same idea", SeedLine: 3436, SandboxCents: 22397},
	{Code: "R85", Description: "Fair Share Rebate", Nacha: "differs (Nacha: incorrectly coded outbound international payment)", SeedLine: 3440, SandboxCents: 22398},
	{Code: "R95", Description: "Rebate of Fair Share from Creditor", Nacha: "unassigned in Nacha; RPPS provider list, not in the seed"},
}

// RPPSCodes returns the RPPS catalogue in code order.
func RPPSCodes() []RPPSCode { return append([]RPPSCode(nil), rppsTable...) }

func (c RPPSCode) info() Info {
	src := source(c.SeedLine)
	if c.SeedLine == 0 {
		src = "rpps provider"
	}
	return Info{
		Code: c.Code, Family: FamilyRPPS, Description: c.Description, Category: CategoryOther,
		LocksNode: c.LocksNode, Window: WindowNone, Title: c.Description, Kind: KindReturn, Source: src,
		SandboxAmount: sandbox(c.SandboxCents), Notes: "Nacha meaning: " + c.Nacha,
	}
}
