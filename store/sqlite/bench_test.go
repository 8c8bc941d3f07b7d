package sqlite

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/railtest"
)

// The benchmarks work on benchN transactions of one window (1,000,000 by
// default, the budget's size):
//
//	go test ./store/sqlite -run '^$' -bench . -benchtime 1x
var (
	benchN     = flag.Int("railyard.n", 1_000_000, "transactions in the store benchmarks")
	benchBatch = 10_000
)

func benchTxs(n int) []*rails.Transaction {
	txs := make([]*rails.Transaction, n)
	for i := range txs {
		tx := railtest.SampleTransaction(fmt.Sprintf("tx_%08d", i))
		tx.Counterparty.AccountNumber = fmt.Sprintf("%012d", i)
		txs[i] = tx
	}
	return txs
}

func submitAll(b *testing.B, s *Store, txs []*rails.Transaction) {
	b.Helper()
	for i := 0; i < len(txs); i += benchBatch {
		res, err := s.Submit(context.Background(), txs[i:min(i+benchBatch, len(txs))])
		if err != nil {
			b.Fatal(err)
		}
		if res[0] != rails.Created {
			b.Fatalf("batch %d: %v", i/benchBatch, res[0])
		}
	}
}

// BenchmarkSubmit submits benchN new transactions in batches of 10,000
// into an empty file; one op is the whole load.
func BenchmarkSubmit(b *testing.B) {
	txs := benchTxs(*benchN)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		submitAll(b, s, txs)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(*benchN)*float64(b.N)/b.Elapsed().Seconds(), "tx/s")
}

// BenchmarkSubmitDuplicate resubmits benchN stored transactions: every
// row is read back and compared.
func BenchmarkSubmitDuplicate(b *testing.B) {
	txs := benchTxs(*benchN)
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	submitAll(b, s, txs)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := 0; i < len(txs); i += benchBatch {
			res, err := s.Submit(context.Background(), txs[i:min(i+benchBatch, len(txs))])
			if err != nil || res[0] != rails.Duplicate {
				b.Fatal(err, res[0])
			}
		}
	}
	b.ReportMetric(float64(*benchN)*float64(b.N)/b.Elapsed().Seconds(), "tx/s")
}

// templates are files made once per run and copied for each iteration.
var templates struct {
	sync.Mutex
	dir     string
	created string // benchN CREATED transactions in one window
	claimed string // the same, claimed
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	src, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		b.Fatal(err)
	}
}

// checkpoint folds the WAL into the file so that the file alone is the
// database.
func checkpoint(b *testing.B, s *Store) {
	if _, err := s.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
}

func benchKey() rails.WindowKey {
	x := railtest.SampleTransaction("x")
	return rails.WindowKey{Rail: x.Rail, ID: x.Window.ID, Cutoff: x.Window.Cutoff}
}

func template(b *testing.B, claimed bool) string {
	b.Helper()
	templates.Lock()
	defer templates.Unlock()
	if templates.dir == "" {
		dir, err := os.MkdirTemp("", "railyard-bench")
		if err != nil {
			b.Fatal(err)
		}
		templates.dir = dir
	}
	if templates.created == "" {
		path := filepath.Join(templates.dir, "created.db")
		s, err := Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		submitAll(b, s, benchTxs(*benchN))
		checkpoint(b, s)
		s.Close()
		templates.created = path
	}
	if claimed && templates.claimed == "" {
		path := filepath.Join(templates.dir, "claimed.db")
		copyFile(b, templates.created, path)
		s, err := Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		x := railtest.SampleTransaction("x")
		if _, err := s.ClaimWindow(context.Background(), benchKey(), x.Window.Cutoff, railtest.SamplePlanner); err != nil {
			b.Fatal(err)
		}
		checkpoint(b, s)
		s.Close()
		templates.claimed = path
	}
	if claimed {
		return templates.claimed
	}
	return templates.created
}

func TestMain(m *testing.M) {
	code := m.Run()
	if templates.dir != "" {
		os.RemoveAll(templates.dir)
	}
	os.Exit(code)
}

// BenchmarkClaimWindow claims one window of benchN CREATED transactions
// with railtest.SamplePlanner: read them, plan, store assignments, files,
// timeline entries and events, move their status, commit.
func BenchmarkClaimWindow(b *testing.B) {
	tmpl := template(b, false)
	x := railtest.SampleTransaction("x")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "claim.db")
		copyFile(b, tmpl, path)
		s, err := Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c, err := s.ClaimWindow(context.Background(), benchKey(), x.Window.Cutoff, railtest.SamplePlanner)
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Plan.Assignments) != *benchN {
			b.Fatalf("claimed %d", len(c.Plan.Assignments))
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(*benchN)*float64(b.N)/b.Elapsed().Seconds(), "tx/s")
}

// BenchmarkClaim reads back a claim of benchN transactions as a
// recovery's rebuild does: the plan, then its transactions streamed.
func BenchmarkClaim(b *testing.B) {
	s, err := Open(context.Background(), template(b, true))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c, err := s.Claim(context.Background(), benchKey())
		if err != nil || len(c.Plan.Assignments) != *benchN {
			b.Fatal(err)
		}
		n := 0
		for _, err := range s.ClaimedTransactions(context.Background(), benchKey(), 0) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != *benchN {
			b.Fatalf("streamed %d", n)
		}
	}
}

// BenchmarkTransactionsByTrace looks up one trace among benchN claimed
// transactions.
func BenchmarkTransactionsByTrace(b *testing.B) {
	s, err := Open(context.Background(), template(b, true))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i = (i*7919 + 1) % *benchN
		trace := fmt.Sprintf("09100001%07d", i+1)
		txs, err := s.TransactionsByTrace(context.Background(), trace)
		if err != nil || len(txs) != 1 {
			b.Fatal(trace, err, len(txs))
		}
	}
}

// BenchmarkDueWindows lists due windows with benchN CREATED transactions
// waiting in one window.
func BenchmarkDueWindows(b *testing.B) {
	s, err := Open(context.Background(), template(b, false))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	x := railtest.SampleTransaction("x")
	b.ReportAllocs()
	for b.Loop() {
		keys, err := s.DueWindows(context.Background(), x.Window.Cutoff)
		if err != nil || len(keys) != 1 {
			b.Fatal(err, keys)
		}
	}
}
