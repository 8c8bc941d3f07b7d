package returns

import (
	"errors"
	"fmt"
	"testing"

	"github.com/railyardhq/railyard/ach"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSeedACHTable pins every row of seed 002's ACH return table
// (returns.md §4.1): description, locks, seed line and sandbox amount, as
// the default policy applies them.
func TestSeedACHTable(t *testing.T) {
	tests := []struct {
		code, desc           string
		line                 int
		node, user           bool
		sandbox              string
		category             Category // the effective category (§4.2)
		seedCategoryDiffers  bool     // R11: seed says Other (§9 #5)
		seedWindowDiffersFor Window   // R29 (seed 60 days), R33 (seed 3 BD)
	}{
		{"R01", "Insufficient Funds", 1464, false, false, "222.22", CategoryOther, false, ""},
		{"R02", "Account Closed", 1472, true, false, "222.23", CategoryAdministrative, false, ""},
		{"R03", "No Account/Unable to Locate Account", 1480, true, false, "222.24", CategoryAdministrative, false, ""},
		{"R04", "Invalid Account Number", 1488, true, false, "222.25", CategoryAdministrative, false, ""},
		{"R06", "Returned Per ODFI's Request", 1496, false, false, "222.26", CategoryOther, false, ""},
		{"R07", "Authorization Revoked by Customer", 1504, true, true, "222.27", CategoryUnauthorized, false, ""},
		{"R08", "Payment Stopped", 1512, true, false, "222.28", CategoryOther, false, ""},
		{"R09", "Uncollected Funds", 1520, false, false, "222.29", CategoryOther, false, ""},
		{"R10", "Customer Advises Not Authorized", 1528, true, true, "222.30", CategoryUnauthorized, false, ""},
		{"R11", "Check Safekeeping Entry Return", 1536, false, false, "222.31", CategoryUnauthorized, true, ""},
		{"R12", "Branch Sold To Another DFI", 1544, true, false, "222.32", CategoryOther, false, ""},
		{"R13", "RDFI Not Qualified to Participate", 1552, true, false, "222.33", CategoryOther, false, ""},
		{"R14", "Account Holder Deceased", 1560, true, true, "222.34", CategoryOther, false, ""},
		{"R16", "Account Frozen", 1568, true, false, "222.35", CategoryOther, false, ""},
		{"R17", "File Record Edit Criteria", 1576, false, false, "222.36", CategoryOther, false, ""},
		{"R20", "Non-Transaction Account", 1584, true, false, "222.37", CategoryOther, false, ""},
		{"R21", "Invalid Company Identification", 1592, false, false, "222.38", CategoryOther, false, ""},
		{"R22", "Invalid Individual ID Number", 1600, false, false, "222.39", CategoryOther, false, ""},
		{"R23", "Credit Refused by Receiver", 1608, false, false, "222.40", CategoryOther, false, ""},
		{"R24", "Duplicate Entry", 1616, false, false, "222.41", CategoryOther, false, ""},
		{"R29", "Corporate Customer Advises Not Authorized", 1624, true, true, "222.42", CategoryUnauthorized, false, Window2BD},
		{"R31", "Permissible Return Entry", 1632, false, false, "222.43", CategoryOther, false, ""},
		{"R33", "Return of XCK Entry", 1640, false, false, "222.44", CategoryOther, false, Window60CD},
		{"R34", "Limited participation DFI", 1648, true, false, "222.45", CategoryOther, false, ""},
		{"R68", "Untimely Return", 1656, false, false, "", CategoryOther, false, ""},
	}
	seen := 0
	for _, c := range achTable {
		if c.SeedLine > 0 {
			seen++
		}
	}
	assert.Equal(t, len(tests), seen, "the seed table has 25 codes")
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			in, err := DefaultPolicy().Info(FamilyACH, tt.code)
			require.NoError(t, err)
			assert.Equal(t, tt.desc, in.Description)
			assert.Equal(t, tt.node, in.LocksNode, "locks node")
			assert.Equal(t, tt.user, in.LocksUser, "locks user")
			assert.Equal(t, tt.category, in.Category)
			assert.Equal(t, tt.sandbox, in.SandboxAmount)
			assert.Equal(t, "seed", in.Source)
			assert.Equal(t, tt.line, achIndex[tt.code].SeedLine)
			if tt.seedWindowDiffersFor != "" {
				assert.Equal(t, tt.seedWindowDiffersFor, in.Window, "network window wins (§9 #6, #7)")
			}
		})
	}
}

// TestEffectiveACHPolicy pins every row of returns.md §4.2.
func TestEffectiveACHPolicy(t *testing.T) {
	type row struct {
		codes      []string
		category   Category
		window     Window
		node, user bool
		dishonor   Dishonor
	}
	rows := []row{
		{[]string{"R01", "R09"}, CategoryOther, Window2BD, false, false, DishonorAuto},
		{[]string{"R02", "R03", "R04"}, CategoryAdministrative, Window2BD, true, false, DishonorAuto},
		{[]string{"R05"}, CategoryUnauthorized, Window60CD, true, true, DishonorAuto},
		{[]string{"R06"}, CategoryOther, WindowAgreed, false, false, DishonorByHand},
		{[]string{"R07", "R10"}, CategoryUnauthorized, Window60CD, true, true, DishonorAuto},
		{[]string{"R08"}, CategoryOther, Window2BD, true, false, DishonorAuto},
		{[]string{"R11"}, CategoryUnauthorized, Window60CD, false, false, DishonorAuto},
		{[]string{"R12", "R16", "R20"}, CategoryOther, Window2BD, true, false, DishonorAuto},
		{[]string{"R13", "R34"}, CategoryOther, WindowNextFile, true, false, DishonorNever},
		{[]string{"R14"}, CategoryOther, Window2BD, true, true, DishonorAuto},
		{[]string{"R15"}, CategoryOther, Window2BD, true, true, DishonorAuto},
		{[]string{"R17", "R21", "R22", "R24"}, CategoryOther, Window2BD, false, false, DishonorAuto},
		{[]string{"R18", "R19", "R25", "R26", "R27", "R30", "R32", "R35", "R36"}, CategoryOther, WindowNextFile, false, false, DishonorNever},
		{[]string{"R28"}, CategoryOther, WindowNextFile, true, false, DishonorNever},
		{[]string{"R23"}, CategoryOther, WindowAfterRefusal, false, false, DishonorNo},
		{[]string{"R29"}, CategoryUnauthorized, Window2BD, true, true, DishonorAuto},
		{[]string{"R31"}, CategoryOther, WindowAgreed, false, false, DishonorByHand},
		{[]string{"R33", "R37", "R38", "R52", "R53"}, CategoryOther, Window60CD, false, false, DishonorAuto},
		{[]string{"R39", "R50"}, CategoryOther, Window2BD, false, false, DishonorAuto},
		{[]string{"R51"}, CategoryUnauthorized, Window60CD, true, true, DishonorAuto},
		{[]string{"R40", "R41", "R42", "R43", "R44", "R45", "R46", "R47"}, CategoryOther, WindowNone, false, false, DishonorNever},
		{[]string{"R61", "R62", "R67", "R68", "R69", "R70"}, CategoryOther, WindowDishonor, false, false, ""},
		{[]string{"R71", "R72", "R73", "R74", "R75", "R76", "R77"}, CategoryOther, WindowContest, false, false, ""},
		{[]string{"R80", "R81", "R82", "R83", "R84", "R85"}, CategoryOther, Window2BD, false, false, DishonorAuto},
		{[]string{"R90"}, CategoryOther, WindowOwn, true, true, DishonorNo},
	}
	covered := map[string]bool{}
	p := DefaultPolicy()
	for _, r := range rows {
		for _, code := range r.codes {
			c, ok := p.ACH(code)
			require.True(t, ok, code)
			covered[code] = true
			assert.Equal(t, r.category, c.Category, "%s category", code)
			assert.Equal(t, r.window, c.Window, "%s window", code)
			assert.Equal(t, r.node, c.LocksNode, "%s locks node", code)
			assert.Equal(t, r.user, c.LocksUser, "%s locks user", code)
			assert.Equal(t, r.dishonor, c.Dishonor, "%s dishonor", code)
			switch c.Kind {
			case KindDishonored, KindContested:
			default:
				assert.Equal(t, c.Window == WindowNextFile, c.Kind == KindOperatorReject, "%s: Operator rejects are exactly the next-file codes", code)
			}
		}
	}
	assert.Len(t, covered, len(achTable), "every ACH code has a §4.2 row")
	// The unauthorized-rate group (§2.3).
	var unauth []string
	for _, c := range achTable {
		if c.Unauthorized {
			unauth = append(unauth, c.Code)
		}
	}
	assert.Equal(t, []string{"R05", "R07", "R10", "R11", "R29", "R51"}, unauth)
}

// TestCataloguesMatchACHCodec: the ach codec and returns agree on which
// return and change codes exist.
func TestCataloguesMatchACHCodec(t *testing.T) {
	for n := 0; n <= 99; n++ {
		r := fmt.Sprintf("R%02d", n)
		_, ok := achIndex[r]
		assert.Equal(t, ach.KnownReturnCode(r), ok, r)
		c := fmt.Sprintf("C%02d", n)
		_, ok = nocIndex[c]
		assert.Equal(t, ach.KnownChangeCode(c), ok, c)
	}
	for _, c := range []string{"C10", "C11", "C12"} {
		_, ok := nocIndex[c]
		assert.False(t, ok, "%s is not a valid code", c)
	}
}

// TestRPPSTable pins the seed's RPPS list (returns.md §6).
func TestRPPSTable(t *testing.T) {
	seed := []struct{ code, desc string }{
		{"R02", "Account Closed"}, {"R03", "Account Number Invalid"}, {"R04", "Wrong Account Number"},
		{"R05", "Pre-Notification Error"}, {"R06", "Originator Requested Return"}, {"R07", "Authorization Revoked"},
		{"R08", "Payment Stopped Settlement"}, {"R09", "Uncollected Funds"}, {"R10", "Advised Unauthorized"},
		{"R12", "Branch Sold"}, {"R14", "Payee Deceased"}, {"R15", "Beneficiary Deceased"}, {"R16", "Account Frozen"},
		{"R17", "File Edit -Record Criteria"}, {"R18", "Wrong Entry Date"}, {"R19", "Account Error"},
		{"R20", "Non Transaction Account"}, {"R21", "Wrong BillerId"}, {"R22", "Account Number Mistake"},
		{"R23", "Payment refused by Biller"}, {"R24", "Duplicate Entry"}, {"R25", "Fair share Amount"},
		{"R29", "Advised Unauthorized"}, {"R31", "Permissible Return Entry"}, {"R42", "Routing Number Error / Check Digit Error"},
		{"R43", "DFI account Number"}, {"R61", "Misrouted Return"}, {"R62", "Trace Number Error"},
		{"R63", "Dollar Amount Mismatch"}, {"R64", "Individual Identification"}, {"R65", "Invalid Transaction Code"},
		{"R66", "Invalid Company Identification"}, {"R67", "Duplicate Return"}, {"R68", "Untimely Return"},
		{"R69", "Multiple Errors"}, {"R70", "Permissible Return Entry Not Accepted"}, {"R71", "Misrouted Dishonored Return"},
		{"R72", "Untimely Dishonored Timely"}, {"R73", "Timely Original Return"}, {"R74", "Corrected Return"},
		{"R80", "Cross Border Payment Coding Error"}, {"R81", "Non-Cross Border Participant"}, {"R82", "Foreigner Receiver ID"},
		{"R83", "Unable to Settle"}, {"R84", "Not Processed"}, {"R85", "Fair Share Rebate"},
	}
	locks := map[string]bool{"R02": true, "R03": true, "R04": true, "R21": true, "R22": true}
	p := DefaultPolicy()
	for i, s := range seed {
		c, ok := p.RPPS(s.code)
		require.True(t, ok, s.code)
		assert.Equal(t, s.desc, c.Description, s.code)
		assert.Equal(t, 3260+4*i, c.SeedLine, s.code)
		assert.Equal(t, int64(22353+i), c.SandboxCents, s.code)
		assert.Equal(t, locks[s.code], c.LocksNode, s.code)
		in, err := p.Info(FamilyRPPS, s.code)
		require.NoError(t, err)
		assert.False(t, in.LocksUser)
		assert.Equal(t, CategoryOther, in.Category)
	}
	// RPPS R05 is not ACH R05 (§9 #12).
	a, _ := Lookup("R05")
	r, _ := Lookup("RPPS:R05")
	assert.Equal(t, FamilyACH, a.Family)
	assert.Equal(t, "Pre-Notification Error", r.Description)
}

// TestCheckTable pins the CHR table (returns.md §7.2): the X9 reason and
// list of every code, the seed's categories and windows.
func TestCheckTable(t *testing.T) {
	customer := "ABCDEFGHIJKLMNOPQRSTUWXYZ3456"
	admin := "IQTUVY123456"
	require.Len(t, checkTable, 41)
	for i, c := range checkTable {
		n := i + 1
		assert.Equal(t, fmt.Sprintf("CHR%02d", n), c.Code)
		if n <= 29 {
			assert.Equal(t, string(customer[i]), c.X9Reason, c.Code)
			assert.Equal(t, X9Customer, c.X9List, c.Code)
		} else {
			assert.Equal(t, string(admin[i-29]), c.X9Reason, c.Code)
			assert.Equal(t, X9Administrative, c.X9List, c.Code)
		}
		assert.Equal(t, 3472+4*(n-1), c.SeedLine, c.Code)
		// Sandbox amounts: CHR01-03 = 223.12-223.14, CHRn = 223.12 + 0.01(n-2) for n >= 5, none for CHR04 (§9 #10).
		switch {
		case n <= 3:
			assert.Equal(t, int64(22311+n), c.SandboxCents, c.Code)
		case n == 4:
			assert.Zero(t, c.SandboxCents)
		default:
			assert.Equal(t, int64(22312+n-2), c.SandboxCents, c.Code)
		}
	}
	unauth := map[string]bool{"CHR03": true, "CHR14": true, "CHR17": true, "CHR24": true, "CHR25": true, "CHR26": true}
	for _, c := range checkTable {
		assert.Equal(t, unauth[c.Code], c.Unauthorized, c.Code)
		wantCat, wantWin := CategoryOther, Window3BD
		switch c.Code {
		case "CHR02", "CHR03", "CHR04":
			wantCat = CategoryAdministrative // CHR03: administrative timing (§9 #3)
		case "CHR14", "CHR17", "CHR24", "CHR26":
			wantCat, wantWin = CategoryUnauthorized, Window60CD
		case "CHR25":
			wantCat, wantWin = CategoryUnauthorized, WindowNoLimit
		case "CHR28":
			wantWin = WindowNoLimit
		}
		assert.Equal(t, wantCat, c.Category, c.Code)
		assert.Equal(t, wantWin, c.Window, c.Code)
		lock := c.Code == "CHR14" || c.Code == "CHR17" || c.Code == "CHR25" || c.Code == "CHR28"
		assert.Equal(t, lock, c.LocksUser, c.Code)
	}
	assert.Equal(t, "NSF – customer does not have sufficient funds to cover the item", checkIndex["CHR01"].Description)
	assert.Equal(t, "Closed account – the item’s account has been closed", checkIndex["CHR04"].Description)
	assert.Equal(t, "Forged and Counterfeit Warranty Breach", checkIndex["CHR40"].Description)
}

// TestX9Mapping: every X9 reason in both lists, and the choice rules of
// returns.md §7.3.
func TestX9Mapping(t *testing.T) {
	p := DefaultPolicy()
	customer := map[string]string{"A": "CHR01", "B": "CHR02", "C": "CHR03", "D": "CHR04", "E": "CHR05", "F": "CHR06", "G": "CHR07",
		"H": "CHR08", "I": "CHR09", "J": "CHR10", "K": "CHR11", "L": "CHR12", "M": "CHR13", "N": "CHR14", "O": "CHR15", "P": "CHR16",
		"Q": "CHR17", "R": "CHR18", "S": "CHR19", "T": "CHR20", "U": "CHR21", "W": "CHR22", "X": "CHR23", "Y": "CHR24", "Z": "CHR25",
		"3": "CHR26", "4": "CHR27", "5": "CHR28", "6": "CHR29"}
	admin := map[string]string{"I": "CHR30", "Q": "CHR31", "T": "CHR32", "U": "CHR33", "V": "CHR34", "Y": "CHR35",
		"1": "CHR36", "2": "CHR37", "3": "CHR38", "4": "CHR39", "5": "CHR40", "6": "CHR41"}
	for reason, want := range customer {
		for _, ind := range []string{"R", "N", "", " ", "X"} {
			got, warns, unknown, err := p.CHRCode(reason, ind)
			require.NoError(t, err)
			assert.Equal(t, want, got, "reason %s indicator %q", reason, ind)
			assert.Empty(t, warns)
			assert.False(t, unknown)
		}
		got, err := chr(p, reason, "E")
		require.NoError(t, err)
		if a, ok := admin[reason]; ok {
			assert.Equal(t, a, got, "reason %s under E", reason)
		} else {
			assert.Equal(t, want, got, "reason %s under E: customer list with a warning", reason)
			_, warns, _, _ := p.CHRCode(reason, "E")
			assert.Equal(t, []string{fmt.Sprintf("reason %q not in administrative list: read in the customer list", reason)}, warns)
		}
	}
	for reason, want := range admin {
		got, err := chr(p, reason, "E")
		require.NoError(t, err)
		assert.Equal(t, want, got, "reason %s under E", reason)
	}
	for _, reason := range []string{"V", "1", "2"} { // only in the administrative list
		for _, ind := range []string{"R", "", "N"} {
			got, err := chr(p, reason, ind)
			require.NoError(t, err)
			assert.Equal(t, admin[reason], got)
		}
	}
	// J: a rejected return, not a CHR code.
	_, err := chr(p, "A", "J")
	assert.ErrorIs(t, err, ErrRejectReturn)
	// Reserved reasons: strict error, lenient CHR15.
	for _, reason := range []string{"7", "8", "9", "0", "", "AA"} {
		_, err := chr(p, reason, "R")
		assert.ErrorIs(t, err, ErrUnknownCode, reason)
		got, warns, unknown, err := (&Policy{Lenient: true}).CHRCode(reason, "R")
		require.NoError(t, err)
		assert.Equal(t, "CHR15", got)
		assert.True(t, unknown)
		assert.NotEmpty(t, warns)
	}
	// The golden line of x9.md §9.2.
	for reason, want := range map[string]string{"A": "CHR01", "C": "CHR03", "D": "CHR04", "N": "CHR14", "U": "CHR21", "Z": "CHR25", "3": "CHR26"} {
		got, err := chr(p, reason, "R")
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
}

func chr(p *Policy, reason, ind string) (string, error) {
	c, _, _, err := p.CHRCode(reason, ind)
	return c, err
}

// TestWireTables pins the WR codes (returns.md §8.1) and the whole WR ↔
// ISO table (§8.2).
func TestWireTables(t *testing.T) {
	titles := []string{"Return Per Customer Request", "Return Per Platform Request", "Account Closed/Frozen",
		"Compliance Concerns (Additional Documents Required)", "Country Not Allowed", "Exceeds User's Limits",
		"Exceeds Platform's Limits", "Name Mismatch", "Inactive Account", "Invalid Account Number", "Duplicate Transaction",
		"Outside of Allowed Flow of Funds", "Return per ODFI Request (Recall Received)", "Detailed transaction reason not sufficient",
		"Beneficiary address invalid", "Beneficiary name invalid", "Below $1,000 USD minimum", "Verbal verification form required",
		"Verbal verification form invalid", "Correspondent bank details invalid"}
	send := []string{"CUST", "MS03", "AC04", "RR04", "AG01", "AM02", "AM02", "BE01", "AC06", "AC03", "DUPL", "AG01", "FOCR",
		"NARR", "BE04", "RR03", "AM06", "NARR", "NARR", "RC01"}
	require.Len(t, wireTable, 22)
	for i, title := range titles {
		c := wireTable[i]
		assert.Equal(t, fmt.Sprintf("WR%02d", i+1), c.Code)
		assert.Equal(t, title, c.Title)
		assert.Equal(t, send[i], c.ISOSend, c.Code)
		assert.Equal(t, KindWireReturn, c.Kind)
		if i < 12 {
			assert.Equal(t, 3074+4*i, c.SeedLine, c.Code)
		} else {
			assert.Equal(t, 3218+4*(i-12), c.SeedLine, c.Code)
		}
		if i < 8 {
			assert.Equal(t, int64(22304+i), c.SandboxCents, c.Code)
		}
		in, err := DefaultPolicy().Info(FamilyWire, c.Code)
		require.NoError(t, err)
		assert.False(t, in.LocksNode || in.LocksUser, "no locks for WR codes")
		assert.Equal(t, WindowNone, in.Window)
	}
	assert.Equal(t, "COUNTRY NOT ALLOWED", wireIndex["WR05"].ISOInfo)
	assert.Equal(t, "INACTIVE", wireIndex["WR09"].ISOInfo)
	assert.Equal(t, KindProviderError, wireIndex["R69"].Kind)
	assert.Equal(t, KindProviderError, wireIndex["R83"].Kind)

	received := map[string]string{
		"CUST": "WR01", "MD06": "WR01", "MS02": "WR01",
		"MS03": "WR02", "NARR": "WR02", "FR01": "WR02", "FRAD": "WR02", "UPAY": "WR02",
		"AC04": "WR03", "AC06": "WR03", "RR04": "WR04", "AM02": "WR06", "BE01": "WR08",
		"AC01": "WR10", "AC03": "WR10", "DUPL": "WR11", "AM05": "WR11", "AG01": "WR12", "FOCR": "WR13",
		"BE04": "WR15", "RR03": "WR16", "AM06": "WR17", "RC01": "WR20", "RC07": "WR20", "RC08": "WR20",
	}
	p := DefaultPolicy()
	for iso, want := range received {
		sc, err := p.MapWireReturn(WireReturn{Format: ISO20022, Reason: iso, UETR: "8a562c67-ca16-48ba-b074-65581be6f011"}, Context{})
		require.NoError(t, err, iso)
		assert.Equal(t, want, sc.Code, iso)
		assert.Equal(t, iso, sc.Raw)
		assert.Equal(t, Returned, sc.Status)
	}
	// Codes that send no WR of their own: WR05, WR07, WR09, WR14, WR18, WR19 receive nothing.
	for _, wr := range []string{"WR05", "WR07", "WR09", "WR14", "WR18", "WR19"} {
		in, _ := p.Info(FamilyWire, wr)
		assert.Empty(t, in.ISOReceived, wr)
	}
	in, _ := p.Info(FamilyWire, "WR03")
	assert.Equal(t, []string{"AC04", "AC06"}, in.ISOReceived)
}

func TestSplitCodeAndLookup(t *testing.T) {
	for in, want := range map[string]struct {
		f    Family
		code string
	}{
		"R02": {FamilyACH, "R02"}, "r02": {FamilyACH, "R02"}, "ACH:R02": {FamilyACH, "R02"}, "C01": {FamilyNOC, "C01"},
		"CHR01": {FamilyCheck, "CHR01"}, "WR03": {FamilyWire, "WR03"}, "SWIFT:R69": {FamilyWire, "R69"},
		"RPPS:R05": {FamilyRPPS, "R05"}, "X9:CHR14": {FamilyCheck, "CHR14"},
	} {
		f, code, ok := SplitCode(in)
		assert.True(t, ok, in)
		assert.Equal(t, want.f, f, in)
		assert.Equal(t, want.code, code, in)
	}
	_, _, ok := SplitCode("Z99")
	assert.False(t, ok)
	_, err := Lookup("R97")
	assert.True(t, errors.Is(err, ErrUnknownCode))
	in, err := Lookup("SWIFT:R69")
	require.NoError(t, err)
	assert.Equal(t, "multiple errors", in.Description)
	in, err = Lookup("R69")
	require.NoError(t, err)
	assert.Equal(t, "Field error(s)", in.Description)
}
