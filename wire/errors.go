package wire

import (
	"errors"
	"fmt"
	"strings"

	sev "github.com/railyardhq/railyard/internal/finding"
)

// Sentinel errors. Every *ParseError wraps exactly one of them, so callers
// can match a class of problem with errors.Is whatever the message, tag or
// element.
var (
	ErrFormat        = errors.New("wire: not a Fedwire message file")
	ErrSyntax        = errors.New("wire: syntax error")
	ErrUnknownTag    = errors.New("wire: unknown FAIM tag")
	ErrMissing       = errors.New("wire: mandatory tag or element missing")
	ErrNotPermitted  = errors.New("wire: tag or element not permitted here")
	ErrLength        = errors.New("wire: element length")
	ErrDelimiter     = errors.New("wire: element delimiter")
	ErrValue         = errors.New("wire: invalid value")
	ErrNumeric       = errors.New("wire: numeric element has non-digits")
	ErrDate          = errors.New("wire: invalid date or time")
	ErrCheckDigit    = errors.New("wire: check digit (routing number or IBAN)")
	ErrAmount        = errors.New("wire: invalid amount")
	ErrCode          = errors.New("wire: unknown code")
	ErrCharacter     = errors.New("wire: invalid character")
	ErrUnsupported   = errors.New("wire: message type not supported")
	ErrTooManyErrors = errors.New("wire: too many errors")
	ErrWriterState   = errors.New("wire: writer call out of order")
)

// Severity says whether a finding makes a message (and the file) invalid:
// SeverityError in the profile that reported it, or SeverityWarning, a
// deviation the profile accepts. It renders as "error" or "warning" in
// text and JSON.
type Severity = sev.Severity

// The severities.
const (
	SeverityError   = sev.Error
	SeverityWarning = sev.Warning
)

// ParseError is a problem found at one position of a Fedwire file, by a
// reader or by a writer (which validates what it emits). It is the only
// error type the package reports for file content.
//
// Line and Column are 1-based (Column counts bytes); Offset is the byte
// offset from the start of the input. Message is the 1-based ordinal of the
// message in the file, 0 for a problem outside any message. A FAIM finding
// names its Tag ("{4200}") and, below it, the Element ("identifier", with
// its 1-based ordinal in ElementIndex); an ISO 20022 finding names the
// element Path below the message root ("CdtTrfTxInf/PmtId/UETR"). These
// names are stable identifiers that tools may rely on.
type ParseError struct {
	Line         int    `json:"line"`
	Column       int    `json:"column,omitempty"`
	Offset       int64  `json:"offset"`
	Message      int    `json:"message_index,omitempty"`
	Tag          string `json:"tag,omitempty"`
	Element      string `json:"element,omitempty"`
	ElementIndex int    `json:"element_index,omitempty"`
	Path         string `json:"path,omitempty"`
	// Value is the offending text as read (cut at 64 bytes for ISO 20022).
	Value string `json:"value,omitempty"`
	// Expected is the value or shape the rule wanted, where there is one.
	Expected string   `json:"expected,omitempty"`
	Severity Severity `json:"severity"`
	// Msg says what is wrong in words.
	Msg string `json:"message"`
	// Err is the sentinel (ErrMissing, ErrLength, …) the problem belongs to.
	Err error `json:"-"`
}

// Error renders the finding as
// "wire: line N col C: message M: {4200}.identifier: text".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("wire: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, " col %d", e.Column)
		}
		b.WriteString(": ")
	}
	if e.Message > 0 {
		fmt.Fprintf(&b, "message %d: ", e.Message)
	}
	if loc := e.Location(); loc != "" {
		b.WriteString(loc)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Severity == SeverityWarning {
		b.WriteString(" [warning]")
	}
	return b.String()
}

// Location names where in the message the finding is: "{4200}.identifier",
// "{4200}", or an ISO 20022 element path; "" for the message as a whole.
func (e *ParseError) Location() string {
	switch {
	case e.Path != "":
		return e.Path
	case e.Tag != "" && e.Element != "":
		return e.Tag + "." + e.Element
	}
	return e.Tag
}

// Unwrap returns the sentinel error.
func (e *ParseError) Unwrap() error { return e.Err }

// Errors is the list of error-severity findings of a file. It is what the
// readers' Err returns when a file is invalid; errors.Is matches any
// sentinel that one of its elements wraps, and errors.As finds the first
// *ParseError.
type Errors []*ParseError

// Error renders the first finding and how many more there are.
func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "wire: no errors"
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

// Options select the validation profile of both readers. The zero value is
// the strict profile, used for everything railyard writes. Options are
// plain data; set them before the first call to Next.
type Options struct {
	// Lenient accepts what real files get wrong and keeps each deviation
	// as a warning: for FAIM a missing '*' delimiter, elements padded to
	// their maximum (the older fixed layout), a blank identification code,
	// bytes between tags, a tag whose elements cannot be separated (its raw
	// text is kept); for ISO 20022 an unexpected message version, amounts
	// with fewer than two decimals, CR/LF in free text. What cannot be
	// interpreted (an amount that is not a number, an unknown type/subtype)
	// stays an error.
	Lenient bool `json:"lenient"`
	// AllowMissingIMAD accepts FAIM messages without {1520}, as FedLine
	// Advantage originations are.
	AllowMissingIMAD bool `json:"allow_missing_imad"`
	// MaxErrors caps the findings kept (errors and warnings counted
	// separately); 0 means DefaultMaxErrors, a negative value no cap.
	MaxErrors int `json:"max_errors"`
}

// DefaultMaxErrors is the cap on kept findings when Options.MaxErrors is 0.
const DefaultMaxErrors = 1000

// findings collects a reader's findings under the Options cap.
type findings struct {
	opts    Options
	all     []*ParseError
	errs    Errors
	nWarn   int
	dropped int
}

func (f *findings) strict() Severity {
	if f.opts.Lenient {
		return SeverityWarning
	}
	return SeverityError
}

// add keeps e unless its severity is over the cap; it reports whether e
// was kept.
func (f *findings) add(e *ParseError) bool {
	max := f.opts.MaxErrors
	if max == 0 {
		max = DefaultMaxErrors
	}
	if e.Severity == SeverityError {
		if max > 0 && len(f.errs) >= max {
			f.dropped++
			return false
		}
		f.errs = append(f.errs, e)
	} else {
		if max > 0 && f.nWarn >= max {
			f.dropped++
			return false
		}
		f.nWarn++
	}
	f.all = append(f.all, e)
	return true
}
