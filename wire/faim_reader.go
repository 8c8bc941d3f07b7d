package wire

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
)

// FAIMReader reads a FAIM file one message at a time and validates each
// message in the same pass. Its memory does not grow with the file: it
// holds the message being assembled, the findings (capped) and a 64 KiB
// read buffer.
//
// Set Options before the first call to Next.
type FAIMReader struct {
	// Options select the strict (zero value) or lenient profile.
	Options Options

	br      *bufio.Reader
	f       findings
	started bool
	done    bool
	err     error // I/O error or ErrFormat
	msg     *FAIMMessage
	n       int // messages returned

	// position of the next unread byte
	off      int64
	line     int
	lineBase int64 // offset of the first byte of the current line

	eof bool // the last run reached the end of input

	// the tag whose header was read and whose data is next
	hdr     bool
	hdrJunk bool // the '{' was not a tag: its bytes up to the next '{' are junk

	cur      building
	at       []int // element offsets, reused
	forWrite bool  // validating what a Writer emits: writer-only rules apply
}

// building is the message being assembled.
type building struct {
	buf      []byte // tag data, back to back
	toks     []tok
	seen     [128]bool // by tagIndex; unknown tags in unknown
	unknown  []Tag
	known    bool // holds a tag of version 30 other than {1100}-{1130}
	line     int
	off      int64
	pending  []*ParseError // findings before the message had a tag
	nElem    int
	fedLater tok // a Fed-appended tag after sender tags (tag 0: none)
}

// tok is one tag of the message being assembled.
type tok struct {
	tag        Tag
	start, end int // data in building.buf
	line, col  int
	off        int64 // of the '{'
	spec       *tagSpec
	junk       bool // a '{' that opens no tag
}

const faimBufSize = 64 << 10

// NewFAIMReader returns a FAIMReader that reads from r.
func NewFAIMReader(r io.Reader) *FAIMReader {
	return &FAIMReader{br: bufio.NewReaderSize(r, faimBufSize)}
}

// Message returns the message Next read. It stays valid after later
// calls to Next; the reader does not reuse it.
func (r *FAIMReader) Message() *FAIMMessage { return r.msg }

// Findings returns every finding so far, errors and warnings, in the order
// they were found.
func (r *FAIMReader) Findings() []*ParseError { return r.f.all }

// Dropped returns how many findings were over the cap and not kept.
func (r *FAIMReader) Dropped() int { return r.f.dropped }

// Err returns the error that ended reading, if any: an I/O error, a
// *ParseError wrapping ErrFormat for input that is not FAIM, or, once Next
// has returned false, the file's error-severity findings as Errors. It
// returns nil for a valid file.
func (r *FAIMReader) Err() error {
	if r.err != nil {
		var pe *ParseError
		if errors.As(r.err, &pe) {
			return r.f.errs
		}
		return r.err
	}
	if r.done && len(r.f.errs) > 0 {
		return r.f.errs
	}
	return nil
}

// ReadAll reads every remaining message. It returns the messages read,
// valid or not, and Err.
func (r *FAIMReader) ReadAll() ([]*FAIMMessage, error) {
	var out []*FAIMMessage
	for r.Next() {
		out = append(out, r.Message())
	}
	return out, r.Err()
}

// Next advances to the next message, which Message then returns, with its
// findings. A message with errors is still returned: the errors of one
// message never hide the others. Next returns false at the end of the
// input, or on an I/O error or input that is not FAIM at all; Err tells
// which.
func (r *FAIMReader) Next() bool {
	if r.done {
		return false
	}
	if !r.started {
		r.started = true
		r.f.opts = r.Options
		r.line = 1
		if !r.prefix() {
			return r.finish()
		}
	}
	for {
		if r.hdr {
			r.hdr = false
			if !r.data() {
				return r.finish()
			}
		}
		t, ok := r.header()
		if !ok {
			return r.finish()
		}
		if !t.junk && r.startsNew(t.tag) {
			r.msg = r.complete()
			r.add(t)
			r.hdr = true
			return true
		}
		r.add(t)
		r.hdr = true
	}
}

// finish completes the last message, if any, and ends reading.
func (r *FAIMReader) finish() bool {
	r.done = true
	if len(r.cur.toks) > 0 || len(r.cur.pending) > 0 {
		r.msg = r.complete()
		return true
	}
	return false
}

// report records a finding for the message being assembled.
func (r *FAIMReader) report(e *ParseError) {
	r.cur.pending = append(r.cur.pending, e)
}

// span is a run of input read up to and including a '{' (or to the end of
// input), with where it starts.
type span struct {
	b        []byte // the bytes; for a run over 1 MiB, its first MiB
	base     int64  // offset of b[0]
	line     int    // line of b[0]
	lineBase int64  // offset of the first byte of that line
	brace    bool   // the run ended at a '{' (the last byte of the run)
	cut      bool   // b holds only the start of the run
}

// body returns the run without its closing '{'.
func (s *span) body() []byte {
	if s.brace && !s.cut {
		return s.b[:len(s.b)-1]
	}
	return s.b
}

// pos returns the line and 1-based column of offset off within s.b.
func (s *span) pos(off int64) (int, int) {
	rel := int(off - s.base)
	nl := bytes.LastIndexByte(s.b[:rel], '\n')
	if nl < 0 {
		return s.line, int(off-s.lineBase) + 1
	}
	return s.line + bytes.Count(s.b[:nl+1], []byte{'\n'}), rel - nl
}

// read reads the next run up to and including a '{', advancing the
// position over everything it consumed.
func (r *FAIMReader) read() (span, error) {
	s := span{base: r.off, line: r.line, lineBase: r.lineBase}
	chunk, err := r.br.ReadSlice('{')
	r.advance(chunk)
	if err == bufio.ErrBufferFull {
		long := append([]byte(nil), chunk...)
		for err == bufio.ErrBufferFull {
			chunk, err = r.br.ReadSlice('{')
			r.advance(chunk)
			if len(long) < 1<<20 {
				long = append(long, chunk...)
			} else {
				s.cut = true
			}
		}
		chunk = long
	}
	s.b = chunk
	s.brace = err == nil
	if err == io.EOF {
		err = nil
		r.eof = true
	}
	return s, err
}

// advance moves the position over chunk.
func (r *FAIMReader) advance(chunk []byte) {
	if i := bytes.LastIndexByte(chunk, '\n'); i >= 0 {
		r.line += bytes.Count(chunk, []byte{'\n'})
		r.lineBase = r.off + int64(i) + 1
	}
	r.off += int64(len(chunk))
}

// prefix reads what comes before the first '{': blank lines, or a
// "YFT811 " prefix. Other bytes mean the input is not FAIM.
func (r *FAIMReader) prefix() bool {
	s, err := r.read()
	if err != nil {
		r.err = err
		return false
	}
	body := s.body()
	junk := bytes.TrimLeft(body, " \t\r\n")
	if len(junk) == 0 && !s.brace {
		return false // empty, or only blanks: no messages
	}
	lastNL := bytes.LastIndexAny(body, "\r\n")
	if len(junk) > 0 && !(isYFT(body[lastNL+1:]) && len(bytes.TrimSpace(body[:lastNL+1])) == 0) {
		off := s.base + int64(len(body)-len(junk))
		line, col := s.pos(off)
		e := &ParseError{Line: line, Column: col, Offset: off, Err: ErrFormat, Severity: SeverityError,
			Value: quoteStart(junk), Msg: "input does not start with a FAIM tag ({dddd}): not a FAIM file"}
		r.f.add(e)
		r.err = e
		return false
	}
	r.separator(&s, body[lastNL+1:], lastNL+1, false)
	return s.brace
}

// separator checks one line of what lies between two tags (after a line
// break): it must be empty or a YFT811 prefix. A blank line is fine
// (blankOK), but blanks before a tag on its line are an error in the
// strict profile; anything else is an error in both. at is the index of
// seg in s.b.
func (r *FAIMReader) separator(s *span, seg []byte, at int, blankOK bool) {
	if len(seg) == 0 || isYFT(seg) || (blankOK && len(bytes.TrimSpace(seg)) == 0) {
		return
	}
	off := s.base + int64(at)
	line, col := s.pos(off)
	sev, msg := SeverityError, "bytes outside any tag"
	if len(bytes.TrimSpace(seg)) == 0 {
		sev, msg = r.f.strict(), "blanks before a tag"
	}
	r.report(&ParseError{Line: line, Column: col, Offset: off, Err: ErrSyntax, Severity: sev, Value: quoteStart(seg), Msg: msg})
}

// isYFT reports whether b is the "YFT811 " prefix some systems put before
// each message (wire#198).
func isYFT(b []byte) bool {
	return bytes.Equal(bytes.TrimLeft(b, " \t"), []byte("YFT811 "))
}

func quoteStart(b []byte) string {
	if len(b) > 24 {
		b = b[:24]
	}
	return strconv.QuoteToASCII(string(b))
}

// header reads the 5 bytes after a '{'. ok is false at the end of input.
func (r *FAIMReader) header() (t tok, ok bool) {
	if r.err != nil || r.eof {
		return t, false
	}
	off := r.off - 1 // the '{' was consumed with the previous run
	t.off, t.line, t.col = off, r.line, int(off-r.lineBase)+1
	p, _ := r.br.Peek(5)
	if len(p) == 5 && p[4] == '}' && isDigit(p[0]) && isDigit(p[1]) && isDigit(p[2]) && isDigit(p[3]) {
		t.tag = Tag(int(p[0]-'0')*1000 + int(p[1]-'0')*100 + int(p[2]-'0')*10 + int(p[3]-'0'))
		t.spec = specOf(t.tag)
		r.br.Discard(5)
		r.off += 5
		r.hdrJunk = false
		return t, true
	}
	// A '{' that opens no tag: its bytes up to the next '{' are junk.
	r.hdrJunk, t.junk = true, true
	r.report(&ParseError{Line: t.line, Column: t.col, Offset: off, Err: ErrSyntax, Severity: SeverityError,
		Value: quoteStart(append([]byte{'{'}, p...)), Msg: "'{' is not followed by a 4-digit tag number and '}'"})
	return t, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// data reads a tag's data: up to the next '{', a line break or the end of
// input. Between a line break and the next '{' only a YFT811 prefix may
// stand; trailing blanks at the end of input are fine.
func (r *FAIMReader) data() bool {
	s, err := r.read()
	if err != nil {
		r.err = err
		return false
	}
	body := s.body()
	end := bytes.IndexAny(body, "\r\n")
	if end < 0 {
		end = len(body)
	}
	switch {
	case r.hdrJunk:
		r.hdrJunk = false // reported with its '{'
	case s.cut || end > 16<<10:
		r.report(&ParseError{Line: s.line, Column: int(s.base-s.lineBase) + 1, Offset: s.base, Err: ErrLength, Severity: SeverityError,
			Value: quoteStart(body), Msg: "tag data runs over 16 KiB: not FAIM"})
		t := &r.cur.toks[len(r.cur.toks)-1]
		t.start, t.end = len(r.cur.buf), len(r.cur.buf)
	default:
		t := &r.cur.toks[len(r.cur.toks)-1]
		t.start = len(r.cur.buf)
		r.cur.buf = append(r.cur.buf, body[:end]...)
		t.end = len(r.cur.buf)
	}
	if s.cut {
		return s.brace
	}
	// The separator: line breaks; every line before the next tag must be
	// empty (or a YFT811 prefix on the tag's own line).
	for i := end; i < len(body); {
		if body[i] == '\r' || body[i] == '\n' {
			i++
			continue
		}
		j := i
		for j < len(body) && body[j] != '\r' && body[j] != '\n' {
			j++
		}
		lastLine := j == len(body)
		if lastLine || !isYFT(body[i:j]) {
			r.separator(&s, body[i:j], i, !lastLine || !s.brace)
		}
		i = j
	}
	return s.brace
}

// startsNew reports whether tag t opens a new message (fedwire.md B7).
func (r *FAIMReader) startsNew(t Tag) bool {
	c := &r.cur
	if len(c.toks) == 0 {
		return false
	}
	switch {
	case t == TagMessageDisposition:
		return true
	case t == TagSenderSupplied:
		// Unknown tags before {1500} stay with it (fedWireMessage-InvalidTag).
		return c.known
	}
	return c.has(t)
}

func (c *building) has(t Tag) bool {
	if i := tagIndex[t]; i != 0 {
		return c.seen[i]
	}
	for _, u := range c.unknown {
		if u == t {
			return true
		}
	}
	return false
}

// add appends a tag (its header just read) to the message being assembled.
func (r *FAIMReader) add(t tok) {
	c := &r.cur
	if t.junk {
		return // reported
	}
	if len(c.toks) == 0 {
		c.line, c.off = t.line, t.off
	}
	if i := tagIndex[t.tag]; i != 0 {
		c.seen[i] = true
		c.nElem += len(t.spec.elems)
		if t.tag.FedAppended() {
			if c.known && c.fedLater.tag == 0 {
				c.fedLater = t
			}
		} else {
			c.known = true
		}
	} else {
		c.unknown = append(c.unknown, t.tag)
	}
	c.toks = append(c.toks, t)
}

// complete turns the message being assembled into a FAIMMessage, parses
// its tags and checks its rules; the assembly state is reset.
func (r *FAIMReader) complete() *FAIMMessage {
	c := &r.cur
	r.n++
	m := &FAIMMessage{Index: r.n, Line: c.line, Offset: c.off}
	p := msgParser{f: &r.f, m: m, opts: r.Options, forWrite: r.forWrite, at: r.at[:0]}
	defer func() { r.at = p.at }()
	for _, e := range c.pending {
		if m.Line == 0 {
			m.Line, m.Offset = e.Line, e.Offset
		}
		p.keep(e)
	}
	s := string(c.buf)
	m.Fields = make([]FAIMField, len(c.toks))
	backing := make([]string, 0, c.nElem)
	for i := range c.toks {
		t := &c.toks[i]
		fld := &m.Fields[i]
		fld.Tag, fld.Line, fld.Column, fld.Offset = t.tag, t.line, t.col, t.off
		data := s[t.start:t.end]
		if t.spec == nil {
			fld.Raw = data
			p.tagFinding(fld, -1, 0, "", p.f.strict(), ErrUnknownTag, "tag "+t.tag.String()+" is not a tag of FAIM format version 30")
			continue
		}
		n := len(backing)
		var raw bool
		backing, raw = p.splitTag(t.spec, fld, data, backing)
		if raw {
			fld.Raw = data
			backing = backing[:n]
		} else {
			fld.Elements = backing[n:len(backing):len(backing)]
		}
	}
	sortFields(m.Fields)
	if c.fedLater.tag != 0 {
		t := &c.fedLater
		p.tagFinding(&FAIMField{Tag: t.tag, Line: t.line, Column: t.col, Offset: t.off}, -1, 0, "", SeverityError, ErrValue,
			"Fed-appended tag "+t.tag.String()+" after the sender's tags: {1100}-{1130} come first")
	}
	p.checkMessage()
	// reset, keeping the buffers
	buf, toks, unk := c.buf[:0], c.toks[:0], c.unknown[:0]
	*c = building{buf: buf, toks: toks, unknown: unk}
	return m
}

// sortFields puts fields in ascending tag order (they nearly are).
func sortFields(fs []FAIMField) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Tag < fs[j-1].Tag; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// msgParser parses and checks one message.
type msgParser struct {
	f        *findings
	m        *FAIMMessage
	opts     Options
	forWrite bool
	at       []int // byte offset in the tag's data of each element split
}

// keep records a finding on the message and in the reader's list.
func (p *msgParser) keep(e *ParseError) {
	e.Message = p.m.Index
	if e.Severity == SeverityError {
		p.m.errs++
	}
	if p.f.add(e) {
		p.m.Findings = append(p.m.Findings, e)
	}
}

// tagFinding records a finding on field fld; ei is the 0-based element
// index (-1: the tag as a whole) and pos the element's byte position in
// the tag's data.
func (p *msgParser) tagFinding(fld *FAIMField, ei, pos int, value string, sev Severity, err error, msg string) {
	e := &ParseError{Line: fld.Line, Column: fld.Column, Offset: fld.Offset, Tag: fld.Tag.String(),
		Value: value, Severity: sev, Err: err, Msg: msg}
	if ei >= 0 {
		if s := specOf(fld.Tag); s != nil && ei < len(s.elems) {
			e.Element = s.elems[ei].name
		}
		e.ElementIndex = ei + 1
		if fld.Column > 0 {
			e.Column = fld.Column + 6 + pos
			e.Offset = fld.Offset + 6 + int64(pos)
		}
	}
	p.keep(e)
}

// sevFor is the severity of a content problem in spec's tag: an error in
// critical tags, else per profile.
func (p *msgParser) sevFor(s *tagSpec) Severity {
	if s.critical || !p.opts.Lenient {
		return SeverityError
	}
	return SeverityWarning
}

func (p *msgParser) lenient() bool { return p.opts.Lenient }

// splitTag splits data by the tag's layout, appending the elements to out.
// raw is true when the lenient profile keeps the tag as raw text because
// its elements cannot be separated.
func (p *msgParser) splitTag(s *tagSpec, fld *FAIMField, data string, out []string) ([]string, bool) {
	if s.tag == TagUnstructuredAddenda {
		return p.split8200(s, fld, data, out), false
	}
	hasStar := strings.IndexByte(data, '*') >= 0
	pos := 0
	noStar := false // a variable element was read by width
	start := len(out)
	p.at = p.at[:0]
	for i := range s.elems {
		e := &s.elems[i]
		if pos >= len(data) {
			break
		}
		if e.fixed {
			p.at = append(p.at, pos)
			if e.opt && data[pos] == '*' {
				out = append(out, "")
				pos++
				continue
			}
			if len(data)-pos < e.width {
				v := data[pos:]
				p.tagFinding(fld, i, pos, v, SeverityError, ErrLength,
					e.name+" is "+strconv.Itoa(len(v))+" characters; a fixed element has exactly "+strconv.Itoa(e.width))
				out = append(out, v)
				return out, false
			}
			v := data[pos : pos+e.width]
			if e.opt && strings.TrimRight(v, " ") == "" {
				v = "" // a blank optional element is an absent one
			}
			out = append(out, v)
			pos += e.width
			continue
		}
		p.at = append(p.at, pos)
		if !hasStar {
			n := min(e.width, len(data)-pos)
			out = append(out, strings.TrimRight(data[pos:pos+n], " "))
			pos += n
			noStar = true
			continue
		}
		rest := data[pos:]
		j := strings.IndexByte(rest, '*')
		switch {
		case j < 0 && strings.TrimRight(rest, " ") == "":
			p.tagFinding(fld, -1, pos, "", p.f.strict(), ErrLength, "blanks after the last delimiter")
			pos = len(data)
		case j < 0 && len(strings.TrimRight(rest, " ")) <= e.width:
			out = append(out, strings.TrimRight(rest, " "))
			p.tagFinding(fld, i, pos, "", p.f.strict(), ErrDelimiter, "no '*' after "+e.name)
			pos = len(data)
		case j < 0 || j > e.width:
			if j < 0 {
				j = len(rest)
			}
			v := rest[:j]
			if p.lenient() && !s.critical {
				p.tagFinding(fld, i, pos, v, SeverityWarning, ErrLength,
					e.name+" runs "+strconv.Itoa(len(v))+" characters to its delimiter, more than its maximum "+strconv.Itoa(e.width)+
						": elements cannot be separated; the tag is kept as raw text")
				return out[:start], true
			}
			p.tagFinding(fld, i, pos, v, SeverityError, ErrLength,
				e.name+" runs "+strconv.Itoa(len(v))+" characters to its delimiter, more than its maximum "+strconv.Itoa(e.width))
			return out, false
		default:
			out = append(out, strings.TrimRight(rest[:j], " "))
			pos += j + 1
		}
	}
	if noStar && pos > 0 {
		p.tagFinding(fld, -1, 0, "", p.f.strict(), ErrDelimiter,
			"no '*' delimiters: elements read by their maximum widths (older fixed layout)")
	}
	if pos < len(data) {
		rest := data[pos:]
		switch {
		case strings.Trim(rest, " ") == "" && noStar:
			p.tagFinding(fld, -1, pos, "", p.f.strict(), ErrLength, "padded beyond the tag's layout")
		case strings.Trim(rest, "* ") == "" && hasStar:
			p.tagFinding(fld, -1, pos, rest, p.f.strict(), ErrDelimiter, "extra '*' after the last element")
		default:
			if p.lenient() && !s.critical {
				p.tagFinding(fld, -1, pos, rest, SeverityWarning, ErrLength,
					"data after the tag's last element ("+strconv.Itoa(len(s.elems))+" elements): the tag is kept as raw text")
				return out[:start], true
			}
			p.tagFinding(fld, -1, pos, rest, SeverityError, ErrLength,
				"data after the tag's last element ("+strconv.Itoa(len(s.elems))+" elements)")
		}
	}
	if got := len(out) - start; got < s.lead {
		e := &s.elems[got]
		msg := "tag lacks its " + e.name
		if data == "" {
			msg = "tag has no data"
		}
		p.tagFinding(fld, got, len(data), "", SeverityError, ErrMissing, msg)
	}
	p.checkElements(s, fld, data, out[start:])
	// Trailing empty elements are the same as omitted ones.
	for len(out) > start && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	if len(out) == start && s.lead == 0 {
		p.tagFinding(fld, -1, 0, data, p.sevFor(s), ErrMissing, "tag has no data")
	}
	return out, false
}

// split8200 reads {8200}: up to 9,000 characters, optionally preceded by
// their 4-digit length (FAIM 3.0.6 and earlier) and followed by '*'.
func (p *msgParser) split8200(s *tagSpec, fld *FAIMField, data string, out []string) []string {
	v := data
	if strings.HasSuffix(v, "*") {
		v = v[:len(v)-1]
	}
	if len(v) >= 4 && allDigits(v[:4]) {
		if n, _ := strconv.Atoi(v[:4]); n == len(v)-4 {
			v = v[4:]
		}
	}
	if len(v) > 9000 {
		p.tagFinding(fld, 0, 0, "", p.sevFor(s), ErrLength, "addenda_information is "+strconv.Itoa(len(v))+" characters, more than 9,000")
	}
	if strings.IndexByte(v, '*') >= 0 {
		p.tagFinding(fld, 0, 0, "", p.sevFor(s), ErrCharacter, "'*' inside the addenda")
	}
	p.checkText(s, fld, 0, 0, v)
	return append(out, v)
}

// checkElements applies each element's kind to its value.
func (p *msgParser) checkElements(s *tagSpec, fld *FAIMField, data string, els []string) {
	sev := p.sevFor(s)
	for i, v := range els {
		e := &s.elems[i]
		pos := 0
		if i < len(p.at) {
			pos = p.at[i]
		}
		if e.fixed && strings.IndexByte(v, '*') >= 0 {
			p.tagFinding(fld, i, pos, v, p.sevFor(s), ErrDelimiter, "'*' inside the fixed element "+e.name)
			continue
		}
		if v == "" && e.kind == eIDCode && slices.ContainsFunc(els[i+1:], func(s string) bool { return s != "" }) {
			p.tagFinding(fld, i, pos, v, p.f.strict(), ErrCode, "identification code is blank")
		}
		if v == "" || (e.fixed && strings.TrimSpace(v) == "" && e.kind != eCode && e.kind != eIDCode) {
			continue
		}
		bad := ""
		var err error = ErrValue
		switch e.kind {
		case eText:
			p.checkText(s, fld, i, pos, v)
		case eDigits:
			if !allDigits(v) {
				bad, err = e.name+" must be digits", ErrNumeric
			}
		case eAlnum:
			if !alnum(v, false) {
				bad, err = e.name+" must be letters and digits", ErrCharacter
			}
		case eABA:
			switch {
			case !allDigits(v):
				bad, err = e.name+" must be a 9-digit routing number", ErrNumeric
			case !ValidABA(v):
				bad, err = e.name+" "+v+" fails the routing number check digit", ErrCheckDigit
			}
		case eDate:
			if !validDate8(v) {
				bad, err = e.name+" is not a CCYYMMDD date", ErrDate
			}
		case eMMDD:
			if len(v) != 4 || !allDigits(v) || !validYMD(2000, atoi2(v[:2]), atoi2(v[2:])) {
				bad, err = e.name+" is not an MMDD date", ErrDate
			}
		case eHHMM:
			if len(v) != 4 || !allDigits(v) || atoi2(v[:2]) > 23 || atoi2(v[2:]) > 59 {
				bad, err = e.name+" is not an HHMM time", ErrDate
			}
		case eCode:
			if !inCodes(v, e.codes) {
				bad, err = e.name+" "+strconv.Quote(v)+" is not one of "+strings.Join(strings.Fields(e.codes), ", "), ErrCode
			}
		case eIDCode:
			p.checkIDCode(s, fld, i, pos, v, els)
		case eCurrency:
			if len(v) != 3 || !upperLetters(v) {
				bad, err = e.name+" must be a 3-letter currency code", ErrValue
			}
		case eCurAmt:
			if len(v) < 4 || !upperLetters(v[:3]) || !decimal(v[3:], ',', 5) {
				bad, err = e.name+" must be a currency code and an amount with a decimal comma (USD1234,56)", ErrAmount
			}
		case eDecComma:
			if !decimal(v, ',', 11) {
				bad, err = e.name+" must be a number with a decimal comma (1234,56)", ErrAmount
			}
		case eDecPoint:
			if !decimal(v, '.', 5) {
				bad, err = e.name+" must be a number with a decimal point and at most 5 decimals (1234.56)", ErrAmount
			}
		}
		if bad != "" {
			p.tagFinding(fld, i, pos, v, sev, err, bad)
		}
	}
}

// checkText applies the character rules of free text: printable ASCII.
func (p *msgParser) checkText(s *tagSpec, fld *FAIMField, i, pos int, v string) {
	for j := 0; j < len(v); j++ {
		if c := v[j]; c < 0x20 || c > 0x7e {
			p.tagFinding(fld, i, pos+j, v, p.sevFor(s), ErrCharacter,
				"character "+strconv.QuoteToASCII(string(rune(c)))+" is not printable ASCII")
			return
		}
	}
}

// checkIDCode checks the identification code of an FI or party tag and,
// for code F, the routing number it introduces.
func (p *msgParser) checkIDCode(s *tagSpec, fld *FAIMField, i, pos int, v string, els []string) {
	codes := partyIDCodes
	if s.fiOnly {
		codes = fiIDCodes
	}
	if s.tag == 4400 {
		codes = "D"
	}
	switch {
	case strings.TrimSpace(v) == "":
		p.tagFinding(fld, i, pos, v, p.f.strict(), ErrCode, "identification code is blank")
	case !inCodes(v, codes):
		p.tagFinding(fld, i, pos, v, p.sevFor(s), ErrCode, "identification code "+strconv.Quote(v)+" is not one of "+strings.Join(strings.Fields(codes), ", "))
	case v == "F" && len(els) > 1 && !ValidABA(els[1]):
		p.tagFinding(fld, i+1, pos+1, els[1], p.sevFor(s), ErrCheckDigit, "identification code F wants a 9-digit routing number with a valid check digit")
	}
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func upperLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// decimal reports whether s is digits with at most one sep followed by at
// most frac digits, and at least one digit before it.
func decimal(s string, sep byte, frac int) bool {
	i, f, found := cutByte(s, sep)
	if !allDigits(i) {
		return false
	}
	if found {
		return f == "" || len(f) <= frac && allDigits(f)
	}
	return true
}
