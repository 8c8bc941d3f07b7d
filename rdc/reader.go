package rdc

import (
	"encoding/binary"
	"errors"
	"io"
	"strconv"
)

// Reader reads an X9 file one record at a time and validates it in the
// same pass. Its memory does not grow with the file: it holds one record
// (a 52 with its image included) in a buffer it reuses, the state of the
// open cash letter, bundle and item, the findings (capped) and the list of
// returns.
//
// Set Options before the first call to Next.
type Reader struct {
	// Options select the profile, and force an encoding or framing.
	Options Options
	// ReuseItem makes ReadItem return the same *Item every call, its
	// slices and image buffers reused: faster, but an item is valid only
	// until the next call. Like encoding/csv's ReuseRecord.
	ReuseItem bool

	src     io.Reader
	buf     []byte
	r0, w0  int   // unread data is buf[r0:w0]
	off     int64 // input offset of buf[r0]
	eof     bool
	srcErr  error
	used    int // bytes of the current record, consumed by the next read
	rec     Record
	v       validator
	table   *[256]byte // EBCDIC → ISO 8859-1, nil for ASCII
	framing Framing
	started bool
	done    bool
	pending bool // ReadItem looked one record ahead: Next returns it again
	err     error
	pad     [120]byte // a short fixed part (117 bytes for a 52) padded with blanks

	clh    *CashLetterHeader // context of the records being read
	bh     *BundleHeader
	item   *Item // ReadItem's reused item
	view52 bool  // the item's last view has its 52
}

// NewReader returns a Reader that reads from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{src: r}
}

// The read buffer starts at minBufSize and grows to readBufSize, or to
// the largest record when that is larger.
const (
	minBufSize  = 4 << 10
	readBufSize = 256 << 10
)

// fill makes at least n bytes available in buf[r0:]. It returns false
// when the input ends (or fails) first.
func (r *Reader) fill(n int) bool {
	for r.w0-r.r0 < n {
		if r.eof {
			return false
		}
		if r.r0 > 0 && len(r.buf)-r.r0 < n && len(r.buf) >= readBufSize {
			copy(r.buf, r.buf[r.r0:r.w0])
			r.w0 -= r.r0
			r.r0 = 0
		}
		if len(r.buf)-r.r0 < n && (r.w0 == len(r.buf) || len(r.buf) < readBufSize) {
			// Start small and double up to readBufSize, then only for a
			// record larger than the buffer: a short file costs little, and
			// a length prefix claiming more than the input holds costs no
			// more memory than the input.
			nb := make([]byte, max(minBufSize, 2*len(r.buf)))
			copy(nb, r.buf[r.r0:r.w0])
			r.w0 -= r.r0
			r.r0 = 0
			r.buf = nb
		}
		k, err := r.src.Read(r.buf[r.w0:])
		r.w0 += k
		if err != nil {
			r.eof = true
			if err != io.EOF {
				r.srcErr = err
			}
		}
	}
	return true
}

func (r *Reader) avail() int { return r.w0 - r.r0 }

// fatal ends reading with a finding that makes the file unreadable.
func (r *Reader) fatal(e *ParseError) {
	e.Severity = SeverityError
	r.err = e
	r.v.findings = append(r.v.findings, e)
	r.v.errs = append(r.v.errs, e)
	r.done = true
}

func (r *Reader) start() {
	r.started = true
	r.v.opts = r.Options
	r.v.it.ret = -1
	r.fill(6)
	if r.srcErr != nil {
		r.err, r.done = r.srcErr, true
		return
	}
	if r.avail() == 0 {
		r.fatal(&ParseError{Err: ErrNotX9, Msg: "file is empty"})
		return
	}
	enc, fr, err := detect(r.buf[r.r0:r.w0])
	if r.Options.Encoding != EncodingAuto {
		enc = r.Options.Encoding
	}
	if r.Options.Framing != FramingAuto {
		fr = r.Options.Framing
	}
	if err != nil && (enc == EncodingAuto || fr == FramingAuto) {
		r.fatal(&ParseError{Err: ErrNotX9, Msg: err.Error() + ": not an X9 file"})
		return
	}
	r.framing = fr
	r.v.sum.Encoding, r.v.sum.Framing = enc, fr
	if enc == EBCDIC {
		r.table = &cp037
		if r.Options.IBM1047 {
			r.table = fromEBCDIC1047
		}
	}
	if fr == Unframed {
		r.v.add(SeverityWarning, nil, nil, 0, "", ErrFraming, "records have no length prefix (newline-delimited or unframed); read by record type")
	}
}

// Next advances to the next record, which Record then returns. It returns
// false at the end of the input or on an error that stops reading (an I/O
// error, a record that cannot be delimited, input that is not X9); Err
// tells which.
func (r *Reader) Next() bool {
	if r.pending {
		r.pending = false
		return true
	}
	if !r.started {
		r.start()
	}
	if r.done {
		return false
	}
	r.r0 += r.used
	r.off += int64(r.used)
	r.used = 0
	if r.v.state == stDone {
		r.trailer()
		r.done = true
		return false
	}
	var ok bool
	if r.framing == LengthPrefixed {
		ok = r.readPrefixed()
	} else {
		ok = r.readUnframed()
	}
	if !ok {
		if r.err == nil && r.srcErr != nil {
			r.err = r.srcErr
		}
		if r.err == nil {
			r.v.finish(&Record{Offset: r.off, Number: r.v.records})
		}
		r.done = true
		return false
	}
	r.v.record(&r.rec)
	switch r.rec.typ {
	case 10:
		h := r.rec.CashLetterHeader()
		r.clh, r.bh = &h, nil
	case 20:
		h := r.rec.BundleHeader()
		r.bh = &h
	}
	return true
}

// truncated ends reading inside a record that needs more bytes than are left.
func (r *Reader) truncated(need int, what string) {
	if r.srcErr != nil {
		return
	}
	r.fatal(&ParseError{Offset: r.off, RecordNumber: r.v.records + 1, Err: ErrTruncated,
		Msg: "file ends inside " + what + ": " + strconv.Itoa(need) + " bytes needed, " + strconv.Itoa(r.avail()) + " left"})
}

func (r *Reader) readPrefixed() bool {
	if !r.fill(4) {
		if r.avail() > 0 {
			r.truncated(4, "a record's length prefix")
		}
		return false
	}
	n := binary.BigEndian.Uint32(r.buf[r.r0:])
	if n < 2 || n > maxRecord {
		r.fatal(&ParseError{Offset: r.off, RecordNumber: r.v.records + 1, Err: ErrRecordLength,
			Value: strconv.FormatUint(uint64(n), 10),
			Msg:   "length prefix " + strconv.FormatUint(uint64(n), 10) + " is not a record length (2 to " + strconv.Itoa(maxRecord) + "): the file cannot be followed further"})
		return false
	}
	L := int(n)
	if !r.fill(4 + L) {
		r.truncated(4+L, "record "+strconv.Itoa(r.v.records+1))
		return false
	}
	r.used = 4 + L
	r.setRecord(r.buf[r.r0+4:r.r0+4+L], true)
	return true
}

// decodeDigits parses an untranscoded length field.
func (r *Reader) decodeDigits(p []byte) (int, bool) {
	var tmp [8]byte
	q := tmp[:len(p)]
	copy(q, p)
	if r.table != nil {
		transcode(q, r.table)
	}
	n, ok, _ := parseLength(q)
	return n, ok
}

func (r *Reader) readUnframed() bool {
	if !r.fill(2) {
		if r.avail() > 0 {
			r.truncated(2, "a record type")
		}
		return false
	}
	typ := r.typeAt(r.buf[r.r0:])
	if typ < 0 || layouts[typ] == nil {
		var tmp [2]byte
		copy(tmp[:], r.buf[r.r0:r.r0+2])
		if r.table != nil {
			transcode(tmp[:], r.table)
		}
		r.fatal(&ParseError{Offset: r.off, RecordNumber: r.v.records + 1, Err: ErrRecordType, Value: shown(tmp[:]),
			Msg: "unknown record type " + strconv.Quote(shown(tmp[:])) + " in a file without length prefixes: its end cannot be found"})
		return false
	}
	// Find the record's length from its type and length fields.
	L := layouts[typ].length
	field := func(start, end int) (int, bool) {
		if !r.fill(end) {
			r.truncated(end, "record "+strconv.Itoa(r.v.records+1))
			return 0, false
		}
		n, ok := r.decodeDigits(r.buf[r.r0+start-1 : r.r0+end])
		if !ok {
			r.fatal(&ParseError{Offset: r.off, RecordNumber: r.v.records + 1, RecordType: typeCode(typ), Record: layouts[typ].name,
				Column: start, Err: ErrNumeric, Msg: "length field is not a number: without a length prefix the record's end cannot be found"})
		}
		return n, ok
	}
	switch typ {
	case 27, 34:
		x, ok := field(19, 22)
		if !ok {
			return false
		}
		L = 46 + x
	case 68:
		u, ok := field(39, 45)
		if !ok {
			return false
		}
		L = 45 + u
	case 52:
		x, ok := field(102, 105)
		if !ok {
			return false
		}
		y, ok := field(106+x, 110+x)
		if !ok {
			return false
		}
		z, ok := field(111+x+y, 117+x+y)
		if !ok {
			return false
		}
		L = 117 + x + y + z
	}
	if !r.fill(L) {
		r.truncated(L, "record "+strconv.Itoa(r.v.records+1))
		return false
	}
	r.used = L
	// An optional line break after the record.
	r.fill(L + 2)
	rest := r.buf[r.r0+L : r.w0]
	// '\n', and in EBCDIC files also LF (25) and NL (15); CR is 0D in both.
	lf := func(c byte) bool { return c == '\n' || r.table != nil && (c == 0x25 || c == 0x15) }
	if len(rest) > 0 && rest[0] == '\r' {
		if len(rest) > 1 && lf(rest[1]) {
			r.used += 2
		} else {
			r.used++
		}
	} else if len(rest) > 0 && lf(rest[0]) {
		r.used++
	}
	r.setRecord(r.buf[r.r0:r.r0+L], false)
	return true
}

// typeAt reads a record type from untranscoded bytes: 0 to 99, or -1.
func (r *Reader) typeAt(p []byte) int {
	a, b := p[0], p[1]
	if r.table != nil {
		a, b = r.table[a], r.table[b]
	}
	if a < '0' || a > '9' || b < '0' || b > '9' {
		return -1
	}
	return int(a-'0')*10 + int(b-'0')
}

// setRecord makes raw (untranscoded, exactly the record's bytes) the
// current record: it transcodes the text, locates the variable parts and
// checks the length.
func (r *Reader) setRecord(raw []byte, prefixed bool) {
	rec := &r.rec
	*rec = Record{Offset: r.off, Number: r.v.records + 1, typ: r.typeAt(raw)}
	if rec.typ >= 0 {
		rec.lay = layouts[rec.typ]
	}
	if r.table != nil {
		r.transcode(raw, rec.typ)
	}
	rec.raw = raw
	if rec.lay == nil {
		return // reported by the validator
	}
	want := rec.locate()
	lay := rec.lay
	switch {
	case want < 0:
		r.v.add(SeverityError, rec, nil, 0, "", ErrRecordLength, "a length field of the record is unreadable or points past its end: its variable part is ignored")
	case want != len(raw) && prefixed:
		msg := "length prefix says " + strconv.Itoa(len(raw)) + " bytes; the record's fields say " + strconv.Itoa(want)
		if lay.length > 0 {
			msg = "record is " + strconv.Itoa(len(raw)) + " bytes; type " + rec.Type() + " records are " + strconv.Itoa(lay.length)
		}
		r.v.add(r.v.strict(), rec, nil, 0, strconv.Itoa(len(raw)), ErrRecordLength, msg)
		r.v.expect(strconv.Itoa(want))
	}
	if lay.length > len(raw) {
		n := copy(r.pad[:], raw)
		for i := n; i < lay.length; i++ {
			r.pad[i] = ' '
		}
		rec.raw = r.pad[:lay.length]
	}
	if lay.length == 0 {
		// Variable records: the fixed part must be there.
		fixed := 45 // 68
		switch rec.typ {
		case 27, 34:
			fixed = 46
		case 52:
			fixed = 117
		}
		if len(raw) < fixed {
			n := copy(r.pad[:], raw)
			for i := n; i < fixed; i++ {
				r.pad[i] = ' '
			}
			rec.raw = r.pad[:fixed]
			rec.key, rec.sig, rec.img = nil, nil, nil
		}
	}
}

// transcode turns the text of an EBCDIC record into ISO 8859-1 in place,
// leaving 52.17 and 52.19 (signature and image) as they are.
func (r *Reader) transcode(raw []byte, typ int) {
	if typ != 52 {
		transcode(raw, r.table)
		return
	}
	n := len(raw)
	transcode(raw[:min(n, 105)], r.table)
	if n < 105 {
		return
	}
	x, ok, _ := parseLength(raw[101:105])
	if !ok || 110+x > n {
		transcode(raw[105:min(n, 110+x)], r.table)
		return
	}
	transcode(raw[105:110+x], r.table)
	y, ok, _ := parseLength(raw[105+x : 110+x])
	if !ok || 117+x+y > n {
		return
	}
	transcode(raw[110+x+y:117+x+y], r.table)
}

// trailer reads what follows the file control: padding (NUL, blanks, line
// breaks) is allowed; anything else is reported.
func (r *Reader) trailer() {
	var pad, other int64
	start := r.off
	for {
		for _, c := range r.buf[r.r0:r.w0] {
			switch c {
			case 0x00, ' ', '\r', '\n', 0x1A, 0x40, 0x25, 0x15:
				pad++
			default:
				other++
			}
		}
		r.off += int64(r.avail())
		r.r0 = r.w0
		if r.eof {
			break
		}
		r.fill(1)
	}
	if r.srcErr != nil {
		r.err = r.srcErr
		return
	}
	last := &Record{Offset: start, Number: r.v.records}
	switch {
	case other > 0:
		r.v.add(r.v.strict(), last, nil, 0, strconv.FormatInt(pad+other, 10), ErrSequence,
			strconv.FormatInt(pad+other, 10)+" bytes after the file control; ignored")
	case pad > 0:
		r.v.add(SeverityWarning, last, nil, 0, strconv.FormatInt(pad, 10), ErrFraming,
			strconv.FormatInt(pad, 10)+" bytes of padding after the file control; ignored")
	}
}

// Record returns the current record. It is valid until the next call to
// Next.
func (r *Reader) Record() *Record { return &r.rec }

// Err returns the error that ended reading, if any: an I/O error, or, once
// Next has returned false, the file's error-severity findings as Errors
// (a *ParseError wrapping ErrNotX9 among them for input that is not X9).
// It returns nil for a valid file.
func (r *Reader) Err() error {
	if r.err != nil {
		var pe *ParseError
		if errors.As(r.err, &pe) {
			return r.v.errs
		}
		return r.err
	}
	if r.done && len(r.v.errs) > 0 {
		return r.v.errs
	}
	return nil
}

// Findings returns every finding so far, errors and warnings, in the order
// they were found (control checks report when their control record or the
// item's end is read).
func (r *Reader) Findings() []*ParseError { return r.v.findings }

// Dropped returns how many findings were over the cap and not kept.
func (r *Reader) Dropped() int { return r.v.dropped }

// Summary returns the counts, totals and returns read so far.
func (r *Reader) Summary() *Summary { return &r.v.sum }

// Encoding returns the file's character set (known after the first call
// to Next).
func (r *Reader) Encoding() Encoding { return r.v.sum.Encoding }

// InputOffset returns the offset of the end of the current record: the
// bytes read so far.
func (r *Reader) InputOffset() int64 { return r.off + int64(r.used) }
