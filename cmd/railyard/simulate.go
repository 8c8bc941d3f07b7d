package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/railyardhq/railyard/railtest"
	"github.com/spf13/cobra"
)

const simulateLong = `The simulate commands play the bank, so that engineers can test the whole
loop without one.

  railyard simulate return   the return or notification of change (NOC) the
                             receiving bank would send for entries of one of
                             our outgoing files`

func newSimulateCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "simulate",
		Short: "Play the bank: build the return or NOC files it would send",
		Long:  simulateLong,
		Example: `  railyard simulate return --file outbox/ach/2026-11-23/ach-next-day-2026-11-23-1.ach \
      --trace 121042880000003 --code R01 --out RET.ach
  railyard ingest RET.ach`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newSimulateReturnCmd(g))
	return cmd
}

// simulateFlags are the flags of "simulate return".
type simulateFlags struct {
	file, code, correctedData, out string
	traces                         []string
}

func newSimulateReturnCmd(g *globals) *cobra.Command {
	var f simulateFlags
	cmd := &cobra.Command{
		Use:   "return --file OUT.ach --trace T --code CODE [--out RET.ach]",
		Short: "Build the return or NOC file a bank would send for entries of our file",
		Long: `Return reads one of our outgoing NACHA files (--file), finds the entry with
trace number --trace, and writes the file the receiving bank would send
back through the ACH Operator:

  --code R01 (any R code, dishonored R61-R69 and contested R71-R77 too):
      a return of the entry, as "railyard ingest" expects it;
  --code C01 (any C code): a notification of change, carrying
      --corrected-data as the change code lays it out (C01 the account
      number, C02 the routing number, C03 "routing account", ...), or,
      without it, plausible corrected data for the code.

--trace may be repeated: one file answers several entries. The file goes to
--out, written atomically with mode 0600, or to standard output. It passes
the strict validation of "railyard ach validate".

With --out, text output says what was written and JSON output is
{"file":"RET.ach","sha256":"...","code":"R01","traces":["..."]}; without
--out, standard output is the file itself.

A trace that is not in --file exits 1.`,
		Example: `  railyard simulate return --file outbox/ach/2026-11-23/ach-next-day-2026-11-23-1.ach \
      --trace 121042880000003 --code R01 --out RET.ach
  railyard simulate return --file OUT.ach --trace 121042880000001 --code C01 \
      --corrected-data 12345678901 > NOC.ach`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSimulateReturn(g, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.file, "file", "", "our outgoing NACHA `FILE` (required; - for standard input)")
	fl.StringArrayVar(&f.traces, "trace", nil, "trace number `T` of the entry to answer (required; repeatable)")
	fl.StringVar(&f.code, "code", "", "return `CODE` (R01 ...) or change code (C01 ...) (required)")
	fl.StringVar(&f.correctedData, "corrected-data", "", "a NOC's corrected `DATA` (default: plausible data for the code)")
	fl.StringVarP(&f.out, "out", "o", "", "write the file to `PATH` (default standard output)")
	return cmd
}

func runSimulateReturn(g *globals, f *simulateFlags) error {
	switch {
	case f.file == "":
		return usageErrorf("missing --file (our outgoing NACHA file)")
	case len(f.traces) == 0:
		return usageErrorf("missing --trace (the trace number of the entry to answer)")
	case f.code == "":
		return usageErrorf("missing --code (R01 ... for a return, C01 ... for a notification of change)")
	}
	code := strings.ToUpper(strings.TrimSpace(f.code))
	noc := strings.HasPrefix(code, "C")
	if !noc && !strings.HasPrefix(code, "R") || len(code) != 3 {
		return usageErrorf("invalid --code %q: want a return code (R01 ...) or a change code (C01 ...)", f.code)
	}
	if f.correctedData != "" && !noc {
		return usageErrorf("--corrected-data goes with a change code (C01 ...), not %s", code)
	}
	in, err := g.openInput(f.file)
	if err != nil {
		return err
	}
	original, err := io.ReadAll(in)
	in.Close()
	if err != nil {
		return failure(fmt.Errorf("read %s: %w", in.name, err))
	}
	items := make([]railtest.Item, len(f.traces))
	for i, t := range f.traces {
		items[i] = railtest.Item{Trace: strings.TrimSpace(t), Code: code, CorrectedData: f.correctedData}
	}
	data, err := railtest.BankFile(original, items...)
	if err != nil {
		return failure(fmt.Errorf("%s: %w", in.name, tidy(err)))
	}
	if f.out == "" || f.out == stdinName {
		if _, err := g.stdout.Write(data); err != nil {
			return failure(err)
		}
		return nil
	}
	if err := writeFileAtomic(f.out, data); err != nil {
		return failure(err)
	}
	sum := sha256.Sum256(data)
	digest := hex.EncodeToString(sum[:])
	return g.flushed(func(w io.Writer) error {
		if g.json() {
			return writeJSONLine(w, struct {
				File   string   `json:"file"`
				SHA256 string   `json:"sha256"`
				Code   string   `json:"code"`
				Traces []string `json:"traces"`
			}{f.out, digest, code, f.traces})
		}
		kind := "return"
		if noc {
			kind = "notification of change"
		}
		fmt.Fprintf(w, "wrote %s: %s %s for %s of %s\n", f.out, kind, code, plural(len(items), "entry"), in.name)
		return nil
	})
}
