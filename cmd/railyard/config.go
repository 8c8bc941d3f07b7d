package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/returns"
	"go.yaml.in/yaml/v3"
)

// config is the --config file. Its format follows the file's extension:
// TOML (.toml), YAML (.yaml, .yml) or JSON (.json). Keys are the JSON
// names of the Go types: the engine's settings (rails.Config: originator,
// ODFI, file headers, outbox, file limits, offset account) at the top
// level, cutoffs.Schedule for the cutoffs section, returns.PolicyConfig
// for the returns section; unknown keys are errors, so a typo never
// passes silently. One file drives every command: the cutoffs and returns
// sections are also the engine's (rails.Config has the same two keys).
type config struct {
	// Config holds the engine's top-level keys. Its own cutoffs and
	// returns fields are shadowed by the two sections below, which the
	// engine gets through engineConfig.
	rails.Config
	// Cutoffs is laid over cutoffs.DefaultSchedule() with
	// cutoffs.Schedule.Override: set fields replace the defaults, and the
	// windows of a rail and speed replace that rail and speed's windows.
	Cutoffs cutoffs.Schedule `json:"cutoffs"`
	// Returns overrides the policy of single codes (returns.PolicyConfig);
	// it is validated when a returns command builds its policy.
	Returns returns.PolicyConfig `json:"returns"`

	// raw is the file as JSON, laid over rails.DefaultConfig() by
	// engineConfig; nil without --config.
	raw []byte
}

// loadConfig reads the --config file; with no --config it returns the
// zero config (every default). Every problem is a usage error (exit 2)
// naming the file and, where it can, the field.
func (g *globals) loadConfig() (*config, error) {
	cfg := &config{}
	if g.config == "" {
		return cfg, nil
	}
	name := g.config
	data, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usageErrorf("config %s: no such file", name)
		}
		return nil, usageErrorf("config %s: %v", name, err)
	}
	tree := map[string]any{}
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".toml":
		err = toml.Unmarshal(data, &tree)
	case ".yaml", ".yml":
		err = yaml.Unmarshal(data, &tree)
	case ".json":
		err = json.Unmarshal(data, &tree)
	default:
		return nil, usageErrorf("config %s: unknown format %q: use .toml, .yaml, .yml or .json", name, ext)
	}
	if err != nil {
		return nil, usageErrorf("config %s: %s", name, strings.TrimPrefix(err.Error(), "json: "))
	}
	if tree == nil { // an empty YAML document
		return cfg, nil
	}
	// Through JSON, so that the JSON names of the Go types are the keys in
	// every format and one decoder checks them.
	js, err := json.Marshal(plainJSON(tree))
	if err != nil {
		return nil, usageErrorf("config %s: %v", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		return nil, usageErrorf("config %s: %s", name, decodeProblem(err))
	}
	cfg.raw = js
	return cfg, nil
}

// engineConfig returns the engine's configuration: rails.DefaultConfig()
// (the sandbox originator, outbox "outbox") with the --config file's keys
// laid over it — set keys replace the defaults, the cutoffs section is
// laid over the default schedule, the returns section overrides single
// codes. An invalid configuration is a usage error naming every bad field.
// The cutoffs section's warnings go to stderr, as for the cutoffs commands.
func (g *globals) engineConfig() (rails.Config, error) {
	ec := rails.DefaultConfig()
	cfg, err := g.loadConfig()
	if err != nil {
		return ec, err
	}
	if cfg.raw != nil {
		// loadConfig checked the keys and types already.
		if err := json.Unmarshal(cfg.raw, &ec); err != nil {
			return ec, usageErrorf("config %s: %s", g.config, decodeProblem(err))
		}
	}
	if err := ec.Validate(); err != nil {
		return ec, usageErrorf("config %s: %s", g.configName(), engineConfigProblems(err))
	}
	for _, w := range cutoffs.DefaultSchedule().Override(ec.Schedule).Warnings() {
		fmt.Fprintf(g.stderr, "railyard: warning: config %s: cutoffs.%s\n", g.configName(), w)
	}
	return ec, nil
}

// configName names the configuration in messages.
func (g *globals) configName() string {
	if g.config == "" {
		return "(embedded default)"
	}
	return g.config
}

// engineConfigProblems lists the problems of an engine configuration, one
// per line when there are several: top-level keys as key = "value":
// reason, the cutoffs and returns sections with their field paths.
func engineConfigProblems(err error) string {
	var list []error
	if m, ok := err.(interface{ Unwrap() []error }); ok {
		list = m.Unwrap()
	} else {
		list = []error{err}
	}
	var lines []string
	for _, e := range list {
		var ce *rails.ConfigError
		switch {
		case errors.As(e, &ce):
			lines = append(lines, fmt.Sprintf("%s = %q: %s", ce.Field, ce.Value, ce.Reason))
		case strings.HasPrefix(e.Error(), "rails: config cutoffs: "):
			lines = append(lines, scheduleProblems(errors.Unwrap(e)))
		case strings.HasPrefix(e.Error(), "rails: config returns: "):
			lines = append(lines, returnsProblems(errors.Unwrap(e)))
		default:
			lines = append(lines, strings.TrimPrefix(e.Error(), "rails: config "))
		}
	}
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%d problems:\n  %s", len(lines), strings.Join(lines, "\n  "))
}

// plainJSON turns what the TOML and YAML decoders produce into values
// JSON can carry: dates and times (TOML's local dates and times, YAML's
// timestamps) become the strings they were written as ("2026-11-27",
// "10:30"), and maps with non-string keys get string keys.
func plainJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = plainJSON(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = plainJSON(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = plainJSON(e)
		}
		return x
	case []map[string]any: // TOML arrays of tables
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plainJSON(e)
		}
		return out
	case time.Time:
		switch {
		case x.Location().String() == "time-local": // TOML 10:30
			if x.Second() != 0 {
				return x.Format("15:04:05")
			}
			return x.Format("15:04")
		case x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0:
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339Nano)
	}
	return v
}

// decodeProblem rewrites a JSON decoding error in the config's terms: the
// field's dotted path and what it should have been.
func decodeProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		got := "a " + te.Value
		if te.Value != "" && strings.ContainsRune("aeiou", rune(te.Value[0])) {
			got = "an " + te.Value
		}
		// The engine's keys are rails.Config's, embedded at the top.
		field := strings.TrimPrefix(te.Field, "Config.")
		return fmt.Sprintf("%s: got %s, want %s", field, got, kindName(te.Type))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if strings.HasPrefix(msg, "unknown field ") {
		return msg + " (see 'railyard run --help', 'railyard cutoffs --help' and 'railyard returns --help' for the keys)"
	}
	return msg
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a table"
	case reflect.Bool:
		return "true or false"
	}
	return t.String()
}

// resolver returns the cutoff Resolver of the default schedule with the
// config's cutoffs section laid over it, and prints the schedule's
// warnings on stderr. An invalid schedule is a usage error listing every
// problem with its field (cutoffs.windows[0].cutoff).
func (g *globals) resolver() (*cutoffs.Resolver, error) {
	cfg, err := g.loadConfig()
	if err != nil {
		return nil, err
	}
	sched := cutoffs.DefaultSchedule().Override(cfg.Cutoffs)
	r, err := cutoffs.New(sched)
	if err != nil {
		return nil, usageErrorf("config %s: %s", g.config, scheduleProblems(err))
	}
	for _, w := range sched.Warnings() {
		fmt.Fprintf(g.stderr, "railyard: warning: config %s: cutoffs.%s\n", g.config, w)
	}
	return r, nil
}

// scheduleProblems lists the problems of a schedule, one per line when
// there are several, each with its field path under "cutoffs.".
func scheduleProblems(err error) string {
	var list []error
	if m, ok := err.(interface{ Unwrap() []error }); ok {
		list = m.Unwrap()
	} else {
		list = []error{err}
	}
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = "cutoffs." + strings.TrimPrefix(e.Error(), "cutoffs: ")
	}
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%d problems:\n  %s", len(lines), strings.Join(lines, "\n  "))
}
