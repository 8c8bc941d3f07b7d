package returns

import (
	"errors"
	"fmt"
)

// Errors returned by the package, wrapped with the offending value; match
// them with errors.Is.
var (
	// ErrUnknownCode: a code (or network reason) that no table of the
	// family lists. A strict Policy returns it; a lenient one maps the item
	// with the family's defaults and sets StatusChange.Unknown.
	ErrUnknownCode = errors.New("returns: unknown code")
	// ErrUnknownFamily: a family name other than ach, noc, rpps, check,
	// wire (or, for network reasons, x9, iso20022, faim).
	ErrUnknownFamily = errors.New("returns: unknown family")
	// ErrNotReturn: the input is not a return-family item (an ACH entry
	// without addenda 99, a forward entry), or a NOC was given where a
	// return was expected and the reverse.
	ErrNotReturn = errors.New("returns: not a return item")
	// ErrRejectReturn: an X9 cash letter with Returns Indicator J carries a
	// return that we sent and the paying side rejected; it has no CHR code
	// and changes no status (an operations task).
	ErrRejectReturn = errors.New("returns: rejected return (returns indicator J), not a CHR code")
	// ErrInvalidConfig: a PolicyConfig that Validate refuses.
	ErrInvalidConfig = errors.New("returns: invalid policy configuration")
)

// A ConfigError is one problem of a PolicyConfig: the field's path in the
// configuration's JSON form ("codes.R02.window"), the value as written and
// what is wrong. It wraps ErrInvalidConfig (and ErrUnknownCode when the key
// names no code).
type ConfigError struct {
	Field string
	Value string
	Msg   string
	Err   error
}

func (e *ConfigError) Error() string {
	if e.Value != "" {
		return fmt.Sprintf("returns: %s = %q: %s", e.Field, e.Value, e.Msg)
	}
	return fmt.Sprintf("returns: %s: %s", e.Field, e.Msg)
}

// Unwrap returns ErrInvalidConfig and the more specific sentinel, if any.
func (e *ConfigError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrInvalidConfig, e.Err}
	}
	return []error{ErrInvalidConfig}
}
