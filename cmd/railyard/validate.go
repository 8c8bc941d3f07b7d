package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/internal/mask"
	"github.com/spf13/cobra"
)

// validateFlags are the flags of "ach validate".
type validateFlags struct {
	lenient           bool
	customReturnCodes bool
	maxErrors         int
	unmask            bool
}

// validateReport is the JSON output of "ach validate". The keys valid,
// errors (line, record, field, value, message), summary (batches, entries,
// addenda, debit_total_cents, credit_total_cents, returns, nocs) are a
// contract other tools rely on; arrays are [] when empty, never null.
type validateReport struct {
	Valid   bool   `json:"valid"`
	File    string `json:"file"`
	Profile string `json:"profile"`
	// Errors are the error-severity findings, sorted by line.
	Errors []finding `json:"errors"`
	// Warnings are the warning-severity findings, sorted by line.
	Warnings []finding `json:"warnings"`
	// Dropped counts the findings over the --max-errors cap, not listed.
	Dropped int `json:"dropped"`
	// Error is the I/O error that stopped reading, if any.
	Error   string       `json:"error,omitempty"`
	Summary *ach.Summary `json:"summary"`
}

func newValidateCmd(g *globals) *cobra.Command {
	var f validateFlags
	cmd := &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a NACHA file against the Nacha Rules",
		Long: `Validate reads a NACHA file record by record (it never holds the file in
memory, so million-entry files are fine) and reports every problem with its
line, column, record and field.

The strict profile (default) is the Rules as written. --lenient accepts the
deviations real bank files carry and reports them as warnings instead.

Exit status: 0 the file is valid, 1 it is not (or is not NACHA, or could not
be read), 2 usage error (bad flag, missing FILE, FILE does not exist).

JSON output (--output json) is a stable contract:

  {"valid": false, "file": "x.ach", "profile": "strict",
   "errors":   [{"line": 17, "column": 21, "record": "batch_control",
                 "field": "total_debit", "value": "44", "message": "...",
                 "severity": "error"}],
   "warnings": [...same shape...],
   "dropped": 0,
   "summary": {"batches": 2, "entries": 6, "addenda": 6,
               "debit_total_cents": 152, "credit_total_cents": 152,
               "returns": [{"code": "R01", "original_trace": "...", "line": 4, ...}],
               "nocs": [{"code": "C01", "original_trace": "...",
                         "corrected_data": "...", "line": 4}]}}

The NOC corrected data is not masked in JSON (it is data for programs);
text output masks account numbers in it unless --unmask.`,
		Example: `  # Strict: may this file be sent?
  railyard ach validate payroll.ach

  # A bank's file: deviations become warnings
  railyard ach validate --lenient inbound.ach

  # For a program; read from standard input
  cat payroll.ach | railyard ach validate - --output json

  # Accept bank-specific return codes (R97) with a warning
  railyard ach validate --custom-return-codes returns.ach`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(g, &f, args[0])
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.lenient, "lenient", false, "accept the deviations real bank files carry, as warnings")
	fl.BoolVar(&f.customReturnCodes, "custom-return-codes", false, "accept unassigned return and change codes (R97, C92) with a warning")
	fl.IntVar(&f.maxErrors, "max-errors", ach.DefaultMaxErrors, "keep at most `N` errors and N warnings (0 = no limit)")
	fl.BoolVar(&f.unmask, "unmask", false, "show account numbers in NOC corrected data in full (text output)")
	return cmd
}

// achOptions turns the profile flags into reader options.
func achOptions(lenient, customReturnCodes bool, maxErrors int) ach.Options {
	o := ach.Options{Lenient: lenient, CustomReturnCodes: customReturnCodes, MaxErrors: maxErrors}
	if maxErrors == 0 {
		o.MaxErrors = -1 // ach: negative is no cap
	}
	return o
}

func profileName(lenient bool) string {
	if lenient {
		return "lenient"
	}
	return "strict"
}

// readFailure returns the error that stopped r, if it was not a finding
// (an I/O error), naming the input.
func readFailure(r *ach.Reader, name string) error { return inputFailure[ach.Errors](r.Err(), name) }

// inputFailure returns err, the error a codec's reader stopped with, when
// it is not the file's findings (a list L): an I/O error, naming the input.
func inputFailure[L error](err error, name string) error {
	if err == nil {
		return nil
	}
	var es L
	if errors.As(err, &es) {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return err
	}
	return fmt.Errorf("read %s: %w", name, err)
}

// emptySummary returns s with nil lists made empty, so that JSON has [].
func emptySummary(s ach.Summary) *ach.Summary {
	if s.Returns == nil {
		s.Returns = []ach.ReturnItem{}
	}
	if s.NOCs == nil {
		s.NOCs = []ach.NOCItem{}
	}
	return &s
}

func runValidate(g *globals, f *validateFlags, name string) error {
	if f.maxErrors < 0 {
		return usageErrorf("invalid --max-errors %d: must be 0 (no limit) or more", f.maxErrors)
	}
	in, err := g.openInput(name)
	if err != nil {
		return err
	}
	defer in.Close()

	r := ach.NewReader(in)
	r.Options = achOptions(f.lenient, f.customReturnCodes, f.maxErrors)
	for r.Next() {
	}
	fatal := readFailure(r, in.name)
	errs, warns := splitFindings(r.Findings())
	valid := len(errs) == 0 && r.Err() == nil

	rep := &validateReport{
		Valid:    valid,
		File:     in.name,
		Profile:  profileName(f.lenient),
		Errors:   toFindings(errs),
		Warnings: toFindings(warns),
		Dropped:  r.Dropped(),
		Summary:  emptySummary(*r.Summary()),
	}
	if fatal != nil {
		rep.Error = fatal.Error()
	}

	return g.writeReport(rep, func(w io.Writer) { writeValidateText(w, rep, errs, warns, f.unmask) }, fatal, !valid)
}

func writeValidateText(w io.Writer, rep *validateReport, errs, warns []*ach.ParseError, unmask bool) {
	switch {
	case rep.Error != "":
		fmt.Fprintf(w, "INVALID: reading failed; %s, %s before that (%s): %s\n", plural(len(errs), "error"), plural(len(warns), "warning"), rep.Profile, rep.File)
	case rep.Valid && len(warns) == 0:
		fmt.Fprintf(w, "valid (%s): %s\n", rep.Profile, rep.File)
	case rep.Valid:
		fmt.Fprintf(w, "valid (%s), %s: %s\n", rep.Profile, plural(len(warns), "warning"), rep.File)
	default:
		fmt.Fprintf(w, "INVALID: %s, %s (%s): %s\n", plural(len(errs), "error"), plural(len(warns), "warning"), rep.Profile, rep.File)
	}
	if rep.Error != "" {
		fmt.Fprintf(w, "reading stopped: %s\n", rep.Error)
	}
	if len(errs) > 0 {
		fmt.Fprintln(w, "errors:")
		for _, e := range errs {
			fmt.Fprintf(w, "  %s\n", findingText(e))
		}
	}
	if len(warns) > 0 {
		fmt.Fprintln(w, "warnings:")
		for _, e := range warns {
			fmt.Fprintf(w, "  %s\n", findingText(e))
		}
	}
	if rep.Dropped > 0 {
		fmt.Fprintf(w, "%s not shown: over the --max-errors cap (use --max-errors 0 to see all)\n", plural(rep.Dropped, "more finding"))
	}
	writeSummaryText(w, rep.Summary, unmask)
}

// writeSummaryText prints what a file holds: counts, totals, returns and
// NOCs (corrected data masked unless unmask).
func writeSummaryText(w io.Writer, s *ach.Summary, unmask bool) {
	fmt.Fprintln(w, "summary:")
	fmt.Fprintf(w, "  batches  %s\n", count(s.Batches))
	fmt.Fprintf(w, "  entries  %s (%s)\n", count(s.Entries), plural(s.Addenda, "addenda record"))
	fmt.Fprintf(w, "  debits   %s\n", dollars(s.DebitTotal))
	fmt.Fprintf(w, "  credits  %s\n", dollars(s.CreditTotal))
	if len(s.Returns) == 0 {
		fmt.Fprintln(w, "  returns  none")
	} else {
		fmt.Fprintf(w, "  returns  %s\n", count(len(s.Returns)))
		for i, rt := range s.Returns {
			if i == maxTextItems {
				fmt.Fprintf(w, "    … and %s more (--output json lists them all)\n", count(len(s.Returns)-i))
				break
			}
			kind := ""
			if rt.Kind != ach.KindReturn {
				kind = " (" + rt.Kind.String() + ")"
			}
			fmt.Fprintf(w, "    line %d: %s%s, original trace %s, %s\n", rt.Line, rt.Code, kind, rt.OriginalTrace, dollars(rt.Amount))
		}
	}
	if len(s.NOCs) == 0 {
		fmt.Fprintln(w, "  nocs     none")
	} else {
		fmt.Fprintf(w, "  nocs     %s\n", count(len(s.NOCs)))
		for i, n := range s.NOCs {
			if i == maxTextItems {
				fmt.Fprintf(w, "    … and %s more (--output json lists them all)\n", count(len(s.NOCs)-i))
				break
			}
			data := n.CorrectedData
			if !unmask {
				data = mask.CorrectedData(n.Code, data)
			}
			refused := ""
			if n.Refused {
				refused = " (refused)"
			}
			fmt.Fprintf(w, "    line %d: %s%s, original trace %s, corrected data %q\n", n.Line, n.Code, refused, n.OriginalTrace, data)
		}
	}
}

// writeReport writes a validate or describe report: rep as indented JSON
// with --output json, else text. The exit status follows: a failure when
// reading stopped (fatal) or the output could not be written, 1 without a
// second message when invalid, else 0.
func (g *globals) writeReport(rep any, text func(io.Writer), fatal error, invalid bool) error {
	w := bufio.NewWriter(g.stdout)
	var err error
	if g.json() {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		text(w)
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	switch {
	case fatal != nil:
		return failure(fatal)
	case err != nil:
		return failure(err)
	case invalid:
		return &exitError{code: exitFailure, reported: true}
	}
	return nil
}
