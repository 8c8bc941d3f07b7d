// Package finding holds what railyard's codecs (ach, rdc, wire) share
// about their findings: how severe one is. Each codec keeps its own
// positioned error type; this package stays standard library only, as
// they do.
package finding

import "fmt"

// Severity says whether a finding makes a file invalid.
type Severity uint8

const (
	// Error makes the file invalid in the profile that reported it.
	Error Severity = iota
	// Warning is a deviation that the profile accepts.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText renders the severity as "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses "error" or "warning".
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("unknown severity %q", b)
	}
	return nil
}
