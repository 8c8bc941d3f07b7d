package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/railyardhq/railyard/ach"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConvertGoldenJSON(t *testing.T) {
	t.Run("generated", func(t *testing.T) {
		r := railyard(t, string(encode(t, ppdFile())), "ach", "convert", "-", "--to", "json")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Empty(t, r.stderr)
		golden(t, "convert-generated.json", r.stdout)
	})
	t.Run("corpus", func(t *testing.T) {
		path := corpus(t, "valid/ppd-mixedDebitCredit.ach")
		r := railyard(t, "", "ach", "convert", path, "--to", "json")
		require.Equal(t, exitOK, r.code, r.stderr)
		golden(t, "convert-ppd-mixedDebitCredit.json", r.stdout)
	})
}

// TestConvertRoundTrip goes NACHA → JSON → NACHA → JSON through the CLI
// and its -o files.
func TestConvertRoundTrip(t *testing.T) {
	orig := encode(t, ppdFile())
	dir := t.TempDir()
	src := filepath.Join(dir, "orig.ach")
	require.NoError(t, os.WriteFile(src, orig, 0o644))
	j1, nacha, j2 := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.ach"), filepath.Join(dir, "c.json")

	for _, step := range [][]string{
		{"ach", "convert", src, "--to", "json", "-o", j1},
		{"ach", "convert", j1, "--to", "nacha", "-o", nacha},
		{"ach", "convert", nacha, "--to", "json", "-o", j2},
	} {
		r := railyard(t, "", step...)
		require.Equal(t, exitOK, r.code, "%v: %s", step, r.stderr)
		assert.Empty(t, r.stdout, "-o writes nothing to stdout")
	}
	got, err := os.ReadFile(nacha)
	require.NoError(t, err)
	assert.Equal(t, string(orig), string(got), "JSON → NACHA gives the same records")
	a, _ := os.ReadFile(j1)
	c, _ := os.ReadFile(j2)
	assert.JSONEq(t, string(a), string(c))
	assert.Contains(t, string(a), acctCredit, "JSON is data: never masked")

	info, err := os.Stat(nacha)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	// Standard input, JSON detected by its first non-blank byte.
	r := railyard(t, "\n  "+string(a), "ach", "convert", "-", "--to", "nacha")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, string(orig), r.stdout)

	// NACHA → NACHA normalises: a file without its block fill comes back whole.
	r = railyard(t, string(orig[:len(orig)-5*95]), "ach", "convert", "-", "--to", "nacha", "--lenient")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, string(orig), r.stdout)
}

func TestConvertWriterRefuses(t *testing.T) {
	f := ppdFile()
	f.Batches[0].Entries[1].TraceNumber = "999999990000002" // not the ODFI's prefix
	f.Batches[0].Entries[1].RDFIIdentification = "2313801X"
	data, err := json.Marshal(f)
	require.NoError(t, err)
	dir := t.TempDir()
	in := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(in, data, 0o644))
	out := filepath.Join(dir, "out.ach")

	r := railyard(t, "", "ach", "convert", in, "--to", "nacha", "-o", out)
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, in+": not written as NACHA")
	assert.Contains(t, r.stderr, `line 4 col 4: entry_detail.rdfi_identification = "2313801X"`)
	assert.Contains(t, r.stderr, "entry_detail.")
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err), "a failed convert leaves no output file")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file left behind")

	// An existing OUT keeps its content.
	require.NoError(t, os.WriteFile(out, []byte("keep"), 0o644))
	r = railyard(t, "", "ach", "convert", in, "--to", "nacha", "-o", out)
	assert.Equal(t, exitFailure, r.code)
	kept, _ := os.ReadFile(out)
	assert.Equal(t, "keep", string(kept))

	// --output json applies to the error.
	r = railyard(t, "", "ach", "convert", in, "--to", "nacha", "--output", "json")
	assert.Equal(t, exitFailure, r.code)
	var msg struct {
		Error    string    `json:"error"`
		ExitCode int       `json:"exit_code"`
		Errors   []finding `json:"errors"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stderr), &msg), r.stderr)
	assert.Equal(t, exitFailure, msg.ExitCode)
	require.Len(t, msg.Errors, 1)
	assert.Equal(t, 4, msg.Errors[0].Line)
	assert.Equal(t, "entry_detail", msg.Errors[0].Record)
	assert.NotEmpty(t, msg.Errors[0].Field)
}

func TestConvertBadInput(t *testing.T) {
	r := railyard(t, `{"header": {"nope": 1}}`, "ach", "convert", "-", "--to", "nacha")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "<stdin>: invalid JSON")

	r = railyard(t, "not nacha at all\n", "ach", "convert", "-", "--to", "json")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "not a NACHA file")
	assert.Empty(t, r.stdout)
}

func TestConvertInvalidNACHA(t *testing.T) {
	path := invalidPPD(t)
	r := railyard(t, "", "ach", "convert", path, "--to", "json")
	assert.Equal(t, exitFailure, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, path+": not converted: 1 error (strict profile)")
	assert.Contains(t, r.stderr, `line 5 col 21: batch_control.total_debit = "123457"`)

	// Lenient: wrong control totals are warnings; the output is recomputed.
	r = railyard(t, "", "ach", "convert", path, "--to", "nacha", "--lenient")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "1 warning (lenient profile)")
	assert.Equal(t, string(encode(t, ppdFile())), r.stdout)

	var f ach.File
	r = railyard(t, "", "ach", "convert", path, "--to", "json", "--lenient")
	require.NoError(t, json.NewDecoder(bytes.NewReader([]byte(r.stdout))).Decode(&f))
	assert.Equal(t, int64(123457), f.Batches[0].Control.TotalDebit, "JSON keeps the control as read")
}
