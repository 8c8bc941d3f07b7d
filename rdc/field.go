package rdc

import (
	"strconv"
	"unicode/utf8"

	"github.com/railyardhq/railyard/internal/digits"
)

// kind is a field's X9 data type (x9.md §4): how its bytes are read,
// checked and written.
type kind uint8

const (
	kN      kind = iota // numeric: digits, right-justified, zero-filled
	kA                  // alphabetic: A-Z a-z blank, left-justified
	kAN                 // alphameric, left-justified
	kANS                // alphameric and printable specials, left-justified
	kNB                 // numericblank: digits, left-justified, blank when absent
	kNS                 // numeric and specials, left-justified
	kNBSM               // digits, blank, '-', '*': right-justified, blank-filled
	kNBSMOS             // kNBSM and '/': right-justified, blank-filled
	kB                  // blank: reserved
	kDate               // YYYYMMDD
	kTime               // hhmm
	kRTN                // nine-digit routing number with its check digit
	kConst              // the record type
)

// rightJustified reports whether text of kind k is right-justified and
// blank-filled (the MICR fields).
func (k kind) rightJustified() bool { return k == kNBSM || k == kNBSMOS }

// exact reports whether a value of kind k is an identifier or code that
// the Writer takes only at its full width: it never pads one (x9.md §4).
func (k kind) exact() bool { return k == kN || k == kDate || k == kTime || k == kRTN }

// incl is a field's usage, plus flags.
type incl uint8

const (
	inM incl = 1 << iota // mandatory: never blank
	inC                  // conditional: blank when not used
	// inCritical marks numeric fields the reader cannot do without
	// (amounts, counts, lengths): non-digits there are errors in the
	// lenient profile too.
	inCritical
)

// field is one fixed-width field of a record layout.
type field struct {
	name       string
	start, end int // 1-based, inclusive, within the record (no prefix)
	kind       kind
	inc        incl
	// values lists the defined values, separated by blanks, when the field
	// has a closed list; "_" stands for the all-blank value.
	values string
}

func (f *field) width() int { return f.end - f.start + 1 }

// layout is a record type as the package sees it: its name, its fixed
// length (0 when variable) and its fixed-position fields.
type layout struct {
	typ    int
	name   string
	length int
	fields []*field
}

// bind ties a field to the struct member that holds its decoded value.
type bind[T any] struct {
	f *field
	s func(*T) *string
	n func(*T) *int64
	i func(*T) *int
}

// codec decodes and encodes one record layout to and from a struct.
type codec[T any] struct {
	layout *layout
	binds  []bind[T]
}

func newCodec[T any](typ int, name string, length int, binds ...bind[T]) *codec[T] {
	c := &codec[T]{layout: &layout{typ: typ, name: name, length: length}, binds: binds}
	c.layout.fields = append(c.layout.fields, &field{name: "record_type", start: 1, end: 2, kind: kConst, inc: inM})
	for _, b := range binds {
		c.layout.fields = append(c.layout.fields, b.f)
	}
	return c
}

// fs binds a text field (or a numeric identifier kept as digits).
func fs[T any](name string, start, end int, k kind, inc incl, values string, acc func(*T) *string) bind[T] {
	return bind[T]{f: &field{name: name, start: start, end: end, kind: k, inc: inc, values: values}, s: acc}
}

// fn binds an amount.
func fn[T any](name string, start, end int, acc func(*T) *int64) bind[T] {
	return bind[T]{f: &field{name: name, start: start, end: end, kind: kN, inc: inM | inCritical}, n: acc}
}

// fi binds a count.
func fi[T any](name string, start, end int, acc func(*T) *int) bind[T] {
	return bind[T]{f: &field{name: name, start: start, end: end, kind: kN, inc: inM | inCritical}, i: acc}
}

// fb is a reserved (blank) field.
func fb[T any](start, end int) bind[T] {
	return bind[T]{f: &field{name: "reserved", start: start, end: end, kind: kB}}
}

// decode fills v from raw, a record of at least the layout's fixed
// length. It never fails: a count or amount that is not all digits decodes
// as 0 (the validator reports it).
func (c *codec[T]) decode(raw []byte, v *T) {
	for i := range c.binds {
		b := &c.binds[i]
		if b.f.end > len(raw) {
			continue
		}
		p := raw[b.f.start-1 : b.f.end]
		switch {
		case b.s != nil:
			*b.s(v) = decodeText(b.f.kind, p)
		case b.n != nil:
			n, _ := parseDigits(p)
			*b.n(v) = n
		case b.i != nil:
			n, _ := parseDigits(p)
			*b.i(v) = int(n)
		}
	}
}

// encode writes v into raw (at least the layout's fixed length), which it
// first fills with blanks and the record type. It fails only when a value
// cannot be placed (too long, negative, not Latin-1); content rules are the
// validator's.
func (c *codec[T]) encode(v *T, raw []byte) *ParseError {
	for i := range raw {
		raw[i] = ' '
	}
	raw[0], raw[1] = byte('0'+c.layout.typ/10), byte('0'+c.layout.typ%10)
	for i := range c.binds {
		b := &c.binds[i]
		p := raw[b.f.start-1 : b.f.end]
		var err *ParseError
		switch {
		case b.s != nil:
			err = encodeText(b.f, p, *b.s(v))
		case b.n != nil:
			err = encodeInt(b.f, p, *b.n(v))
		case b.i != nil:
			err = encodeInt(b.f, p, int64(*b.i(v)))
		}
		if err != nil {
			err.Record, err.RecordType = c.layout.name, typeCode(c.layout.typ)
			return err
		}
	}
	return nil
}

// decodeText turns field bytes into a string. Identifiers and codes keep
// their bytes as found (blank → ""); left-justified text loses trailing
// blanks, right-justified MICR text leading and trailing ones. Bytes above
// 0x7F are ISO 8859-1 (what EBCDIC text becomes) and turn into their UTF-8
// form, so that encodeText gives the same bytes back.
func decodeText(k kind, p []byte) string {
	start, end := 0, len(p)
	for end > 0 && p[end-1] == ' ' {
		end--
	}
	switch {
	case end == 0:
		return ""
	case k.exact():
		end = len(p)
	case k.rightJustified():
		for start < end && p[start] == ' ' {
			start++
		}
	}
	p = p[start:end]
	for _, c := range p {
		if c >= utf8.RuneSelf {
			return latin1(p)
		}
	}
	return string(p)
}

// verbatim turns the bytes of a variable-length field (an image
// reference key, user data) into a string, blanks included: their length
// is part of the record.
func verbatim(p []byte) string {
	for _, c := range p {
		if c >= utf8.RuneSelf {
			return latin1(p)
		}
	}
	return string(p)
}

func latin1(p []byte) string {
	b := make([]byte, 0, 2*len(p))
	for _, c := range p {
		b = utf8.AppendRune(b, rune(c))
	}
	return string(b)
}

// encodeText places s in p by the field's justification.
func encodeText(f *field, p []byte, s string) *ParseError {
	if s == "" {
		return nil
	}
	n := 0
	for _, r := range s {
		if r > 0xFF || r == utf8.RuneError {
			return &ParseError{Column: f.start, Field: f.name, Value: s, Err: ErrCharacter,
				Msg: "character " + strconv.QuoteRune(r) + " cannot be written: X9 text is 8-bit (ISO 8859-1 / code page 037)"}
		}
		n++
	}
	if n > len(p) {
		return &ParseError{Column: f.start, Field: f.name, Value: s, Err: ErrFieldTooLong,
			Msg: "value " + strconv.Quote(s) + " is " + strconv.Itoa(n) + " characters; the field holds " + strconv.Itoa(len(p))}
	}
	if f.kind.exact() && n != len(p) {
		return &ParseError{Column: f.start, Field: f.name, Value: s, Err: ErrValue,
			Msg: "value " + strconv.Quote(s) + " must be exactly " + strconv.Itoa(len(p)) + " characters (identifiers and codes are never padded)"}
	}
	i := 0
	if f.kind.rightJustified() {
		i = len(p) - n
	}
	for _, r := range s {
		p[i] = byte(r)
		i++
	}
	return nil
}

func encodeInt(f *field, p []byte, n int64) *ParseError {
	if n < 0 {
		return &ParseError{Column: f.start, Field: f.name, Value: strconv.FormatInt(n, 10), Err: ErrValue,
			Msg: "negative value " + strconv.FormatInt(n, 10)}
	}
	v := n
	i := len(p) - 1
	for ; i >= 0 && n != 0; i-- {
		p[i] = byte('0' + n%10)
		n /= 10
	}
	for ; i >= 0; i-- {
		p[i] = '0'
	}
	if n != 0 {
		return &ParseError{Column: f.start, Field: f.name, Value: strconv.FormatInt(v, 10), Err: ErrFieldTooLong,
			Msg: "value " + strconv.FormatInt(v, 10) + " does not fit in " + strconv.Itoa(len(p)) + " digits"}
	}
	return nil
}

// putInt writes n zero-filled into p; it reports whether n fits.
func putInt(p []byte, n int64) bool {
	for i := len(p) - 1; i >= 0; i-- {
		p[i] = byte('0' + n%10)
		n /= 10
	}
	return n == 0
}

func parseDigits(p []byte) (n int64, ok bool) { return digits.Parse(p) }

// parseLength parses a length field of a variable record (27.4, 52.14,
// 52.16, 52.18, 68.7). All blanks read as 0, and so does a number written
// left-justified ("0    "), as some producers do (x9.md §5.14); strict
// says whether the value was written as the standard wants it.
func parseLength(p []byte) (n int, ok, strict bool) {
	end := len(p)
	for end > 0 && p[end-1] == ' ' {
		end--
	}
	if end == 0 {
		return 0, true, false
	}
	v, ok := parseDigits(p[:end])
	return int(v), ok, ok && end == len(p)
}

func allDigits(p []byte) bool { return digits.All(p) }

func allByte(p []byte, b byte) bool { return digits.AllByte(p, b) }

// CheckDigit returns the routing number check digit of the first eight
// digits of a routing number (weights 3 7 1, mod 10), or -1 if rtn8 is not
// eight digits.
func CheckDigit(rtn8 string) int { return checkDigit([]byte(rtn8)) }

func checkDigit(p []byte) int { return digits.CheckDigit(p) }

// ValidRoutingNumber reports whether rtn is nine digits with a correct
// check digit.
func ValidRoutingNumber(rtn string) bool { return digits.ValidRouting(rtn) }

func validDate(p []byte) bool { // YYYYMMDD
	if len(p) != 8 || !allDigits(p) {
		return false
	}
	y := int(p[0]-'0')*1000 + int(p[1]-'0')*100 + int(p[2]-'0')*10 + int(p[3]-'0')
	m := int(p[4]-'0')*10 + int(p[5]-'0')
	d := int(p[6]-'0')*10 + int(p[7]-'0')
	return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(m, y)
}

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func validTime(p []byte) bool { // hhmm
	if len(p) != 4 || !allDigits(p) {
		return false
	}
	return int(p[0]-'0')*10+int(p[1]-'0') < 24 && int(p[2]-'0')*10+int(p[3]-'0') < 60
}

// inValues reports whether p is one of the blank-separated values of list
// ("_" stands for all blanks). Letters compare without case: X9 reads lower
// case as upper case.
func inValues(p []byte, list string) bool {
	for i := 0; i < len(list); {
		j := i
		for j < len(list) && list[j] != ' ' {
			j++
		}
		tok := list[i:j]
		if tok == "_" {
			if allByte(p, ' ') {
				return true
			}
		} else if len(tok) == len(p) {
			eq := true
			for k := 0; k < len(p); k++ {
				c := p[k]
				if c >= 'a' && c <= 'z' {
					c -= 'a' - 'A'
				}
				if c != tok[k] {
					eq = false
					break
				}
			}
			if eq {
				return true
			}
		}
		i = j + 1
	}
	return false
}

// typeCodes holds "00".."99", so that a record type renders without
// allocating.
var typeCodes = func() (t [100]string) {
	for i := range t {
		t[i] = string([]byte{byte('0' + i/10), byte('0' + i%10)})
	}
	return t
}()

func typeCode(t int) string {
	if t < 0 || t > 99 {
		return ""
	}
	return typeCodes[t]
}
