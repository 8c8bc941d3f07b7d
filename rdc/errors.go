package rdc

import (
	"errors"
	"fmt"
	"strings"

	"github.com/railyardhq/railyard/internal/finding"
)

// Sentinel errors. Every *ParseError wraps exactly one of them, so callers
// can match a class of problem with errors.Is whatever the record or field.
var (
	ErrNotX9         = errors.New("rdc: not an X9 file")
	ErrTruncated     = errors.New("rdc: file ends inside a record")
	ErrFraming       = errors.New("rdc: record framing")
	ErrRecordLength  = errors.New("rdc: record length")
	ErrRecordType    = errors.New("rdc: unknown record type")
	ErrSequence      = errors.New("rdc: record out of order")
	ErrMissing       = errors.New("rdc: required record missing")
	ErrLevel         = errors.New("rdc: record not defined at this standard level")
	ErrNumeric       = errors.New("rdc: numeric field has non-digits")
	ErrMandatory     = errors.New("rdc: mandatory field is blank")
	ErrCharacter     = errors.New("rdc: invalid character")
	ErrDate          = errors.New("rdc: invalid date or time")
	ErrCheckDigit    = errors.New("rdc: routing number check digit")
	ErrValue         = errors.New("rdc: invalid field value")
	ErrReserved      = errors.New("rdc: reserved field not blank")
	ErrControl       = errors.New("rdc: control record does not match")
	ErrAddendum      = errors.New("rdc: addendum error")
	ErrImage         = errors.New("rdc: image does not meet X9.100-181")
	ErrReturnReason  = errors.New("rdc: return reason")
	ErrFieldTooLong  = errors.New("rdc: value too long for field")
	ErrTooManyErrors = errors.New("rdc: too many errors")
	ErrWriterState   = errors.New("rdc: writer call out of order")
)

// Severity says whether a finding makes a file invalid: SeverityError in
// the profile that reported it, or SeverityWarning, a deviation the
// profile accepts. It renders as "error" or "warning" in text and JSON.
type Severity = finding.Severity

// The severities.
const (
	SeverityError   = finding.Error
	SeverityWarning = finding.Warning
)

// ParseError is a problem found at one position of an X9 file, by the
// Reader or by the Writer (which validates what it emits). It is the only
// error type the package reports for file content.
//
// Offset is the byte offset of the record's first byte in the input (its
// length prefix, when the file has them); RecordNumber the 1-based position
// of the record in the file. RecordType is the two-digit type ("25"),
// Record the layout name ("check_detail") and Field the field's name from
// the layout tables ("item_amount"); Column is the 1-based position of the
// field within the record, not counting the length prefix (0 when the
// problem is the whole record). Names are stable identifiers tools may rely
// on.
type ParseError struct {
	Offset       int64  `json:"offset"`
	RecordNumber int    `json:"record_number"`
	RecordType   string `json:"record_type,omitempty"`
	Record       string `json:"record,omitempty"`
	Field        string `json:"field,omitempty"`
	Column       int    `json:"column,omitempty"`
	Value        string `json:"value,omitempty"`
	// Expected is the value the rule wanted, where there is one (a
	// recomputed control, a check digit, a fixed value).
	Expected string   `json:"expected,omitempty"`
	Severity Severity `json:"severity"`
	// Msg says what is wrong in words, with expected and found values.
	Msg string `json:"message"`
	// Err is the sentinel (ErrCheckDigit, ErrControl, …) the problem
	// belongs to.
	Err error `json:"-"`
}

// Error renders the finding as
// "rdc: record N (type 25) at offset O: check_detail.item_amount (col 48): message".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("rdc: ")
	if e.RecordNumber > 0 {
		fmt.Fprintf(&b, "record %d", e.RecordNumber)
		if e.RecordType != "" {
			fmt.Fprintf(&b, " (type %s)", e.RecordType)
		}
		fmt.Fprintf(&b, " at offset %d: ", e.Offset)
	} else if e.Offset > 0 {
		fmt.Fprintf(&b, "offset %d: ", e.Offset)
	}
	if e.Record != "" {
		b.WriteString(e.Record)
		if e.Field != "" {
			b.WriteByte('.')
			b.WriteString(e.Field)
		}
		if e.Column > 0 {
			fmt.Fprintf(&b, " (col %d)", e.Column)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Severity == SeverityWarning {
		b.WriteString(" [warning]")
	}
	return b.String()
}

// Unwrap returns the sentinel error.
func (e *ParseError) Unwrap() error { return e.Err }

// Errors is the list of error-severity findings of a file. It is what
// Reader.Err returns when a file is invalid; errors.Is matches any sentinel
// that one of its elements wraps, and errors.As finds the first
// *ParseError.
type Errors []*ParseError

// Error renders the first finding and how many more there are.
func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "rdc: no errors"
	case 1:
		return es[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", es[0].Error(), len(es)-1)
}

// Unwrap exposes each finding to errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
