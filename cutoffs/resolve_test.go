package cutoffs

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// instant parses an RFC 3339 time or fails the test.
func instant(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// vector is one resolution and what it must give. Empty fields are not
// checked, except that a zero settle is checked for checks.
type vector struct {
	name    string
	at      string // RFC 3339, usually with the PT offset
	utc     string // the same instant in UTC, when the spec gives it
	rail    Rail
	speed   Speed
	amount  int64
	sec     string
	process string // Request.ProcessOn

	window   string
	cutoff   string // RFC 3339, compared as an instant
	batch    string
	eed      string
	settle   string
	avail    string
	sameDay  bool
	fallback Fallback
}

func (v vector) check(t *testing.T, r *Resolver) {
	t.Helper()
	at := instant(t, v.at)
	if v.utc != "" && !at.Equal(instant(t, v.utc)) {
		t.Fatalf("%s: %s is not %s", v.name, v.at, v.utc)
	}
	req := Request{Rail: v.rail, Speed: v.speed, At: at, AmountCents: v.amount, SEC: v.sec}
	if v.process != "" {
		req.ProcessOn = d(t, v.process)
	}
	got, err := r.Resolve(req)
	if err != nil {
		t.Fatalf("%s: %v", v.name, err)
	}
	check := func(field, got, want string) {
		t.Helper()
		if want != "" && got != want {
			t.Errorf("%s: %s = %s, want %s", v.name, field, got, want)
		}
	}
	check("window", got.WindowID(), v.window)
	if v.cutoff != "" && !got.Cutoff.Equal(instant(t, v.cutoff)) {
		t.Errorf("%s: cutoff = %s, want %s", v.name, got.Cutoff.Format(time.RFC3339), v.cutoff)
	}
	check("batch", got.BatchDate.String(), v.batch)
	check("effective", got.EffectiveDate.String(), v.eed)
	check("settlement", got.SettlementDate.String(), v.settle)
	check("available", got.AvailableDate.String(), v.avail)
	if got.SameDay != v.sameDay {
		t.Errorf("%s: SameDay = %v, want %v", v.name, got.SameDay, v.sameDay)
	}
	if got.Fallback != v.fallback {
		t.Errorf("%s: Fallback = %q, want %q", v.name, got.Fallback, v.fallback)
	}
	if got.Cutoff.Before(at) {
		t.Errorf("%s: cutoff %s before the submission %s", v.name, got.Cutoff, at)
	}
	if got.Cutoff.Location() != r.Location() {
		t.Errorf("%s: cutoff in %s, want the schedule's zone", v.name, got.Cutoff.Location())
	}
	if v.rail == Check && !got.SettlementDate.IsZero() {
		t.Errorf("%s: a check has no settlement date, got %s", v.name, got.SettlementDate)
	}
}

// specVectors are the test vectors of spec §2.2 (EED YYMMDD written as
// dates) and §7.4.
var specVectors = []vector{
	{name: "same-day 1s before the cutoff (PST)", at: "2026-03-06T10:59:59-08:00", utc: "2026-03-06T18:59:59Z", rail: ACH, speed: SameDay, amount: 100,
		window: "ach-same-day-2026-03-06", cutoff: "2026-03-06T11:00:00-08:00", eed: "2026-03-06", settle: "2026-03-06", sameDay: true},
	{name: "same-day exactly at the cutoff", at: "2026-03-06T11:00:00-08:00", utc: "2026-03-06T19:00:00Z", rail: ACH, speed: SameDay,
		window: "ach-same-day-2026-03-06", eed: "2026-03-06", sameDay: true},
	{name: "same-day 1s late: next-day batch, same-day price", at: "2026-03-06T11:00:01-08:00", utc: "2026-03-06T19:00:01Z", rail: ACH, speed: SameDay,
		window: "ach-next-day-2026-03-06", cutoff: "2026-03-06T15:00:00-08:00", eed: "2026-03-09", settle: "2026-03-09", fallback: FallbackLate},
	{name: "same-day after the next-day cutoff: Monday's same-day (PDT)", at: "2026-03-06T15:00:01-08:00", utc: "2026-03-06T23:00:01Z", rail: ACH, speed: SameDay,
		window: "ach-same-day-2026-03-09", cutoff: "2026-03-09T11:00:00-07:00", eed: "2026-03-09", settle: "2026-03-09", sameDay: true},
	{name: "first banking day after the DST change", at: "2026-03-09T10:30:00-07:00", utc: "2026-03-09T17:30:00Z", rail: ACH, speed: SameDay,
		window: "ach-same-day-2026-03-09", cutoff: "2026-03-09T18:00:00Z", eed: "2026-03-09", sameDay: true},
	{name: "over the same-day limit", at: "2026-03-10T10:00:00-07:00", utc: "2026-03-10T17:00:00Z", rail: ACH, speed: SameDay, amount: 100_000_001,
		window: "ach-next-day-2026-03-10", eed: "2026-03-11", settle: "2026-03-11", fallback: FallbackAmount},
	{name: "next-day before the cutoff, Fri 07-03 open", at: "2026-07-02T14:59:59-07:00", utc: "2026-07-02T21:59:59Z", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-07-02", eed: "2026-07-03"},
	{name: "next-day after the cutoff", at: "2026-07-02T15:00:01-07:00", utc: "2026-07-02T22:00:01Z", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-07-03", eed: "2026-07-06"},
	{name: "Saturday holiday submission", at: "2026-07-04T10:00:00-07:00", utc: "2026-07-04T17:00:00Z", rail: ACH, speed: SameDay,
		window: "ach-same-day-2026-07-06", eed: "2026-07-06", sameDay: true},
	{name: "before Thanksgiving", at: "2026-11-25T16:00:00-08:00", utc: "2026-11-26T00:00:00Z", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-11-27", cutoff: "2026-11-27T15:00:00-08:00", eed: "2026-11-30", settle: "2026-11-30"},
	{name: "New Year's Eve", at: "2026-12-31T12:00:00-08:00", utc: "2026-12-31T20:00:00Z", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-12-31", eed: "2027-01-04"},
	{name: "Independence Day on a Sunday", at: "2027-07-02T10:00:00-07:00", utc: "2027-07-02T17:00:00Z", rail: ACH, speed: NextDay,
		window: "ach-next-day-2027-07-02", eed: "2027-07-06"},
	{name: "Fri 12-31 open (New Year's Day on a Saturday)", at: "2027-12-30T15:30:00-08:00", utc: "2027-12-30T23:30:00Z", rail: ACH, speed: NextDay,
		window: "ach-next-day-2027-12-31", eed: "2028-01-03"},
	{name: "wire 1s before", at: "2026-11-25T11:59:59-08:00", utc: "2026-11-25T19:59:59Z", rail: Wire,
		window: "wire-2026-11-25", cutoff: "2026-11-25T12:00:00-08:00", eed: "2026-11-25", settle: "2026-11-25", sameDay: true},
	{name: "wire at the cutoff", at: "2026-11-25T12:00:00-08:00", utc: "2026-11-25T20:00:00Z", rail: Wire,
		window: "wire-2026-11-25", sameDay: true},
	{name: "wire 1s late", at: "2026-11-25T12:00:01-08:00", utc: "2026-11-25T20:00:01Z", rail: Wire,
		window: "wire-2026-11-27", batch: "2026-11-27", settle: "2026-11-27", sameDay: true},
	{name: "swift on the Friday before a Monday closure", at: "2027-07-02T09:30:00-07:00", utc: "2027-07-02T16:30:00Z", rail: SWIFT,
		window: "swift-2027-07-06", cutoff: "2027-07-06T09:00:00-07:00", sameDay: true},
	{name: "swift", at: "2027-03-15T08:59:00-07:00", utc: "2027-03-15T15:59:00Z", rail: SWIFT,
		window: "swift-2027-03-15", sameDay: true},
	{name: "rpps Christmas Eve", at: "2026-12-24T12:59:00-08:00", utc: "2026-12-24T20:59:00Z", rail: RPPS,
		window: "rpps-2026-12-24", cutoff: "2026-12-24T13:00:00-08:00", sameDay: true},
	{name: "rpps Christmas Eve late", at: "2026-12-24T13:00:01-08:00", utc: "2026-12-24T21:00:01Z", rail: RPPS,
		window: "rpps-2026-12-28", sameDay: true},
	{name: "check before Juneteenth", at: "2026-06-18T15:00:01-07:00", utc: "2026-06-18T22:00:01Z", rail: Check,
		window: "check-2026-06-22", batch: "2026-06-22", eed: "2026-06-22"},

	// §7.4: RDC availability (6-BD hold).
	{name: "rdc before the cutoff", at: "2026-11-24T14:59:00-08:00", rail: RDC, window: "rdc-2026-11-24", avail: "2026-12-03", settle: "2026-12-03"},
	{name: "rdc 1s late", at: "2026-11-24T15:00:01-08:00", rail: RDC, window: "rdc-2026-11-25", avail: "2026-12-04"},
	{name: "rdc Christmas Eve", at: "2026-12-24T10:00:00-08:00", rail: RDC, window: "rdc-2026-12-24", avail: "2027-01-05"},
	{name: "rdc Friday before MLK day", at: "2026-01-16T15:01:00-08:00", rail: RDC, window: "rdc-2026-01-20", avail: "2026-01-28"},
	{name: "rdc Saturday before a Monday closure", at: "2027-07-03T09:00:00-07:00", rail: RDC, window: "rdc-2027-07-06", avail: "2027-07-14"},
	{name: "rdc Fri 12-24 open", at: "2027-12-23T16:00:00-08:00", rail: RDC, window: "rdc-2027-12-24", avail: "2028-01-03"},
}

func TestSpecVectors(t *testing.T) {
	r := Default()
	for _, v := range specVectors {
		v.check(t, r)
	}
}

// TestHostZoneIgnored re-runs the vectors with the host's zone set to UTC
// and to Asia/Tokyo, and with the instants given in those zones: the
// answers must not move. (Not parallel: it sets time.Local.)
func TestHostZoneIgnored(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	for _, name := range []string{"UTC", "Asia/Tokyo", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		time.Local = loc
		// A fresh Resolver, built under the changed host zone.
		r, err := New(DefaultSchedule())
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range append(specVectors, edgeVectors...) {
			v.name = name + ": " + v.name
			v.check(t, r)
			v.at = instant(t, v.at).In(loc).Format(time.RFC3339)
			v.name += " (instant in " + name + ")"
			v.check(t, r)
		}
	}
}

// edgeVectors: DST changeover days, cutoff ±1 second, Fridays before
// Monday holidays, Saturday holidays, year ends, every rail, fallbacks.
var edgeVectors = []vector{
	// Spring forward (Sun 2026-03-08): 01:59:59 PST is followed by 03:00 PDT.
	{name: "DST spring: last PST second of the Sunday", at: "2026-03-08T01:59:59-08:00", rail: ACH, speed: SameDay,
		window: "ach-same-day-2026-03-09", cutoff: "2026-03-09T11:00:00-07:00", sameDay: true},
	{name: "DST spring: first PDT second of the Sunday", at: "2026-03-08T03:00:00-07:00", rail: Wire,
		window: "wire-2026-03-09", cutoff: "2026-03-09T12:00:00-07:00", sameDay: true},
	{name: "DST spring: Friday before, cut in PST", at: "2026-03-06T12:00:00-08:00", rail: Wire,
		window: "wire-2026-03-06", cutoff: "2026-03-06T20:00:00Z", sameDay: true},
	{name: "DST spring: Monday after, cut in PDT", at: "2026-03-09T12:00:00-07:00", rail: Wire,
		window: "wire-2026-03-09", cutoff: "2026-03-09T19:00:00Z", sameDay: true},
	{name: "DST spring: Monday after, 1s late in PDT", at: "2026-03-09T19:00:01Z", rail: Wire,
		window: "wire-2026-03-10", sameDay: true},
	// Fall back (Sun 2026-11-01): 01:30 happens twice.
	{name: "DST fall: first 01:30 (PDT)", at: "2026-11-01T01:30:00-07:00", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-11-02", cutoff: "2026-11-02T15:00:00-08:00", eed: "2026-11-03"},
	{name: "DST fall: second 01:30 (PST)", at: "2026-11-01T01:30:00-08:00", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-11-02", eed: "2026-11-03"},
	{name: "DST fall: Friday before, cut in PDT", at: "2026-10-30T22:00:00Z", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-10-30", cutoff: "2026-10-30T15:00:00-07:00"},
	{name: "DST fall: Friday before, 1s late", at: "2026-10-30T22:00:01Z", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-11-02", cutoff: "2026-11-02T23:00:00Z", eed: "2026-11-03"},
	{name: "DST fall: Monday after, same-day at 19:00Z", at: "2026-11-02T19:00:00Z", rail: ACH, speed: SameDay,
		window: "ach-same-day-2026-11-02", cutoff: "2026-11-02T11:00:00-08:00", sameDay: true},
	{name: "DST fall: Monday after, same-day 1s late", at: "2026-11-02T19:00:01Z", rail: ACH, speed: SameDay,
		window: "ach-next-day-2026-11-02", eed: "2026-11-03", fallback: FallbackLate},
	// A UTC instant on the next UTC day is still the PT day before: after
	// that day's cutoffs.
	{name: "late evening PT is the next day in UTC", at: "2026-11-25T07:59:59Z", rail: ACH, speed: SameDay,
		window: "ach-same-day-2026-11-25", batch: "2026-11-25", cutoff: "2026-11-25T11:00:00-08:00", sameDay: true},

	// Fridays after the cutoff before a Monday holiday.
	{name: "Fri before MLK day, next-day late", at: "2026-01-16T15:00:01-08:00", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-01-20", eed: "2026-01-21"},
	{name: "Fri before MLK day, same-day late", at: "2026-01-16T11:00:01-08:00", rail: ACH, speed: SameDay,
		window: "ach-next-day-2026-01-16", eed: "2026-01-20", fallback: FallbackLate},
	{name: "Fri before MLK day, same-day after 15:00", at: "2026-01-16T15:00:01-08:00", rail: ACH, speed: SameDay,
		window: "ach-same-day-2026-01-20", eed: "2026-01-20", sameDay: true},
	{name: "Fri before Labor Day, wire late", at: "2026-09-04T12:00:01-07:00", rail: Wire,
		window: "wire-2026-09-08", sameDay: true},
	{name: "Fri before Independence Day (observed Mon), rpps late", at: "2027-07-02T13:00:01-07:00", rail: RPPS,
		window: "rpps-2027-07-06", sameDay: true},
	{name: "Fri before Columbus Day, check late", at: "2026-10-09T15:00:01-07:00", rail: Check,
		window: "check-2026-10-13"},

	// Saturday holidays: the Friday before is open.
	{name: "Fri 2026-07-03 open for wires", at: "2026-07-03T11:00:00-07:00", rail: Wire,
		window: "wire-2026-07-03", sameDay: true},
	{name: "Fri 2027-06-18 open for same-day", at: "2027-06-18T10:00:00-07:00", rail: ACH, speed: SameDay,
		window: "ach-same-day-2027-06-18", eed: "2027-06-18", sameDay: true},
	{name: "Fri 2027-12-24 open for next-day", at: "2027-12-24T14:00:00-08:00", rail: ACH, speed: NextDay,
		window: "ach-next-day-2027-12-24", eed: "2027-12-27"},

	// Year ends.
	{name: "2026-12-31 next-day late: 2027-01-01 closed", at: "2026-12-31T15:00:01-08:00", rail: ACH, speed: NextDay,
		window: "ach-next-day-2027-01-04", eed: "2027-01-05"},
	{name: "2027-12-31 same-day (open)", at: "2027-12-31T10:00:00-08:00", rail: ACH, speed: SameDay,
		window: "ach-same-day-2027-12-31", eed: "2027-12-31", sameDay: true},
	{name: "2027-12-31 next-day", at: "2027-12-31T14:00:00-08:00", rail: ACH, speed: NextDay,
		window: "ach-next-day-2027-12-31", eed: "2028-01-03"},
	{name: "2028-12-29 swift late", at: "2028-12-29T09:00:01-08:00", rail: SWIFT,
		window: "swift-2029-01-02", sameDay: true},

	// Every rail at one instant (Wed 2026-11-25 10:00 PST).
	{name: "every rail: ach same-day", at: "2026-11-25T10:00:00-08:00", rail: ACH, speed: SameDay,
		window: "ach-same-day-2026-11-25", eed: "2026-11-25", settle: "2026-11-25", sameDay: true},
	{name: "every rail: ach next-day", at: "2026-11-25T10:00:00-08:00", rail: ACH, speed: NextDay,
		window: "ach-next-day-2026-11-25", eed: "2026-11-27", settle: "2026-11-27"},
	{name: "every rail: ach default speed", at: "2026-11-25T10:00:00-08:00", rail: ACH,
		window: "ach-next-day-2026-11-25", eed: "2026-11-27"},
	{name: "every rail: rpps", at: "2026-11-25T10:00:00-08:00", rail: RPPS,
		window: "rpps-2026-11-25", cutoff: "2026-11-25T13:00:00-08:00", settle: "2026-11-25", sameDay: true},
	{name: "every rail: wire", at: "2026-11-25T10:00:00-08:00", rail: Wire,
		window: "wire-2026-11-25", cutoff: "2026-11-25T12:00:00-08:00", sameDay: true},
	{name: "every rail: swift (late)", at: "2026-11-25T10:00:00-08:00", rail: SWIFT,
		window: "swift-2026-11-27", cutoff: "2026-11-27T09:00:00-08:00", sameDay: true},
	{name: "every rail: check", at: "2026-11-25T10:00:00-08:00", rail: Check,
		window: "check-2026-11-25", cutoff: "2026-11-25T15:00:00-08:00", eed: "2026-11-25"},
	{name: "every rail: rdc", at: "2026-11-25T10:00:00-08:00", rail: RDC,
		window: "rdc-2026-11-25", avail: "2026-12-04", settle: "2026-12-04"},

	// Same-day eligibility.
	{name: "exactly the limit is eligible", at: "2026-11-25T10:00:00-08:00", rail: ACH, speed: SameDay, amount: 100_000_000,
		window: "ach-same-day-2026-11-25", sameDay: true},
	{name: "IAT never same day", at: "2026-11-25T10:00:00-08:00", rail: ACH, speed: SameDay, sec: "IAT",
		window: "ach-next-day-2026-11-25", eed: "2026-11-27", fallback: FallbackSEC},
	{name: "ENR never same day (any case)", at: "2026-11-25T10:00:00-08:00", rail: ACH, speed: SameDay, sec: "enr",
		window: "ach-next-day-2026-11-25", fallback: FallbackSEC},
	{name: "PPD same day", at: "2026-11-25T10:00:00-08:00", rail: ACH, speed: SameDay, sec: "PPD",
		window: "ach-same-day-2026-11-25", sameDay: true},
	{name: "future effective date: next day, held to the day before", at: "2026-11-23T09:00:00-08:00", rail: ACH, speed: SameDay, process: "2026-11-27",
		window: "ach-next-day-2026-11-25", eed: "2026-11-27", settle: "2026-11-27", fallback: FallbackFutureDate},
	{name: "process-on today is not future", at: "2026-11-23T09:00:00-08:00", rail: ACH, speed: SameDay, process: "2026-11-23",
		window: "ach-same-day-2026-11-23", sameDay: true},
	{name: "process-on in the past is not future", at: "2026-11-23T09:00:00-08:00", rail: ACH, speed: NextDay, process: "2026-11-01",
		window: "ach-next-day-2026-11-23", eed: "2026-11-24"},

	// Future-dated next-day entries (§5.1 writer algorithm).
	{name: "wanted EED on a Saturday rolls to Monday", at: "2026-11-23T09:00:00-08:00", rail: ACH, speed: NextDay, process: "2026-11-28",
		window: "ach-next-day-2026-11-27", eed: "2026-11-30"},
	{name: "wanted EED tomorrow, before the cutoff", at: "2026-11-23T09:00:00-08:00", rail: ACH, speed: NextDay, process: "2026-11-24",
		window: "ach-next-day-2026-11-23", eed: "2026-11-24"},
	{name: "wanted EED tomorrow, after the cutoff: late", at: "2026-11-23T16:00:00-08:00", rail: ACH, speed: NextDay, process: "2026-11-24",
		window: "ach-next-day-2026-11-24", eed: "2026-11-25"},
	{name: "wanted EED Monday, asked on Saturday", at: "2026-11-28T09:00:00-08:00", rail: ACH, speed: NextDay, process: "2026-11-30",
		window: "ach-next-day-2026-11-30", eed: "2026-12-01"},
	{name: "wire on a later day", at: "2026-11-23T09:00:00-08:00", rail: Wire, process: "2026-11-26",
		window: "wire-2026-11-27", cutoff: "2026-11-27T12:00:00-08:00", sameDay: true},
	{name: "rdc on a later day", at: "2026-11-23T09:00:00-08:00", rail: RDC, process: "2026-11-24",
		window: "rdc-2026-11-24", avail: "2026-12-03"},
}

func TestEdgeVectors(t *testing.T) {
	r := Default()
	for _, v := range edgeVectors {
		v.check(t, r)
	}
}

func TestRealTimeRails(t *testing.T) {
	for _, rail := range []Rail{Internal, Card} {
		res, err := Default().Resolve(Request{Rail: rail, At: instant(t, "2026-11-28T10:00:00-08:00")})
		if err != nil {
			t.Fatal(err)
		}
		if !res.RealTime || res.WindowID() != "" || !res.Cutoff.IsZero() || !res.EffectiveDate.IsZero() {
			t.Errorf("%s: %+v, want a real-time result with no window", rail, res)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	at := instant(t, "2026-11-25T10:00:00-08:00")
	tests := []struct {
		req  Request
		want error
	}{
		{Request{Rail: "rtp", At: at}, ErrUnknownRail},
		{Request{Rail: "ACH", At: at}, ErrUnknownRail}, // Resolve takes the constants; ParseRail takes aliases
		{Request{Rail: Wire, Speed: SameDay, At: at}, ErrSpeedNotACH},
		{Request{Rail: Internal, Speed: NextDay, At: at}, ErrSpeedNotACH},
		{Request{Rail: ACH, Speed: "fast", At: at}, ErrUnknownSpeed},
		{Request{Rail: ACH}, ErrNoTime},
		{Request{Rail: ACH, At: at, AmountCents: -1}, ErrNegativeAmount},
		{Request{Rail: ACH, At: instant(t, "1989-12-29T10:00:00-08:00")}, ErrOutOfRange},
		{Request{Rail: ACH, At: instant(t, "2101-01-03T10:00:00-08:00")}, ErrOutOfRange},
		{Request{Rail: ACH, At: at, ProcessOn: Date{2026, 2, 30}}, ErrInvalidDate},
		{Request{Rail: ACH, At: at, ProcessOn: Date{2200, 1, 2}}, ErrOutOfRange},
	}
	for _, tt := range tests {
		if _, err := Default().Resolve(tt.req); !errors.Is(err, tt.want) {
			t.Errorf("Resolve(%+v) error = %v, want %v", tt.req, err, tt.want)
		}
	}
	// The year bounds are inclusive.
	for _, s := range []string{"1990-01-02T10:00:00-08:00", "2100-12-31T10:00:00-08:00"} {
		if _, err := Default().Resolve(Request{Rail: ACH, At: instant(t, s)}); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}

// fedachSchedule is the default schedule with the three FedACH same-day
// deadlines (ET) instead of the platform's single 11:00 PT one, as a bank
// would configure it (spec §3).
func fedachSchedule(t testing.TB) Schedule {
	t.Helper()
	var o Schedule
	err := json.Unmarshal([]byte(`{"windows": [
		{"rail": "ach", "speed": "same_day", "name": "sd1", "cutoff": "10:30", "zone": "America/New_York"},
		{"rail": "ach", "speed": "same_day", "name": "sd2", "cutoff": "14:45", "zone": "America/New_York"},
		{"rail": "ach", "speed": "same_day", "name": "sd3", "cutoff": "16:45", "zone": "America/New_York"}
	]}`), &o)
	if err != nil {
		t.Fatal(err)
	}
	return DefaultSchedule().Override(o)
}

func TestSeveralSameDayWindows(t *testing.T) {
	r, err := New(fedachSchedule(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []vector{
		{name: "before SD1", at: "2026-11-25T07:00:00-08:00", rail: ACH, speed: SameDay,
			window: "ach-same-day-sd1-2026-11-25", cutoff: "2026-11-25T07:30:00-08:00", eed: "2026-11-25", sameDay: true},
		{name: "at SD1", at: "2026-11-25T10:30:00-05:00", rail: ACH, speed: SameDay,
			window: "ach-same-day-sd1-2026-11-25", sameDay: true},
		{name: "after SD1", at: "2026-11-25T10:30:01-05:00", rail: ACH, speed: SameDay,
			window: "ach-same-day-sd2-2026-11-25", cutoff: "2026-11-25T11:45:00-08:00", sameDay: true},
		{name: "at SD3", at: "2026-11-25T13:45:00-08:00", rail: ACH, speed: SameDay,
			window: "ach-same-day-sd3-2026-11-25", cutoff: "2026-11-25T13:45:00-08:00", sameDay: true},
		{name: "after SD3: next-day batch", at: "2026-11-25T13:45:01-08:00", rail: ACH, speed: SameDay,
			window: "ach-next-day-2026-11-25", eed: "2026-11-27", fallback: FallbackLate},
		{name: "after the next-day cutoff: SD1 of the next banking day", at: "2026-11-25T15:00:01-08:00", rail: ACH, speed: SameDay,
			window: "ach-same-day-sd1-2026-11-27", cutoff: "2026-11-27T07:30:00-08:00", eed: "2026-11-27", sameDay: true},
		{name: "summer: EDT and PDT", at: "2026-07-02T11:00:00-07:00", rail: ACH, speed: SameDay,
			window: "ach-same-day-sd2-2026-07-02", cutoff: "2026-07-02T14:45:00-04:00", sameDay: true},
		{name: "next-day keeps the default", at: "2026-11-25T14:00:00-08:00", rail: ACH, speed: NextDay,
			window: "ach-next-day-2026-11-25", cutoff: "2026-11-25T15:00:00-08:00"},
		{name: "wire keeps the default", at: "2026-11-25T11:00:00-08:00", rail: Wire,
			window: "wire-2026-11-25", cutoff: "2026-11-25T12:00:00-08:00", sameDay: true},
	} {
		v.check(t, r)
	}
}

// TestOtherZone: a schedule in New York; and one in a zone whose
// daylight-saving time starts on a weekday (Israel: a Friday).
func TestOtherZone(t *testing.T) {
	s := DefaultSchedule()
	s.Zone = "America/New_York"
	r, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Resolve(Request{Rail: Wire, At: instant(t, "2026-11-25T11:59:00-05:00")})
	if err != nil {
		t.Fatal(err)
	}
	if res.WindowID() != "wire-2026-11-25" || res.Cutoff.Format(time.RFC3339) != "2026-11-25T12:00:00-05:00" {
		t.Errorf("New York wire: %s %s", res.WindowID(), res.Cutoff.Format(time.RFC3339))
	}
	// 23:00 PT is 02:00 ET the next day: another platform date.
	res, _ = r.Resolve(Request{Rail: ACH, At: instant(t, "2026-11-24T23:00:00-08:00")})
	if res.WindowID() != "ach-next-day-2026-11-25" {
		t.Errorf("New York date of a late PT instant: %s", res.WindowID())
	}

	s.Zone = "Asia/Jerusalem"
	if r, err = New(s); err != nil {
		t.Fatal(err)
	}
	// 2026-03-27 is a Friday: clocks go from 02:00 IST to 03:00 IDT. The
	// wire cutoff that day is 12:00 IDT (UTC+3).
	res, err = r.Resolve(Request{Rail: Wire, At: instant(t, "2026-03-27T01:00:00+02:00")})
	if err != nil {
		t.Fatal(err)
	}
	if res.WindowID() != "wire-2026-03-27" || !res.Cutoff.Equal(instant(t, "2026-03-27T09:00:00Z")) {
		t.Errorf("Jerusalem wire: %s %s", res.WindowID(), res.Cutoff.Format(time.RFC3339))
	}
}

func TestWindowIDNames(t *testing.T) {
	r := Result{Rail: Wire, WindowName: "am", BatchDate: Date{2026, 11, 25}, SameDay: true}
	if got := r.WindowID(); got != "wire-am-2026-11-25" {
		t.Errorf("WindowID = %q", got)
	}
	if got := (Result{}).WindowID(); got != "" {
		t.Errorf("zero WindowID = %q", got)
	}
	if !strings.HasPrefix((Result{Rail: ACH, BatchDate: Date{2026, 1, 2}}).WindowID(), "ach-next-day-") {
		t.Error("ACH without SameDay is a next-day window")
	}
}
