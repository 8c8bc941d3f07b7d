package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
)

// jsonStream writes one indented JSON document piece by piece, so that a
// document with a million array elements never has to be in memory. Calls
// must nest properly; the first write error sticks and is returned by Err.
type jsonStream struct {
	w     *bufio.Writer
	stack []byte // open containers: '{' or '['
	n     []int  // members written in each open container
	buf   bytes.Buffer
	err   error
}

func newJSONStream(w *bufio.Writer) *jsonStream { return &jsonStream{w: w} }

// Err returns the first error met while encoding or writing.
func (s *jsonStream) Err() error { return s.err }

func (s *jsonStream) indent() {
	for range s.stack {
		s.w.WriteString("  ")
	}
}

// member starts a new member of the open container: comma, line break,
// indentation and, inside an object, the key.
func (s *jsonStream) member(key string) {
	if len(s.stack) > 0 {
		i := len(s.n) - 1
		if s.n[i] > 0 {
			s.w.WriteByte(',')
		}
		s.n[i]++
		s.w.WriteByte('\n')
		s.indent()
	}
	if key != "" {
		k, _ := json.Marshal(key)
		s.w.Write(k)
		s.w.WriteString(": ")
	}
}

// Open starts an object ('{') or array ('[') under key ("" in an array or
// at the top).
func (s *jsonStream) Open(key string, c byte) {
	s.member(key)
	s.w.WriteByte(c)
	s.stack = append(s.stack, c)
	s.n = append(s.n, 0)
}

// Close ends the innermost open container.
func (s *jsonStream) Close() {
	c := s.stack[len(s.stack)-1]
	n := s.n[len(s.n)-1]
	s.stack, s.n = s.stack[:len(s.stack)-1], s.n[:len(s.n)-1]
	if n > 0 {
		s.w.WriteByte('\n')
		s.indent()
	}
	if c == '{' {
		s.w.WriteByte('}')
	} else {
		s.w.WriteByte(']')
	}
	if len(s.stack) == 0 {
		s.w.WriteByte('\n')
	}
}

// Value writes v, encoded with encoding/json, under key.
func (s *jsonStream) Value(key string, v any) {
	s.member(key)
	s.buf.Reset()
	enc := json.NewEncoder(&s.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(strings.Repeat("  ", len(s.stack)), "  ")
	if err := enc.Encode(v); err != nil && s.err == nil {
		s.err = err
	}
	s.w.Write(bytes.TrimRight(s.buf.Bytes(), "\n"))
}
