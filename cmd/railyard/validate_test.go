package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/ach"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateGoldenGenerated(t *testing.T) {
	data := string(encode(t, ppdFile()))
	r := railyard(t, data, "ach", "validate", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "valid (strict): <stdin>\n"), r.stdout)
	golden(t, "validate-generated.txt", r.stdout)

	r = railyard(t, data, "ach", "validate", "-", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	golden(t, "validate-generated.json", r.stdout)
}

func TestValidateGoldenValid(t *testing.T) {
	path := corpus(t, "valid/ppd-mixedDebitCredit.ach")
	r := railyard(t, "", "ach", "validate", path)
	require.Equal(t, exitOK, r.code, r.stdout)
	golden(t, "validate-valid.txt", r.stdout)
	r = railyard(t, "", "ach", "validate", path, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stdout)
	golden(t, "validate-valid.json", r.stdout)
}

func TestValidateGoldenInvalid(t *testing.T) {
	path := corpus(t, "invalid/invalid-two-micro-deposits.ach")
	r := railyard(t, "", "ach", "validate", path)
	require.Equal(t, exitFailure, r.code)
	assert.True(t, strings.HasPrefix(r.stdout, "INVALID: "), r.stdout)
	assert.Contains(t, r.stdout, `line 17 col 21: batch_control.total_debit = "44": `)
	golden(t, "validate-invalid.txt", r.stdout)

	r = railyard(t, "", "ach", "validate", path, "--output", "json")
	require.Equal(t, exitFailure, r.code)
	golden(t, "validate-invalid.json", r.stdout)
	var rep struct {
		Valid  bool
		Errors []finding
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.False(t, rep.Valid)
	assert.Contains(t, rep.Errors, finding{Line: 17, Column: 21, Record: "batch_control", Field: "total_debit", Value: "44",
		Expected: "0", Message: findingMessage(t, rep.Errors, 17, "total_debit"), Severity: "error"})
	assert.True(t, slices.IsSortedFunc(rep.Errors, func(a, b finding) int { return a.Line - b.Line }), "errors sorted by line")
}

func findingMessage(t *testing.T, fs []finding, line int, field string) string {
	for _, f := range fs {
		if f.Line == line && f.Field == field {
			return f.Message
		}
	}
	t.Fatalf("no finding at line %d field %s", line, field)
	return ""
}

// TestValidateJSONContract checks the keys other tools rely on: present,
// named so, and arrays never null.
func TestValidateJSONContract(t *testing.T) {
	for _, tc := range []struct {
		name  string
		path  string
		valid bool
	}{
		{"valid", validPPD(t), true},
		{"invalid", invalidPPD(t), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := railyard(t, "", "ach", "validate", tc.path, "--output", "json")
			var doc map[string]any
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc), r.stdout)

			assert.Equal(t, tc.valid, doc["valid"])
			assert.Equal(t, "strict", doc["profile"])
			for _, key := range []string{"errors", "warnings"} {
				list, ok := doc[key].([]any)
				require.True(t, ok, "%s must be an array, got %T", key, doc[key])
				for _, item := range list {
					f := item.(map[string]any)
					for _, k := range []string{"line", "record", "field", "value", "message"} {
						assert.Contains(t, f, k, "%s entries carry %q", key, k)
					}
					assert.IsType(t, float64(0), f["line"])
				}
			}
			if !tc.valid {
				errs := doc["errors"].([]any)
				require.NotEmpty(t, errs)
				first := errs[0].(map[string]any)
				assert.Equal(t, float64(5), first["line"])
				assert.Equal(t, "batch_control", first["record"])
				assert.Equal(t, "total_debit", first["field"])
				assert.Equal(t, "123457", first["value"])
			}
			sum, ok := doc["summary"].(map[string]any)
			require.True(t, ok, "summary is an object")
			for _, k := range []string{"batches", "entries", "addenda", "debit_total_cents", "credit_total_cents"} {
				assert.IsType(t, float64(0), sum[k], "summary.%s", k)
			}
			for _, k := range []string{"returns", "nocs"} {
				assert.IsType(t, []any{}, sum[k], "summary.%s must be an array", k)
			}
			assert.Equal(t, float64(2), sum["entries"])
			assert.Equal(t, float64(123456), sum["debit_total_cents"])
			assert.Equal(t, float64(123456), sum["credit_total_cents"])
		})
	}
}

func TestValidateReturnsAndNOCs(t *testing.T) {
	ret := corpus(t, "inbound/return-WEB.ach")
	r := railyard(t, "", "ach", "validate", ret, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stdout)
	// ach.EntryKind marshals as text but does not unmarshal: decode by hand.
	var rep struct {
		Summary struct {
			Returns []struct {
				Kind          string `json:"kind"`
				Code          string `json:"code"`
				OriginalTrace string `json:"original_trace"`
				Line          int    `json:"line"`
			} `json:"returns"`
			NOCs []ach.NOCItem `json:"nocs"`
		} `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Len(t, rep.Summary.Returns, 2)
	assert.Equal(t, "return", rep.Summary.Returns[0].Kind)
	assert.Equal(t, 4, rep.Summary.Returns[0].Line)
	assert.Equal(t, "R01", rep.Summary.Returns[0].Code)
	assert.Equal(t, "091400600000001", rep.Summary.Returns[0].OriginalTrace)
	assert.Equal(t, "R03", rep.Summary.Returns[1].Code)
	assert.Equal(t, "091400600000003", rep.Summary.Returns[1].OriginalTrace)

	// NOC corrected data: whole in JSON (a machine contract), masked in text.
	noc := corpus(t, "inbound/cor-example.ach")
	r = railyard(t, "", "ach", "validate", "--lenient", noc, "--output", "json")
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Len(t, rep.Summary.NOCs, 1)
	assert.Equal(t, "C01", rep.Summary.NOCs[0].Code)
	assert.Equal(t, "1918171614", rep.Summary.NOCs[0].CorrectedData)

	r = railyard(t, "", "ach", "validate", "--lenient", noc)
	assert.NotContains(t, r.stdout, "1918171614")
	assert.Contains(t, r.stdout, `corrected data "****1614"`)
	r = railyard(t, "", "ach", "validate", "--lenient", "--unmask", noc)
	assert.Contains(t, r.stdout, `corrected data "1918171614"`)
}

// manyErrors is a file whose 30 entries all have a wrong check digit.
func manyErrors(t *testing.T) string {
	f := ppdFile()
	b := &f.Batches[0]
	b.Entries = nil
	for i := range 15 {
		for _, tc := range []int{22, 27} {
			b.Entries = append(b.Entries, ach.Entry{TransactionCode: tc, RDFIIdentification: "23138010",
				DFIAccountNumber: acctCredit, Amount: 100, Name: "X", IdentificationNumber: "ID",
				TraceNumber: fmt.Sprintf("1210428800%05d", 2*i+tc%2+1)})
		}
	}
	data := []byte(strings.ReplaceAll(string(encode(t, f)), "6222313801049876", "6222313801059876"))
	data = []byte(strings.ReplaceAll(string(data), "6272313801049876", "6272313801059876"))
	return writeTemp(t, "many.ach", data)
}

func TestValidateMaxErrors(t *testing.T) {
	path := manyErrors(t)
	r := railyard(t, "", "ach", "validate", path, "--output", "json", "--max-errors", "0")
	require.Equal(t, exitFailure, r.code)
	var all validateReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &all))
	require.GreaterOrEqual(t, len(all.Errors), 30, r.stdout)
	assert.Zero(t, all.Dropped)

	r = railyard(t, "", "ach", "validate", path, "--output", "json", "--max-errors", "5")
	var capped validateReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &capped))
	assert.Len(t, capped.Errors, 5)
	assert.Equal(t, len(all.Errors)-5, capped.Dropped)

	r = railyard(t, "", "ach", "validate", path, "--max-errors", "5")
	assert.Contains(t, r.stdout, fmt.Sprintf("%d more findings not shown", len(all.Errors)-5))
}

func TestValidateNotNACHA(t *testing.T) {
	r := railyard(t, "", "ach", "validate", "-")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout, "file is empty")

	r = railyard(t, "{\\rtf1 not a NACHA file}\n", "ach", "validate", "-", "--output", "json")
	assert.Equal(t, exitFailure, r.code)
	var rep validateReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.False(t, rep.Valid)
	require.NotEmpty(t, rep.Errors)
	assert.Equal(t, 1, rep.Errors[0].Line)
	assert.Contains(t, rep.Errors[0].Message, "not a NACHA file")

	path := corpus(t, "invalid/file_header_control.rtf")
	r = railyard(t, "", "ach", "validate", path)
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout, "line 1 col 1: ")
	assert.Contains(t, r.stdout, "not a NACHA file")
}

func TestValidateQuirkProfiles(t *testing.T) {
	path := corpus(t, "quirks/20110805A.ach")
	r := railyard(t, "", "ach", "validate", path)
	assert.Equal(t, exitFailure, r.code, r.stdout)
	assert.Contains(t, r.stdout, "file_control.batch_count")
	r = railyard(t, "", "ach", "validate", "--lenient", path)
	assert.Equal(t, exitOK, r.code, r.stdout)
	assert.Contains(t, r.stdout, "valid (lenient)")
}

// TestCorpus runs every command on every corpus file: the manifest's
// verdict holds, and nothing panics or fails with a usage error.
func TestCorpus(t *testing.T) {
	manifest := corpus(t, "MANIFEST.tsv")
	data, err := os.ReadFile(manifest)
	require.NoError(t, err)
	for _, line := range strings.Split(string(data), "\n") {
		cols := strings.Split(line, "\t")
		if line == "" || strings.HasPrefix(line, "#") || len(cols) < 2 || strings.HasSuffix(cols[0], ".gz") {
			continue
		}
		rel, expect := cols[0], cols[1]
		path := filepath.Join(corpusDir, rel)
		t.Run(rel, func(t *testing.T) {
			strict := railyard(t, "", "ach", "validate", path)
			lenient := railyard(t, "", "ach", "validate", "--lenient", path)
			switch expect {
			case "ok":
				assert.Equal(t, exitOK, strict.code, "strict:\n%s", strict.stdout)
			case "lenient-ok":
				assert.Equal(t, exitFailure, strict.code, "strict:\n%s", strict.stdout)
				assert.Equal(t, exitOK, lenient.code, "lenient:\n%s", lenient.stdout)
			case "error":
				assert.Equal(t, exitFailure, strict.code, "strict:\n%s", strict.stdout)
			}
			for _, args := range [][]string{
				{"ach", "describe", path},
				{"ach", "describe", path, "--output", "json", "--entries", "0"},
				{"ach", "convert", path, "--to", "json", "--lenient"},
				{"ach", "convert", path, "--to", "nacha", "--lenient"},
			} {
				r := railyard(t, "", args...)
				assert.Contains(t, []int{exitOK, exitFailure}, r.code, "%v: %s", args, r.stderr)
				if len(args) > 3 && args[3] == "--output" && r.code == exitOK {
					assert.True(t, json.Valid([]byte(r.stdout)), "describe JSON is valid JSON")
				}
			}
		})
	}
}
