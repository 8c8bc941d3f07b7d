package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/rdc"
	"github.com/railyardhq/railyard/rdc/checkimage"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// x9CorpusDir is the shared X9 conformance corpus.
const x9CorpusDir = "../../../shared/conformance/x9"

func x9Corpus(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(x9CorpusDir, name)
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", x9CorpusDir)
	}
	return p
}

// x9Golden compares got with testdata/x9/name, or rewrites it with -update.
func x9Golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "x9", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cmd/railyard -run %s -update", t.Name())
	if string(want) != got {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
		for i := 0; i < len(wl) || i < len(gl); i++ {
			var a, b string
			if i < len(wl) {
				a = wl[i]
			}
			if i < len(gl) {
				b = gl[i]
			}
			if a != b {
				t.Fatalf("%s differs at line %d:\nwant %q\ngot  %q\n(run with -update if the change is intended)", path, i+1, a, b)
			}
		}
	}
}

// x9Account is the payor account of the generated files: no output may
// show it whole unless --unmask.
const x9Account = "5558881001"

// x9Image is a small bitonal G4 TIFF standing in for a check side.
func x9Image(t *testing.T, ink int) []byte {
	b := checkimage.NewBitmap(600, 275)
	for y := 100; y < 100+ink; y++ {
		for x := 40; x < 560; x++ {
			b.Set(x, y, true)
		}
	}
	data, err := checkimage.EncodeTIFF(b, 200)
	require.NoError(t, err)
	return data
}

// x9File writes a file with rdc's Writer: two checks (forward, ASCII) or
// three returns (reasons A, C, V under indicator R; EBCDIC).
func x9File(t *testing.T, returnFile bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := rdc.NewWriter(&buf)
	ct, ind := rdc.CollectionForward, ""
	if returnFile {
		ct, ind = rdc.CollectionReturn, "R"
	} else {
		w.Encoding = rdc.ASCII
	}
	require.NoError(t, w.WriteFileHeader(&rdc.FileHeader{TestIndicator: "T", ImmediateDestination: "061000146",
		ImmediateOrigin: "121042882", CreationDate: "20261120", CreationTime: "1500", ResendIndicator: "N",
		ImmediateDestinationName: "FRB ATLANTA", ImmediateOriginName: "RAILYARD BANK", CountryCode: "US"}))
	require.NoError(t, w.WriteCashLetterHeader(&rdc.CashLetterHeader{CollectionType: ct, DestinationRouting: "061000146",
		ECERouting: "121042882", BusinessDate: "20261120", CreationDate: "20261120", CreationTime: "1500",
		RecordTypeIndicator: "I", DocumentationTypeIndicator: "G", CashLetterID: "RY000001", ReturnsIndicator: ind}))
	require.NoError(t, w.WriteBundleHeader(&rdc.BundleHeader{DestinationRouting: "061000146", ECERouting: "121042882",
		BusinessDate: "20261120", CreationDate: "20261120", ID: "B1", CycleNumber: "01"}))
	reasons := []string{"A", "C"}
	if returnFile {
		reasons = []string{"A", "C", "D"}
	}
	for i, reason := range reasons {
		seq := fmt.Sprintf("%015d", 4200+i)
		bofd := []rdc.BOFDAddendum{{ReturnLocationRouting: "121042882", EndorsementDate: "20261118", ItemSequence: seq,
			DepositAccount: "987654321", PayeeName: "JANE Q PAYEE", TruncationIndicator: "Y", ConversionIndicator: "2"}}
		it := &rdc.Item{BOFD: bofd}
		if returnFile {
			it.Return = &rdc.ReturnDetail{PayorBankRouting: "231380104", OnUs: x9Account + "/", Amount: int64(12345 * (i + 1)),
				ReturnReason: reason, ForwardBundleDate: "20261118", ItemSequence: fmt.Sprintf("9%014d", i+1), NotificationIndicator: "2"}
		} else {
			it.Check = &rdc.CheckDetail{PayorBankRouting: "231380104", OnUs: x9Account + "/" + fmt.Sprint(1001+i), Amount: int64(123456 * (i + 1)),
				ItemSequence: seq, DocumentationTypeIndicator: "G", MICRValidIndicator: "1", BOFDIndicator: "Y"}
		}
		for side, ink := range []int{40, 10} {
			v := rdc.ImageView{Detail: rdc.ImageViewDetail{ImageIndicator: "1", CreatorRouting: "121042882",
				CreatorDate: "20261118", ViewFormat: "00", Compression: "00", ViewSide: fmt.Sprint(side), ViewDescriptor: "00"}}
			v.SetImage(x9Image(t, ink+i))
			it.Views = append(it.Views, v)
		}
		require.NoError(t, w.WriteItem(it))
	}
	require.NoError(t, w.WriteCashLetterControl(&rdc.CashLetterControl{ECEInstitutionName: "RAILYARD BANK", SettlementDate: "20261123"}))
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func TestX9GoldenGenerated(t *testing.T) {
	for _, tc := range []struct {
		name   string
		ret    bool
		args   []string
		golden string
	}{
		{"validate forward text", false, []string{"x9", "validate", "-"}, "validate-forward.txt"},
		{"validate forward json", false, []string{"x9", "validate", "-", "--output", "json"}, "validate-forward.json"},
		{"validate returns json", true, []string{"x9", "validate", "-", "--output", "json"}, "validate-returns.json"},
		{"validate returns text", true, []string{"x9", "validate", "-"}, "validate-returns.txt"},
		{"describe forward text", false, []string{"x9", "describe", "-"}, "describe-forward.txt"},
		{"describe returns text", true, []string{"x9", "describe", "-"}, "describe-returns.txt"},
		{"describe returns json", true, []string{"x9", "describe", "-", "--output", "json"}, "describe-returns.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := railyard(t, string(x9File(t, tc.ret)), tc.args...)
			require.Equal(t, exitOK, r.code, r.stderr+r.stdout)
			assert.Empty(t, r.stderr)
			assert.NotContains(t, r.stdout, x9Account, "account numbers are masked or absent")
			x9Golden(t, tc.golden, r.stdout)
		})
	}
}

func TestX9Unmask(t *testing.T) {
	data := string(x9File(t, false))
	for _, args := range [][]string{{"x9", "describe", "-"}, {"x9", "describe", "-", "--output", "json"}} {
		r := railyard(t, data, args...)
		require.Equal(t, exitOK, r.code)
		assert.Contains(t, r.stdout, "****1001/1001")
		assert.NotContains(t, r.stdout, x9Account)
		r = railyard(t, data, append(args, "--unmask")...)
		require.Equal(t, exitOK, r.code)
		assert.Contains(t, r.stdout, x9Account+"/1001")
	}
}

// TestX9ValidateReturns: the summary's returns carry the reason, the CHR
// code of the platform's policy and the BOFD item sequence number.
func TestX9ValidateReturns(t *testing.T) {
	r := railyard(t, string(x9File(t, true)), "x9", "validate", "-", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stdout)
	var rep struct {
		Valid   bool
		Summary struct {
			Encoding   string `json:"encoding"`
			Items      int    `json:"items"`
			TotalCents int64  `json:"total_cents"`
			Returns    []struct {
				Reason       string `json:"reason"`
				Code         string `json:"code"`
				ItemSequence string `json:"item_sequence"`
				AmountCents  int64  `json:"amount_cents"`
			} `json:"returns"`
		} `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.True(t, rep.Valid)
	assert.Equal(t, "ebcdic", rep.Summary.Encoding)
	assert.Equal(t, 0, rep.Summary.Items)
	assert.Equal(t, int64(12345*6), rep.Summary.TotalCents)
	require.Len(t, rep.Summary.Returns, 3)
	for i, want := range []string{"A:CHR01", "C:CHR03", "D:CHR04"} {
		got := rep.Summary.Returns[i]
		assert.Equal(t, want, got.Reason+":"+got.Code)
		assert.Equal(t, fmt.Sprintf("%015d", 4200+i), got.ItemSequence)
		assert.Equal(t, int64(12345*(i+1)), got.AmountCents)
	}
}

// TestX9ValidateInvalid: a wrong control makes the file invalid, with the
// finding placed by offset, record and field.
func TestX9ValidateInvalid(t *testing.T) {
	data := x9File(t, false)
	// The bundle control is the third record from the end: its 70.2 at col 3.
	recs := splitX9(data)
	n := len(recs) - 2
	copy(recs[n-1][2:6], "0007")
	var off int
	for _, rec := range recs[:n-1] {
		off += 4 + len(rec)
	}
	bad := joinX9(recs)
	r := railyard(t, string(bad), "x9", "validate", "-", "--output", "json")
	require.Equal(t, exitFailure, r.code)
	var rep x9ValidateReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.False(t, rep.Valid)
	require.NotEmpty(t, rep.Errors)
	assert.Equal(t, x9Finding{Offset: int64(off), RecordNumber: n, RecordType: "70", Record: "bundle_control",
		Field: "items_within_bundle_count", Column: 3, Value: "7", Expected: "2",
		Message: "items: control says 7, counted 2", Severity: "error"}, rep.Errors[0])

	r = railyard(t, string(bad), "x9", "validate", "-")
	require.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout, fmt.Sprintf("record %d (70) offset %d col 3: bundle_control.items_within_bundle_count = \"7\": items: control says 7, counted 2", n, off))
	// Lenient: a warning, and valid.
	r = railyard(t, string(bad), "x9", "validate", "--lenient", "-")
	require.Equal(t, exitOK, r.code, r.stdout)
	assert.True(t, strings.HasPrefix(r.stdout, "valid (lenient), 1 warning: <stdin>"), r.stdout)
}

func splitX9(data []byte) [][]byte {
	var out [][]byte
	for len(data) >= 4 {
		n := int(data[0])<<24 | int(data[1])<<16 | int(data[2])<<8 | int(data[3])
		out = append(out, bytes.Clone(data[4:4+n]))
		data = data[4+n:]
	}
	return out
}

func joinX9(recs [][]byte) []byte {
	var out []byte
	for _, r := range recs {
		n := len(r)
		out = append(out, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
		out = append(out, r...)
	}
	return out
}

// TestX9JSONContract checks the keys other tools rely on.
func TestX9JSONContract(t *testing.T) {
	for _, lenient := range []bool{false, true} {
		args := []string{"x9", "validate", "-", "--output", "json"}
		if lenient {
			args = append(args, "--lenient")
		}
		recs := splitX9(x9File(t, true))
		recs[3][41] = 0xE5 // 'V' in EBCDIC: an administrative reason under indicator R
		r := railyard(t, string(joinX9(recs)), args...)
		var doc map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc), r.stdout)
		assert.Equal(t, lenient, doc["valid"])
		for _, key := range []string{"errors", "warnings"} {
			list, ok := doc[key].([]any)
			require.True(t, ok, "%s must be an array", key)
			for _, item := range list {
				f := item.(map[string]any)
				for _, k := range []string{"offset", "record_number", "record_type", "record", "field", "column", "value", "message", "severity"} {
					assert.Contains(t, f, k)
				}
			}
		}
		sum := doc["summary"].(map[string]any)
		for _, k := range []string{"encoding", "cash_letters", "bundles", "items", "images", "total_cents", "returns"} {
			assert.Contains(t, sum, k)
		}
		rets := sum["returns"].([]any)
		require.Len(t, rets, 3)
		first := rets[0].(map[string]any)
		for _, k := range []string{"reason", "code", "item_sequence", "amount_cents"} {
			assert.Contains(t, first, k)
		}
		assert.Equal(t, "V", first["reason"])
		assert.Equal(t, "CHR34", first["code"], "V exists only in the administrative list")
	}
	r := railyard(t, string(x9File(t, false)), "x9", "validate", "-", "--output", "json")
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
	assert.Equal(t, []any{}, doc["errors"])
	assert.Equal(t, []any{}, doc["summary"].(map[string]any)["returns"])
}

func TestX9Corpus(t *testing.T) {
	bnk := x9Corpus(t, "BNK20180905121042882-A.icl")
	r := railyard(t, "", "x9", "validate", bnk)
	require.Equal(t, exitFailure, r.code)
	assert.True(t, strings.HasPrefix(r.stdout, "INVALID: "), r.stdout)
	x9Golden(t, "validate-bnk-strict.txt", r.stdout)

	r = railyard(t, "", "x9", "validate", "--lenient", bnk, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stdout)
	x9Golden(t, "validate-bnk-lenient.json", r.stdout)

	r = railyard(t, "", "x9", "describe", x9Corpus(t, "creditRecord61.icl"))
	require.Equal(t, exitOK, r.code, r.stderr)
	x9Golden(t, "describe-credit61.txt", r.stdout)

	ret := x9Corpus(t, "x9-return-customer-ascii.x937")
	r = railyard(t, "", "x9", "validate", ret, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stdout)
	var rep x9ValidateReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	var got []string
	for _, rt := range rep.Summary.Returns {
		got = append(got, rt.Reason+":"+rt.Code)
	}
	assert.Equal(t, "A:CHR01,C:CHR03,D:CHR04,N:CHR14,U:CHR21,Z:CHR25,3:CHR26", strings.Join(got, ","))

	for _, name := range []string{"valid-ascii.x937", "valid-ebcdic.x937"} {
		r = railyard(t, "", "x9", "validate", x9Corpus(t, name))
		assert.Equal(t, exitOK, r.code, r.stdout)
	}
}

func TestX9Usage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"x9", "validate"}, exitUsage, "missing FILE"},
		{[]string{"x9", "describe", "a", "b"}, exitUsage, "takes one FILE"},
		{[]string{"x9", "validate", "/no/such/file.x937"}, exitUsage, "no such file"},
		{[]string{"x9", "validate", "-", "--max-errors", "-1"}, exitUsage, "--max-errors"},
		{[]string{"x9", "describe", "-", "--items", "-1"}, exitUsage, "--items"},
		{[]string{"x9", "validate", "-", "--bogus"}, exitUsage, "unknown flag"},
	} {
		r := railyard(t, "", tc.args...)
		assert.Equal(t, tc.code, r.code, "%v", tc.args)
		assert.Contains(t, r.stderr, tc.msg, "%v", tc.args)
	}
	r := railyard(t, "", "x9")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "validate")
}

func TestX9NotX9(t *testing.T) {
	nacha := "101 231380104 1210428822611200900A094101FEDERAL RESERVE BANK   RAILYARD SANDBOX\n"
	r := railyard(t, nacha, "x9", "validate", "-")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout, "not an X9 file")

	r = railyard(t, nacha, "x9", "describe", "-")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "<stdin>: first bytes")

	r = railyard(t, nacha, "x9", "describe", "-", "--output", "json")
	assert.Equal(t, exitFailure, r.code)
	var e struct {
		Error    string `json:"error"`
		ExitCode int    `json:"exit_code"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stderr), &e), r.stderr)
	assert.Equal(t, exitFailure, e.ExitCode)
	assert.Contains(t, e.Error, "not an X9 file")

	r = railyard(t, "", "x9", "validate", "-", "--output", "json")
	assert.Equal(t, exitFailure, r.code)
	var rep x9ValidateReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.False(t, rep.Valid)
	require.Len(t, rep.Errors, 1)
	assert.Contains(t, rep.Errors[0].Message, "file is empty")
}

// TestX9DescribeItemsLimit: --items caps the listing per bundle.
func TestX9DescribeItemsLimit(t *testing.T) {
	r := railyard(t, string(x9File(t, true)), "x9", "describe", "-", "--items", "1")
	require.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "… and 2 more items (--items 0 lists all)")
	r = railyard(t, string(x9File(t, true)), "x9", "describe", "-", "--items", "1", "--output", "json")
	require.Equal(t, exitOK, r.code)
	var doc struct {
		CashLetters []struct {
			Bundles []struct {
				Items   []map[string]any `json:"items"`
				Omitted int              `json:"items_omitted"`
			} `json:"bundles"`
		} `json:"cash_letters"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
	require.Len(t, doc.CashLetters[0].Bundles[0].Items, 1)
	assert.Equal(t, 2, doc.CashLetters[0].Bundles[0].Omitted)
}
