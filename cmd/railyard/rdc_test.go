package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkImage is a small PNG photo of a check, varied by n.
func checkImage(t *testing.T, n int) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 480, 220))
	for y := range 220 {
		for x := range 480 {
			c := uint8(230)
			if x < 4 || y < 4 || x > 475 || y > 215 || (y > 180 && y < 192 && (x/6+n)%3 == 0) {
				c = 25
			}
			img.SetGray(x, y, color.Gray{Y: c})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// TestMainRDC: a check deposit goes through the main job on the embedded
// store: submit (images as base64), the 15:00 cutoff writes an X9 cash
// letter that "x9 validate" accepts, the simulated bank returns it, and
// ingest moves the deposit to RETURNED with its CHR code.
func TestMainRDC(t *testing.T) {
	y := newYard(t)
	line := func(id string, cents int) string {
		return fmt.Sprintf(`{"id":%q,"rail":"rdc","direction":"credit","amount_cents":%d,"currency":"USD",`+
			`"counterparty":{"name":"Jane Payee","routing_number":"121042882","account_number":"987654321"},`+
			`"check":{"routing_number":"231380104","account_number":"5558881234","check_number":"1042","micr_amount_cents":%d,`+
			`"front_image":%q,"back_image":%q},"submitted_at":"2026-11-23T10:00:00-08:00"}`, id, cents, cents, checkImage(t, 1), checkImage(t, 2))
	}
	y.stdin = line("dep_1", 12500) + "\n" + line("dep_2", 990) + "\n"
	r := y.ok("submit", "-", "--output", "json")
	assert.Equal(t, `{"accepted":2,"duplicates":0,"rejected":[]}`+"\n", r.stdout)

	// Images as files beside the submission, a missing one rejected.
	dir := t.TempDir()
	for i, name := range []string{"front.png", "back.png"} {
		img, err := base64.StdEncoding.DecodeString(checkImage(t, 3+i))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), img, 0o600))
	}
	byPath := strings.Replace(line("dep_3", 500), `"front_image":`+strconv.Quote(checkImage(t, 1)), `"front_image_path":"front.png"`, 1)
	byPath = strings.Replace(byPath, `"back_image":`+strconv.Quote(checkImage(t, 2)), `"back_image_path":"back.png"`, 1)
	missing := strings.Replace(byPath, "dep_3", "dep_4", 1)
	missing = strings.Replace(missing, "back.png", "nope.png", 1)
	sub := filepath.Join(dir, "deposits.jsonl")
	require.NoError(t, os.WriteFile(sub, []byte(byPath+"\n"+missing+"\n"), 0o600))
	r = y.ry("submit", sub, "--output", "json")
	assert.Equal(t, exitFailure, r.code)
	var rep submitReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, 1, rep.Accepted)
	require.Len(t, rep.Rejected, 1)
	assert.Equal(t, 2, rep.Rejected[0].Line)
	assert.Contains(t, rep.Rejected[0].Error, "check.back_image_path")

	var run struct {
		Windows []struct {
			Window string `json:"window"`
			Files  []struct {
				Path    string `json:"path"`
				Entries int    `json:"entries"`
			} `json:"files"`
		} `json:"windows"`
	}
	y.jsonOut(&run, "run", "--at", "2026-11-23T15:00:00-08:00", "--outbox", y.outbox)
	require.Len(t, run.Windows, 1)
	require.Len(t, run.Windows[0].Files, 1)
	cl := filepath.Join(y.outbox, "rdc", "2026-11-23", "rdc-2026-11-23.x937")
	assert.Equal(t, "rdc-2026-11-23", run.Windows[0].Window)
	assert.Equal(t, "$TMP/outbox/rdc/2026-11-23/rdc-2026-11-23.x937", run.Windows[0].Files[0].Path)
	assert.Equal(t, 3, run.Windows[0].Files[0].Entries)

	var v struct {
		Valid   bool `json:"valid"`
		Summary struct {
			Items int `json:"items"`
		} `json:"summary"`
	}
	r = y.ok("x9", "validate", cl, "--output", "json")
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &v))
	assert.True(t, v.Valid, r.stdout)
	assert.Equal(t, 3, v.Summary.Items)

	dep := y.tx("dep_1")
	assert.Equal(t, "PROCESSING-CREDIT", dep.Status)
	ret := filepath.Join(y.dir, "RET.x937")
	y.ok("simulate", "return", "--file", cl, "--item", dep.Trace, "--reason", "A", "--out", ret)
	var ing ingestJSON
	y.jsonOut(&ing, "ingest", ret, "--at", "2026-11-25T09:00:00-08:00")
	require.Len(t, ing.Changes, 1)
	assert.Equal(t, "dep_1", ing.Changes[0].TransactionID)
	assert.Equal(t, "CHR01", ing.Changes[0].Code)
	assert.Equal(t, "RETURNED", y.tx("dep_1").Status)
	assert.Equal(t, "PROCESSING-CREDIT", y.tx("dep_2").Status)

	// Usage errors say what an X9 return takes.
	assert.Equal(t, exitUsage, y.ry("simulate", "return", "--file", cl, "--item", dep.Trace).code)
	assert.Equal(t, exitFailure, y.ry("simulate", "return", "--file", cl, "--item", "000000000000000", "--reason", "A", "--out", ret+".2").code)
}
