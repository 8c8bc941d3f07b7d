package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCutoffsWindowContract is the JSON contract of the issue, byte for
// byte.
func TestCutoffsWindowContract(t *testing.T) {
	r := railyard(t, "", "cutoffs", "window", "--rail", "ach", "--speed", "same-day", "--at", "2026-11-25T10:59:00-08:00", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, `{"rail":"ach","speed":"same_day","window":"ach-same-day-2026-11-25","cutoff":"2026-11-25T11:00:00-08:00","effective_date":"2026-11-25","settlement_date":"2026-11-25","same_day":true}`+"\n", r.stdout)
	assert.Empty(t, r.stderr)

	r = railyard(t, "", "cutoffs", "calendar", "--year", "2027", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, `{"year":2027,"closed":["2027-01-01","2027-01-18","2027-02-15","2027-05-31","2027-07-05","2027-09-06","2027-10-11","2027-11-11","2027-11-25"]}`+"\n", r.stdout)
}

// windowCases are "cutoffs window" runs, one per rail and per rule, whose
// text and JSON outputs are kept in two golden files.
var windowCases = [][]string{
	{"--rail", "ach", "--speed", "same-day", "--at", "2026-11-25T10:59:00-08:00"},
	{"--rail", "ach", "--speed", "same_day", "--at", "2026-03-06T11:00:00-08:00"},
	{"--rail", "ach", "--speed", "SAMEDAY", "--at", "2026-03-06T11:00:01-08:00"},
	{"--rail", "ach", "--speed", "sameday", "--at", "2026-03-06T23:00:01Z"},
	{"--rail", "ach-us", "--speed", "same-day", "--at", "2026-03-10T10:00:00-07:00", "--amount-cents", "100000001"},
	{"--rail", "ach", "--speed", "same-day", "--at", "2026-03-10T10:00:00-07:00", "--sec", "IAT"},
	{"--rail", "ach", "--speed", "same-day", "--at", "2026-11-23T09:00:00-08:00", "--process-on", "2026-11-27"},
	{"--rail", "ach", "--at", "2026-07-02T15:00:01-07:00"},
	{"--rail", "ach", "--speed", "next-day", "--at", "2027-12-30T15:30:00-08:00"},
	{"--rail", "ach", "--speed", "same-day", "--at", "2026-07-04T10:00:00-07:00"},
	{"--rail", "rpps", "--at", "2026-12-24T13:00:01-08:00"},
	{"--rail", "wire", "--at", "2026-11-25T12:00:00-08:00"},
	{"--rail", "fedwire", "--at", "2026-11-25T12:00:01-08:00"},
	{"--rail", "wire-int", "--at", "2027-07-02T09:30:00-07:00"},
	{"--rail", "check", "--at", "2026-06-18T15:00:01-07:00"},
	{"--rail", "rdc", "--at", "2026-11-24T15:00:01-08:00"},
	{"--rail", "internal", "--at", "2026-11-28T10:00:00-08:00"},
	{"--rail", "card", "--at", "2026-11-28T10:00:00-08:00"},
	{"--rail", "wire", "--at", "2026-11-25T11:59"}, // no offset: the schedule's zone
}

func TestCutoffsWindowGolden(t *testing.T) {
	var text, js strings.Builder
	for _, args := range windowCases {
		cmd := append([]string{"cutoffs", "window"}, args...)
		r := railyard(t, "", cmd...)
		require.Equal(t, exitOK, r.code, "%v: %s", args, r.stderr)
		text.WriteString("$ railyard " + strings.Join(cmd, " ") + "\n" + r.stdout + "\n")

		r = railyard(t, "", append(cmd, "--output", "json")...)
		require.Equal(t, exitOK, r.code, "%v: %s", args, r.stderr)
		var doc map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc), r.stdout)
		assert.Equal(t, 1, strings.Count(r.stdout, "\n"), "one line of JSON")
		js.WriteString(r.stdout)
	}
	golden(t, "cutoffs-window.txt", text.String())
	golden(t, "cutoffs-window.jsonl", js.String())
}

// TestCutoffsWindowJSONShapes checks the keys of each kind of rail.
func TestCutoffsWindowJSONShapes(t *testing.T) {
	keys := func(args ...string) map[string]any {
		t.Helper()
		r := railyard(t, "", append(append([]string{"cutoffs", "window"}, args...), "--output", "json")...)
		require.Equal(t, exitOK, r.code, r.stderr)
		var doc map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
		return doc
	}
	at := "2026-11-25T10:00:00-08:00"
	ach := keys("--rail", "ach", "--at", at)
	assert.Equal(t, "next_day", ach["speed"], "speed defaults to next_day")
	assert.Equal(t, false, ach["same_day"])
	assert.NotContains(t, ach, "same_day_fallback")

	late := keys("--rail", "ach", "--speed", "same-day", "--at", "2026-11-25T11:00:01-08:00")
	assert.Equal(t, "same_day", late["speed"], "a late same-day entry keeps its speed (pricing)")
	assert.Equal(t, false, late["same_day"])
	assert.Equal(t, "late", late["same_day_fallback"])
	assert.Equal(t, "ach-next-day-2026-11-25", late["window"])

	wire := keys("--rail", "wire", "--at", at)
	assert.NotContains(t, wire, "speed")
	assert.Equal(t, true, wire["same_day"])

	check := keys("--rail", "check", "--at", at)
	assert.Contains(t, check, "settlement_date")
	assert.Nil(t, check["settlement_date"], "a check's settlement depends on the payee's bank")

	rdc := keys("--rail", "rdc", "--at", at)
	assert.Equal(t, "2026-12-04", rdc["available_date"])
	assert.Equal(t, "2026-12-04", rdc["settlement_date"])

	internal := keys("--rail", "internal", "--at", at)
	assert.Equal(t, map[string]any{"rail": "internal", "window": nil, "cutoff": nil, "real_time": true, "settlement": "near real time (up to 30 minutes)"}, internal)
}

func TestCutoffsShowGolden(t *testing.T) {
	r := railyard(t, "", "cutoffs", "show", "--at", "2026-11-25T10:00:00-08:00")
	require.Equal(t, exitOK, r.code, r.stderr)
	for _, line := range strings.Split(r.stdout, "\n") {
		assert.Equal(t, strings.TrimRight(line, " "), line, "no trailing blanks")
	}
	assert.Contains(t, r.stdout, "ach-same-day-2026-11-25  Wed 11-25 11:00 PST  1h00m")
	golden(t, "cutoffs-show.txt", r.stdout)

	// After the same-day cutoff, on the Friday before a Monday holiday.
	r = railyard(t, "", "cutoffs", "show", "--at", "2026-01-16T11:30:00-08:00")
	require.Equal(t, exitOK, r.code, r.stderr)
	golden(t, "cutoffs-show-late.txt", r.stdout)

	r = railyard(t, "", "cutoffs", "show", "--at", "2026-11-25T10:00:00-08:00", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	golden(t, "cutoffs-show.json", r.stdout)
	var doc struct {
		At      string           `json:"at"`
		Zone    string           `json:"zone"`
		Windows []map[string]any `json:"windows"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
	assert.Equal(t, "2026-11-25T10:00:00-08:00", doc.At)
	assert.Equal(t, "America/Los_Angeles", doc.Zone)
	require.Len(t, doc.Windows, 9, "ach twice, then every other rail")
	assert.Equal(t, "1h00m", doc.Windows[0]["time_left"])
	assert.Equal(t, float64(3600), doc.Windows[0]["time_left_seconds"])
}

func TestCutoffsCalendarGolden(t *testing.T) {
	for _, year := range []string{"2026", "2027"} {
		r := railyard(t, "", "cutoffs", "calendar", "--year", year)
		require.Equal(t, exitOK, r.code, r.stderr)
		golden(t, "cutoffs-calendar-"+year+".txt", r.stdout)
	}
	r := railyard(t, "", "cutoffs", "calendar", "--year", "2026", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, `{"year":2026,"closed":["2026-01-01","2026-01-19","2026-02-16","2026-05-25","2026-06-19","2026-09-07","2026-10-12","2026-11-11","2026-11-26","2026-12-25"]}`+"\n", r.stdout)
}

// TestCutoffsNow: without --at, the commands use the clock.
func TestCutoffsNow(t *testing.T) {
	saved := now
	defer func() { now = saved }()
	now = func() time.Time { return time.Date(2027, 3, 15, 15, 58, 0, 0, time.UTC) } // 08:58 PDT
	r := railyard(t, "", "cutoffs", "window", "--rail", "swift", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"window":"swift-2027-03-15","cutoff":"2027-03-15T09:00:00-07:00"`)
	r = railyard(t, "", "cutoffs", "show")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Regexp(t, `swift-2027-03-15 +Mon 03-15 09:00 PDT +2m `, r.stdout)
	r = railyard(t, "", "cutoffs", "calendar", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `{"year":2027,`)
}

// TestCutoffsHostZone: the host's zone changes nothing.
func TestCutoffsHostZone(t *testing.T) {
	want := railyard(t, "", "cutoffs", "show", "--at", "2026-11-25T10:00:00-08:00").stdout
	saved := time.Local
	defer func() { time.Local = saved }()
	for _, name := range []string{"UTC", "Asia/Tokyo"} {
		loc, err := time.LoadLocation(name)
		require.NoError(t, err)
		time.Local = loc
		assert.Equal(t, want, railyard(t, "", "cutoffs", "show", "--at", "2026-11-25T10:00:00-08:00").stdout, name)
		assert.Equal(t, want, railyard(t, "", "cutoffs", "show", "--at", "2026-11-25T18:00:00Z").stdout, name)
	}
}

func TestCutoffsUsageErrors(t *testing.T) {
	at := "2026-11-25T10:00:00-08:00"
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"cutoffs", "window"}, "missing --rail"},
		{[]string{"cutoffs", "window", "--rail", "rtp"}, `invalid --rail "rtp"`},
		{[]string{"cutoffs", "window", "--rail", "ach", "--speed", "fast"}, `invalid --speed "fast": want same-day or next-day`},
		{[]string{"cutoffs", "window", "--rail", "wire", "--speed", "same-day"}, "--speed applies to --rail ach only"},
		{[]string{"cutoffs", "window", "--rail", "ach", "--at", "tomorrow"}, `invalid --at "tomorrow": want RFC 3339`},
		{[]string{"cutoffs", "window", "--rail", "ach", "--at", "1980-01-02T10:00:00Z"}, "date outside 1990-2100"},
		{[]string{"cutoffs", "window", "--rail", "ach", "--at", at, "--process-on", "2026-13-01"}, `invalid --process-on "2026-13-01"`},
		{[]string{"cutoffs", "window", "--rail", "ach", "--at", at, "--amount-cents", "-5"}, "invalid --amount-cents -5"},
		{[]string{"cutoffs", "window", "--rail", "ach", "--at", at, "--amount-cents", "1.50"}, "invalid argument"},
		{[]string{"cutoffs", "window", "--rail", "ach", "--at", at, "--sec", "I-T"}, `invalid --sec "I-T"`},
		{[]string{"cutoffs", "window", "--rail", "ach", "extra"}, `unknown command "extra"`},
		{[]string{"cutoffs", "calendar", "--year", "1989"}, "invalid --year 1989: the calendar covers 1990 to 2100"},
		{[]string{"cutoffs", "calendar", "--year", "x"}, "invalid argument"},
		{[]string{"cutoffs", "show", "--at", "noon"}, `invalid --at "noon"`},
		{[]string{"cutoffs", "show", "--output", "xml"}, `invalid --output "xml"`},
		{[]string{"cutoffs", "frobnicate"}, `unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := railyard(t, "", tt.args...)
			assert.Equal(t, exitUsage, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			assert.Contains(t, r.stderr, tt.stderr)
			assert.Contains(t, r.stderr, "--help' for usage")
			assert.Empty(t, r.stdout)
		})
	}
	// JSON errors for programs.
	r := railyard(t, "", "cutoffs", "window", "--rail", "rtp", "--output", "json")
	assert.Equal(t, exitUsage, r.code)
	assert.JSONEq(t, `{"error": "invalid --rail \"rtp\": want ach, rpps, wire, swift, check, rdc, internal or card", "exit_code": 2}`, r.stderr)
}

func TestCutoffsHelp(t *testing.T) {
	r := railyard(t, "", "cutoffs", "--help")
	require.Equal(t, exitOK, r.code)
	for _, want := range []string{"[[cutoffs.windows]]", `cutoff = "10:30"`, "America/New_York", "same_day_limit_cents", "rdc_hold_days", "cutoffs:\n    windows:", "railyard cutoffs window", "Examples:"} {
		assert.Contains(t, r.stdout, want)
	}
	for _, verb := range []string{"window", "show", "calendar"} {
		r := railyard(t, "", "cutoffs", verb, "--help")
		require.Equal(t, exitOK, r.code, verb)
		assert.Contains(t, r.stdout, "railyard cutoffs "+verb, verb)
		assert.Contains(t, r.stdout, "Examples:", verb)
	}
	r = railyard(t, "", "cutoffs")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "Available Commands")
}

func TestTimeLeft(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                "0s",
		59 * time.Second: "59s",
		time.Minute:      "1m",
		2*time.Hour + 14*time.Minute + 59*time.Second: "2h14m",
		5 * time.Hour:                "5h00m",
		47 * time.Hour:               "1d23h00m",
		72*time.Hour + 5*time.Minute: "3d0h05m",
	} {
		assert.Equal(t, want, timeLeft(d), d.String())
	}
}
