package wire

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// A valid bank transfer, one tag per element kind, in the variable layout.
const btr = "{1500}30RAILYARDT {1510}1000{1520}20260119RAILYRD1000001{2000}000000150000" +
	"{3100}121042882WELLS FARGO NA*{3400}231380104CITADEL*{3600}BTR{4100}F231380104*CITADEL FCU*" +
	"{4200}D5647772655*JANE Q PAYEE*1 DESERT VIEW ST*{5000}D98765432101234*RAILYARD SANDBOX INC*{6500}INVOICE 7*"

func readFAIMString(t *testing.T, s string, opts Options) ([]*FAIMMessage, *FAIMReader, error) {
	t.Helper()
	r := NewFAIMReader(strings.NewReader(s))
	r.Options = opts
	ms, err := r.ReadAll()
	return ms, r, err
}

func TestFAIMElements(t *testing.T) {
	ms, _, err := readFAIMString(t, btr, Options{})
	if err != nil || len(ms) != 1 {
		t.Fatalf("%d messages, %v", len(ms), err)
	}
	m := ms[0]
	for _, c := range []struct {
		tag  Tag
		want []string
	}{
		{TagSenderSupplied, []string{"30", "RAILYARD", "T", " "}},
		{TagIMAD, []string{"20260119", "RAILYRD1", "000001"}},
		{TagSenderDI, []string{"121042882", "WELLS FARGO NA"}},
		{TagBusinessFunction, []string{"BTR"}},
		{TagBeneficiary, []string{"D", "5647772655", "JANE Q PAYEE", "1 DESERT VIEW ST"}},
		{TagFIToFI, []string{"INVOICE 7"}},
	} {
		if got := m.Field(c.tag); got == nil || !reflect.DeepEqual(got.Elements, c.want) {
			t.Errorf("%v = %+v, want %q", c.tag, got, c.want)
		}
	}
	if a, ok := m.Amount(); !ok || a != 150000 {
		t.Errorf("amount %d %v", a, ok)
	}
	if m.IMAD() != "20260119RAILYRD1000001" || m.TypeSubtype() != "1000" || m.Element(TagBeneficiary, "name") != "JANE Q PAYEE" {
		t.Errorf("accessors: %s %s %s", m.IMAD(), m.TypeSubtype(), m.Element(TagBeneficiary, "name"))
	}
	if got := TagBeneficiary.Elements(); got[0] != "id_code" || got[1] != "identifier" || len(got) != 6 {
		t.Errorf("layout of {4200}: %v", got)
	}
	if TagIMAD.Name() == "" || Tag(1599).Known() || !TagOMAD.FedAppended() {
		t.Error("tag table")
	}
}

// Layouts: one per line, one tag per line, CRLF, YFT811 prefixes, blank
// lines: the same messages.
func TestFAIMLayouts(t *testing.T) {
	one := strings.ReplaceAll(btr, "{", "\n{")[1:]
	want, _, err := readFAIMString(t, btr+"\n"+btr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{
		"tag per line":   one + "\n" + one + "\n",
		"crlf":           strings.ReplaceAll(one+"\n"+one, "\n", "\r\n"),
		"yft811":         "YFT811 " + btr + "\nYFT811 " + btr + "\n",
		"no separator":   btr + btr,
		"blank lines":    "\n\n" + btr + "\n\n   \n" + btr + "\n  \n",
		"trailing blank": btr + "\n" + btr + "\n   \t\n",
	} {
		got, r, err := readFAIMString(t, in, Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(got) != 2 {
			t.Errorf("%s: %d messages", name, len(got))
			continue
		}
		for i := range got {
			if !reflect.DeepEqual(got[i].clone(), want[i].clone()) {
				t.Errorf("%s: message %d differs", name, i+1)
			}
		}
		if len(r.Findings()) != 0 {
			t.Errorf("%s: findings %v", name, r.Findings())
		}
	}
	for _, in := range []string{"", "\n", "  \r\n\t"} {
		if ms, _, err := readFAIMString(t, in, Options{}); len(ms) != 0 || err != nil {
			t.Errorf("%q: %d messages, %v", in, len(ms), err)
		}
	}
}

// Splitting follows fedwire.md B7.
func TestFAIMSplitting(t *testing.T) {
	fed := "{1100}30P N{1110}01191130FT01{1120}20260119QMGFNP31000017011911300001"
	tests := []struct {
		name string
		in   string
		want []string // IMADs of the messages
	}{
		{"at {1500}", btr + btr, []string{"20260119RAILYRD1000001", "20260119RAILYRD1000001"}},
		{"fed tags then {1500}", fed + btr, []string{"20260119RAILYRD1000001"}},
		{"at {1100}", fed + btr + fed + btr, []string{"20260119RAILYRD1000001", "20260119RAILYRD1000001"}},
		{"at a second {1510}", "{1510}1000{1520}20260119RAILYRD1000001{1510}1000{1520}20260119RAILYRD1000002",
			[]string{"20260119RAILYRD1000001", "20260119RAILYRD1000002"}},
		{"at a repeated tag", "{1520}20260119RAILYRD1000001{2000}000000000100{1520}20260119RAILYRD1000002",
			[]string{"20260119RAILYRD1000001", "20260119RAILYRD1000002"}},
		{"unknown tag stays with {1500}", "{1599}x" + btr, []string{"20260119RAILYRD1000001"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, _, _ := readFAIMString(t, tt.in, Options{Lenient: true})
			var got []string
			for _, m := range ms {
				got = append(got, m.IMAD())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("messages %q, want %q", got, tt.want)
			}
		})
	}
	ms, _, err := readFAIMString(t, fed+strings.Replace(btr, "{1500}30RAILYARDT ", "", 1), Options{})
	if err != nil || len(ms) != 1 || ms[0].Status() != "N" || ms[0].OMAD() != "20260119QMGFNP31000017" {
		t.Errorf("Fed-delivered message without {1500}: %v %v", ms, err)
	}
}

// finding describes an expected finding.
type finding struct {
	tag, element string
	sentinel     error
	sev          Severity
}

func hasFinding(fs []*ParseError, w finding) bool {
	for _, f := range fs {
		if f.Tag == w.tag && f.Element == w.element && errors.Is(f, w.sentinel) && f.Severity == w.sev && f.Line > 0 {
			return true
		}
	}
	return false
}

// Each rule is reported at its tag and element, with the profile's
// severity.
func TestFAIMRules(t *testing.T) {
	sub := func(old, new string) string {
		if !strings.Contains(btr, old) {
			panic(old)
		}
		return strings.Replace(btr, old, new, 1)
	}
	tests := []struct {
		name    string
		in      string
		strict  finding
		lenient Severity // severity in the lenient profile
	}{
		{"missing delimiter", sub("{6500}INVOICE 7*", "{6500}INVOICE 7*MORE"), finding{"{6500}", "line_2", ErrDelimiter, SeverityError}, SeverityWarning},
		{"no delimiter at all", sub("{6500}INVOICE 7*", "{6500}INVOICE 7"), finding{"{6500}", "", ErrDelimiter, SeverityError}, SeverityWarning},
		{"blanks after the last delimiter", sub("{6500}INVOICE 7*", "{6500}INVOICE 7*   "), finding{"{6500}", "", ErrLength, SeverityError}, SeverityWarning},
		{"older fixed layout", sub("{3400}231380104CITADEL*", "{3400}231380104CITADEL           "), finding{"{3400}", "", ErrDelimiter, SeverityError}, SeverityWarning},
		{"element too long", sub("{3400}231380104CITADEL*", "{3400}231380104CITADEL FEDERAL CREDIT UNION*"), finding{"{3400}", "short_name", ErrLength, SeverityError}, SeverityError},
		{"element too long, not critical", sub("{6500}INVOICE 7*", "{6500}"+strings.Repeat("X", 36)+"*"), finding{"{6500}", "line_1", ErrLength, SeverityError}, SeverityWarning},
		{"too many elements", sub("{6500}INVOICE 7*", "{6500}1*2*3*4*5*6*7*"), finding{"{6500}", "", ErrLength, SeverityError}, SeverityWarning},
		{"check digit", sub("{3400}231380104", "{3400}231380105"), finding{"{3400}", "aba", ErrCheckDigit, SeverityError}, SeverityError},
		{"id code F check digit", sub("{4100}F231380104", "{4100}F231380105"), finding{"{4100}", "identifier", ErrCheckDigit, SeverityError}, SeverityWarning},
		{"blank id code", sub("{4200}D", "{4200} "), finding{"{4200}", "id_code", ErrCode, SeverityError}, SeverityWarning},
		{"absent id code", sub("{4200}D5647772655", "{4200}*"), finding{"{4200}", "id_code", ErrCode, SeverityError}, SeverityWarning},
		{"bad subtype", sub("{1510}1000", "{1510}1099"), finding{"{1510}", "subtype_code", ErrCode, SeverityError}, SeverityError},
		{"type/subtype vs function", sub("{1510}1000", "{1510}1031"), finding{"{1510}", "", ErrValue, SeverityError}, SeverityError},
		{"amount not digits", sub("{2000}000000150000", "{2000}0000001500.0"), finding{"{2000}", "amount", ErrNumeric, SeverityError}, SeverityError},
		{"zero amount", sub("{2000}000000150000", "{2000}000000000000"), finding{"{2000}", "amount", ErrAmount, SeverityError}, SeverityError},
		{"missing IMAD", sub("{1520}20260119RAILYRD1000001", ""), finding{"{1520}", "", ErrMissing, SeverityError}, SeverityError},
		{"short IMAD", sub("{1520}20260119RAILYRD1000001", "{1520}20260119RAILYRD100"), finding{"{1520}", "input_sequence_number", ErrLength, SeverityError}, SeverityError},
		{"bad date", sub("{1520}20260119", "{1520}20260230"), finding{"{1520}", "input_cycle_date", ErrDate, SeverityError}, SeverityError},
		{"unknown tag", sub("{6500}", "{6599}x*{6500}"), finding{"{6599}", "", ErrUnknownTag, SeverityError}, SeverityWarning},
		{"not permitted with BTR", sub("{6500}", "{3710}USD1,00*{6500}"), finding{"{3710}", "", ErrNotPermitted, SeverityError}, SeverityWarning},
		{"dependency", sub("{4100}F231380104*CITADEL FCU*", "{4000}F231380104*"), finding{"{4100}", "", ErrMissing, SeverityError}, SeverityError},
		{"reversal without {3500}", sub("{1510}1000", "{1510}1002"), finding{"{3500}", "", ErrMissing, SeverityError}, SeverityError},
		{"reversal {3500} not an IMAD", sub("{1510}1000", "{1510}1002{3500}Previous Message Ident"), finding{"{3500}", "previous_message_identifier", ErrValue, SeverityError}, SeverityError},
		{"empty tag", sub("{6500}INVOICE 7*", "{6500}"), finding{"{6500}", "", ErrMissing, SeverityError}, SeverityWarning},
		{"blanks before a tag", sub("{6500}", "\n  {6500}"), finding{"", "", ErrSyntax, SeverityError}, SeverityWarning},
		{"bytes outside a tag", sub("{6500}", "\nhello{6500}"), finding{"", "", ErrSyntax, SeverityError}, SeverityError},
		{"brace without a tag", sub("{6500}", "{65}x{6500}"), finding{"", "", ErrSyntax, SeverityError}, SeverityError},
		{"CTR without beneficiary", strings.Replace(sub("{3600}BTR", "{3600}CTR"), "{4200}D5647772655*JANE Q PAYEE*1 DESERT VIEW ST*", "", 1), finding{"{4200}", "", ErrMissing, SeverityError}, SeverityError},
		{"COV with CTR", sub("{3600}BTR", "{3600}CTRCOV*"), finding{"{3600}", "transaction_type_code", ErrNotPermitted, SeverityError}, SeverityWarning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, r, err := readFAIMString(t, tt.in, Options{})
			if len(ms) == 0 {
				t.Fatal("no message listed")
			}
			if tt.strict.sev == SeverityError && !errors.Is(err, tt.strict.sentinel) {
				t.Errorf("strict err = %v, want %v", err, tt.strict.sentinel)
			}
			if !hasFinding(r.Findings(), tt.strict) {
				t.Errorf("strict: no %+v among\n%v", tt.strict, r.Findings())
			}
			ms, r, err = readFAIMString(t, tt.in, Options{Lenient: true})
			lw := tt.strict
			lw.sev = tt.lenient
			if !hasFinding(r.Findings(), lw) {
				t.Errorf("lenient: no %+v among\n%v", lw, r.Findings())
			}
			if tt.lenient == SeverityWarning && err != nil {
				t.Errorf("lenient read failed: %v", err)
			}
			if ms[0].Valid() != (tt.lenient == SeverityWarning) {
				t.Errorf("lenient Valid() = %v", ms[0].Valid())
			}
		})
	}
}

// A tag that cannot be split is kept as raw text by the lenient reader,
// never truncated.
func TestFAIMLenientKeepsRaw(t *testing.T) {
	in := strings.Replace(btr, "{6500}INVOICE 7*", "{6500}"+strings.Repeat("X", 40)+"*NEXT*", 1)
	ms, _, err := readFAIMString(t, in, Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	f := ms[0].Field(TagFIToFI)
	if f.Raw != strings.Repeat("X", 40)+"*NEXT*" || f.Elements != nil {
		t.Errorf("{6500} = %+v", f)
	}
	if got := ms[0].Text(TagFIToFI); got != strings.Repeat("X", 40)+" NEXT" {
		t.Errorf("Text = %q", got)
	}
}

// Positions: line, column of the element, offset, message index.
func TestFAIMPositions(t *testing.T) {
	in := btr + "\n" + strings.ReplaceAll(strings.Replace(btr, "{3400}231380104", "{3400}231380105", 1), "{", "\n{")[1:]
	_, r, _ := readFAIMString(t, in, Options{})
	fs := r.Findings()
	if len(fs) != 1 {
		t.Fatalf("findings %v", fs)
	}
	f := fs[0]
	// Message 2 starts on line 2, one tag per line: {3400} is its 6th tag.
	wantOff := int64(len(btr) + 1 + strings.Index(strings.ReplaceAll(btr, "{", "\n{")[1:], "{3400}") + 6)
	if f.Message != 2 || f.Line != 7 || f.Column != 7 || f.Offset != wantOff || f.Tag != "{3400}" || f.Element != "aba" || f.ElementIndex != 1 {
		t.Errorf("finding %+v (want offset %d)", f, wantOff)
	}
	if want := "wire: line 7 col 7: message 2: {3400}.aba: aba 231380105 fails the routing number check digit"; f.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", f.Error(), want)
	}
}

// One bad message in the middle: the others are read and valid.
func TestFAIMBadMessageKeepsOthers(t *testing.T) {
	bad := strings.Replace(btr, "{2000}000000150000", "{2000}ABC", 1)
	ms, r, err := readFAIMString(t, btr+"\n"+bad+"\n"+btr+"\n", Options{})
	if len(ms) != 3 || !ms[0].Valid() || ms[1].Valid() || !ms[2].Valid() {
		t.Fatalf("%d messages", len(ms))
	}
	var es Errors
	if !errors.As(err, &es) || es[0].Message != 2 || len(ms[1].Findings) == 0 || len(ms[0].Findings) != 0 {
		t.Errorf("err %v, findings %v", err, r.Findings())
	}
}

func TestFAIMNotFAIM(t *testing.T) {
	for _, in := range []string{"<Document/>", "hello\n{1500}", "101 231380104 121042882"} {
		ms, _, err := readFAIMString(t, in, Options{Lenient: true})
		var pe *ParseError
		if !errors.Is(err, ErrFormat) || !errors.As(err, &pe) || pe.Line != 1 || len(ms) != 0 {
			t.Errorf("%q: %d messages, %v", in, len(ms), err)
		}
	}
}

func TestFAIMMaxErrors(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 30; i++ {
		b.WriteString(strings.Replace(btr, "{3400}231380104", "{3400}231380105", 1) + "\n")
	}
	_, r, err := readFAIMString(t, b.String(), Options{MaxErrors: 10})
	var es Errors
	if !errors.As(err, &es) || len(es) != 10 || r.Dropped() != 20 {
		t.Errorf("%d errors kept, %d dropped", len(es), r.Dropped())
	}
}

// {8200} in both forms: with the 4-digit length of FAIM ≤ 3.0.6, and
// without (3.0.7).
func TestFAIM8200(t *testing.T) {
	ctp := strings.Replace(strings.Replace(btr, "{3600}BTR", "{3600}CTP*{3610}ANSI", 1), "{6500}INVOICE 7*", "", 1)
	for in, want := range map[string]string{
		ctp + "{8200}0009ISA 00 AB*": "ISA 00 AB",
		ctp + "{8200}ISA 00 AB*":     "ISA 00 AB",
		ctp + "{8200}0004ISA 00 AB*": "0004ISA 00 AB",
	} {
		ms, _, err := readFAIMString(t, in, Options{})
		if err != nil || ms[0].Element(TagUnstructuredAddenda, "addenda_information") != want {
			t.Errorf("%q: %v %+v", in, err, ms[0].Field(TagUnstructuredAddenda))
		}
	}
}

func TestFAIMWriterModes(t *testing.T) {
	ms, _, err := readFAIMString(t, btr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := ms[0]
	tests := []struct {
		name string
		set  func(w *FAIMWriter)
		want string
	}{
		{"variable", func(w *FAIMWriter) {}, btr + "\n"},
		{"padded", func(w *FAIMWriter) { w.Padded = true }, ""},
		{"tag per line crlf", func(w *FAIMWriter) { w.TagPerLine, w.CRLF = true, true }, strings.ReplaceAll(btr, "{", "\r\n{")[2:] + "\r\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		w := NewFAIMWriter(&buf)
		tt.set(w)
		if err := w.Write(m); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		w.Flush()
		if tt.want != "" && buf.String() != tt.want {
			t.Errorf("%s:\n%q\nwant\n%q", tt.name, buf.String(), tt.want)
		}
		if tt.name == "padded" && !strings.Contains(buf.String(), "{3400}231380104CITADEL           *") {
			t.Errorf("padded: %q", buf.String())
		}
		again, _, err := readFAIMString(t, buf.String(), Options{})
		if err != nil || !reflect.DeepEqual(again[0].clone(), m.clone()) {
			t.Errorf("%s: re-read %v", tt.name, err)
		}
	}
	if got := string(AppendMessage(nil, m)); got != btr+"\n" {
		t.Errorf("AppendMessage = %q", got)
	}
}

func TestFAIMWriterRefusesAndCleans(t *testing.T) {
	var buf bytes.Buffer
	w := NewFAIMWriter(&buf)
	bad := &FAIMMessage{}
	bad.Set(TagSenderSupplied, "30", "RAILYARD", "T", " ")
	bad.Set(TagTypeSubtype, "10", "00")
	err := w.Write(bad)
	if !errors.Is(err, ErrMissing) {
		t.Fatalf("err = %v", err)
	}
	if buf.Len() != 0 {
		t.Error("an invalid message reached the buffer")
	}
	ms, _, _ := readFAIMString(t, btr, Options{})
	m := ms[0]
	m.Set(TagFIToFI, "INVOICE *7* {X}")
	svc := &FAIMMessage{Fields: m.clone().Fields}
	if err := w.Write(m); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if !strings.Contains(buf.String(), "{6500}INVOICE  7   X}*") || len(w.Warnings()) != 1 {
		t.Errorf("%q, warnings %v", buf.String(), w.Warnings())
	}
	// A service message is written only with its {9000}.
	svc.Set(TagTypeSubtype, "10", "90")
	svc.Set(TagBusinessFunction, "SVC")
	svc.Set(TagAmount, "000000000000")
	for _, tg := range []Tag{TagBeneficiaryFI, TagBeneficiary, TagOriginator, TagFIToFI} {
		svc.Delete(tg)
	}
	if err := w.Write(svc); !errors.Is(err, ErrMissing) {
		t.Errorf("SVC without {9000}: %v", err)
	}
	svc.Set(TagServiceMessage, "PLEASE RETURN OUR WIRE", "20260119RAILYRD1000001")
	if err := w.Write(svc); err != nil {
		t.Errorf("SVC: %v", err)
	}
}

// Return extracts the reason and references of returns.
func TestFAIMReturn(t *testing.T) {
	mk := func(sub string, tags map[Tag]string) *FAIMMessage {
		ms, _, _ := readFAIMString(t, strings.Replace(strings.Replace(btr, "{1510}1000", "{1510}10"+sub, 1), "{6500}INVOICE 7*", "", 1), Options{Lenient: true})
		m := ms[0]
		for tg, v := range tags {
			m.Set(tg, strings.Split(v, "*")...)
		}
		return m
	}
	tests := []struct {
		name string
		m    *FAIMMessage
		ok   bool
		want FAIMReturn
	}{
		{"plain transfer", mk("00", nil), false, FAIMReturn{}},
		{"reversal", mk("02", map[Tag]string{TagPreviousMessage: "20260119RAILYRD1000001", TagFIToFI: "/RETN/AC04*ACCOUNT CLOSED"}), true,
			FAIMReturn{Reversal: true, Code: "AC04", Text: "/RETN/AC04 ACCOUNT CLOSED", OriginalIMAD: "20260119RAILYRD1000001"}},
		{"new transfer, IMAD in text", mk("00", map[Tag]string{TagFIToFI: "RETURN*ACCOUNT NUMBER INVALID*ORIG IMAD 20260119RAILYRD1000001"}), true,
			FAIMReturn{Text: "RETURN ACCOUNT NUMBER INVALID ORIG IMAD 20260119RAILYRD1000001", OriginalIMAD: "20260119RAILYRD1000001"}},
		{"JPMorgan style", mk("00", map[Tag]string{TagFIToFI: "OUR REF*FED*ACC*NUMBER IS INVALID", TagBeneficiaryRef: "TX0001"}), false,
			FAIMReturn{Text: "OUR REF FED ACC NUMBER IS INVALID", References: []string{"TX0001"}}},
		{"returned, ref and uetr", mk("00", map[Tag]string{TagFIToFI: "RETURNED PER BENEFICIARY*REF: TX-2026-0001*6F9619FF-8B86-4D11-B42D-00C04FC964FF"}), true,
			FAIMReturn{Text: "RETURNED PER BENEFICIARY REF: TX-2026-0001 6F9619FF-8B86-4D11-B42D-00C04FC964FF",
				OriginalUETR: "6f9619ff-8b86-4d11-b42d-00c04fc964ff", References: []string{"TX-2026-0001"}}},
		{"word inside another word is no marker", mk("00", map[Tag]string{TagFIToFI: "RETURNABLE CONTAINERS"}), false,
			FAIMReturn{Text: "RETURNABLE CONTAINERS"}},
		{"/RETN/ code too short", mk("00", map[Tag]string{TagFIToFI: "/RETN/AC*X"}), true, FAIMReturn{Text: "/RETN/AC X"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.m.Return()
			if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Return() = %+v, %v\nwant       %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestTransferToFAIM(t *testing.T) {
	for _, typ := range []string{Pacs008, Pacs009} {
		tr := sampleTransfer()
		tr.InstructionID = "REF0001"
		if typ == Pacs009 {
			tr.Debtor = Party{MemberID: "121042882", Name: "Wells Fargo NA"}
			tr.Creditor = Party{MemberID: "231380104", Name: "Citadel FCU"}
		}
		m, err := TransferToFAIM(typ, tr, FAIMConfig{UserRequestCorrelation: "RY01", Production: true})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w := NewFAIMWriter(&buf)
		if err := w.Write(m); err != nil {
			t.Fatalf("%s: %v\n%q", typ, err, AppendMessage(nil, m))
		}
		w.Flush()
		ms, _, err := readFAIMString(t, buf.String(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		s := ms[0].Summary()
		wantBFC := map[string]string{Pacs008: "CTR", Pacs009: "BTR"}[typ]
		if s.IMAD != tr.MessageID || s.AmountCents != tr.Amount || s.BusinessFunction != wantBFC || s.TypeSubtype != "1000" ||
			ms[0].Element(TagSenderReference, "sender_reference") != "REF0001" || ms[0].Element(TagSenderSupplied, "test_production_code") != "P" {
			t.Errorf("%s: %+v\n%s", typ, s, buf.String())
		}
		if typ == Pacs008 && (ms[0].Element(TagBeneficiary, "identifier") != "5647772655" || ms[0].Element(TagBeneficiary, "address_2") != "Palm Springs CA 92262") {
			t.Errorf("beneficiary %+v", ms[0].Field(TagBeneficiary))
		}
	}
	bad := sampleTransfer()
	bad.MessageID = "x"
	if _, err := TransferToFAIM(Pacs008, bad, FAIMConfig{}); !errors.Is(err, ErrIMAD) {
		t.Errorf("bad IMAD: %v", err)
	}
	bad = sampleTransfer()
	bad.EndToEndID = "a-transaction-id-longer-than-16"
	if _, err := TransferToFAIM(Pacs008, bad, FAIMConfig{}); !errors.Is(err, ErrLength) {
		t.Errorf("long reference: %v", err)
	}
}

func ExampleTag_String() {
	fmt.Println(TagIMAD, TagIMAD.Name())
	// Output: {1520} Input Message Accountability Data (IMAD)
}
