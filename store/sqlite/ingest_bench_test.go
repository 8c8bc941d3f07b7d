package sqlite_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/railtest"
	"github.com/railyardhq/railyard/store/sqlite"
)

// BenchmarkEngineIngest100kOf1M is the ingest budget: a return file of
// 100,000 R01 returns ingested against 1,000,000 stored, batched
// transactions on the embedded store (≤ 5 s). Setup, outside the timer:
// submit 1M next-day ACH transactions, run the window (20 files of 50,000),
// and answer every tenth entry of each file with railtest.BankFile; the 20
// answers are merged into one file with ach.Writer. The timer covers
// Engine.Ingest alone. Metrics: peak-heap-MB (HeapInuse sampled every 20 ms
// during Ingest), lookup-s (the time inside Store.TransactionsByTraces
// and Store.TransactionsByTrace: the matching), store-s (the time inside Store.Ingest:
// the write transaction), and file-MB.
func BenchmarkEngineIngest100kOf1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M transactions: skipped with -short")
	}
	const (
		n       = 1_000_000
		returns = 100_000
	)
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		st, eng, cfg := benchEngine(b, n, "076401251", "021000021", "231380104", "011000015")
		res, err := eng.Run(ctx, benchCutoff)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Windows) != 1 || res.Windows[0].Transactions != n {
			b.Fatalf("run: %+v", res.Windows)
		}
		file := returnFile(b, res.Windows[0].Files, 10)

		// The engine Ingest runs on: the same store, with the time spent
		// in its two Ingest-path methods measured.
		ts := &timedStore{Store: st}
		ieng, err := rails.NewEngine(ts, cfg)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		stop := sampleHeap()
		b.ReportAllocs()
		b.StartTimer()
		ir, err := ieng.Ingest(ctx, "RET_100K.ach", bytes.NewReader(file), time.Date(2026, 3, 10, 10, 0, 0, 0, pacificLA))
		b.StopTimer()
		peak := stop()
		if err != nil {
			b.Fatal(err)
		}
		if len(ir.Changes) != returns || len(ir.Unmatched) != 0 {
			b.Fatalf("ingest: %d changes, %d unmatched", len(ir.Changes), len(ir.Unmatched))
		}
		for _, ch := range ir.Changes[:10] {
			if ch.To.String() != "RETURNED" {
				b.Fatalf("%s: %s → %s, want RETURNED", ch.TransactionID, ch.From, ch.To)
			}
		}
		b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
		b.ReportMetric(time.Duration(ts.lookup.Load()).Seconds(), "lookup-s")
		b.ReportMetric(time.Duration(ts.ingest.Load()).Seconds(), "store-s")
		b.ReportMetric(float64(len(file))/1e6, "file-MB")
		st.Close()
	}
}

var (
	stored10M    = flag.Bool("stored10m", false, "run BenchmarkEngineIngest100kOf10M (about 6 GB of disk and minutes of setup)")
	stored10MDir = flag.String("stored10m-dir", "", "keep BenchmarkEngineIngest100kOf10M's prepared store and return file in `DIR`, and start from a copy of them when they are there")
)

// BenchmarkEngineIngest100kOf10M is DESIGN.md's ingest budget: a return
// file of 100,000 R01 returns against 10,000,000 stored, batched
// transactions (≤ 5 s). Setup, outside the timer: ten business days of
// 1,000,000 next-day ACH transactions each, every day's window run (20
// files of 50,000), then every hundredth entry of the 200 files answered
// and merged into one file, so the lookups reach across the whole store.
// Opt in with -stored10m.
func BenchmarkEngineIngest100kOf10M(b *testing.B) {
	if !*stored10M {
		b.Skip("10M stored transactions: opt in with -stored10m")
	}
	const (
		days    = 10
		perDay  = 1_000_000
		returns = 100_000
	)
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		st, cfg, file, received := prepared10M(b)
		if st == nil {
			st, cfg, file, received = prepare10M(b, days, perDay)
		}
		ts := &timedStore{Store: st}
		ieng, err := rails.NewEngine(ts, cfg)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		stop := sampleHeap()
		b.ReportAllocs()
		b.StartTimer()
		ir, err := ieng.Ingest(ctx, "RET_100K.ach", bytes.NewReader(file), received)
		b.StopTimer()
		peak := stop()
		if err != nil {
			b.Fatal(err)
		}
		if len(ir.Changes) != returns || len(ir.Unmatched) != 0 {
			b.Fatalf("ingest: %d changes, %d unmatched", len(ir.Changes), len(ir.Unmatched))
		}
		b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
		b.ReportMetric(time.Duration(ts.lookup.Load()).Seconds(), "lookup-s")
		b.ReportMetric(time.Duration(ts.ingest.Load()).Seconds(), "store-s")
		st.Close()
	}
}

// prepared10M opens a copy of the store -stored10m-dir keeps, or returns
// a nil store when there is none.
func prepared10M(b *testing.B) (*sqlite.Store, rails.Config, []byte, time.Time) {
	b.Helper()
	cfg := rails.DefaultConfig()
	cfg.Outbox = b.TempDir()
	cfg.MaxFileEntries = 50_000
	if *stored10MDir == "" {
		return nil, cfg, nil, time.Time{}
	}
	file, err := os.ReadFile(filepath.Join(*stored10MDir, "RET_100K.ach"))
	if err != nil {
		return nil, cfg, nil, time.Time{}
	}
	db := filepath.Join(b.TempDir(), "railyard.db")
	if err := copyFile(filepath.Join(*stored10MDir, "railyard.db"), db); err != nil {
		b.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	return st, cfg, file, time.Date(2026, 3, 20, 10, 0, 0, 0, pacificLA)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// prepare10M builds the 10M store: days business days from 2026-03-06 of
// perDay transactions each, every window run, and the return file; with
// -stored10m-dir it keeps a copy of both there.
func prepare10M(b *testing.B, days, perDay int) (*sqlite.Store, rails.Config, []byte, time.Time) {
	b.Helper()
	ctx := context.Background()
	{
		st, eng, cfg := benchEngine(b, 0)
		var files []rails.FileResult
		day := time.Date(2026, 3, 6, 0, 0, 0, 0, pacificLA)
		for d := 0; d < days; d++ {
			for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
				day = day.AddDate(0, 0, 1)
			}
			submitDay(b, eng, day, d*perDay, perDay, "076401251", "021000021", "231380104", "011000015")
			res, err := eng.Run(ctx, day.Add(15*time.Hour))
			if err != nil {
				b.Fatal(err)
			}
			if len(res.Windows) != 1 || res.Windows[0].Transactions != perDay {
				b.Fatalf("run %s: %+v", day.Format(time.DateOnly), res.Windows)
			}
			files = append(files, res.Windows[0].Files...)
			day = day.AddDate(0, 0, 1)
		}
		file := returnFile(b, files, 100)
		if dir := *stored10MDir; dir != "" {
			var err error
			st.Close() // checkpoints the WAL into the file
			if err := os.MkdirAll(dir, 0o700); err != nil {
				b.Fatal(err)
			}
			if err := copyFile(st.Path(), filepath.Join(dir, "railyard.db")); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "RET_100K.ach"), file, 0o600); err != nil {
				b.Fatal(err)
			}
			if st, err = sqlite.Open(ctx, st.Path()); err != nil {
				b.Fatal(err)
			}
		}
		return st, cfg, file, time.Date(2026, 3, 20, 10, 0, 0, 0, pacificLA)
	}
}

// returnFile answers every every-th entry of each outgoing file with an
// R01 (railtest.BankFile, addenda 99 carrying the original trace) and
// merges the answers into one inbound file: the first answer's file
// header, every answer's batches, return traces renumbered so they stay
// unique across the merged file.
func returnFile(b *testing.B, files []rails.FileResult, every int) []byte {
	b.Helper()
	var merged *ach.File
	seq := 0
	for _, fr := range files {
		data, err := os.ReadFile(fr.Path)
		if err != nil {
			b.Fatal(err)
		}
		var items []railtest.Item
		rd := ach.NewReader(bytes.NewReader(data))
		k := 0
		for rd.Next() {
			if rec := rd.Record(); rec.Type() == '6' {
				if k%every == 0 {
					items = append(items, railtest.Item{Trace: rec.Entry().TraceNumber, Code: "R01"})
				}
				k++
			}
		}
		if err := rd.Err(); err != nil {
			b.Fatal(err)
		}
		bank, err := railtest.BankFile(data, items...)
		if err != nil {
			b.Fatal(err)
		}
		rr := ach.NewReader(bytes.NewReader(bank))
		rr.Options.CustomReturnCodes = true
		f, err := rr.ReadAll()
		if err != nil {
			b.Fatal(err)
		}
		if merged == nil {
			merged = &ach.File{Header: f.Header}
		}
		for _, bt := range f.Batches {
			bt.Header.BatchNumber = 0
			bt.Control = ach.BatchControl{}
			for i := range bt.Entries {
				seq++
				e := &bt.Entries[i]
				e.TraceNumber = fmt.Sprintf("%s%07d", e.TraceNumber[:8], seq)
			}
			merged.Batches = append(merged.Batches, bt)
		}
	}
	merged.Control = ach.FileControl{}
	var buf bytes.Buffer
	w := ach.NewWriter(&buf)
	w.Options.CustomReturnCodes = true
	if err := w.WriteFile(merged); err != nil { // WriteFile closes
		b.Fatal(err)
	}
	return buf.Bytes()
}

// timedStore is the sqlite store with the time spent in
// TransactionsByTrace(s) and Ingest added up.
type timedStore struct {
	*sqlite.Store
	lookup, ingest atomic.Int64
}

func (s *timedStore) TransactionsByTrace(ctx context.Context, trace string) ([]*rails.Transaction, error) {
	t0 := time.Now()
	txs, err := s.Store.TransactionsByTrace(ctx, trace)
	s.lookup.Add(int64(time.Since(t0)))
	return txs, err
}

func (s *timedStore) TransactionsByTraces(ctx context.Context, traces []string) (map[string][]*rails.Transaction, error) {
	t0 := time.Now()
	out, err := s.Store.TransactionsByTraces(ctx, traces)
	s.lookup.Add(int64(time.Since(t0)))
	return out, err
}

func (s *timedStore) Ingest(ctx context.Context, in *rails.Inbound) error {
	t0 := time.Now()
	err := s.Store.Ingest(ctx, in)
	s.ingest.Add(int64(time.Since(t0)))
	return err
}
