package ach

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the Reader in both profiles. No
// input may panic; a file the strict reader accepts must survive
// write(read(f)) and re-read to the same model.
func FuzzReader(f *testing.F) {
	for _, dir := range []string{"valid", "inbound", "quirks", "invalid", "invalid/crashers"} {
		paths, _ := filepath.Glob(filepath.Join(conformanceDir, dir, "*"))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil && !strings.HasSuffix(p, ".gz") {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lenient := range []bool{false, true} {
			r := NewReader(bytes.NewReader(data))
			r.Options.Lenient = lenient
			file, err := r.ReadAll()
			_ = r.Summary()
			for _, fe := range r.Findings() {
				_ = fe.Error()
			}
			if lenient || err != nil {
				continue
			}
			var buf bytes.Buffer
			if err := NewWriter(&buf).WriteFile(file); err != nil {
				t.Fatalf("strict read accepted the file, but writing it back failed: %v", err)
			}
			again, err := NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatalf("re-read of the written file failed: %v", err)
			}
			var b1, b2 bytes.Buffer
			NewWriter(&b1).WriteFile(file)
			NewWriter(&b2).WriteFile(again)
			if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
				t.Fatalf("write(read(write(read(f)))) differs from write(read(f))")
			}
		}
	})
}
