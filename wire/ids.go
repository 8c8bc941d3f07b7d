package wire

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	_ "time/tzdata" // the IMAD cycle date is an Eastern date; a bare container has no zoneinfo

	"github.com/railyardhq/railyard/internal/digits"
)

// FedLocation is the zone of Fedwire's business day and of the IMAD's
// input cycle date: America/New_York, with DST.
var FedLocation = mustLoad("America/New_York")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("wire: embedded tzdata lacks " + name + ": " + err.Error())
	}
	return loc
}

// FedAccountingABA is the routing number of the Fedwire Funds Service as a
// party: the InstgAgt of the Fed's pacs.002 and the default AppHdr To.
const FedAccountingABA = "021151080"

// IMAD is an Input Message Accountability Data: the Fedwire identity of a
// message we send (GrpHdr/MsgId in ISO 20022, tag {1520} in FAIM).
//
//	20250310B1QDRCQR000001
//	└─date─┘└source┘└seq─┘
type IMAD struct {
	// CycleDate is the Fedwire funds-transfer business day, CCYYMMDD.
	CycleDate string
	// Source is the sender's 8-character input source (endpoint) id.
	Source string
	// Sequence is the input sequence number, 1-999999, starting at 1 on
	// each cycle date per source.
	Sequence int
}

// String renders the 22-character IMAD.
func (m IMAD) String() string {
	return fmt.Sprintf("%s%s%06d", m.CycleDate, m.Source, m.Sequence)
}

// ErrIMAD is wrapped by the errors of NewIMAD and ParseIMAD.
var ErrIMAD = errors.New("wire: invalid IMAD")

// NewIMAD builds the IMAD of sequence seq of source on the cycle date of
// cycle (its calendar date, as InputCycleDate returns it). source must be
// 8 upper-case letters or digits, seq 1-999999.
func NewIMAD(cycle time.Time, source string, seq int) (IMAD, error) {
	m := IMAD{CycleDate: cycle.Format("20060102"), Source: source, Sequence: seq}
	if err := m.check(true); err != nil {
		return IMAD{}, err
	}
	return m, nil
}

// ParseIMAD parses a 22-character IMAD: a valid CCYYMMDD date, an
// 8-character source of letters and digits, a 6-digit sequence. The
// source may be mixed case (FAIM files carry such); ValidISOIMAD applies
// the ISO 20022 pattern, which wants upper case.
func ParseIMAD(s string) (IMAD, error) {
	if len(s) != 22 {
		return IMAD{}, fmt.Errorf("%w %q: %d characters, want 22", ErrIMAD, s, len(s))
	}
	if !allDigits(s[16:]) {
		return IMAD{}, fmt.Errorf("%w %q: sequence %q is not 6 digits", ErrIMAD, s, s[16:])
	}
	seq, _ := strconv.Atoi(s[16:])
	m := IMAD{CycleDate: s[:8], Source: s[8:16], Sequence: seq}
	if err := m.check(false); err != nil {
		return IMAD{}, err
	}
	return m, nil
}

func (m IMAD) check(upper bool) error {
	if !validDate8(m.CycleDate) {
		return fmt.Errorf("%w: cycle date %q is not a CCYYMMDD date", ErrIMAD, m.CycleDate)
	}
	if len(m.Source) != 8 || !alnum(m.Source, upper) {
		return fmt.Errorf("%w: source %q is not 8 letters or digits", ErrIMAD, m.Source)
	}
	if m.Sequence < 0 || m.Sequence > 999999 || (upper && m.Sequence == 0) {
		return fmt.Errorf("%w: sequence %d is not 1-999999", ErrIMAD, m.Sequence)
	}
	return nil
}

// ValidISOIMAD reports whether s has the IMAD shape of the Fedwire ISO
// 20022 schemas: [0-9]{8}[A-Z0-9]{8}[0-9]{6}, with a real date.
func ValidISOIMAD(s string) bool {
	return len(s) == 22 && validDate8(s[:8]) && alnum(s[8:16], true) && allDigits(s[16:])
}

// InputCycleDate returns the Fedwire funds-transfer business day that an
// instruction made at t belongs to, as a date at midnight in FedLocation.
// The business day opens at 9:00 p.m. Eastern on the prior calendar day,
// so 21:00 ET and later count for the next day; a day on which open
// returns false (weekends and Fed holidays: pass the Fed calendar) is
// skipped to the next open one. A nil open closes weekends only.
func InputCycleDate(t time.Time, open func(day time.Time) bool) time.Time {
	et := t.In(FedLocation)
	d := time.Date(et.Year(), et.Month(), et.Day(), 0, 0, 0, 0, FedLocation)
	if et.Hour() >= 21 {
		d = d.AddDate(0, 0, 1)
	}
	if open == nil {
		open = func(day time.Time) bool {
			wd := day.Weekday()
			return wd != time.Saturday && wd != time.Sunday
		}
	}
	for i := 0; i < 31 && !open(d); i++ {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// NewUETR returns a new UETR: a version 4 UUID in lower case, made of 16
// bytes read from src (crypto/rand.Reader when src is nil; tests pass a
// deterministic source). It fails only when src does.
func NewUETR(src io.Reader) (string, error) {
	if src == nil {
		src = rand.Reader
	}
	var b [16]byte
	if _, err := io.ReadFull(src, b[:]); err != nil {
		return "", fmt.Errorf("wire: UETR: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&0x0f])
	}
	return string(out), nil
}

// ValidUETR reports whether s is a UETR as Fedwire wants it: a version 4
// UUID in lower case,
// [a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}.
func ValidUETR(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
			continue
		case 14:
			if c != '4' {
				return false
			}
			continue
		case 19:
			if c != '8' && c != '9' && c != 'a' && c != 'b' {
				return false
			}
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// looksUUID reports whether s has the 8-4-4-4-12 hex shape in either case.
func looksUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// ValidABA reports whether s is a 9-digit routing number whose check
// digit is right (weights 3, 7, 1).
func ValidABA(s string) bool { return digits.ValidRouting(s) }

// FormatAmount renders cents as the decimal ISO 20022 wants, with exactly
// two fraction digits: 51000074 → "510000.74". Negative amounts keep their
// sign (the writers reject them).
func FormatAmount(cents int64) string {
	return string(appendAmount(nil, cents))
}

func appendAmount(b []byte, cents int64) []byte {
	u := uint64(cents)
	if cents < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/100, 10)
	b = append(b, '.', byte('0'+u%100/10), byte('0'+u%10))
	return b
}

// ParseAmount parses an ISO 20022 decimal amount into cents. It accepts
// 1-18 integer digits and up to five fraction digits after '.', of which
// the third to fifth must be zeros (USD has cents); fracDigits says how many
// fraction digits the text had, so callers can apply Fedwire's "exactly
// two". It never uses floating point.
func ParseAmount(s string) (cents int64, fracDigits int, err error) {
	intPart, frac, dot := cutByte(s, '.')
	if intPart == "" || len(intPart) > 18 || !allDigits(intPart) || (dot && (frac == "" || len(frac) > 5 || !allDigits(frac))) {
		return 0, 0, fmt.Errorf("%w: %q is not a decimal amount", ErrAmount, s)
	}
	if len(intPart) > 16 {
		return 0, 0, fmt.Errorf("%w: %q is too large", ErrAmount, s)
	}
	n, _ := strconv.ParseInt(intPart, 10, 64)
	c := int64(0)
	for i := 0; i < len(frac); i++ {
		d := int64(frac[i] - '0')
		switch {
		case i < 2:
			if i == 0 {
				c += d * 10
			} else {
				c += d
			}
		case d != 0:
			return 0, len(frac), fmt.Errorf("%w: %q has fractions of a cent", ErrAmount, s)
		}
	}
	return n*100 + c, len(frac), nil
}

func cutByte(s string, c byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func alnum(s string, upperOnly bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
		case c >= 'a' && c <= 'z' && !upperOnly:
		default:
			return false
		}
	}
	return s != ""
}

// validDate8 reports whether s is a real CCYYMMDD date.
func validDate8(s string) bool {
	if len(s) != 8 || !allDigits(s) {
		return false
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:])
	return validYMD(y, m, d)
}

func validYMD(y, m, d int) bool {
	if y < 1900 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
