// Command railyard is the command-line face of railyard, a payment-rail
// processor. Commands are "railyard <noun> <verb>":
//
//	railyard ach validate FILE   check a NACHA file against the Rules
//	railyard ach describe FILE   say what a NACHA file holds
//	railyard ach convert FILE    NACHA ⇄ JSON, or normalise a NACHA file
//	railyard cutoffs window      which window a transaction goes into
//	railyard cutoffs show        the next window of every rail
//	railyard cutoffs calendar    the Fed's closed weekdays of a year
//	railyard returns show CODE   one return/NOC/CHR/WR code and its policy
//	railyard returns map         a network reason to the platform's code
//	railyard returns list        a family's codes as a table
//
// The main job, over a store (--db, an embedded SQLite file):
//
//	railyard submit FILE         store transactions (JSON Lines or CSV)
//	railyard run                 close every due cutoff window, write its files
//	railyard settle              move entries past their settlement date to SETTLED
//	railyard ingest FILE|DIR...  apply bank files: returns, NOCs
//	railyard tx show|list|cancel look at or cancel transactions
//	railyard events              every status change, as JSON Lines
//	railyard simulate return     the return or NOC a bank would send
//
// Every command takes --output text|json and exits 0 when it succeeded,
// 1 when the input is invalid or could not be read, and 2 on a usage error
// (bad flag or argument, missing input file).
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// version is what "railyard --version" prints. Release builds set it with
// -ldflags "-X main.version=v1.2.3".
var version = "dev"

// Exit statuses.
const (
	exitOK      = 0 // success; for validate, a valid file
	exitFailure = 1 // invalid input, unreadable input, failed write
	exitUsage   = 2 // bad flags or arguments, missing input file
)

// Values of --output.
const (
	outputText = "text"
	outputJSON = "json"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes railyard with args (without the program name) and returns
// the exit status. It is main without the process: tests call it with
// buffers.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr, output: outputText}
	root := newRootCmd(g)
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)

	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// Whatever cobra itself reports — unknown command or flag, bad
		// flag value, wrong number of arguments — is a usage error.
		ee = &exitError{code: exitUsage, err: err}
	}
	if ee.err != nil && !ee.reported {
		g.reportError(cmd, ee)
	}
	return ee.code
}

// globals are the persistent flags and the process's streams, shared by
// every command.
type globals struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	output string // --output: text or json
	config string // --config: read by the cutoffs, returns and engine commands
	db     string // --db: the store of the engine commands
}

func (g *globals) json() bool { return g.output == outputJSON }

// exitError is an error that carries railyard's exit status. Commands
// return it; run turns it into the status and, unless the command already
// did, a message on stderr.
type exitError struct {
	code     int
	err      error
	reported bool // the command already told the user
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErrorf returns a usage error (exit status 2).
func usageErrorf(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...)}
}

// failure wraps err as a failure (exit status 1).
func failure(err error) error { return &exitError{code: exitFailure, err: err} }

// reportError prints an error on stderr: "railyard: message", and for a
// usage error a hint to the command's help. With --output json it prints
// {"error": "...", "exit_code": n} instead, so scripts parse one format.
func (g *globals) reportError(cmd *cobra.Command, ee *exitError) {
	msg := strings.TrimPrefix(ee.err.Error(), "railyard: ")
	if g.json() {
		enc := json.NewEncoder(g.stderr)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(struct {
			Error    string `json:"error"`
			ExitCode int    `json:"exit_code"`
		}{msg, ee.code})
		return
	}
	fmt.Fprintf(g.stderr, "railyard: %s\n", msg)
	if ee.code == exitUsage && cmd != nil {
		fmt.Fprintf(g.stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
}

const rootLong = `railyard is a payment-rail processor: it reads, checks, writes and moves
the files banks exchange. Today it speaks NACHA (ACH), the fixed-width
94-byte-record format of US ACH payments, returns and notifications of change,
and knows every rail's cutoffs and the Federal Reserve banking calendar.

Commands have the shape "railyard <noun> <verb>":

  railyard ach validate FILE   check a file against the Nacha Rules
  railyard ach describe FILE   show what a file holds (headers, batches, entries)
  railyard ach convert FILE    NACHA to JSON, JSON to NACHA, or normalise a file
  railyard cutoffs window      which window a transaction goes into, its dates
  railyard cutoffs show        the next window of every rail, time left
  railyard cutoffs calendar    the Fed's closed weekdays of a year
  railyard returns show CODE   one return/NOC/CHR/WR code and its policy
  railyard returns map         a network reason (X9, ISO 20022) to the platform's code
  railyard returns list        a family's codes as a table

The main job keeps its state in a store, an embedded SQLite file (--db,
default $RAILYARD_DB or ./railyard.db, created on first use):

  railyard submit FILE         store transactions (JSON Lines or CSV)
  railyard run [--at TIME]     close every due cutoff window, write its files
  railyard settle [--at TIME]  move entries past their settlement date to SETTLED
  railyard ingest FILE|DIR...  apply bank files: returns, NOCs, dishonors
  railyard tx show|list|cancel look at a transaction, list them, cancel one
  railyard events [--follow]   every status change, as JSON Lines
  railyard simulate return     the return or NOC a bank would send for an entry

FILE may be "-" for standard input.

Every command takes --output text|json: text for people, JSON for programs.
What railyard shows (describe, tx, ingest, text output) masks account numbers
as ****1234 unless --unmask; data meant for programs (validate's JSON, convert's output)
is never masked.

Exit status: 0 success (for validate: the file is valid), 1 the input is
invalid or could not be read, 2 usage error (bad flag or argument, missing
file).`

const rootExample = `  # Is this file good to send? (strict profile, exit 1 if not)
  railyard ach validate payroll.ach

  # A file from the bank: accept the usual deviations, report them as warnings
  railyard ach validate --lenient inbound.ach --output json

  # What is in it?
  railyard ach describe inbound.ach

  # When is the next same-day ACH cutoff, and what dates does it give?
  railyard cutoffs window --rail ach --speed same-day

  # Edit a file as JSON and write it back as NACHA
  railyard ach convert payroll.ach --to json -o payroll.json
  railyard ach convert payroll.json --to nacha -o payroll.ach

  # The main job: store transactions, then close the windows due at 15:00
  railyard submit testdata/transactions.jsonl
  railyard run --at 2026-11-23T15:00:00-08:00`

// newRootCmd builds the command tree.
func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:           "railyard",
		Short:         "railyard is a payment-rail processor (NACHA/ACH files today)",
		Long:          rootLong,
		Example:       rootExample,
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			switch g.output {
			case outputText, outputJSON:
				return nil
			}
			out := g.output
			g.output = outputText // report this error as text
			return usageErrorf("invalid --output %q: must be text or json", out)
		},
	}
	root.SetVersionTemplate("railyard {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: err}
	})
	root.CompletionOptions.HiddenDefaultCmd = true

	pf := root.PersistentFlags()
	pf.StringVar(&g.output, "output", outputText, "output format: text (for people) or json (for programs)")
	pf.StringVar(&g.config, "config", "", "configuration `FILE` (TOML, YAML or JSON); read by the cutoffs, returns and engine commands (see railyard run --help)")
	pf.StringVar(&g.db, "db", defaultDBPath(), "store of submit, run, settle, ingest, tx and events: a SQLite `FILE`, created on first use ($"+envDB+" sets the default)")

	root.AddCommand(newACHCmd(g))
	root.AddCommand(newX9Cmd(g))
	root.AddCommand(newWireCmd(g))
	root.AddCommand(newCutoffsCmd(g))
	root.AddCommand(newReturnsCmd(g))
	root.AddCommand(newSubmitCmd(g))
	root.AddCommand(newRunCmd(g))
	root.AddCommand(newSettleCmd(g))
	root.AddCommand(newIngestCmd(g))
	root.AddCommand(newInboundCmd(g))
	root.AddCommand(newTxCmd(g))
	root.AddCommand(newEventsCmd(g))
	root.AddCommand(newSimulateCmd(g))
	return root
}

// newACHCmd is the "ach" noun.
func newACHCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ach",
		Short: "Validate, describe and convert NACHA (ACH) files",
		Long: `The ach commands work on NACHA files: 94-byte records (file header 1,
batch header 5, entry detail 6, addenda 7, batch control 8, file control 9).

Two validation profiles:
  strict   (default for validate and convert) the Nacha Rules as written;
           what railyard itself writes always passes it.
  lenient  (--lenient; default for describe) accepts the deviations real
           bank files carry — missing file header or controls, no block
           fill, short or long lines, no line breaks, wrong control totals —
           and reports each as a warning.`,
		Example: `  railyard ach validate payroll.ach
  railyard ach describe --entries 5 inbound.ach
  railyard ach convert payroll.ach --to json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newValidateCmd(g), newDescribeCmd(g), newConvertCmd(g))
	return cmd
}

// exactlyOneFile is the Args check of commands that take one FILE.
func exactlyOneFile(cmd *cobra.Command, args []string) error {
	switch len(args) {
	case 0:
		return usageErrorf("missing FILE argument (use - for standard input)")
	case 1:
		return nil
	}
	return usageErrorf("%s takes one FILE, got %d arguments", cmd.Name(), len(args))
}
