package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sample configurations in the repository.
const (
	fedachTOML = "../../testdata/config/fedach-windows.toml"
	fedachYAML = "../../testdata/config/fedach-windows.yaml"
)

// TestConfigFedACH: the sample config gives the three FedACH same-day
// windows, and TOML and YAML say the same.
func TestConfigFedACH(t *testing.T) {
	r := railyard(t, "", "--config", fedachTOML, "cutoffs", "show", "--at", "2026-11-25T10:00:00-08:00")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "ach-same-day-sd2-2026-11-25  Wed 11-25 11:45 PST  1h45m")
	golden(t, "cutoffs-show-fedach.txt", r.stdout)

	y := railyard(t, "", "--config", fedachYAML, "cutoffs", "show", "--at", "2026-11-25T10:00:00-08:00")
	require.Equal(t, exitOK, y.code, y.stderr)
	assert.Equal(t, r.stdout, y.stdout, "TOML and YAML samples agree")

	for _, tc := range []struct{ at, want string }{
		{"2026-11-25T07:30:00-08:00", `"window":"ach-same-day-sd1-2026-11-25","cutoff":"2026-11-25T07:30:00-08:00"`},
		{"2026-11-25T07:30:01-08:00", `"window":"ach-same-day-sd2-2026-11-25","cutoff":"2026-11-25T11:45:00-08:00"`},
		{"2026-11-25T13:45:00-08:00", `"window":"ach-same-day-sd3-2026-11-25","cutoff":"2026-11-25T13:45:00-08:00"`},
		{"2026-11-25T13:45:01-08:00", `"window":"ach-next-day-2026-11-25","cutoff":"2026-11-25T15:00:00-08:00","effective_date":"2026-11-27","settlement_date":"2026-11-27","same_day":false,"same_day_fallback":"late"`},
		{"2026-11-25T15:00:01-08:00", `"window":"ach-same-day-sd1-2026-11-27","cutoff":"2026-11-27T07:30:00-08:00"`},
		{"2026-07-02T11:44:00-07:00", `"window":"ach-same-day-sd2-2026-07-02","cutoff":"2026-07-02T11:45:00-07:00"`}, // EDT/PDT
	} {
		for _, cfg := range []string{fedachTOML, fedachYAML} {
			r := railyard(t, "", "--config", cfg, "cutoffs", "window", "--rail", "ach", "--speed", "same-day", "--at", tc.at, "--output", "json")
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Contains(t, r.stdout, tc.want, "%s at %s", cfg, tc.at)
		}
	}
}

// TestConfigFormats: TOML's unquoted local times and dates, YAML's
// timestamps, JSON, and an empty file.
func TestConfigFormats(t *testing.T) {
	tests := []struct{ name, content string }{
		{"bank.toml", "[cutoffs]\nclosed = [2026-11-19]\n[[cutoffs.windows]]\nrail = \"wire\"\ncutoff = 10:30\n"},
		{"bank.yaml", "cutoffs:\n  closed: [2026-11-19]\n  windows:\n    - rail: wire\n      cutoff: 10:30\n"},
		{"bank.yml", "cutoffs:\n  closed: ['2026-11-19']\n  windows: [{rail: WIRE-US, cutoff: '10:30'}]\n"},
		{"bank.json", `{"cutoffs": {"closed": ["2026-11-19"], "windows": [{"rail": "wire", "cutoff": "10:30"}]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, tt.name, []byte(tt.content))
			r := railyard(t, "", "--config", path, "cutoffs", "window", "--rail", "wire", "--at", "2026-11-18T10:31:00-08:00", "--output", "json")
			require.Equal(t, exitOK, r.code, r.stderr)
			// 10:31 is late for the 10:30 window; Thu 11-19 is closed.
			assert.Contains(t, r.stdout, `"window":"wire-2026-11-20","cutoff":"2026-11-20T10:30:00-08:00"`)
			r = railyard(t, "", "--config", path, "cutoffs", "calendar", "--year", "2026")
			require.Equal(t, exitOK, r.code, r.stderr)
			assert.Contains(t, r.stdout, "Thu 2026-11-19  ad-hoc closure (configuration)")
		})
	}
	for _, empty := range []string{"empty.yaml", "empty.toml"} {
		path := writeTemp(t, empty, nil)
		r := railyard(t, "", "--config", path, "cutoffs", "window", "--rail", "ach", "--speed", "same-day", "--at", "2026-11-25T10:59:00-08:00", "--output", "json")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, `"window":"ach-same-day-2026-11-25"`, empty)
	}
}

// TestConfigErrors: an invalid configuration is a usage error naming the
// file and the field.
func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string
	}{
		{"cutoff.toml", "[[cutoffs.windows]]\nrail = \"ach\"\nspeed = \"same_day\"\nname = \"sd2\"\ncutoff = \"25:00\"\n",
			[]string{`cutoffs.windows[0].cutoff = "25:00" (ach same_day window "sd2"): want a 24-hour time HH:MM`}},
		{"zone.yaml", "cutoffs:\n  zone: America/Lost_Angeles\n", []string{`cutoffs.zone = "America/Lost_Angeles": unknown time zone`}},
		{"unknown-key.toml", "[cutoffs]\nzon = \"UTC\"\n", []string{`unknown field "zon"`}},
		{"unknown-section.yaml", "cutofs:\n  zone: UTC\n", []string{`unknown field "cutofs"`}},
		{"type.toml", "[cutoffs]\nrdc_hold_days = \"six\"\n", []string{"cutoffs.rdc_hold_days: got a string, want a whole number"}},
		{"type-window.yaml", "cutoffs:\n  windows:\n    - rail: wire\n      cutoff: [12, 0]\n", []string{"cutoffs.windows.cutoff: got an array, want a string"}},
		{"syntax.toml", "[cutoffs\nzone = 1\n", []string{"toml:", "line 2"}},
		{"syntax.yaml", "cutoffs:\n  zone: [\n", []string{"yaml:", "line"}},
		{"date.yaml", "cutoffs:\n  closed: ['2026-13-01']\n", []string{`invalid date "2026-13-01"`}},
		{"weekend.toml", "[cutoffs]\nclosed = [\"2026-07-04\"]\n", []string{`cutoffs.closed[0] = "2026-07-04": a Saturday`}},
		{"speed.toml", "[[cutoffs.windows]]\nrail = \"ach\"\ncutoff = \"10:00\"\n", []string{"cutoffs.windows[0].speed (ach window): required for ach windows"}},
		{"several.yaml", "cutoffs:\n  zone: Nowhere\n  rdc_hold_days: -2\n", []string{"2 problems:\n  cutoffs.zone", "\n  cutoffs.rdc_hold_days"}},
		{"bank.ini", "[cutoffs]\n", []string{`unknown format ".ini": use .toml, .yaml, .yml or .json`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, tt.name, []byte(tt.content))
			r := railyard(t, "", "--config", path, "cutoffs", "show", "--at", "2026-11-25T10:00:00-08:00")
			assert.Equal(t, exitUsage, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			assert.Contains(t, r.stderr, "railyard: config "+path+": ")
			for _, w := range tt.want {
				assert.Contains(t, r.stderr, w)
			}
			assert.Empty(t, r.stdout)
		})
	}
	missing := filepath.Join(t.TempDir(), "nope.toml")
	r := railyard(t, "", "--config", missing, "cutoffs", "calendar")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "config "+missing+": no such file")

	// The ach commands do not read the config (yet).
	r = railyard(t, "", "--config", missing, "ach", "validate", validPPD(t))
	assert.Equal(t, exitOK, r.code, r.stderr)
}

func TestConfigWarnings(t *testing.T) {
	path := writeTemp(t, "hold.toml", []byte("[cutoffs]\nrdc_hold_days = 2\n"))
	r := railyard(t, "", "--config", path, "cutoffs", "window", "--rail", "rdc", "--at", "2026-11-24T14:59:00-08:00", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"available_date":"2026-11-27"`) // +2 BD (Thanksgiving closed)
	assert.True(t, strings.HasPrefix(r.stderr, "railyard: warning: config "+path+": cutoffs.rdc_hold_days = 2: "), r.stderr)
}
