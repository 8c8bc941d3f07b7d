package rails

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/returns"
)

// The rail and speeds the engine batches, from cutoffs, so that callers
// can write rails.ACH and rails.SameDay.
const (
	ACH     = cutoffs.ACH
	SameDay = cutoffs.SameDay
	NextDay = cutoffs.NextDay
)

// Timeline notes (returns.md §5.3).
const (
	noteNew  = "Transaction Created."
	noteStop = "Transaction Canceled."
)

// Engine runs railyard's main job over a Store: Submit, Run, Settle,
// Cancel, Ingest and Events. It holds no state of its own besides its
// configuration, so several Engines (in several processes) may share one
// Store; the Store's atomic steps give the guarantees. An Engine is safe
// for concurrent use once its option fields are set.
type Engine struct {
	// AllOrNothing makes Submit store nothing when any transaction of the
	// call is invalid or conflicts with a stored one (one Store.SubmitAll,
	// so a conflict written by another process at the same moment is
	// caught too); by default the valid ones are stored and each invalid
	// one is reported with its reasons.
	AllOrNothing bool
	// Now is the clock Submit reads for a transaction whose SubmittedAt is
	// zero; nil means time.Now. Run, Settle, Cancel and Ingest take the
	// instant as an argument and never read the clock.
	Now func() time.Time

	st       Store
	cfg      Config
	resolver *cutoffs.Resolver
	policy   *returns.Policy
}

// NewEngine returns an Engine over st with cfg (zero fields take their
// defaults), or the problems of cfg.
func NewEngine(st Store, cfg Config) (*Engine, error) {
	if st == nil {
		return nil, errors.New("rails: NewEngine: nil Store")
	}
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	res, err := cutoffs.New(cutoffs.DefaultSchedule().Override(cfg.Schedule))
	if err != nil {
		return nil, err
	}
	pol, err := returns.NewPolicy(cfg.Returns)
	if err != nil {
		return nil, err
	}
	pol.Lenient = true // an unknown code is flagged for review, never dropped
	pol.Calendar = res.Calendar()
	return &Engine{st: st, cfg: cfg, resolver: res, policy: pol}, nil
}

// Config returns the engine's configuration, defaults filled in.
func (e *Engine) Config() Config { return e.cfg }

// Resolver returns the cutoff resolver of the engine's schedule.
func (e *Engine) Resolver() *cutoffs.Resolver { return e.resolver }

// Store returns the engine's store.
func (e *Engine) Store() Store { return e.st }

// SubmitStatus is what Submit did with one transaction.
type SubmitStatus string

// Submit statuses.
const (
	SubmitCreated   SubmitStatus = "created"   // stored CREATED
	SubmitDuplicate SubmitStatus = "duplicate" // same ID and content already stored; nothing changed
	SubmitConflict  SubmitStatus = "conflict"  // same ID, other content; nothing changed
	SubmitInvalid   SubmitStatus = "invalid"   // rejected; Reasons say why
	SubmitSkipped   SubmitStatus = "skipped"   // valid, but not stored: AllOrNothing and another row was invalid or conflicting
)

// SubmitOutcome is what became of one submitted transaction.
type SubmitOutcome struct {
	Index         int          `json:"index"`
	ID            string       `json:"id"`
	Result        SubmitStatus `json:"result"`
	Window        string       `json:"window,omitempty"`
	Cutoff        time.Time    `json:"cutoff,omitzero"`
	EffectiveDate cutoffs.Date `json:"effective_date,omitzero"`
	SameDay       bool         `json:"same_day,omitempty"`
	Fallback      string       `json:"same_day_fallback,omitempty"`
	// Reasons lists every problem of an invalid transaction, each
	// beginning with the field's JSON name.
	Reasons []string `json:"reasons,omitempty"`
}

// Submit validates txs, resolves each valid one's window into tx.Window,
// sets its Status CREATED with a timeline entry, and stores the valid ones
// in one Store.Submit call (none if AllOrNothing and one is invalid).
// outcomes[i] is what became of txs[i]. A transaction whose window was
// already claimed (its SubmittedAt lies before a cutoff that has been
// run) rolls to the next window as if it had arrived just after that
// cutoff. A zero SubmittedAt is the stored transaction's when the ID
// exists, else the clock's. err reports a failure of the store only.
//
// Submit sets tx.SubmittedAt (when zero), tx.Window, tx.Status and
// tx.Timeline on the caller's transactions.
func (e *Engine) Submit(ctx context.Context, txs []*Transaction) ([]SubmitOutcome, error) {
	out := make([]SubmitOutcome, len(txs))
	valid := make([]*Transaction, 0, len(txs))
	validIdx := make([]int, 0, len(txs))
	bad := 0
	for i, tx := range txs {
		o := &out[i]
		o.Index = i
		if tx == nil {
			o.Result, o.Reasons = SubmitInvalid, []string{"transaction: missing"}
			bad++
			continue
		}
		o.ID = tx.ID
		if tx.SubmittedAt.IsZero() && tx.ID != "" {
			if old, err := e.st.Transaction(ctx, tx.ID); err == nil {
				tx.SubmittedAt = old.SubmittedAt
			} else if !errors.Is(err, ErrNotFound) {
				return nil, err
			} else {
				tx.SubmittedAt = e.now()
			}
		}
		reasons := e.validate(tx)
		var w Window
		if len(reasons) == 0 {
			var err error
			w, err = e.window(tx, time.Time{})
			if err != nil {
				reasons = append(reasons, err.Error())
			}
		}
		if len(reasons) > 0 {
			o.Result, o.Reasons = SubmitInvalid, reasons
			bad++
			continue
		}
		tx.Window = w
		tx.Status = returns.Created
		tx.Timeline = []TimelineEntry{{Status: returns.Created, Note: noteNew, At: tx.SubmittedAt}}
		tx.Trace, tx.File = "", ""
		o.Window, o.Cutoff, o.EffectiveDate, o.SameDay, o.Fallback = w.ID, w.Cutoff, w.EffectiveDate, w.SameDay, w.Fallback
		valid = append(valid, tx)
		validIdx = append(validIdx, i)
	}
	if len(valid) == 0 {
		return out, nil
	}
	if bad > 0 && e.AllOrNothing {
		for _, i := range validIdx {
			out[i].Result = SubmitSkipped
		}
		return out, nil
	}
	if e.AllOrNothing {
		return e.submitAll(ctx, out, valid, validIdx)
	}
	// A window claimed since the transaction arrived is Closed to it: it
	// rolls to the next window, as if it had arrived just after that
	// cutoff, and is submitted again. Each round moves past a claimed
	// cutoff, so the loop ends.
	pending, idx := valid, validIdx
	for round := 0; len(pending) > 0; round++ {
		if round == 16 {
			return nil, errors.New("rails: submit: no open window after 16 claimed windows")
		}
		res, err := e.st.Submit(ctx, pending)
		if err != nil {
			return nil, err
		}
		if len(res) != len(pending) {
			return nil, fmt.Errorf("rails: store returned %d results for %d transactions", len(res), len(pending))
		}
		var again []*Transaction
		var againIdx []int
		for k, r := range res {
			o := &out[idx[k]]
			switch r {
			case Created:
				o.Result = SubmitCreated
			case Duplicate:
				o.Result = SubmitDuplicate
			case Closed:
				tx := pending[k]
				w, err := e.window(tx, tx.Window.Cutoff)
				if err != nil {
					o.Result, o.Reasons = SubmitInvalid, []string{err.Error()}
					continue
				}
				tx.Window = w
				o.Window, o.Cutoff, o.EffectiveDate, o.SameDay, o.Fallback = w.ID, w.Cutoff, w.EffectiveDate, w.SameDay, w.Fallback
				again, againIdx = append(again, tx), append(againIdx, idx[k])
			default:
				o.Result = SubmitConflict
				o.Reasons = []string{"id: a transaction with this id and other content exists"}
			}
		}
		pending, idx = again, againIdx
	}
	return out, nil
}

// submitAll stores valid (out[idx[k]] is valid[k]'s outcome) in one
// Store.SubmitAll, or nothing: a conflict marks every other transaction
// skipped; a transaction whose window was claimed meanwhile rolls to the
// next window and the whole call is tried again.
func (e *Engine) submitAll(ctx context.Context, out []SubmitOutcome, valid []*Transaction, idx []int) ([]SubmitOutcome, error) {
	for round := 0; ; round++ {
		if round == 16 {
			return nil, errors.New("rails: submit: no open window after 16 claimed windows")
		}
		res, err := e.st.SubmitAll(ctx, valid)
		if err != nil {
			return nil, err
		}
		if len(res) != len(valid) {
			return nil, fmt.Errorf("rails: store returned %d results for %d transactions", len(res), len(valid))
		}
		failed := -1
		for k, r := range res {
			if r == Conflict {
				out[idx[k]].Result = SubmitConflict
				out[idx[k]].Reasons = []string{"id: a transaction with this id and other content exists"}
				failed = k
			}
		}
		for k, r := range res {
			if r != Closed || failed >= 0 {
				continue
			}
			tx := valid[k]
			w, err := e.window(tx, tx.Window.Cutoff)
			if err != nil {
				out[idx[k]].Result, out[idx[k]].Reasons = SubmitInvalid, []string{err.Error()}
				failed = k
				continue
			}
			tx.Window = w
			o := &out[idx[k]]
			o.Window, o.Cutoff, o.EffectiveDate, o.SameDay, o.Fallback = w.ID, w.Cutoff, w.EffectiveDate, w.SameDay, w.Fallback
		}
		if failed >= 0 {
			for k, r := range res {
				if o := &out[idx[k]]; r != Conflict && o.Result != SubmitInvalid {
					o.Result = SubmitSkipped
				}
			}
			return out, nil
		}
		if !slices.Contains(res, Closed) {
			for k, r := range res {
				out[idx[k]].Result = SubmitCreated
				if r == Duplicate {
					out[idx[k]].Result = SubmitDuplicate
				}
			}
			return out, nil
		}
	}
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// validate returns every problem of tx, each starting with its field.
func (e *Engine) validate(tx *Transaction) []string {
	var r []string
	bad := func(format string, args ...any) { r = append(r, fmt.Sprintf(format, args...)) }
	switch {
	case strings.TrimSpace(tx.ID) == "":
		bad("id: required")
	case len(tx.ID) > 128 || !printableASCII(tx.ID):
		bad("id: 1 to 128 printable ASCII characters")
	}
	switch {
	case tx.Rail == "":
		bad("rail: required")
	case !tx.Rail.Valid():
		bad("rail: unknown rail %q", tx.Rail)
	case tx.Rail != ACH && tx.Rail != cutoffs.RDC && tx.Rail != cutoffs.Wire && tx.Rail != cutoffs.SWIFT:
		bad("rail: %s is not yet supported (ach, rdc, wire and swift are batched for now)", tx.Rail)
	}
	if tx.Rail == ACH {
		switch tx.Speed {
		case "", SameDay, NextDay:
		default:
			bad("speed: %q is not same_day or next_day", tx.Speed)
		}
	}
	if tx.Direction != Credit && tx.Direction != Debit {
		bad("direction: %q is not credit or debit", tx.Direction)
	}
	switch {
	case tx.AmountCents <= 0:
		bad("amount_cents: must be greater than 0")
	case tx.AmountCents > maxEntryAmountCents:
		bad("amount_cents: %d is over the largest ACH entry (%d cents)", tx.AmountCents, int64(maxEntryAmountCents))
	case tx.AmountCents > e.cfg.MaxFileAmountCents:
		bad("amount_cents: %d is over the file limit max_file_amount_cents (%d)", tx.AmountCents, e.cfg.MaxFileAmountCents)
	}
	if tx.Currency != "USD" {
		bad("currency: %q: only USD is supported", tx.Currency)
	}
	cp := &tx.Counterparty
	switch {
	case strings.TrimSpace(cp.Name) == "":
		bad("counterparty.name: required")
	case !printableASCII(cp.Name):
		bad("counterparty.name: only printable ASCII characters are allowed in a NACHA file")
	}
	if tx.Rail != cutoffs.SWIFT && !ach.ValidRoutingNumber(cp.RoutingNumber) {
		bad("counterparty.routing_number: %q is not a routing number (9 digits with a valid check digit)", cp.RoutingNumber)
	} else if tx.Rail == cutoffs.SWIFT && cp.RoutingNumber != "" {
		bad("counterparty.routing_number: an international wire names the beneficiary bank by wire.bank_bic")
	}
	switch {
	case cp.AccountNumber == "":
		bad("counterparty.account_number: required")
	case tx.Rail == cutoffs.Wire || tx.Rail == cutoffs.SWIFT: // validateWire: up to 34
	case len(cp.AccountNumber) > 17:
		bad("counterparty.account_number: longer than 17 characters")
	case !validAccountNumber(cp.AccountNumber):
		bad("counterparty.account_number: only letters, digits and hyphens are allowed")
	}
	switch cp.AccountType {
	case Checking, Savings, GeneralLedger:
	case "":
		if tx.Rail != cutoffs.RDC && tx.Rail != cutoffs.Wire && tx.Rail != cutoffs.SWIFT {
			bad("counterparty.account_type: required: checking, savings, general_ledger or loan")
		}
	case Loan:
		if tx.Direction == Debit {
			bad("counterparty.account_type: loan accounts take credits only (loan debits are reversals, R35)")
		}
	default:
		bad("counterparty.account_type: %q is not checking, savings, general_ledger or loan", cp.AccountType)
	}
	if tx.Rail == ACH {
		switch tx.SECCode {
		case "PPD", "CCD", "WEB", "CTX":
		case "TEL":
			if tx.Direction == Credit {
				bad("sec_code: TEL entries are debits (credits are returned R36)")
			}
			if tx.Addenda != "" {
				bad("addenda: TEL entries carry no addenda")
			}
		case "":
			bad("sec_code: required for ach (PPD, CCD, WEB, TEL or CTX)")
		default:
			bad("sec_code: %q is not PPD, CCD, WEB, TEL or CTX", tx.SECCode)
		}
	}
	if n := utf8.RuneCountInString(tx.Memo); n > 80 || !utf8.ValidString(tx.Memo) {
		bad("memo: at most 80 characters of valid UTF-8")
	}
	switch {
	case len(tx.Addenda) > 80:
		bad("addenda: longer than 80 characters")
	case !printableASCII(tx.Addenda):
		bad("addenda: only printable ASCII characters are allowed in a NACHA file")
	}
	switch {
	case tx.Rail == cutoffs.RDC:
		e.validateRDC(tx, bad)
	case tx.Check != nil:
		bad("check: only for rail rdc")
	}
	switch {
	case tx.Rail == cutoffs.Wire:
		e.validateWire(tx, bad)
	case tx.Rail == cutoffs.SWIFT:
		e.validateSWIFT(tx, bad)
	case tx.Wire != nil:
		bad("wire: only for rails wire and swift")
	}
	if !tx.ProcessOn.IsZero() && !tx.ProcessOn.IsValid() {
		bad("process_on: %s is not a valid date", tx.ProcessOn)
	}
	return r
}

// window resolves tx's window as if it arrived at SubmittedAt, or just
// after the instant after when that is later (a window it missed).
func (e *Engine) window(tx *Transaction, after time.Time) (Window, error) {
	at := tx.SubmittedAt
	if after.After(at) {
		at = after.Add(time.Nanosecond)
	}
	res, err := e.resolver.Resolve(cutoffs.Request{Rail: tx.Rail, Speed: tx.Speed, At: at,
		ProcessOn: tx.ProcessOn, AmountCents: tx.AmountCents, SEC: tx.SECCode})
	if err != nil {
		return Window{}, fmt.Errorf("submitted_at: %s", strings.TrimPrefix(err.Error(), "cutoffs: "))
	}
	w := Window{ID: res.WindowID(), Cutoff: res.Cutoff, BatchDate: res.BatchDate, EffectiveDate: res.EffectiveDate,
		SettlementDate: res.SettlementDate, SameDay: res.SameDay, Fallback: string(res.Fallback)}
	switch tx.Rail {
	case ACH:
		w.Group = achGroup(tx, &w)
	case cutoffs.RDC:
		w.Group = tx.Counterparty.RoutingNumber // a cash letter per bank of first deposit
	}
	return w, nil
}

// RunResult is what Run did: the windows it closed or finished.
type RunResult struct {
	Windows []WindowResult `json:"windows"`
}

// WindowResult is one window Run acted on and its files.
type WindowResult struct {
	Rail   Rail         `json:"rail"`
	Window string       `json:"window"`
	Cutoff time.Time    `json:"cutoff"`
	Files  []FileResult `json:"files"`
	// Transactions is the number of transactions claimed into the window.
	Transactions int `json:"transactions"`
	// Recovered: the window had been claimed before (an earlier run that
	// stopped, or another runner); this run finished its files.
	Recovered bool `json:"recovered,omitempty"`
}

// FileResult is one outgoing file of a window.
type FileResult struct {
	Path             string `json:"path"`
	SHA256           string `json:"sha256"`
	Entries          int    `json:"entries"`
	DebitTotalCents  int64  `json:"debit_total_cents"`
	CreditTotalCents int64  `json:"credit_total_cents"`
}

// Run closes every window due at instant at (Store.DueWindows): it claims
// the window's transactions with the rail's planner, which renders each
// file as the transactions stream by into a temporary file in the file's
// directory (mode 0600, fsynced); once the claim is stored, each file not
// yet recorded as written is renamed into place, the directory fsynced,
// and its SHA-256 recorded with Store.FileWritten. A window claimed before
// (ErrClaimed: an earlier run that stopped, or another runner) is
// finished from its stored Claim: the bytes are rebuilt from the claim
// and its ClaimedTransactions alone, streaming, and checked against the
// digest planned at claim time, so writing them again is harmless. Memory
// is bounded by one file's transactions and the window's assignments,
// whatever the window's size. Run goes on with the other windows when one
// fails, and returns what it did with every error joined.
func (e *Engine) Run(ctx context.Context, at time.Time) (*RunResult, error) {
	keys, err := e.st.DueWindows(ctx, at)
	if err != nil {
		return nil, err
	}
	res := &RunResult{Windows: []WindowResult{}}
	var errs []error
	for _, key := range keys {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		if key.Rail != ACH && key.Rail != cutoffs.RDC && key.Rail != cutoffs.Wire && key.Rail != cutoffs.SWIFT {
			errs = append(errs, fmt.Errorf("rails: window %s: rail %s is not yet supported", key.ID, key.Rail))
			continue
		}
		wr, err := e.runWindow(ctx, key, at)
		if wr != nil {
			res.Windows = append(res.Windows, *wr)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return res, errors.Join(errs...)
}

func (e *Engine) runWindow(ctx context.Context, key WindowKey, at time.Time) (*WindowResult, error) {
	recovered := false
	sp := &spool{outbox: e.cfg.Outbox}
	defer sp.discard()
	plan := e.planACH(key, sp)
	switch key.Rail {
	case cutoffs.RDC:
		plan = e.planRDC(key, sp)
	case cutoffs.Wire, cutoffs.SWIFT:
		plan = e.planWire(key, sp)
	}
	claim, err := e.st.ClaimWindow(ctx, key, at, plan)
	if errors.Is(err, ErrClaimed) {
		recovered = true
		sp.discard()
		if claim == nil {
			claim, err = e.st.Claim(ctx, key)
		} else {
			err = nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("rails: window %s: %w", key.ID, err)
	}
	wr := &WindowResult{Rail: key.Rail, Window: key.ID, Cutoff: claim.Key.Cutoff, Files: []FileResult{},
		Transactions: len(claim.Plan.Assignments), Recovered: recovered}
	if len(claim.Plan.Files) == 0 {
		return wr, nil
	}
	files, err := e.claimedFiles(claim)
	if err != nil {
		return wr, err
	}
	for _, fp := range claim.Plan.Files {
		path := filepath.Join(e.cfg.Outbox, filepath.FromSlash(fp.Name))
		fr, planned, ok := files.info(fp.Seq)
		if !ok {
			return wr, fmt.Errorf("rails: window %s: no file %d in the plan", key.ID, fp.Seq)
		}
		fr.Path = path
		if fp.Written {
			fr.SHA256 = fp.SHA256
			wr.Files = append(wr.Files, fr)
			continue
		}
		// The file rendered at claim time, or rendered again from the
		// store when another run claimed the window.
		tmp, digest, ok := sp.take(fp.Seq)
		if !ok {
			if tmp, digest, err = writeTemp(path, func(w io.Writer) error {
				return files.render(ctx, w, fp.Seq)
			}); err != nil {
				return wr, err
			}
		}
		if planned != "" && digest != planned {
			os.Remove(tmp)
			return wr, fmt.Errorf("rails: window %s: file %s rebuilt with SHA-256 %s, planned %s: refusing to write it",
				key.ID, fp.Name, digest, planned)
		}
		if err := install(tmp, path, digest); err != nil {
			return wr, fmt.Errorf("rails: window %s: %w", key.ID, err)
		}
		if err := e.st.FileWritten(ctx, key, fp.Seq, path, digest); err != nil {
			return wr, fmt.Errorf("rails: window %s: file %s: %w", key.ID, fp.Name, err)
		}
		fr.SHA256 = digest
		wr.Files = append(wr.Files, fr)
	}
	return wr, nil
}

// railFiles is what Run needs of a claimed window's files, whatever the
// rail: each file's result as planned (entries, totals, SHA-256) and a
// rebuild from the store.
type railFiles struct {
	info   func(seq int) (fr FileResult, planned string, ok bool)
	render func(ctx context.Context, w io.Writer, seq int) error
}

// claimedFiles reads the rail's params of claim c.
func (e *Engine) claimedFiles(c *Claim) (*railFiles, error) {
	key := c.Key
	if key.Rail == cutoffs.Wire || key.Rail == cutoffs.SWIFT {
		p, err := paramsOf[wireParams](c)
		if err != nil {
			return nil, err
		}
		return &railFiles{
			info: func(seq int) (FileResult, string, bool) {
				return FileResult{SHA256: p.SHA256, Entries: p.Messages, CreditTotalCents: p.TotalCents}, p.SHA256, seq == 1
			},
			render: func(ctx context.Context, w io.Writer, seq int) error {
				return e.renderClaimedWire(ctx, w, key, p)
			},
		}, nil
	}
	if key.Rail == cutoffs.RDC {
		p, err := paramsOf[rdcParams](c)
		if err != nil {
			return nil, err
		}
		return &railFiles{
			info: func(seq int) (FileResult, string, bool) {
				return FileResult{SHA256: p.SHA256, Entries: p.Items, CreditTotalCents: p.TotalCents}, p.SHA256, seq == 1
			},
			render: func(ctx context.Context, w io.Writer, seq int) error {
				return e.renderClaimedRDC(ctx, w, key, p)
			},
		}, nil
	}
	p, err := paramsOf[achParams](c)
	if err != nil {
		return nil, err
	}
	return &railFiles{
		info: func(seq int) (FileResult, string, bool) {
			f := p.file(seq)
			if f == nil {
				return FileResult{}, "", false
			}
			return FileResult{SHA256: f.SHA256, Entries: f.Entries, DebitTotalCents: f.DebitCents, CreditTotalCents: f.CreditCents}, f.SHA256, true
		},
		render: func(ctx context.Context, w io.Writer, seq int) error {
			_, err := e.renderClaimed(ctx, w, key, p, seq)
			return err
		},
	}, nil
}

// RebuildFile writes file seq of the claimed window key exactly as Run
// wrote (or will write) it, from the stored Claim and its
// ClaimedTransactions alone.
func (e *Engine) RebuildFile(ctx context.Context, w io.Writer, key WindowKey, seq int) error {
	c, err := e.st.Claim(ctx, key)
	if err != nil {
		return err
	}
	files, err := e.claimedFiles(c)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	if err := files.render(ctx, bw, seq); err != nil {
		return err
	}
	return bw.Flush()
}

// SettleResult is what Settle did.
type SettleResult struct {
	Through cutoffs.Date `json:"through"`
	Settled []string     `json:"settled"`
}

// Settle moves every PROCESSING-CREDIT transaction whose settlement date
// is on or before the platform date of at to SETTLED.
func (e *Engine) Settle(ctx context.Context, at time.Time) (*SettleResult, error) {
	through := e.resolver.DateOf(at)
	ids, err := e.st.Settle(ctx, through, at)
	if err != nil {
		return nil, err
	}
	if ids == nil {
		ids = []string{}
	}
	return &SettleResult{Through: through, Settled: ids}, nil
}

// Cancel cancels a CREATED transaction at instant at. It fails with
// ErrNotCancelable once a window has claimed the transaction, and also
// once its window's cutoff has passed (the window is sealed at the
// cutoff even before Run claims it); ErrNotFound for an unknown id.
func (e *Engine) Cancel(ctx context.Context, id string, at time.Time) error {
	tx, err := e.st.Transaction(ctx, id)
	if err != nil {
		return err
	}
	if tx.Status == returns.Created && !tx.Window.Cutoff.IsZero() && at.After(tx.Window.Cutoff) {
		return fmt.Errorf("%w: %s: window %s was sealed at its cutoff %s", ErrNotCancelable, id, tx.Window.ID,
			tx.Window.Cutoff.In(e.resolver.Location()).Format(time.RFC3339))
	}
	return e.st.Cancel(ctx, id, at, noteStop)
}

// Transaction returns a stored transaction with its timeline.
func (e *Engine) Transaction(ctx context.Context, id string) (*Transaction, error) {
	return e.st.Transaction(ctx, id)
}

// Transactions lists stored transactions matching f, ordered by ID.
func (e *Engine) Transactions(ctx context.Context, f Filter) ([]*Transaction, error) {
	return e.st.Transactions(ctx, f)
}

// Events returns up to limit events after sequence number after.
func (e *Engine) Events(ctx context.Context, after int64, limit int) ([]Event, error) {
	return e.st.Events(ctx, after, limit)
}
