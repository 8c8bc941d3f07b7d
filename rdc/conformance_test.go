package rdc_test

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/rdc"
	"github.com/railyardhq/railyard/returns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// conformanceDir is the shared corpus; tests skip when it is absent.
const conformanceDir = "../../shared/conformance/x9"

type manifestRow struct {
	path, expect, detail, note string
}

func readManifest(t testing.TB) []manifestRow {
	t.Helper()
	f, err := os.Open(filepath.Join(conformanceDir, "MANIFEST.tsv"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", conformanceDir)
	}
	require.NoError(t, err)
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
	require.NoError(t, sc.Err())
	return rows
}

func corpusFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(conformanceDir, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", conformanceDir)
	}
	require.NoError(t, err)
	return data
}

// detailValues parses "items=4 returns=4" / "returns=A:CHR01,C:CHR03".
func detailValues(detail string) map[string]string {
	m := map[string]string{}
	for _, kv := range strings.Fields(detail) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

func read(t *testing.T, data []byte, lenient bool) (*rdc.File, *rdc.Reader, error) {
	t.Helper()
	r := rdc.NewReader(bytes.NewReader(data))
	r.Options.Lenient = lenient
	f, err := r.ReadAll()
	return f, r, err
}

func TestConformance(t *testing.T) {
	for _, row := range readManifest(t) {
		t.Run(row.path, func(t *testing.T) {
			data := corpusFile(t, row.path)
			want := detailValues(row.detail)
			switch row.expect {
			case "ok", "lenient-ok":
				lenient := row.expect == "lenient-ok"
				f, r, err := read(t, data, lenient)
				require.NoError(t, err, "%s read; note: %s", row.expect, row.note)
				checkDetail(t, r.Summary(), want)
				if lenient {
					_, rs, err := read(t, data, false)
					assert.Error(t, err, "strict read accepted a lenient-only file (%s)", row.note)
					assert.NotEmpty(t, rs.Findings())
					assert.NotEmpty(t, r.Findings(), "lenient read reports the deviations as warnings")
					for _, fe := range r.Findings() {
						assert.Equal(t, rdc.SeverityWarning, fe.Severity, "%v", fe)
					}
				} else {
					assert.Empty(t, r.Findings(), "a conforming file has no findings")
				}
				roundTrip(t, f, r.Encoding(), lenient)
			case "image":
				info, err := rdc.InspectTIFF(data)
				require.NoError(t, err)
				assert.Empty(t, info.Problems(), "%+v", info)
			case "error":
				_, _, err := read(t, data, false)
				assert.Error(t, err, row.note)
			default:
				t.Fatalf("unknown expectation %q", row.expect)
			}
		})
	}
}

// checkDetail checks a MANIFEST detail: items, images, returns (a count,
// or reason:CHR pairs mapped with the platform's default policy).
func checkDetail(t *testing.T, s *rdc.Summary, want map[string]string) {
	t.Helper()
	if v, ok := want["items"]; ok {
		assert.Equal(t, v, strconv.Itoa(s.Items), "items")
	}
	if v, ok := want["images"]; ok {
		assert.Equal(t, v, strconv.Itoa(s.Images), "images")
	}
	v, ok := want["returns"]
	if !ok {
		return
	}
	if n, err := strconv.Atoi(v); err == nil {
		assert.Len(t, s.Returns, n, "returns")
		return
	}
	pol := returns.DefaultPolicy()
	var got []string
	for _, ret := range s.Returns {
		code, _, _, err := pol.CHRCode(ret.Reason, ret.ReturnsIndicator)
		require.NoError(t, err)
		got = append(got, ret.Reason+":"+code)
	}
	assert.Equal(t, v, strings.Join(got, ","), "returns")
}

// roundTrip checks that write(read(f)) re-reads to the same records. A
// lenient file is written back leniently; its control counts and totals
// are the Writer's, so those are compared with what was counted, and the
// rest of the model with the original.
func roundTrip(t *testing.T, f *rdc.File, enc rdc.Encoding, lenient bool) {
	t.Helper()
	var buf bytes.Buffer
	w := rdc.NewWriter(&buf)
	w.Encoding = enc
	w.Options.Lenient = lenient
	require.NoError(t, w.WriteFile(f), "write(read(f))")
	g, r, err := read(t, buf.Bytes(), lenient)
	require.NoError(t, err, "re-read of the written file")
	for _, fe := range r.Findings() {
		assert.NotErrorIs(t, fe, rdc.ErrControl, "the Writer's controls are right: %v", fe)
	}
	if lenient {
		clearControls(f)
		clearControls(g)
	}
	assert.Equal(t, f, g, "write(read(f)) re-reads differently")
}

// clearControls zeroes what the Writer computes.
func clearControls(f *rdc.File) {
	f.Control.CashLetterCount, f.Control.RecordCount, f.Control.ItemCount, f.Control.TotalAmount = 0, 0, 0, 0
	for i := range f.CashLetters {
		cl := &f.CashLetters[i]
		cl.Control.BundleCount, cl.Control.ItemCount, cl.Control.TotalAmount, cl.Control.ImageCount = 0, 0, 0, 0
		for j := range cl.Bundles {
			b := &cl.Bundles[j]
			b.Control.ItemCount, b.Control.TotalAmount, b.Control.MICRValidTotal, b.Control.ImageCount = 0, 0, 0, 0
			for k := range b.Items {
				if it := &b.Items[k]; it.Check != nil {
					it.Check.AddendumCount = 0
				} else if it.Return != nil {
					it.Return.AddendumCount = 0
				}
			}
		}
	}
}

// TestConformanceBytes: reading then writing a file in its own encoding
// reproduces it byte for byte (x9.md §11 names these two files), and the
// ASCII and EBCDIC files decode to the same model.
func TestConformanceBytes(t *testing.T) {
	var models []*rdc.File
	for _, name := range []string{"valid-ascii.x937", "valid-ebcdic.x937"} {
		data := corpusFile(t, name)
		f, r, err := read(t, data, false)
		require.NoError(t, err)
		var buf bytes.Buffer
		w := rdc.NewWriter(&buf)
		w.Encoding = r.Encoding()
		require.NoError(t, w.WriteFile(f))
		assert.True(t, bytes.Equal(data, buf.Bytes()), "%s: write(read(f)) is not byte-identical", name)
		models = append(models, f)
	}
	assert.Equal(t, models[0], models[1], "the ASCII and EBCDIC files decode differently")
}

// TestConformanceImages: the images of the valid files are X9.100-181
// TIFFs, and the Reader hands them out untouched.
func TestConformanceImages(t *testing.T) {
	want := corpusFile(t, "check_image.tiff")
	for _, name := range []string{"valid-ascii.x937", "valid-ebcdic.x937"} {
		r := rdc.NewReader(bytes.NewReader(corpusFile(t, name)))
		var imgs [][]byte
		for r.Next() {
			if img := r.Record().Image(); img != nil {
				imgs = append(imgs, bytes.Clone(img))
			}
		}
		require.NoError(t, r.Err())
		require.Len(t, imgs, 2)
		assert.Equal(t, want, imgs[0], "%s: the front image is check_image.tiff", name)
		for _, img := range imgs {
			info, err := rdc.InspectTIFF(img)
			require.NoError(t, err)
			assert.Empty(t, info.Problems())
		}
	}
}
