package railtest_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/railtest"
	"github.com/railyardhq/railyard/returns"
)

var cutoff = time.Date(2026, 3, 6, 23, 0, 0, 0, time.UTC) // 15:00 PT

func memTx(id string) *rails.Transaction {
	return &rails.Transaction{
		ID: id, Rail: rails.ACH, Speed: rails.NextDay, Direction: rails.Credit, AmountCents: 100, Currency: "USD",
		Counterparty: rails.Counterparty{Name: "A", RoutingNumber: "076401251", AccountNumber: "1", AccountType: rails.Checking},
		SECCode:      "PPD", SubmittedAt: cutoff.Add(-time.Hour),
		Window: rails.Window{ID: "ach-next-day-2026-03-06", Cutoff: cutoff, BatchDate: cutoffs.Date{Year: 2026, Month: 3, Day: 6},
			SettlementDate: cutoffs.Date{Year: 2026, Month: 3, Day: 9}},
		Status:   returns.Created,
		Timeline: []rails.TimelineEntry{{Status: returns.Created, Note: "Transaction Created.", At: cutoff.Add(-time.Hour)}},
	}
}

var key = rails.WindowKey{Rail: rails.ACH, ID: "ach-next-day-2026-03-06", Cutoff: cutoff}

// planAll puts every transaction in one file with traces from a counter.
func planAll(seq rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
	var txs []*rails.Transaction
	for tx, err := range seq {
		if err != nil {
			return nil, err
		}
		txs = append(txs, tx)
	}
	p := &rails.Plan{Status: returns.ProcessingCredit, Note: "batched", Files: []rails.FilePlan{{Seq: 1, Name: "ach/f-1.ach"}}}
	if len(txs) == 0 {
		return p, nil
	}
	first, err := c.Next("trace:12104288", int64(len(txs)))
	if err != nil {
		return nil, err
	}
	for i, tx := range txs {
		p.Assignments = append(p.Assignments, rails.Assignment{TransactionID: tx.ID, File: 1, Trace: fmt.Sprintf("12104288%07d", first+int64(i))})
	}
	return p, nil
}

func TestMemStoreClaimOnceConcurrently(t *testing.T) {
	ctx := context.Background()
	st := railtest.NewMemStore()
	var txs []*rails.Transaction
	for i := range 50 {
		txs = append(txs, memTx(fmt.Sprintf("tx_%02d", i)))
	}
	if _, err := st.Submit(ctx, txs); err != nil {
		t.Fatal(err)
	}
	var planned, claimed atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := st.ClaimWindow(ctx, key, cutoff, func(txs rails.TxSeq, cn rails.Counters) (*rails.Plan, error) {
				planned.Add(1)
				return planAll(txs, cn)
			})
			switch {
			case err == nil:
				claimed.Add(1)
			case errors.Is(err, rails.ErrClaimed):
				if c == nil || len(c.Plan.Assignments) != 50 {
					t.Errorf("ErrClaimed without the stored claim")
				}
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if planned.Load() != 1 || claimed.Load() != 1 {
		t.Fatalf("planned %d, claimed %d", planned.Load(), claimed.Load())
	}
	got, _ := st.TransactionsByTrace(ctx, "121042880000050")
	if len(got) != 1 || got[0].ID != "tx_49" || got[0].Status != returns.ProcessingCredit || got[0].File != "ach/f-1.ach" {
		t.Errorf("by trace: %+v", got)
	}
	if err := st.Cancel(ctx, "tx_01", cutoff, "x"); !errors.Is(err, rails.ErrNotCancelable) {
		t.Errorf("cancel after claim: %v", err)
	}
	due, _ := st.DueWindows(ctx, cutoff)
	if len(due) != 1 {
		t.Errorf("due with an unwritten file: %v", due)
	}
	if err := st.FileWritten(ctx, key, 1, "/x", "aa"); err != nil {
		t.Fatal(err)
	}
	if err := st.FileWritten(ctx, key, 1, "/x", "aa"); err != nil {
		t.Errorf("same values again: %v", err)
	}
	if err := st.FileWritten(ctx, key, 1, "/x", "bb"); !errors.Is(err, rails.ErrConflict) {
		t.Errorf("other digest: %v", err)
	}
	if due, _ := st.DueWindows(ctx, cutoff); len(due) != 0 {
		t.Errorf("due after writing: %v", due)
	}
}

func TestMemStoreFailedPlanStoresNothing(t *testing.T) {
	ctx := context.Background()
	st := railtest.NewMemStore()
	if _, err := st.Submit(ctx, []*rails.Transaction{memTx("a")}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	_, err := st.ClaimWindow(ctx, key, cutoff, func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		c.Next("trace:12104288", 5)
		for tx := range txs {
			tx.ID = "mutated" // the planner's copy only
		}
		return nil, boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, err := st.Claim(ctx, key); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("claim stored: %v", err)
	}
	c, err := st.ClaimWindow(ctx, key, cutoff, planAll)
	if err != nil {
		t.Fatal(err)
	}
	if c.Plan.Assignments[0].Trace != "121042880000001" || c.Plan.Assignments[0].TransactionID != "a" {
		t.Errorf("counter or transaction leaked from the failed plan: %+v", c.Plan.Assignments)
	}
	// A plan that forgets a transaction is refused.
	st2 := railtest.NewMemStore()
	st2.Submit(ctx, []*rails.Transaction{memTx("a"), memTx("b")})
	_, err = st2.ClaimWindow(ctx, key, cutoff, func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		first := func(yield func(*rails.Transaction, error) bool) {
			for tx, err := range txs {
				yield(tx, err)
				return
			}
		}
		return planAll(first, c)
	})
	if err == nil {
		t.Error("incomplete plan accepted")
	}
}

func TestMemStoreCopies(t *testing.T) {
	ctx := context.Background()
	st := railtest.NewMemStore()
	in := memTx("a")
	res, err := st.Submit(ctx, []*rails.Transaction{in, memTx("a")})
	if err != nil || res[0] != rails.Created || res[1] != rails.Duplicate {
		t.Fatal(res, err)
	}
	in.AmountCents = 5
	in.Timeline[0].Note = "changed"
	got, _ := st.Transaction(ctx, "a")
	if got.AmountCents != 100 || got.Timeline[0].Note != "Transaction Created." {
		t.Errorf("stored value aliased the input: %+v", got)
	}
	got.Timeline[0].Note = "changed too"
	again, _ := st.Transaction(ctx, "a")
	if again.Timeline[0].Note != "Transaction Created." {
		t.Error("returned value aliases the store")
	}
	other := memTx("a")
	other.AmountCents = 7
	if res, _ := st.Submit(ctx, []*rails.Transaction{other}); res[0] != rails.Conflict {
		t.Errorf("conflict: %v", res)
	}
}

func TestMemStoreIngest(t *testing.T) {
	ctx := context.Background()
	st := railtest.NewMemStore()
	st.Submit(ctx, []*rails.Transaction{memTx("a")})
	if _, err := st.ClaimWindow(ctx, key, cutoff, planAll); err != nil {
		t.Fatal(err)
	}
	in := &rails.Inbound{SHA256: "f1", Name: "r.ach", Format: "nacha", ReceivedAt: cutoff,
		Changes: []rails.Change{{TransactionID: "a", From: returns.Created, To: returns.Returned}}}
	if err := st.Ingest(ctx, in); !errors.Is(err, rails.ErrConflict) {
		t.Fatalf("stale From: %v", err)
	}
	in.Changes[0].From = returns.ProcessingCredit
	in.Changes[0].Event = rails.Event{Note: "[Returned on Credit] R03 -- No Account", Code: "R03", LockNode: true, At: cutoff}
	if err := st.Ingest(ctx, in); err != nil {
		t.Fatal(err)
	}
	if err := st.Ingest(ctx, in); !errors.Is(err, rails.ErrDuplicate) {
		t.Errorf("again: %v", err)
	}
	evs, _ := st.Events(ctx, 0, 0)
	last := evs[len(evs)-1]
	if len(evs) != 3 || last.Seq != 3 || last.Status != returns.Returned || last.Code != "R03" || !last.LockNode {
		t.Errorf("events %+v", evs)
	}
	if evs, _ := st.Events(ctx, 2, 10); len(evs) != 1 || evs[0].Seq != 3 {
		t.Errorf("events after 2: %+v", evs)
	}
	ids, _ := st.Settle(ctx, cutoffs.Date{Year: 2026, Month: 3, Day: 31}, cutoff)
	if len(ids) != 0 {
		t.Errorf("a returned transaction settled: %v", ids)
	}
}

// The Store conformance suite.
func TestMemStoreContract(t *testing.T) {
	railtest.TestStore(t, func(t *testing.T) rails.Store { return railtest.NewMemStore() })
}
