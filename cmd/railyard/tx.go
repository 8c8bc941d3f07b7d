package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/internal/mask"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/returns"
	"github.com/spf13/cobra"
)

const txLong = `The tx commands look at the stored transactions and cancel one.

  railyard tx show ID       one transaction: what was submitted, its window,
                            file and trace, and its timeline
  railyard tx list          the transactions, by ID (--status to filter)
  railyard tx cancel ID     cancel a transaction that is not yet batched

Statuses (the platform's, with their status_id): CREATED 1, ... RETURNED 6;
see railyard tx list --help.

Account numbers are masked (****1234) in text and JSON unless --unmask.
A deposited check's images are not printed.`

func newTxCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tx",
		Short: "Show, list and cancel transactions",
		Long:  txLong,
		Example: `  railyard tx show tx_0003
  railyard tx list --status RETURNED --output json
  railyard tx cancel tx_0007`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newTxShowCmd(g), newTxListCmd(g), newTxCancelCmd(g))
	return cmd
}

// exactlyOneID is the Args check of commands that take one transaction ID.
func exactlyOneID(cmd *cobra.Command, args []string) error {
	switch len(args) {
	case 0:
		return usageErrorf("missing transaction ID argument")
	case 1:
		return nil
	}
	return usageErrorf("%s takes one transaction ID, got %d arguments", cmd.Name(), len(args))
}

// maskTx masks the account numbers of a transaction unless unmask, and
// leaves out a deposited check's images (what is printed says their size).
func maskTx(tx *rails.Transaction, unmask bool) {
	if !unmask {
		tx.Counterparty.AccountNumber = mask.Account(tx.Counterparty.AccountNumber)
		if tx.Check != nil {
			tx.Check.AccountNumber = mask.Account(tx.Check.AccountNumber)
		}
	}
	if tx.Check != nil {
		tx.Check.FrontImage, tx.Check.BackImage = nil, nil
	}
}

func newTxShowCmd(g *globals) *cobra.Command {
	var unmask bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one transaction with its timeline",
		Long: `Show prints one transaction: what was submitted, its cutoff window and
dates, the file and trace number it went out with, and its timeline (every
status change with its note, e.g. "[Returned on Debit] R01 -- Insufficient
Funds").

JSON output (--output json) is the stored transaction:

  {"id":"tx_0003","rail":"ach","speed":"next_day","direction":"debit",
   "amount_cents":8999,"currency":"USD","counterparty":{...},
   "sec_code":"WEB","memo":"Gym membership","submitted_at":"...",
   "window":{"id":"ach-next-day-2026-11-23","cutoff":"...",
             "batch_date":"2026-11-23","effective_date":"2026-11-24",
             "settlement_date":"2026-11-24","same_day":false},
   "status":"RETURNED",
   "timeline":[{"status":"CREATED","note":"Transaction Created.","at":"..."},...],
   "trace":"121042880000003","file":"ach/2026-11-23/ach-next-day-2026-11-23-1.ach"}

An unknown ID exits 1.`,
		Example: `  railyard tx show tx_0003
  railyard tx show tx_0003 --unmask --output json`,
		Args: exactlyOneID,
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := g.openEngine(cmd.Context(), nil)
			if err != nil {
				return err
			}
			defer eng.Close()
			tx, err := eng.Transaction(cmd.Context(), args[0])
			if err != nil {
				return g.txError(args[0], err)
			}
			maskTx(tx, unmask)
			return g.flushed(func(w io.Writer) error {
				if g.json() {
					return writeJSONLine(w, tx)
				}
				writeTxText(w, tx, eng.loc)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&unmask, "unmask", false, "show the account number in full")
	return cmd
}

func writeTxText(w io.Writer, tx *rails.Transaction, loc *time.Location) {
	fmt.Fprintf(w, "%s  %s\n\n", tx.ID, tx.Status)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	speed := ""
	if tx.Speed != "" {
		speed = " " + strings.ReplaceAll(string(tx.Speed), "_", "-")
	}
	sec := ""
	if tx.SECCode != "" {
		sec = ", " + tx.SECCode
	}
	fmt.Fprintf(tw, "  payment\t%s%s %s of %s%s\n", tx.Rail, speed, tx.Direction, dollars(tx.AmountCents), sec)
	cp := tx.Counterparty
	fmt.Fprintf(tw, "  counterparty\t%s, routing %s, %s account %s\n", cp.Name, cp.RoutingNumber, cp.AccountType, cp.AccountNumber)
	if tx.Memo != "" {
		fmt.Fprintf(tw, "  memo\t%s\n", tx.Memo)
	}
	if tx.Addenda != "" {
		fmt.Fprintf(tw, "  addenda\t%s\n", tx.Addenda)
	}
	if c := tx.Check; c != nil {
		fmt.Fprintf(tw, "  check\tno. %s drawn on routing %s, account %s\n", dash(c.CheckNumber), c.RoutingNumber, c.AccountNumber)
	}
	fmt.Fprintf(tw, "  submitted\t%s\n", clock(tx.SubmittedAt.In(loc)))
	if !tx.ProcessOn.IsZero() {
		fmt.Fprintf(tw, "  process on\t%s\n", day(tx.ProcessOn))
	}
	win := tx.Window
	if win.ID != "" {
		fmt.Fprintf(tw, "  window\t%s, cutoff %s\n", win.ID, clock(win.Cutoff.In(loc)))
		fmt.Fprintf(tw, "  effective\t%s, settles %s\n", day(win.EffectiveDate), day(win.SettlementDate))
		if win.Fallback != "" {
			fmt.Fprintf(tw, "  same day\tno: %s\n", fallbackNote(cutoffs.Fallback(win.Fallback)))
		}
	}
	if tx.File != "" || tx.Trace != "" {
		fmt.Fprintf(tw, "  file\t%s, trace %s\n", tx.File, tx.Trace)
	}
	if u := rails.WireUETR(tx); u != "" {
		fmt.Fprintf(tw, "  uetr\t%s\n", u)
	}
	tw.Flush()
	fmt.Fprintln(w, "\ntimeline:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range tx.Timeline {
		if e.Note == "" {
			fmt.Fprintf(tw, "  %s\t%s\n", clock(e.At.In(loc)), e.Status) // no trailing blanks
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", clock(e.At.In(loc)), e.Status, e.Note)
	}
	tw.Flush()
}

func newTxListCmd(g *globals) *cobra.Command {
	var (
		status, rail string
		limit        int
		unmask       bool
	)
	var names []string
	for _, s := range returns.Statuses() {
		names = append(names, fmt.Sprintf("%s (%s)", s, s.ID()))
	}
	cmd := &cobra.Command{
		Use:   "list [--status S]",
		Short: "List transactions, by ID",
		Long: `List prints the stored transactions in ID order, one per line: status,
rail and speed, direction, amount, counterparty, masked account, window and
trace. --status keeps one status, by name or status_id:
` + "  " + strings.Join(names, ", ") + `.

JSON output (--output json): {"transactions":[...]}, each as tx show prints
it (without the timeline).`,
		Example: `  railyard tx list
  railyard tx list --status PROCESSING-CREDIT
  railyard tx list --status 6 --output json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var flt rails.Filter
			if status != "" {
				s, err := returns.ParseStatus(strings.ToUpper(status))
				if err != nil || s == returns.Unchanged {
					return usageErrorf("invalid --status %q: want one of %s", status, strings.Join(names, ", "))
				}
				flt.Status = s
			}
			if rail != "" {
				flt.Rail = rails.Rail(rail)
				if !flt.Rail.Valid() {
					return usageErrorf("invalid --rail %q: want ach, rpps, wire, swift, check, rdc, internal or card", rail)
				}
			}
			if limit < 0 {
				return usageErrorf("invalid --limit %d: must be 0 (no limit) or more", limit)
			}
			flt.Limit = limit
			eng, err := g.openEngine(cmd.Context(), nil)
			if err != nil {
				return err
			}
			defer eng.Close()
			txs, err := eng.Transactions(cmd.Context(), flt)
			if err != nil {
				return failure(tidy(err))
			}
			if txs == nil {
				txs = []*rails.Transaction{}
			}
			for _, tx := range txs {
				maskTx(tx, unmask)
				tx.Timeline = nil
			}
			return g.flushed(func(w io.Writer) error {
				if g.json() {
					return writeJSONLine(w, struct {
						Transactions []*rails.Transaction `json:"transactions"`
					}{txs})
				}
				if len(txs) == 0 {
					fmt.Fprintln(w, "no transactions")
					return nil
				}
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSTATUS\tRAIL\tDIRECTION\tAMOUNT\tCOUNTERPARTY\tACCOUNT\tWINDOW\tTRACE")
				for _, tx := range txs {
					r := string(tx.Rail)
					if tx.Speed != "" {
						r += " " + strings.ReplaceAll(string(tx.Speed), "_", "-")
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", tx.ID, tx.Status, r, tx.Direction,
						dollars(tx.AmountCents), tx.Counterparty.Name, tx.Counterparty.AccountNumber, tx.Window.ID, dash(tx.Trace))
				}
				return tw.Flush()
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&status, "status", "", "only transactions in `STATUS` (name or status_id)")
	fl.StringVar(&rail, "rail", "", "only transactions of `RAIL`")
	fl.IntVar(&limit, "limit", 0, "at most `N` transactions (0: all)")
	fl.BoolVar(&unmask, "unmask", false, "show account numbers in full")
	return cmd
}

// dash is s, or "-" when s is empty.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func newTxCancelCmd(g *globals) *cobra.Command {
	var at string
	cmd := &cobra.Command{
		Use:   "cancel ID",
		Short: "Cancel a transaction that is not yet batched",
		Long: `Cancel moves a CREATED transaction to CANCELED, with a timeline entry and an
event; it will never be batched. A transaction can be canceled until its
window's cutoff: after it the window is sealed, even before "railyard run"
writes its file, and once batched it is in a file on its way to the bank.
Canceling then is an error (exit 1) saying why; so is an unknown ID.

JSON output (--output json):

  {"transaction_id":"tx_0007","status":"CANCELED"}`,
		Example: `  railyard tx cancel tx_0007`,
		Args:    exactlyOneID,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			eng, err := g.openEngine(ctx, nil)
			if err != nil {
				return err
			}
			defer eng.Close()
			t, err := parseAt(at, eng.loc)
			if err != nil {
				return err
			}
			id := args[0]
			if err := eng.Cancel(ctx, id, t); err != nil {
				if errors.Is(err, rails.ErrNotCancelable) {
					return failure(notCancelable(ctx, eng, id, err))
				}
				return g.txError(id, err)
			}
			return g.flushed(func(w io.Writer) error {
				if g.json() {
					return writeJSONLine(w, struct {
						ID     string       `json:"transaction_id"`
						Status rails.Status `json:"status"`
					}{id, returns.Canceled})
				}
				fmt.Fprintf(w, "%s: CANCELED; it will not be batched\n", id)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "cancel as of `TIME`, RFC 3339 (default now)")
	return cmd
}

// notCancelable says why transaction id can no longer be canceled (err is
// the engine's rails.ErrNotCancelable).
func notCancelable(ctx context.Context, eng *engine, id string, err error) error {
	tx, terr := eng.Transaction(ctx, id)
	if terr != nil {
		return tidy(err)
	}
	switch {
	case tx.File != "":
		return fmt.Errorf("cannot cancel %s: it is %s, batched into %s (trace %s) for the bank; only a return or reversal can undo it now",
			id, tx.Status, tx.File, tx.Trace)
	case tx.Status != returns.Created:
		return fmt.Errorf("cannot cancel %s: it is %s", id, tx.Status)
	case tx.Window.ID != "":
		return fmt.Errorf("cannot cancel %s: its window %s was sealed at its cutoff %s; the next railyard run batches it",
			id, tx.Window.ID, clock(tx.Window.Cutoff.In(eng.loc)))
	}
	return tidy(err)
}
