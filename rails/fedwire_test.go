package rails_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/railtest"
	"github.com/railyardhq/railyard/returns"
	"github.com/railyardhq/railyard/wire"
)

// fedwire is a wire of amount cents to ACME SUPPLY at 021000021, submitted
// Monday 2026-11-23 at 10:00 Pacific.
func fedwire(id string, amount int64) *rails.Transaction {
	return &rails.Transaction{
		ID: id, Rail: cutoffs.Wire, Direction: rails.Credit, AmountCents: amount, Currency: "USD",
		Counterparty: rails.Counterparty{Name: "ACME SUPPLY LLC", RoutingNumber: "021000021", AccountNumber: "000123456789"},
		SubmittedAt:  pt(2026, 11, 23, 10, 0, 0),
		Wire:         &rails.WireTransfer{Address: []string{"1 MAIN ST", "NEW YORK NY 10001"}, Purpose: "INVOICE 42"},
	}
}

func TestWirePreflight(t *testing.T) {
	eng, _ := newEngine(t)
	mod := func(f func(*rails.Transaction)) *rails.Transaction {
		x := fedwire("w", 100)
		f(x)
		return x
	}
	tests := []struct {
		name string
		tx   *rails.Transaction
		want string
	}{
		{"no address", mod(func(x *rails.Transaction) { x.Wire.Address = nil }), "WR15"},
		{"address line too long", mod(func(x *rails.Transaction) { x.Wire.Address[0] = strings.Repeat("A", 36) }), "WR15"},
		{"four address lines", mod(func(x *rails.Transaction) { x.Wire.Address = []string{"A", "B", "C", "D"} }), "WR15"},
		{"name with braces", mod(func(x *rails.Transaction) { x.Counterparty.Name = "ACME {1500}" }), "WR16"},
		{"account format", mod(func(x *rails.Transaction) { x.Counterparty.AccountNumber = "12 34" }), "WR10"},
		{"intermediary check digit", mod(func(x *rails.Transaction) { x.Wire.IntermediaryRouting = "021000022" }), "wire.intermediary_routing"},
		{"a debit", mod(func(x *rails.Transaction) { x.Direction = rails.Debit }), "direction"},
		{"wire details on ach", func() *rails.Transaction {
			x := tx("a", pt(2026, 11, 23, 10, 0, 0))
			x.Wire = &rails.WireTransfer{}
			return x
		}(), "wire: only for rails wire and swift"},
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

// TestWireEndToEnd: wires become one pacs.008 file at the 12:00 PT
// cutoff that reads back strictly, with the IMADs recorded as traces,
// UETRs that a rebuild reproduces, and a re-run that writes nothing.
func TestWireEndToEnd(t *testing.T) {
	ctx := context.Background()
	eng, st := newEngine(t)
	big := fedwire("wire_2", 250_000_00)
	big.Wire.IntermediaryRouting = "011000015"
	submit(t, eng, fedwire("wire_1", 1_000_00), big)
	res := run(t, eng, pt(2026, 11, 23, 12, 0, 0))
	if len(res.Windows) != 1 || len(res.Windows[0].Files) != 1 {
		t.Fatalf("run: %+v", res.Windows)
	}
	fr := res.Windows[0].Files[0]
	if !strings.HasSuffix(fr.Path, "wire/2026-11-23/wire-2026-11-23.xml") || fr.Entries != 2 || fr.CreditTotalCents != 251_000_00 {
		t.Errorf("file %+v", fr)
	}
	data, err := os.ReadFile(fr.Path)
	if err != nil {
		t.Fatal(err)
	}
	r := wire.NewReader(bytes.NewReader(data))
	var sums []wire.Summary
	for r.Next() {
		sums = append(sums, r.Summary())
	}
	if err := r.Err(); err != nil {
		t.Fatalf("the file fails strict validation: %v", err)
	}
	if len(sums) != 2 {
		t.Fatalf("%d messages", len(sums))
	}
	for i, id := range []string{"wire_1", "wire_2"} {
		x, _ := st.Transaction(ctx, id)
		s := sums[i]
		if x.Status != returns.ProcessingCredit || s.Type != wire.Pacs008 || s.IMAD != x.Trace ||
			!strings.HasPrefix(x.Trace, "20261123RAILYRD1") || !wire.ValidUETR(s.UETR) || s.AmountCents != x.AmountCents || s.EndToEndID != id {
			t.Errorf("%s (%s, trace %s): message %+v", id, x.Status, x.Trace, s)
		}
	}
	if w1, _ := st.Transaction(ctx, "wire_1"); rails.WireUETR(w1) != sums[0].UETR {
		t.Errorf("WireUETR = %s, the file says %s", rails.WireUETR(w1), sums[0].UETR)
	}
	if sums[0].UETR == sums[1].UETR || sums[0].IMAD == sums[1].IMAD {
		t.Error("two wires share an IMAD or a UETR")
	}
	var rebuilt bytes.Buffer
	if err := eng.RebuildFile(ctx, &rebuilt, rails.WindowKey{Rail: cutoffs.Wire, ID: "wire-2026-11-23"}, 1); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rebuilt.Bytes(), data) {
		t.Error("the rebuilt file differs from the one written")
	}
	if again := run(t, eng, pt(2026, 11, 23, 13, 0, 0)); len(again.Windows) != 0 {
		t.Errorf("re-run acted on %+v", again.Windows)
	}
	// The Fed settles wire_2; the beneficiary's bank returns wire_1 (AC04,
	// account closed); a return quoting a UETR we never sent matches
	// nothing and is kept.
	ok2, err := railtest.WireStatusFile(data, sums[1].UETR, "ACSC", "", "")
	if err != nil {
		t.Fatal(err)
	}
	ir, err := eng.Ingest(ctx, "STATUS.xml", bytes.NewReader(ok2), pt(2026, 11, 23, 12, 5, 0))
	if err != nil || ir.Format != rails.FormatWire || len(ir.Changes) != 1 || ir.Changes[0].TransactionID != "wire_2" || ir.Changes[0].To != returns.Settled {
		t.Errorf("ACSC: %+v, %v", ir, err)
	}
	ret, err := railtest.WireReturnFile(data, sums[0].UETR, "AC04")
	if err != nil {
		t.Fatal(err)
	}
	ir, err = eng.Ingest(ctx, "PACS004.xml", bytes.NewReader(ret), pt(2026, 11, 24, 9, 0, 0))
	if err != nil || len(ir.Changes) != 1 || len(ir.Unmatched) != 0 {
		t.Fatalf("pacs.004: %+v, %v", ir, err)
	}
	if ch := ir.Changes[0]; ch.TransactionID != "wire_1" || ch.To != returns.Returned || ch.Code != "WR03" {
		t.Errorf("pacs.004 change %+v, want wire_1 RETURNED WR03", ch)
	}
	forged := bytes.Replace(ret, []byte(sums[0].UETR), []byte("11111111-2222-4333-8444-555555555555"), 1)
	ir, err = eng.Ingest(ctx, "FORGED.xml", bytes.NewReader(forged), pt(2026, 11, 24, 9, 0, 0))
	if err != nil || len(ir.Changes) != 0 || len(ir.Unmatched) != 1 {
		t.Errorf("a return whose UETR is not the wire's: %+v, %v; want it unmatched", ir, err)
	}

	// A wire after the cutoff goes to the next banking day's window.
	late := fedwire("wire_3", 500_00)
	late.SubmittedAt = pt(2026, 11, 23, 12, 0, 1)
	out := submit(t, eng, late)
	if out[0].Window != "wire-2026-11-24" {
		t.Errorf("late wire in %s, want wire-2026-11-24", out[0].Window)
	}
}

// swiftWire is an international wire of amount cents to a French
// beneficiary (an IBAN country), submitted Monday 2026-11-23 at 08:00 PT.
func swiftWire(id string, amount int64) *rails.Transaction {
	return &rails.Transaction{
		ID: id, Rail: cutoffs.SWIFT, Direction: rails.Credit, AmountCents: amount, Currency: "USD",
		Counterparty: rails.Counterparty{Name: "SOCIETE EXEMPLE SA", AccountNumber: "FR1420041010050500013M02606"},
		SubmittedAt:  pt(2026, 11, 23, 8, 0, 0),
		Wire: &rails.WireTransfer{Address: []string{"12 RUE DE LA PAIX"}, Town: "PARIS", Country: "FR",
			BankBIC: "BNPAFRPPXXX", Purpose: "INVOICE 7"},
	}
}

func TestSWIFTPreflight(t *testing.T) {
	eng, _ := newEngine(t)
	mod := func(f func(*rails.Transaction)) *rails.Transaction {
		x := swiftWire("s", 5_000_00)
		f(x)
		return x
	}
	tests := []struct {
		name string
		tx   *rails.Transaction
		want string
	}{
		{"below $1,000", mod(func(x *rails.Transaction) { x.AmountCents = 999_99 }), "WR17"},
		{"no IBAN for France", mod(func(x *rails.Transaction) { x.Counterparty.AccountNumber = "123456789" }), "WR04"},
		{"bad IBAN check digits", mod(func(x *rails.Transaction) { x.Counterparty.AccountNumber = "FR1520041010050500013M02606" }), "WR04"},
		{"bad BIC", mod(func(x *rails.Transaction) { x.Wire.BankBIC = "BNPA12PP" }), "wire.bank_bic"},
		{"no town", mod(func(x *rails.Transaction) { x.Wire.Town = "" }), "WR15"},
		{"not USD", mod(func(x *rails.Transaction) { x.Currency = "EUR" }), "currency"},
		{"an ABA routing number", mod(func(x *rails.Transaction) { x.Counterparty.RoutingNumber = "021000021" }), "wire.bank_bic"},
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
	// Outside the IBAN countries any account number will do.
	us := swiftWire("s_jp", 5_000_00)
	us.Counterparty.AccountNumber, us.Wire.BankBIC, us.Wire.Country, us.Wire.Town = "1234567", "MHCBJPJTXXX", "JP", "TOKYO"
	submit(t, eng, us)
}

// TestSWIFTEndToEnd: international wires become one CBPR+ pacs.008 file
// at the 09:00 PT cutoff, for the correspondent, that reads back strictly.
func TestSWIFTEndToEnd(t *testing.T) {
	ctx := context.Background()
	eng, st := newEngine(t)
	submit(t, eng, swiftWire("tx_s1", 5_000_00), swiftWire("tx_s2", 12_000_00))
	res := run(t, eng, pt(2026, 11, 23, 9, 0, 0))
	if len(res.Windows) != 1 || len(res.Windows[0].Files) != 1 {
		t.Fatalf("run: %+v", res.Windows)
	}
	fr := res.Windows[0].Files[0]
	if !strings.HasSuffix(fr.Path, "swift/2026-11-23/swift-2026-11-23.xml") || fr.Entries != 2 {
		t.Errorf("file %+v", fr)
	}
	data, err := os.ReadFile(fr.Path)
	if err != nil {
		t.Fatal(err)
	}
	r := wire.NewReader(bytes.NewReader(data))
	n := 0
	for r.Next() {
		s, m := r.Summary(), r.ISO()
		x, _ := st.Transaction(ctx, []string{"tx_s1", "tx_s2"}[n])
		if m.Profile != wire.ProfileCBPR || s.IMAD != x.Trace || s.EndToEndID != strings.ReplaceAll(x.ID, "_", "-") ||
			m.Transfer.CreditorAccount.IBAN != x.Counterparty.AccountNumber || m.Transfer.InstructedAgent.BIC != "CRSPUS33XXX" {
			t.Errorf("message %d: %+v, profile %s", n+1, s, m.Profile)
		}
		n++
	}
	if err := r.Err(); err != nil || n != 2 {
		t.Fatalf("%d messages, %v", n, err)
	}
	var rebuilt bytes.Buffer
	if err := eng.RebuildFile(ctx, &rebuilt, rails.WindowKey{Rail: cutoffs.SWIFT, ID: "swift-2026-11-23"}, 1); err != nil || !bytes.Equal(rebuilt.Bytes(), data) {
		t.Errorf("rebuild differs (%v)", err)
	}

	// A return that reaches us through the correspondent's Fedwire
	// account, quoting only the end-to-end id we sent ("tx-s1") and the
	// UETR, finds tx_s1.
	s1, _ := st.Transaction(ctx, "tx_s1")
	created := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	w := wire.NewISOWriter(&buf)
	err = w.Write(&wire.ISOMessage{Type: wire.Pacs004, Return: &wire.PaymentReturn{MessageID: "20261124CRSPBNK1000007", Created: created,
		OriginalRef: wire.OriginalRef{OriginalMessageID: "20261123CRSPBNK1000001", OriginalMessageType: "pacs.008.001.08",
			OriginalCreated: created.Add(-24 * time.Hour), OriginalEndToEndID: "tx-s1", OriginalUETR: rails.WireUETR(s1)},
		OriginalAmount: s1.AmountCents, Amount: s1.AmountCents, SettlementDate: "2026-11-24", ChargeBearer: "CRED",
		InstructingAgent: wire.Party{MemberID: "021000021"}, InstructedAgent: wire.Party{MemberID: "121042882"},
		ChainDebtor: wire.Party{Name: "SOCIETE EXEMPLE SA"}, ChainCreditor: wire.Party{Name: "RAILYARD SANDBOX"},
		ChainCreditorAcct: wire.Account{ID: "1470000001"}, Reason: "AC04", OriginalLocalInstrument: "CTRC"}})
	if err != nil || w.Close() != nil {
		t.Fatal(err)
	}
	ir, err := eng.Ingest(ctx, "SWIFTRET.xml", bytes.NewReader(buf.Bytes()), pt(2026, 11, 24, 9, 0, 0))
	if err != nil || len(ir.Changes) != 1 || ir.Changes[0].TransactionID != "tx_s1" || ir.Changes[0].Code != "WR03" {
		t.Errorf("return by end-to-end id: %+v, %v", ir, err)
	}
}

// TestFAIM: with wire.format "faim" the Fedwire window is a FAIM file
// whose {1520} IMADs are the traces; a return sent as a new transfer,
// quoting our IMAD only in its {6500} free text, is matched with its
// amount and mapped from the text (ACCOUNT CLOSED: WR03).
func TestFAIM(t *testing.T) {
	ctx := context.Background()
	eng, st := newEngine(t, func(c *rails.Config) { c.Wire.Format = "faim" })
	submit(t, eng, fedwire("wire_f", 1_500_00))
	res := run(t, eng, pt(2026, 11, 23, 12, 0, 0))
	fr := res.Windows[0].Files[0]
	if !strings.HasSuffix(fr.Path, "wire/2026-11-23/wire-2026-11-23.txt") {
		t.Errorf("file %s", fr.Path)
	}
	data, err := os.ReadFile(fr.Path)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := st.Transaction(ctx, "wire_f")
	r := wire.NewReader(bytes.NewReader(data))
	if !r.Next() || r.Summary().Type != "faim" || r.Summary().IMAD != x.Trace || r.Summary().AmountCents != 1_500_00 || r.Next() || r.Err() != nil {
		t.Fatalf("FAIM file: %+v %v\n%s", r.Summary(), r.Err(), data)
	}
	ret := "{1500}30RET00001T {1510}1000{1520}20261124RETBANK1000042{2000}000000150000{3100}021000021ACME BANK*" +
		"{3400}121042882RAILYARD SANDBOX*{3600}CTR{3320}RTN0000042*{4200}D1470000001*RAILYARD SANDBOX*" +
		"{5000}D000123456789*ACME SUPPLY LLC*{6500}ACCOUNT CLOSED*ORIG IMAD " + x.Trace + "*\n"
	ir, err := eng.Ingest(ctx, "FAIMRET.txt", strings.NewReader(ret), pt(2026, 11, 24, 9, 0, 0))
	if err != nil || len(ir.Changes) != 1 || ir.Changes[0].TransactionID != "wire_f" || ir.Changes[0].Code != "WR03" {
		t.Fatalf("FAIM return: %+v, %v", ir, err)
	}
	// A return quoting an IMAD that is not ours is kept unmatched.
	other := strings.Replace(strings.Replace(ret, x.Trace, "20261123OTHERBK1000001", 1), "RETBANK1000042", "RETBANK1000043", 1)
	ir, err = eng.Ingest(ctx, "FAIMRET2.txt", strings.NewReader(other), pt(2026, 11, 24, 9, 0, 0))
	if err != nil || len(ir.Changes) != 0 || len(ir.Unmatched) != 1 {
		t.Errorf("a return of someone else's wire: %+v, %v", ir, err)
	}
}
