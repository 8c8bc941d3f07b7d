package cutoffs

import (
	"errors"
	"fmt"
)

// Errors returned by the package, wrapped with the offending value; match
// them with errors.Is.
var (
	ErrInvalidDate     = errors.New("cutoffs: invalid date")
	ErrOutOfRange      = errors.New("cutoffs: date outside 1990-2100")
	ErrUnknownRail     = errors.New("cutoffs: unknown rail")
	ErrUnknownSpeed    = errors.New("cutoffs: unknown speed")
	ErrSpeedNotACH     = errors.New("cutoffs: speed applies to the ach rail only")
	ErrNoTime          = errors.New("cutoffs: no submission time")
	ErrNegativeAmount  = errors.New("cutoffs: negative amount")
	ErrInvalidSchedule = errors.New("cutoffs: invalid schedule")
)

// A ScheduleError is one problem with one field of a Schedule. Validate
// returns every problem it finds (see Schedule.Validate); each wraps
// ErrInvalidSchedule.
type ScheduleError struct {
	// Field is the field's path in the Schedule's JSON form:
	// "zone", "windows[2].cutoff", "closed[0]".
	Field string
	// Window describes the window the field belongs to, as
	// `ach same_day window "sd2"`; empty for fields outside windows.
	Window string
	// Value is the offending value as written.
	Value string
	// Reason says what is wrong and what is accepted.
	Reason string
}

func (e *ScheduleError) Error() string {
	s := "cutoffs: " + e.Field
	if e.Value != "" {
		s += fmt.Sprintf(" = %q", e.Value)
	}
	if e.Window != "" {
		s += " (" + e.Window + ")"
	}
	return s + ": " + e.Reason
}

// Unwrap returns ErrInvalidSchedule.
func (e *ScheduleError) Unwrap() error { return ErrInvalidSchedule }
