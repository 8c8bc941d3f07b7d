package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/returns"
)

// minTime and maxTime bound the instants Unix nanoseconds can hold.
var (
	minTime = time.Unix(0, -1<<63)
	maxTime = time.Unix(0, 1<<63-1)
)

// timeArg is t as a column value: Unix nanoseconds, NULL for the zero
// time.
func timeArg(t time.Time) (any, error) {
	if t.IsZero() {
		return nil, nil
	}
	if t.Before(minTime) || t.After(maxTime) {
		return nil, fmt.Errorf("sqlite: instant %s out of range (1678-2262)", t.Format(time.RFC3339))
	}
	return t.UnixNano(), nil
}

// timeOf is the instant a column holds, in UTC.
func timeOf(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.Unix(0, v.Int64).UTC()
}

// roundTime is t as it reads back from the store.
func roundTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.Unix(0, t.UnixNano()).UTC()
}

// dateArg is d as YYYYMMDD, 0 for the zero Date.
func dateArg(d cutoffs.Date) int64 {
	return int64(d.Year)*10000 + int64(d.Month)*100 + int64(d.Day)
}

func dateOf(n int64) cutoffs.Date {
	if n == 0 {
		return cutoffs.Date{}
	}
	return cutoffs.Date{Year: int(n / 10000), Month: time.Month(n / 100 % 100), Day: int(n % 100)}
}

func boolArg(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// content is the part of a transaction kept in the content column, in
// format 1: a format byte, then each field in this order, strings as a
// uvarint length and bytes, integers as varints, dates as uvarint
// YYYYMMDD, booleans as one byte:
//
//	speed direction amount currency name routing account account_type
//	sec memo addenda process_on batch_date effective_date same_day fallback
//	created_note created_code created_at
//
// The created_ fields are the first timeline entry (also the first event):
// a claim reads them here instead of joining the events. created_at is a
// byte 0 for the zero time, else 1 and varint Unix nanoseconds.
//
// Format 2 is format 1 followed by the transaction's Check (an RDC
// deposit): routing, account, check number, aux on-us, EPC as strings,
// the MICR amount as a varint, the front and back images as strings.
// Format 3 is format 1 followed by its Wire: the number of address lines
// as a uvarint and the lines, the intermediary routing, the purpose, the
// bank's BIC, the town and the country.
const (
	contentFormat      = 1
	contentFormatCheck = 2
	contentFormatWire  = 3
)

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendContent appends tx's content to b.
func appendContent(b []byte, tx *rails.Transaction) []byte {
	c, w := &tx.Counterparty, &tx.Window
	switch {
	case tx.Check != nil:
		b = append(b, contentFormatCheck)
	case tx.Wire != nil:
		b = append(b, contentFormatWire)
	default:
		b = append(b, contentFormat)
	}
	b = appendString(b, string(tx.Speed))
	b = appendString(b, string(tx.Direction))
	b = binary.AppendVarint(b, tx.AmountCents)
	b = appendString(b, tx.Currency)
	b = appendString(b, c.Name)
	b = appendString(b, c.RoutingNumber)
	b = appendString(b, c.AccountNumber)
	b = appendString(b, string(c.AccountType))
	b = appendString(b, tx.SECCode)
	b = appendString(b, tx.Memo)
	b = appendString(b, tx.Addenda)
	b = binary.AppendUvarint(b, uint64(dateArg(tx.ProcessOn)))
	b = binary.AppendUvarint(b, uint64(dateArg(w.BatchDate)))
	b = binary.AppendUvarint(b, uint64(dateArg(w.EffectiveDate)))
	b = append(b, byte(boolArg(w.SameDay)))
	b = appendString(b, w.Fallback)
	e := creationEntry(tx)
	b = appendString(b, e.Note)
	b = appendString(b, e.Code)
	if e.At.IsZero() {
		b = append(b, 0)
	} else {
		b = binary.AppendVarint(append(b, 1), e.At.UnixNano())
	}
	if k := tx.Check; k != nil {
		b = appendString(b, k.RoutingNumber)
		b = appendString(b, k.AccountNumber)
		b = appendString(b, k.CheckNumber)
		b = appendString(b, k.AuxOnUs)
		b = appendString(b, k.EPC)
		b = binary.AppendVarint(b, k.MICRAmountCents)
		b = appendString(b, string(k.FrontImage))
		b = appendString(b, string(k.BackImage))
	} else if wt := tx.Wire; wt != nil {
		b = binary.AppendUvarint(b, uint64(len(wt.Address)))
		for _, l := range wt.Address {
			b = appendString(b, l)
		}
		b = appendString(b, wt.IntermediaryRouting)
		b = appendString(b, wt.Purpose)
		b = appendString(b, wt.BankBIC)
		b = appendString(b, wt.Town)
		b = appendString(b, wt.Country)
	}
	return b
}

var errContent = errors.New("sqlite: corrupt transaction content")

// contentReader decodes content; the first error sticks.
type contentReader struct {
	b   []byte
	err error
}

func (r *contentReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errContent, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *contentReader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errContent, nil
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// decodeContent fills tx's content fields from b and returns its first
// timeline entry.
func (s *txScanner) decodeContent(tx *rails.Transaction, b []byte) (created rails.TimelineEntry, err error) {
	created.Status = returns.Created
	if len(b) == 0 || b[0] < contentFormat || b[0] > contentFormatWire {
		return created, errContent
	}
	format := b[0]
	r := &contentReader{b: b[1:]}
	c, w := &tx.Counterparty, &tx.Window
	tx.Speed = rails.Speed(s.shared(r.bytes()))
	tx.Direction = rails.Direction(s.shared(r.bytes()))
	amount, n := binary.Varint(r.b)
	if n <= 0 {
		return created, errContent
	}
	r.b = r.b[n:]
	tx.AmountCents = amount
	tx.Currency = s.shared(r.bytes())
	c.Name = string(r.bytes())
	c.RoutingNumber = s.shared(r.bytes())
	c.AccountNumber = string(r.bytes())
	c.AccountType = rails.AccountType(s.shared(r.bytes()))
	tx.SECCode = s.shared(r.bytes())
	tx.Memo = string(r.bytes())
	tx.Addenda = string(r.bytes())
	tx.ProcessOn = dateOf(int64(r.uvarint()))
	w.BatchDate = dateOf(int64(r.uvarint()))
	w.EffectiveDate = dateOf(int64(r.uvarint()))
	if len(r.b) == 0 {
		return created, errContent
	}
	w.SameDay = r.b[0] != 0
	r.b = r.b[1:]
	w.Fallback = s.shared(r.bytes())
	created.Note = s.shared(r.bytes())
	created.Code = s.shared(r.bytes())
	if len(r.b) == 0 {
		return created, errContent
	}
	if r.b[0] == 1 {
		at, n := binary.Varint(r.b[1:])
		if n <= 0 {
			return created, errContent
		}
		created.At = time.Unix(0, at).UTC()
		r.b = r.b[1+n:]
	} else {
		r.b = r.b[1:]
	}
	if format == contentFormatCheck {
		k := &rails.CheckDeposit{}
		k.RoutingNumber = s.shared(r.bytes())
		k.AccountNumber = string(r.bytes())
		k.CheckNumber = string(r.bytes())
		k.AuxOnUs = string(r.bytes())
		k.EPC = s.shared(r.bytes())
		amount, n := binary.Varint(r.b)
		if n <= 0 {
			return created, errContent
		}
		r.b = r.b[n:]
		k.MICRAmountCents = amount
		k.FrontImage = bytes.Clone(r.bytes())
		k.BackImage = bytes.Clone(r.bytes())
		tx.Check = k
	}
	if format == contentFormatWire {
		wt := &rails.WireTransfer{}
		n := r.uvarint()
		if n > 16 {
			return created, errContent
		}
		for range n {
			wt.Address = append(wt.Address, string(r.bytes()))
		}
		wt.IntermediaryRouting = s.shared(r.bytes())
		wt.Purpose = string(r.bytes())
		wt.BankBIC = s.shared(r.bytes())
		wt.Town = string(r.bytes())
		wt.Country = s.shared(r.bytes())
		tx.Wire = wt
	}
	if r.err != nil || len(r.b) != 0 {
		return created, errContent
	}
	return created, nil
}

// txColumns are the transactions columns Submit writes, in txArgs order.
const txColumns = `id, rail, window_id, w_cutoff, w_settlement, w_group, submitted_at, content`

const txColumnCount = 8

// txArgs appends tx's column values (status CREATED) to args.
func txArgs(args []any, tx *rails.Transaction) ([]any, error) {
	submitted, err := timeArg(tx.SubmittedAt)
	if err != nil {
		return args, fmt.Errorf("transaction %s: submitted_at: %w", tx.ID, err)
	}
	cutoff, err := timeArg(tx.Window.Cutoff)
	if err != nil {
		return args, fmt.Errorf("transaction %s: window cutoff: %w", tx.ID, err)
	}
	return append(args, tx.ID, string(tx.Rail), tx.Window.ID, cutoff, dateArg(tx.Window.SettlementDate),
		tx.Window.Group, submitted, appendContent(make([]byte, 0, 128), tx)), nil
}

// txSelect reads transactions with their trace, file and timeline: one
// row per timeline entry, grouped by transaction; txScanner reads it.
// Add a FROM clause that names transactions t, s (tx_state), a (trace),
// f (name) and e (the events); txFrom is the usual one.
const (
	txSelect = `SELECT t.rid, t.id, t.rail, t.window_id, t.w_cutoff, t.w_settlement, t.w_group, t.submitted_at, s.status,
	t.content, a.trace, f.name, e.seq, e.status, e.note, e.code, e.at`
	txFrom = `
FROM transactions t
JOIN tx_state s ON s.rid = t.rid
LEFT JOIN assignments a ON a.tx = t.rid
LEFT JOIN files f ON f.win = a.win AND f.seq = a.file
LEFT JOIN events e ON e.tx = t.rid`
)

// txScanner reads txSelect rows. It keeps its scan targets between rows
// and shares the strings that repeat (rail, window id, …).
type txScanner struct {
	id, rail, windowID, group, content, trace, file, eNote, eCode sql.RawBytes
	rid, settlement, status                                       int64
	cutoff, submitted, eSeq, eStatus, eAt                         sql.NullInt64
	dest                                                          []any
	intern                                                        map[string]string
}

func newTxScanner() *txScanner {
	s := &txScanner{intern: make(map[string]string)}
	s.dest = []any{&s.rid, &s.id, &s.rail, &s.windowID, &s.cutoff, &s.settlement, &s.group, &s.submitted, &s.status,
		&s.content, &s.trace, &s.file, &s.eSeq, &s.eStatus, &s.eNote, &s.eCode, &s.eAt}
	return s
}

// shared returns b as a string, the same string for the same bytes, for
// columns with few distinct values.
func (s *txScanner) shared(b []byte) string {
	if v, ok := s.intern[string(b)]; ok {
		return v
	}
	v := string(b)
	if len(s.intern) < 4096 {
		s.intern[v] = v
	}
	return v
}

// scan reads rows to the end and returns the transactions in row order;
// rows of one transaction are consecutive, in timeline order.
func (s *txScanner) scan(rows *sql.Rows, into []*rails.Transaction) ([]*rails.Transaction, error) {
	err := s.each(rows, func(tx *rails.Transaction) error {
		into = append(into, tx)
		return nil
	})
	return into, err
}

// each reads rows to the end, or until f fails, and calls f with each
// transaction once its last row is read; rows of one transaction are
// consecutive, in timeline order.
func (s *txScanner) each(rows *sql.Rows, f func(*rails.Transaction) error) error {
	defer rows.Close()
	var cur *rails.Transaction
	for rows.Next() {
		if err := rows.Scan(s.dest...); err != nil {
			return err
		}
		if cur == nil || cur.ID != string(s.id) {
			if cur != nil {
				if err := f(cur); err != nil {
					return err
				}
			}
			var err error
			if cur, err = s.transaction(); err != nil {
				return err
			}
		}
		if s.eSeq.Valid {
			cur.Timeline = append(cur.Timeline, rails.TimelineEntry{
				Status: rails.Status(s.eStatus.Int64), Note: s.shared(s.eNote), Code: s.shared(s.eCode), At: timeOf(s.eAt),
			})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if cur != nil {
		return f(cur)
	}
	return nil
}

func (s *txScanner) transaction() (*rails.Transaction, error) {
	tx := &rails.Transaction{
		ID:          string(s.id),
		Rail:        rails.Rail(s.shared(s.rail)),
		SubmittedAt: timeOf(s.submitted),
		Window: rails.Window{
			ID:             s.shared(s.windowID),
			Cutoff:         timeOf(s.cutoff),
			SettlementDate: dateOf(s.settlement),
			Group:          s.shared(s.group),
		},
		Status: rails.Status(s.status),
		Trace:  string(s.trace),
		File:   s.shared(s.file),
	}
	if _, err := s.decodeContent(tx, s.content); err != nil {
		return nil, fmt.Errorf("transaction %s: %w", tx.ID, err)
	}
	if s.eSeq.Valid {
		tx.Timeline = make([]rails.TimelineEntry, 0, 2)
	}
	return tx, nil
}

// queryTxs runs txSelect with from and returns the transactions.
func queryTxs(ctx context.Context, q querier, from string, args ...any) ([]*rails.Transaction, error) {
	rows, err := q.QueryContext(ctx, txSelect+from, args...)
	if err != nil {
		return nil, err
	}
	return newTxScanner().scan(rows, nil)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// bulk inserts rows with multi-row INSERT statements of up to per rows,
// prepared once, and counts the rows the statements changed.
type bulk struct {
	ctx     context.Context
	q       querier
	prefix  string // INSERT INTO t (a, b)
	row     string // (?, ?)
	suffix  string // ON CONFLICT …
	cols    int
	per     int
	stmt    *sql.Stmt
	args    []any
	changed int64
}

func newBulk(ctx context.Context, q querier, prefix string, cols int, suffix string) *bulk {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	per := 30000 / cols
	return &bulk{ctx: ctx, q: q, prefix: prefix, row: row, suffix: suffix, cols: cols, per: min(per, 500),
		args: make([]any, 0, min(per, 500)*cols)}
}

func (b *bulk) statement(rows int) string {
	var sb strings.Builder
	sb.Grow(len(b.prefix) + rows*(len(b.row)+1) + len(b.suffix) + 16)
	sb.WriteString(b.prefix)
	sb.WriteString(" VALUES ")
	for i := range rows {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(b.row)
	}
	sb.WriteByte(' ')
	sb.WriteString(b.suffix)
	return sb.String()
}

// added is called after appending one row's values to b.args.
func (b *bulk) added() error {
	if len(b.args) < b.per*b.cols {
		return nil
	}
	if b.stmt == nil {
		st, err := b.q.PrepareContext(b.ctx, b.statement(b.per))
		if err != nil {
			return err
		}
		b.stmt = st
	}
	err := b.run(b.stmt)
	b.args = b.args[:0]
	return err
}

func (b *bulk) run(st *sql.Stmt) error {
	res, err := st.ExecContext(b.ctx, b.args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	b.changed += n
	return err
}

// flush inserts the rows still pending and releases the statement.
func (b *bulk) flush() error {
	defer func() {
		if b.stmt != nil {
			b.stmt.Close()
			b.stmt = nil
		}
	}()
	if len(b.args) == 0 {
		return nil
	}
	st, err := b.q.PrepareContext(b.ctx, b.statement(len(b.args)/b.cols))
	if err != nil {
		return err
	}
	defer st.Close()
	err = b.run(st)
	b.args = b.args[:0]
	return err
}
