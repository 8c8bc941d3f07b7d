package rdc

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// unframe strips the length prefixes of a length-prefixed file, ending
// each record with sep: the newline-delimited (sep "\n") and unframed
// (sep "") variants of the same file.
func unframe(data []byte, sep string) []byte {
	var out []byte
	for len(data) >= 4 {
		n := int(binary.BigEndian.Uint32(data))
		if 4+n > len(data) {
			break
		}
		out = append(out, data[4:4+n]...)
		out = append(out, sep...)
		data = data[4+n:]
	}
	return out
}

// fuzzSeeds are small files of every shape the Reader knows.
func fuzzSeeds(t testing.TB) [][]byte {
	img := func(int) ([]byte, []byte) { return stubTIFF(64, 32, 20, 1), stubTIFF(64, 32, 10, 2) }
	ascii := writeForward(t, 2, ASCII, img)
	ebcdic := writeForward(t, 1, EBCDIC, img)
	seeds := [][]byte{ascii, ebcdic, unframe(ascii, "\n"), unframe(ascii, "\r\n"), unframe(ebcdic, ""),
		returnFile(t, ASCII, "A", "R"), returnFile(t, EBCDIC, "V", "E"), {}, []byte("01"), {0, 0, 0, 80, '0', '1'}}
	paths, _ := filepath.Glob(filepath.Join(conformanceDir, "*"))
	for _, p := range paths {
		if filepath.Ext(p) == ".tsv" || filepath.Ext(p) == ".tiff" {
			continue
		}
		// Large files make the fuzzer's minimisation of what it derives
		// from them slow; their shapes are among the synthetic seeds.
		if data, err := os.ReadFile(p); err == nil && len(data) <= 32<<10 {
			seeds = append(seeds, data)
		}
	}
	return seeds
}

// FuzzReader feeds arbitrary bytes to the Reader in both profiles, by
// records, by items and whole. No input may panic; a file the strict
// profile accepts must survive write(read(f)), re-read strictly to the same
// File, and write again to the same bytes.
func FuzzReader(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lenient := range []bool{false, true} {
			r := NewReader(bytes.NewReader(data))
			r.Options.Lenient = lenient
			for {
				it, err := r.ReadItem()
				if err != nil {
					break
				}
				_ = it.Amount()
				it.ReturnReason()
			}
			for _, fe := range r.Findings() {
				_ = fe.Error()
			}

			r = NewReader(bytes.NewReader(data))
			r.Options.Lenient = lenient
			file, err := r.ReadAll()
			_ = r.Summary()
			if lenient || err != nil {
				continue
			}
			var b1 bytes.Buffer
			w := NewWriter(&b1)
			w.Encoding = r.Encoding()
			if err := w.WriteFile(file); err != nil {
				t.Fatalf("strict read accepted the file, but writing it back failed: %v", err)
			}
			again, err := NewReader(bytes.NewReader(b1.Bytes())).ReadAll()
			if err != nil {
				t.Fatalf("re-read of the written file failed: %v", err)
			}
			var b2 bytes.Buffer
			w = NewWriter(&b2)
			w.Encoding = r.Encoding()
			if err := w.WriteFile(again); err != nil {
				t.Fatalf("writing the re-read file failed: %v", err)
			}
			if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
				t.Fatalf("write(read(write(read(f)))) differs from write(read(f))")
			}
		}
	})
}
