package main

import (
	"fmt"
	"io"
	"time"

	"github.com/railyardhq/railyard/rails"
	"github.com/spf13/cobra"
)

const runLong = `Run closes every cutoff window that is due at --at (default: now) — every
window whose cutoff is at or before it with transactions waiting — and
writes its files to the outbox:

  <outbox>/ach/<batch date>/<window>-<seq>.ach      e.g.
  outbox/ach/2026-11-23/ach-same-day-2026-11-23-1.ach

Each transaction goes into exactly one file, whatever happens: the store
claims a window once (a second runner, at the same moment or later, finds
it claimed), and a run that stopped half way is finished by the next one,
which writes the same bytes. Files are written to a temporary name,
fsynced and renamed, with mode 0600; the store records each file's SHA-256.
Running again when nothing is due does nothing and says so ("nothing due").

JSON output (--output json):

  {"windows":[{"rail":"ach","window":"ach-same-day-2026-11-23",
    "cutoff":"2026-11-23T11:00:00-08:00",
    "files":[{"path":"outbox/ach/2026-11-23/ach-same-day-2026-11-23-1.ach",
              "sha256":"...","entries":2,"debit_total_cents":0,
              "credit_total_cents":552579}],
    "transactions":2}]}

"recovered":true is added to a window an earlier run (or another runner)
had claimed, whose files this run checked or finished: they are the same
files, byte for byte, so whatever sends files to the bank should send each
path (or SHA-256) once.

Configuration (--config FILE, TOML, YAML or JSON). Without it, the embedded
default is a sandbox originator: RAILYARD SANDBOX, company id 1470000001,
ODFI 121042882, files to the Federal Reserve Bank (231380104), outbox
"outbox" in the working directory. run closes the windows of every rail
it batches: ACH (NACHA files), RDC (X9.100-187 cash letters), Fedwire
(ISO 20022 pacs.008, or FAIM) and SWIFT (CBPR+ pacs.008), each under
<outbox>/<rail>/<batch date>/. The engine's keys are top-level keys of
the same file whose [cutoffs] and [returns] sections the cutoffs and
returns commands read (see railyard cutoffs --help, railyard returns
--help); set keys replace the defaults:

  company_name = "ACME PAYROLL"          # batch header, at most 16
  company_id = "1234567890"              # 10 characters, usually "1" + EIN
  odfi_routing = "121042882"             # opens every trace number
  immediate_destination = "231380104"    # file header
  immediate_destination_name = "FEDERAL RESERVE BANK"
  immediate_origin = "121042882"
  immediate_origin_name = "ACME BANK"
  entry_description = "PAYMENT"          # at most 10, upper case
  same_day_descriptive_date = "SD1300"   # if the ODFI wants one
  outbox = "/var/spool/railyard/outbox"  # relative to the working directory
  max_file_entries = 10000               # larger windows are split
  max_file_amount_cents = 9999999999

  [offset]                               # balance every batch (some ODFIs)
  name = "ACME OPERATING"
  routing_number = "121042882"
  account_number = "000123456789"
  account_type = "checking"

  [wire]                                 # Fedwire (12:00 PT) and SWIFT (09:00 PT)
  source = "RAILYRD1"                    # IMAD input source, 8 characters
  format = "iso20022"                    # or "faim" for Fedwire files
  production = false                     # BizSvc TEST until true
  originator_account = "1470000001"
  originator_address = ["1 MARKET ST"]
  originator_town = "SAN FRANCISCO"      # SWIFT: CBPR+ wants town and country
  originator_country = "US"
  bic = "RLYDUS6SXXX"                    # SWIFT: our BIC
  correspondent_bic = "CRSPUS33XXX"      # SWIFT: who our messages go to

  [x9]                                   # RDC cash letters (15:00 PT)
  destination = "231380104"              # routing number they go to
  destination_name = "FEDERAL RESERVE"
  production = false                     # test files (T) until true
  contact_name = "ACME OPS"
  contact_phone = "4155550100"
  bundle_size = 300

  [cutoffs]                              # the schedule, as for cutoffs
  zone = "America/Los_Angeles"
  rdc_hold_days = 6                      # RDC credits available after

--outbox overrides the configuration's outbox. An invalid configuration is
a usage error (exit 2) naming every bad key.

Exit status: 0 the due windows were closed and their files written (or
nothing was due); 1 a window or a file failed (what succeeded is still
reported, and the next run finishes the rest); 2 usage error.`

// runFlags are the flags of "run".
type runFlags struct {
	at, outbox string
}

func newRunCmd(g *globals) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run [--at TIME] [--outbox DIR]",
		Short: "Close every due cutoff window and write its files to the outbox",
		Long:  runLong,
		Example: `  # The bank-ops job, at or after each cutoff
  railyard run --db /var/lib/railyard/railyard.db --output json

  # The 15:00 PT run of Monday 2026-11-23, files under /tmp/outbox
  railyard run --at 2026-11-23T15:00:00-08:00 --outbox /tmp/outbox

  # Another originator
  railyard --config bank.toml run`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(g, cmd, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.at, "at", "", "close the windows due at `TIME`, RFC 3339 (default now)")
	fl.StringVar(&f.outbox, "outbox", "", "write files under `DIR` (default: the configuration's outbox, \"outbox\")")
	return cmd
}

// runReport is the JSON contract of run.
type runReport struct {
	Windows []runWindow `json:"windows"`
}

type runWindow struct {
	Rail         rails.Rail         `json:"rail"`
	Window       string             `json:"window"`
	Cutoff       string             `json:"cutoff"`
	Files        []rails.FileResult `json:"files"`
	Transactions int                `json:"transactions"`
	Recovered    bool               `json:"recovered,omitempty"`
}

func runRun(g *globals, cmd *cobra.Command, f *runFlags) error {
	if cmd.Flags().Changed("outbox") && f.outbox == "" {
		return usageErrorf("--outbox: want a directory")
	}
	ctx, stop := interruptible(cmd.Context())
	defer stop()
	eng, err := g.openEngine(ctx, func(c *rails.Config) {
		if f.outbox != "" {
			c.Outbox = f.outbox
		}
	})
	if err != nil {
		return err
	}
	defer eng.Close()
	at, err := parseAt(f.at, eng.loc)
	if err != nil {
		return err
	}

	done := g.progress("railyard: closing the windows due at " + clock(at.In(eng.loc)) + "…")
	res, runErr := eng.Run(ctx, at)
	done()
	rep := runReport{Windows: []runWindow{}}
	if res != nil {
		for _, w := range res.Windows {
			files := w.Files
			if files == nil {
				files = []rails.FileResult{}
			}
			rep.Windows = append(rep.Windows, runWindow{Rail: w.Rail, Window: w.Window,
				Cutoff: w.Cutoff.In(eng.loc).Format(time.RFC3339), Files: files,
				Transactions: w.Transactions, Recovered: w.Recovered})
		}
	}
	err = g.flushed(func(w io.Writer) error {
		if g.json() {
			return writeJSONLine(w, rep)
		}
		writeRunText(w, eng, at, &rep, runErr != nil)
		return nil
	})
	if runErr != nil {
		return failure(fmt.Errorf("run at %s: %w", at.In(eng.loc).Format(time.RFC3339), tidy(runErr)))
	}
	return err
}

func writeRunText(w io.Writer, eng *engine, at time.Time, rep *runReport, failed bool) {
	when := clock(at.In(eng.loc))
	if len(rep.Windows) == 0 {
		if !failed {
			fmt.Fprintf(w, "nothing due at %s\n", when)
		}
		return
	}
	txs, files := 0, 0
	for _, win := range rep.Windows {
		txs += win.Transactions
		files += len(win.Files)
	}
	fmt.Fprintf(w, "run at %s: %s closed, %s, %s\n", when, plural(len(rep.Windows), "window"),
		plural(txs, "transaction"), plural(files, "file"))
	for _, win := range rep.Windows {
		cut, _ := time.Parse(time.RFC3339, win.Cutoff)
		fmt.Fprintf(w, "\n%s  cutoff %s  %s", win.Window, clock(cut.In(eng.loc)), plural(win.Transactions, "transaction"))
		if win.Recovered {
			fmt.Fprint(w, "  (claimed by an earlier or concurrent run; same files)")
		}
		fmt.Fprintln(w)
		for _, fr := range win.Files {
			fmt.Fprintf(w, "  %s\n    %s, debits %s, credits %s, sha256 %s\n", fr.Path, plural(fr.Entries, "entry"),
				dollars(fr.DebitTotalCents), dollars(fr.CreditTotalCents), fr.SHA256)
		}
	}
}
