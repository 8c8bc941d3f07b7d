package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/returns"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReturnsContract is the JSON contract of the issue: the first eight
// keys of show and map, in order.
func TestReturnsContract(t *testing.T) {
	r := railyard(t, "", "returns", "show", "R02", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, `{"code":"R02","family":"ach","description":"Account Closed","category":"administrative","locks_node":true,"locks_user":false,"window":"2 banking days","unauthorized":false,`), r.stdout)
	assert.Equal(t, 1, strings.Count(r.stdout, "\n"))

	r = railyard(t, "", "returns", "map", "--family", "x9", "--reason", "A", "--returns-indicator", "R", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, `{"code":"CHR01","family":"check","description":"NSF – customer does not have sufficient funds to cover the item","category":"other","locks_node":false,"locks_user":false,"window":"3 banking days","unauthorized":false,`), r.stdout)

	r = railyard(t, "", "returns", "map", "--family", "iso20022", "--reason", "AC04", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, `{"code":"WR03","family":"wire","description":"Account Closed/Frozen",`), r.stdout)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
	assert.Equal(t, "AC04", doc["reason"])
	assert.Equal(t, "iso20022", doc["mapped_from"])

	// Every family has the same shape.
	for _, code := range []string{"C01", "CHR14", "WR03", "RPPS:R21", "SWIFT:R83", "R10"} {
		r := railyard(t, "", "returns", "show", code, "--output", "json")
		require.Equal(t, exitOK, r.code, r.stderr)
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &m), code)
		for _, k := range []string{"code", "family", "description", "category", "locks_node", "locks_user", "window", "unauthorized"} {
			assert.Contains(t, m, k, code)
		}
		assert.Contains(t, []any{"ach", "noc", "rpps", "check", "wire"}, m["family"])
	}
}

// TestReturnsMap: X9 letters in both lists, ISO codes, FAIM text, and the
// other families.
func TestReturnsMap(t *testing.T) {
	tests := []struct {
		args []string
		code string
	}{
		{[]string{"--family", "x9", "--reason", "T", "--returns-indicator", "R"}, "CHR20"},
		{[]string{"--family", "x9", "--reason", "T", "--returns-indicator", "E"}, "CHR32"},
		{[]string{"--family", "x9", "--reason", "V", "--returns-indicator", "R"}, "CHR34"},
		{[]string{"--family", "x9", "--reason", "3", "--returns-indicator", "blank"}, "CHR26"},
		{[]string{"--family", "x9", "--reason", "3", "--returns-indicator", ""}, "CHR26"},
		{[]string{"--family", "x9", "--reason", "A", "--returns-indicator", "E"}, "CHR01"},
		{[]string{"--family", "iso20022", "--reason", "FOCR"}, "WR13"},
		{[]string{"--family", "iso20022", "--reason", "frad"}, "WR02"},
		{[]string{"--family", "faim", "--reason", "OUR REF*FED*ACC*NUMBER IS INVALID*"}, "WR10"},
		{[]string{"--family", "swift", "--reason", "R69"}, "R69"},
		{[]string{"--family", "ach", "--reason", "r07"}, "R07"},
		{[]string{"--family", "rpps", "--reason", "R85"}, "R85"},
		{[]string{"--family", "noc", "--reason", "C05"}, "C05"},
		{[]string{"--family", "iso20022", "--reason", "ZZ99", "--lenient"}, "WR02"},
		{[]string{"--family", "x9", "--reason", "9", "--returns-indicator", "R", "--lenient"}, "CHR15"},
	}
	for _, tt := range tests {
		r := railyard(t, "", append(append([]string{"returns", "map"}, tt.args...), "--output", "json")...)
		require.Equal(t, exitOK, r.code, "%v: %s", tt.args, r.stderr)
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &m))
		assert.Equal(t, tt.code, m["code"], "%v", tt.args)
		if strings.Contains(strings.Join(tt.args, " "), "--lenient") {
			assert.Equal(t, true, m["unknown"], "%v", tt.args)
		}
	}
	r := railyard(t, "", "returns", "map", "--family", "x9", "--reason", "A", "--returns-indicator", "E")
	require.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, `warning: reason "A" not in administrative list`)
}

func TestReturnsGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"returns-show-R02.txt", []string{"show", "R02"}},
		{"returns-show-CHR14.txt", []string{"show", "CHR14"}},
		{"returns-map-x9.txt", []string{"map", "--family", "x9", "--reason", "A", "--returns-indicator", "R"}},
		{"returns-list-ach.txt", []string{"list", "--family", "ach"}},
		{"returns-list-noc.txt", []string{"list", "--family", "noc"}},
		{"returns-list-rpps.txt", []string{"list", "--family", "rpps"}},
		{"returns-list-check.txt", []string{"list", "--family", "check"}},
		{"returns-list-wire.txt", []string{"list", "--family", "wire"}},
		{"returns-list-iso20022.txt", []string{"list", "--family", "iso20022"}},
		{"returns-list-x9.txt", []string{"list", "--family", "x9"}},
		{"returns-list-wire.json", []string{"list", "--family", "wire", "--output", "json"}},
	} {
		r := railyard(t, "", append([]string{"returns"}, tc.args...)...)
		require.Equal(t, exitOK, r.code, r.stderr)
		for _, line := range strings.Split(r.stdout, "\n") {
			assert.Equal(t, strings.TrimRight(line, " "), line, "%s: no trailing blanks", tc.name)
		}
		golden(t, tc.name, r.stdout)
	}
	r := railyard(t, "", "returns", "list")
	require.Equal(t, exitOK, r.code)
	all := len(returns.ACHCodes()) + len(returns.NOCCodes()) + len(returns.RPPSCodes()) + len(returns.CheckCodes()) + len(returns.WireCodes())
	assert.Equal(t, 71+20+49+41+22, all)
	assert.Equal(t, 1+all, strings.Count(r.stdout, "\n"), "header and every code of every family")
	r = railyard(t, "", "returns", "list", "--output", "json")
	var doc struct {
		Codes []map[string]any `json:"codes"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
	assert.Equal(t, all, len(doc.Codes))
}

func TestReturnsFailures(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"returns", "show", "R97"}, `unknown code "R97": no ach code R97`},
		{[]string{"returns", "show", "Z1"}, `unknown code "Z1"`},
		{[]string{"returns", "show", "C10"}, `no noc code C10`},
		{[]string{"returns", "map", "--family", "ach", "--reason", "R97"}, `unknown ach reason "R97"`},
		{[]string{"returns", "map", "--family", "x9", "--reason", "7", "--returns-indicator", "R"}, `unknown x9 reason "7"`},
		{[]string{"returns", "map", "--family", "x9", "--reason", "A", "--returns-indicator", "J"}, "returns indicator J: a return we sent was rejected"},
		{[]string{"returns", "map", "--family", "iso20022", "--reason", "ZZ99"}, `unknown iso20022 reason "ZZ99"`},
	} {
		r := railyard(t, "", tt.args...)
		assert.Equal(t, exitFailure, r.code, "%v: %s", tt.args, r.stderr)
		assert.Contains(t, r.stderr, tt.stderr)
		assert.Empty(t, r.stdout)
	}
	r := railyard(t, "", "returns", "show", "R97", "--output", "json")
	assert.Equal(t, exitFailure, r.code)
	assert.JSONEq(t, `{"error":"unknown code \"R97\": no ach code R97 (see 'railyard returns list --family ach')","exit_code":1}`, r.stderr)
}

func TestReturnsUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"returns", "show"}, "missing CODE argument"},
		{[]string{"returns", "show", "R01", "R02"}, "show takes one CODE, got 2 arguments"},
		{[]string{"returns", "show", "R01", "--family", "card"}, `invalid --family "card"`},
		{[]string{"returns", "map", "--reason", "A"}, "missing --family"},
		{[]string{"returns", "map", "--family", "x9"}, "missing --reason"},
		{[]string{"returns", "map", "--family", "card", "--reason", "A"}, `invalid --family "card"`},
		{[]string{"returns", "map", "--family", "x9", "--reason", "A"}, "--family x9 needs --returns-indicator"},
		{[]string{"returns", "map", "--family", "x9", "--reason", "A", "--returns-indicator", "Q"}, `invalid --returns-indicator "Q"`},
		{[]string{"returns", "map", "--family", "ach", "--reason", "R01", "--returns-indicator", "R"}, "--returns-indicator applies to --family x9 only"},
		{[]string{"returns", "list", "--family", "card"}, `invalid --family "card"`},
		{[]string{"returns", "list", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"returns", "list", "extra"}, `unknown command "extra"`},
	} {
		r := railyard(t, "", tt.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", tt.args, r.stderr)
		assert.Contains(t, r.stderr, tt.stderr, "%v", tt.args)
		assert.Empty(t, r.stdout)
	}
}

// TestReturnsConfig: the [returns] section overrides a code's policy; an
// invalid one is a usage error naming the field.
func TestReturnsConfig(t *testing.T) {
	for _, tc := range []struct{ name, content string }{
		{"r.toml", "[returns]\nlenient = true\n[returns.codes.R02]\nlocks_node = false\ncategory = \"other\"\n[returns.iso]\nAC07 = \"WR03\"\n"},
		{"r.yaml", "returns:\n  lenient: true\n  codes:\n    R02: {locks_node: false, category: other}\n  iso: {AC07: WR03}\n"},
		{"r.json", `{"returns": {"lenient": true, "codes": {"R02": {"locks_node": false, "category": "other"}}, "iso": {"AC07": "WR03"}}}`},
	} {
		path := writeTemp(t, tc.name, []byte(tc.content))
		r := railyard(t, "", "--config", path, "returns", "show", "R02", "--output", "json")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, `"category":"other","locks_node":false,`, tc.name)
		assert.Contains(t, r.stdout, `"source":"override"`, tc.name)
		r = railyard(t, "", "--config", path, "returns", "map", "--family", "iso20022", "--reason", "AC07", "--output", "json")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, `"code":"WR03"`, tc.name)
		r = railyard(t, "", "--config", path, "returns", "map", "--family", "ach", "--reason", "R97", "--output", "json")
		require.Equal(t, exitOK, r.code, "lenient from the config: %s", r.stderr)
		assert.Contains(t, r.stdout, `"unknown":true`)
		// show never makes codes up, lenient or not.
		r = railyard(t, "", "--config", path, "returns", "show", "R97")
		assert.Equal(t, exitFailure, r.code)
		// The cutoffs commands read the same file.
		r = railyard(t, "", "--config", path, "cutoffs", "calendar", "--year", "2026")
		assert.Equal(t, exitOK, r.code, r.stderr)
	}
	for _, tc := range []struct{ name, content, want string }{
		{"window.toml", "[returns.codes.R02]\nwindow = \"3 weeks\"\n", `returns.codes.R02.window = "3 weeks": want 2bd, 60cd, 3bd, no_limit, next_file, agreed or none`},
		{"code.yaml", "returns:\n  codes:\n    R97: {locks_node: true}\n", "returns.codes.R97: no such code"},
		{"several.toml", "[returns.codes.R02]\ncategory = \"x\"\n[returns.iso]\nAC07 = \"WR99\"\n", "2 problems:\n  returns.codes.R02.category"},
		{"type.toml", "[returns.codes.R02]\nlocks_node = \"yes\"\n", "returns.codes.locks_node: got a string, want true or false"},
		{"key.toml", "[returns]\nlenint = true\n", `unknown field "lenint"`},
	} {
		path := writeTemp(t, tc.name, []byte(tc.content))
		r := railyard(t, "", "--config", path, "returns", "list")
		assert.Equal(t, exitUsage, r.code, "%s: %s", tc.name, r.stderr)
		assert.Contains(t, r.stderr, "railyard: config "+path+": ")
		assert.Contains(t, r.stderr, tc.want, tc.name)
		assert.Empty(t, r.stdout)
	}
}

func TestReturnsHelp(t *testing.T) {
	r := railyard(t, "", "returns", "--help")
	require.Equal(t, exitOK, r.code)
	for _, want := range []string{"[returns.codes.R02]", "railyard returns show CODE", "RPPS:R05", "Examples:"} {
		assert.Contains(t, r.stdout, want)
	}
	for _, verb := range []string{"show", "map", "list"} {
		r := railyard(t, "", "returns", verb, "--help")
		require.Equal(t, exitOK, r.code, verb)
		assert.Contains(t, r.stdout, "railyard returns "+verb, verb)
		assert.Contains(t, r.stdout, "Examples:", verb)
	}
	r = railyard(t, "", "--help")
	assert.Contains(t, r.stdout, "railyard returns map")
}
