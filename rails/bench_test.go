package rails_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/railtest"
)

// benchTxs returns n next-day transactions of Fri 2026-03-06: PPD and
// CCD, credits and debits, a quarter with addenda.
func benchTxs(n int) []*rails.Transaction {
	txs := make([]*rails.Transaction, n)
	secs := []string{"PPD", "CCD"}
	for i := range txs {
		x := tx(fmt.Sprintf("tx_%08d", i), pt(2026, 3, 6, 9, 0, 0))
		x.SECCode = secs[i%2]
		x.AmountCents = int64(100 + i%100_000)
		if i%3 == 0 {
			x.Direction = rails.Debit
		}
		if i%4 == 0 {
			x.Addenda = "INVOICE 2026-03-06"
		}
		txs[i] = x
	}
	return txs
}

// BenchmarkRun measures Engine.Run claiming one window of n submitted
// transactions on a MemStore and writing its files (Submit is outside
// the timer).
func BenchmarkRun(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			if n > 100_000 && testing.Short() {
				b.Skip("1M transactions: skipped with -short")
			}
			b.ReportAllocs()
			ctx := context.Background()
			cut := pt(2026, 3, 6, 15, 0, 0)
			for range b.N {
				b.StopTimer()
				cfg := rails.DefaultConfig()
				cfg.Outbox = b.TempDir()
				cfg.MaxFileEntries = 50_000 // 20 files for 1M: within the 36 File ID Modifiers of a day
				eng, err := rails.NewEngine(railtest.NewMemStore(), cfg)
				if err != nil {
					b.Fatal(err)
				}
				out, err := eng.Submit(ctx, benchTxs(n))
				if err != nil || out[n-1].Result != rails.SubmitCreated {
					b.Fatal(err, out[n-1])
				}
				b.StartTimer()
				res, err := eng.Run(ctx, cut)
				if err != nil {
					b.Fatal(err)
				}
				if res.Windows[0].Transactions != n {
					b.Fatalf("%d transactions", res.Windows[0].Transactions)
				}
			}
		})
	}
}

// BenchmarkSubmit measures Engine.Submit of 100,000 transactions.
func BenchmarkSubmit(b *testing.B) {
	b.ReportAllocs()
	ctx := context.Background()
	const n = 100_000
	for range b.N {
		b.StopTimer()
		eng, err := rails.NewEngine(railtest.NewMemStore(), rails.DefaultConfig())
		if err != nil {
			b.Fatal(err)
		}
		txs := benchTxs(n)
		b.StartTimer()
		if _, err := eng.Submit(ctx, txs); err != nil {
			b.Fatal(err)
		}
	}
}
