package wire

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"testing"
	"time"
)

// benchMessages is the size of the FAIM benchmark file (the budget: 10,000
// messages parse in ≤ 0.1 s; moov-io/wire: 2.6 s).
const benchMessages = 10_000

var (
	benchOnce sync.Once
	benchFAIM []byte
)

// benchMessage is a customer transfer with the tags real ones carry.
func benchMessage(i int) *FAIMMessage {
	m := &FAIMMessage{}
	m.Set(TagSenderSupplied, "30", "RAILYARD", "P", " ")
	m.Set(TagTypeSubtype, "10", "00")
	m.Set(TagIMAD, "20260119", "RAILYRD1", fmt.Sprintf("%06d", i%999999+1))
	m.Set(TagAmount, fmt.Sprintf("%012d", 100000+i))
	m.Set(TagSenderDI, "121042882", "WELLS FARGO NA")
	m.Set(TagSenderReference, fmt.Sprintf("TX%014d", i))
	m.Set(TagReceiverDI, "231380104", "CITADEL")
	m.Set(TagBusinessFunction, "CTR")
	m.Set(TagBeneficiaryFI, "F", "231380104", "CITADEL FEDERAL CREDIT UNION", "520 EAGLEVIEW BLVD", "EXTON PA 19341")
	m.Set(TagBeneficiary, "D", "5647772655", "JANE Q PAYEE", "1 DESERT VIEW ST", "PALM SPRINGS CA 92262", "US")
	m.Set(TagOriginator, "D", "98765432101234", "RAILYARD SANDBOX INC", "100 MAIN ST", "SAN FRANCISCO CA 94105", "US")
	m.Set(TagOriginatorFI, "F", "121042882", "WELLS FARGO NA")
	m.Set(TagOBI, "INVOICE 2026-0119-"+fmt.Sprint(i), "THANK YOU")
	return m
}

func benchInput(b *testing.B) []byte {
	benchOnce.Do(func() {
		var buf bytes.Buffer
		w := NewFAIMWriter(&buf)
		for i := 0; i < benchMessages; i++ {
			if err := w.Write(benchMessage(i)); err != nil {
				panic(err)
			}
		}
		if err := w.Flush(); err != nil {
			panic(err)
		}
		benchFAIM = buf.Bytes()
	})
	return benchFAIM
}

// BenchmarkFAIMRead parses and strictly validates 10,000 FAIM messages
// written by the FAIMWriter.
func BenchmarkFAIMRead(b *testing.B) {
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := NewFAIMReader(bytes.NewReader(data))
		n := 0
		for r.Next() {
			n++
		}
		if err := r.Err(); err != nil {
			b.Fatal(err)
		}
		if n != benchMessages {
			b.Fatalf("messages = %d", n)
		}
	}
}

// BenchmarkFAIMWrite writes (and checks) 10,000 FAIM messages.
func BenchmarkFAIMWrite(b *testing.B) {
	ms := make([]*FAIMMessage, benchMessages)
	for i := range ms {
		ms[i] = benchMessage(i)
	}
	b.SetBytes(int64(len(benchInput(b))))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := NewFAIMWriter(io.Discard)
		for _, m := range ms {
			if err := w.Write(m); err != nil {
				b.Fatal(err)
			}
		}
		w.Flush()
	}
}

func benchPacs008(b *testing.B) []byte {
	data, err := os.ReadFile("testdata/pacs008-ctrc.xml")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkISORead reads and validates one pacs.008 with its AppHdr.
func BenchmarkISORead(b *testing.B) {
	data := benchPacs008(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewISOReader(bytes.NewReader(data))
		if !r.Next() || r.Message().Transfer == nil {
			b.Fatal("no transfer", r.Err())
		}
		for r.Next() {
		}
		if err := r.Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkISOWrite writes (and checks) one pacs.008 with its AppHdr.
func BenchmarkISOWrite(b *testing.B) {
	t := sampleTransfer()
	b.ReportAllocs()
	for b.Loop() {
		w := NewISOWriter(io.Discard)
		if err := w.WriteTransfer(Pacs008, t); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// sampleTransfer is a customer transfer with every element railyard
// writes in practice.
func sampleTransfer() *CreditTransfer {
	return &CreditTransfer{
		MessageID:        "20260119RAILYRD1000001",
		Created:          time.Date(2026, 1, 19, 16, 30, 0, 0, time.UTC),
		EndToEndID:       "tx_0001",
		UETR:             "6f9619ff-8b86-4d11-b42d-00c04fc964ff",
		Amount:           150000,
		SettlementDate:   "2026-01-19",
		InstructingAgent: Party{MemberID: "121042882"},
		InstructedAgent:  Party{MemberID: "231380104"},
		Debtor: Party{Name: "Railyard Sandbox Inc", Address: Address{StreetName: "Main St", BuildingNumber: "100",
			PostCode: "94105", TownName: "San Francisco", CountrySubDivision: "CA", Country: "US"}},
		DebtorAccount: Account{ID: "98765432101234"},
		DebtorAgent:   Party{MemberID: "121042882", Name: "Wells Fargo NA"},
		CreditorAgent: Party{MemberID: "231380104", Name: "Citadel FCU"},
		Creditor: Party{Name: "Jane Q Payee", Address: Address{StreetName: "Desert View Street", BuildingNumber: "1",
			PostCode: "92262", TownName: "Palm Springs", CountrySubDivision: "CA", Country: "US"}},
		CreditorAccount: Account{ID: "5647772655"},
		Remittance:      []string{"Invoice 2026-0119"},
	}
}
