package main

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/ach"
)

// writeLargeFile writes a valid PPD file of n credits, in batches of
// 10,000, to path (n = 1,000,000 gives 94 MB).
func writeLargeFile(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	w := ach.NewWriter(bw)
	file := ppdFile()
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(w.WriteFileHeader(&file.Header))
	hdr := file.Batches[0].Header
	hdr.ServiceClassCode = ach.ServiceCredits
	e := ach.Entry{TransactionCode: 22, RDFIIdentification: "23138010", DFIAccountNumber: acctCredit,
		IdentificationNumber: "EMP0001", Name: "JANE Q PAYEE"}
	trace := []byte("121042880000000")
	for i := 1; i <= n; i++ {
		if i%10_000 == 1 {
			must(w.WriteBatchHeader(&hdr))
		}
		e.Amount = int64(1000 + i%50_000)
		for j, m := 14, i; m > 0; j, m = j-1, m/10 {
			trace[j] = byte('0' + m%10)
		}
		e.TraceNumber = string(trace)
		must(w.WriteEntry(&e))
	}
	must(w.Close())
	must(bw.Flush())
}

var largeFile struct {
	path string
	dir  string
}

func largeInput(b *testing.B) string {
	if largeFile.path == "" {
		dir, err := os.MkdirTemp("", "railyard-bench-")
		if err != nil {
			b.Fatal(err)
		}
		largeFile.dir = dir
		largeFile.path = filepath.Join(dir, "1M.ach")
		writeLargeFile(b, largeFile.path, 1_000_000)
	}
	return largeFile.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if largeFile.dir != "" {
		os.RemoveAll(largeFile.dir)
	}
	os.Exit(code)
}

func benchCommand(b *testing.B, args ...string) {
	path := largeInput(b)
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if code := run(append(args, path), strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkValidate1M validates a 1,000,000-entry (94 MB) file through the
// CLI; the budget is well under 0.3 s of CPU beyond the reader's own work
// and a peak heap under 30 MB.
func BenchmarkValidate1M(b *testing.B) { benchCommand(b, "ach", "validate") }

// BenchmarkValidate1MJSON is BenchmarkValidate1M with JSON output.
func BenchmarkValidate1MJSON(b *testing.B) { benchCommand(b, "ach", "validate", "--output", "json") }

// BenchmarkDescribe1M describes a 1,000,000-entry file (20 entries listed
// per batch).
func BenchmarkDescribe1M(b *testing.B) { benchCommand(b, "ach", "describe") }

// TestValidateLargeMemory streams a 200,000-entry file and checks that the
// heap stays far below the file's size.
func TestValidateLargeMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 19 MB file")
	}
	path := filepath.Join(t.TempDir(), "200k.ach")
	writeLargeFile(t, path, 200_000)
	for _, args := range [][]string{
		{"ach", "validate", path, "--output", "json"},
		{"ach", "describe", path},
	} {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		runtime.ReadMemStats(&after)
		// Everything allocated, garbage included, is bounded by a fraction
		// of the 19 MB input: nothing per record is kept.
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
			t.Errorf("%v allocated %d MB for a 19 MB file: not streaming?", args[:2], alloc>>20)
		}
	}
}
