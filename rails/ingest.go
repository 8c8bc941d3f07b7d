package rails

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/returns"
)

// Inbound formats Ingest recognises.
const (
	FormatNACHA = "nacha"
	FormatX9    = "x9"
	FormatWire  = "fedwire"
)

// IngestResult is what Ingest did with one inbound file.
type IngestResult struct {
	File      string `json:"file"`
	SHA256    string `json:"sha256"`
	Format    string `json:"format"`
	Duplicate bool   `json:"duplicate"`
	// Changes are the return-family items (returns, dishonored and
	// contested returns) matched to a transaction, in file order.
	Changes []IngestChange `json:"changes"`
	// Corrections are the NOCs and refused NOCs matched to a transaction.
	Corrections []Correction `json:"corrections"`
	// Unmatched are the items no transaction of ours carries the trace of.
	Unmatched []Unmatched `json:"unmatched"`
}

// IngestChange is one return-family item and the status change it made.
// From equals To when the item changes no status (a second return, a
// return rejected with a dishonor, a contest R71); it still gets a
// timeline entry and an event.
type IngestChange struct {
	TransactionID string   `json:"transaction_id"`
	Line          int      `json:"line"`
	Trace         string   `json:"trace"`
	From          Status   `json:"from"`
	To            Status   `json:"to"`
	Code          string   `json:"code"`
	Note          string   `json:"note"`
	LockNode      bool     `json:"lock_node"`
	LockUser      bool     `json:"lock_user"`
	Category      string   `json:"category,omitempty"`
	Late          bool     `json:"late"`
	Timeliness    string   `json:"timeliness,omitempty"`
	Action        string   `json:"action,omitempty"`
	DishonorCode  string   `json:"dishonor_code,omitempty"`
	Unknown       bool     `json:"unknown,omitempty"`
	Warnings      []string `json:"warnings,omitempty"`
}

// Correction is a NOC matched to its transaction: the account correction
// the returns policy asks for. The transaction's status is unchanged; its
// timeline gets the NOC's note.
type Correction struct {
	TransactionID string `json:"transaction_id"`
	Line          int    `json:"line"`
	returns.AccountCorrection
}

// Ingest reads one inbound file, matches each item to its transaction by
// original trace number, maps it with the returns policy and records the
// result with Store.Ingest in one atomic step.
//
// The formats are NACHA (returns, dishonored and contested returns,
// NOCs and refused NOCs), read with the ach package's lenient profile and
// unassigned codes accepted (the policy flags them for review), and X9
// return cash letters (returns of our RDC deposits, matched by the BOFD
// item sequence number 32.5; Line is then the record number), and
// Fedwire files, ISO 20022 or FAIM (returns, statuses and rejects of our
// wires, matched by IMAD; Line is the message's first line), told apart
// by their first bytes. A file
// that cannot be read, or that holds forward entries, is an error naming
// the line, and nothing is stored. An item whose trace matches none of
// our entries is kept in Unmatched with its line. A file whose SHA-256
// was ingested before changes nothing and is reported Duplicate. at is
// when the file was received: its platform date judges lateness.
func (e *Engine) Ingest(ctx context.Context, name string, r io.Reader, at time.Time) (*IngestResult, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("rails: ingest %s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	digest := hex.EncodeToString(sum[:])
	mapFile := func() (*IngestResult, *Inbound, error) { return nil, nil, nil }
	format := FormatNACHA
	if isWireFile(data) {
		format = FormatWire
		msgs, err := parseWire(data)
		if err != nil {
			return nil, fmt.Errorf("rails: ingest %s: %w", name, err)
		}
		mapFile = func() (*IngestResult, *Inbound, error) { return e.mapWire(ctx, name, digest, msgs, at) }
	} else if isX9(data) {
		format = FormatX9
		rets, err := parseX9Returns(data)
		if err != nil {
			return nil, fmt.Errorf("rails: ingest %s: %w", name, err)
		}
		mapFile = func() (*IngestResult, *Inbound, error) { return e.mapX9(ctx, name, digest, rets, at) }
	} else {
		items, err := parseNACHAItems(data)
		if err != nil {
			return nil, fmt.Errorf("rails: ingest %s: %w", name, err)
		}
		mapFile = func() (*IngestResult, *Inbound, error) { return e.mapItems(ctx, name, digest, items, at) }
	}
	var lastErr error
	for range 3 {
		res, in, err := mapFile()
		if err != nil {
			return nil, err
		}
		err = e.st.Ingest(ctx, in)
		switch {
		case err == nil:
			return res, nil
		case errors.Is(err, ErrDuplicate):
			return &IngestResult{File: name, SHA256: digest, Format: format, Duplicate: true,
				Changes: []IngestChange{}, Corrections: []Correction{}, Unmatched: []Unmatched{}}, nil
		case errors.Is(err, ErrConflict):
			lastErr = err // a transaction moved meanwhile: read again
			continue
		default:
			return nil, fmt.Errorf("rails: ingest %s: %w", name, err)
		}
	}
	return nil, fmt.Errorf("rails: ingest %s: transactions kept changing: %w", name, lastErr)
}

// inboundItem is one return-family or NOC entry of an inbound file.
type inboundItem struct {
	line  int
	noc   bool
	ret   returns.ACHReturn
	n     returns.NOC
	trace string // original entry trace
	rdfi  string // original receiving DFI identification
}

// parseNACHAItems reads a NACHA file leniently and lists its items. An
// item's line is its addenda 98 or 99 (where its code and original trace
// are), as in ach.Summary.
func parseNACHAItems(data []byte) ([]inboundItem, error) {
	rd := ach.NewReader(bytes.NewReader(data))
	rd.Options = ach.Options{Lenient: true, CustomReturnCodes: true}
	var (
		items  []inboundItem
		errs   []error
		sec    string
		batch  int
		en     ach.Entry
		open   bool
		eLine  int
		adLine int
	)
	flush := func() {
		if !open {
			return
		}
		open = false
		switch k := en.Kind(sec); {
		case k.IsReturn():
			ret, err := returns.ACHReturnFromEntry(&en)
			if err != nil {
				errs = append(errs, fmt.Errorf("line %d: %w", eLine, err))
				return
			}
			ret.Line = adLine
			it := inboundItem{line: adLine, ret: ret, trace: ret.OriginalTrace}
			for _, a := range en.Addenda {
				if a.TypeCode == "99" {
					it.rdfi = a.OriginalRDFIIdentification
				}
			}
			items = append(items, it)
		case k == ach.KindNOC || k == ach.KindRefusedNOC:
			n, err := returns.NOCFromEntry(&en)
			if err != nil {
				errs = append(errs, fmt.Errorf("line %d: %w", eLine, err))
				return
			}
			n.Line = adLine
			it := inboundItem{line: adLine, noc: true, n: n, trace: n.OriginalTrace}
			for _, a := range en.Addenda {
				if a.TypeCode == "98" {
					it.rdfi = a.OriginalRDFIIdentification
				}
			}
			items = append(items, it)
		default:
			errs = append(errs, fmt.Errorf("line %d: %s entry %s in batch %d: only returns, NOCs, dishonored and contested returns are ingested",
				eLine, k, en.TraceNumber, batch))
		}
	}
	for rd.Next() {
		rec := rd.Record()
		switch rec.Type() {
		case '5':
			flush()
			h := rec.BatchHeader()
			sec, batch = h.StandardEntryClass, h.BatchNumber
		case '6':
			flush()
			en, open, eLine, adLine = rec.Entry(), true, rec.Line, rec.Line
		case '7':
			if open {
				a := rec.Addenda()
				if a.TypeCode == "98" || a.TypeCode == "99" {
					adLine = rec.Line
				}
				en.Addenda = append(en.Addenda, a)
			}
		default:
			flush()
		}
	}
	flush()
	if err := rd.Err(); err != nil {
		return nil, err
	}
	if len(errs) > maxIngestErrors {
		n := len(errs) - maxIngestErrors
		errs = append(errs[:maxIngestErrors], fmt.Errorf("and %d more entries that cannot be ingested", n))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return items, nil
}

// maxIngestErrors caps the problems an unusable inbound file reports, so
// that ingesting one of our own million-entry files by mistake says so in
// a screenful.
const maxIngestErrors = 20

// mapItems matches and maps items against the store's current state.
func (e *Engine) mapItems(ctx context.Context, name, digest string, items []inboundItem, at time.Time) (*IngestResult, *Inbound, error) {
	res, in := newIngest(name, digest, FormatNACHA, at)
	received := e.resolver.DateOf(at)
	// Status as this file leaves it, for several items of one transaction.
	status := map[string]Status{}
	traces := make([]string, 0, len(items))
	for _, it := range items {
		if it.trace != "" {
			traces = append(traces, it.trace)
		}
	}
	byTrace, err := e.st.TransactionsByTraces(ctx, traces)
	if err != nil {
		return nil, nil, fmt.Errorf("rails: ingest %s: %w", name, err)
	}
	for _, it := range items {
		tx := match(it, byTrace[it.trace])
		if tx == nil {
			code := it.ret.Code
			if it.noc {
				code = it.n.Code
			}
			u := Unmatched{Line: it.line, Trace: it.trace, Code: code}
			res.Unmatched = append(res.Unmatched, u)
			in.Unmatched = append(in.Unmatched, u)
			continue
		}
		cur, ok := status[tx.ID]
		if !ok {
			cur = tx.Status
		}
		rctx := returns.Context{Settled: tx.Window.SettlementDate, Received: received, AlreadyReturned: cur == returns.Returned}
		if it.noc {
			ac, err := e.policy.MapNOC(it.n, rctx)
			if err != nil {
				return nil, nil, fmt.Errorf("rails: ingest %s: line %d: %w", name, it.line, err)
			}
			c := Correction{TransactionID: tx.ID, Line: it.line, AccountCorrection: ac}
			raw, err := json.Marshal(c)
			if err != nil {
				return nil, nil, err
			}
			res.Corrections = append(res.Corrections, c)
			in.Corrections = append(in.Corrections, raw)
			in.Changes = append(in.Changes, Change{TransactionID: tx.ID, From: cur, To: cur,
				Event: Event{TransactionID: tx.ID, Status: cur, Note: ac.Note, Code: ac.Code, At: at}})
			continue
		}
		sc, err := e.policy.MapACHReturn(it.ret, rctx)
		if err != nil {
			return nil, nil, fmt.Errorf("rails: ingest %s: line %d: %w", name, it.line, err)
		}
		status[tx.ID] = addChange(res, in, tx, it.line, it.trace, cur, sc, at)
	}
	return res, in, nil
}

// newIngest is the empty result and inbound record of a file.
func newIngest(name, digest, format string, at time.Time) (*IngestResult, *Inbound) {
	return &IngestResult{File: name, SHA256: digest, Format: format,
			Changes: []IngestChange{}, Corrections: []Correction{}, Unmatched: []Unmatched{}},
		&Inbound{SHA256: digest, Name: name, Format: format, ReceivedAt: at,
			Changes: []Change{}, Corrections: []json.RawMessage{}, Unmatched: []Unmatched{}}
}

// addChange records the status change sc of tx (now in cur) for the item
// at line, in the result and in the inbound record, and returns the
// status it leaves tx in.
func addChange(res *IngestResult, in *Inbound, tx *Transaction, line int, trace string, cur Status, sc returns.StatusChange, at time.Time) Status {
	to := sc.Status
	if to == returns.Unchanged {
		to = cur
		if sc.Action == returns.ActionRevert && cur == returns.Returned {
			to = statusBeforeReturn(tx)
		}
	}
	ch := IngestChange{TransactionID: tx.ID, Line: line, Trace: trace, From: cur, To: to, Code: sc.Code,
		Note: sc.Note, LockNode: sc.LocksNode, LockUser: sc.LocksUser, Category: string(sc.Category),
		Late: sc.Timeliness == returns.Late || sc.Timeliness == returns.TooLate, Timeliness: string(sc.Timeliness),
		Action: string(sc.Action), DishonorCode: sc.DishonorCode, Unknown: sc.Unknown, Warnings: sc.Warnings}
	res.Changes = append(res.Changes, ch)
	in.Changes = append(in.Changes, Change{TransactionID: tx.ID, From: cur, To: to,
		Event: Event{TransactionID: tx.ID, Status: to, Note: sc.Note, Code: sc.Code, LockNode: sc.LocksNode,
			LockUser: sc.LocksUser, Category: string(sc.Category), At: at}})
	return to
}

// match picks the transaction an item refers to among txs, those given
// its original trace (nacha.md §11.3, Store.TransactionsByTraces): when
// the trace counter wrapped, prefer the entry to the same RDFI (and, for
// returns, of the same amount), newest claim first.
func match(it inboundItem, txs []*Transaction) *Transaction {
	if it.trace == "" || len(txs) == 0 {
		return nil
	}
	if len(txs) == 1 {
		return txs[0]
	}
	for _, tx := range txs {
		rtn := tx.Counterparty.RoutingNumber
		if len(rtn) >= 8 && it.rdfi != "" && rtn[:8] != it.rdfi {
			continue
		}
		if !it.noc && it.ret.Amount != 0 && tx.AmountCents != it.ret.Amount {
			continue
		}
		return tx
	}
	return txs[0]
}

// statusBeforeReturn is the status a transaction had before it became
// RETURNED, from its timeline.
func statusBeforeReturn(tx *Transaction) Status {
	for i := len(tx.Timeline) - 1; i > 0; i-- {
		if tx.Timeline[i].Status == returns.Returned && tx.Timeline[i-1].Status != returns.Returned {
			return tx.Timeline[i-1].Status
		}
	}
	return tx.Status
}
