package ach

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// Reader reads a NACHA file one record at a time and validates it in the
// same pass. Its memory does not grow with the file: it holds one record,
// the state of the open batch and entry, the findings (capped) and the
// returns and NOCs it has seen.
//
// Set Options before the first call to Next.
type Reader struct {
	// Options select the strict (zero value) or lenient profile.
	Options Options

	br      *bufio.Reader
	v       validator
	rec     Record
	queue   []Record // records split out of one physical line
	qi      int
	line    int
	offset  int64
	started bool
	done    bool
	err     error
	splitW  bool // warned about a file with no line breaks
	blank   int  // empty lines not yet followed by a record
	carry   []byte
}

// NewReader returns a Reader that reads from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, 256<<10)}
}

// Next advances to the next record, which Record then returns. It returns
// false at the end of the input or on an error that stops reading (an I/O
// error, or input that is not NACHA at all); Err tells which.
func (r *Reader) Next() bool {
	if !r.started {
		r.started = true
		r.v.opts = r.Options
	}
	for {
		if r.qi < len(r.queue) {
			r.rec = r.queue[r.qi]
			r.qi++
			r.v.record(&r.rec)
			return true
		}
		r.queue, r.qi = r.queue[:0], 0
		if r.done {
			return false
		}
		if !r.fill() {
			r.done = true
			if r.err == nil {
				var last *Record
				if r.v.records > 0 {
					last = &Record{Line: r.line, Offset: r.offset}
				}
				r.v.finish(last)
				if r.v.records == 0 && r.v.fill == 0 {
					r.fatal(&ParseError{Line: 0, Err: ErrNotNACHA, Msg: "file is empty"})
				}
			}
			return false
		}
	}
}

func (r *Reader) fatal(e *ParseError) {
	r.err = e
	r.v.findings = append(r.v.findings, e)
	r.v.errs = append(r.v.errs, e)
}

// fill reads one physical line and queues the records it holds. It
// returns false at the end of input or on a fatal error.
func (r *Reader) fill() bool {
	for {
		start := r.offset
		line, err := r.br.ReadSlice('\n')
		r.offset += int64(len(line))
		if err == bufio.ErrBufferFull {
			// A line longer than the buffer: a file with no line breaks.
			r.carry = append(r.carry, line...)
			if !r.splitLong(r.offset-int64(len(r.carry)), r.line+1, false) {
				return false
			}
			if len(r.queue) > 0 {
				return true
			}
			continue
		}
		if err != nil && err != io.EOF {
			r.err = err
			return false
		}
		if len(r.carry) > 0 {
			r.carry = append(r.carry, line...)
			r.line++
			ok := r.splitLong(r.offset-int64(len(r.carry)), r.line, true)
			r.carry = r.carry[:0]
			return ok
		}
		if len(line) == 0 && err == io.EOF {
			return false
		}
		r.line++
		n := len(line)
		if n > 0 && line[n-1] == '\n' {
			n--
		}
		if n > 0 && line[n-1] == '\r' {
			n--
		}
		line = line[:n]
		if n == 0 {
			r.blank++
			if err == io.EOF {
				return false
			}
			continue
		}
		if r.blank > 0 {
			r.v.add(SeverityWarning, &Record{Line: r.line, Offset: start}, "", nil, "", ErrRecordLength, "", strconv.Itoa(r.blank)+" empty line(s) before this record, skipped")
			r.blank = 0
		}
		if !r.firstCheck(line, start) {
			return false
		}
		r.frame(line, start)
		return true
	}
}

// firstCheck stops at once on input whose first record is not NACHA.
func (r *Reader) firstCheck(line []byte, start int64) bool {
	if r.v.records > 0 || len(r.queue) > 0 {
		return true
	}
	switch line[0] {
	case '1', '5', '6', '7', '8', '9':
		return true
	}
	r.fatal(&ParseError{Line: r.line, Offset: start, Column: 1, Err: ErrNotNACHA,
		Value: strconv.QuoteToASCII(string(line[:min(len(line), 16)])),
		Msg:   "first record starts with " + strconv.QuoteToASCII(string(line[:1])) + ", not a record type: not a NACHA file"})
	return false
}

func (r *Reader) push(p []byte, line int, off int64) {
	var rec Record
	n := copy(rec.Raw[:], p)
	for i := n; i < RecordLength; i++ {
		rec.Raw[i] = ' '
	}
	rec.Line, rec.Offset = line, off
	r.queue = append(r.queue, rec)
}

// frame turns one complete physical line into records (nacha.md §12).
func (r *Reader) frame(line []byte, start int64) {
	n := len(line)
	switch {
	case n == RecordLength:
		r.push(line, r.line, start)
	case utf8.RuneCount(line) == RecordLength && utf8.Valid(line):
		// UTF-8 names: 94 characters, more bytes. Place fields by
		// character; each non-ASCII character becomes '?' in Raw, and the
		// finding keeps the line as it was.
		var raw [RecordLength]byte
		i := 0
		for _, c := range string(line) {
			if c >= utf8.RuneSelf {
				c = '?'
			}
			raw[i] = byte(c)
			i++
		}
		r.push(raw[:], r.line, start)
		r.v.add(r.v.strict(), &Record{Line: r.line, Offset: start}, "", nil, string(line), ErrCharacter, "",
			"line holds UTF-8 characters (94 characters in "+strconv.Itoa(n)+" bytes); fields placed by character, non-ASCII characters read as '?'")
	case n < RecordLength:
		r.push(line, r.line, start)
		r.v.add(r.v.strict(), &Record{Line: r.line, Offset: start}, "", nil, strconv.Itoa(n), ErrRecordLength, "",
			"line is "+strconv.Itoa(n)+" bytes, shorter than 94; padded with spaces")
	case allByte(line[RecordLength:], ' '):
		r.push(line[:RecordLength], r.line, start)
		r.v.add(r.v.strict(), &Record{Line: r.line, Offset: start}, "", nil, strconv.Itoa(n), ErrRecordLength, "",
			"line is "+strconv.Itoa(n)+" bytes, longer than 94 with trailing blanks; trimmed")
	case looksSplit(line):
		r.carry = append(r.carry[:0], line...)
		r.splitLong(start, r.line, true)
		r.carry = r.carry[:0]
	default:
		r.v.add(SeverityError, &Record{Line: r.line, Offset: start}, "", nil, strconv.Itoa(n), ErrRecordLength, "",
			"line is "+strconv.Itoa(n)+" bytes and its extra bytes are not blank: fields cannot be located")
	}
}

// looksSplit reports whether a long line is records without line breaks:
// every 94-byte piece starts with a record type code.
func looksSplit(line []byte) bool {
	for i := 0; i < len(line); i += RecordLength {
		switch line[i] {
		case '1', '5', '6', '7', '8', '9':
		default:
			if allByte(line[i:], ' ') {
				return true
			}
			return false
		}
	}
	return true
}

// splitLong queues the whole 94-byte records held in r.carry, whose first
// byte is at offset base of physical line line. With final set, the carry is
// the end of the line: a short last piece is padded.
func (r *Reader) splitLong(base int64, line int, final bool) bool {
	if !r.splitW {
		r.splitW = true
		r.v.add(SeverityWarning, &Record{Line: line, Offset: base}, "", nil, "", ErrRecordLength, "",
			"records are not separated by line breaks; split every 94 bytes")
	}
	if final {
		for n := len(r.carry); n > 0 && (r.carry[n-1] == '\n' || r.carry[n-1] == '\r'); n-- {
			r.carry = r.carry[:n-1]
		}
	}
	i := 0
	for ; i+RecordLength <= len(r.carry); i += RecordLength {
		p := r.carry[i : i+RecordLength]
		if r.v.records == 0 && len(r.queue) == 0 && !r.firstCheck(p, base+int64(i)) {
			return false
		}
		r.push(p, line, base+int64(i))
	}
	rest := r.carry[i:]
	if final {
		if len(rest) > 0 && !allByte(rest, ' ') {
			r.push(rest, line, base+int64(i))
			r.v.add(r.v.strict(), &Record{Line: line, Offset: base + int64(i)}, "", nil, strconv.Itoa(len(rest)), ErrRecordLength, "",
				"last record is "+strconv.Itoa(len(rest))+" bytes; padded with spaces")
		}
		return true
	}
	r.carry = append(r.carry[:0], rest...)
	return true
}

// Record returns the current record. It is valid until the next call to
// Next; copy it to keep it.
func (r *Reader) Record() *Record { return &r.rec }

// Err returns the error that ended reading, if any: an I/O error, a
// *ParseError wrapping ErrNotNACHA for input that is not NACHA, or, once
// Next has returned false, the file's error-severity findings as Errors.
// It returns nil for a valid file.
func (r *Reader) Err() error {
	if r.err != nil {
		var pe *ParseError
		if errors.As(r.err, &pe) {
			return Errors(r.v.errs)
		}
		return r.err
	}
	if r.done && len(r.v.errs) > 0 {
		return Errors(r.v.errs)
	}
	return nil
}

// Findings returns every finding so far, errors and warnings, in the order
// they were found (checks that need a whole batch report when it closes).
func (r *Reader) Findings() []*ParseError { return r.v.findings }

// Dropped returns how many findings were over the cap and not kept.
func (r *Reader) Dropped() int { return r.v.dropped }

// Summary returns the counts, totals, returns and NOCs read so far.
func (r *Reader) Summary() *Summary { return &r.v.sum }
