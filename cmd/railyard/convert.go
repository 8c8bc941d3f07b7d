package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/railyardhq/railyard/ach"
	"github.com/spf13/cobra"
)

// convertFlags are the flags of "ach convert".
type convertFlags struct {
	to      string
	lenient bool
	out     string
}

// Values of --to.
const (
	formatJSON  = "json"
	formatNACHA = "nacha"
)

const convertLong = `Convert turns a NACHA file into JSON, JSON back into NACHA, or rewrites a
NACHA file in railyard's normal form (NACHA to NACHA).

The input format is detected: input whose first non-blank byte is "{" is
JSON, anything else NACHA. The JSON form is the ach package's (the same
field names as "railyard ach describe --output json" uses for headers and
controls); it round-trips: NACHA → JSON → NACHA gives the same records.

JSON output is data, not a display: account numbers are never masked in it.
Keep converted files as carefully as the NACHA files they came from.

NACHA input is read with the strict profile unless --lenient; a file with
errors is not converted. NACHA output is written by railyard's writer, which
computes every control record, check digit and count and refuses a record
that breaks the Rules: then nothing is written and convert exits 1 naming
the line (of the output) and field.

The result goes to standard output, or to -o OUT. OUT is written through a
temporary file in the same directory, synced and renamed, with mode 0600:
a failed convert never leaves a partial OUT behind.`

func newConvertCmd(g *globals) *cobra.Command {
	var f convertFlags
	cmd := &cobra.Command{
		Use:   "convert FILE --to json|nacha",
		Short: "Convert NACHA to JSON, JSON to NACHA, or normalise a NACHA file",
		Long:  convertLong,
		Example: `  # NACHA to JSON
  railyard ach convert payroll.ach --to json -o payroll.json

  # Edited JSON back to NACHA (refused if it breaks the Rules)
  railyard ach convert payroll.json --to nacha -o payroll.ach

  # Normalise a bank's file (missing controls, odd line lengths) into a strict one
  railyard ach convert --lenient inbound.ach --to nacha -o clean.ach`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConvert(g, &f, args[0])
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.to, "to", "", "output `FORMAT`: json or nacha (required)")
	fl.BoolVar(&f.lenient, "lenient", false, "read NACHA input with the lenient profile")
	fl.StringVarP(&f.out, "out", "o", "", "write to `OUT` instead of standard output")
	return cmd
}

// isJSON reports whether data's first non-blank byte opens a JSON object.
func isJSON(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

func runConvert(g *globals, f *convertFlags, name string) error {
	switch f.to {
	case formatJSON, formatNACHA:
	case "":
		return usageErrorf("missing --to: json or nacha")
	default:
		return usageErrorf("invalid --to %q: must be json or nacha", f.to)
	}
	in, err := g.openInput(name)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(in)
	in.Close()
	if err != nil {
		return failure(fmt.Errorf("read %s: %w", in.name, err))
	}

	var file *ach.File
	if isJSON(data) {
		file, err = ach.DecodeJSON(bytes.NewReader(data))
		if err != nil {
			return failure(fmt.Errorf("%s: invalid JSON: %w", in.name, err))
		}
	} else {
		r := ach.NewReader(bytes.NewReader(data))
		r.Options = achOptions(f.lenient, false, 0)
		file, _ = r.ReadAll()
		if fatal := readFailure(r, in.name); fatal != nil {
			return failure(fatal)
		}
		errs, warns := splitFindings(r.Findings())
		if len(errs) > 0 {
			hint := "railyard ach validate " + shellQuote(name) + " lists every finding"
			if !f.lenient {
				hint += "; --lenient accepts the deviations of bank files"
			}
			return g.findingsError(fmt.Sprintf("%s: not converted: %s (%s profile); %s",
				in.name, plural(len(errs), "error"), profileName(f.lenient), hint), errs)
		}
		if len(warns) > 0 {
			g.note(fmt.Sprintf("%s: %s (%s profile); railyard ach validate --lenient %s lists them",
				in.name, plural(len(warns), "warning"), profileName(f.lenient), shellQuote(name)))
		}
	}

	var out bytes.Buffer
	switch f.to {
	case formatJSON:
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(file); err != nil {
			return failure(err)
		}
	case formatNACHA:
		w := ach.NewWriter(&out)
		if err := w.WriteFile(file); err != nil {
			var pe *ach.ParseError
			if errors.As(err, &pe) {
				return g.findingsError(fmt.Sprintf("%s: not written as NACHA: the writer refused this record (line numbers count the output)",
					in.name), []*ach.ParseError{pe})
			}
			return failure(fmt.Errorf("%s: not written as NACHA: %w", in.name, err))
		}
		for _, pe := range w.Warnings() {
			g.note(fmt.Sprintf("%s: written with a change: %s", in.name, findingText(pe)))
		}
	}

	if f.out == "" || f.out == stdinName {
		if _, err := g.stdout.Write(out.Bytes()); err != nil {
			return failure(err)
		}
		return nil
	}
	if err := writeFileAtomic(f.out, out.Bytes()); err != nil {
		return failure(err)
	}
	return nil
}

// note prints a warning on stderr: "railyard: warning: ..." or, with
// --output json, {"warning": "..."}.
func (g *globals) note(msg string) {
	if g.json() {
		enc := json.NewEncoder(g.stderr)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(struct {
			Warning string `json:"warning"`
		}{msg})
		return
	}
	fmt.Fprintf(g.stderr, "railyard: warning: %s\n", msg)
}

// findingsError reports a failure (exit 1) with the findings behind it on
// stderr: a message then one finding per line or, with --output json,
// {"error": "...", "exit_code": 1, "errors": [...]}.
func (g *globals) findingsError(msg string, es []*ach.ParseError) error {
	if g.json() {
		enc := json.NewEncoder(g.stderr)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(struct {
			Error    string    `json:"error"`
			ExitCode int       `json:"exit_code"`
			Errors   []finding `json:"errors"`
		}{msg, exitFailure, toFindings(es)})
	} else {
		fmt.Fprintf(g.stderr, "railyard: %s\n", msg)
		const show = 20
		for i, e := range es {
			if i == show {
				fmt.Fprintf(g.stderr, "  … and %s more\n", count(len(es)-show))
				break
			}
			fmt.Fprintf(g.stderr, "  %s\n", findingText(e))
		}
	}
	return &exitError{code: exitFailure, err: errors.New(msg), reported: true}
}
