package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/ach"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// corpusDir is the shared NACHA conformance corpus (../shared beside the
// repository); tests that need it skip when it is absent.
const corpusDir = "../../../shared/conformance/ach"

// corpus returns the path of a corpus file, or skips the test.
func corpus(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(corpusDir, rel)
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", corpusDir)
	}
	return p
}

// result is what one in-process run of railyard produced.
type result struct {
	code           int
	stdout, stderr string
}

// railyard runs the CLI in-process with stdin as standard input.
func railyard(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// golden compares got with testdata/golden/name, or rewrites it with
// -update.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		t.Logf("wrote %s", path)
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

// Account numbers of the generated test file: no test output may show them
// whole unless --unmask.
const (
	acctCredit = "98765432101234"
	acctDebit  = "55512345678"
)

// ppdFile is a small valid PPD file: one mixed batch with a credit and an
// offsetting debit.
func ppdFile() *ach.File {
	return &ach.File{
		Header: ach.FileHeader{PriorityCode: "01", ImmediateDestination: "231380104", ImmediateOrigin: "121042882",
			FileCreationDate: "261120", FileCreationTime: "1500", FileIDModifier: "A",
			ImmediateDestinationName: "FEDERAL RESERVE BANK", ImmediateOriginName: "RAILYARD SANDBOX"},
		Batches: []ach.Batch{{
			Header: ach.BatchHeader{ServiceClassCode: ach.ServiceMixed, CompanyName: "RAILYARD SANDBOX",
				CompanyIdentification: "1234567890", StandardEntryClass: "PPD", CompanyEntryDescription: "PAYROLL",
				EffectiveEntryDate: "261123", OriginatorStatusCode: "1", ODFIIdentification: "12104288"},
			Entries: []ach.Entry{
				{TransactionCode: 22, RDFIIdentification: "23138010", DFIAccountNumber: acctCredit,
					Amount: 123456, IdentificationNumber: "EMP0001", Name: "JANE Q PAYEE", TraceNumber: "121042880000001"},
				{TransactionCode: 27, RDFIIdentification: "23138010", DFIAccountNumber: acctDebit,
					Amount: 123456, IdentificationNumber: "FUND0001", Name: "RAILYARD PAYROLL", TraceNumber: "121042880000002"},
			},
		}},
	}
}

// encode writes f with the ach Writer.
func encode(t *testing.T, f *ach.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, ach.NewWriter(&buf).WriteFile(f))
	return buf.Bytes()
}

// writeTemp writes data to a file in a fresh temporary directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, data, 0o600))
	return p
}

// validPPD writes the generated valid PPD file and returns its path.
func validPPD(t *testing.T) string { return writeTemp(t, "valid.ach", encode(t, ppdFile())) }

// invalidPPD is the valid file with its batch control's total debit
// changed from 123456 to 123457 (line 5).
func invalidPPD(t *testing.T) string {
	t.Helper()
	data := encode(t, ppdFile())
	lines := strings.Split(string(data), "\n")
	require.Equal(t, byte('8'), lines[4][0], "line 5 is the batch control")
	ctl := []byte(lines[4])
	// Total debit is 21-32.
	require.Equal(t, "000000123456", string(ctl[20:32]))
	ctl[31] = '7'
	lines[4] = string(ctl)
	return writeTemp(t, "invalid.ach", []byte(strings.Join(lines, "\n")))
}

func TestExitCodes(t *testing.T) {
	valid, invalid := validPPD(t), invalidPPD(t)
	notNACHA := writeTemp(t, "notes.txt", []byte("hello, this is not a NACHA file\n"))
	missing := filepath.Join(t.TempDir(), "nope.ach")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // substring
	}{
		{"validate valid", []string{"ach", "validate", valid}, 0, ""},
		{"validate invalid", []string{"ach", "validate", invalid}, 1, ""},
		{"validate invalid json", []string{"ach", "validate", invalid, "--output", "json"}, 1, ""},
		{"validate not NACHA", []string{"ach", "validate", notNACHA}, 1, ""},
		{"validate missing arg", []string{"ach", "validate"}, 2, "missing FILE argument"},
		{"validate two args", []string{"ach", "validate", valid, valid}, 2, "takes one FILE"},
		{"validate bad output", []string{"ach", "validate", valid, "--output", "xml"}, 2, `invalid --output "xml"`},
		{"validate nonexistent", []string{"ach", "validate", missing}, 2, "railyard: open " + missing + ": no such file or directory"},
		{"validate unknown flag", []string{"ach", "validate", "--bogus", valid}, 2, "unknown flag: --bogus"},
		{"validate bad max-errors", []string{"ach", "validate", "--max-errors", "-3", valid}, 2, "--max-errors"},
		{"validate max-errors not a number", []string{"ach", "validate", "--max-errors", "x", valid}, 2, "invalid argument"},
		{"validate lenient", []string{"ach", "validate", "--lenient", valid}, 0, ""},
		{"describe valid", []string{"ach", "describe", valid}, 0, ""},
		{"describe invalid is readable", []string{"ach", "describe", invalid}, 0, ""},
		{"describe strict invalid is readable", []string{"ach", "describe", "--lenient=false", invalid}, 0, ""},
		{"describe not NACHA", []string{"ach", "describe", notNACHA}, 1, "not a NACHA file"},
		{"describe nonexistent", []string{"ach", "describe", missing}, 2, "no such file or directory"},
		{"describe bad entries", []string{"ach", "describe", "--entries", "-1", valid}, 2, "--entries"},
		{"describe json", []string{"ach", "describe", valid, "--output", "json"}, 0, ""},
		{"convert json", []string{"ach", "convert", valid, "--to", "json"}, 0, ""},
		{"convert nacha", []string{"ach", "convert", valid, "--to", "nacha"}, 0, ""},
		{"convert invalid", []string{"ach", "convert", invalid, "--to", "json"}, 1, "not converted"},
		{"convert missing --to", []string{"ach", "convert", valid}, 2, "missing --to"},
		{"convert bad --to", []string{"ach", "convert", valid, "--to", "xml"}, 2, `invalid --to "xml"`},
		{"convert nonexistent", []string{"ach", "convert", missing, "--to", "json"}, 2, "no such file or directory"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown ach verb", []string{"ach", "frobnicate"}, 2, `unknown command "frobnicate"`},
		{"root help", []string{"--help"}, 0, ""},
		{"no args", nil, 0, ""},
		{"ach without verb", []string{"ach"}, 0, ""},
		{"version", []string{"--version"}, 0, ""},
		{"config accepted", []string{"--config", "railyard.toml", "ach", "validate", valid}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := railyard(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			if tt.stderr != "" {
				assert.Contains(t, r.stderr, tt.stderr)
			}
			if tt.code == exitUsage {
				assert.Contains(t, r.stderr, "--help' for usage", "a usage error points to the help")
			}
		})
	}
}

func TestUsageErrorJSON(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.ach")
	r := railyard(t, "", "ach", "validate", missing, "--output", "json")
	assert.Equal(t, exitUsage, r.code)
	assert.JSONEq(t, `{"error": "open `+missing+`: no such file or directory", "exit_code": 2}`, r.stderr)
}

func TestHelpTeaches(t *testing.T) {
	r := railyard(t, "", "--help")
	require.Equal(t, 0, r.code)
	for _, want := range []string{"payment-rail processor", "Examples:", "railyard ach validate", "--output", "--config", "Exit status"} {
		assert.Contains(t, r.stdout, want)
	}
	for _, verb := range []string{"validate", "describe", "convert"} {
		r := railyard(t, "", "ach", verb, "--help")
		require.Equal(t, 0, r.code, verb)
		assert.Contains(t, r.stdout, "Examples:", verb)
		assert.Contains(t, r.stdout, "railyard ach "+verb, verb)
	}
}

func TestVersion(t *testing.T) {
	r := railyard(t, "", "--version")
	assert.Equal(t, "railyard "+version+"\n", r.stdout)
}
