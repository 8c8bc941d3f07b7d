package cutoffs

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// A Rail is a payment rail. Its value is the rail's name in window ids,
// configuration and the CLI.
type Rail string

// The rails. Internal and Card have no cutoff: they settle in near real
// time (up to 30 minutes).
const (
	ACH      Rail = "ach"      // ACH-US: NACHA files to the ODFI
	RPPS     Rail = "rpps"     // RPPS-US: bill payments, NACHA format
	Wire     Rail = "wire"     // WIRE-US: Fedwire Funds
	SWIFT    Rail = "swift"    // WIRE-INT: international wires
	Check    Rail = "check"    // CHECK-US: printed checks
	RDC      Rail = "rdc"      // remote deposit capture (X9.100-187)
	Internal Rail = "internal" // node ↔ node on the platform's ledger
	Card     Rail = "card"     // INTERCHANGE-US: card push/pull
)

// rails lists every rail in display order; a rail's index in it is its
// slot in a Resolver's tables.
var rails = [...]Rail{ACH, RPPS, Wire, SWIFT, Check, RDC, Internal, Card}

// Rails returns every rail, in the order the CLI lists them.
func Rails() []Rail { return slices.Clone(rails[:]) }

func (r Rail) index() int {
	switch r {
	case ACH:
		return 0
	case RPPS:
		return 1
	case Wire:
		return 2
	case SWIFT:
		return 3
	case Check:
		return 4
	case RDC:
		return 5
	case Internal:
		return 6
	case Card:
		return 7
	}
	return -1
}

// Valid reports whether r is one of the rail constants.
func (r Rail) Valid() bool { return r.index() >= 0 }

// HasCutoff reports whether r is cut in windows (every rail but Internal
// and Card).
func (r Rail) HasCutoff() bool { return r.Valid() && r != Internal && r != Card }

// Title is r's name for people: "Fedwire (WIRE-US)".
func (r Rail) Title() string {
	switch r {
	case ACH:
		return "ACH (ACH-US)"
	case RPPS:
		return "RPPS (RPPS-US)"
	case Wire:
		return "Fedwire (WIRE-US)"
	case SWIFT:
		return "SWIFT (WIRE-INT)"
	case Check:
		return "Checks (CHECK-US)"
	case RDC:
		return "Remote deposit (RDC)"
	case Internal:
		return "Internal transfers"
	case Card:
		return "Card (INTERCHANGE-US)"
	}
	return string(r)
}

// railAliases maps the other names a rail goes by (the platform's node
// types and common names) to the rail.
var railAliases = map[string]Rail{
	"ach-us": ACH, "rpps-us": RPPS,
	"fedwire": Wire, "wire-us": Wire,
	"wire-int": SWIFT, "international-wire": SWIFT,
	"check-us": Check, "checks": Check,
	"remote-deposit": RDC,
	"interchange":    Card, "interchange-us": Card,
}

// ParseRail returns the rail named s, case-insensitively, accepting the
// platform's node types as aliases: ach-us, rpps-us, fedwire and wire-us
// (wire), wire-int and international-wire (swift), check-us and checks
// (check), remote-deposit (rdc), interchange and interchange-us (card).
// Underscores count as hyphens.
func ParseRail(s string) (Rail, error) {
	k := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")
	if r := Rail(k); r.Valid() {
		return r, nil
	}
	if r, ok := railAliases[k]; ok {
		return r, nil
	}
	return "", fmt.Errorf("%w %q: want one of ach, rpps, wire, swift, check, rdc, internal, card", ErrUnknownRail, s)
}

// A Speed is an ACH batch speed. Other rails have one speed and leave it
// empty.
type Speed string

// The ACH speeds.
const (
	SameDay Speed = "same_day"
	NextDay Speed = "next_day"
)

// ParseSpeed returns the speed named s, case-insensitively: same_day,
// same-day, sameday, ach_same_day (and the same for next day).
func ParseSpeed(s string) (Speed, error) {
	k := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	switch strings.TrimPrefix(k, "ach") {
	case "sameday":
		return SameDay, nil
	case "nextday":
		return NextDay, nil
	}
	return "", fmt.Errorf("%w %q: want same-day or next-day", ErrUnknownSpeed, s)
}

// idPart is the speed as written in window ids: "same-day".
func (s Speed) idPart() string {
	if s == SameDay {
		return "same-day"
	}
	return "next-day"
}

func (s Speed) index() int {
	if s == SameDay {
		return 1
	}
	return 0
}

// Defaults of the platform's schedule (seed 002).
const (
	DefaultZone              = "America/Los_Angeles"
	DefaultSameDayLimitCents = 100_000_000 // $1,000,000.00 per entry
	DefaultRDCHoldDays       = 6
)

// A Schedule is the configuration of cutoff windows: plain data, with the
// JSON names used in configuration files. The zero value of a field means
// its default; New validates a Schedule and compiles it.
type Schedule struct {
	// Zone is the IANA time zone of the platform date and of every window
	// that names none. Default America/Los_Angeles. "Local" is refused:
	// the host's zone never decides a cutoff.
	Zone string `json:"zone,omitempty"`
	// Windows are the cutoffs of every rail. Each rail with a cutoff needs
	// at least one window; ACH needs at least one same_day and one
	// next_day window.
	Windows []Window `json:"windows,omitempty"`
	// SameDayLimitCents is the largest same-day ACH entry, in cents.
	// Default 100,000,000 ($1,000,000.00); larger entries go next day.
	SameDayLimitCents int64 `json:"same_day_limit_cents,omitempty"`
	// RDCHoldDays is the number of banking days after the deposit day on
	// which RDC credits become available. Default 6 (1 to 60 accepted;
	// below 3 leaves the platform exposed to NSF returns, see Warnings).
	RDCHoldDays int `json:"rdc_hold_days,omitempty"`
	// Closed lists ad-hoc closures (weekdays that are not Fed holidays).
	Closed []Date `json:"closed,omitempty"`
	// Open lists ad-hoc openings (Fed holidays on which the banks open).
	Open []Date `json:"open,omitempty"`
}

// A Window is one daily cutoff of a rail.
type Window struct {
	// Rail is the rail's name; ParseRail's aliases are accepted.
	Rail Rail `json:"rail"`
	// Speed is same_day or next_day for ACH windows, and empty for every
	// other rail.
	Speed Speed `json:"speed,omitempty"`
	// Name tells apart several windows of one rail and speed ("sd1",
	// "sd2"): 1 to 16 lower-case letters and digits, unique within the
	// rail and speed. It is required when there are several and then
	// appears in the window id. Optional for a single window.
	Name string `json:"name,omitempty"`
	// Cutoff is the wall-clock time of the cutoff, "HH:MM" (24-hour). A
	// transaction is in the window when it arrives at or before
	// HH:MM:00.000.
	Cutoff string `json:"cutoff"`
	// Zone is the IANA zone of Cutoff; default the Schedule's Zone. The
	// cutoff must fall on the same date in the Schedule's zone (checked
	// over a whole year), so a window belongs to exactly one platform date.
	Zone string `json:"zone,omitempty"`
}

// DefaultSchedule returns the platform's documented schedule (seed 002,
// "Cutoff per rail"), in America/Los_Angeles: ACH same-day 11:00, ACH
// next-day 15:00, RPPS 13:00, Fedwire 12:00, SWIFT 09:00, checks 15:00,
// RDC 15:00 with a 6-banking-day hold, same-day limit $1,000,000.00.
func DefaultSchedule() Schedule {
	return Schedule{
		Zone: DefaultZone,
		Windows: []Window{
			{Rail: ACH, Speed: SameDay, Cutoff: "11:00"},
			{Rail: ACH, Speed: NextDay, Cutoff: "15:00"},
			{Rail: RPPS, Cutoff: "13:00"},
			{Rail: Wire, Cutoff: "12:00"},
			{Rail: SWIFT, Cutoff: "09:00"},
			{Rail: Check, Cutoff: "15:00"},
			{Rail: RDC, Cutoff: "15:00"},
		},
		SameDayLimitCents: DefaultSameDayLimitCents,
		RDCHoldDays:       DefaultRDCHoldDays,
	}
}

// Override returns s with the fields set in o replacing its own: a
// non-empty Zone, a non-zero limit or hold, non-nil Closed or Open lists.
// Windows are replaced per rail and speed: when o has any window for, say,
// ACH same_day, those replace every ACH same_day window of s, and the
// other rails and speeds keep s's windows. o's windows come first in the
// result, so a field path in a Validate error ("windows[1].cutoff") points
// into o.
func (s Schedule) Override(o Schedule) Schedule {
	out := s
	if o.Zone != "" {
		out.Zone = o.Zone
	}
	if o.SameDayLimitCents != 0 {
		out.SameDayLimitCents = o.SameDayLimitCents
	}
	if o.RDCHoldDays != 0 {
		out.RDCHoldDays = o.RDCHoldDays
	}
	if o.Closed != nil {
		out.Closed = slices.Clone(o.Closed)
	} else {
		out.Closed = slices.Clone(s.Closed)
	}
	if o.Open != nil {
		out.Open = slices.Clone(o.Open)
	} else {
		out.Open = slices.Clone(s.Open)
	}
	replaced := make(map[[2]string]bool)
	for _, w := range o.Windows {
		replaced[w.group()] = true
	}
	out.Windows = slices.Clone(o.Windows)
	for _, w := range s.Windows {
		if !replaced[w.group()] {
			out.Windows = append(out.Windows, w)
		}
	}
	return out
}

// group is the (rail, speed) a window belongs to, with aliases resolved
// where they parse.
func (w Window) group() [2]string {
	k := [2]string{string(w.Rail), string(w.Speed)}
	if r, err := ParseRail(string(w.Rail)); err == nil {
		k[0] = string(r)
	}
	if sp, err := ParseSpeed(string(w.Speed)); err == nil {
		k[1] = string(sp)
	}
	return k
}

// describe names a window for error messages: `ach same_day window "sd2"`.
func (w Window) describe() string {
	s := string(w.Rail)
	if w.Speed != "" {
		s += " " + string(w.Speed)
	}
	s += " window"
	if w.Name != "" {
		s += fmt.Sprintf(" %q", w.Name)
	}
	return s
}

// Warnings returns advice about a valid Schedule that is allowed but
// risky (today: an RDC hold under 3 banking days).
func (s Schedule) Warnings() []string {
	var out []string
	if s.RDCHoldDays > 0 && s.RDCHoldDays < 3 {
		out = append(out, fmt.Sprintf("rdc_hold_days = %d: RDC credits become available before the 3 banking days in which NSF returns arrive", s.RDCHoldDays))
	}
	return out
}

// Validate checks s and returns nil or every problem found: one
// *ScheduleError, or several in an error whose Unwrap() []error lists
// them (errors.As and errors.Is see each).
func (s Schedule) Validate() error {
	_, err := s.compile()
	return err
}

// compiled is a validated Schedule, ready for a Resolver.
type compiled struct {
	loc          *time.Location
	cal          *Calendar
	groups       [len(rails)][2][]cwindow // by rail index, then speed index
	sameDayLimit int64
	rdcHold      int
}

// cwindow is a compiled Window.
type cwindow struct {
	name      string
	hour, min int
	loc       *time.Location
}

// compile validates s and builds its tables.
func (s Schedule) compile() (*compiled, error) {
	var errs []error
	bad := func(field, window, value, reason string, a ...any) {
		errs = append(errs, &ScheduleError{Field: field, Window: window, Value: value, Reason: fmt.Sprintf(reason, a...)})
	}
	c := &compiled{sameDayLimit: s.SameDayLimitCents, rdcHold: s.RDCHoldDays}

	zone := s.Zone
	if zone == "" {
		zone = DefaultZone
	}
	loc, err := loadZone(zone)
	zoneOK := err == nil
	if !zoneOK {
		bad("zone", "", s.Zone, "%v", err)
		loc = time.UTC // keep checking the windows
	}
	c.loc = loc

	switch {
	case c.sameDayLimit == 0:
		c.sameDayLimit = DefaultSameDayLimitCents
	case c.sameDayLimit < 0:
		bad("same_day_limit_cents", "", fmt.Sprint(s.SameDayLimitCents), "must not be negative")
	}
	switch {
	case c.rdcHold == 0:
		c.rdcHold = DefaultRDCHoldDays
	case c.rdcHold < 1 || c.rdcHold > 60:
		bad("rdc_hold_days", "", fmt.Sprint(s.RDCHoldDays), "must be 1 to 60 banking days")
	}

	var seen [len(rails)][2]bool // groups with a window, valid or not
	for i, w := range s.Windows {
		field := fmt.Sprintf("windows[%d]", i)
		desc := w.describe()
		rail, err := ParseRail(string(w.Rail))
		if err != nil {
			bad(field+".rail", desc, string(w.Rail), "unknown rail: want one of ach, rpps, wire, swift, check, rdc")
			continue
		}
		if !rail.HasCutoff() {
			bad(field+".rail", desc, string(w.Rail), "%s transfers have no cutoff (near real time); remove the window", rail)
			continue
		}
		var speed Speed
		switch {
		case rail == ACH && w.Speed == "":
			bad(field+".speed", desc, "", "required for ach windows: same_day or next_day")
			continue
		case rail == ACH:
			if speed, err = ParseSpeed(string(w.Speed)); err != nil {
				bad(field+".speed", desc, string(w.Speed), "want same_day or next_day")
				continue
			}
		case w.Speed != "":
			bad(field+".speed", desc, string(w.Speed), "only ach windows have a speed; leave it out for %s", rail)
			continue
		}
		seen[rail.index()][speed.index()] = true
		if w.Name != "" && !validName(w.Name) {
			bad(field+".name", desc, w.Name, "want 1 to 16 lower-case letters and digits")
		}
		h, m, ok := parseClock(w.Cutoff)
		if !ok {
			bad(field+".cutoff", desc, w.Cutoff, "want a 24-hour time HH:MM, 00:00 to 23:59")
		}
		wloc := loc
		if w.Zone != "" {
			if wloc, err = loadZone(w.Zone); err != nil {
				bad(field+".zone", desc, w.Zone, "%v", err)
				continue
			}
		}
		if !ok {
			continue
		}
		cw := cwindow{name: w.Name, hour: h, min: m, loc: wloc}
		if zoneOK && wloc != loc {
			if d, moved := dateDrift(cw, loc); moved {
				bad(field+".cutoff", desc, w.Cutoff, "in %s it falls on another date in the schedule zone %s (on %s); a window must fall on its platform date", w.Zone, zone, d)
				continue
			}
		}
		g := &c.groups[rail.index()][speed.index()]
		for _, o := range *g {
			switch {
			case o.name == cw.name && cw.name != "":
				bad(field+".name", desc, w.Name, "another %s window has this name", w.group()[0])
			case o.hour == cw.hour && o.min == cw.min && o.loc.String() == cw.loc.String():
				bad(field+".cutoff", desc, w.Cutoff, "another window of the same rail and speed has this cutoff")
			}
		}
		*g = append(*g, cw)
	}
	for _, r := range rails {
		if !r.HasCutoff() {
			continue
		}
		speeds := []Speed{""} // one speed: slot 0
		if r == ACH {
			speeds = []Speed{SameDay, NextDay}
		}
		for _, sp := range speeds {
			name := strings.TrimSpace(string(r) + " " + string(sp))
			g := c.groups[r.index()][sp.index()]
			if !seen[r.index()][sp.index()] {
				bad("windows", "", "", "no %s window: every rail with a cutoff needs one", name)
			}
			if len(g) > 1 && slices.ContainsFunc(g, func(w cwindow) bool { return w.name == "" }) {
				bad("windows", "", "", "%s has %d windows: each needs a name", name, len(g))
			}
		}
	}
	for i, d := range s.Closed {
		if p := overrideProblem(d, true); p != "" {
			bad(fmt.Sprintf("closed[%d]", i), "", d.String(), "%s", p)
		}
	}
	for i, d := range s.Open {
		if p := overrideProblem(d, false); p != "" {
			bad(fmt.Sprintf("open[%d]", i), "", d.String(), "%s", p)
		}
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	if c.cal, err = NewCalendar(s.Closed, s.Open); err != nil {
		return nil, err // unreachable: the overrides were checked above
	}
	return c, nil
}

// joinErrors is errors.Join, except that one error is returned as itself.
func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return &multiError{errs}
}

// multiError is like errors.Join's result, with the problems indented
// under a heading so that the list reads as one message.
type multiError struct{ errs []error }

func (e *multiError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cutoffs: %d problems in the schedule:", len(e.errs))
	for _, err := range e.errs {
		b.WriteString("\n  ")
		b.WriteString(strings.TrimPrefix(err.Error(), "cutoffs: "))
	}
	return b.String()
}

func (e *multiError) Unwrap() []error { return e.errs }

// loadZone loads an IANA zone, refusing the host's.
func loadZone(name string) (*time.Location, error) {
	if name == "Local" {
		return nil, fmt.Errorf(`"Local" is the host's zone; name an IANA zone such as %s`, DefaultZone)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone: want an IANA name such as %s or America/New_York", DefaultZone)
	}
	return loc, nil
}

// validName reports whether s is 1 to 16 lower-case ASCII letters and
// digits.
func validName(s string) bool {
	if len(s) < 1 || len(s) > 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// parseClock parses "HH:MM".
func parseClock(s string) (h, m int, ok bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, false
	}
	h, ok1 := digits(s[:2])
	m, ok2 := digits(s[3:])
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// dateDrift reports a date of 2026 on which the window's cutoff, in its
// own zone, falls on another date in the schedule's zone loc.
func dateDrift(w cwindow, loc *time.Location) (Date, bool) {
	for d := (Date{2026, time.January, 1}); d.Year == 2026; d = d.AddDays(1) {
		if DateOf(d.At(w.hour, w.min, w.loc).In(loc)) != d {
			return d, true
		}
	}
	return Date{}, false
}
