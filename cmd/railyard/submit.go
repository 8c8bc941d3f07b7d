package main

import (
	"cmp"
	"context"
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

A check deposit (rail "rdc", a credit to the depositor, whose bank is
the bank of first deposit) carries the check:

  {"id":"dep_001","rail":"rdc","direction":"credit","amount_cents":12500,
   "currency":"USD","counterparty":{"name":"Jane Payee",
   "routing_number":"121042882","account_number":"987654321"},
   "check":{"routing_number":"231380104","account_number":"5558881234",
            "check_number":"1042","micr_amount_cents":12500,
            "front_image":"<base64>","back_image_path":"back.png"},
   "submitted_at":"2026-11-23T10:00:00-08:00"}

Images are JPEG, PNG or TIFF, in base64 or as files (…_image_path,
relative to FILE's directory); they are stored as the bitonal Group 4
TIFF the X9 cash letter carries, and one that cannot be decoded rejects
the row. Check deposits are JSON Lines only.

CSV columns (the header names those it uses, in any order): id, rail,
speed, direction, amount_cents, currency, name, routing_number,
account_number, account_type, sec_code, memo, addenda, submitted_at,
process_on.

submitted_at decides the window (same-day ACH after 11:00 PT goes into the
15:00 next-day batch, keeping its same-day price); without it, the time of
submission. A transaction whose window has already been run goes into the
next one.

A bad row — unreadable, or invalid — is reported with its line number and
reason, and nothing of it is stored. The good rows are stored, 10,000 at a
time as the file is read, so a file of any size is submitted in the memory
of one chunk. With --all-or-nothing one bad row stores nothing: the whole
file is read into memory and stored in one transaction, or not at all
(an ID stored with other content, even by another process at the same
moment, also stores nothing). Submitting an ID again with the same content
is a no-op (a duplicate); with other content it is rejected and the stored
transaction is unchanged.

JSON output (--output json):

  {"accepted":5,"duplicates":1,
   "rejected":[{"line":4,"id":"tx_004","error":"amount_cents: must be greater than 0"}]}

accepted counts the transactions stored by this call, duplicates those
already stored with the same content; rejected lists every other row in
line order. With --all-or-nothing and a bad row, the good rows are listed
as rejected too ("not stored: ...").

Exit status: 0 every row was accepted or a duplicate; 1 a row was rejected
(the good rows are still stored unless --all-or-nothing), or the file or
the store could not be read (the message says how many rows read before
the failure were stored); 2 usage error.`

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

// submitChunk is how many rows submit stores per store transaction
// (without --all-or-nothing): memory holds one chunk, whatever the file's
// size. A variable for tests.
var submitChunk = 10_000

func runSubmit(g *globals, cmd *cobra.Command, f *submitFlags, name string) error {
	in, err := g.openInput(name)
	if err != nil {
		return err
	}
	defer in.Close()
	ctx := cmd.Context()
	eng, err := g.openEngine(ctx, nil)
	if err != nil {
		return err
	}
	defer eng.Close()
	eng.AllOrNothing = f.allOrNothing

	s := &submission{rep: submitReport{Rejected: []rejectedRow{}}, windows: map[string]*submitWindow{}}
	var chunk []txRow
	store := func() error {
		if len(chunk) == 0 {
			return nil
		}
		done := g.progress(fmt.Sprintf("railyard: submitting %s (line %d)…", plural(len(chunk), "row"), chunk[0].Line))
		err := s.store(ctx, eng.Engine, chunk, f.allOrNothing)
		done()
		chunk = chunk[:0]
		return err
	}
	err = readTransactions(name, in, func(r txRow) error {
		chunk = append(chunk, r)
		if len(chunk) == submitChunk && !f.allOrNothing {
			return store()
		}
		return nil
	})
	if err == nil {
		err = store()
	}
	if err != nil {
		stored := "nothing stored"
		if s.rep.Accepted > 0 {
			stored = fmt.Sprintf("the %s accepted before it stay stored", plural(s.rep.Accepted, "transaction"))
		}
		return failure(fmt.Errorf("submit %s: %w (%s)", in.name, tidy(err), stored))
	}

	err = g.flushed(func(w io.Writer) error {
		if g.json() {
			return writeJSONLine(w, s.rep)
		}
		writeSubmitText(w, in.name, eng, &s.rep, s.windows, f.allOrNothing)
		return nil
	})
	if err != nil {
		return err
	}
	if len(s.rep.Rejected) > 0 {
		return &exitError{code: exitFailure, reported: true}
	}
	return nil
}

// submission is what submit did so far, chunk by chunk.
type submission struct {
	rep     submitReport
	windows map[string]*submitWindow
}

// store submits the readable rows of chunk in one Engine.Submit and
// records what became of every row, in line order. With allOrNothing an
// unreadable row goes to the engine as nil, which it rejects, so that it
// keeps the whole call from being stored.
func (s *submission) store(ctx context.Context, eng *rails.Engine, chunk []txRow, allOrNothing bool) error {
	var txs []*rails.Transaction
	at := make([]int, len(chunk)) // chunk[i]'s index in txs, or -1
	for i, r := range chunk {
		at[i] = -1
		if r.Err == nil || allOrNothing {
			at[i] = len(txs)
			txs = append(txs, r.Tx)
		}
	}
	var outcomes []rails.SubmitOutcome
	if len(txs) > 0 {
		var err error
		if outcomes, err = eng.Submit(ctx, txs); err != nil {
			return err
		}
	}
	for i, r := range chunk {
		reject := func(why string) {
			s.rep.Rejected = append(s.rep.Rejected, rejectedRow{Line: r.Line, ID: r.ID, Error: why})
		}
		if r.Err != nil {
			reject(r.Err.Error())
			continue
		}
		switch o := outcomes[at[i]]; o.Result {
		case rails.SubmitCreated:
			s.rep.Accepted++
			w := s.windows[o.Window]
			if w == nil {
				w = &submitWindow{id: o.Window, cutoff: o.Cutoff}
				s.windows[o.Window] = w
			}
			w.n++
		case rails.SubmitDuplicate:
			s.rep.Duplicates++
		case rails.SubmitSkipped:
			reject("not stored: --all-or-nothing and another row was rejected")
		default: // invalid, conflict, and whatever the engine may add
			reject(outcomeError(o))
		}
	}
	return nil
}

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
