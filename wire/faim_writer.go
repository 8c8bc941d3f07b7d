package wire

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"
)

// FAIMWriter writes FAIM messages, one at a time. Each message is encoded
// by its tags' layouts, in ascending tag order, then read back with the
// strict profile (and the writer-only rules: {9000} on service messages)
// before any byte of it is written: a message with an error is not written,
// Write returns the findings as Errors, and the writer stays usable for the
// next message. Output is buffered; call Flush at the end.
//
// Text is cleaned on the way: '{', '*', CR and LF cannot appear in FAIM
// data and are replaced by a space, and each change is a warning
// (Warnings).
type FAIMWriter struct {
	// Padded writes variable elements space-padded to their maximum width
	// before their '*' (the "fixed" mode); the zero value trims them (the
	// "variable" mode banks send today).
	Padded bool
	// TagPerLine ends each tag with a line break; the zero value writes
	// each message on one line.
	TagPerLine bool
	// CRLF ends lines with "\r\n" instead of "\n".
	CRLF bool

	w        *bufio.Writer
	buf      []byte
	n        int
	check    *FAIMReader
	src      bytes.Reader
	warnings []*ParseError
	err      error
}

// NewFAIMWriter returns a FAIMWriter that writes to w.
func NewFAIMWriter(w io.Writer) *FAIMWriter {
	return &FAIMWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// Warnings returns what the writer changed in the text it was given.
func (w *FAIMWriter) Warnings() []*ParseError { return w.warnings }

// Write encodes, checks and writes one message. An error from the
// underlying writer is returned and sticks; an invalid message returns
// Errors and writes nothing.
func (w *FAIMWriter) Write(m *FAIMMessage) error {
	if w.err != nil {
		return w.err
	}
	w.n++
	start := len(w.warnings)
	w.buf = w.encode(w.buf[:0], m)
	if errs := w.validate(); len(errs) > 0 {
		w.warnings = w.warnings[:start]
		return errs
	}
	if _, err := w.w.Write(w.buf); err != nil {
		w.err = err
		return err
	}
	return nil
}

// Flush writes any buffered data to the underlying writer.
func (w *FAIMWriter) Flush() error {
	if w.err != nil {
		return w.err
	}
	w.err = w.w.Flush()
	return w.err
}

// AppendMessage appends the encoding of m to b without validating it:
// the bytes Write would produce with the zero FAIMWriter's settings
// (trimmed elements, one message per line ending in "\n").
func AppendMessage(b []byte, m *FAIMMessage) []byte {
	var w FAIMWriter
	return w.encode(b, m)
}

func (w *FAIMWriter) newline(b []byte) []byte {
	if w.CRLF {
		b = append(b, '\r')
	}
	return append(b, '\n')
}

// encode appends m's tags in ascending order.
func (w *FAIMWriter) encode(b []byte, m *FAIMMessage) []byte {
	order := make([]int, len(m.Fields))
	for i := range order {
		order[i] = i
	}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && m.Fields[order[j]].Tag < m.Fields[order[j-1]].Tag; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for k, i := range order {
		f := &m.Fields[i]
		b = append(b, f.Tag.String()...)
		b = w.encodeField(b, f)
		if w.TagPerLine || k == len(order)-1 {
			b = w.newline(b)
		}
	}
	return b
}

// encodeField appends a tag's data.
func (w *FAIMWriter) encodeField(b []byte, f *FAIMField) []byte {
	s := specOf(f.Tag)
	if s == nil || f.Raw != "" {
		return append(b, w.clean(f, -1, f.Raw, false)...)
	}
	els := f.Elements
	for len(els) > 0 && strings.TrimRight(els[len(els)-1], " ") == "" && !(len(els) <= len(s.elems) && s.elems[len(els)-1].fixed && !s.elems[len(els)-1].opt) {
		els = els[:len(els)-1]
	}
	if len(els) > len(s.elems) {
		els = els[:len(s.elems)] // the check reports nothing: surplus elements cannot be written
		w.warn(f, len(s.elems), "elements beyond the tag's layout dropped")
	}
	for i, v := range els {
		e := &s.elems[i]
		v = w.clean(f, i, v, !e.fixed)
		switch {
		case s.tag == TagUnstructuredAddenda:
			b = append(b, v...)
			b = append(b, '*')
		case e.fixed && e.opt && v == "":
			b = append(b, '*')
		case e.fixed:
			b = append(b, v...)
			for j := len(v); j < e.width; j++ {
				b = append(b, ' ')
			}
		default:
			v = strings.TrimRight(v, " ")
			b = append(b, v...)
			if w.Padded {
				for j := len(v); j < e.width; j++ {
					b = append(b, ' ')
				}
			}
			b = append(b, '*')
		}
	}
	return b
}

// clean replaces the characters FAIM data cannot hold.
func (w *FAIMWriter) clean(f *FAIMField, i int, v string, trim bool) string {
	if strings.ContainsAny(v, "{*\r\n") {
		v = strings.Map(func(r rune) rune {
			switch r {
			case '{', '*', '\r', '\n':
				return ' '
			}
			return r
		}, v)
		w.warn(f, i, "'{', '*', CR or LF replaced by a space")
	}
	if trim {
		v = strings.TrimRight(v, " ")
	}
	return v
}

func (w *FAIMWriter) warn(f *FAIMField, i int, msg string) {
	e := &ParseError{Message: w.n, Tag: f.Tag.String(), Severity: SeverityWarning, Err: ErrCharacter, Msg: msg}
	if s := specOf(f.Tag); s != nil && i >= 0 && i < len(s.elems) {
		e.Element, e.ElementIndex = s.elems[i].name, i+1
	}
	w.warnings = append(w.warnings, e)
}

// validate reads w.buf back with the strict profile.
func (w *FAIMWriter) validate() Errors {
	w.src.Reset(w.buf)
	r := w.check
	if r == nil {
		r = NewFAIMReader(&w.src)
		w.check = r
	} else {
		r.br.Reset(&w.src)
		*r = FAIMReader{br: r.br, cur: building{buf: r.cur.buf[:0], toks: r.cur.toks[:0]}}
	}
	r.forWrite = true
	r.Options = Options{MaxErrors: -1}
	count := 0
	for r.Next() {
		count++
	}
	errs := r.f.errs
	if count > 1 {
		errs = append(errs, &ParseError{Message: w.n, Severity: SeverityError, Err: ErrValue,
			Msg: "the fields encode " + strconv.Itoa(count) + " messages (a tag repeats or {1100}/{1500} is not first)"})
	}
	for _, e := range errs {
		e.Message = w.n
	}
	return errs
}
