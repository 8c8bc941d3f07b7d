package rails_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/railtest"
	"github.com/railyardhq/railyard/rdc"
	"github.com/railyardhq/railyard/returns"
)

// checkPNG is a 600×275 photo of a check: white paper, a dark border and
// a few dark strokes (the amount, the MICR line), varied by n.
func checkPNG(t testing.TB, n int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 600, 275))
	for y := range 275 {
		for x := range 600 {
			c := uint8(235)
			switch {
			case x < 6 || y < 6 || x > 593 || y > 268:
				c = 20
			case y > 230 && y < 245 && x > 60 && x < 400 && (x/7+n)%3 != 0:
				c = 30 // MICR line
			case y > 90 && y < 110 && x > 420 && x < 560:
				c = 40 // amount box
			}
			img.SetGray(x, y, color.Gray{Y: c})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deposit is a check of amount cents deposited Monday 2026-11-23 at 10:00
// Pacific into account 987654321 at the sandbox bank.
func deposit(t testing.TB, id string, amount int64) *rails.Transaction {
	return &rails.Transaction{
		ID: id, Rail: cutoffs.RDC, Direction: rails.Credit, AmountCents: amount, Currency: "USD",
		Counterparty: rails.Counterparty{Name: "Jane Payee", RoutingNumber: "121042882", AccountNumber: "987654321"},
		SubmittedAt:  pt(2026, 11, 23, 10, 0, 0),
		Check: &rails.CheckDeposit{RoutingNumber: "231380104", AccountNumber: "5558881234", CheckNumber: "1042",
			MICRAmountCents: amount, FrontImage: checkPNG(t, 1), BackImage: checkPNG(t, 2)},
	}
}

func TestRDCSubmitValidation(t *testing.T) {
	eng, _ := newEngine(t)
	bad := func(mod func(*rails.Transaction)) *rails.Transaction {
		x := deposit(t, "d", 5000)
		mod(x)
		return x
	}
	tests := []struct {
		name string
		tx   *rails.Transaction
		want string
	}{
		{"no check", bad(func(x *rails.Transaction) { x.Check = nil }), "check: required"},
		{"routing check digit", bad(func(x *rails.Transaction) { x.Check.RoutingNumber = "231380105" }), "check.routing_number"},
		{"amounts differ", bad(func(x *rails.Transaction) { x.Check.MICRAmountCents = 5001 }), "check.micr_amount_cents"},
		{"image not decodable", bad(func(x *rails.Transaction) { x.Check.BackImage = []byte("not an image") }), "check.back_image"},
		{"no image", bad(func(x *rails.Transaction) { x.Check.FrontImage = nil }), "check.front_image: required"},
		{"a debit", bad(func(x *rails.Transaction) { x.Direction = rails.Debit }), "direction"},
		{"check on ach", func() *rails.Transaction {
			x := tx("a", pt(2026, 11, 23, 10, 0, 0))
			x.Check = &rails.CheckDeposit{}
			return x
		}(), "check: only for rail rdc"},
	}
	for _, tt := range tests {
		out, err := eng.Submit(context.Background(), []*rails.Transaction{tt.tx})
		if err != nil {
			t.Fatal(err)
		}
		if out[0].Result != rails.SubmitInvalid || !strings.Contains(strings.Join(out[0].Reasons, "; "), tt.want) {
			t.Errorf("%s: %s %v, want invalid with %q", tt.name, out[0].Result, out[0].Reasons, tt.want)
		}
	}
}

// TestRDCEndToEnd: deposits become one X9 cash letter at the 15:00 cutoff
// that reads back strictly, a re-run writes nothing new, the claim
// rebuilds the same bytes, a resubmission is a duplicate, and the bank's
// return of one item moves its deposit to RETURNED with its CHR code.
func TestRDCEndToEnd(t *testing.T) {
	ctx := context.Background()
	eng, st := newEngine(t)
	submit(t, eng, deposit(t, "dep_1", 12500), deposit(t, "dep_2", 990))
	if out, _ := eng.Submit(ctx, []*rails.Transaction{deposit(t, "dep_1", 12500)}); out[0].Result != rails.SubmitDuplicate {
		t.Errorf("the same deposit again: %s %v", out[0].Result, out[0].Reasons)
	}
	stored, err := st.Transaction(ctx, "dep_1")
	if err != nil {
		t.Fatal(err)
	}
	if info, err := rdc.InspectTIFF(stored.Check.FrontImage); err != nil || len(info.Problems()) > 0 {
		t.Fatalf("stored front image is not an X9 TIFF: %v %v", err, info)
	}
	if w := stored.Window; w.ID != "rdc-2026-11-23" || w.SettlementDate != (cutoffs.Date{Year: 2026, Month: 12, Day: 2}) {
		t.Errorf("window %+v, want rdc-2026-11-23 available 6 banking days later (2026-12-02, Thanksgiving closed)", w)
	}

	res := run(t, eng, pt(2026, 11, 23, 15, 0, 0))
	if len(res.Windows) != 1 || len(res.Windows[0].Files) != 1 {
		t.Fatalf("run: %+v", res.Windows)
	}
	fr := res.Windows[0].Files[0]
	if !strings.HasSuffix(fr.Path, "rdc/2026-11-23/rdc-2026-11-23.x937") || fr.Entries != 2 || fr.CreditTotalCents != 13490 {
		t.Errorf("file %+v", fr)
	}
	data, err := os.ReadFile(fr.Path)
	if err != nil {
		t.Fatal(err)
	}
	r := rdc.NewReader(bytes.NewReader(data))
	for r.Next() {
	}
	if err := r.Err(); err != nil {
		t.Fatalf("the cash letter fails strict validation: %v", err)
	}
	sum := r.Summary()
	if sum.Encoding != rdc.EBCDIC || sum.CashLetters != 1 || sum.Items != 2 || sum.Images != 4 || sum.TotalCents != 13490 {
		t.Errorf("summary %+v", sum)
	}
	dep1, _ := st.Transaction(ctx, "dep_1")
	if dep1.Status != returns.ProcessingCredit || len(dep1.Trace) != 15 || !strings.HasPrefix(dep1.Trace, "261123") {
		t.Errorf("dep_1 after the run: %s, item sequence %q", dep1.Status, dep1.Trace)
	}
	// The items say what x9.md §10.2 asks, in the order of the store.
	itr := rdc.NewReader(bytes.NewReader(data))
	var items []*rdc.Item
	for {
		it, err := itr.ReadItem()
		if err != nil {
			break
		}
		items = append(items, it)
	}
	if len(items) != 2 {
		t.Fatalf("%d items", len(items))
	}
	it := items[0]
	c, b := it.Check, it.BOFD[0]
	if c.PayorBankRouting != "231380104" || c.OnUs != "5558881234/1042" || c.Amount != 12500 || c.ItemSequence != dep1.Trace ||
		b.ReturnLocationRouting != "121042882" || b.ItemSequence != dep1.Trace || b.DepositAccount != "987654321" ||
		b.EndorsementDate != "20261123" || b.PayeeName != "JANE PAYEE" || len(it.Views) != 2 {
		t.Errorf("item 1: %+v, BOFD %+v, %d views", c, b, len(it.Views))
	}
	if !bytes.Equal(it.Views[0].Data.Image, dep1.Check.FrontImage) || !bytes.Equal(it.Views[1].Data.Image, dep1.Check.BackImage) {
		t.Error("item 1's images are not the stored ones")
	}
	var rebuilt bytes.Buffer
	if err := eng.RebuildFile(ctx, &rebuilt, rails.WindowKey{Rail: cutoffs.RDC, ID: "rdc-2026-11-23"}, 1); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rebuilt.Bytes(), data) {
		t.Error("the rebuilt cash letter differs from the one written")
	}
	if again := run(t, eng, pt(2026, 11, 23, 16, 0, 0)); len(again.Windows) != 0 {
		t.Errorf("re-run acted on %+v", again.Windows)
	}

	// A preliminary notification (collection type 05) moves no money: an
	// event, no status change.
	note := x9ReturnOf(t, "05", dep1.Trace, 12500, "A")
	nr, err := eng.Ingest(ctx, "NOTICE.x937", bytes.NewReader(note), pt(2026, 11, 24, 9, 0, 0))
	if err != nil || len(nr.Changes) != 1 || nr.Changes[0].To != returns.ProcessingCredit || nr.Changes[0].From != returns.ProcessingCredit {
		t.Errorf("notification: %+v, %v; want one change that keeps PROCESSING-CREDIT", nr, err)
	}

	// The bank returns dep_1 (reason A, insufficient funds) and an item
	// we never deposited.
	ret := x9Return(t, dep1.Trace, 12500, "A", "999999999999999")
	ir, err := eng.Ingest(ctx, "RETURNS.x937", bytes.NewReader(ret), pt(2026, 11, 25, 9, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if ir.Format != rails.FormatX9 || len(ir.Changes) != 1 || len(ir.Unmatched) != 1 {
		t.Fatalf("ingest: %+v", ir)
	}
	if ch := ir.Changes[0]; ch.TransactionID != "dep_1" || ch.To != returns.Returned || ch.Code != "CHR01" {
		t.Errorf("change %+v, want dep_1 RETURNED CHR01", ch)
	}
	if u := ir.Unmatched[0]; u.Trace != "999999999999999" || u.Code != "A" || u.Line == 0 {
		t.Errorf("unmatched %+v", u)
	}
	if x, _ := st.Transaction(ctx, "dep_1"); x.Status != returns.Returned {
		t.Errorf("dep_1 after the return: %s", x.Status)
	}
	if x, _ := st.Transaction(ctx, "dep_2"); x.Status != returns.ProcessingCredit {
		t.Errorf("dep_2 after the return: %s", x.Status)
	}
	again, err := eng.Ingest(ctx, "RETURNS.x937", bytes.NewReader(ret), pt(2026, 11, 25, 10, 0, 0))
	if err != nil || !again.Duplicate {
		t.Errorf("second ingest: %+v, %v; want a duplicate", again, err)
	}

	// The simulated bank (railtest) answers our own cash letter.
	dep2, _ := st.Transaction(ctx, "dep_2")
	bank, err := railtest.X9ReturnFile(data, "A", dep2.Trace)
	if err != nil {
		t.Fatal(err)
	}
	br := rdc.NewReader(bytes.NewReader(bank))
	for br.Next() {
	}
	if err := br.Err(); err != nil {
		t.Errorf("railtest's return file fails strict validation: %v", err)
	}
	ir, err = eng.Ingest(ctx, "BANK.x937", bytes.NewReader(bank), pt(2026, 11, 25, 9, 30, 0))
	if err != nil || len(ir.Changes) != 1 || ir.Changes[0].TransactionID != "dep_2" || ir.Changes[0].Code != "CHR01" {
		t.Errorf("ingest of railtest's return: %+v, %v", ir, err)
	}
	if _, err := railtest.X9ReturnFile(data, "A", "000000000000000"); err == nil {
		t.Error("X9ReturnFile of a sequence number not in the file did not fail")
	}

	// A forward file is not a return file: an error, nothing changed.
	if _, err := eng.Ingest(ctx, "OUT.x937", bytes.NewReader(data), pt(2026, 11, 25, 9, 0, 0)); err == nil ||
		!strings.Contains(err.Error(), "forward items") {
		t.Errorf("ingesting our own cash letter: %v", err)
	}
}

// x9Return is a value return cash letter (collection type 03, customer
// returns) returning one item per sequence number, each of amount cents
// with reason, as the bank of first deposit's returns come back.
func x9Return(t testing.TB, seq string, amount int64, reason string, more ...string) []byte {
	t.Helper()
	return x9ReturnOf(t, "03", seq, amount, reason, more...)
}

// x9ReturnOf is x9Return with collection type ct (03 value return, 05
// preliminary notification, ...).
func x9ReturnOf(t testing.TB, ct, seq string, amount int64, reason string, more ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := rdc.NewWriter(&buf)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.WriteFileHeader(&rdc.FileHeader{StandardLevel: "35", TestIndicator: "T", ImmediateDestination: "121042882",
		ImmediateOrigin: "231380104", CreationDate: "20261125", CreationTime: "0800", ResendIndicator: "N", CountryCode: "US"}))
	must(w.WriteCashLetterHeader(&rdc.CashLetterHeader{CollectionType: ct, DestinationRouting: "121042882",
		ECERouting: "231380104", BusinessDate: "20261125", CreationDate: "20261125", CreationTime: "0800",
		RecordTypeIndicator: "I", DocumentationTypeIndicator: "G", CashLetterID: "RET00001", ReturnsIndicator: "R"}))
	must(w.WriteBundleHeader(&rdc.BundleHeader{CollectionType: ct, DestinationRouting: "121042882",
		ECERouting: "231380104", BusinessDate: "20261125", CreationDate: "20261125", ID: "1", CycleNumber: "01"}))
	for i, s := range append([]string{seq}, more...) {
		must(w.WriteItem(&rdc.Item{
			Return: &rdc.ReturnDetail{PayorBankRouting: "231380104", OnUs: "5558881234/1042", Amount: amount,
				ReturnReason: reason, DocumentationTypeIndicator: "G", ForwardBundleDate: "20261123",
				ItemSequence: fmt.Sprintf("%015d", 900001+i), ArchiveTypeIndicator: "B", TimesReturned: "1"},
			BOFD: []rdc.BOFDAddendum{{ReturnLocationRouting: "121042882", EndorsementDate: "20261123", ItemSequence: s,
				DepositAccount: "987654321", TruncationIndicator: "Y", ConversionIndicator: "2"}},
		}))
	}
	must(w.Close())
	return buf.Bytes()
}
