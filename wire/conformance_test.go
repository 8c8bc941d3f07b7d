package wire_test

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/returns"
	"github.com/railyardhq/railyard/wire"
)

// The shared corpus, beside the repository; tests skip when it is absent.
const (
	faimDir = "../../shared/conformance/fedwire-faim"
	isoDir  = "../../shared/conformance/fedwire-iso20022"
)

type manifestRow struct{ path, expect, detail, note string }

func readManifest(t testing.TB, dir string) []manifestRow {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []manifestRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		for len(cols) < 4 {
			cols = append(cols, "")
		}
		rows = append(rows, manifestRow{cols[0], cols[1], cols[2], cols[3]})
	}
	if len(rows) == 0 {
		t.Fatalf("%s/MANIFEST.tsv lists no files", dir)
	}
	return rows
}

// detailValues parses "messages=1 type_subtype=1000".
func detailValues(detail string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Fields(detail) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

// wrCode maps a summary's reason to its WR code as ingest will, with the
// default policy.
func wrCode(t *testing.T, format returns.WireFormat, s wire.Summary) string {
	t.Helper()
	code, _, _, _, err := returns.DefaultPolicy().WRCode(returns.WireReturn{Format: format, Reason: s.Reason, AdditionalInfo: s.ReasonText})
	if err != nil {
		t.Fatalf("WRCode(%q, %q): %v", s.Reason, s.ReasonText, err)
	}
	return code
}

// checkSummaries compares the detail column with the messages' summaries.
func checkSummaries(t *testing.T, format returns.WireFormat, sums []wire.Summary, want map[string]string) {
	t.Helper()
	if v, ok := want["messages"]; ok {
		n, _ := strconv.Atoi(v)
		if len(sums) != n {
			t.Fatalf("messages = %d, want %d", len(sums), n)
		}
	}
	if len(sums) == 0 {
		t.Fatal("no messages")
	}
	s := sums[0]
	got := map[string]string{
		"type": s.Type, "type_subtype": s.TypeSubtype, "business_function": s.BusinessFunction,
		"amount_cents": strconv.FormatInt(s.AmountCents, 10), "original_imad": s.OriginalIMAD, "reason": s.Reason,
	}
	for k, v := range want {
		switch k {
		case "messages":
		case "code":
			if c := wrCode(t, format, s); c != v {
				t.Errorf("code = %s, want %s (reason %q, text %q)", c, v, s.Reason, s.ReasonText)
			}
		default:
			g, known := got[k]
			if !known {
				t.Fatalf("detail key %q is not checked by this test", k)
			}
			if g != v {
				t.Errorf("%s = %q, want %q", k, g, v)
			}
		}
	}
}

func readFAIM(t *testing.T, path string, opts wire.Options) ([]*wire.FAIMMessage, *wire.FAIMReader, error) {
	t.Helper()
	f, err := os.Open(filepath.Join(faimDir, path))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := wire.NewFAIMReader(f)
	r.Options = opts
	ms, err := r.ReadAll()
	return ms, r, err
}

var tagInNote = regexp.MustCompile(`\{(\d{4})\}`)

func TestConformanceFAIM(t *testing.T) {
	for _, row := range readManifest(t, faimDir) {
		t.Run(row.path, func(t *testing.T) {
			want := detailValues(row.detail)
			switch row.expect {
			case "ok", "lenient-ok":
				opts := wire.Options{Lenient: row.expect == "lenient-ok"}
				ms, _, err := readFAIM(t, row.path, opts)
				if err != nil {
					t.Fatalf("%s read: %v\nnote: %s", row.expect, err, row.note)
				}
				sums := make([]wire.Summary, len(ms))
				for i, m := range ms {
					sums[i] = m.Summary()
				}
				checkSummaries(t, returns.FAIM, sums, want)
				if row.expect == "lenient-ok" {
					if _, _, err := readFAIM(t, row.path, wire.Options{}); err == nil {
						t.Errorf("strict read accepted a lenient-only file (%s)", row.note)
					}
					return
				}
				roundTripFAIM(t, ms)
			case "error":
				ms, r, err := readFAIM(t, row.path, wire.Options{})
				if err == nil {
					t.Fatalf("file was accepted; want an error (%s)", row.note)
				}
				if len(ms) == 0 {
					t.Fatal("an invalid file must still list its messages")
				}
				checkNamedError(t, r.Findings(), row.note)
			default:
				t.Fatalf("unknown expectation %q", row.expect)
			}
		})
	}
}

// checkNamedError checks what the note says the error names: a missing
// tag (ErrMissing with the tag), or an unknown tag {dddd} at its position.
func checkNamedError(t *testing.T, fs []*wire.ParseError, note string) {
	t.Helper()
	var sentinel error
	switch {
	case strings.Contains(note, "unknown tag"):
		sentinel = wire.ErrUnknownTag
	case strings.Contains(note, "missing"):
		sentinel = wire.ErrMissing
	default:
		t.Fatalf("note %q says nothing this test checks", note)
	}
	wantTag := ""
	if m := tagInNote.FindStringSubmatch(note); m != nil {
		wantTag = "{" + m[1] + "}"
	}
	for _, f := range fs {
		if f.Severity == wire.SeverityError && errors.Is(f, sentinel) && f.Tag != "" && f.Line > 0 && (wantTag == "" || f.Tag == wantTag) {
			return
		}
	}
	t.Errorf("no error wrapping %v naming %q with a position among:\n%v", sentinel, wantTag, fs)
}

// fieldsOf drops positions: what a round trip must keep.
func fieldsOf(m *wire.FAIMMessage) []wire.FAIMField {
	out := make([]wire.FAIMField, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = wire.FAIMField{Tag: f.Tag, Elements: f.Elements, Raw: f.Raw}
	}
	return out
}

// roundTripFAIM checks that write(read(f)) re-reads to the same messages,
// in both writer layouts.
func roundTripFAIM(t *testing.T, ms []*wire.FAIMMessage) {
	t.Helper()
	for _, layout := range []struct{ padded, perLine bool }{{false, false}, {true, true}} {
		var buf bytes.Buffer
		w := wire.NewFAIMWriter(&buf)
		w.Padded, w.TagPerLine = layout.padded, layout.perLine
		for _, m := range ms {
			if err := w.Write(m); err != nil {
				t.Fatalf("write(read(f)) %+v: %v", layout, err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		again, err := wire.NewFAIMReader(bytes.NewReader(buf.Bytes())).ReadAll()
		if err != nil {
			t.Fatalf("re-read of written file %+v: %v\n%s", layout, err, buf.Bytes())
		}
		if len(again) != len(ms) {
			t.Fatalf("re-read %d messages, wrote %d", len(again), len(ms))
		}
		for i := range ms {
			if a, b := fieldsOf(ms[i]), fieldsOf(again[i]); !reflect.DeepEqual(a, b) {
				t.Errorf("message %d re-reads differently %+v:\n%v\n%v", i+1, layout, a, b)
			}
		}
	}
}

func TestConformanceISO(t *testing.T) {
	for _, row := range readManifest(t, isoDir) {
		t.Run(row.path, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(isoDir, row.path))
			if err != nil {
				t.Fatal(err)
			}
			want := detailValues(row.detail)
			r := wire.NewISOReader(bytes.NewReader(data))
			r.Options.Lenient = row.expect == "lenient-ok"
			ms, err := r.ReadAll()
			switch row.expect {
			case "ok", "lenient-ok":
				if err != nil {
					t.Fatalf("%s read: %v\nnote: %s", row.expect, err, row.note)
				}
			case "error":
				if err == nil {
					t.Fatalf("file was accepted; want an error (%s)", row.note)
				}
				return
			default:
				t.Fatalf("unknown expectation %q", row.expect)
			}
			sums := make([]wire.Summary, len(ms))
			for i, m := range ms {
				sums[i] = m.Summary()
			}
			checkSummaries(t, returns.ISO20022, sums, want)
			// The format detector and the generic reader agree.
			gr := wire.NewReader(bytes.NewReader(data))
			n := 0
			for gr.Next() {
				n++
				if s := gr.Summary(); !reflect.DeepEqual(s, sums[n-1]) {
					t.Errorf("Reader summary %+v, ISOReader %+v", s, sums[n-1])
				}
			}
			if gr.Format() != wire.FormatISO20022 || n != len(ms) || gr.Err() != nil {
				t.Errorf("Reader: format %q, %d messages, err %v", gr.Format(), n, gr.Err())
			}
			for _, m := range ms {
				roundTripISO(t, m)
			}
		})
	}
}

// payload returns the model of a message, without header and positions.
func payload(m *wire.ISOMessage) any {
	switch {
	case m.Transfer != nil:
		return *m.Transfer
	case m.Return != nil:
		return *m.Return
	case m.Status != nil:
		return *m.Status
	case m.Recall != nil:
		return *m.Recall
	case m.Resolution != nil:
		return *m.Resolution
	}
	return nil
}

// roundTripISO checks that write(read(m)) re-reads to the same model.
func roundTripISO(t *testing.T, m *wire.ISOMessage) {
	t.Helper()
	var buf bytes.Buffer
	w := wire.NewISOWriter(&buf)
	if err := w.Write(m); err != nil {
		t.Fatalf("write(read(m)): %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := wire.NewISOReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("re-read: %v", err)
	}
	if len(again) != 1 {
		t.Fatalf("re-read %d messages", len(again))
	}
	if a, b := payload(m), payload(again[0]); !reflect.DeepEqual(a, b) {
		t.Errorf("write(read(m)) re-reads differently:\n%+v\n%+v", a, b)
	}
	if again[0].Header == nil || again[0].Header.BusinessMessageID != m.MessageID() {
		t.Errorf("written header %+v does not name the message %s", again[0].Header, m.MessageID())
	}
}
