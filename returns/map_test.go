package returns

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/cutoffs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func date(t *testing.T, s string) cutoffs.Date {
	t.Helper()
	d, err := cutoffs.ParseDate(s)
	require.NoError(t, err)
	return d
}

// TestNotes: the platform's note format, debit and credit.
func TestNotes(t *testing.T) {
	p := DefaultPolicy()
	debit, err := p.MapACHReturn(ACHReturn{Code: "R01", OriginalTrace: "091400600000001", TransactionCode: 26}, Context{})
	require.NoError(t, err)
	assert.Equal(t, "[Returned on Debit] R01 -- Insufficient Funds", debit.Note)
	assert.Equal(t, Returned, debit.Status)
	assert.Equal(t, "6", debit.Status.ID())
	credit, err := p.MapACHReturn(ACHReturn{Code: "R02", OriginalTrace: "091400600000003", TransactionCode: 21}, Context{})
	require.NoError(t, err)
	assert.Equal(t, "[Returned on Credit] R02 -- Account Closed", credit.Note)
	assert.True(t, credit.LocksNode)
	assert.False(t, credit.LocksUser)
	forced, _ := p.MapACHReturn(ACHReturn{Code: "R02", TransactionCode: 21}, Context{Side: SideDebit})
	assert.Equal(t, "[Returned on Debit] R02 -- Account Closed", forced.Note)

	for _, s := range []string{"[Returned on Debit] R02 -- Account Closed", "R02 -- Account Closed", "R02 - Account Closed"} {
		_, code, title, ok := ParseNote(s)
		assert.True(t, ok, s)
		assert.Equal(t, "R02", code)
		assert.Equal(t, "Account Closed", title)
	}
	tag, code, _, ok := ParseNote("[Returned on Credit] WR03 -- Account Closed/Frozen")
	assert.True(t, ok)
	assert.Equal(t, "Returned on Credit", tag)
	assert.Equal(t, "WR03", code)
	_, _, _, ok = ParseNote("Transaction Created.")
	assert.False(t, ok)
}

func TestStatuses(t *testing.T) {
	want := []struct {
		s    Status
		name string
		id   string
	}{
		{QueuedBySynapse, "QUEUED-BY-SYNAPSE", "-1"}, {Created, "CREATED", "1"}, {ProcessingDebit, "PROCESSING-DEBIT", "2"},
		{ProcessingCredit, "PROCESSING-CREDIT", "3"}, {Settled, "SETTLED", "4"}, {Canceled, "CANCELED", "5"}, {Returned, "RETURNED", "6"},
	}
	require.Len(t, Statuses(), len(want))
	for i, w := range want {
		assert.Equal(t, w.s, Statuses()[i])
		assert.Equal(t, w.name, w.s.String())
		assert.Equal(t, w.id, w.s.ID())
		for _, in := range []string{w.name, w.id} {
			got, err := ParseStatus(in)
			require.NoError(t, err)
			assert.Equal(t, w.s, got)
		}
	}
	assert.Equal(t, "", Unchanged.ID())
	_, err := ParseStatus("PENDING")
	assert.Error(t, err)

	js, err := json.Marshal(StatusChange{Status: Returned, Code: "R02", Note: "[Returned on Debit] R02 -- Account Closed", LocksNode: true, Category: CategoryAdministrative})
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(js, &m))
	assert.Equal(t, "RETURNED", m["status"])
	assert.Equal(t, "6", m["status_id"])
	assert.Equal(t, true, m["lock_node"])
	assert.Equal(t, false, m["lock_user"])
	assert.Equal(t, "administrative", m["category"])
	assert.NotContains(t, m, "deadline", "zero dates are omitted")
}

// TestLateness60CD: day 59/60/61/62 after settlement for a 60-day code.
// S = Fri 2026-01-02, S + 60 = Tue 03-03, NBD(S+60) = Wed 03-04 (day 61):
// days 59 to 61 are timely (the seed's "60 days or greater" would have
// rejected day 60; returns.md §9 #2), day 62 is too late and rejected with
// an R68 dishonor.
func TestLateness60CD(t *testing.T) {
	p := DefaultPolicy()
	s := date(t, "2026-01-02")
	for _, tt := range []struct {
		day    int
		want   Timeliness
		status Status
		action Action
	}{
		{59, Timely, Returned, ActionNone},
		{60, Timely, Returned, ActionNone},
		{61, Timely, Returned, ActionNone},
		{62, TooLate, Unchanged, ActionDishonor},
	} {
		recv := s.AddDays(tt.day)
		sc, err := p.MapACHReturn(ACHReturn{Code: "R10", OriginalTrace: "1", TransactionCode: 26}, Context{Settled: s, Received: recv})
		require.NoError(t, err)
		assert.Equal(t, tt.want, sc.Timeliness, "day %d (%s)", tt.day, recv)
		assert.Equal(t, tt.status, sc.Status, "day %d", tt.day)
		assert.Equal(t, tt.action, sc.Action, "day %d", tt.day)
		assert.Equal(t, "2026-03-04", sc.Deadline.String())
		if tt.action == ActionDishonor {
			assert.Equal(t, "R68", sc.DishonorCode)
			assert.Equal(t, "2026-03-12", sc.DishonorBy.String(), "5 banking days after the return settles (received day)")
			assert.Equal(t, "[Return Dishonored] R68 -- Untimely Return (R10)", sc.Note)
			assert.True(t, sc.LocksNode, "the locks still say what the code would do")
		} else {
			assert.Equal(t, "[Returned on Debit] R10 -- Customer Advises Not Authorized", sc.Note)
		}
	}
}

// TestLateness2BD: banking day 2/3/4 with Thanksgiving in between. S = Wed
// 2026-11-25; Thu 11-26 closed; BD1 Fri 11-27, BD2 Mon 11-30, BD3 Tue
// 12-01 (the platform's tolerance), BD4 Wed 12-02: late.
func TestLateness2BD(t *testing.T) {
	p := DefaultPolicy()
	s := date(t, "2026-11-25")
	for _, tt := range []struct {
		recv   string
		want   Timeliness
		action Action
	}{
		{"2026-11-26", Timely, ActionNone}, // Thanksgiving: counts as Fri 11-27
		{"2026-11-30", Timely, ActionNone}, // BD2, the network deadline
		{"2026-12-01", Timely, ActionNone}, // BD3, the platform's tolerance
		{"2026-12-02", Late, ActionDishonorByHand},
		{"2027-01-25", Late, ActionDishonorByHand}, // NBD(S+60): still inside 60 days
		{"2027-01-26", TooLate, ActionDishonor},
	} {
		sc, err := p.MapACHReturn(ACHReturn{Code: "R01", OriginalTrace: "1", TransactionCode: 26}, Context{Settled: s, Received: date(t, tt.recv)})
		require.NoError(t, err)
		assert.Equal(t, tt.want, sc.Timeliness, tt.recv)
		assert.Equal(t, tt.action, sc.Action, tt.recv)
		assert.Equal(t, "2026-12-01", sc.Deadline.String())
		switch tt.want {
		case Late:
			assert.Equal(t, Returned, sc.Status, "a late return inside 60 days is honored")
			assert.Equal(t, "R68", sc.DishonorCode)
		case TooLate:
			assert.Equal(t, Unchanged, sc.Status)
		}
	}
	// Too late, but past the dishonor deadline of the return: honored, flagged.
	sc, err := p.MapACHReturn(ACHReturn{Code: "R01", TransactionCode: 26},
		Context{Settled: s, Received: date(t, "2027-02-10"), ItemSettled: date(t, "2027-01-26")})
	require.NoError(t, err)
	assert.Equal(t, TooLate, sc.Timeliness)
	assert.Equal(t, Returned, sc.Status)
	assert.Equal(t, ActionReview, sc.Action)
	assert.NotEmpty(t, sc.Warnings)
	// R29: the network's 2-BD window, not the seed's 60 days (§9 #6).
	sc, _ = p.MapACHReturn(ACHReturn{Code: "R29", TransactionCode: 26}, Context{Settled: s, Received: date(t, "2026-12-02")})
	assert.Equal(t, Late, sc.Timeliness)
	assert.Equal(t, CategoryUnauthorized, sc.Category)
	// No window: an Operator reject, an agreed return, R23.
	for _, code := range []string{"R13", "R06", "R23", "R31"} {
		sc, _ = p.MapACHReturn(ACHReturn{Code: code, TransactionCode: 26}, Context{Settled: s, Received: date(t, "2027-06-01")})
		assert.Equal(t, Timeliness(""), sc.Timeliness, code)
		assert.Equal(t, Returned, sc.Status, code)
	}
	// Without dates nothing is judged.
	sc, _ = p.MapACHReturn(ACHReturn{Code: "R01"}, Context{})
	assert.Equal(t, Timeliness(""), sc.Timeliness)
	assert.True(t, sc.Deadline.IsZero())
}

func TestSecondReturn(t *testing.T) {
	sc, err := DefaultPolicy().MapACHReturn(ACHReturn{Code: "R01", TransactionCode: 26}, Context{AlreadyReturned: true, Received: date(t, "2026-11-25")})
	require.NoError(t, err)
	assert.Equal(t, Unchanged, sc.Status)
	assert.Equal(t, ActionDishonorByHand, sc.Action)
	assert.Equal(t, "R67", sc.DishonorCode)
	assert.Equal(t, "2026-12-03", sc.DishonorBy.String())
}

// TestDishonoredAndContested: §5.4.
func TestDishonoredAndContested(t *testing.T) {
	p := DefaultPolicy()
	d, err := p.MapACHReturn(ACHReturn{Code: "R68", OriginalTrace: "059999990000301", ReturnReasonCode: "01"}, Context{ItemSettled: date(t, "2026-11-25")})
	require.NoError(t, err)
	assert.Equal(t, KindDishonored, d.Kind)
	assert.Equal(t, Unchanged, d.Status)
	assert.Equal(t, ActionRevert, d.Action)
	assert.Equal(t, "[Return Dishonored] R68 -- Untimely Return (R01)", d.Note)
	assert.Equal(t, "2026-11-30", d.Deadline.String(), "contest within 2 banking days")

	c, err := p.MapACHReturn(ACHReturn{Code: "R73", OriginalTrace: "1", ReturnReasonCode: "10", DishonoredReturnReasonCode: "68", TransactionCode: 26}, Context{})
	require.NoError(t, err)
	assert.Equal(t, Returned, c.Status)
	assert.Equal(t, "R10", c.Code)
	assert.Equal(t, "R73", c.Raw)
	assert.Equal(t, "[Returned on Debit] R10 -- Customer Advises Not Authorized (contested R73)", c.Note)
	assert.True(t, c.LocksNode && c.LocksUser, "the original return's locks")
	assert.Equal(t, CategoryUnauthorized, c.Category)

	r74, _ := p.MapACHReturn(ACHReturn{Code: "R74", ReturnReasonCode: "R03", TransactionCode: 21}, Context{})
	assert.Equal(t, "[Returned on Credit] R03 -- No Account/Unable to Locate Account (corrected)", r74.Note)

	r71, _ := p.MapACHReturn(ACHReturn{Code: "R71", ReturnReasonCode: "01", DishonoredReturnReasonCode: "61"}, Context{})
	assert.Equal(t, Unchanged, r71.Status)
	assert.Equal(t, ActionResendDishonor, r71.Action)

	bad, _ := p.MapACHReturn(ACHReturn{Code: "R72"}, Context{})
	assert.Equal(t, Returned, bad.Status)
	assert.Equal(t, ActionReview, bad.Action)
}

func TestUnknownCodes(t *testing.T) {
	strict, lenient := DefaultPolicy(), &Policy{Lenient: true}
	_, err := strict.MapACHReturn(ACHReturn{Code: "R97", OriginalTrace: "1"}, Context{})
	assert.ErrorIs(t, err, ErrUnknownCode)
	assert.Contains(t, err.Error(), `"R97"`)
	sc, err := lenient.MapACHReturn(ACHReturn{Code: "R97", OriginalTrace: "1", TransactionCode: 26}, Context{})
	require.NoError(t, err)
	assert.True(t, sc.Unknown)
	assert.Equal(t, Returned, sc.Status, "never dropped: honored and reviewed")
	assert.Equal(t, ActionReview, sc.Action)
	assert.Equal(t, "R97", sc.Code)
	assert.Equal(t, CategoryOther, sc.Category)
	assert.False(t, sc.LocksNode || sc.LocksUser)
	assert.Equal(t, "[Returned on Debit] R97 -- Unknown return reason", sc.Note)
	// Late unknown codes are never dishonored automatically.
	s := date(t, "2026-11-25")
	sc, _ = lenient.MapACHReturn(ACHReturn{Code: "R97"}, Context{Settled: s, Received: date(t, "2027-03-01")})
	assert.Equal(t, TooLate, sc.Timeliness)
	assert.Equal(t, Returned, sc.Status)
	assert.Equal(t, ActionReview, sc.Action)

	_, err = strict.MapRPPSReturn(ACHReturn{Code: "R99"}, Context{})
	assert.ErrorIs(t, err, ErrUnknownCode)
	sc, err = lenient.MapRPPSReturn(ACHReturn{Code: "R99"}, Context{})
	require.NoError(t, err)
	assert.True(t, sc.Unknown)
	assert.Equal(t, "R99", sc.Code)

	_, err = strict.MapNOC(NOC{Code: "C92"}, Context{})
	assert.ErrorIs(t, err, ErrUnknownCode)
	ac, err := lenient.MapNOC(NOC{Code: "C92"}, Context{})
	require.NoError(t, err)
	assert.True(t, ac.Unknown)
	assert.Equal(t, ActionReview, ac.Action)

	_, err = strict.MapWireReturn(WireReturn{Format: ISO20022, Reason: "ZZ99"}, Context{})
	assert.ErrorIs(t, err, ErrUnknownCode)
	sc, err = lenient.MapWireReturn(WireReturn{Format: ISO20022, Reason: "ZZ99", IMAD: "20250310B1QDRCQR000902"}, Context{})
	require.NoError(t, err)
	assert.Equal(t, "WR02", sc.Code)
	assert.Equal(t, "ZZ99", sc.Raw)
	assert.True(t, sc.Unknown)
	assert.Equal(t, Ref{RefIMAD, "20250310B1QDRCQR000902"}, sc.Ref)

	_, err = strict.MapCheckReturn(CheckReturn{ReturnReason: "7", ReturnsIndicator: "R"}, Context{})
	assert.ErrorIs(t, err, ErrUnknownCode)
	sc, err = lenient.MapCheckReturn(CheckReturn{ReturnReason: "7", ReturnsIndicator: "R"}, Context{})
	require.NoError(t, err)
	assert.Equal(t, "CHR15", sc.Code)
	assert.Equal(t, "7", sc.Raw)
	assert.True(t, sc.Unknown)

	_, err = strict.Info(FamilyACH, "R97")
	assert.True(t, errors.Is(err, ErrUnknownCode))
	in, err := lenient.Info(FamilyACH, "R97")
	require.NoError(t, err)
	assert.True(t, in.Unknown)
}

func TestRPPS(t *testing.T) {
	sc, err := DefaultPolicy().MapRPPSReturn(ACHReturn{Code: "R21", OriginalTrace: "1"}, Context{})
	require.NoError(t, err)
	assert.Equal(t, "[Returned on Credit] R21 -- Wrong BillerId", sc.Note)
	assert.True(t, sc.LocksNode)
	assert.False(t, sc.LocksUser)
	assert.Equal(t, FamilyRPPS, sc.Family)
	sc, _ = DefaultPolicy().MapRPPSReturn(ACHReturn{Code: "RPPS:R05"}, Context{})
	assert.Equal(t, "[Returned on Credit] R05 -- Pre-Notification Error", sc.Note)
	assert.False(t, sc.LocksNode)
}

// TestCorrectedData: fixed positions for every layout, and the
// space-split fallback.
func TestCorrectedData(t *testing.T) {
	tests := []struct {
		code, data string
		want       CorrectedData
		fallback   bool
	}{
		{"C01", "1918171614", CorrectedData{AccountNumber: "1918171614"}, false},
		{"C01", "12345678901234567            ", CorrectedData{AccountNumber: "12345678901234567"}, false},
		{"C02", "121042882", CorrectedData{RoutingNumber: "121042882"}, false},
		{"C03", "121042882   1234567", CorrectedData{RoutingNumber: "121042882", AccountNumber: "1234567"}, false},
		{"C05", "32", CorrectedData{TransactionCode: 32, AccountClass: Savings}, false},
		{"C06", "1234567             27", CorrectedData{AccountNumber: "1234567", TransactionCode: 27, AccountClass: Checking}, false},
		{"C07", "1210428821234567890123456722", CorrectedData{RoutingNumber: "121042882", AccountNumber: "12345678901234567", TransactionCode: 22, AccountClass: Checking}, false},
		{"C07", "1210428821234567          37", CorrectedData{RoutingNumber: "121042882", AccountNumber: "1234567", TransactionCode: 37, AccountClass: Savings}, false},
		{"C09", "location #23", CorrectedData{IndividualID: "location #23"}, false},
		{"C04", "JANE Q PAYEE", CorrectedData{Name: "JANE Q PAYEE"}, false},
		{"C14", "IAT", CorrectedData{SEC: "IAT"}, false},
		// moov-io/ach's variable gaps: the space-split fallback.
		{"C03", "121042882 1234567", CorrectedData{RoutingNumber: "121042882", AccountNumber: "1234567"}, true},
		{"C06", "1234567 27", CorrectedData{AccountNumber: "1234567", TransactionCode: 27, AccountClass: Checking}, true},
		{"C07", "121042882 1234567 22", CorrectedData{RoutingNumber: "121042882", AccountNumber: "1234567", TransactionCode: 22, AccountClass: Checking}, true},
	}
	for _, tt := range tests {
		got, warns, err := ParseCorrectedData(tt.code, tt.data)
		require.NoError(t, err, "%s %q", tt.code, tt.data)
		assert.Equal(t, tt.want, got, "%s %q", tt.code, tt.data)
		if tt.fallback {
			require.Len(t, warns, 1)
			assert.Contains(t, warns[0], LayoutWarning)
		} else {
			assert.Empty(t, warns, "%s %q", tt.code, tt.data)
		}
	}
	for _, bad := range []struct{ code, data string }{
		{"C02", "121042881"},              // check digit
		{"C05", "99"},                     // not a transaction code
		{"C01", ""},                       // blank
		{"C03", "121042881 1234567"},      // bad routing number either way
		{"C07", "121042882 1234567"},      // missing transaction code
		{"C14", "PPD"},                    // not IAT
		{"C06", "1234567 99"},             // bad transaction code either way
		{"C01", "1234 5678"},              // blanks inside an account number
		{"C02", "121042882      junk"},    // data where blanks belong
		{"C03", "121042882XXX1234567"},    // data in the 10-12 gap, one token
		{"C06", "12345678901234567XYZ27"}, // data in the 18-20 gap
	} {
		_, _, err := ParseCorrectedData(bad.code, bad.data)
		assert.Error(t, err, "%s %q", bad.code, bad.data)
	}
	_, _, err := ParseCorrectedData("C10", "x")
	assert.ErrorIs(t, err, ErrUnknownCode)
}

func TestMapNOC(t *testing.T) {
	p := DefaultPolicy()
	ac, err := p.MapNOC(NOC{Code: "C01", OriginalTrace: "121042880000001", CorrectedData: "1918171614"}, Context{Received: date(t, "2026-11-25")})
	require.NoError(t, err)
	assert.Equal(t, "[NOC] C01 -- Incorrect DFI Account Number", ac.Note)
	assert.Equal(t, ActionApplyCorrection, ac.Action)
	assert.Equal(t, "1918171614", ac.Data.AccountNumber)
	assert.Equal(t, "2026-12-04", ac.Deadline.String(), "6 banking days after receipt (Thanksgiving closed)")
	assert.Equal(t, Ref{RefTrace, "121042880000001"}, ac.Ref)

	ac, _ = p.MapNOC(NOC{Code: "C02", CorrectedData: "121042881"}, Context{Received: date(t, "2026-11-25")})
	assert.Equal(t, ActionRefuseNOC, ac.Action)
	assert.Equal(t, "C65", ac.RefuseCode)
	assert.Equal(t, "2026-12-10", ac.Deadline.String(), "15 calendar days")

	ac, _ = p.MapNOC(NOC{Code: "C04", CorrectedData: "JANE DOE"}, Context{})
	assert.Equal(t, ActionReview, ac.Action)
	ac, _ = (&Policy{ApplyC04: true}).MapNOC(NOC{Code: "C04", CorrectedData: "JANE DOE"}, Context{})
	assert.Equal(t, ActionApplyCorrection, ac.Action)
	for _, code := range []string{"C08", "C13", "C14"} {
		ac, _ = p.MapNOC(NOC{Code: code, CorrectedData: "IAT"}, Context{})
		assert.Equal(t, ActionReview, ac.Action, code)
	}
	ac, _ = p.MapNOC(NOC{Code: "C65"}, Context{})
	assert.True(t, ac.Refused)
	assert.Equal(t, "[Refused NOC] C65 -- Incorrectly Formatted Corrected Data", ac.Note)

	ac, _ = p.MapNOC(NOC{Code: "C07", CorrectedData: "121042882 1234567 22"}, Context{})
	assert.Equal(t, ActionApplyCorrection, ac.Action)
	require.Len(t, ac.Warnings, 1)
	assert.Contains(t, ac.Warnings[0], "corrected_data_layout")
}

func TestMapCheckReturn(t *testing.T) {
	p := DefaultPolicy()
	sc, err := p.MapCheckReturn(CheckReturn{ItemSequence: "000000000000042", ReturnReason: "A", ReturnsIndicator: "R", CollectionType: "03", Amount: 12500}, Context{})
	require.NoError(t, err)
	assert.Equal(t, "CHR01", sc.Code)
	assert.Equal(t, Returned, sc.Status)
	assert.Equal(t, Ref{RefItemSequence, "000000000000042"}, sc.Ref)
	assert.Equal(t, "[Returned on Debit] CHR01 -- NSF – customer does not have sufficient funds to cover the item", sc.Note)

	sc, _ = p.MapCheckReturn(CheckReturn{ReturnReason: "A", ReturnsIndicator: "R", CollectionType: "05"}, Context{})
	assert.Equal(t, Unchanged, sc.Status)
	assert.Equal(t, ActionExtendHold, sc.Action)
	assert.Equal(t, "[Return Notice] CHR01 -- NSF – customer does not have sufficient funds to cover the item", sc.Note)
	sc, _ = p.MapCheckReturn(CheckReturn{ReturnReason: "A", CollectionType: "04", NotificationIndicator: "1"}, Context{})
	assert.Equal(t, ActionExtendHold, sc.Action)
	sc, _ = p.MapCheckReturn(CheckReturn{ReturnReason: "A", CollectionType: "04", NotificationIndicator: "2"}, Context{})
	assert.Equal(t, Unchanged, sc.Status)
	assert.Contains(t, sc.Note, "[Return Notice Final] CHR01")
	sc, _ = p.MapCheckReturn(CheckReturn{ReturnReason: "T", ReturnsIndicator: "E"}, Context{})
	assert.Equal(t, "CHR32", sc.Code)
	assert.Equal(t, ActionBlockRepresentment, sc.Action)
	sc, err = p.MapCheckReturn(CheckReturn{ReturnReason: "A", ReturnsIndicator: "J"}, Context{})
	require.NoError(t, err, "a reject return is never dropped")
	assert.Equal(t, Unchanged, sc.Status)
	assert.Equal(t, ActionReview, sc.Action)
	sc, _ = p.MapCheckReturn(CheckReturn{ReturnReason: "C"}, Context{})
	assert.True(t, sc.Unauthorized, "CHR03 counts as unauthorized")
	assert.Equal(t, CategoryAdministrative, sc.Category, "CHR03 is timed as administrative")
	sc, _ = p.MapCheckReturn(CheckReturn{ReturnReason: "Z"}, Context{})
	assert.True(t, sc.LocksUser, "forgery locks the user")
	// An issued check (CHECK-US) stop payment: side Credit.
	sc, _ = p.MapCheckReturn(CheckReturn{ReturnReason: "C"}, Context{Side: SideCredit})
	assert.Equal(t, "[Returned on Credit] CHR03 -- Stop payment – a stop payment has been placed on the item", sc.Note)
}

// TestCheckLateness: a CHR unauthorized 60-day code, forgery without
// limit, a 3-BD code over Thanksgiving; never rejected.
func TestCheckLateness(t *testing.T) {
	p := DefaultPolicy()
	s := date(t, "2026-01-02")
	for _, tt := range []struct {
		reason, recv string
		want         Timeliness
		deadline     string
	}{
		{"N", "2026-03-03", Timely, "2026-03-03"}, // CHR14: S + 60
		{"N", "2026-03-04", Late, "2026-03-03"},
		{"Q", "2026-03-04", Late, "2026-03-03"}, // CHR17
		{"Z", "2027-06-01", Timely, ""},         // CHR25 forgery: no limit
		{"5", "2027-06-01", Timely, ""},         // CHR28 by analogy
		{"C", "2026-01-07", Timely, "2026-01-07"},
		{"C", "2026-01-08", Late, "2026-01-07"}, // CHR03: 3 BD
	} {
		sc, err := p.MapCheckReturn(CheckReturn{ReturnReason: tt.reason, ReturnsIndicator: "R"}, Context{Settled: s, Received: date(t, tt.recv)})
		require.NoError(t, err)
		assert.Equal(t, tt.want, sc.Timeliness, "%s %s", tt.reason, tt.recv)
		if tt.deadline == "" {
			assert.True(t, sc.Deadline.IsZero(), "%s: no deadline", tt.reason)
		} else {
			assert.Equal(t, tt.deadline, sc.Deadline.String(), tt.reason)
		}
		assert.Equal(t, Returned, sc.Status, "a check return is never rejected for lateness")
		assert.NotEqual(t, ActionDishonor, sc.Action)
	}
	sc, _ := p.MapCheckReturn(CheckReturn{ReturnReason: "A"}, Context{Settled: date(t, "2026-11-25"), Received: date(t, "2026-12-02")})
	assert.Equal(t, Late, sc.Timeliness)
	assert.Equal(t, "2026-12-01", sc.Deadline.String())
}

func TestMapWireReturn(t *testing.T) {
	p := DefaultPolicy()
	sc, err := p.MapWireReturn(WireReturn{Format: ISO20022, Reason: "AC04", UETR: "8a562c67-ca16-48ba-b074-65581be6f011", IMAD: "20250310B1QDRCQR000400", Amount: 15100074}, Context{})
	require.NoError(t, err)
	assert.Equal(t, "WR03", sc.Code)
	assert.Equal(t, "[Returned on Credit] WR03 -- Account Closed/Frozen", sc.Note)
	assert.Equal(t, Ref{RefUETR, "8a562c67-ca16-48ba-b074-65581be6f011"}, sc.Ref)
	assert.False(t, sc.LocksNode || sc.LocksUser)

	sc, _ = p.MapWireReturn(WireReturn{Format: ISO20022, Reason: "FRAD", EndToEndID: "tx_1"}, Context{Side: SideDebit})
	assert.Equal(t, "WR02", sc.Code)
	assert.Equal(t, "FRAD", sc.Raw)
	assert.False(t, sc.Unknown)
	assert.Equal(t, Ref{RefEndToEnd, "tx_1"}, sc.Ref)
	assert.Equal(t, "[Returned on Debit] WR02 -- Return Per Platform Request", sc.Note)

	// FAIM: /RETN/ first, then keywords, then WR02.
	for text, want := range map[string]string{
		"/RETN/AC04*ACCOUNT CLOSED*ORIG IMAD 20250310B1QDRCQR000400*": "WR03",
		"OUR REF*FED*ACC*NUMBER IS INVALID*":                          "WR10",
		"BENEFICIARY NAME DOES NOT MATCH":                             "WR08",
		"account frozen by bank":                                      "WR03",
		"RETURNED PER YOUR REQUEST":                                   "WR13",
		"dormant account":                                             "WR09",
		"OFAC hold":                                                   "WR04",
		"DUPLICATE PAYMENT":                                           "WR11",
		"PER BENEFICIARY":                                             "WR01",
		"no reason given":                                             "WR02",
	} {
		sc, err := p.MapWireReturn(WireReturn{Format: FAIM, AdditionalInfo: text, IMAD: "20250310B1QDRCQR000400"}, Context{})
		require.NoError(t, err, text)
		assert.Equal(t, want, sc.Code, text)
	}

	// SWIFT provider failures.
	sc, err = p.MapWireReturn(WireReturn{Format: SWIFT, Reason: "R83", AdditionalInfo: "Transfer failed to create", EndToEndID: "tx_9"}, Context{})
	require.NoError(t, err)
	assert.Equal(t, KindProviderError, sc.Kind)
	assert.Equal(t, Returned, sc.Status)
	assert.Equal(t, "[Returned on Credit] R83 -- transaction failure (Transfer failed to create)", sc.Note)
	sc, err = p.MapWireReturn(WireReturn{Format: SWIFT, Reason: "WR17"}, Context{})
	require.NoError(t, err)
	assert.Equal(t, "[Returned on Credit] WR17 -- Below $1,000 USD minimum", sc.Note)
	_, err = p.MapWireReturn(WireReturn{Format: "mt103", Reason: "AC04"}, Context{})
	assert.ErrorIs(t, err, ErrUnknownFamily)
}

// TestWireFixtures maps the corpus's pacs.004 and FAIM returns, reading
// the few fields a wire codec would hand over.
func TestWireFixtures(t *testing.T) {
	base := filepath.Join("..", "..", "shared", "conformance")
	if _, err := os.Stat(base); err != nil {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", base)
	}
	p := DefaultPolicy()
	field := func(doc []byte, re string) string {
		m := regexp.MustCompile(re).FindSubmatch(doc)
		require.NotNil(t, m, re)
		return string(m[1])
	}
	for name, want := range map[string]string{
		"PaymentReturn_Scenario1_Step4_pacs.004.xml": "WR11",
		"PaymentReturn_Scenario3_Step4_pacs.004.xml": "WR13",
	} {
		doc, err := os.ReadFile(filepath.Join(base, "fedwire-iso20022", name))
		require.NoError(t, err)
		r := WireReturn{Format: ISO20022,
			Reason: field(doc, `(?s)<RtrRsnInf>.*?<Cd>([A-Z0-9]{4})</Cd>`),
			UETR:   field(doc, `<OrgnlUETR>([^<]+)</OrgnlUETR>`),
			IMAD:   field(doc, `<OrgnlMsgId>([^<]+)</OrgnlMsgId>`)}
		sc, err := p.MapWireReturn(r, Context{})
		require.NoError(t, err, name)
		assert.Equal(t, want, sc.Code, name)
		assert.Equal(t, Ref{RefUETR, "8a562c67-ca16-48ba-b074-65581be6f011"}, sc.Ref)
	}
	doc, err := os.ReadFile(filepath.Join(base, "fedwire-faim", "fed-return-btr-reversal-1002.txt"))
	require.NoError(t, err)
	sc, err := p.MapWireReturn(WireReturn{Format: FAIM, AdditionalInfo: field(doc, `\{6500\}([^{]*)`), IMAD: field(doc, `\{3500\}([0-9A-Z]{22})`)}, Context{})
	require.NoError(t, err)
	assert.Equal(t, "WR03", sc.Code)
	assert.Equal(t, "AC04", sc.Raw)
	assert.Equal(t, Ref{RefIMAD, "20260119ORIGBNK1000007"}, sc.Ref)
	assert.Equal(t, "[Returned on Credit] WR03 -- Account Closed/Frozen", sc.Note)
}

// TestInboundFiles maps the conformance corpus's inbound files through
// ach → returns.
func TestInboundFiles(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "conformance", "ach", "inbound")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", dir)
	}
	type want struct {
		ref, code, note string
		status          Status
		action          Action
	}
	files := map[string][]want{
		"return-WEB.ach": {
			{"091400600000001", "R01", "[Returned on Debit] R01 -- Insufficient Funds", Returned, ActionNone},
			{"091400600000003", "R03", "[Returned on Credit] R03 -- No Account/Unable to Locate Account", Returned, ActionNone},
		},
		"issue1620_return.ach": {{"062000010000001", "R03", "[Returned on Credit] R03 -- No Account/Unable to Locate Account", Returned, ActionNone}},
		"iat-addenda99.ach":    {{"231380100000001", "R01", "[Returned on Credit] R01 -- Insufficient Funds", Returned, ActionNone}},
		"dishonored-return.ach": {
			{"059999990000301", "R68", "[Return Dishonored] R68 -- Untimely Return (R01)", Unchanged, ActionRevert},
			{"059999990000301", "R68", "[Return Dishonored] R68 -- Untimely Return (R01)", Unchanged, ActionRevert},
		},
		"contested_addenda.txt":             {{"123456780000069", "R01", "[Returned on Credit] R01 -- Insufficient Funds (contested R72)", Returned, ActionNone}},
		"return-no-file-header-control.ach": {{"091400600000001", "R01", "[Returned on Debit] R01 -- Insufficient Funds", Returned, ActionNone}},
	}
	p := DefaultPolicy()
	for name, wants := range files {
		t.Run(name, func(t *testing.T) {
			f := readACH(t, filepath.Join(dir, name))
			var got []StatusChange
			for _, b := range f.Batches {
				for i := range b.Entries {
					r, err := ACHReturnFromEntry(&b.Entries[i])
					require.NoError(t, err)
					sc, err := p.MapACHReturn(r, Context{})
					require.NoError(t, err)
					got = append(got, sc)
				}
			}
			require.Len(t, got, len(wants))
			for i, w := range wants {
				assert.Equal(t, Ref{RefTrace, w.ref}, got[i].Ref)
				assert.Equal(t, w.code, got[i].Code)
				assert.Equal(t, w.note, got[i].Note)
				assert.Equal(t, w.status, got[i].Status)
				assert.Equal(t, w.action, got[i].Action)
			}
		})
	}
	// The summary items map the same way (side given by the caller).
	r := ach.NewReader(mustOpen(t, filepath.Join(dir, "return-WEB.ach")))
	_, err := r.ReadAll()
	require.NoError(t, err)
	for _, it := range r.Summary().Returns {
		sc, err := p.MapACHReturn(ACHReturnFromItem(it), Context{Side: SideDebit})
		require.NoError(t, err)
		assert.Equal(t, Returned, sc.Status)
		assert.Equal(t, it.OriginalTrace, sc.Ref.Value)
	}
	// NOCs.
	for _, name := range []string{"cor-example.ach", "iat-addenda98.ach"} {
		f := readACH(t, filepath.Join(dir, name))
		n, err := NOCFromEntry(&f.Batches[0].Entries[0])
		require.NoError(t, err)
		ac, err := p.MapNOC(n, Context{})
		require.NoError(t, err)
		assert.Equal(t, "C01", ac.Code, name)
		assert.Equal(t, ActionApplyCorrection, ac.Action, name)
		assert.NotEmpty(t, ac.Data.AccountNumber, name)
		_, err = ACHReturnFromEntry(&f.Batches[0].Entries[0])
		assert.ErrorIs(t, err, ErrNotReturn)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func readACH(t *testing.T, path string) *ach.File {
	t.Helper()
	r := ach.NewReader(mustOpen(t, path))
	r.Options = ach.Options{Lenient: true}
	f, err := r.ReadAll()
	require.NoError(t, err, path)
	return f
}
