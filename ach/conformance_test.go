package ach

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// conformanceDir is the shared corpus; tests skip when it is absent.
const conformanceDir = "../../shared/conformance/ach"

type manifestRow struct {
	path, expect, detail, note string
}

func readManifest(t testing.TB) []manifestRow {
	t.Helper()
	f, err := os.Open(filepath.Join(conformanceDir, "MANIFEST.tsv"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", conformanceDir)
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
	return rows
}

func openCorpus(t testing.TB, path string) io.Reader {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(conformanceDir, path))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return zr
	}
	return bytes.NewReader(data)
}

// detailValues parses "entries=2" / "returns=R01,R03" / "line=17".
func detailValues(detail string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Fields(detail) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

func readWith(t testing.TB, path string, opts Options) (*File, *Reader, error) {
	r := NewReader(openCorpus(t, path))
	r.Options = opts
	f, err := r.ReadAll()
	return f, r, err
}

func TestConformance(t *testing.T) {
	for _, row := range readManifest(t) {
		t.Run(row.path, func(t *testing.T) {
			if strings.HasPrefix(row.path, "large/") && testing.Short() {
				t.Skip("large file in -short mode")
			}
			want := detailValues(row.detail)
			switch row.expect {
			case "ok", "lenient-ok":
				opts := Options{Lenient: row.expect == "lenient-ok"}
				f, r, err := readWith(t, row.path, opts)
				if err != nil {
					t.Fatalf("%s read (%+v): %v\nnote: %s", row.expect, opts, err, row.note)
				}
				checkDetail(t, r.Summary(), want)
				if row.expect == "lenient-ok" {
					if _, _, err := readWith(t, row.path, Options{}); err == nil {
						t.Errorf("strict read accepted a lenient-only file (%s)", row.note)
					}
				}
				if row.expect == "ok" && !strings.HasPrefix(row.path, "large/") {
					roundTrip(t, f)
				}
			case "error":
				_, r, err := readWith(t, row.path, Options{})
				if err == nil {
					t.Fatalf("file was accepted; want an error (%s)", row.note)
				}
				if l, ok := want["line"]; ok {
					line, _ := strconv.Atoi(l)
					found := false
					for _, f := range r.Findings() {
						if f.Severity == SeverityError && f.Line == line {
							found = true
						}
					}
					if !found {
						t.Errorf("no error at line %d (%s); got %v", line, row.note, err)
					}
				}
			default:
				t.Fatalf("unknown expectation %q", row.expect)
			}
		})
	}
}

func checkDetail(t *testing.T, s *Summary, want map[string]string) {
	t.Helper()
	if v, ok := want["entries"]; ok {
		n, _ := strconv.Atoi(v)
		if s.Entries != n {
			t.Errorf("entries = %d, want %d", s.Entries, n)
		}
	}
	if v, ok := want["returns"]; ok {
		var got []string
		for _, r := range s.Returns {
			got = append(got, r.Code)
		}
		if strings.Join(got, ",") != v {
			t.Errorf("returns = %v, want %s", got, v)
		}
	}
	if v, ok := want["nocs"]; ok {
		var got []string
		for _, n := range s.NOCs {
			got = append(got, n.Code)
		}
		if strings.Join(got, ",") != v {
			t.Errorf("nocs = %v, want %s", got, v)
		}
	}
}

// roundTrip checks that write(read(f)) re-reads to the same records.
func roundTrip(t *testing.T, f *File) {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.WriteFile(f); err != nil {
		t.Fatalf("write(read(f)): %v", err)
	}
	g, err := NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("re-read of written file: %v", err)
	}
	assert.Equal(t, f, g, "write(read(f)) re-reads differently")
}
