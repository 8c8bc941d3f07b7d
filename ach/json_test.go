package ach

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonRoundTrip checks File → JSON → DecodeJSON → Writer against writing
// the File itself: the NACHA bytes must be identical.
func jsonRoundTrip(t *testing.T, f *File) {
	t.Helper()
	var direct bytes.Buffer
	require.NoError(t, NewWriter(&direct).WriteFile(f), "write the File")

	js, err := json.Marshal(f)
	require.NoError(t, err)
	g, err := DecodeJSON(bytes.NewReader(js))
	require.NoError(t, err, "DecodeJSON of %s", truncate(js))
	assert.Equal(t, f, g, "File → JSON → File changed the model")

	var viaJSON bytes.Buffer
	require.NoError(t, NewWriter(&viaJSON).WriteFile(g), "write the decoded File")
	assert.Equal(t, direct.String(), viaJSON.String(), "NACHA written from the JSON form differs")

	// The JSON form is stable: encoding the decoded File gives the same JSON.
	js2, err := json.Marshal(g)
	require.NoError(t, err)
	assert.JSONEq(t, string(js), string(js2))
}

func truncate(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

func TestJSONRoundTripConformance(t *testing.T) {
	n := 0
	for _, row := range readManifest(t) {
		if row.expect != "ok" || strings.HasPrefix(row.path, "large/") {
			continue
		}
		n++
		t.Run(row.path, func(t *testing.T) {
			f, _, err := readWith(t, row.path, Options{})
			require.NoError(t, err)
			jsonRoundTrip(t, f)
		})
	}
	assert.NotZero(t, n, "no ok files in the manifest")
}

func TestJSONRoundTripGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(goldenDir, "*.ach"))
	require.NoError(t, err)
	paths = append(paths, sampleFile)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if os.IsNotExist(err) && *update {
				t.Skip("being created by -update")
			}
			require.NoError(t, err)
			f, err := NewReader(bytes.NewReader(data)).ReadAll()
			require.NoError(t, err)
			jsonRoundTrip(t, f)

			// And the bytes are the file's own.
			js, err := json.Marshal(f)
			require.NoError(t, err)
			g, err := DecodeJSON(bytes.NewReader(js))
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, NewWriter(&buf).WriteFile(g))
			assert.Equal(t, string(data), buf.String())
		})
	}
	for name, f := range map[string]*File{"base": validBaseFile(), "inbound": validInboundFile(), "golden": goldenFile()} {
		t.Run("model/"+name, func(t *testing.T) { jsonRoundTrip(t, f) })
	}
}

func TestJSONShape(t *testing.T) {
	f, err := NewReader(strings.NewReader(join(inboundLines(t)))).ReadAll()
	require.NoError(t, err)
	js, err := json.Marshal(f)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(js, &m))
	assert.ElementsMatch(t, []string{"header", "batches", "control"}, keys(m))
	h := m["header"].(map[string]any)
	assert.Equal(t, "121042882", h["immediate_destination"])
	assert.Equal(t, "261120", h["file_creation_date"])
	b := m["batches"].([]any)[0].(map[string]any)
	e := b["entries"].([]any)[0].(map[string]any)
	assert.EqualValues(t, 26, e["transaction_code"])
	assert.EqualValues(t, 2500, e["amount"])
	a := e["addenda"].([]any)[0].(map[string]any)
	assert.Equal(t, "99", a["type_code"])
	assert.Equal(t, "R01", a["code"])
	assert.Equal(t, "121042880000003", a["original_trace_number"])
	c := m["control"].(map[string]any)
	assert.EqualValues(t, 2, c["batch_count"])
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestDecodeJSONRejectsUnknownFields(t *testing.T) {
	js, err := json.Marshal(validBaseFile())
	require.NoError(t, err)
	_, err = DecodeJSON(bytes.NewReader(js))
	require.NoError(t, err)

	for name, in := range map[string]string{
		"top level":    `{"header":{},"batches":[],"control":{},"bogus":1}`,
		"file header":  `{"header":{"priority_code":"01","immediate_destinaton":"231380104"}}`,
		"batch header": `{"batches":[{"header":{"service_class":200}}]}`,
		"entry":        `{"batches":[{"entries":[{"amount_cents":100}]}]}`,
		"addenda":      `{"batches":[{"entries":[{"addenda":[{"type_code":"05","sequence":1}]}]}]}`,
		"control":      `{"control":{"batch_count":1,"total":5}}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := DecodeJSON(strings.NewReader(in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "unknown field")
		})
	}
	for name, in := range map[string]string{
		"not JSON":     `101 231380104`,
		"wrong type":   `{"batches":[{"entries":[{"amount":"100"}]}]}`,
		"truncated":    `{"header":{`,
		"empty":        ``,
		"array at top": `[]`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := DecodeJSON(strings.NewReader(in))
			assert.Error(t, err)
		})
	}
}
