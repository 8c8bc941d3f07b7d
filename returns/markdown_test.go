package returns

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite CODES.md")

// TestCodesMarkdown fails when CODES.md is not what the tables generate;
// go generate ./returns (or this test with -update) rewrites it.
func TestCodesMarkdown(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, writeMarkdown(&b))
	if *update {
		require.NoError(t, os.WriteFile("CODES.md", b.Bytes(), 0o644))
		return
	}
	want, err := os.ReadFile("CODES.md")
	require.NoError(t, err, "CODES.md missing: run go generate ./returns")
	if !bytes.Equal(want, b.Bytes()) {
		t.Fatal("CODES.md is stale: run go generate ./returns")
	}
}
