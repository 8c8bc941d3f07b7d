package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/railyardhq/railyard/internal/mask"
	"github.com/railyardhq/railyard/rails"
	"github.com/spf13/cobra"
)

const ingestLong = `Ingest applies the files a bank sends back: it detects the format —
NACHA (returns, dishonored and contested returns, notifications of change
and refused NOCs) or X9 return cash letters (returned RDC deposits) —
matches each item to its transaction by the original trace number (for
X9, the item sequence number of our deposit, 32.5), applies the returns
policy (railyard returns --help: R-codes, CHR-codes) and records the
status change, with a timeline entry and an event. For X9 files "line" is
the record number.

A DIR argument stands for the regular files in it (not its
subdirectories, not dot files), in name order; "-" reads standard input.
An item whose trace matches none of our entries is kept and reported as
unmatched, never dropped. A file ingested before (same SHA-256) changes
nothing and is reported as a duplicate, so re-running ingest on a
directory is safe. A file that cannot be read, or that is not a return or
NOC file, is an error naming the file and the line, and nothing of it is
applied; the other files are still ingested.

--at is when the files were received (default: now): its date judges
whether a return is late.

JSON output (--output json), one line per file:

  {"file":"RET.ach","sha256":"...","format":"nacha","duplicate":false,
   "changes":[{"transaction_id":"tx_0003","line":4,"trace":"121042880000003",
               "from":"PROCESSING-CREDIT","to":"RETURNED","code":"R01",
               "note":"[Returned on Debit] R01 -- Insufficient Funds",
               "lock_node":false,"lock_user":false,"category":"other",
               "late":false,"timeliness":"timely","action":"..."}],
   "corrections":[{"transaction_id":"tx_0001","line":6,"code":"C01",
                   "title":"...","corrected_data":{"account_number":"****6789"},
                   "action":"apply_correction","deadline":"...","note":"..."}],
   "unmatched":[{"line":8,"trace":"121042889999999","code":"R03"}]}

Account numbers in corrections are masked unless --unmask.

Exit status: 0 every file was ingested (duplicates too); 1 a file could not
be read or is not a return/NOC file (nothing of it applied), or the store
failed; 2 usage error (a FILE or DIR that does not exist).`

// ingestFlags are the flags of "ingest".
type ingestFlags struct {
	at     string
	unmask bool
}

func newIngestCmd(g *globals) *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "ingest FILE|DIR...",
		Short: "Apply bank files (returns, NOCs) to their transactions",
		Long:  ingestLong,
		Example: `  # The bank dropped files: apply them all (safe to repeat)
  railyard ingest /var/spool/railyard/inbound --output json

  # A simulated return (railyard simulate return --help)
  railyard ingest RET.ach`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("missing FILE or DIR argument (use - for standard input)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIngest(g, cmd, &f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.at, "at", "", "the files were received at `TIME`, RFC 3339 (default now)")
	fl.BoolVar(&f.unmask, "unmask", false, "show account numbers in full")
	return cmd
}

// ingestPaths expands the arguments: a directory becomes its regular,
// non-hidden files in name order. A path that does not exist is a usage
// error.
func ingestPaths(args []string) ([]string, error) {
	var paths []string
	for _, a := range args {
		if a == stdinName {
			paths = append(paths, a)
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, &exitError{code: exitUsage, err: err}
			}
			return nil, failure(err)
		}
		if !fi.IsDir() {
			paths = append(paths, a)
			continue
		}
		ents, err := os.ReadDir(a)
		if err != nil {
			return nil, failure(err)
		}
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
				continue
			}
			paths = append(paths, filepath.Join(a, e.Name()))
		}
	}
	return paths, nil
}

func runIngest(g *globals, cmd *cobra.Command, f *ingestFlags, args []string) error {
	paths, err := ingestPaths(args)
	if err != nil {
		return err
	}
	if slices.Contains(paths, stdinName) && len(paths) > 1 {
		return usageErrorf("- (standard input) must be the only argument")
	}
	ctx, stop := interruptible(cmd.Context())
	defer stop()
	eng, err := g.openEngine(ctx, nil)
	if err != nil {
		return err
	}
	defer eng.Close()
	at, err := parseAt(f.at, eng.loc)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fmt.Fprintf(g.stderr, "railyard: ingest: no files in %s\n", strings.Join(args, ", "))
		return nil
	}

	failed := 0
	for i, p := range paths {
		if len(paths) > 1 {
			done := g.progress(fmt.Sprintf("railyard: ingesting %d/%d %s…", i+1, len(paths), p))
			err = ingestOne(ctx, g, eng, f, p, at)
			done()
		} else {
			err = ingestOne(ctx, g, eng, f, p, at)
		}
		if err != nil {
			if ctx.Err() != nil {
				return failure(ctx.Err())
			}
			if len(paths) == 1 {
				return err
			}
			var ee *exitError
			if !errors.As(err, &ee) {
				ee = &exitError{code: exitFailure, err: err}
			}
			g.reportError(cmd, ee)
			failed++
		}
	}
	if failed > 0 {
		fmt.Fprintf(g.stderr, "railyard: ingest: %d of %d files failed (nothing of them applied)\n", failed, len(paths))
		return &exitError{code: exitFailure, reported: true}
	}
	return nil
}

// ingestOne ingests the file at p and prints what it did.
func ingestOne(ctx context.Context, g *globals, eng *engine, f *ingestFlags, p string, at time.Time) error {
	in, err := g.openInput(p)
	if err != nil {
		return err
	}
	defer in.Close()
	name := p
	if p == stdinName {
		name = in.name
	}
	res, err := eng.Ingest(ctx, name, in, at)
	if err != nil {
		return failure(tidy(err))
	}
	if !f.unmask {
		for i := range res.Corrections {
			maskCorrection(&res.Corrections[i])
		}
	}
	return g.flushed(func(w io.Writer) error {
		if g.json() {
			return writeJSONLine(w, res)
		}
		writeIngestText(w, res)
		return nil
	})
}

// maskCorrection masks the account and identification numbers of a NOC's
// corrected data.
func maskCorrection(c *rails.Correction) {
	c.Data.AccountNumber = mask.Account(c.Data.AccountNumber)
	c.Data.IndividualID = mask.Account(c.Data.IndividualID)
	if c.Raw != "" {
		c.Raw = mask.CorrectedData(c.Code, c.Raw)
	}
}

func writeIngestText(w io.Writer, res *rails.IngestResult) {
	if res.Duplicate {
		fmt.Fprintf(w, "%s: already ingested (sha256 %s): nothing changed\n", res.File, res.SHA256)
		return
	}
	at := "line"
	if res.Format == rails.FormatX9 {
		at = "record"
	}
	fmt.Fprintf(w, "%s: %s file, %s, %s, %d unmatched\n", res.File, strings.ToUpper(res.Format),
		plural(len(res.Changes), "change"), plural(len(res.Corrections), "correction"), len(res.Unmatched))
	if len(res.Changes) > 0 {
		fmt.Fprintln(w, "\nchanges:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, c := range res.Changes {
			var flags []string
			if c.LockNode {
				flags = append(flags, "locks the account")
			}
			if c.LockUser {
				flags = append(flags, "locks the user")
			}
			if c.Late {
				flags = append(flags, "late ("+c.Timeliness+")")
			}
			if c.Unknown {
				flags = append(flags, "unknown code: review")
			}
			flags = append(flags, c.Warnings...)
			extra := ""
			if len(flags) > 0 {
				extra = "  (" + strings.Join(flags, "; ") + ")"
			}
			fmt.Fprintf(tw, "  %s %d\t%s\t%s → %s\t%s%s\n", at, c.Line, c.TransactionID, c.From, c.To, c.Note, extra)
		}
		tw.Flush()
	}
	if len(res.Corrections) > 0 {
		fmt.Fprintln(w, "\ncorrections:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, c := range res.Corrections {
			data := c.Raw
			if data == "" {
				data = correctedDataText(c)
			}
			deadline := ""
			if !c.Deadline.IsZero() {
				deadline = ", by " + c.Deadline.String()
			}
			fmt.Fprintf(tw, "  line %d\t%s\t%s\tcorrected data %q\t%s%s\n", c.Line, c.TransactionID, c.Note,
				strings.TrimSpace(data), c.Action, deadline)
		}
		tw.Flush()
	}
	if len(res.Unmatched) > 0 {
		fmt.Fprintln(w, "\nunmatched (no entry of ours has the trace; kept for review):")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, u := range res.Unmatched {
			fmt.Fprintf(tw, "  %s %d\ttrace %s\t%s\n", at, u.Line, u.Trace, u.Code)
		}
		tw.Flush()
	}
}

// correctedDataText lists the parsed fields of a correction.
func correctedDataText(c rails.Correction) string {
	d := c.Data
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+" "+v)
		}
	}
	add("account", d.AccountNumber)
	add("routing", d.RoutingNumber)
	if d.TransactionCode != 0 {
		add("transaction code", fmt.Sprint(d.TransactionCode))
	}
	add("id", d.IndividualID)
	add("name", d.Name)
	return strings.Join(parts, ", ")
}
