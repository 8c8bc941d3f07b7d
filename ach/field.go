package ach

import (
	"strconv"
	"strings"

	"github.com/railyardhq/railyard/internal/digits"
)

// RecordLength is the length of every NACHA record, in bytes.
const RecordLength = 94

var blankRecord = func() (r [RecordLength]byte) {
	for i := range r {
		r[i] = ' '
	}
	return r
}()

// kind is how a field's bytes are read and checked.
type kind uint8

const (
	kAlpha    kind = iota // alphameric, left-justified, space-filled
	kUpper                // alphameric that must be upper case (codes, SEC)
	kNumeric              // digits, right-justified, zero-filled
	kDate                 // YYMMDD
	kTime                 // HHMM
	kMonthDay             // MMDD
	kMonthYr              // MMYY
	kJulian               // DDD, 001-366
	kRTN8                 // TTTTAAAA: the first 8 digits of a routing number
	kRTN9                 // a 9-digit routing number with its check digit
	kDest                 // bTTTTAAAAC: blank + 9-digit routing number
	kOrigin               // bTTTTAAAAC, or 10 digits, or 10 alphameric characters
	kConst                // a fixed value (record type, record size, …)
	kReserved             // blank
)

// incl is a field's inclusion requirement, plus flags.
type incl uint8

const (
	inM incl = 1 << iota // mandatory
	inR                  // required
	inO                  // optional
	// inCritical marks numeric fields the reader cannot do without (amounts,
	// transaction codes, routing prefixes): non-digits there are errors in
	// the lenient profile too.
	inCritical
	// inTrunc marks free text the writer may cut on the right.
	inTrunc
)

// field is one fixed-width field of a record layout.
type field struct {
	name       string
	start, end int // 1-based, inclusive
	kind       kind
	inc        incl
	want       string // kConst: the only allowed value
}

func (f *field) width() int { return f.end - f.start + 1 }

func (f *field) bytes(raw *[RecordLength]byte) []byte { return raw[f.start-1 : f.end] }

// spec is a record layout as the validator sees it.
type spec struct {
	name   string
	fields []*field
}

func (s *spec) field(name string) *field {
	for _, f := range s.fields {
		if f.name == name {
			return f
		}
	}
	panic("ach: layout " + s.name + " has no field " + name)
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
	spec  *spec
	binds []bind[T]
}

func newCodec[T any](name string, binds ...bind[T]) *codec[T] {
	c := &codec[T]{spec: &spec{name: name}, binds: binds}
	for _, b := range binds {
		c.spec.fields = append(c.spec.fields, b.f)
	}
	return c
}

func fs[T any](name string, start, end int, k kind, inc incl, acc func(*T) *string) bind[T] {
	return bind[T]{f: &field{name: name, start: start, end: end, kind: k, inc: inc}, s: acc}
}

func fn[T any](name string, start, end int, inc incl, acc func(*T) *int64) bind[T] {
	return bind[T]{f: &field{name: name, start: start, end: end, kind: kNumeric, inc: inc}, n: acc}
}

func fi[T any](name string, start, end int, inc incl, acc func(*T) *int) bind[T] {
	return bind[T]{f: &field{name: name, start: start, end: end, kind: kNumeric, inc: inc}, i: acc}
}

func fc[T any](name string, start, end int, want string) bind[T] {
	return bind[T]{f: &field{name: name, start: start, end: end, kind: kConst, inc: inM, want: want}}
}

func fr[T any](start, end int) bind[T] {
	return bind[T]{f: &field{name: "reserved", start: start, end: end, kind: kReserved}}
}

// decode fills v from raw. It never fails: a numeric field that is not all
// digits decodes as 0 (the validator reports it).
func (c *codec[T]) decode(raw *[RecordLength]byte, v *T) {
	for i := range c.binds {
		b := &c.binds[i]
		p := b.f.bytes(raw)
		switch {
		case b.s != nil:
			*b.s(v) = decodeString(b.f.kind, p)
		case b.n != nil:
			n, _ := parseDigits(p)
			*b.n(v) = n
		case b.i != nil:
			n, _ := parseDigits(p)
			*b.i(v) = int(n)
		}
	}
}

// encode writes v into raw, which it first fills with spaces. It fails only
// when a value cannot be placed (too long, negative); content rules are the
// validator's.
func (c *codec[T]) encode(v *T, raw *[RecordLength]byte, warn func(f *field, msg string)) *ParseError {
	*raw = blankRecord
	for i := range c.binds {
		b := &c.binds[i]
		p := b.f.bytes(raw)
		switch {
		case b.f.kind == kConst:
			copy(p, b.f.want)
		case b.s != nil:
			if err := encodeString(b.f, p, *b.s(v), warn); err != nil {
				err.Record = c.spec.name
				return err
			}
		case b.n != nil:
			if err := encodeInt(b.f, p, *b.n(v)); err != nil {
				err.Record = c.spec.name
				return err
			}
		case b.i != nil:
			if err := encodeInt(b.f, p, int64(*b.i(v))); err != nil {
				err.Record = c.spec.name
				return err
			}
		}
	}
	return nil
}

func decodeString(k kind, p []byte) string {
	switch k {
	case kAlpha, kUpper, kConst, kReserved:
		end := len(p)
		for end > 0 && p[end-1] == ' ' {
			end--
		}
		return string(p[:end])
	}
	start, end := 0, len(p)
	for start < end && p[start] == ' ' {
		start++
	}
	for end > start && p[end-1] == ' ' {
		end--
	}
	return string(p[start:end])
}

func encodeString(f *field, p []byte, s string, warn func(f *field, msg string)) *ParseError {
	if len(s) > len(p) {
		if f.inc&inTrunc == 0 || f.kind != kAlpha {
			return &ParseError{Column: f.start, Field: f.name, Value: s, Err: ErrFieldTooLong,
				Msg: "value " + strconv.Quote(s) + " is " + strconv.Itoa(len(s)) + " bytes; the field holds " + strconv.Itoa(len(p))}
		}
		if warn != nil {
			warn(f, "value "+strconv.Quote(s)+" cut to "+strconv.Itoa(len(p))+" bytes")
		}
		s = s[:len(p)]
	}
	switch f.kind {
	case kAlpha, kUpper:
		copy(p, s)
	case kDest, kOrigin:
		copy(p[len(p)-len(s):], s) // right-justified, blank-filled: " 231380104"
	default:
		if s == "" {
			return nil // blank
		}
		if len(s) != len(p) && (f.kind != kNumeric || strings.Contains(f.name, "trace")) {
			// Routing numbers, traces and dates are identifiers: zero-filling
			// a short one would make another, valid-looking value.
			return &ParseError{Column: f.start, Field: f.name, Value: s, Err: ErrValue,
				Msg: "value " + strconv.Quote(s) + " must be exactly " + strconv.Itoa(len(p)) + " characters"}
		}
		pad := len(p) - len(s)
		for i := 0; i < pad; i++ {
			p[i] = '0'
		}
		copy(p[pad:], s)
	}
	return nil
}

func encodeInt(f *field, p []byte, n int64) *ParseError {
	if n < 0 {
		return &ParseError{Column: f.start, Field: f.name, Value: strconv.FormatInt(n, 10), Err: ErrValue,
			Msg: "negative value " + strconv.FormatInt(n, 10)}
	}
	i := len(p) - 1
	for ; i >= 0 && n != 0; i-- {
		p[i] = byte('0' + n%10)
		n /= 10
	}
	for ; i >= 0; i-- {
		p[i] = '0'
	}
	if n != 0 {
		return &ParseError{Column: f.start, Field: f.name, Err: ErrFieldTooLong,
			Msg: "value does not fit in " + strconv.Itoa(len(p)) + " digits"}
	}
	return nil
}

func parseDigits(p []byte) (n int64, ok bool) { return digits.Parse(p) }

func allDigits(p []byte) bool { return digits.All(p) }

func allByte(p []byte, b byte) bool { return digits.AllByte(p, b) }

// CheckDigit returns the NACHA check digit (Mod 10, weights 3 7 1) of the
// first eight digits of a routing number, or -1 if rtn8 is not 8 digits.
func CheckDigit(rtn8 string) int {
	if len(rtn8) != 8 {
		return -1
	}
	return checkDigit([]byte(rtn8))
}

func checkDigit(p []byte) int { return digits.CheckDigit(p) }

// ValidRoutingNumber reports whether rtn is nine digits with a correct check digit.
func ValidRoutingNumber(rtn string) bool { return digits.ValidRouting(rtn) }

func validDate(p []byte) bool { // YYMMDD
	if len(p) != 6 || !allDigits(p) {
		return false
	}
	m := int(p[2]-'0')*10 + int(p[3]-'0')
	d := int(p[4]-'0')*10 + int(p[5]-'0')
	y := 2000 + int(p[0]-'0')*10 + int(p[1]-'0')
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(m, y)
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

func validTime(p []byte) bool { // HHMM
	if !allDigits(p) {
		return false
	}
	h := int(p[0]-'0')*10 + int(p[1]-'0')
	m := int(p[2]-'0')*10 + int(p[3]-'0')
	return h < 24 && m < 60
}

func validMonthDay(p []byte) bool { // MMDD
	if !allDigits(p) {
		return false
	}
	m := int(p[0]-'0')*10 + int(p[1]-'0')
	d := int(p[2]-'0')*10 + int(p[3]-'0')
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(m, 2000)
}

func validMonthYear(p []byte) bool { // MMYY
	if !allDigits(p) {
		return false
	}
	m := int(p[0]-'0')*10 + int(p[1]-'0')
	return m >= 1 && m <= 12
}

func validJulian(p []byte) bool {
	n, ok := parseDigits(p)
	return ok && n >= 1 && n <= 366
}
