package railtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/returns"
)

// TestStore checks that a rails.Store keeps the whole Store contract, as
// the subtests of t. open returns a new, empty store for each subtest;
// TestStore closes it when the subtest ends. A Store implementation's
// tests call it:
//
//	func TestStore(t *testing.T) {
//		railtest.TestStore(t, func(t *testing.T) rails.Store { return NewMemStore() })
//	}
//
// The suite reads back what it stores and compares instants as instants,
// so a store may return times in any location.
func TestStore(t *testing.T, open func(t *testing.T) rails.Store) {
	t.Helper()
	run := func(name string, f func(t *testing.T, s *storeT)) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() {
				if err := st.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			f(t, &storeT{t: t, s: st, ctx: t.Context()})
		})
	}
	run("Submit", testSubmit)
	run("SubmitRoundTrip", testSubmitRoundTrip)
	run("SubmitAll", testSubmitAll)
	run("Transaction", testTransaction)
	run("Transactions", testTransactions)
	run("Cancel", testCancel)
	run("DueWindows", testDueWindows)
	run("ClaimWindow", testClaimWindow)
	run("ClaimWindowTwice", testClaimWindowTwice)
	run("ClaimWindowPlannerError", testClaimWindowPlannerError)
	run("ClaimWindowBadPlan", testClaimWindowBadPlan)
	run("ClaimWindowLateSubmit", testClaimWindowLateSubmit)
	run("ClaimWindowEmpty", testClaimWindowEmpty)
	run("ClaimWindowConcurrent", testClaimWindowConcurrent)
	run("ClaimWindowGroupOrder", testClaimWindowGroupOrder)
	run("ClaimedTransactions", testClaimedTransactions)
	run("Counters", testCounters)
	run("ClaimAsClaimed", testClaimAsClaimed)
	run("FileWritten", testFileWritten)
	run("Settle", testSettle)
	run("Ingest", testIngest)
	run("IngestConflict", testIngestConflict)
	run("Events", testEvents)
	run("TransactionsByTrace", testTransactionsByTrace)
	run("TransactionsByTraces", testTransactionsByTraces)
}

// The suite's schedule: two ACH windows on Wednesday 2026-11-25 (cutoffs
// 11:00 and 16:15 Pacific) and a wire window with the same-day ACH
// cutoff.
var (
	pacific = time.FixedZone("PST", -8*3600)
	day     = cutoffs.Date{Year: 2026, Month: time.November, Day: 25}

	sameDayWindow = rails.Window{
		ID: "ach-same-day-2026-11-25", Cutoff: time.Date(2026, 11, 25, 11, 0, 0, 0, pacific),
		BatchDate: day, EffectiveDate: day, SettlementDate: day, SameDay: true,
	}
	nextDayWindow = rails.Window{
		ID: "ach-next-day-2026-11-25", Cutoff: time.Date(2026, 11, 25, 16, 15, 0, 0, pacific),
		BatchDate: day, EffectiveDate: day.AddDays(2), SettlementDate: day.AddDays(2),
	}
	wireWindow = rails.Window{
		ID: "wire-2026-11-25", Cutoff: time.Date(2026, 11, 25, 11, 0, 0, 0, pacific),
		BatchDate: day, EffectiveDate: day, SettlementDate: day,
	}
)

// SampleTransaction returns a new same-day ACH credit of $123.45 with ID
// id, as Engine.Submit hands it to a Store: in the same-day window of
// Wednesday 2026-11-25 (cutoff 11:00 Pacific), submitted at 09:00
// Pacific, Status CREATED with its first timeline entry.
func SampleTransaction(id string) *rails.Transaction {
	submitted := time.Date(2026, 11, 25, 9, 0, 0, 0, pacific)
	return &rails.Transaction{
		ID:          id,
		Rail:        cutoffs.ACH,
		Speed:       cutoffs.SameDay,
		Direction:   rails.Credit,
		AmountCents: 12345,
		Currency:    "USD",
		Counterparty: rails.Counterparty{
			Name: "Jane Doe", RoutingNumber: "091000019", AccountNumber: "123456789", AccountType: rails.Checking,
		},
		SECCode:     "PPD",
		Memo:        "invoice 42",
		SubmittedAt: submitted,
		Window:      sameDayWindow,
		Status:      returns.Created,
		Timeline:    []rails.TimelineEntry{{Status: returns.Created, Note: "Transaction Created.", At: submitted}},
	}
}

// SamplePlanner is a Planner for tests: one file per window, named
// "<rail>/<window id>.txt", holding every transaction in the order given, with
// trace numbers 09100001 followed by seven digits drawn from the counter
// "trace:09100001". Transactions move to PROCESSING-CREDIT with the note
// "batched". A window without transactions gets no file.
func SamplePlanner(seq rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
	p := &rails.Plan{Status: returns.ProcessingCredit, Note: "batched", Assignments: []rails.Assignment{}, Files: []rails.FilePlan{}}
	var first *rails.Transaction
	for tx, err := range seq {
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = tx
		}
		p.Assignments = append(p.Assignments, rails.Assignment{TransactionID: tx.ID, File: 1})
	}
	if first == nil {
		return p, nil
	}
	next, err := c.Next("trace:09100001", int64(len(p.Assignments)))
	if err != nil {
		return nil, err
	}
	p.Files = append(p.Files, rails.FilePlan{Seq: 1, Name: fmt.Sprintf("%s/%s.txt", first.Rail, first.Window.ID)})
	buf := make([]byte, 0, 24)
	for i := range p.Assignments {
		seq := strconv.FormatInt(next+int64(i), 10) // fmt.Sprintf("09100001%07d") at a tenth of the cost
		buf = append(buf[:0], "09100001"...)
		for k := len(seq); k < 7; k++ {
			buf = append(buf, '0')
		}
		p.Assignments[i].Trace = string(append(buf, seq...))
	}
	p.Params = json.RawMessage(`{"file_id_modifier":"A"}`)
	return p, nil
}

// collect ranges over seq and returns its transactions, or its error.
func collect(seq rails.TxSeq) ([]*rails.Transaction, error) {
	var out []*rails.Transaction
	for tx, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, tx)
	}
	return out, nil
}

// storeT is a store under test with helpers that fail the test on error.
type storeT struct {
	t   *testing.T
	s   rails.Store
	ctx context.Context
}

// tx returns a sample transaction with id in window w of rail.
func tx(id string, rail rails.Rail, w rails.Window) *rails.Transaction {
	x := SampleTransaction(id)
	x.Rail, x.Window = rail, w
	if rail != cutoffs.ACH {
		x.Speed, x.SECCode = "", ""
	} else if !w.SameDay {
		x.Speed = cutoffs.NextDay
	}
	return x
}

func keyOf(rail rails.Rail, w rails.Window) rails.WindowKey {
	return rails.WindowKey{Rail: rail, ID: w.ID, Cutoff: w.Cutoff}
}

var sameDayKey = keyOf(cutoffs.ACH, sameDayWindow)

func (st *storeT) submit(txs ...*rails.Transaction) []rails.SubmitResult {
	st.t.Helper()
	res, err := st.s.Submit(st.ctx, txs)
	if err != nil {
		st.t.Fatalf("Submit: %v", err)
	}
	if len(res) != len(txs) {
		st.t.Fatalf("Submit: %d results for %d transactions", len(res), len(txs))
	}
	return res
}

func (st *storeT) get(id string) *rails.Transaction {
	st.t.Helper()
	tx, err := st.s.Transaction(st.ctx, id)
	if err != nil {
		st.t.Fatalf("Transaction(%s): %v", id, err)
	}
	return tx
}

func (st *storeT) events(after int64) []rails.Event {
	st.t.Helper()
	evs, err := st.s.Events(st.ctx, after, 1_000_000)
	if err != nil {
		st.t.Fatalf("Events(%d): %v", after, err)
	}
	return evs
}

func (st *storeT) lastSeq() int64 {
	st.t.Helper()
	evs := st.events(0)
	if len(evs) == 0 {
		return 0
	}
	return evs[len(evs)-1].Seq
}

func (st *storeT) claim(key rails.WindowKey, at time.Time, plan rails.Planner) *rails.Claim {
	st.t.Helper()
	c, err := st.s.ClaimWindow(st.ctx, key, at, plan)
	if err != nil {
		st.t.Fatalf("ClaimWindow(%s): %v", key.ID, err)
	}
	return c
}

// claimed returns the transactions of file seq (0: all) of a claimed window.
func (st *storeT) claimed(key rails.WindowKey, seq int) []*rails.Transaction {
	st.t.Helper()
	txs, err := collect(st.s.ClaimedTransactions(st.ctx, key, seq))
	if err != nil {
		st.t.Fatalf("ClaimedTransactions(%s, %d): %v", key.ID, seq, err)
	}
	return txs
}

func (st *storeT) status(id string, want rails.Status) {
	st.t.Helper()
	if got := st.get(id).Status; got != want {
		st.t.Errorf("%s: status %s, want %s", id, got, want)
	}
}

func ids(txs []*rails.Transaction) []string {
	out := make([]string, len(txs))
	for i, tx := range txs {
		out[i] = tx.ID
	}
	return out
}

// checkEvents checks that evs are strictly increasing and that each is a
// change of its transaction to its wanted status.
func checkEvents(t *testing.T, evs []rails.Event, want map[string]rails.Status) {
	t.Helper()
	got := map[string]rails.Status{}
	for i, e := range evs {
		if i > 0 && e.Seq <= evs[i-1].Seq {
			t.Errorf("event %d: Seq %d after %d", i, e.Seq, evs[i-1].Seq)
		}
		if _, dup := got[e.TransactionID]; dup {
			t.Errorf("two events for %s", e.TransactionID)
		}
		got[e.TransactionID] = e.Status
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events: got %v, want %v", got, want)
	}
}

// sameTx reports how got differs from want: content, window, status,
// trace, file and timeline, with instants compared as instants.
func sameTx(got, want *rails.Transaction) string {
	var diffs []string
	if !rails.SameContent(got, want) || (got.Check == nil) != (want.Check == nil) || (got.Wire == nil) != (want.Wire == nil) {
		diffs = append(diffs, fmt.Sprintf("content %+v, want %+v", *got, *want))
	}
	gw, ww := got.Window, want.Window
	if gw.ID != ww.ID || !gw.Cutoff.Equal(ww.Cutoff) || gw.BatchDate != ww.BatchDate || gw.EffectiveDate != ww.EffectiveDate ||
		gw.SettlementDate != ww.SettlementDate || gw.SameDay != ww.SameDay || gw.Fallback != ww.Fallback || gw.Group != ww.Group {
		diffs = append(diffs, fmt.Sprintf("window %+v, want %+v", gw, ww))
	}
	if got.Status != want.Status || got.Trace != want.Trace || got.File != want.File {
		diffs = append(diffs, fmt.Sprintf("status/trace/file %s/%q/%q, want %s/%q/%q",
			got.Status, got.Trace, got.File, want.Status, want.Trace, want.File))
	}
	if len(got.Timeline) != len(want.Timeline) {
		diffs = append(diffs, fmt.Sprintf("timeline %+v, want %+v", got.Timeline, want.Timeline))
	} else {
		for i, g := range got.Timeline {
			w := want.Timeline[i]
			if g.Status != w.Status || g.Note != w.Note || g.Code != w.Code || !g.At.Equal(w.At) {
				diffs = append(diffs, fmt.Sprintf("timeline[%d] %+v, want %+v", i, g, w))
			}
		}
	}
	return strings.Join(diffs, "; ")
}

// normClaim is c with every instant in UTC and empty lists empty, for
// comparing claims with reflect.DeepEqual.
func normClaim(c *rails.Claim) *rails.Claim {
	if c == nil {
		return nil
	}
	n := *c
	n.Key.Cutoff = n.Key.Cutoff.UTC()
	n.ClaimedAt = n.ClaimedAt.UTC()
	n.Plan = normPlan(c.Plan)
	return &n
}

func normPlan(p rails.Plan) rails.Plan {
	if len(p.Assignments) == 0 {
		p.Assignments = nil
	}
	if len(p.Files) == 0 {
		p.Files = nil
	}
	if len(p.Params) == 0 {
		p.Params = nil
	}
	return p
}

func sameClaim(t *testing.T, what string, got, want *rails.Claim) {
	t.Helper()
	g, w := normClaim(got), normClaim(want)
	if !reflect.DeepEqual(g, w) {
		gj, _ := json.Marshal(g)
		wj, _ := json.Marshal(w)
		t.Errorf("%s:\n got  %s\n want %s", what, gj, wj)
	}
}

func testSubmit(t *testing.T, st *storeT) {
	a, b := SampleTransaction("tx_a"), SampleTransaction("tx_b")
	st.submit(a, b)
	base := st.lastSeq()

	other := func(id string) *rails.Transaction { x := SampleTransaction(id); x.AmountCents++; return x }
	elsewhere := SampleTransaction("tx_a") // the same instant in another zone
	elsewhere.SubmittedAt = elsewhere.SubmittedAt.UTC()
	elsewhere.Window.Cutoff = elsewhere.Window.Cutoff.In(time.UTC)
	moved := SampleTransaction("tx_b") // what railyard sets does not count
	moved.Status, moved.Window = returns.Settled, nextDayWindow

	tests := []struct {
		name    string
		txs     []*rails.Transaction
		want    []rails.SubmitResult
		created []string
	}{
		{"empty", nil, []rails.SubmitResult{}, nil},
		{"created", []*rails.Transaction{SampleTransaction("tx_c")}, []rails.SubmitResult{rails.Created}, []string{"tx_c"}},
		{"duplicate", []*rails.Transaction{SampleTransaction("tx_a")}, []rails.SubmitResult{rails.Duplicate}, nil},
		{"duplicate in another zone", []*rails.Transaction{elsewhere}, []rails.SubmitResult{rails.Duplicate}, nil},
		{"duplicate ignores what railyard sets", []*rails.Transaction{moved}, []rails.SubmitResult{rails.Duplicate}, nil},
		{"conflict", []*rails.Transaction{other("tx_a")}, []rails.SubmitResult{rails.Conflict}, nil},
		{
			"mixed",
			[]*rails.Transaction{SampleTransaction("tx_d"), SampleTransaction("tx_b"), other("tx_a"), SampleTransaction("tx_e")},
			[]rails.SubmitResult{rails.Created, rails.Duplicate, rails.Conflict, rails.Created},
			[]string{"tx_d", "tx_e"},
		},
		{
			"same id twice in one call",
			[]*rails.Transaction{SampleTransaction("tx_f"), SampleTransaction("tx_f"), other("tx_f")},
			[]rails.SubmitResult{rails.Created, rails.Duplicate, rails.Conflict},
			[]string{"tx_f"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &storeT{t: t, s: st.s, ctx: st.ctx}
			before := st.lastSeq()
			got := st.submit(tt.txs...)
			if !slices.Equal(got, tt.want) {
				t.Errorf("results %v, want %v", got, tt.want)
			}
			want := map[string]rails.Status{}
			for _, id := range tt.created {
				want[id] = returns.Created
			}
			checkEvents(t, st.events(before), want)
			for i, x := range tt.txs {
				if tt.want[i] != rails.Created {
					continue
				}
				got := st.get(x.ID)
				if got.Status != returns.Created || len(got.Timeline) != 1 || got.Timeline[0].Status != returns.Created ||
					got.Trace != "" || got.File != "" {
					t.Errorf("%s stored as %s with timeline %+v, trace %q, file %q; want CREATED with one entry",
						x.ID, got.Status, got.Timeline, got.Trace, got.File)
				}
			}
		})
	}
	// A conflict stored nothing of its row.
	if got := st.get("tx_a"); got.AmountCents != 12345 || len(got.Timeline) != 1 {
		t.Errorf("tx_a after conflicts: amount %d, %d timeline entries; want 12345 and 1", got.AmountCents, len(got.Timeline))
	}
	if got := st.get("tx_f"); got.AmountCents != 12345 {
		t.Errorf("tx_f: amount %d, want the first submission's 12345", got.AmountCents)
	}
	if n := len(st.events(base)); n != 4 {
		t.Errorf("%d events after the first submit, want 4 (tx_c, tx_d, tx_e, tx_f)", n)
	}
}

func testSubmitRoundTrip(t *testing.T, st *storeT) {
	full := SampleTransaction("tx_full")
	full.Addenda = "RMR*IV*42**123.45"
	full.ProcessOn = day.AddDays(1)
	full.Window = rails.Window{
		ID: "ach-next-day-2026-11-26", Cutoff: time.Date(2026, 11, 26, 16, 15, 0, 0, pacific),
		BatchDate: day.AddDays(1), EffectiveDate: day.AddDays(2), SettlementDate: day.AddDays(2),
		SameDay: false, Fallback: "future_date",
	}
	full.SubmittedAt = time.Date(2026, 11, 25, 9, 0, 0, 123456789, pacific)
	full.Timeline[0].At = full.SubmittedAt
	bare := &rails.Transaction{ID: "tx_bare", Rail: cutoffs.Wire, Direction: rails.Debit, AmountCents: 1, Currency: "USD",
		Status: returns.Created, Timeline: []rails.TimelineEntry{{Status: returns.Created}}}
	deposit := SampleTransaction("tx_check")
	deposit.Rail, deposit.Speed, deposit.SECCode = cutoffs.RDC, "", ""
	deposit.Window.Group = "121042882"
	deposit.Check = &rails.CheckDeposit{RoutingNumber: "231380104", AccountNumber: "5558881234", CheckNumber: "1042",
		AuxOnUs: "77", EPC: "1", MICRAmountCents: 12345, FrontImage: []byte("II*\x00front\x00\xff"), BackImage: []byte{}}
	wired := SampleTransaction("tx_wire")
	wired.Rail, wired.Speed, wired.SECCode = cutoffs.Wire, "", ""
	wired.Wire = &rails.WireTransfer{Address: []string{"1 MAIN ST", "SPRINGFIELD IL 62701"}, IntermediaryRouting: "021000021", Purpose: "INVOICE 42"}
	st.submit(full, bare, deposit, wired)
	for _, want := range []*rails.Transaction{full, bare, deposit, wired} {
		got := st.get(want.ID)
		w := *want
		w.Timeline = []rails.TimelineEntry{{Status: returns.Created, Note: got.Timeline[0].Note, At: got.Timeline[0].At}}
		if d := sameTx(got, &w); d != "" {
			t.Errorf("%s: %s", want.ID, d)
		}
	}
}

func testTransaction(t *testing.T, st *storeT) {
	_, err := st.s.Transaction(st.ctx, "nope")
	if !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("Transaction(unknown): %v, want ErrNotFound", err)
	}
	x := SampleTransaction("tx_1")
	st.submit(x)
	got := st.get("tx_1")
	if d := sameTx(got, x); d != "" {
		t.Errorf("Transaction: %s", d)
	}
	got.Memo = "changed by the caller"
	got.Timeline = append(got.Timeline, rails.TimelineEntry{Status: returns.Returned})
	if again := st.get("tx_1"); again.Memo != x.Memo || len(again.Timeline) != 1 {
		t.Errorf("the store shares memory with its caller: %+v", again)
	}
}

func testTransactions(t *testing.T, st *storeT) {
	st.submit(
		tx("t5", cutoffs.ACH, sameDayWindow), tx("t1", cutoffs.Wire, wireWindow), tx("t3", cutoffs.ACH, nextDayWindow),
		tx("t2", cutoffs.ACH, sameDayWindow), tx("t4", cutoffs.Wire, wireWindow),
	)
	if err := st.s.Cancel(st.ctx, "t3", sameDayWindow.Cutoff, "by test"); err != nil {
		t.Fatal(err)
	}
	if err := st.s.Cancel(st.ctx, "t4", sameDayWindow.Cutoff, "by test"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		f    rails.Filter
		want []string
	}{
		{rails.Filter{}, []string{"t1", "t2", "t3", "t4", "t5"}},
		{rails.Filter{Status: returns.Canceled}, []string{"t3", "t4"}},
		{rails.Filter{Status: returns.Created}, []string{"t1", "t2", "t5"}},
		{rails.Filter{Rail: cutoffs.Wire}, []string{"t1", "t4"}},
		{rails.Filter{Rail: cutoffs.ACH, Status: returns.Created}, []string{"t2", "t5"}},
		{rails.Filter{Status: returns.Returned}, []string{}},
		{rails.Filter{Limit: 2}, []string{"t1", "t2"}},
		{rails.Filter{Status: returns.Created, Limit: 2}, []string{"t1", "t2"}},
		{rails.Filter{Limit: 10}, []string{"t1", "t2", "t3", "t4", "t5"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.f), func(t *testing.T) {
			got, err := st.s.Transactions(st.ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tt.want) {
				t.Errorf("got %v, want %v", ids(got), tt.want)
			}
			for _, x := range got {
				want := len(x.Timeline) == 1
				if x.Status == returns.Canceled {
					want = len(x.Timeline) == 2
				}
				if !want {
					t.Errorf("%s (%s): timeline %+v", x.ID, x.Status, x.Timeline)
				}
			}
		})
	}
}

func testSubmitAll(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("old"))
	other := SampleTransaction("old")
	other.AmountCents++
	before := st.lastSeq()
	tests := []struct {
		name string
		txs  []*rails.Transaction
		want []rails.SubmitResult
	}{
		{"a conflict stores nothing", []*rails.Transaction{SampleTransaction("n1"), other, SampleTransaction("old")},
			[]rails.SubmitResult{rails.Created, rails.Conflict, rails.Duplicate}},
	}
	for _, tt := range tests {
		got, err := st.s.SubmitAll(st.ctx, tt.txs)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: SubmitAll = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	if _, err := st.s.Transaction(st.ctx, "n1"); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("n1 stored by a SubmitAll with a conflict: %v", err)
	}
	if n := len(st.events(before)); n != 0 {
		t.Errorf("refused SubmitAll emitted %d events", n)
	}
	// A claimed window is Closed to a new ID: nothing stored either.
	st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	got, err := st.s.SubmitAll(st.ctx, []*rails.Transaction{tx("n2", cutoffs.ACH, nextDayWindow), SampleTransaction("late")})
	if err != nil || !slices.Equal(got, []rails.SubmitResult{rails.Created, rails.Closed}) {
		t.Errorf("SubmitAll into a claimed window = %v, %v; want [Created Closed]", got, err)
	}
	if _, err := st.s.Transaction(st.ctx, "n2"); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("n2 stored by a SubmitAll with a Closed transaction: %v", err)
	}
	// All good: stored as Submit would.
	got, err = st.s.SubmitAll(st.ctx, []*rails.Transaction{tx("n2", cutoffs.ACH, nextDayWindow), SampleTransaction("old")})
	if err != nil || !slices.Equal(got, []rails.SubmitResult{rails.Created, rails.Duplicate}) {
		t.Errorf("SubmitAll = %v, %v; want [Created Duplicate]", got, err)
	}
	if x := st.get("n2"); x.Status != returns.Created || len(x.Timeline) != 1 {
		t.Errorf("n2 after SubmitAll: %s, timeline %+v", x.Status, x.Timeline)
	}
	checkEvents(t, st.events(st.lastSeq()-1), map[string]rails.Status{"n2": returns.Created})
}

func testCancel(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("c1"), SampleTransaction("c2"), SampleTransaction("c3"))
	at := sameDayWindow.Cutoff.Add(-time.Hour)
	before := st.lastSeq()
	if err := st.s.Cancel(st.ctx, "c1", at, "customer asked"); err != nil {
		t.Fatalf("Cancel before the claim: %v", err)
	}
	got := st.get("c1")
	if got.Status != returns.Canceled || len(got.Timeline) != 2 {
		t.Fatalf("after Cancel: %s, timeline %+v", got.Status, got.Timeline)
	}
	if e := got.Timeline[1]; e.Status != returns.Canceled || e.Note != "customer asked" || !e.At.Equal(at) {
		t.Errorf("cancel timeline entry %+v", e)
	}
	evs := st.events(before)
	checkEvents(t, evs, map[string]rails.Status{"c1": returns.Canceled})
	if len(evs) == 1 && (evs[0].Note != "customer asked" || !evs[0].At.Equal(at)) {
		t.Errorf("cancel event %+v", evs[0])
	}

	st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	if got := ids(st.claimed(sameDayKey, 0)); !slices.Equal(got, []string{"c2", "c3"}) {
		t.Errorf("claim took %v, want [c2 c3]: a canceled transaction is not claimed", got)
	}
	st.submit(tx("c4", cutoffs.ACH, nextDayWindow)) // a window not claimed yet
	before = st.lastSeq()
	tests := []struct {
		id   string
		want error
	}{
		{"c1", rails.ErrNotCancelable}, // canceled already
		{"c2", rails.ErrNotCancelable}, // claimed
		{"nope", rails.ErrNotFound},
		{"c4", nil}, // CREATED and no window claimed it
	}
	for _, tt := range tests {
		err := st.s.Cancel(st.ctx, tt.id, at, "again")
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("Cancel(%s): %v, want %v", tt.id, err, tt.want)
		}
	}
	st.status("c2", returns.ProcessingCredit)
	st.status("c4", returns.Canceled)
	checkEvents(t, st.events(before), map[string]rails.Status{"c4": returns.Canceled})
}

func testDueWindows(t *testing.T, st *storeT) {
	nextDayKey, wireKey := keyOf(cutoffs.ACH, nextDayWindow), keyOf(cutoffs.Wire, wireWindow)
	st.submit(
		tx("s1", cutoffs.ACH, sameDayWindow), tx("s2", cutoffs.ACH, sameDayWindow),
		tx("n1", cutoffs.ACH, nextDayWindow), tx("w1", cutoffs.Wire, wireWindow),
	)
	second := time.Date(2026, 11, 26, 11, 0, 0, 0, pacific)
	st.submit(tx("x1", cutoffs.ACH, rails.Window{ID: "ach-same-day-2026-11-26", Cutoff: second}))
	if err := st.s.Cancel(st.ctx, "x1", second, ""); err != nil {
		t.Fatal(err)
	}
	check := func(name string, at time.Time, want ...rails.WindowKey) {
		t.Helper()
		got, err := st.s.DueWindows(st.ctx, at)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ok := len(got) == len(want)
		for i := 0; ok && i < len(got); i++ {
			ok = got[i].Rail == want[i].Rail && got[i].ID == want[i].ID && got[i].Cutoff.Equal(want[i].Cutoff)
		}
		if !ok {
			t.Errorf("%s: DueWindows(%s) = %v, want %v", name, at, got, want)
		}
	}
	cut := sameDayWindow.Cutoff
	check("before every cutoff", cut.Add(-time.Nanosecond))
	check("at the first cutoff, by cutoff then rail", cut, sameDayKey, wireKey)
	check("after both, in cutoff order", nextDayWindow.Cutoff.Add(time.Hour), sameDayKey, wireKey, nextDayKey)
	check("a window of canceled transactions only is not due", second.Add(time.Hour), sameDayKey, wireKey, nextDayKey)

	// Claimed, files committed but not written: still due; written: not.
	c := st.claim(sameDayKey, cut, SamplePlanner)
	st.claim(wireKey, cut, SamplePlanner)
	if err := st.s.FileWritten(st.ctx, wireKey, 1, "wire/f", "aa"); err != nil {
		t.Fatal(err)
	}
	check("claimed, unwritten", cut, sameDayKey)
	check("claimed, unwritten, later", nextDayWindow.Cutoff, sameDayKey, nextDayKey)
	for _, f := range c.Plan.Files {
		if err := st.s.FileWritten(st.ctx, sameDayKey, f.Seq, f.Name, "bb"); err != nil {
			t.Fatal(err)
		}
	}
	check("claimed and written", nextDayWindow.Cutoff, nextDayKey)

	// A claimed window takes no late transaction, so it is not listed again.
	if r := st.submit(tx("s3", cutoffs.ACH, sameDayWindow)); r[0] != rails.Closed {
		t.Errorf("Submit into a claimed window: %v, want Closed", r[0])
	}
	check("late transaction refused by a claimed window", cut)
}

// recorder is a planner that records copies of what it was given.
type recorder struct {
	mu    sync.Mutex
	calls int
	txs   []*rails.Transaction
	plan  rails.Planner
}

func (r *recorder) planner(seq rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
	txs, err := collect(seq)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.calls++
	r.txs = make([]*rails.Transaction, len(txs))
	for i, tx := range txs {
		c := *tx
		c.Timeline = slices.Clone(tx.Timeline)
		r.txs[i] = &c
	}
	r.mu.Unlock()
	again := slices.Values(txs)
	replay := func(yield func(*rails.Transaction, error) bool) {
		for tx := range again {
			if !yield(tx, nil) {
				return
			}
		}
	}
	if r.plan == nil {
		return SamplePlanner(replay, c)
	}
	return r.plan(replay, c)
}

func testClaimWindow(t *testing.T, st *storeT) {
	st.submit(
		tx("b", cutoffs.ACH, sameDayWindow), tx("a", cutoffs.ACH, sameDayWindow), tx("d", cutoffs.ACH, sameDayWindow),
		tx("c", cutoffs.ACH, sameDayWindow), tx("n", cutoffs.ACH, nextDayWindow), tx("w", cutoffs.Wire, wireWindow),
	)
	if err := st.s.Cancel(st.ctx, "d", sameDayWindow.Cutoff, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := st.s.Claim(st.ctx, sameDayKey); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("Claim before ClaimWindow: %v, want ErrNotFound", err)
	}
	before := st.lastSeq()
	at := sameDayWindow.Cutoff.Add(time.Minute)
	rec := &recorder{}
	c := st.claim(sameDayKey, at, rec.planner)

	if rec.calls != 1 || !slices.Equal(ids(rec.txs), []string{"a", "b", "c"}) {
		t.Fatalf("planner called %d times with %v, want once with [a b c] (CREATED, this window, ID order)", rec.calls, ids(rec.txs))
	}
	for _, x := range rec.txs {
		if x.Status != returns.Created || x.Trace != "" {
			t.Errorf("planner got %s in %s with trace %q, want CREATED and no trace", x.ID, x.Status, x.Trace)
		}
	}
	if c.Key.Rail != sameDayKey.Rail || c.Key.ID != sameDayKey.ID || !c.Key.Cutoff.Equal(sameDayKey.Cutoff) || !c.ClaimedAt.Equal(at) {
		t.Errorf("claim key %+v at %s, want %+v at %s", c.Key, c.ClaimedAt, sameDayKey, at)
	}
	if c.Plan.Status != returns.ProcessingCredit || c.Plan.Note != "batched" || len(c.Plan.Assignments) != 3 ||
		len(c.Plan.Files) != 1 || c.Plan.Files[0].Written || string(c.Plan.Params) != `{"file_id_modifier":"A"}` {
		t.Errorf("claim plan %+v", c.Plan)
	}
	claimed := st.claimed(sameDayKey, 0)
	if !slices.Equal(ids(claimed), []string{"a", "b", "c"}) {
		t.Errorf("claimed transactions %v, want [a b c]", ids(claimed))
	}
	if got := ids(st.claimed(sameDayKey, 1)); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("claimed transactions of file 1: %v, want [a b c]", got)
	}
	file := c.Plan.Files[0].Name
	for i, a := range c.Plan.Assignments {
		want := tx(a.TransactionID, cutoffs.ACH, sameDayWindow)
		want.Status, want.Trace, want.File = returns.ProcessingCredit, a.Trace, file
		want.Timeline = append(want.Timeline, rails.TimelineEntry{Status: returns.ProcessingCredit, Note: "batched", At: at})
		if d := sameTx(st.get(a.TransactionID), want); d != "" {
			t.Errorf("stored %s: %s", a.TransactionID, d)
		}
		if i < len(claimed) {
			if d := sameTx(claimed[i], want); d != "" {
				t.Errorf("claimed %s: %s", a.TransactionID, d)
			}
		}
	}
	st.status("d", returns.Canceled)
	st.status("n", returns.Created)
	st.status("w", returns.Created)
	evs := st.events(before)
	checkEvents(t, evs, map[string]rails.Status{"a": returns.ProcessingCredit, "b": returns.ProcessingCredit, "c": returns.ProcessingCredit})
	for _, e := range evs {
		if e.Note != "batched" || !e.At.Equal(at) {
			t.Errorf("claim event %+v, want note batched at %s", e, at)
		}
	}
	stored, err := st.s.Claim(st.ctx, sameDayKey)
	if err != nil {
		t.Fatal(err)
	}
	sameClaim(t, "Claim after ClaimWindow", stored, c)
}

func testClaimWindowTwice(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("a"), SampleTransaction("b"))
	first := st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	before := st.lastSeq()
	rec := &recorder{}
	again, err := st.s.ClaimWindow(st.ctx, sameDayKey, sameDayWindow.Cutoff.Add(time.Hour), rec.planner)
	if !errors.Is(err, rails.ErrClaimed) {
		t.Fatalf("second ClaimWindow: %v, want ErrClaimed", err)
	}
	if rec.calls != 0 {
		t.Errorf("second ClaimWindow called the planner")
	}
	sameClaim(t, "second ClaimWindow", again, first)
	if n := len(st.events(before)); n != 0 {
		t.Errorf("second ClaimWindow emitted %d events", n)
	}
}

func testClaimWindowPlannerError(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("a"), SampleTransaction("b"))
	before := st.lastSeq()
	boom := errors.New("boom")
	failing := func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		if _, err := c.Next("trace:09100001", 100); err != nil {
			return nil, err
		}
		return nil, boom
	}
	if _, err := st.s.ClaimWindow(st.ctx, sameDayKey, sameDayWindow.Cutoff, failing); !errors.Is(err, boom) {
		t.Fatalf("ClaimWindow with a failing planner: %v, want it to wrap the planner's error", err)
	}
	if _, err := st.s.Claim(st.ctx, sameDayKey); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("Claim after a failed claim: %v, want ErrNotFound", err)
	}
	st.status("a", returns.Created)
	st.status("b", returns.Created)
	if n := len(st.events(before)); n != 0 {
		t.Errorf("failed claim emitted %d events", n)
	}
	if err := st.s.Cancel(st.ctx, "b", sameDayWindow.Cutoff, ""); err != nil {
		t.Errorf("Cancel after a failed claim: %v", err)
	}
	// The window can still be claimed.
	st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	if got := ids(st.claimed(sameDayKey, 0)); !slices.Equal(got, []string{"a"}) {
		t.Errorf("claim after a failed claim took %v, want [a]", got)
	}
}

func testClaimWindowBadPlan(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("a"), SampleTransaction("b"), tx("n", cutoffs.ACH, nextDayWindow))
	edit := func(f func(p *rails.Plan)) rails.Planner {
		return func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
			p, err := SamplePlanner(txs, c)
			if err == nil {
				f(p)
			}
			return p, err
		}
	}
	tests := []struct {
		name string
		plan rails.Planner
	}{
		{"nil plan", func(rails.TxSeq, rails.Counters) (*rails.Plan, error) { return nil, nil }},
		{"assignments without reading", func(rails.TxSeq, rails.Counters) (*rails.Plan, error) {
			return &rails.Plan{Status: returns.ProcessingCredit, Files: []rails.FilePlan{{Seq: 1, Name: "f"}},
				Assignments: []rails.Assignment{{TransactionID: "a", File: 1, Trace: "1"}, {TransactionID: "b", File: 1, Trace: "2"}}}, nil
		}},
		{"stops reading early", func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
			first := func(yield func(*rails.Transaction, error) bool) {
				for tx, err := range txs {
					yield(tx, err)
					return
				}
			}
			return SamplePlanner(first, c)
		}},
		{"ranges twice", func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
			if _, err := collect(txs); err != nil {
				return nil, err
			}
			return SamplePlanner(txs, c)
		}},
		{"assignments out of order", edit(func(p *rails.Plan) {
			p.Assignments[0], p.Assignments[1] = p.Assignments[1], p.Assignments[0]
		})},
		{"missing assignment", edit(func(p *rails.Plan) { p.Assignments = p.Assignments[:1] })},
		{"assigned twice", edit(func(p *rails.Plan) { p.Assignments[1].TransactionID = p.Assignments[0].TransactionID })},
		{"unknown transaction", edit(func(p *rails.Plan) { p.Assignments[1].TransactionID = "zzz" })},
		{"other window's transaction", edit(func(p *rails.Plan) { p.Assignments[1].TransactionID = "n" })},
		{"extra assignment", edit(func(p *rails.Plan) {
			p.Assignments = append(p.Assignments, rails.Assignment{TransactionID: "n", File: 1, Trace: "x"})
		})},
		{"file not in plan", edit(func(p *rails.Plan) { p.Assignments[0].File = 2 })},
		{"no files", edit(func(p *rails.Plan) { p.Files = nil })},
		{"no status", edit(func(p *rails.Plan) { p.Status = returns.Unchanged })},
		{"repeated trace", edit(func(p *rails.Plan) { p.Assignments[1].Trace = p.Assignments[0].Trace })},
	}
	before := st.lastSeq()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := st.s.ClaimWindow(st.ctx, sameDayKey, sameDayWindow.Cutoff, tt.plan); err == nil || errors.Is(err, rails.ErrClaimed) {
				t.Fatalf("ClaimWindow: %v, want an error", err)
			}
			if _, err := st.s.Claim(st.ctx, sameDayKey); !errors.Is(err, rails.ErrNotFound) {
				t.Errorf("Claim after a bad plan: %v, want ErrNotFound", err)
			}
		})
	}
	for _, id := range []string{"a", "b", "n"} {
		if x := st.get(id); x.Status != returns.Created || x.Trace != "" || len(x.Timeline) != 1 {
			t.Errorf("%s after bad plans: %s, trace %q, timeline %+v", id, x.Status, x.Trace, x.Timeline)
		}
	}
	if n := len(st.events(before)); n != 0 {
		t.Errorf("bad plans emitted %d events", n)
	}
	st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
}

func testClaimWindowLateSubmit(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("a"))
	first := st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	if r := st.submit(SampleTransaction("late"), SampleTransaction("a")); r[0] != rails.Closed || r[1] != rails.Duplicate {
		t.Errorf("Submit after the claim: %v, want [Closed Duplicate] (a new ID is refused, a stored one is a duplicate)", r)
	}
	again, err := st.s.ClaimWindow(st.ctx, sameDayKey, sameDayWindow.Cutoff.Add(time.Hour), SamplePlanner)
	if !errors.Is(err, rails.ErrClaimed) {
		t.Fatalf("ClaimWindow after a late submit: %v, want ErrClaimed", err)
	}
	sameClaim(t, "claim after a late submit", again, first)
	if _, err := st.s.Transaction(st.ctx, "late"); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("late transaction refused by a claimed window was stored: %v", err)
	}
}

func testClaimWindowEmpty(t *testing.T, st *storeT) {
	c := st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	if n := len(st.claimed(sameDayKey, 0)); n != 0 || len(c.Plan.Assignments) != 0 || len(c.Plan.Files) != 0 {
		t.Errorf("empty window's claim: %+v with %d transactions", c, n)
	}
	if _, err := st.s.ClaimWindow(st.ctx, sameDayKey, sameDayWindow.Cutoff, SamplePlanner); !errors.Is(err, rails.ErrClaimed) {
		t.Errorf("second claim of an empty window: %v, want ErrClaimed", err)
	}
}

func testClaimWindowConcurrent(t *testing.T, st *storeT) {
	var txs []*rails.Transaction
	for i := range 50 {
		txs = append(txs, SampleTransaction(fmt.Sprintf("tx_%03d", i)))
	}
	st.submit(txs...)
	const n = 8
	var (
		calls  atomic.Int32
		wg     sync.WaitGroup
		start  = make(chan struct{})
		claims [n]*rails.Claim
		errs   [n]error
	)
	planner := func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		calls.Add(1)
		return SamplePlanner(txs, c)
	}
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			claims[i], errs[i] = st.s.ClaimWindow(st.ctx, sameDayKey, sameDayWindow.Cutoff, planner)
		}()
	}
	close(start)
	wg.Wait()
	var won *rails.Claim
	for i, err := range errs {
		switch {
		case err == nil:
			if won != nil {
				t.Errorf("two claimers won")
			}
			won = claims[i]
		case !errors.Is(err, rails.ErrClaimed):
			t.Errorf("claimer %d: %v", i, err)
		}
	}
	if won == nil {
		t.Fatal("no claimer won")
	}
	if c := calls.Load(); c != 1 {
		t.Errorf("planner called %d times, want once", c)
	}
	for i, err := range errs {
		if errors.Is(err, rails.ErrClaimed) {
			sameClaim(t, fmt.Sprintf("claimer %d", i), claims[i], won)
		}
	}
	if len(won.Plan.Assignments) != len(txs) {
		t.Errorf("winner assigned %d of %d", len(won.Plan.Assignments), len(txs))
	}
}

func testClaimWindowGroupOrder(t *testing.T, st *storeT) {
	var txs []*rails.Transaction
	for _, x := range []struct{ id, group string }{{"a", "2"}, {"b", "1"}, {"c", "2"}, {"d", ""}, {"e", "1"}} {
		y := SampleTransaction(x.id)
		y.Window.Group = x.group
		txs = append(txs, y)
	}
	st.submit(txs...)
	if got := st.get("b").Window.Group; got != "1" {
		t.Errorf("stored group %q, want 1", got)
	}
	rec := &recorder{}
	st.claim(sameDayKey, sameDayWindow.Cutoff, rec.planner)
	if got, want := ids(rec.txs), []string{"d", "b", "e", "a", "c"}; !slices.Equal(got, want) {
		t.Errorf("planner got %v, want %v (by group, then ID)", got, want)
	}
	if got := ids(st.claimed(sameDayKey, 0)); !slices.Equal(got, ids(rec.txs)) {
		t.Errorf("claimed transactions %v, want the planner's order %v", got, ids(rec.txs))
	}
}

// twoFiles plans odd positions into file 1 and even ones into file 2.
func twoFiles(seq rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
	p, err := SamplePlanner(seq, c)
	if err != nil || len(p.Files) == 0 {
		return p, err
	}
	p.Files = append(p.Files, rails.FilePlan{Seq: 2, Name: p.Files[0].Name + ".2"})
	for i := range p.Assignments {
		p.Assignments[i].File = 1 + i%2
	}
	return p, nil
}

func testClaimedTransactions(t *testing.T, st *storeT) {
	if _, err := collect(st.s.ClaimedTransactions(st.ctx, sameDayKey, 0)); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("ClaimedTransactions of an unclaimed window: %v, want ErrNotFound", err)
	}
	st.submit(SampleTransaction("a"), SampleTransaction("b"), SampleTransaction("c"), SampleTransaction("d"), SampleTransaction("e"))
	c := st.claim(sameDayKey, sameDayWindow.Cutoff, twoFiles)
	tests := []struct {
		seq  int
		want []string
	}{{0, []string{"a", "b", "c", "d", "e"}}, {1, []string{"a", "c", "e"}}, {2, []string{"b", "d"}}, {3, nil}}
	for _, tt := range tests {
		got := st.claimed(sameDayKey, tt.seq)
		if !slices.Equal(ids(got), tt.want) {
			t.Errorf("ClaimedTransactions(file %d) = %v, want %v", tt.seq, ids(got), tt.want)
		}
		for _, x := range got {
			want := c.Plan.Files[(slices.Index(ids(st.claimed(sameDayKey, 0)), x.ID))%2].Name
			if x.File != want || x.Status != returns.ProcessingCredit || len(x.Timeline) != 2 {
				t.Errorf("file %d: %s in %q, %s, timeline %+v; want file %q, PROCESSING-CREDIT, 2 entries", tt.seq, x.ID, x.File, x.Status, x.Timeline, want)
			}
		}
	}
	// A caller may stop early.
	n := 0
	for _, err := range st.s.ClaimedTransactions(st.ctx, sameDayKey, 0) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 2 {
			break
		}
	}
	// Later changes do not show: the transactions are as claimed.
	if _, err := st.s.Settle(st.ctx, day, sameDayWindow.Cutoff.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, x := range st.claimed(sameDayKey, 0) {
		if x.Status != returns.ProcessingCredit || len(x.Timeline) != 2 {
			t.Errorf("%s after Settle: %s, timeline %d entries; want as claimed", x.ID, x.Status, len(x.Timeline))
		}
	}
}

func testCounters(t *testing.T, st *storeT) {
	var got []int64
	take := func(n int64) rails.Planner {
		return func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
			for range 2 {
				v, err := c.Next("file-id", n)
				if err != nil {
					return nil, err
				}
				got = append(got, v)
			}
			if _, err := c.Next("file-id", 0); err == nil {
				t.Errorf("Next(name, 0) did not fail")
			}
			return SamplePlanner(txs, c)
		}
	}
	st.submit(tx("a", cutoffs.ACH, sameDayWindow), tx("b", cutoffs.ACH, sameDayWindow), tx("c", cutoffs.ACH, nextDayWindow))
	st.claim(sameDayKey, sameDayWindow.Cutoff, take(3))
	st.claim(keyOf(cutoffs.ACH, nextDayWindow), nextDayWindow.Cutoff, take(5))
	if want := []int64{1, 4, 7, 12}; !slices.Equal(got, want) {
		t.Errorf("counter values %v, want %v (start at 1, n consecutive, never repeat)", got, want)
	}
	traces := map[string]string{}
	for _, id := range []string{"a", "b", "c"} {
		x := st.get(id)
		if prev, ok := traces[x.Trace]; ok {
			t.Errorf("trace %s given to %s and %s", x.Trace, prev, id)
		}
		traces[x.Trace] = id
	}
}

func testClaimAsClaimed(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("a"), SampleTransaction("b"))
	c := st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	if _, err := st.s.Settle(st.ctx, day, sameDayWindow.Cutoff.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	st.status("a", returns.Settled)
	later, err := st.s.Claim(st.ctx, sameDayKey)
	if err != nil {
		t.Fatal(err)
	}
	sameClaim(t, "Claim after the transactions moved on (as they were claimed)", later, c)
}

func testFileWritten(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("a"))
	c := st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	name := c.Plan.Files[0].Name
	tests := []struct {
		name string
		key  rails.WindowKey
		seq  int
		sha  string
		want error
	}{
		{"unclaimed window", keyOf(cutoffs.ACH, nextDayWindow), 1, "aa", rails.ErrNotFound},
		{"no such file", sameDayKey, 2, "aa", rails.ErrNotFound},
		{"first record", sameDayKey, 1, "aa", nil},
		{"same again", sameDayKey, 1, "aa", nil},
		{"other sha256", sameDayKey, 1, "bb", rails.ErrConflict},
	}
	for _, tt := range tests {
		err := st.s.FileWritten(st.ctx, tt.key, tt.seq, "/outbox/"+name, tt.sha)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%s: FileWritten: %v, want %v", tt.name, err, tt.want)
		}
	}
	got, err := st.s.Claim(st.ctx, sameDayKey)
	if err != nil {
		t.Fatal(err)
	}
	if f := got.Plan.Files[0]; !f.Written || f.SHA256 != "aa" || f.Name != name || f.Seq != 1 {
		t.Errorf("file after FileWritten: %+v", f)
	}
}

func testSettle(t *testing.T, st *storeT) {
	st.submit(
		tx("s2", cutoffs.ACH, sameDayWindow), tx("s1", cutoffs.ACH, sameDayWindow),
		tx("n1", cutoffs.ACH, nextDayWindow), tx("c1", cutoffs.ACH, sameDayWindow),
	)
	st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	st.claim(keyOf(cutoffs.ACH, nextDayWindow), nextDayWindow.Cutoff, SamplePlanner)
	if r := st.submit(tx("late", cutoffs.ACH, sameDayWindow)); r[0] != rails.Closed {
		t.Errorf("Submit into a claimed window: %v, want Closed", r[0])
	}
	at := time.Date(2026, 11, 25, 18, 0, 0, 0, pacific)
	before := st.lastSeq()
	tests := []struct {
		through cutoffs.Date
		want    []string
	}{
		{day.AddDays(-1), nil},
		{day, []string{"c1", "s1", "s2"}},
		{day, nil},
		{day.AddDays(5), []string{"n1"}},
	}
	for _, tt := range tests {
		got, err := st.s.Settle(st.ctx, tt.through, at)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 0 || len(tt.want) != 0 {
			if !slices.Equal(got, tt.want) {
				t.Errorf("Settle(%s) = %v, want %v", tt.through, got, tt.want)
			}
		}
	}
	for _, id := range []string{"c1", "s1", "s2", "n1"} {
		x := st.get(id)
		if x.Status != returns.Settled || len(x.Timeline) != 3 {
			t.Errorf("%s: %s, timeline %+v", id, x.Status, x.Timeline)
			continue
		}
		if e := x.Timeline[2]; e.Status != returns.Settled || !e.At.Equal(at) || e.Note != rails.NoteAdvance {
			t.Errorf("%s: settle entry %+v", id, e)
		}
	}
	checkEvents(t, st.events(before), map[string]rails.Status{
		"c1": returns.Settled, "s1": returns.Settled, "s2": returns.Settled, "n1": returns.Settled,
	})
}

// returned is an inbound file returning transaction id (R01).
func returned(sha, id string) *rails.Inbound {
	at := time.Date(2026, 11, 27, 7, 0, 0, 0, pacific)
	return &rails.Inbound{
		SHA256: sha, Name: "RET_" + sha + ".ach", Format: "nacha", ReceivedAt: at,
		Changes: []rails.Change{{
			TransactionID: id, From: returns.ProcessingCredit, To: returns.Returned,
			Event: rails.Event{
				Note: "[Returned on Credit] R01 -- Insufficient Funds", Code: "R01",
				LockNode: true, Category: "insufficient_funds", At: at,
			},
		}},
		Corrections: []json.RawMessage{json.RawMessage(`{"code":"C01"}`)},
		Unmatched:   []rails.Unmatched{{Line: 7, Trace: "091000019999999", Code: "R03"}},
	}
}

func testIngest(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("a"), SampleTransaction("b"))
	st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	before := st.lastSeq()
	in := returned("f1", "a")
	if err := st.s.Ingest(st.ctx, in); err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	x := st.get("a")
	ch := in.Changes[0]
	if e := x.Timeline[len(x.Timeline)-1]; x.Status != returns.Returned || e.Status != returns.Returned ||
		e.Note != ch.Event.Note || e.Code != "R01" || !e.At.Equal(ch.Event.At) {
		t.Errorf("after Ingest: %s, last timeline entry %+v", x.Status, e)
	}
	st.status("b", returns.ProcessingCredit)
	evs := st.events(before)
	checkEvents(t, evs, map[string]rails.Status{"a": returns.Returned})
	if len(evs) == 1 {
		e := evs[0]
		if e.Note != ch.Event.Note || e.Code != "R01" || !e.LockNode || e.LockUser || e.Category != "insufficient_funds" || !e.At.Equal(ch.Event.At) {
			t.Errorf("ingest event %+v", e)
		}
	}

	before = st.lastSeq()
	again := returned("f1", "b") // same file digest, whatever it says
	if err := st.s.Ingest(st.ctx, again); !errors.Is(err, rails.ErrDuplicate) {
		t.Errorf("second Ingest of f1: %v, want ErrDuplicate", err)
	}
	st.status("b", returns.ProcessingCredit)
	if n := len(st.events(before)); n != 0 {
		t.Errorf("duplicate Ingest emitted %d events", n)
	}
	if x := st.get("a"); len(x.Timeline) != 3 {
		t.Errorf("duplicate Ingest changed a's timeline: %+v", x.Timeline)
	}

	// Several changes of one transaction apply in order.
	chain := returned("f2", "b")
	chain.Changes = append(chain.Changes, rails.Change{
		TransactionID: "b", From: returns.Returned, To: returns.Settled,
		Event: rails.Event{Note: "return reversed", At: chain.ReceivedAt},
	})
	if err := st.s.Ingest(st.ctx, chain); err != nil {
		t.Fatalf("Ingest of a chain: %v", err)
	}
	if x := st.get("b"); x.Status != returns.Settled || len(x.Timeline) != 4 {
		t.Errorf("after a chain: %s, timeline %+v", x.Status, x.Timeline)
	}

	// What was recorded can be listed and read back, in the order it was
	// recorded (f0 was received before the others, but ingested last).
	early := returned("f0", "zzz")
	early.Changes, early.ReceivedAt = nil, early.ReceivedAt.Add(-48*time.Hour)
	if err := st.s.Ingest(st.ctx, early); err != nil {
		t.Fatal(err)
	}
	files, err := st.s.InboundFiles(st.ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []rails.InboundInfo{
		{SHA256: "f1", Name: "RET_f1.ach", Format: "nacha", ReceivedAt: in.ReceivedAt, Changes: 1, Corrections: 1, Unmatched: 1},
		{SHA256: "f2", Name: "RET_f2.ach", Format: "nacha", ReceivedAt: chain.ReceivedAt, Changes: 2, Corrections: 1, Unmatched: 1},
		{SHA256: "f0", Name: "RET_f0.ach", Format: "nacha", ReceivedAt: early.ReceivedAt, Changes: 0, Corrections: 1, Unmatched: 1},
	}
	if len(files) != len(want) {
		t.Fatalf("InboundFiles = %+v, want %+v", files, want)
	}
	for i, f := range files {
		w := want[i]
		if !f.ReceivedAt.Equal(w.ReceivedAt) {
			t.Errorf("InboundFiles[%d] received %s, want %s", i, f.ReceivedAt, w.ReceivedAt)
		}
		f.ReceivedAt = w.ReceivedAt
		if f != w {
			t.Errorf("InboundFiles[%d] = %+v, want %+v", i, f, w)
		}
	}
	got, err := st.s.InboundFile(st.ctx, "f2")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Changes) != 2 || got.Changes[1].To != returns.Settled || got.Changes[0].Event.Code != "R01" ||
		len(got.Unmatched) != 1 || got.Unmatched[0] != chain.Unmatched[0] || len(got.Corrections) != 1 ||
		string(got.Corrections[0]) != `{"code":"C01"}` || got.Name != chain.Name || !got.ReceivedAt.Equal(chain.ReceivedAt) {
		t.Errorf("InboundFile(f2) = %+v, want %+v", got, chain)
	}
	if _, err := st.s.InboundFile(st.ctx, "nope"); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("InboundFile(unknown): %v, want ErrNotFound", err)
	}
}

func testIngestConflict(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("a"), SampleTransaction("b"), SampleTransaction("c"))
	st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	if err := st.s.Cancel(st.ctx, "c", sameDayWindow.Cutoff, ""); err == nil {
		t.Fatal("canceled a claimed transaction")
	}
	before := st.lastSeq()
	in := returned("f1", "a")
	bad := returned("f1", "b")
	bad.Changes[0].From = returns.Created // b is PROCESSING-CREDIT
	in.Changes = append(in.Changes, bad.Changes[0])
	if err := st.s.Ingest(st.ctx, in); !errors.Is(err, rails.ErrConflict) {
		t.Fatalf("Ingest with a stale From: %v, want ErrConflict", err)
	}
	st.status("a", returns.ProcessingCredit)
	st.status("b", returns.ProcessingCredit)
	if n := len(st.events(before)); n != 0 {
		t.Errorf("conflicting Ingest emitted %d events", n)
	}
	// Nothing was recorded, the file digest included: the caller re-reads
	// and retries.
	in.Changes = in.Changes[:1]
	if err := st.s.Ingest(st.ctx, in); err != nil {
		t.Fatalf("Ingest retried: %v", err)
	}
	st.status("a", returns.Returned)
}

func testEvents(t *testing.T, st *storeT) {
	if evs := st.events(0); len(evs) != 0 {
		t.Fatalf("new store has %d events", len(evs))
	}
	st.submit(SampleTransaction("a"), SampleTransaction("b"), SampleTransaction("c"))
	if err := st.s.Cancel(st.ctx, "c", sameDayWindow.Cutoff, ""); err != nil {
		t.Fatal(err)
	}
	st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	if err := st.s.Ingest(st.ctx, returned("f1", "b")); err != nil {
		t.Fatal(err)
	}
	all := st.events(0)
	type ev struct {
		id string
		st rails.Status
	}
	var got []ev
	for i, e := range all {
		if i > 0 && e.Seq <= all[i-1].Seq {
			t.Errorf("event %d: Seq %d after %d", i, e.Seq, all[i-1].Seq)
		}
		got = append(got, ev{e.TransactionID, e.Status})
	}
	// Within one step the order of transactions is the store's; across
	// steps it is the order of the steps.
	want := [][]ev{
		{{"a", returns.Created}, {"b", returns.Created}, {"c", returns.Created}},
		{{"c", returns.Canceled}},
		{{"a", returns.ProcessingCredit}, {"b", returns.ProcessingCredit}},
		{{"b", returns.Returned}},
	}
	rest := got
	for _, step := range want {
		if len(rest) < len(step) {
			t.Fatalf("events %v, want steps %v", got, want)
		}
		g := slices.Clone(rest[:len(step)])
		slices.SortFunc(g, func(a, b ev) int { return strings.Compare(a.id, b.id) })
		if !slices.Equal(g, step) {
			t.Errorf("events %v, want steps %v", got, want)
		}
		rest = rest[len(step):]
	}
	if len(rest) != 0 {
		t.Errorf("extra events %v", rest)
	}

	// Paging reads the same sequence.
	for _, limit := range []int{1, 2, 3, 100} {
		var paged []rails.Event
		after := int64(0)
		for {
			page, err := st.s.Events(st.ctx, after, limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) > limit {
				t.Fatalf("Events(%d, %d) returned %d", after, limit, len(page))
			}
			if len(page) == 0 {
				break
			}
			paged = append(paged, page...)
			after = page[len(page)-1].Seq
		}
		if !reflect.DeepEqual(normEvents(paged), normEvents(all)) {
			t.Errorf("paging by %d: %v, want %v", limit, paged, all)
		}
	}
	last := all[len(all)-1].Seq
	if evs := st.events(last); len(evs) != 0 {
		t.Errorf("Events(last) = %v, want none", evs)
	}
	if evs := st.events(all[1].Seq); len(evs) != len(all)-2 || evs[0].Seq != all[2].Seq {
		t.Errorf("Events(after the second) = %v", evs)
	}
}

func normEvents(evs []rails.Event) []rails.Event {
	out := slices.Clone(evs)
	for i := range out {
		out[i].At = out[i].At.UTC()
	}
	return out
}

func testTransactionsByTrace(t *testing.T, st *storeT) {
	st.submit(SampleTransaction("a"), SampleTransaction("b"), tx("n", cutoffs.ACH, nextDayWindow))
	c := st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	for _, a := range c.Plan.Assignments {
		got, err := st.s.TransactionsByTrace(st.ctx, a.Trace)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != a.TransactionID || got[0].Trace != a.Trace || len(got[0].Timeline) != 2 {
			t.Errorf("TransactionsByTrace(%s) = %v, want [%s] with its timeline", a.Trace, ids(got), a.TransactionID)
		}
	}
	got, err := st.s.TransactionsByTrace(st.ctx, "000000000000000")
	if err != nil || len(got) != 0 {
		t.Errorf("TransactionsByTrace(unknown) = %v, %v; want none and no error", ids(got), err)
	}
	// A trace given twice (a counter that wrapped): newest claim first.
	wrapped := func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		p, err := SamplePlanner(txs, c)
		if err == nil {
			p.Assignments[0].Trace = "091000010000001"
		}
		return p, err
	}
	st.claim(keyOf(cutoffs.ACH, nextDayWindow), nextDayWindow.Cutoff, wrapped)
	got, err = st.s.TransactionsByTrace(st.ctx, "091000010000001")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(got), []string{"n", "a"}) {
		t.Errorf("TransactionsByTrace(wrapped) = %v, want [n a] (newest claim first)", ids(got))
	}
}

// checkByTraces checks that TransactionsByTraces(traces) holds exactly the
// traces of want, each with the transactions of those IDs, in order, each
// equal to what TransactionsByTrace returns for it.
func checkByTraces(t *testing.T, st *storeT, traces []string, want map[string][]string) {
	t.Helper()
	got, err := st.s.TransactionsByTraces(st.ctx, traces)
	if err != nil {
		t.Fatalf("TransactionsByTraces(%q): %v", traces, err)
	}
	if got == nil {
		t.Errorf("TransactionsByTraces(%q) = nil map, want an empty or filled map", traces)
	}
	gotIDs := map[string][]string{}
	for trace, txs := range got {
		gotIDs[trace] = ids(txs)
	}
	if !reflect.DeepEqual(gotIDs, want) {
		t.Errorf("TransactionsByTraces(%q) = %v, want %v", traces, gotIDs, want)
		return
	}
	for trace, txs := range got {
		one, err := st.s.TransactionsByTrace(st.ctx, trace)
		if err != nil {
			t.Fatal(err)
		}
		for i, tx := range txs {
			if tx.Trace != trace {
				t.Errorf("TransactionsByTraces: %s under trace %s has Trace %q", tx.ID, trace, tx.Trace)
			}
			if d := sameTx(tx, one[i]); d != "" {
				t.Errorf("TransactionsByTraces: trace %s, %s differs from TransactionsByTrace: %s", trace, tx.ID, d)
			}
		}
	}
}

func testTransactionsByTraces(t *testing.T, st *storeT) {
	checkByTraces(t, st, nil, map[string][]string{})
	checkByTraces(t, st, []string{}, map[string][]string{})
	st.submit(SampleTransaction("a"), SampleTransaction("b"), tx("n", cutoffs.ACH, nextDayWindow))
	c := st.claim(sameDayKey, sameDayWindow.Cutoff, SamplePlanner)
	trace := map[string]string{}
	for _, a := range c.Plan.Assignments {
		trace[a.TransactionID] = a.Trace
	}
	// Nothing claimed in the next-day window yet: n has no trace.
	checkByTraces(t, st, []string{"000000000000000"}, map[string][]string{})
	// Known and unknown traces, an empty one and a repeat.
	checkByTraces(t, st, []string{trace["b"], "000000000000000", "", trace["a"], trace["b"]},
		map[string][]string{trace["a"]: {"a"}, trace["b"]: {"b"}})

	// b returned: its timeline grows, its status changes.
	at := sameDayWindow.Cutoff.Add(48 * time.Hour)
	if err := st.s.Ingest(st.ctx, &rails.Inbound{SHA256: "by-traces", Name: "ret.ach", Format: "nacha", ReceivedAt: at,
		Changes: []rails.Change{{TransactionID: "b", From: returns.ProcessingCredit, To: returns.Returned,
			Event: rails.Event{TransactionID: "b", Status: returns.Returned, Note: "returned", Code: "R01", At: at}}},
	}); err != nil {
		t.Fatal(err)
	}
	got, err := st.s.TransactionsByTraces(st.ctx, []string{trace["b"]})
	if err != nil {
		t.Fatal(err)
	}
	if txs := got[trace["b"]]; len(txs) != 1 || txs[0].Status != returns.Returned || len(txs[0].Timeline) != 3 {
		t.Errorf("TransactionsByTraces after a return: %+v, want b RETURNED with 3 timeline entries", txs)
	}

	// A trace given twice (a counter that wrapped): newest claim first,
	// beside a trace given once.
	wrapped := func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		p, err := SamplePlanner(txs, c)
		if err == nil {
			p.Assignments[0].Trace = trace["a"]
		}
		return p, err
	}
	st.claim(keyOf(cutoffs.ACH, nextDayWindow), nextDayWindow.Cutoff, wrapped)
	checkByTraces(t, st, []string{trace["a"], "000000000000000", trace["b"]},
		map[string][]string{trace["a"]: {"n", "a"}, trace["b"]: {"b"}})
}
