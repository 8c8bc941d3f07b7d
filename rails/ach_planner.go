package rails

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/returns"
)

// The ACH adapter: how a window's transactions become NACHA files.
//
// Batching. Transactions are grouped by batch key — Standard Entry Class,
// direction (credits in service class 220, debits in 225), Effective Entry
// Date and same-day flag — with the originator's one company name and id
// and one Company Entry Description (Config.EntryDescription). The key is
// the transaction's Window.Group, so the store hands the planner a
// window's transactions in key order (SEC, then credits before debits,
// then effective date, then same day first) and by ID within a key. The
// planner fills files in that order, one batch per run of equal keys; a
// file is closed when the next entry would pass MaxFileEntries or
// MaxFileAmountCents, so a group may continue as a new batch in the next
// file. With an offset account every batch (service class 200) ends with
// one balancing entry. The planner holds one file's transactions at a
// time: a window of any size is planned in the memory of one file.
//
// Numbers. Trace numbers are the ODFI's eight digits and a 7-digit
// sequence from the counter "trace:<odfi8>", one block per file drawn when
// the file is closed, in batch and entry order (so traces ascend within
// every batch and file). The sequence is the counter value modulo
// 9,999,999 (1…9999999): when a file's block would wrap, the counter is
// first advanced to the wrap so the block starts again at 0000001 and
// never wraps inside a file. A trace number repeats only after 9,999,999
// entries of one ODFI; matching then takes the newest claim
// (Store.TransactionsByTrace). File ID Modifiers come from the counter
// "fileid:<destination>:<origin>:<date>" (the file creation date,
// YYYY-MM-DD): A-Z then 0-9, and a 37th file on one day is an error. The
// file creation date and time are the window's cutoff in the schedule's
// zone, never the clock, so the bytes are a pure function of the claim.
//
// Every number and header value is stored in Plan.Params (achParams),
// with each file's SHA-256 as rendered at claim time: a rebuild reads
// nothing but the Claim and its ClaimedTransactions, and Run checks the
// rebuilt bytes against the planned digest.

const (
	traceModulus = 9_999_999
	fileIDChars  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)

// achParams is Plan.Params of an ACH window.
type achParams struct {
	ImmediateDestination     string         `json:"immediate_destination"`
	ImmediateDestinationName string         `json:"immediate_destination_name,omitempty"`
	ImmediateOrigin          string         `json:"immediate_origin"`
	ImmediateOriginName      string         `json:"immediate_origin_name,omitempty"`
	CompanyName              string         `json:"company_name"`
	CompanyID                string         `json:"company_id"`
	ODFI                     string         `json:"odfi"` // 8 digits
	CreationDate             string         `json:"file_creation_date"`
	CreationTime             string         `json:"file_creation_time"`
	Offset                   *OffsetAccount `json:"offset,omitempty"`
	Files                    []achFile      `json:"files"`
}

type achFile struct {
	Seq            int        `json:"seq"`
	FileIDModifier string     `json:"file_id_modifier"`
	Entries        int        `json:"entries"`
	DebitCents     int64      `json:"debit_total_cents"`
	CreditCents    int64      `json:"credit_total_cents"`
	SHA256         string     `json:"sha256"`
	Batches        []achBatch `json:"batches"`
}

// achBatch is one batch: its header values and its entries, which are
// the transactions whose traces are FirstTrace … FirstTrace+Count-1, then
// the offset entry (trace FirstTrace+Count) when the window has one.
type achBatch struct {
	Number          int       `json:"batch_number"`
	ServiceClass    int       `json:"service_class"`
	SEC             string    `json:"sec"`
	Direction       Direction `json:"direction"`
	Description     string    `json:"description"`
	DescriptiveDate string    `json:"descriptive_date,omitempty"`
	EffectiveDate   string    `json:"effective_date"`
	FirstTrace      int64     `json:"first_trace"` // 7-digit sequence
	Count           int       `json:"count"`
}

// batchKey is what puts two transactions in one batch.
type batchKey struct {
	sec     string
	credit  bool
	eed     cutoffs.Date
	sameDay bool
}

func keyOf(tx *Transaction) batchKey {
	return batchKey{sec: tx.SECCode, credit: tx.Direction == Credit, eed: tx.Window.EffectiveDate, sameDay: tx.Window.SameDay}
}

func compareKeys(a, b batchKey) int {
	if c := cmp.Compare(a.sec, b.sec); c != 0 {
		return c
	}
	if a.credit != b.credit {
		if a.credit {
			return -1
		}
		return 1
	}
	if c := a.eed.Compare(b.eed); c != 0 {
		return c
	}
	if a.sameDay != b.sameDay {
		if a.sameDay {
			return -1
		}
		return 1
	}
	return 0
}

// achFileName is a file's name relative to the outbox.
func achFileName(key WindowKey, batchDate cutoffs.Date, seq int) string {
	return "ach/" + batchDate.String() + "/" + key.ID + "-" + strconv.Itoa(seq) + ".ach"
}

// achGroup is Window.Group of an ACH transaction: its batch key in the
// order files are laid out ("PPD/0/20261125/1": SEC, 0 for credits and 1
// for debits, effective date, 0 for same day and 1 for next day).
func achGroup(tx *Transaction, w *Window) string {
	b := make([]byte, 0, 20)
	b = append(b, tx.SECCode...)
	b = append(b, '/', '1', '/')
	if tx.Direction == Credit {
		b[len(b)-2] = '0'
	}
	d := w.EffectiveDate
	b = fmt.Appendf(b, "%04d%02d%02d/", d.Year, int(d.Month), d.Day)
	if w.SameDay {
		return string(append(b, '0'))
	}
	return string(append(b, '1'))
}

// planACH returns the Planner of an ACH window. It renders each file as
// it closes into a temporary file of sp, so that Run installs what the
// claim planned without reading the window again.
func (e *Engine) planACH(key WindowKey, sp *spool) Planner {
	cfg := e.cfg
	loc := e.resolver.Location()
	return func(txs TxSeq, counters Counters) (*Plan, error) {
		sp.discard() // a store may call a planner again after a failed attempt
		cutoff := key.Cutoff.In(loc)
		pl := &achPlanner{
			key: key, cfg: &cfg, counters: counters, sp: sp, batchDate: cutoffs.DateOf(cutoff),
			plan: &Plan{Status: returns.ProcessingCredit, Note: "Batched in " + key.ID + ".",
				Assignments: []Assignment{}, Files: []FilePlan{}},
			p: &achParams{
				ImmediateDestination: cfg.ImmediateDestination, ImmediateDestinationName: cfg.ImmediateDestinationName,
				ImmediateOrigin: cfg.ImmediateOrigin, ImmediateOriginName: cfg.ImmediateOriginName,
				CompanyName: cfg.CompanyName, CompanyID: cfg.CompanyID, ODFI: cfg.ODFIRouting[:8],
				CreationDate: cutoff.Format("060102"), CreationTime: cutoff.Format("1504"),
				Offset: cfg.Offset, Files: []achFile{},
			},
		}
		if cfg.Offset != nil {
			pl.offset = 1
		}
		for tx, err := range txs {
			if err != nil {
				return nil, fmt.Errorf("rails: plan %s: %w", key.ID, err)
			}
			if err := pl.add(tx); err != nil {
				return nil, err
			}
		}
		if err := pl.closeFile(); err != nil {
			return nil, err
		}
		return pl.plan, e.storeParams(pl.plan, pl.p)
	}
}

// achPlanner lays out a window's files as its transactions stream by,
// holding the transactions of the open file only.
type achPlanner struct {
	key       WindowKey
	cfg       *Config
	counters  Counters
	sp        *spool
	batchDate cutoffs.Date
	plan      *Plan
	p         *achParams
	offset    int // 1 with an offset account: one more entry per batch

	batches [][]*Transaction // the open file's batches
	bkeys   []batchKey
	entries int
	amount  int64
}

// add places tx in the open file, closing it first when tx would pass a
// limit.
func (pl *achPlanner) add(tx *Transaction) error {
	if tx.Rail != ACH {
		return fmt.Errorf("rails: plan %s: transaction %s is on rail %s", pl.key.ID, tx.ID, tx.Rail)
	}
	k := keyOf(tx)
	newBatch := len(pl.bkeys) == 0 || pl.bkeys[len(pl.bkeys)-1] != k
	need := 1
	if newBatch {
		need += pl.offset
	}
	if pl.entries > 0 && (pl.entries+need > pl.cfg.MaxFileEntries || pl.amount+tx.AmountCents > pl.cfg.MaxFileAmountCents) {
		if err := pl.closeFile(); err != nil {
			return err
		}
		newBatch, need = true, 1+pl.offset
	}
	if newBatch {
		pl.batches = append(pl.batches, nil)
		pl.bkeys = append(pl.bkeys, k)
	}
	b := len(pl.batches) - 1
	pl.batches[b] = append(pl.batches[b], tx)
	pl.entries += need
	pl.amount += tx.AmountCents
	return nil
}

// closeFile numbers the open file (trace block, File ID Modifier),
// assigns its transactions, renders it into the spool and starts a new
// one.
func (pl *achPlanner) closeFile() error {
	if pl.entries == 0 {
		return nil
	}
	seq := len(pl.p.Files) + 1
	next, err := pl.traces(int64(pl.entries))
	if err != nil {
		return err
	}
	idCounter := "fileid:" + pl.cfg.ImmediateDestination + ":" + pl.cfg.ImmediateOrigin + ":" + pl.batchDate.String()
	m, err := pl.counters.Next(idCounter, 1)
	if err != nil {
		return fmt.Errorf("rails: plan %s: counter %s: %w", pl.key.ID, idCounter, err)
	}
	if m < 1 || m > int64(len(fileIDChars)) {
		return fmt.Errorf("rails: plan %s: file %d would pass the 36 File ID Modifiers (A-Z, 0-9) of %s for destination %s and origin %s",
			pl.key.ID, seq, pl.batchDate, pl.cfg.ImmediateDestination, pl.cfg.ImmediateOrigin)
	}
	f := achFile{Seq: seq, FileIDModifier: fileIDChars[m-1 : m]}
	name := achFileName(pl.key, pl.batchDate, seq)
	for bi, txs := range pl.batches {
		bk := pl.bkeys[bi]
		b := achBatch{Number: bi + 1, ServiceClass: ach.ServiceDebits, SEC: bk.sec, Direction: Debit,
			Description: pl.cfg.EntryDescription, EffectiveDate: ymd(bk.eed), FirstTrace: next, Count: len(txs)}
		if bk.credit {
			b.ServiceClass, b.Direction = ach.ServiceCredits, Credit
		}
		if pl.offset == 1 {
			b.ServiceClass = ach.ServiceMixed
		}
		if bk.sameDay {
			b.DescriptiveDate = pl.cfg.SameDayDescriptiveDate
		}
		for _, tx := range txs {
			pl.plan.Assignments = append(pl.plan.Assignments, Assignment{TransactionID: tx.ID, File: seq, Trace: traceString(pl.p.ODFI, next)})
			next++
		}
		next += int64(pl.offset)
		f.Batches = append(f.Batches, b)
	}
	src := sliceSource(pl.batches)
	var st fileStats
	f.SHA256, err = pl.sp.write(seq, name, func(w io.Writer) (err error) {
		st, err = renderACH(w, pl.p, &f, src, false)
		return err
	})
	if err != nil {
		return fmt.Errorf("rails: plan %s: file %d: %w", pl.key.ID, seq, err)
	}
	f.Entries, f.DebitCents, f.CreditCents = st.entries, st.debit, st.credit
	pl.p.Files = append(pl.p.Files, f)
	pl.plan.Files = append(pl.plan.Files, FilePlan{Seq: seq, Name: name})
	pl.batches, pl.bkeys, pl.entries, pl.amount = nil, nil, 0, 0
	return nil
}

// traces draws a block of n trace sequence numbers that does not wrap
// and returns its first.
func (pl *achPlanner) traces(n int64) (int64, error) {
	if n > traceModulus {
		return 0, fmt.Errorf("rails: plan %s: %d entries in one file need more trace numbers than one ODFI has (%d)", pl.key.ID, n, traceModulus)
	}
	name := "trace:" + pl.p.ODFI
	v, err := pl.counters.Next(name, n)
	if err != nil {
		return 0, fmt.Errorf("rails: plan %s: counter %s: %w", pl.key.ID, name, err)
	}
	if seq := (v-1)%traceModulus + 1; seq+n-1 > traceModulus {
		// Skip to the wrap, then draw the block again from 0000001.
		if rest := (traceModulus - (v+n-1)%traceModulus) % traceModulus; rest > 0 {
			if _, err := pl.counters.Next(name, rest); err != nil {
				return 0, fmt.Errorf("rails: plan %s: counter %s: %w", pl.key.ID, name, err)
			}
		}
		if v, err = pl.counters.Next(name, n); err != nil {
			return 0, fmt.Errorf("rails: plan %s: counter %s: %w", pl.key.ID, name, err)
		}
	}
	return (v-1)%traceModulus + 1, nil
}

// sliceSource yields the transactions of batches in order, then nil.
func sliceSource(batches [][]*Transaction) func() (*Transaction, error) {
	b, i := 0, 0
	return func() (*Transaction, error) {
		for b < len(batches) && i == len(batches[b]) {
			b, i = b+1, 0
		}
		if b == len(batches) {
			return nil, nil
		}
		i++
		return batches[b][i-1], nil
	}
}

func (e *Engine) storeParams(plan *Plan, p *achParams) error {
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	plan.Params = raw
	return nil
}

func ymd(d cutoffs.Date) string {
	return fmt.Sprintf("%02d%02d%02d", d.Year%100, int(d.Month), d.Day)
}

// fileStats is what renderACH wrote.
type fileStats struct {
	entries       int
	debit, credit int64
}

// transactionCode is the ACH transaction code of a live entry.
func transactionCode(d Direction, t AccountType) (int, error) {
	base := 0
	switch t {
	case Checking:
		base = 20
	case Savings:
		base = 30
	case GeneralLedger:
		base = 40
	case Loan:
		base = 50
	default:
		return 0, fmt.Errorf("unknown account type %q", t)
	}
	switch d {
	case Credit:
		return base + 2, nil
	case Debit:
		if t == Loan {
			return 0, fmt.Errorf("loan debits (55) are reversals only (R35)")
		}
		return base + 7, nil
	}
	return 0, fmt.Errorf("unknown direction %q", d)
}

// renderACH writes one file of a window: a pure function of the params
// and of the file's transactions, which next gives in trace order (nil at
// the end). With claimed, each transaction must carry the trace the plan
// gives its place, and the file must hold no more than planned.
func renderACH(w io.Writer, p *achParams, f *achFile, next func() (*Transaction, error), claimed bool) (fileStats, error) {
	var st fileStats
	aw := ach.NewWriter(w)
	if err := aw.WriteFileHeader(&ach.FileHeader{
		PriorityCode: "01", ImmediateDestination: p.ImmediateDestination, ImmediateOrigin: p.ImmediateOrigin,
		FileCreationDate: p.CreationDate, FileCreationTime: p.CreationTime, FileIDModifier: f.FileIDModifier,
		ImmediateDestinationName: p.ImmediateDestinationName, ImmediateOriginName: p.ImmediateOriginName,
	}); err != nil {
		return st, err
	}
	var e ach.Entry
	add := make([]ach.Addenda, 1)
	for bi := range f.Batches {
		b := &f.Batches[bi]
		if err := aw.WriteBatchHeader(&ach.BatchHeader{
			ServiceClassCode: b.ServiceClass, CompanyName: p.CompanyName, CompanyIdentification: p.CompanyID,
			StandardEntryClass: b.SEC, CompanyEntryDescription: b.Description, CompanyDescriptiveDate: b.DescriptiveDate,
			EffectiveEntryDate: b.EffectiveDate, OriginatorStatusCode: "1", ODFIIdentification: p.ODFI, BatchNumber: b.Number,
		}); err != nil {
			return st, err
		}
		var sum int64
		seq := b.FirstTrace
		for k := range b.Count {
			tx, err := next()
			if err != nil {
				return st, err
			}
			if tx == nil {
				return st, fmt.Errorf("batch %d: %d transactions, plan says %d", b.Number, k, b.Count)
			}
			if claimed && tx.Trace != traceString(p.ODFI, seq) {
				return st, fmt.Errorf("batch %d: transaction %s has trace %s, plan says %s", b.Number, tx.ID, tx.Trace, traceString(p.ODFI, seq))
			}
			code, err := transactionCode(tx.Direction, tx.Counterparty.AccountType)
			if err != nil {
				return st, fmt.Errorf("transaction %s: %w", tx.ID, err)
			}
			rtn := tx.Counterparty.RoutingNumber
			if len(rtn) != 9 {
				return st, fmt.Errorf("transaction %s: routing number %q", tx.ID, rtn)
			}
			e = ach.Entry{TransactionCode: code, RDFIIdentification: rtn[:8], CheckDigit: rtn[8:],
				DFIAccountNumber: tx.Counterparty.AccountNumber, Amount: tx.AmountCents,
				Name: tx.Counterparty.Name, TraceNumber: traceString(p.ODFI, seq)}
			if len(tx.ID) <= 15 {
				e.IdentificationNumber = tx.ID
			}
			if b.SEC == "WEB" || b.SEC == "TEL" {
				e.PaymentTypeCode = "S"
			}
			if tx.Addenda != "" {
				add[0] = ach.Addenda{TypeCode: "05", PaymentRelatedInformation: tx.Addenda}
				e.Addenda = add
			}
			if err := aw.WriteEntry(&e); err != nil {
				return st, fmt.Errorf("transaction %s: %w", tx.ID, err)
			}
			seq++
			sum += tx.AmountCents
			st.entries++
			if tx.Direction == Credit {
				st.credit += tx.AmountCents
			} else {
				st.debit += tx.AmountCents
			}
		}
		if o := p.Offset; o != nil {
			// The balancing entry goes the other way.
			dir := Debit
			if b.Direction == Debit {
				dir = Credit
			}
			code, err := transactionCode(dir, o.AccountType)
			if err != nil {
				return st, fmt.Errorf("offset account: %w", err)
			}
			name := o.Name
			if name == "" {
				name = p.CompanyName
			}
			e = ach.Entry{TransactionCode: code, RDFIIdentification: o.RoutingNumber[:8], CheckDigit: o.RoutingNumber[8:],
				DFIAccountNumber: o.AccountNumber, Amount: sum, IdentificationNumber: "OFFSET", Name: name,
				TraceNumber: traceString(p.ODFI, seq)}
			if b.SEC == "WEB" || b.SEC == "TEL" {
				e.PaymentTypeCode = "S"
			}
			if err := aw.WriteEntry(&e); err != nil {
				return st, fmt.Errorf("offset entry: %w", err)
			}
			st.entries++
			if dir == Credit {
				st.credit += sum
			} else {
				st.debit += sum
			}
		}
	}
	if claimed {
		tx, err := next()
		if err != nil {
			return st, err
		}
		if tx != nil {
			return st, fmt.Errorf("transaction %s is in the file but not in its plan", tx.ID)
		}
	}
	return st, aw.Close()
}

func traceString(odfi string, seq int64) string {
	var b [15]byte
	copy(b[:8], odfi)
	for i := 14; i >= 8; i-- {
		b[i] = byte('0' + seq%10)
		seq /= 10
	}
	return string(b[:])
}

// file returns the planned file seq, or nil.
func (p *achParams) file(seq int) *achFile {
	for i := range p.Files {
		if p.Files[i].Seq == seq {
			return &p.Files[i]
		}
	}
	return nil
}

// renderClaimed writes file seq of a claimed window from the store's
// ClaimedTransactions, streaming: one transaction in memory at a time.
func (e *Engine) renderClaimed(ctx context.Context, w io.Writer, key WindowKey, p *achParams, seq int) (fileStats, error) {
	f := p.file(seq)
	if f == nil {
		return fileStats{}, fmt.Errorf("rails: window %s: no file %d in the plan", key.ID, seq)
	}
	next, stop := e.claimedSource(ctx, key, seq)
	defer stop()
	st, err := renderACH(w, p, f, next, true)
	if err != nil {
		return st, fmt.Errorf("rails: window %s: file %d: %w", key.ID, seq, err)
	}
	return st, nil
}
