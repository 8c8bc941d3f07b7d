package ach

import (
	"errors"
	"fmt"
	"strings"

	"github.com/railyardhq/railyard/internal/finding"
)

// Sentinel errors. Every *ParseError wraps exactly one of them, so callers
// can match a class of problem with errors.Is whatever the line or field.
var (
	ErrNotNACHA      = errors.New("ach: not a NACHA file")
	ErrRecordLength  = errors.New("ach: record length is not 94")
	ErrRecordType    = errors.New("ach: unknown record type")
	ErrSequence      = errors.New("ach: record out of order")
	ErrMissing       = errors.New("ach: required record missing")
	ErrNumeric       = errors.New("ach: numeric field has non-digits")
	ErrMandatory     = errors.New("ach: mandatory field is blank")
	ErrCharacter     = errors.New("ach: invalid character")
	ErrDate          = errors.New("ach: invalid date or time")
	ErrCheckDigit    = errors.New("ach: routing number check digit")
	ErrValue         = errors.New("ach: invalid field value")
	ErrControl       = errors.New("ach: control record does not match")
	ErrBlockFill     = errors.New("ach: block fill")
	ErrUnknownCode   = errors.New("ach: unknown code")
	ErrAddenda       = errors.New("ach: addenda error")
	ErrTrace         = errors.New("ach: trace number error")
	ErrAmount        = errors.New("ach: amount error")
	ErrReserved      = errors.New("ach: reserved field not blank")
	ErrFieldTooLong  = errors.New("ach: value too long for field")
	ErrTooManyErrors = errors.New("ach: too many errors")
	ErrWriterState   = errors.New("ach: writer call out of order")
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

// ParseError is a problem found at one position of a NACHA file, by the
// Reader or by the Writer (which validates what it emits). It is the only
// error type the package reports for file content.
//
// Line is the 1-based physical line; Column the 1-based byte column of the
// field within its record (0 when the problem is the whole record). Record is
// the record's layout name ("file_header", "entry_detail", "addenda_99", …)
// and Field the field's name from the layout tables ("total_debit", …); both
// are stable identifiers that tools may rely on.
type ParseError struct {
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
	Offset int64  `json:"offset"`
	Record string `json:"record,omitempty"`
	Field  string `json:"field,omitempty"`
	Value  string `json:"value,omitempty"`
	// Expected is the value the rule wanted, where there is one (a
	// recomputed total, a check digit, a fixed value).
	Expected string   `json:"expected,omitempty"`
	Severity Severity `json:"severity"`
	// Code is the ACH Operator's return reason code for this kind of
	// problem (R25 addenda, R26 mandatory field, R27 trace, R28 check digit,
	// R19 amount, R18 effective date), when one exists.
	Code string `json:"code,omitempty"`
	// Msg says what is wrong in words, with expected and found values.
	Msg string `json:"message"`
	// Err is the sentinel (ErrCheckDigit, ErrControl, …) the problem belongs to.
	Err error `json:"-"`
}

// Error renders the finding as "ach: line N: record.field (col C): message".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("ach: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
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
// Reader.Err and ReadFile return when a file is invalid; errors.Is matches
// any sentinel that one of its elements wraps, and errors.As finds the first
// *ParseError.
type Errors []*ParseError

// Error renders the first finding and how many more there are.
func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "ach: no errors"
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
