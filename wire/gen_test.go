package wire

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from what the writer produces now (run with -update if the change is intended):\n%s", path, got)
	}
}

// TestWriterGoldenPacs008 pins the bytes of a written customer transfer;
// the file is also the ISO benchmark's input and a fuzz seed.
func TestWriterGoldenPacs008(t *testing.T) {
	var buf bytes.Buffer
	w := NewISOWriter(&buf)
	if err := w.WriteTransfer(Pacs008, sampleTransfer()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	golden(t, "pacs008-ctrc.xml", buf.Bytes())
}
