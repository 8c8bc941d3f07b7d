package railtest_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/railtest"
)

// outgoingFile is a file as railyard writes it: a credit and a debit.
func outgoingFile(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	w := ach.NewWriter(&buf)
	check := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	check(w.WriteFileHeader(&ach.FileHeader{PriorityCode: "01", ImmediateDestination: "231380104", ImmediateOrigin: "121042882",
		FileCreationDate: "260306", FileCreationTime: "1500", FileIDModifier: "A",
		ImmediateDestinationName: "FEDERAL RESERVE BANK", ImmediateOriginName: "RAILYARD SANDBOX"}))
	check(w.WriteBatchHeader(&ach.BatchHeader{ServiceClassCode: ach.ServiceMixed, CompanyName: "RAILYARD SANDBOX",
		CompanyIdentification: "1470000001", StandardEntryClass: "PPD", CompanyEntryDescription: "PAYMENT",
		EffectiveEntryDate: "260309", OriginatorStatusCode: "1", ODFIIdentification: "12104288"}))
	check(w.WriteEntry(&ach.Entry{TransactionCode: 22, RDFIIdentification: "07640125", DFIAccountNumber: "12345678",
		Amount: 1000, IdentificationNumber: "tx_1", Name: "JANE DOE", TraceNumber: "121042880000001"}))
	check(w.WriteEntry(&ach.Entry{TransactionCode: 27, RDFIIdentification: "07640125", DFIAccountNumber: "87654321",
		Amount: 2000, IdentificationNumber: "tx_2", Name: "JOHN DOE", TraceNumber: "121042880000002",
		Addenda: []ach.Addenda{{TypeCode: "05", PaymentRelatedInformation: "INVOICE 42"}}}))
	check(w.Close())
	return buf.String()
}

func TestBankFile(t *testing.T) {
	outgoing := outgoingFile(t)
	tests := []struct {
		items  []railtest.Item
		kinds  []ach.EntryKind
		codes  []int
		amount []int64
	}{
		{[]railtest.Item{{Trace: "121042880000002", Code: "R01"}}, []ach.EntryKind{ach.KindReturn}, []int{26}, []int64{2000}},
		{[]railtest.Item{{Trace: "121042880000001", Code: "R03"}}, []ach.EntryKind{ach.KindReturn}, []int{21}, []int64{1000}},
		{[]railtest.Item{{Trace: "121042880000001", Code: "C01"}}, []ach.EntryKind{ach.KindNOC}, []int{21}, []int64{0}},
		{[]railtest.Item{{Trace: "121042880000001", Code: "R97"}}, []ach.EntryKind{ach.KindReturn}, []int{21}, []int64{1000}},
		{[]railtest.Item{{Trace: "121042880000001", Code: "R02"}, {Trace: "121042880000002", Code: "C05"}, {Trace: "121042880000002", Code: "R10"}},
			[]ach.EntryKind{ach.KindReturn, ach.KindReturn, ach.KindNOC}, []int{21, 26, 26}, []int64{1000, 2000, 0}},
	}
	for _, tt := range tests {
		data, err := railtest.BankFile([]byte(outgoing), tt.items...)
		if err != nil {
			t.Fatal(err)
		}
		rd := ach.NewReader(bytes.NewReader(data))
		rd.Options.CustomReturnCodes = true
		f, err := rd.ReadAll()
		if err != nil {
			t.Fatalf("%v: strict: %v\n%s", tt.items, err, data)
		}
		var kinds []ach.EntryKind
		var codes []int
		var amounts []int64
		for _, b := range f.Batches {
			for _, e := range b.Entries {
				kinds = append(kinds, e.Kind(b.Header.StandardEntryClass))
				codes = append(codes, e.TransactionCode)
				amounts = append(amounts, e.Amount)
				if a := e.Addenda[0]; !strings.HasPrefix(a.OriginalTraceNumber, "12104288") || a.OriginalRDFIIdentification != "07640125" {
					t.Errorf("addenda %+v", a)
				}
				if e.RDFIIdentification != "12104288" {
					t.Errorf("return goes to %s, not our ODFI", e.RDFIIdentification)
				}
			}
		}
		if len(kinds) != len(tt.kinds) {
			t.Fatalf("%v: kinds %v", tt.items, kinds)
		}
		for i := range kinds {
			if kinds[i] != tt.kinds[i] || codes[i] != tt.codes[i] || amounts[i] != tt.amount[i] {
				t.Errorf("%v: entry %d: %v %d %d", tt.items, i, kinds[i], codes[i], amounts[i])
			}
		}
		if f.Header.ImmediateDestination != "121042882" || f.Header.ImmediateOrigin != "231380104" {
			t.Errorf("header %+v", f.Header)
		}
	}
	if _, err := railtest.ReturnFile([]byte(outgoing), "121042889999999", "R01"); err == nil {
		t.Error("unknown trace accepted")
	}
	if _, err := railtest.ReturnFile([]byte(outgoing), "121042880000001", "X01"); err == nil {
		t.Error("bad code accepted")
	}
}

func TestSuggestCorrection(t *testing.T) {
	e := &ach.Entry{TransactionCode: 22, DFIAccountNumber: "12345678"}
	for code, want := range map[string]string{
		"C01": "12345679",
		"C02": "091000019",
		"C03": "091000019   12345679",
		"C05": "32",
		"C06": "12345679            32",
		"C07": "09100001912345679         32",
	} {
		if got := railtest.SuggestCorrection(code, e); got != want {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}
}
