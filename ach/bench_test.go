package ach

import (
	"bytes"
	"io"
	"sync"
	"testing"
)

// benchEntries is the size of the benchmark file: 1,000,000 PPD entries in
// 100 batches of 10,000, about 94 MB.
const benchEntries = 1_000_000

var (
	benchOnce sync.Once
	benchFile []byte
)

// writeBenchFile streams a benchEntries-entry PPD file to w.
func writeBenchFile(w io.Writer) error {
	wr := NewWriter(w)
	if err := wr.WriteFileHeader(&FileHeader{PriorityCode: "01", ImmediateDestination: "231380104",
		ImmediateOrigin: "121042882", FileCreationDate: "261120", FileCreationTime: "1500", FileIDModifier: "A",
		ImmediateDestinationName: "FEDERAL RESERVE BANK", ImmediateOriginName: "RAILYARD SANDBOX"}); err != nil {
		return err
	}
	e := Entry{TransactionCode: 22, RDFIIdentification: "23138010", DFIAccountNumber: "12345678901",
		Amount: 0, IdentificationNumber: "EMP0001", Name: "JANE Q PAYEE"}
	const perBatch = 10_000
	trace := []byte("121042880000000")
	for b := 0; b < benchEntries/perBatch; b++ {
		if err := wr.WriteBatchHeader(&BatchHeader{ServiceClassCode: 220, CompanyName: "RAILYARD SANDBOX",
			CompanyIdentification: "1234567890", StandardEntryClass: "PPD", CompanyEntryDescription: "PAYROLL",
			EffectiveEntryDate: "261123", OriginatorStatusCode: "1", ODFIIdentification: "12104288"}); err != nil {
			return err
		}
		for i := 0; i < perBatch; i++ {
			n := b*perBatch + i + 1
			e.Amount = int64(1000 + n%50000)
			for j, m := 14, n; m > 0; j, m = j-1, m/10 {
				trace[j] = byte('0' + m%10)
			}
			e.TraceNumber = string(trace)
			if err := wr.WriteEntry(&e); err != nil {
				return err
			}
		}
	}
	return wr.Close()
}

func benchInput(b *testing.B) []byte {
	benchOnce.Do(func() {
		var buf bytes.Buffer
		buf.Grow(96 << 20)
		if err := writeBenchFile(&buf); err != nil {
			panic(err)
		}
		benchFile = buf.Bytes()
	})
	return benchFile
}

// BenchmarkReadValidate streams and strictly validates a 1,000,000-entry file.
func BenchmarkReadValidate(b *testing.B) {
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data))
		n := 0
		for r.Next() {
			n++
		}
		if err := r.Err(); err != nil {
			b.Fatal(err)
		}
		if r.Summary().Entries != benchEntries {
			b.Fatalf("entries = %d", r.Summary().Entries)
		}
	}
}

// BenchmarkWrite streams a 1,000,000-entry file to io.Discard.
func BenchmarkWrite(b *testing.B) {
	b.SetBytes(int64(len(benchInput(b))))
	b.ReportAllocs()
	for b.Loop() {
		if err := writeBenchFile(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
