package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/store/sqlite"
)

// BenchmarkEngineRun1M is the budget: a cutoff run of 1,000,000 ACH
// transactions on the embedded store (≤ 15 s, ≤ 500 MB). Submission is
// outside the timer; peak-heap-MB samples the Go heap in use while Run
// works.
func BenchmarkEngineRun1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M transactions: skipped with -short")
	}
	const n = 1_000_000
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		st, eng, _ := benchEngine(b, n, "076401251")
		runtime.GC()
		stop := sampleHeap()
		b.StartTimer()
		res, err := eng.Run(ctx, benchCutoff)
		b.StopTimer()
		peak := stop()
		if err != nil {
			b.Fatal(err)
		}
		if res.Windows[0].Transactions != n {
			b.Fatalf("%d transactions", res.Windows[0].Transactions)
		}
		b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
		st.Close()
	}
}

// benchCutoff is the next-day cutoff that closes benchEngine's window.
var benchCutoff = time.Date(2026, 3, 6, 15, 0, 0, 0, pacificLA)

var pacificLA, _ = time.LoadLocation("America/Los_Angeles")

// benchEngine opens a fresh store in a temporary directory and submits n
// next-day ACH transactions of 2026-03-06 (a third debits), their
// counterparties' routing numbers taken in turn from routings, in slices
// of 10,000. Files hold 50,000 entries: 20 for 1M, within the 36 File ID
// Modifiers of a day.
func benchEngine(b *testing.B, n int, routings ...string) (*sqlite.Store, *rails.Engine, rails.Config) {
	b.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "railyard.db"))
	if err != nil {
		b.Fatal(err)
	}
	cfg := rails.DefaultConfig()
	cfg.Outbox = b.TempDir()
	cfg.MaxFileEntries = 50_000
	eng, err := rails.NewEngine(st, cfg)
	if err != nil {
		b.Fatal(err)
	}
	submitDay(b, eng, time.Date(2026, 3, 6, 0, 0, 0, 0, pacificLA), 0, n, routings...)
	return st, eng, cfg
}

// submitDay submits n next-day ACH transactions at 09:00 of day, with IDs
// from first on.
func submitDay(b *testing.B, eng *rails.Engine, day time.Time, first, n int, routings ...string) {
	b.Helper()
	ctx := context.Background()
	at := day.Add(9 * time.Hour)
	for lo := 0; lo < n; lo += 10_000 {
		txs := make([]*rails.Transaction, min(10_000, n-lo))
		for i := range txs {
			k := first + lo + i
			dir := rails.Credit
			if k%3 == 0 {
				dir = rails.Debit
			}
			txs[i] = &rails.Transaction{ID: fmt.Sprintf("tx_%08d", k), Rail: rails.ACH, Speed: rails.NextDay,
				Direction: dir, AmountCents: int64(100 + k%100_000), Currency: "USD",
				Counterparty: rails.Counterparty{Name: "JANE DOE", RoutingNumber: routings[k%len(routings)],
					AccountNumber: fmt.Sprintf("%d", 10_000_000+k), AccountType: rails.Checking},
				SECCode: "PPD", SubmittedAt: at}
		}
		if _, err := eng.Submit(ctx, txs); err != nil {
			b.Fatal(err)
		}
	}
}

// sampleHeap records the largest HeapInuse seen every 20 ms until stop.
func sampleHeap() (stop func() uint64) {
	var max uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > max {
				max = m.HeapInuse
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); wg.Wait(); return max }
}
