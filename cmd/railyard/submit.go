package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/railyardhq/railyard/rails"
	"github.com/spf13/cobra"
)

const submitLong = `Submit stores transactions for the next cutoff: each is validated
(routing check digit, amount, same-day limit, memo length, the fields the
rail requires), placed in its cutoff window and stored CREATED. "railyard
run" batches them into files at the cutoff.

FILE is JSON Lines — one transaction per line — or CSV with a header row
("-" for standard input). The format follows the extension (.jsonl,
.ndjson, .json, .csv), else the first byte ('{' is JSON Lines). A line:

  {"id":"tx_001","rail":"ach","speed":"same_day","direction":"credit",
   "amount_cents":12500,"currency":"USD",
   "counterparty":{"name":"Jane Doe","routing_number":"021000021",
                   "account_number":"123456789","account_type":"checking"},
   "sec_code":"PPD","memo":"Payroll","addenda":"...",
   "submitted_at":"2026-11-23T10:15:00-08:00","process_on":"2026-11-30"}

CSV columns (the header names those it uses, in any order): id, rail,
speed, direction, amount_cents, currency, name, routing_number,
account_number, account_type, sec_code, memo, addenda, submitted_at,
process_on.

submitted_at decides the window (same-day ACH after 11:00 PT goes into the
15:00 next-day batch, keeping its same-day price); without it, the time of
submission. A transaction whose window has already been run goes into the
next one.

A bad row — unreadable, or invalid — is reported with its line number and
reason, and nothing of it is stored. The good rows are stored, unless
--all-or-nothing: then one bad row stores nothing. Submitting an ID again
with the same content is a no-op (a duplicate); with other content it is
rejected and the stored transaction is unchanged.

JSON output (--output json):

  {"accepted":5,"duplicates":1,
   "rejected":[{"line":4,"id":"tx_004","error":"amount_cents: must be greater than 0"}]}

accepted counts the transactions stored by this call, duplicates those
already stored with the same content; rejected lists every other row in
line order. With --all-or-nothing and a bad row, the good rows are listed
as rejected too ("not stored: ...").

Exit status: 0 every row was accepted or a duplicate; 1 a row was rejected
(the good rows are still stored unless --all-or-nothing), or the file or
the store could not be read; 2 usage error.`

// submitFlags are the flags of "submit".
type submitFlags struct {
	allOrNothing bool
}

func newSubmitCmd(g *globals) *cobra.Command {
	var f submitFlags
	cmd := &cobra.Command{
		Use:   "submit FILE",
		Short: "Store transactions (JSON Lines or CSV) for the next cutoff",
		Long:  submitLong,
		Example: `  railyard submit testdata/transactions.jsonl
  railyard submit payroll.csv --all-or-nothing --output json
  produce-transactions | railyard submit - --db /var/lib/railyard/railyard.db`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSubmit(g, cmd, &f, args[0])
		},
	}
	cmd.Flags().BoolVar(&f.allOrNothing, "all-or-nothing", false, "store nothing when any row is rejected")
	return cmd
}

// submitReport is the JSON contract of submit.
type submitReport struct {
	Accepted   int           `json:"accepted"`
	Duplicates int           `json:"duplicates"`
	Rejected   []rejectedRow `json:"rejected"`
}

// rejectedRow is one row that was not stored.
type rejectedRow struct {
	Line  int    `json:"line"`
	ID    string `json:"id"`
	Error string `json:"error"`
}

// submitWindow counts the accepted transactions of one window, for the
// text output.
type submitWindow struct {
	id     string
	cutoff time.Time
	n      int
}

func runSubmit(g *globals, cmd *cobra.Command, f *submitFlags, name string) error {
	in, err := g.openInput(name)
	if err != nil {
		return err
	}
	defer in.Close()
	rows, err := readTransactions(name, in)
	if err != nil {
		return failure(fmt.Errorf("%s: %w (nothing stored)", in.name, err))
	}

	ctx := cmd.Context()
	eng, err := g.openEngine(ctx, nil)
	if err != nil {
		return err
	}
	defer eng.Close()
	eng.AllOrNothing = f.allOrNothing

	// The rows to hand to the engine. An unreadable row goes as nil (which
	// the engine rejects) only with --all-or-nothing, so that it keeps the
	// whole call from being stored.
	unreadable := 0
	for _, r := range rows {
		if r.Err != nil {
			unreadable++
		}
	}
	var txs []*rails.Transaction
	var txRows []int // txs[i] is rows[txRows[i]]
	for i, r := range rows {
		if r.Err == nil || f.allOrNothing {
			txs = append(txs, r.Tx)
			txRows = append(txRows, i)
		}
	}
	if f.allOrNothing {
		// The engine's AllOrNothing covers invalid rows; a conflict (an ID
		// stored with other content) is found by the store, after it. Look
		// for conflicts first, so that one also stores nothing.
		for k, tx := range txs {
			if tx == nil {
				continue
			}
			old, err := eng.Transaction(ctx, tx.ID)
			if err == nil && tx.SubmittedAt.IsZero() {
				c := *tx // the engine takes the stored submission time
				c.SubmittedAt = old.SubmittedAt
				tx = &c
			}
			switch {
			case err == nil && !rails.SameContent(old, tx):
				rows[txRows[k]].Err = errConflict
				txs[k] = nil
				unreadable++
			case err != nil && !errors.Is(err, rails.ErrNotFound):
				return failure(fmt.Errorf("submit %s: %w (nothing stored)", in.name, tidy(err)))
			}
		}
		if len(txs) == unreadable {
			txs, txRows = nil, nil // nothing left to check
		}
	}

	var outcomes []rails.SubmitOutcome
	if len(txs) > 0 {
		done := g.progress(fmt.Sprintf("railyard: submitting %s…", plural(len(txs), "transaction")))
		outcomes, err = eng.Submit(ctx, txs)
		done()
		if err != nil {
			return failure(fmt.Errorf("submit %s: %w (nothing stored)", in.name, tidy(err)))
		}
	}

	rep := submitReport{Rejected: []rejectedRow{}}
	errs := make([]string, len(rows)) // why rows[i] was rejected; "" if it was not
	for i, r := range rows {
		if r.Err != nil {
			errs[i] = r.Err.Error()
		}
	}
	windows := map[string]*submitWindow{}
	for k, o := range outcomes {
		i := txRows[k]
		if rows[i].Err != nil {
			continue // reported as unreadable
		}
		switch o.Result {
		case rails.SubmitCreated:
			rep.Accepted++
			w := windows[o.Window]
			if w == nil {
				w = &submitWindow{id: o.Window, cutoff: o.Cutoff}
				windows[o.Window] = w
			}
			w.n++
		case rails.SubmitDuplicate:
			rep.Duplicates++
		case rails.SubmitSkipped:
			errs[i] = "not stored: --all-or-nothing and another row was rejected"
		default: // invalid, conflict, and whatever the engine may add
			errs[i] = outcomeError(o)
		}
	}
	for i, r := range rows {
		if errs[i] != "" {
			rep.Rejected = append(rep.Rejected, rejectedRow{Line: r.Line, ID: r.ID, Error: errs[i]})
		}
	}

	err = g.flushed(func(w io.Writer) error {
		if g.json() {
			return writeJSONLine(w, rep)
		}
		writeSubmitText(w, in.name, eng, &rep, windows, f.allOrNothing)
		return nil
	})
	if err != nil {
		return err
	}
	if len(rep.Rejected) > 0 {
		return &exitError{code: exitFailure, reported: true}
	}
	return nil
}

// errConflict is the reason of a row whose ID is stored with other content
// (the engine's wording).
var errConflict = errors.New("id: a transaction with this id and other content exists")

// outcomeError says why the engine did not store a transaction.
func outcomeError(o rails.SubmitOutcome) string {
	if len(o.Reasons) > 0 {
		return strings.Join(o.Reasons, "; ")
	}
	return "not stored: " + string(o.Result)
}

func writeSubmitText(w io.Writer, name string, eng *engine, rep *submitReport, windows map[string]*submitWindow, allOrNothing bool) {
	fmt.Fprintf(w, "%s: %d accepted, %s, %d rejected\n", name, rep.Accepted, plural(rep.Duplicates, "duplicate"), len(rep.Rejected))
	ws := make([]*submitWindow, 0, len(windows))
	for _, sw := range windows {
		ws = append(ws, sw)
	}
	slices.SortFunc(ws, func(a, b *submitWindow) int {
		return cmp.Or(a.cutoff.Compare(b.cutoff), strings.Compare(a.id, b.id))
	})
	if len(ws) > 0 {
		fmt.Fprintln(w, "\nby window (railyard run batches them at the cutoff):")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, sw := range ws {
			fmt.Fprintf(tw, "  %s\tcutoff %s\t%s\n", sw.id, clock(sw.cutoff.In(eng.loc)), plural(sw.n, "transaction"))
		}
		tw.Flush()
	}
	if len(rep.Rejected) > 0 {
		fmt.Fprintln(w, "\nrejected:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, r := range rep.Rejected {
			id := r.ID
			if id == "" {
				id = "-"
			}
			fmt.Fprintf(tw, "  line %d\t%s\t%s\n", r.Line, id, r.Error)
		}
		tw.Flush()
		if allOrNothing && rep.Accepted == 0 {
			fmt.Fprintln(w, "\nnothing stored (--all-or-nothing)")
		}
	}
}
