package cutoffs

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDefaultScheduleValid(t *testing.T) {
	s := DefaultSchedule()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("warnings: %v", w)
	}
	// The zero Schedule's defaults are the same, but it has no windows.
	var zero Schedule
	if err := zero.Validate(); err == nil || !strings.Contains(err.Error(), "no ach next_day window") {
		t.Errorf("zero Schedule: %v", err)
	}
	// JSON round trip.
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Schedule
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Windows, s.Windows) || back.Zone != s.Zone || back.RDCHoldDays != s.RDCHoldDays {
		t.Errorf("round trip: %s", b)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		config string // JSON, laid over DefaultSchedule
		want   []string
	}{
		{"unknown zone", `{"zone": "Mars/Olympus"}`, []string{`zone = "Mars/Olympus": unknown time zone`}},
		{"host zone", `{"zone": "Local"}`, []string{`zone = "Local": "Local" is the host's zone`}},
		{"bad cutoff", `{"windows": [{"rail": "wire", "cutoff": "25:00"}]}`,
			[]string{`windows[0].cutoff = "25:00" (wire window): want a 24-hour time HH:MM`}},
		{"cutoff with seconds", `{"windows": [{"rail": "wire", "cutoff": "12:00:00"}]}`, []string{`windows[0].cutoff = "12:00:00"`}},
		{"unknown rail", `{"windows": [{"rail": "rtp", "cutoff": "12:00"}]}`, []string{`windows[0].rail = "rtp" (rtp window): unknown rail`}},
		{"real-time rail", `{"windows": [{"rail": "card", "cutoff": "12:00"}]}`, []string{`windows[0].rail = "card" (card window): card transfers have no cutoff`}},
		{"ach without speed", `{"windows": [{"rail": "ach", "cutoff": "12:00"}]}`, []string{`windows[0].speed (ach window): required for ach windows`}},
		{"ach bad speed", `{"windows": [{"rail": "ach", "speed": "rtp", "cutoff": "12:00"}]}`, []string{`windows[0].speed = "rtp" (ach rtp window): want same_day or next_day`}},
		{"speed on a wire", `{"windows": [{"rail": "wire", "speed": "same_day", "cutoff": "12:00"}]}`, []string{`windows[0].speed = "same_day" (wire same_day window): only ach windows have a speed`}},
		{"two windows, no names", `{"windows": [{"rail": "ach", "speed": "same_day", "cutoff": "08:00"}, {"rail": "ach", "speed": "same_day", "cutoff": "11:00"}]}`,
			[]string{`windows: ach same_day has 2 windows: each needs a name`}},
		{"duplicate names", `{"windows": [{"rail": "ach", "speed": "same_day", "name": "a", "cutoff": "08:00"}, {"rail": "ach", "speed": "same_day", "name": "a", "cutoff": "11:00"}]}`,
			[]string{`windows[1].name = "a" (ach same_day window "a"): another ach window has this name`}},
		{"duplicate cutoffs", `{"windows": [{"rail": "rpps", "name": "a", "cutoff": "08:00"}, {"rail": "rpps", "name": "b", "cutoff": "08:00"}]}`,
			[]string{`windows[1].cutoff = "08:00" (rpps window "b"): another window of the same rail and speed has this cutoff`}},
		{"bad name", `{"windows": [{"rail": "wire", "name": "AM-1", "cutoff": "12:00"}]}`, []string{`windows[0].name = "AM-1"`, "lower-case letters and digits"}},
		{"window zone on another date", `{"windows": [{"rail": "swift", "cutoff": "10:00", "zone": "Asia/Tokyo"}]}`,
			[]string{`windows[0].cutoff = "10:00" (swift window): in Asia/Tokyo it falls on another date in the schedule zone America/Los_Angeles (on 2026-01-01)`}},
		{"window zone unknown", `{"windows": [{"rail": "swift", "cutoff": "10:00", "zone": "Europe/Nowhere"}]}`, []string{`windows[0].zone = "Europe/Nowhere" (swift window): unknown time zone`}},
		{"negative limit", `{"same_day_limit_cents": -5}`, []string{`same_day_limit_cents = "-5": must not be negative`}},
		{"hold too long", `{"rdc_hold_days": 61}`, []string{`rdc_hold_days = "61": must be 1 to 60 banking days`}},
		{"closed weekend", `{"closed": ["2026-07-04"]}`, []string{`closed[0] = "2026-07-04": a Saturday: weekends are always closed`}},
		{"closed holiday", `{"closed": ["2026-11-26"]}`, []string{`closed[0] = "2026-11-26": already a Fed holiday`}},
		{"open non-holiday", `{"open": ["2026-11-27"]}`, []string{`open[0] = "2026-11-27": not a Fed holiday: nothing to open`}},
		{"several problems", `{"zone": "Nowhere", "rdc_hold_days": -1, "windows": [{"rail": "wire", "cutoff": "noon"}]}`,
			[]string{"cutoffs: 3 problems in the schedule:\n  zone", "\n  windows[0].cutoff", "\n  rdc_hold_days"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o Schedule
			if err := json.Unmarshal([]byte(tt.config), &o); err != nil {
				t.Fatal(err)
			}
			err := DefaultSchedule().Override(o).Validate()
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrInvalidSchedule) {
				t.Errorf("error %v is not ErrInvalidSchedule", err)
			}
			var se *ScheduleError
			if !errors.As(err, &se) || se.Field == "" {
				t.Errorf("error %v is not a *ScheduleError with a field", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error:\n%v\nwant it to contain\n%s", err, w)
				}
			}
			if _, err := New(DefaultSchedule().Override(o)); err == nil {
				t.Error("New accepted it")
			}
		})
	}
}

func TestValidSchedules(t *testing.T) {
	for _, config := range []string{
		`{"zone": "America/New_York"}`,
		`{"windows": [{"rail": "fedwire", "cutoff": "13:30"}]}`, // aliases
		`{"windows": [{"rail": "ACH-US", "speed": "SAMEDAY", "cutoff": "10:00"}]}`,
		`{"closed": ["2026-11-19"], "open": ["2026-10-12"]}`,
		`{"rdc_hold_days": 2, "same_day_limit_cents": 2500000}`,
		`{"windows": [{"rail": "check", "name": "am", "cutoff": "09:00"}, {"rail": "check", "name": "pm", "cutoff": "15:00"}]}`,
		`{"windows": [{"rail": "wire", "cutoff": "15:00", "zone": "America/New_York"}]}`,
	} {
		var o Schedule
		if err := json.Unmarshal([]byte(config), &o); err != nil {
			t.Fatal(err)
		}
		if err := DefaultSchedule().Override(o).Validate(); err != nil {
			t.Errorf("%s: %v", config, err)
		}
	}
}

func TestOverride(t *testing.T) {
	base := DefaultSchedule()
	o := Schedule{
		Zone:    "America/Chicago",
		Windows: []Window{{Rail: "ach-us", Speed: "same-day", Name: "early", Cutoff: "08:00"}, {Rail: ACH, Speed: SameDay, Name: "late", Cutoff: "12:00"}},
		Closed:  []Date{{2026, 11, 19}},
	}
	got := base.Override(o)
	if got.Zone != "America/Chicago" || got.RDCHoldDays != DefaultRDCHoldDays || got.SameDayLimitCents != DefaultSameDayLimitCents {
		t.Errorf("scalars: %+v", got)
	}
	if len(got.Windows) != len(base.Windows)+1 {
		t.Fatalf("windows: %+v", got.Windows)
	}
	if got.Windows[0].Name != "early" || got.Windows[1].Name != "late" {
		t.Errorf("the override's windows come first: %+v", got.Windows[:2])
	}
	for _, w := range got.Windows[2:] {
		if w.Rail == ACH && w.Speed == SameDay {
			t.Errorf("default same-day window kept: %+v", w)
		}
	}
	if !slices.Contains(got.Windows, Window{Rail: ACH, Speed: NextDay, Cutoff: "15:00"}) {
		t.Error("next-day window lost")
	}
	if len(got.Closed) != 1 || len(base.Closed) != 0 {
		t.Error("Closed not overridden, or base changed")
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	// An empty override changes nothing.
	if e := base.Override(Schedule{}); !slices.Equal(e.Windows, base.Windows) || e.Zone != base.Zone {
		t.Error("empty override changed the schedule")
	}
}

func TestWarnings(t *testing.T) {
	s := DefaultSchedule()
	s.RDCHoldDays = 2
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "NSF") {
		t.Errorf("Warnings = %v", w)
	}
}

func TestParseRail(t *testing.T) {
	for in, want := range map[string]Rail{
		"ach": ACH, "ACH-US": ACH, "ach_us": ACH, "rpps": RPPS, "RPPS-US": RPPS,
		"wire": Wire, "fedwire": Wire, "WIRE-US": Wire, "swift": SWIFT, "wire-int": SWIFT, "WIRE_INT": SWIFT,
		"check": Check, "CHECK-US": Check, "rdc": RDC, "internal": Internal, "card": Card, "INTERCHANGE-US": Card,
	} {
		if got, err := ParseRail(in); err != nil || got != want {
			t.Errorf("ParseRail(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "rtp", "wire-eu"} {
		if _, err := ParseRail(bad); !errors.Is(err, ErrUnknownRail) {
			t.Errorf("ParseRail(%q) error = %v", bad, err)
		}
	}
	if got := Rails(); len(got) != 8 || got[0] != ACH || got[7] != Card {
		t.Errorf("Rails() = %v", got)
	}
}

func TestParseSpeed(t *testing.T) {
	for in, want := range map[string]Speed{
		"same-day": SameDay, "same_day": SameDay, "sameday": SameDay, "SAMEDAY": SameDay, "ach_same_day": SameDay,
		"next-day": NextDay, "next_day": NextDay, "nextday": NextDay, "NEXTDAY": NextDay, "ach_next_day": NextDay,
	} {
		if got, err := ParseSpeed(in); err != nil || got != want {
			t.Errorf("ParseSpeed(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "rtp", "same"} {
		if _, err := ParseSpeed(bad); !errors.Is(err, ErrUnknownSpeed) {
			t.Errorf("ParseSpeed(%q) error = %v", bad, err)
		}
	}
}
