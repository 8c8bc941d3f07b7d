package wire

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func readISOFile(t *testing.T, path string, opts Options) ([]*ISOMessage, *ISOReader, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := NewISOReader(bytes.NewReader(data))
	r.Options = opts
	ms, err := r.ReadAll()
	return ms, r, err
}

// The hand-written inputs read to the values they hold.
func TestISOReadFixtures(t *testing.T) {
	ms, _, err := readISOFile(t, "testdata/pacs002-acsc-prefixed.xml", Options{})
	if err != nil || len(ms) != 1 {
		t.Fatalf("pacs.002: %d messages, %v", len(ms), err)
	}
	m := ms[0]
	if m.Type != Pacs002 || m.Version != "pacs.002.001.10" || m.Status == nil || m.Header == nil {
		t.Fatalf("pacs.002 read as %+v", m)
	}
	st := m.Status
	if st.Status != "ACSC" || st.OriginalMessageID != "20260119RAILYRD1000001" || st.OriginalUETR != "6f9619ff-8b86-4d11-b42d-00c04fc964ff" ||
		st.EffectiveDate != "2026-01-19" || st.InstructingAgent.MemberID != FedAccountingABA {
		t.Errorf("status %+v", st)
	}
	// CreDt without a zone is Eastern time: 11:30:02 EST is 16:30:02 UTC.
	if want := time.Date(2026, 1, 19, 16, 30, 2, 0, time.UTC); !m.Header.Created.Equal(want) || !st.Accepted.Equal(want) {
		t.Errorf("header created %v, accepted %v, want %v", m.Header.Created, st.Accepted, want)
	}
	if m.Header.BusinessService != "PROD" || m.Header.From != FedAccountingABA {
		t.Errorf("header %+v", m.Header)
	}

	ms, _, err = readISOFile(t, "testdata/pacs009-btrc.xml", Options{})
	if err != nil || len(ms) != 1 || ms[0].Transfer == nil {
		t.Fatalf("pacs.009: %v %v", ms, err)
	}
	tr := ms[0].Transfer
	if ms[0].Type != Pacs009 || tr.Amount != 250000000 || tr.LocalInstrument != "BTRC" || tr.Debtor.MemberID != "121042882" ||
		tr.Creditor.Name != "Citadel FCU" || ms[0].Header != nil {
		t.Errorf("pacs.009 %+v", tr)
	}

	ms, _, err = readISOFile(t, "testdata/camt056-recall.xml", Options{})
	if err != nil || len(ms) != 1 || ms[0].Recall == nil {
		t.Fatalf("camt.056: %v %v", ms, err)
	}
	rc := ms[0].Recall
	if rc.Reason != "DUPL" || rc.OriginalAmount != 150000 || rc.CaseID != "RY-CASE-0001" || rc.Originator != "Railyard Sandbox Inc" ||
		rc.Assignee.MemberID != "231380104" || len(rc.AdditionalInfo) != 1 {
		t.Errorf("camt.056 %+v", rc)
	}
	s := ms[0].Summary()
	if s.Kind != "recall" || s.OriginalIMAD != "20260119RAILYRD1000001" || s.AmountCents != 150000 || s.IMAD != "20260120RAILYRD1000003" {
		t.Errorf("camt.056 summary %+v", s)
	}
}

// mutate applies old → new to the golden pacs.008 and reads it.
func mutate(t *testing.T, old, new string, opts Options) (*ISOMessage, []*ParseError, error) {
	t.Helper()
	data, err := os.ReadFile("testdata/pacs008-ctrc.xml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.Contains(s, old) {
		t.Fatalf("golden pacs.008 holds no %q", old)
	}
	if old == "pacs.008.001.08" {
		s = strings.ReplaceAll(s, old, new)
	} else {
		s = strings.Replace(s, old, new, 1)
	}
	r := NewISOReader(strings.NewReader(s))
	r.Options = opts
	ms, err := r.ReadAll()
	var m *ISOMessage
	if len(ms) > 0 {
		m = ms[0]
	}
	return m, r.Findings(), err
}

// Each Fedwire rule is reported at its element, in the right profile.
func TestISORules(t *testing.T) {
	tests := []struct {
		name, old, new string
		path           string // expected finding path
		sentinel       error
		lenientOK      bool // the lenient profile turns it into a warning
	}{
		{"imad pattern", "<MsgId>20260119RAILYRD1000001</MsgId>", "<MsgId>20260119railyrd1000001</MsgId>", "FIToFICstmrCdtTrf/GrpHdr/MsgId", ErrValue, false},
		{"uetr upper case", "<UETR>6f9619ff-8b86-4d11-b42d-00c04fc964ff</UETR>", "<UETR>6F9619FF-8B86-4D11-B42D-00C04FC964FF</UETR>", "FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/UETR", ErrValue, false},
		{"uetr missing", "<UETR>6f9619ff-8b86-4d11-b42d-00c04fc964ff</UETR>", "", "FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/UETR", ErrMissing, false},
		{"end to end too long", "<EndToEndId>tx_0001</EndToEndId>", "<EndToEndId>" + strings.Repeat("x", 36) + "</EndToEndId>", "FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/EndToEndId", ErrLength, false},
		{"not USD", `<IntrBkSttlmAmt Ccy="USD">`, `<IntrBkSttlmAmt Ccy="EUR">`, "FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", ErrValue, false},
		{"one decimal", `<IntrBkSttlmAmt Ccy="USD">1500.00<`, `<IntrBkSttlmAmt Ccy="USD">1500.0<`, "FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", ErrAmount, true},
		{"amount not a number", `<IntrBkSttlmAmt Ccy="USD">1500.00<`, `<IntrBkSttlmAmt Ccy="USD">1,500.00<`, "FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", ErrAmount, false},
		{"15 digits", `<IntrBkSttlmAmt Ccy="USD">1500.00<`, `<IntrBkSttlmAmt Ccy="USD">1000000000000.00<`, "FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt", ErrAmount, false},
		{"aba check digit", "<MmbId>231380104</MmbId>", "<MmbId>231380105</MmbId>", "FIToFICstmrCdtTrf/CdtTrfTxInf/InstdAgt/FinInstnId/ClrSysMmbId/MmbId", ErrCheckDigit, false},
		{"local instrument", "<Prtry>CTRC</Prtry>", "<Prtry>BTRC</Prtry>", "FIToFICstmrCdtTrf/CdtTrfTxInf/PmtTpInf/LclInstrm/Prtry", ErrCode, false},
		{"settlement method", "<SttlmMtd>CLRG</SttlmMtd>", "<SttlmMtd>INDA</SttlmMtd>", "FIToFICstmrCdtTrf/GrpHdr/SttlmInf/SttlmMtd", ErrCode, false},
		{"two transactions", "<NbOfTxs>1</NbOfTxs>", "<NbOfTxs>2</NbOfTxs>", "FIToFICstmrCdtTrf/GrpHdr/NbOfTxs", ErrCode, false},
		{"line feed in free text", "<Ustrd>Invoice 2026-0119</Ustrd>", "<Ustrd>Invoice\n2026-0119</Ustrd>", "FIToFICstmrCdtTrf/CdtTrfTxInf/RmtInf/Ustrd", ErrCharacter, true},
		{"blank free text", "<Nm>Jane Q Payee</Nm>", "<Nm>   </Nm>", "FIToFICstmrCdtTrf/CdtTrfTxInf/Cdtr/Nm", ErrValue, true},
		{"settlement date", "<IntrBkSttlmDt>2026-01-19</IntrBkSttlmDt>", "<IntrBkSttlmDt>2026-02-30</IntrBkSttlmDt>", "FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmDt", ErrDate, false},
		{"creditor agent missing", "<CdtrAgt>", "<CdtrAgtX>", "FIToFICstmrCdtTrf/CdtTrfTxInf/CdtrAgt/FinInstnId", ErrMissing, false},
		{"header names another message", "<MsgDefIdr>pacs.008.001.08</MsgDefIdr>", "<MsgDefIdr>pacs.009.001.08</MsgDefIdr>", "AppHdr/MsgDefIdr", ErrValue, false},
		{"other version", `xsd:pacs.008.001.08">`, `xsd:pacs.008.001.10">`, "", ErrUnsupported, true}, // the header too, below
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "creditor agent missing" {
				tt.new = "<CdtrAgtX>"
				m, fs, err := mutateAll(t, "<CdtrAgt>", "<CdtrAgtX>", "</CdtrAgt>", "</CdtrAgtX>")
				check(t, m, fs, err, tt.path, tt.sentinel, SeverityError)
				return
			}
			if tt.name == "other version" {
				tt.old, tt.new = "pacs.008.001.08", "pacs.008.001.10" // namespace and MsgDefIdr
			}
			m, fs, err := mutate(t, tt.old, tt.new, Options{})
			check(t, m, fs, err, tt.path, tt.sentinel, SeverityError)
			m, fs, err = mutate(t, tt.old, tt.new, Options{Lenient: true})
			if tt.lenientOK {
				if err != nil {
					t.Errorf("lenient read failed: %v", err)
				}
				check(t, m, fs, nil, tt.path, tt.sentinel, SeverityWarning)
			} else if err == nil {
				t.Errorf("lenient read accepted it")
			}
		})
	}
}

func mutateAll(t *testing.T, pairs ...string) (*ISOMessage, []*ParseError, error) {
	data, _ := os.ReadFile("testdata/pacs008-ctrc.xml")
	s := string(data)
	for i := 0; i < len(pairs); i += 2 {
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	r := NewISOReader(strings.NewReader(s))
	ms, err := r.ReadAll()
	if len(ms) != 1 {
		t.Fatalf("%d messages", len(ms))
	}
	return ms[0], r.Findings(), err
}

// check finds a finding with path, sentinel and severity that has a line.
func check(t *testing.T, m *ISOMessage, fs []*ParseError, err error, path string, sentinel error, sev Severity) {
	t.Helper()
	if sev == SeverityError && (err == nil || !errors.Is(err, sentinel)) {
		t.Errorf("err = %v, want one wrapping %v", err, sentinel)
	}
	if m == nil {
		t.Fatal("the message is not listed")
	}
	for _, f := range fs {
		if (path == "" || f.Path == path) && errors.Is(f, sentinel) && f.Severity == sev && f.Line > 0 && f.Message == 1 {
			if sev == SeverityError && m.Valid() {
				t.Error("message with an error reports Valid")
			}
			return
		}
	}
	t.Errorf("no %v finding at %q wrapping %v among:\n%v", sev, path, sentinel, fs)
}

// A file of several messages: one bad message is reported with its index
// and the others are read as they are.
func TestISOMultiMessageFile(t *testing.T) {
	var buf bytes.Buffer
	w := NewISOWriter(&buf)
	w.Production = true
	for i := 1; i <= 3; i++ {
		tr := sampleTransfer()
		tr.MessageID = tr.MessageID[:16] + "00000" + string(rune('0'+i))
		tr.EndToEndID = "tx_000" + string(rune('0'+i))
		if err := w.WriteTransfer(Pacs008, tr); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(buf.String(), "<EndToEndId>tx_0002</EndToEndId>", "", 1)
	r := NewISOReader(strings.NewReader(s))
	ms, err := r.ReadAll()
	if len(ms) != 3 {
		t.Fatalf("%d messages", len(ms))
	}
	if !ms[0].Valid() || ms[1].Valid() || !ms[2].Valid() {
		t.Errorf("valid: %v %v %v", ms[0].Valid(), ms[1].Valid(), ms[2].Valid())
	}
	var es Errors
	if !errors.As(err, &es) || len(es) != 1 || es[0].Message != 2 || es[0].Path != "FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/EndToEndId" {
		t.Errorf("err = %v", err)
	}
	if ms[2].Header == nil || ms[2].Header.BusinessService != "PROD" || ms[2].MessageID() != "20260119RAILYRD1000003" {
		t.Errorf("third message %+v", ms[2].Header)
	}
}

func TestISOMalformed(t *testing.T) {
	tests := []struct {
		name, in string
		sentinel error
		line     int
		msgs     int
	}{
		{"not XML", "{1500}30", ErrFormat, 1, 0},
		{"no Document", "<a><b/></a>", ErrFormat, 1, 0},
		{"truncated", "<M>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10\">\n<FIToFIPmtStsRpt>", ErrSyntax, 3, 0},
		{"mismatched tags", "<M>\n<Document>\n</M>", ErrSyntax, 3, 0},
		{"header without document", "<M><AppHdr/></M>", ErrMissing, 1, 0},
		{"unsupported message", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:admi.007.001.01"><RctAck/></Document>`, ErrUnsupported, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewISOReader(strings.NewReader(tt.in))
			ms, err := r.ReadAll()
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("err = %v, want %v", err, tt.sentinel)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != tt.line {
				t.Errorf("first finding %+v, want line %d", pe, tt.line)
			}
			if len(ms) != tt.msgs {
				t.Errorf("%d messages, want %d", len(ms), tt.msgs)
			}
		})
	}
}

// Every message type the writer writes reads back to the same model.
func TestISOWriterRoundTrip(t *testing.T) {
	created := time.Date(2026, 1, 20, 14, 5, 0, 0, time.UTC)
	ref := OriginalRef{OriginalMessageID: "20260119RAILYRD1000001", OriginalMessageType: "pacs.008.001.08",
		OriginalCreated: created.Add(-time.Hour), OriginalEndToEndID: "tx_0001", OriginalUETR: "6f9619ff-8b86-4d11-b42d-00c04fc964ff"}
	bank := sampleTransfer()
	bank.Debtor = Party{MemberID: "121042882", Name: "Wells Fargo NA"}
	bank.Creditor = Party{MemberID: "231380104", Name: "Citadel FCU"}
	msgs := []*ISOMessage{
		{Type: Pacs008, Transfer: sampleTransfer()},
		{Type: Pacs009, Transfer: bank},
		{Type: Pacs004, Return: &PaymentReturn{MessageID: "20260120BANKBBB1000009", Created: created, OriginalRef: ref,
			OriginalAmount: 150000, Amount: 149500, SettlementDate: "2026-01-20", ChargeBearer: "CRED",
			InstructingAgent: Party{MemberID: "231380104"}, InstructedAgent: Party{MemberID: "121042882"},
			ChainDebtor: Party{Name: "Jane Q Payee"}, ChainCreditor: Party{Name: "Railyard Sandbox Inc"}, ChainCreditorAcct: Account{ID: "98765432101234"},
			Reason: "AC04", AdditionalInfo: []string{"ACCOUNT CLOSED", "SINCE 2025-12-01"}, OriginalLocalInstrument: "CTRC"}},
		{Type: Pacs002, Status: &PaymentStatus{MessageID: "20260119QMGFNP31000017", Created: created, OriginalRef: ref, Status: "ACSC",
			Accepted: created, EffectiveDate: "2026-01-20", InstructingAgent: Party{MemberID: FedAccountingABA}, InstructedAgent: Party{MemberID: "121042882"}}},
		{Type: Pacs002, Status: &PaymentStatus{MessageID: "FDWREJECT000001", Created: created, OriginalRef: ref, Status: "RJCT", Reason: "E433",
			AdditionalInfo: []string{"not permissible"}, InstructingAgent: Party{MemberID: FedAccountingABA}}},
		{Type: Camt056, Recall: &RecallRequest{AssignmentID: "20260120RAILYRD1000003", Created: created, Assigner: Party{MemberID: "121042882"},
			Assignee: Party{MemberID: "231380104"}, CaseID: "RY-CASE-0001", CaseCreator: Party{MemberID: "121042882"}, OriginalRef: ref,
			OriginalAmount: 150000, OriginalSettlementDate: "2026-01-19", Reason: "DUPL"}},
		{Type: Camt029, Resolution: &RecallResolution{AssignmentID: "20260120BANKBBB1000010", Created: created, Assigner: Party{MemberID: "231380104"},
			Assignee: Party{MemberID: "121042882"}, CaseID: "RY-CASE-0001", Status: "CNCL", OriginalRef: ref}},
	}
	for _, m := range msgs {
		t.Run(m.Type, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewISOWriter(&buf)
			if err := w.Write(m); err != nil {
				t.Fatal(err)
			}
			w.Close()
			again, err := NewISOReader(bytes.NewReader(buf.Bytes())).ReadAll()
			if err != nil || len(again) != 1 {
				t.Fatalf("re-read: %d, %v\n%s", len(again), err, buf.Bytes())
			}
			// What was set survives; the writer's defaults fill the rest.
			got := again[0]
			if got.MessageID() != m.MessageID() || got.Header == nil || got.Header.BusinessMessageID != m.MessageID() || got.Header.BusinessService != "TEST" {
				t.Errorf("ids: %s, header %+v", got.MessageID(), got.Header)
			}
			if again2, err := writeRead(got); err != nil || !reflect.DeepEqual(isoPayload(got), isoPayload(again2)) {
				t.Errorf("write(read(write(m))) differs: %v", err)
			}
		})
	}
	// Spot checks of what the writer fills.
	var buf bytes.Buffer
	w := NewISOWriter(&buf)
	w.WriteTransfer(Pacs009, bank)
	w.Close()
	ms, _ := NewISOReader(&buf).ReadAll()
	tr := ms[0].Transfer
	if tr.LocalInstrument != "BTRC" || tr.ChargeBearer != "" || tr.InstructedAmount != 0 || tr.ClearingSystem != "FDW" || tr.Debtor.ClearingSystem != "USABA" {
		t.Errorf("pacs.009 defaults: %+v", tr)
	}
}

// The writer refuses what breaks a rule, writes nothing of that message,
// and goes on with the next one.
func TestISOWriterRefuses(t *testing.T) {
	var buf bytes.Buffer
	w := NewISOWriter(&buf)
	bad := sampleTransfer()
	bad.UETR = "not-a-uuid"
	err := w.WriteTransfer(Pacs008, bad)
	var es Errors
	if !errors.As(err, &es) || !errors.Is(err, ErrValue) || es[0].Path != "FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/UETR" {
		t.Fatalf("err = %v", err)
	}
	bad = sampleTransfer()
	bad.Creditor.Name = "Zoë Payee"
	if err := w.WriteTransfer(Pacs008, bad); !errors.Is(err, ErrCharacter) {
		t.Errorf("a character outside the CPMI set: err = %v", err)
	}
	if err := w.WriteTransfer("pacs.003", sampleTransfer()); !errors.Is(err, ErrUnsupported) {
		t.Errorf("pacs.003: err = %v", err)
	}
	good := sampleTransfer()
	good.Remittance = []string{"  Invoice\r\n 2026-0119  ", "   "}
	if err := w.WriteTransfer(Pacs008, good); err != nil {
		t.Fatal(err)
	}
	w.Close()
	ms, err := NewISOReader(&buf).ReadAll()
	if err != nil || len(ms) != 1 {
		t.Fatalf("%d messages, %v", len(ms), err)
	}
	if r := ms[0].Transfer.Remittance; len(r) != 1 || r[0] != "Invoice 2026-0119" {
		t.Errorf("free text not trimmed and collapsed: %q", r)
	}
	if good.Remittance[0] != "  Invoice\r\n 2026-0119  " {
		t.Error("the writer changed its input")
	}
}

// The same input always gives the same bytes: no clock, no randomness.
func TestISOWriterDeterministic(t *testing.T) {
	write := func() []byte {
		var buf bytes.Buffer
		w := NewISOWriter(&buf)
		w.WriteTransfer(Pacs008, sampleTransfer())
		w.Close()
		return buf.Bytes()
	}
	if a, b := write(), write(); !bytes.Equal(a, b) {
		t.Error("two writes of one transfer differ")
	}
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"  Jane\t Q\r\nPayee ": "Jane Q Payee",
		"Zoë":                  "Zo?",
		"A&B <C>":              "A&B <C>",
		"":                     "",
	} {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}
