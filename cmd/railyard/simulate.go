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
                             our outgoing NACHA files, or the return cash
                             letter a paying bank would send for items of
                             one of our X9 cash letters`

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
	file, code, correctedData, out, reason, uetr string
	traces, items                                []string
}

func newSimulateReturnCmd(g *globals) *cobra.Command {
	var f simulateFlags
	cmd := &cobra.Command{
		Use:   "return --file OUT.ach --trace T --code CODE [--out RET.ach] | --file CL.x937 --item SEQ --reason R",
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

For one of our Fedwire files (ISO 20022), --uetr names the pacs.008 and
--reason the ISO 20022 return reason (AC04 account closed, AC01, ...;
railyard returns list --family wire): the file is the pacs.004 the
beneficiary's bank would send back.

For one of our X9 cash letters (RDC deposits), --item names the item
sequence number (25.8, the deposit's trace in "railyard tx show") and
--reason the X9.100-188 return reason (A insufficient funds, B
uncollected funds, ...; railyard returns list --family check): the file
is the value return cash letter (collection type 03) the paying bank
would send, as "railyard ingest" expects it.

--trace and --item may be repeated: one file answers several. The file goes to
--out, written atomically with mode 0600, or to standard output. It passes
the strict validation of "railyard ach validate".

With --out, text output says what was written and JSON output is
{"file":"RET.ach","sha256":"...","code":"R01","traces":["..."]}; without
--out, standard output is the file itself.

A trace or item that is not in --file exits 1.`,
		Example: `  railyard simulate return --file outbox/ach/2026-11-23/ach-next-day-2026-11-23-1.ach \
      --trace 121042880000003 --code R01 --out RET.ach
  railyard simulate return --file OUT.ach --trace 121042880000001 --code C01 \
      --corrected-data 12345678901 > NOC.ach
  railyard simulate return --file outbox/rdc/2026-11-23/rdc-2026-11-23.x937 \
      --item 261123000000001 --reason A --out RET.x937
  railyard simulate return --file outbox/wire/2026-11-23/wire-2026-11-23.xml \
      --uetr 78d9f07b-186b-48c4-8154-f55f1d29e9d0 --reason AC04 --out PACS004.xml`,
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
	fl.StringArrayVar(&f.items, "item", nil, "X9: item sequence number `SEQ` of the deposit to return (repeatable)")
	fl.StringVar(&f.reason, "reason", "", "X9: the return reason `R` (A, B, ... of X9.100-188); wire: the ISO 20022 reason (AC04 ...)")
	fl.StringVar(&f.uetr, "uetr", "", "wire: the UETR `U` of the pacs.008 to return")
	return cmd
}

func runSimulateReturn(g *globals, f *simulateFlags) error {
	if f.uetr != "" {
		return runSimulateWireReturn(g, f)
	}
	if len(f.items) > 0 || f.reason != "" {
		return runSimulateX9Return(g, f)
	}
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
	original, in, err := readOriginal(g, f.file)
	if err != nil {
		return err
	}
	items := make([]railtest.Item, len(f.traces))
	for i, t := range f.traces {
		items[i] = railtest.Item{Trace: strings.TrimSpace(t), Code: code, CorrectedData: f.correctedData}
	}
	data, err := railtest.BankFile(original, items...)
	if err != nil {
		return failure(fmt.Errorf("%s: %w", in.name, tidy(err)))
	}
	kind := "return"
	if noc {
		kind = "notification of change"
	}
	return writeSimulated(g, f.out, data, func(digest string) any {
		return struct {
			File   string   `json:"file"`
			SHA256 string   `json:"sha256"`
			Code   string   `json:"code"`
			Traces []string `json:"traces"`
		}{f.out, digest, code, f.traces}
	}, func(w io.Writer) {
		fmt.Fprintf(w, "wrote %s: %s %s for %s of %s\n", f.out, kind, code, plural(len(items), "entry"), in.name)
	})
}

// writeSimulated writes a simulated bank file to out (atomically, 0600),
// or to standard output when out is empty or "-", and then reports it:
// rep(the file's SHA-256) as JSON, or text.
func writeSimulated(g *globals, out string, data []byte, rep func(digest string) any, text func(io.Writer)) error {
	if out == "" || out == stdinName {
		if _, err := g.stdout.Write(data); err != nil {
			return failure(err)
		}
		return nil
	}
	if err := writeFileAtomic(out, data); err != nil {
		return failure(err)
	}
	sum := sha256.Sum256(data)
	digest := hex.EncodeToString(sum[:])
	return g.flushed(func(w io.Writer) error {
		if g.json() {
			return writeJSONLine(w, rep(digest))
		}
		text(w)
		return nil
	})
}

// runSimulateX9Return is "simulate return" for one of our X9 cash letters.
func runSimulateX9Return(g *globals, f *simulateFlags) error {
	reason := strings.ToUpper(strings.TrimSpace(f.reason))
	switch {
	case f.file == "":
		return usageErrorf("missing --file (our outgoing X9 cash letter)")
	case len(f.items) == 0:
		return usageErrorf("missing --item (the item sequence number of the deposit to return)")
	case len(reason) != 1:
		return usageErrorf("invalid --reason %q: want one X9.100-188 reason character (A, B, ...)", f.reason)
	case len(f.traces) > 0 || f.code != "" || f.correctedData != "":
		return usageErrorf("--trace, --code and --corrected-data are for NACHA files; an X9 return takes --item and --reason")
	}
	original, in, err := readOriginal(g, f.file)
	if err != nil {
		return err
	}
	data, err := railtest.X9ReturnFile(original, reason, f.items...)
	if err != nil {
		return failure(fmt.Errorf("%s: %w", in.name, tidy(err)))
	}
	return writeSimulated(g, f.out, data, func(digest string) any {
		return struct {
			File   string   `json:"file"`
			SHA256 string   `json:"sha256"`
			Reason string   `json:"reason"`
			Items  []string `json:"items"`
		}{f.out, digest, reason, f.items}
	}, func(w io.Writer) {
		fmt.Fprintf(w, "wrote %s: return cash letter, reason %s, for %s of %s\n", f.out, reason, plural(len(f.items), "item"), in.name)
	})
}

// runSimulateWireReturn is "simulate return" for one of our Fedwire files.
func runSimulateWireReturn(g *globals, f *simulateFlags) error {
	reason := strings.ToUpper(strings.TrimSpace(f.reason))
	switch {
	case f.file == "":
		return usageErrorf("missing --file (our outgoing Fedwire file)")
	case len(reason) != 4:
		return usageErrorf("invalid --reason %q: want an ISO 20022 return reason of 4 characters (AC04 ...)", f.reason)
	case len(f.traces) > 0 || len(f.items) > 0 || f.code != "" || f.correctedData != "":
		return usageErrorf("a wire return takes --uetr and --reason, not --trace, --item, --code or --corrected-data")
	}
	original, in, err := readOriginal(g, f.file)
	if err != nil {
		return err
	}
	data, err := railtest.WireReturnFile(original, strings.TrimSpace(f.uetr), reason)
	if err != nil {
		return failure(fmt.Errorf("%s: %w", in.name, tidy(err)))
	}
	return writeSimulated(g, f.out, data, func(digest string) any {
		return struct {
			File   string `json:"file"`
			SHA256 string `json:"sha256"`
			Reason string `json:"reason"`
			UETR   string `json:"uetr"`
		}{f.out, digest, reason, f.uetr}
	}, func(w io.Writer) {
		fmt.Fprintf(w, "wrote %s: pacs.004 return, reason %s, of UETR %s in %s\n", f.out, reason, f.uetr, in.name)
	})
}

// readOriginal reads our outgoing file that a simulated bank answers.
func readOriginal(g *globals, file string) ([]byte, *input, error) {
	in, err := g.openInput(file)
	if err != nil {
		return nil, nil, err
	}
	defer in.Close()
	data, err := io.ReadAll(in)
	if err != nil {
		return nil, nil, failure(fmt.Errorf("read %s: %w", in.name, err))
	}
	return data, in, nil
}
