package rails

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
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
// and one Company Entry Description (Config.EntryDescription). Groups are
// ordered by SEC, then credits before debits, then effective date; within
// a group transactions keep the Store's order (by ID). Batches fill files
// in that order; a file is closed when the next entry would pass
// MaxFileEntries or MaxFileAmountCents, so a group may continue as a new
// batch in the next file. With an offset account every batch (service
// class 200) ends with one balancing entry.
//
// Numbers. Trace numbers are the ODFI's eight digits and a 7-digit
// sequence from the counter "trace:<odfi8>", one block per window drawn
// in file, batch and entry order (so traces ascend within every batch and
// file). The sequence is the counter value modulo 9,999,999 (1…9999999):
// when a window's block would wrap, the counter is first advanced to the
// wrap so the block starts again at 0000001 and never wraps inside a batch.
// A trace number repeats only after 9,999,999 entries of one ODFI; matching
// then takes the newest claim (Store.TransactionsByTrace). File ID
// Modifiers come from the counter "fileid:<destination>:<origin>:<date>"
// (the file creation date, YYYY-MM-DD): A-Z then 0-9, and a 37th file on
// one day is an error. The file creation date and time are the window's
// cutoff in the schedule's zone, never the clock, so the bytes are a pure
// function of the claim.
//
// Every number and header value is stored in Plan.Params (achParams),
// with each file's SHA-256 as planned: a rebuild reads nothing but the
// Claim, and Run checks the rebuilt bytes against the planned digest.

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

// planACH returns the Planner of an ACH window.
func (e *Engine) planACH(key WindowKey) Planner {
	cfg := e.cfg
	loc := e.resolver.Location()
	return func(txs []*Transaction, counters Counters) (*Plan, error) {
		plan := &Plan{Status: returns.ProcessingCredit, Note: "Batched in " + key.ID + ".",
			Assignments: make([]Assignment, 0, len(txs)), Files: []FilePlan{}}
		cutoff := key.Cutoff.In(loc)
		batchDate := cutoffs.DateOf(cutoff)
		p := &achParams{
			ImmediateDestination: cfg.ImmediateDestination, ImmediateDestinationName: cfg.ImmediateDestinationName,
			ImmediateOrigin: cfg.ImmediateOrigin, ImmediateOriginName: cfg.ImmediateOriginName,
			CompanyName: cfg.CompanyName, CompanyID: cfg.CompanyID, ODFI: cfg.ODFIRouting[:8],
			CreationDate: cutoff.Format("060102"), CreationTime: cutoff.Format("1504"),
			Offset: cfg.Offset, Files: []achFile{},
		}
		if len(txs) == 0 {
			return plan, e.storeParams(plan, p)
		}

		// Group, then lay out files and batches.
		order := make([]int, len(txs))
		keys := make([]batchKey, len(txs))
		for i, tx := range txs {
			order[i] = i
			keys[i] = keyOf(tx)
			if tx.Rail != ACH {
				return nil, fmt.Errorf("rails: plan %s: transaction %s is on rail %s", key.ID, tx.ID, tx.Rail)
			}
		}
		slices.SortStableFunc(order, func(a, b int) int { return compareKeys(keys[a], keys[b]) })

		type batchLayout struct {
			key batchKey
			txs []int
		}
		type fileLayout struct {
			batches []batchLayout
			entries int
			amount  int64
		}
		offset := 0
		if cfg.Offset != nil {
			offset = 1
		}
		var files []fileLayout
		var cur *fileLayout
		var open *batchLayout
		for _, i := range order {
			tx := txs[i]
			need := 1
			newBatch := open == nil || open.key != keys[i]
			if newBatch {
				need += offset
			}
			if cur != nil && cur.entries > 0 &&
				(cur.entries+need > cfg.MaxFileEntries || cur.amount+tx.AmountCents > cfg.MaxFileAmountCents) {
				cur, open, newBatch, need = nil, nil, true, 1+offset
			}
			if cur == nil {
				files = append(files, fileLayout{})
				cur = &files[len(files)-1]
			}
			if newBatch {
				cur.batches = append(cur.batches, batchLayout{key: keys[i]})
			}
			open = &cur.batches[len(cur.batches)-1]
			open.txs = append(open.txs, i)
			cur.entries += need
			cur.amount += tx.AmountCents
		}

		// Trace numbers: one block for the window, never wrapping inside it.
		total := int64(0)
		for _, f := range files {
			total += int64(f.entries)
		}
		if total > traceModulus {
			return nil, fmt.Errorf("rails: plan %s: %d entries need more trace numbers than one ODFI has (%d)", key.ID, total, traceModulus)
		}
		traceCounter := "trace:" + p.ODFI
		v, err := counters.Next(traceCounter, total)
		if err != nil {
			return nil, fmt.Errorf("rails: plan %s: counter %s: %w", key.ID, traceCounter, err)
		}
		if seq := (v-1)%traceModulus + 1; seq+total-1 > traceModulus {
			// Skip to the wrap, then draw the block again from 0000001.
			rest := (traceModulus - (v+total-1)%traceModulus) % traceModulus
			if rest > 0 {
				if _, err := counters.Next(traceCounter, rest); err != nil {
					return nil, fmt.Errorf("rails: plan %s: counter %s: %w", key.ID, traceCounter, err)
				}
			}
			if v, err = counters.Next(traceCounter, total); err != nil {
				return nil, fmt.Errorf("rails: plan %s: counter %s: %w", key.ID, traceCounter, err)
			}
		}
		next := (v-1)%traceModulus + 1

		// File ID modifiers.
		idCounter := "fileid:" + cfg.ImmediateDestination + ":" + cfg.ImmediateOrigin + ":" + batchDate.String()
		m, err := counters.Next(idCounter, int64(len(files)))
		if err != nil {
			return nil, fmt.Errorf("rails: plan %s: counter %s: %w", key.ID, idCounter, err)
		}
		if m < 1 || m-1+int64(len(files)) > int64(len(fileIDChars)) {
			return nil, fmt.Errorf("rails: plan %s: %d files would pass the 36 File ID Modifiers (A-Z, 0-9) of %s for destination %s and origin %s",
				key.ID, len(files), batchDate, cfg.ImmediateDestination, cfg.ImmediateOrigin)
		}

		desc := cfg.EntryDescription
		var buf bytes.Buffer
		for fi, fl := range files {
			f := achFile{Seq: fi + 1, FileIDModifier: fileIDChars[m-1+int64(fi) : m+int64(fi)]}
			name := achFileName(key, batchDate, f.Seq)
			batchTxs := make([][]*Transaction, len(fl.batches))
			for bi, bl := range fl.batches {
				b := achBatch{Number: bi + 1, ServiceClass: ach.ServiceDebits, SEC: bl.key.sec, Direction: Debit,
					Description: desc, EffectiveDate: ymd(bl.key.eed), FirstTrace: next, Count: len(bl.txs)}
				if bl.key.credit {
					b.ServiceClass, b.Direction = ach.ServiceCredits, Credit
				}
				if offset == 1 {
					b.ServiceClass = ach.ServiceMixed
				}
				if bl.key.sameDay {
					b.DescriptiveDate = cfg.SameDayDescriptiveDate
				}
				list := make([]*Transaction, len(bl.txs))
				for k, i := range bl.txs {
					list[k] = txs[i]
					plan.Assignments = append(plan.Assignments, Assignment{TransactionID: txs[i].ID, File: f.Seq, Trace: traceString(p.ODFI, next)})
					next++
				}
				next += int64(offset)
				batchTxs[bi] = list
				f.Batches = append(f.Batches, b)
			}
			buf.Reset()
			st, err := renderACH(&buf, p, &f, batchTxs)
			if err != nil {
				return nil, fmt.Errorf("rails: plan %s: file %d: %w", key.ID, f.Seq, err)
			}
			sum := sha256.Sum256(buf.Bytes())
			f.SHA256 = hex.EncodeToString(sum[:])
			f.Entries, f.DebitCents, f.CreditCents = st.entries, st.debit, st.credit
			p.Files = append(p.Files, f)
			plan.Files = append(plan.Files, FilePlan{Seq: f.Seq, Name: name})
		}
		return plan, e.storeParams(plan, p)
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
// and the transactions of each batch, in trace order.
func renderACH(w io.Writer, p *achParams, f *achFile, batchTxs [][]*Transaction) (fileStats, error) {
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
		txs := batchTxs[bi]
		if len(txs) != b.Count {
			return st, fmt.Errorf("batch %d: %d transactions, plan says %d", b.Number, len(txs), b.Count)
		}
		if err := aw.WriteBatchHeader(&ach.BatchHeader{
			ServiceClassCode: b.ServiceClass, CompanyName: p.CompanyName, CompanyIdentification: p.CompanyID,
			StandardEntryClass: b.SEC, CompanyEntryDescription: b.Description, CompanyDescriptiveDate: b.DescriptiveDate,
			EffectiveEntryDate: b.EffectiveDate, OriginatorStatusCode: "1", ODFIIdentification: p.ODFI, BatchNumber: b.Number,
		}); err != nil {
			return st, err
		}
		var sum int64
		seq := b.FirstTrace
		for _, tx := range txs {
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

// achRebuild renders the files of a claimed window from the claim alone.
type achRebuild struct {
	key     WindowKey
	p       achParams
	byTrace map[string]*Transaction
}

func newACHRebuild(c *Claim) (*achRebuild, error) {
	rb := &achRebuild{key: c.Key}
	if err := json.Unmarshal(c.Plan.Params, &rb.p); err != nil {
		return nil, fmt.Errorf("rails: window %s: plan params: %w", c.Key.ID, err)
	}
	byID := make(map[string]*Transaction, len(c.Transactions))
	for _, tx := range c.Transactions {
		byID[tx.ID] = tx
	}
	rb.byTrace = make(map[string]*Transaction, len(c.Plan.Assignments))
	for _, a := range c.Plan.Assignments {
		tx := byID[a.TransactionID]
		if tx == nil {
			return nil, fmt.Errorf("rails: window %s: assigned transaction %s is not in the claim", c.Key.ID, a.TransactionID)
		}
		rb.byTrace[a.Trace] = tx
	}
	return rb, nil
}

// file returns the planned file seq, or nil.
func (rb *achRebuild) file(seq int) *achFile {
	for i := range rb.p.Files {
		if rb.p.Files[i].Seq == seq {
			return &rb.p.Files[i]
		}
	}
	return nil
}

// render writes file seq.
func (rb *achRebuild) render(w io.Writer, seq int) (fileStats, error) {
	f := rb.file(seq)
	if f == nil {
		return fileStats{}, fmt.Errorf("rails: window %s: no file %d in the plan", rb.key.ID, seq)
	}
	batchTxs := make([][]*Transaction, len(f.Batches))
	for bi, b := range f.Batches {
		list := make([]*Transaction, b.Count)
		for k := range list {
			t := traceString(rb.p.ODFI, b.FirstTrace+int64(k))
			if list[k] = rb.byTrace[t]; list[k] == nil {
				return fileStats{}, fmt.Errorf("rails: window %s: file %d: no transaction has trace %s", rb.key.ID, seq, t)
			}
		}
		batchTxs[bi] = list
	}
	st, err := renderACH(w, &rb.p, f, batchTxs)
	if err != nil {
		return st, fmt.Errorf("rails: window %s: file %d: %w", rb.key.ID, seq, err)
	}
	return st, nil
}
