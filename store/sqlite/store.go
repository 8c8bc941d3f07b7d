package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/returns"
)

const insertEvent = `INSERT INTO events (tx, status, note, code, lock_node, lock_user, category, at)`

// Submit stores txs as CREATED, each with one timeline entry and an event,
// in one transaction (rails.Store).
func (s *Store) Submit(ctx context.Context, txs []*rails.Transaction) ([]rails.SubmitResult, error) {
	return s.submit(ctx, txs, false)
}

// SubmitAll is Submit that stores nothing unless every transaction is
// Created or Duplicate (rails.Store).
func (s *Store) SubmitAll(ctx context.Context, txs []*rails.Transaction) ([]rails.SubmitResult, error) {
	return s.submit(ctx, txs, true)
}

// errNotAll rolls back a SubmitAll that would store part of its call.
var errNotAll = errors.New("not every transaction can be stored")

func (s *Store) submit(ctx context.Context, txs []*rails.Transaction, all bool) ([]rails.SubmitResult, error) {
	for i, tx := range txs {
		if tx == nil || tx.ID == "" {
			return nil, fmt.Errorf("sqlite: submit: transaction %d has no id", i)
		}
	}
	results := make([]rails.SubmitResult, len(txs))
	err := s.write(ctx, func(q *sql.Tx) error {
		open, err := openForSubmit(ctx, q, txs)
		if err != nil {
			return err
		}
		if len(open) < len(txs) {
			// Some go to claimed windows: submit the others, then merge.
			sub := make([]*rails.Transaction, 0, len(open))
			for _, i := range open {
				sub = append(sub, txs[i])
			}
			part := make([]rails.SubmitResult, len(sub))
			if err := submitLocked(ctx, q, sub, part); err != nil {
				return err
			}
			for i := range results {
				results[i] = rails.Closed
			}
			for k, i := range open {
				results[i] = part[k]
			}
		} else if err := submitLocked(ctx, q, txs, results); err != nil {
			return err
		}
		if all && slices.ContainsFunc(results, func(r rails.SubmitResult) bool { return r == rails.Conflict || r == rails.Closed }) {
			return errNotAll
		}
		return nil
	})
	if err != nil && !errors.Is(err, errNotAll) {
		return nil, fmt.Errorf("sqlite: submit: %w", err)
	}
	return results, nil
}

// openForSubmit returns the indexes of txs that Submit may store: all but
// those whose window has been claimed and whose ID is not stored yet.
func openForSubmit(ctx context.Context, q *sql.Tx, txs []*rails.Transaction) ([]int, error) {
	type wk struct {
		rail rails.Rail
		id   string
	}
	closed := map[wk]bool{}
	for _, tx := range txs {
		k := wk{tx.Rail, tx.Window.ID}
		if _, seen := closed[k]; seen || k.id == "" {
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM windows WHERE rail = ? AND window_id = ?`,
			string(k.rail), k.id).Scan(&n); err != nil {
			return nil, err
		}
		closed[k] = n > 0
	}
	var late []string
	for _, tx := range txs {
		if closed[wk{tx.Rail, tx.Window.ID}] {
			late = append(late, tx.ID)
		}
	}
	open := make([]int, 0, len(txs))
	if len(late) == 0 {
		for i := range txs {
			open = append(open, i)
		}
		return open, nil
	}
	stored, err := contents(ctx, q, late)
	if err != nil {
		return nil, err
	}
	for i, tx := range txs {
		if !closed[wk{tx.Rail, tx.Window.ID}] || stored[tx.ID] != nil {
			open = append(open, i)
		}
	}
	return open, nil
}

// submitLocked is Submit's work inside the write transaction q.
func submitLocked(ctx context.Context, q *sql.Tx, txs []*rails.Transaction, results []rails.SubmitResult) error {
	{
		// Rows inserted here get rids above lo: the write lock is ours.
		var lo int64
		if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(rid), 0) FROM transactions`).Scan(&lo); err != nil {
			return err
		}
		ins := newBulk(ctx, q, `INSERT INTO transactions (`+txColumns+`)`, txColumnCount, `ON CONFLICT (id) DO NOTHING`)
		var err error
		for _, tx := range txs {
			if ins.args, err = txArgs(ins.args, tx); err != nil {
				return err
			}
			if err := ins.added(); err != nil {
				return err
			}
		}
		if err := ins.flush(); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO tx_state (rid, status, settlement)
			SELECT rid, ?, w_settlement FROM transactions WHERE rid > ?`, int64(returns.Created), lo); err != nil {
			return err
		}

		// The rows inserted, by ID; when all were, their rids follow lo in
		// order (a new rowid is one more than the largest).
		inserted := make(map[string]int64, ins.changed)
		var hi int64
		if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(rid), 0) FROM transactions`).Scan(&hi); err != nil {
			return err
		}
		if ins.changed == int64(len(txs)) && hi == lo+ins.changed {
			for i, tx := range txs {
				inserted[tx.ID] = lo + 1 + int64(i)
			}
		} else if ins.changed > 0 {
			rows, err := q.QueryContext(ctx, `SELECT rid, id FROM transactions WHERE rid > ?`, lo)
			if err != nil {
				return err
			}
			for rows.Next() {
				var rid int64
				var id string
				if err := rows.Scan(&rid, &id); err != nil {
					rows.Close()
					return err
				}
				inserted[id] = rid
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}

		// Classify; note whether every creation event can be made in SQL
		// (same note and code, at SubmittedAt), the usual case.
		type created struct {
			rid int64
			tx  *rails.Transaction
		}
		var news []created
		uniform := true
		// first[i]: txs[i] is the row inserted for its ID. The others
		// (stored before, or earlier in txs) are compared with the stored
		// content, read in batches.
		first := make([]bool, len(txs))
		taken := make(map[string]bool, len(inserted))
		var others []string
		for i, tx := range txs {
			if _, ok := inserted[tx.ID]; ok && !taken[tx.ID] {
				first[i], taken[tx.ID] = true, true
				continue
			}
			others = append(others, tx.ID)
		}
		stored, err := contents(ctx, q, others)
		if err != nil {
			return err
		}
		for i, tx := range txs {
			if !first[i] {
				old := stored[tx.ID]
				switch {
				case old == nil:
					return fmt.Errorf("%s was neither inserted nor found", tx.ID)
				case rails.SameContent(old, tx):
					results[i] = rails.Duplicate
				default:
					results[i] = rails.Conflict
				}
				continue
			}
			rid := inserted[tx.ID]
			results[i] = rails.Created
			if len(news) > 0 {
				e, f := creationEntry(tx), creationEntry(news[0].tx)
				uniform = uniform && e.Note == f.Note && e.Code == f.Code && e.At.Equal(tx.SubmittedAt)
			} else {
				e := creationEntry(tx)
				uniform = e.At.Equal(tx.SubmittedAt)
			}
			news = append(news, created{rid, tx})
		}
		if len(news) == 0 {
			return nil
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO pending (rail, window_id, id, rid, cutoff, grp)
			SELECT rail, window_id, id, rid, w_cutoff, w_group FROM transactions WHERE rid > ? AND window_id <> ''`, lo); err != nil {
			return err
		}
		if uniform {
			e := creationEntry(news[0].tx)
			_, err := q.ExecContext(ctx, insertEvent+` SELECT rid, ?, ?, ?, 0, 0, '', submitted_at
				FROM transactions WHERE rid > ? ORDER BY rid`, int64(returns.Created), e.Note, e.Code, lo)
			return err
		}
		ev := newBulk(ctx, q, insertEvent, 8, "")
		for _, n := range news {
			e := creationEntry(n.tx)
			at, err := timeArg(e.At)
			if err != nil {
				return fmt.Errorf("transaction %s: %w", n.tx.ID, err)
			}
			ev.args = append(ev.args, n.rid, int64(returns.Created), e.Note, e.Code, int64(0), int64(0), "", at)
			if err := ev.added(); err != nil {
				return err
			}
		}
		return ev.flush()
	}
}

// contents reads the submitted content of the transactions ids, by ID.
func contents(ctx context.Context, q *sql.Tx, ids []string) (map[string]*rails.Transaction, error) {
	out := make(map[string]*rails.Transaction, len(ids))
	sc := newTxScanner()
	const per = 500
	query := func(n int) string {
		return `SELECT t.rid, t.id, t.rail, t.window_id, t.w_cutoff, t.w_settlement, t.w_group, t.submitted_at, 0, t.content,
			NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM transactions t WHERE t.id IN (?` + strings.Repeat(",?", n-1) + `)`
	}
	ch := &chunked{ctx: ctx, q: q, full: per, query: query}
	defer ch.Close()
	args := make([]any, 0, per)
	for len(ids) > 0 {
		n := min(per, len(ids))
		args = args[:0]
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		rows, err := ch.rows(n, args...)
		if err != nil {
			return nil, err
		}
		txs, err := sc.scan(rows, nil)
		if err != nil {
			return nil, err
		}
		for _, tx := range txs {
			out[tx.ID] = tx
		}
		ids = ids[n:]
	}
	return out, nil
}

// creationEntry is the timeline entry Submit records for tx.
func creationEntry(tx *rails.Transaction) rails.TimelineEntry {
	e := rails.TimelineEntry{Status: returns.Created, Note: "Transaction Created.", At: tx.SubmittedAt}
	if len(tx.Timeline) > 0 {
		e.Note, e.Code = tx.Timeline[0].Note, tx.Timeline[0].Code
		if !tx.Timeline[0].At.IsZero() {
			e.At = tx.Timeline[0].At
		}
	}
	return e
}

// Transaction returns the transaction id with its timeline, or
// rails.ErrNotFound.
func (s *Store) Transaction(ctx context.Context, id string) (*rails.Transaction, error) {
	txs, err := queryTxs(ctx, s.r, txFrom+"\nWHERE t.id = ? ORDER BY e.seq", id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: transaction %s: %w", id, err)
	}
	if len(txs) == 0 {
		return nil, fmt.Errorf("sqlite: transaction %s: %w", id, rails.ErrNotFound)
	}
	return txs[0], nil
}

// Transactions lists the transactions matching f, ordered by ID.
func (s *Store) Transactions(ctx context.Context, f rails.Filter) ([]*rails.Transaction, error) {
	where, args := "WHERE 1", []any{}
	if f.Status != returns.Unchanged {
		where += " AND s2.status = ?"
		args = append(args, int64(f.Status))
	}
	if f.Rail != "" {
		where += " AND t2.rail = ?"
		args = append(args, string(f.Rail))
	}
	tail := txFrom + "\nWHERE t.id IN (SELECT t2.id FROM transactions t2 JOIN tx_state s2 ON s2.rid = t2.rid " + where
	if f.Limit > 0 {
		tail += " ORDER BY t2.id LIMIT ?"
		args = append(args, f.Limit)
	}
	tail += ") ORDER BY t.id, e.seq"
	txs, err := queryTxs(ctx, s.r, tail, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: transactions: %w", err)
	}
	return txs, nil
}

// TransactionsByTrace returns the transactions given trace number trace,
// newest claim first; none is an empty list.
func (s *Store) TransactionsByTrace(ctx context.Context, trace string) ([]*rails.Transaction, error) {
	txs, err := queryTxs(ctx, s.r, byTraceFrom+`
WHERE a.trace = ? ORDER BY a.win DESC, t.id, e.seq`, trace)
	if err != nil {
		return nil, fmt.Errorf("sqlite: transactions by trace %s: %w", trace, err)
	}
	return txs, nil
}

// byTraceFrom is TransactionsByTrace's FROM clause, without its WHERE.
const byTraceFrom = `
FROM assignments a
JOIN transactions t ON t.rid = a.tx
JOIN tx_state s ON s.rid = a.tx
JOIN files f ON f.win = a.win AND f.seq = a.file
LEFT JOIN events e ON e.tx = t.rid`

// tracesPer is how many traces one TransactionsByTraces query looks up.
const tracesPer = 500

// TransactionsByTraces looks traces up in chunks of tracesPer, with one
// prepared statement, inside one read transaction (one snapshot).
func (s *Store) TransactionsByTraces(ctx context.Context, traces []string) (map[string][]*rails.Transaction, error) {
	out := make(map[string][]*rails.Transaction)
	// Distinct, non-empty traces; sorted, so that each chunk walks the
	// trace index forward.
	uniq := make([]string, 0, len(traces))
	seen := make(map[string]struct{}, len(traces))
	for _, t := range traces {
		if _, ok := seen[t]; ok || t == "" {
			continue
		}
		seen[t] = struct{}{}
		uniq = append(uniq, t)
	}
	if len(uniq) == 0 {
		return out, nil
	}
	slices.Sort(uniq)
	query := func(n int) string {
		return txSelect + byTraceFrom + `
WHERE a.trace IN (?` + strings.Repeat(",?", n-1) + `) ORDER BY a.trace, a.win DESC, t.id, e.seq`
	}
	err := s.read(ctx, func(q *sql.Tx) error {
		sc := newTxScanner()
		ch := &chunked{ctx: ctx, q: q, full: tracesPer, query: query}
		defer ch.Close()
		args := make([]any, 0, tracesPer)
		var txs []*rails.Transaction
		for rest := uniq; len(rest) > 0; {
			n := min(tracesPer, len(rest))
			args = args[:0]
			for _, t := range rest[:n] {
				args = append(args, t)
			}
			rest = rest[n:]
			rows, err := ch.rows(n, args...)
			if err != nil {
				return err
			}
			if txs, err = sc.scan(rows, txs[:0]); err != nil {
				return err
			}
			for _, tx := range txs {
				out[tx.Trace] = append(out[tx.Trace], tx)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: transactions by traces: %w", err)
	}
	return out, nil
}

// change records status changes: one event each, which is also the
// transaction's timeline entry.
type change struct {
	stmt *sql.Stmt
}

func (c *change) close() {
	if c.stmt != nil {
		c.stmt.Close()
	}
}

func (c *change) record(ctx context.Context, q *sql.Tx, rid int64, e rails.Event) error {
	at, err := timeArg(e.At)
	if err != nil {
		return err
	}
	if c.stmt == nil {
		if c.stmt, err = q.PrepareContext(ctx, insertEvent+` VALUES (?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
			return err
		}
	}
	_, err = c.stmt.ExecContext(ctx, rid, int64(e.Status), e.Note, e.Code,
		boolArg(e.LockNode), boolArg(e.LockUser), e.Category, at)
	return err
}

// Cancel moves a CREATED, unclaimed transaction to CANCELED.
func (s *Store) Cancel(ctx context.Context, id string, at time.Time, note string) error {
	err := s.write(ctx, func(q *sql.Tx) error {
		var rid, st int64
		var rail, window, group string
		var claimed bool
		err := q.QueryRowContext(ctx, `SELECT t.rid, t.rail, t.window_id, t.w_group, s.status,
			EXISTS (SELECT 1 FROM assignments WHERE tx = t.rid)
			FROM transactions t JOIN tx_state s ON s.rid = t.rid WHERE t.id = ?`, id).Scan(&rid, &rail, &window, &group, &st, &claimed)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return rails.ErrNotFound
		case err != nil:
			return err
		case st != int64(returns.Created) || claimed:
			return fmt.Errorf("%s: %w", rails.Status(st), rails.ErrNotCancelable)
		}
		if _, err := q.ExecContext(ctx, `UPDATE tx_state SET status = ? WHERE rid = ?`, int64(returns.Canceled), rid); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM pending WHERE rail = ? AND window_id = ? AND grp = ? AND id = ?`, rail, window, group, id); err != nil {
			return err
		}
		var c change
		defer c.close()
		return c.record(ctx, q, rid, rails.Event{TransactionID: id, Status: returns.Canceled, Note: note, At: at})
	})
	if err != nil {
		return fmt.Errorf("sqlite: cancel %s: %w", id, err)
	}
	return nil
}

// Settle moves PROCESSING-CREDIT transactions whose settlement date is on
// or before through to SETTLED and returns their IDs, in ID order.
func (s *Store) Settle(ctx context.Context, through cutoffs.Date, at time.Time) ([]string, error) {
	atArg, err := timeArg(at)
	if err != nil {
		return nil, fmt.Errorf("sqlite: settle: %w", err)
	}
	var ids []string
	err = s.write(ctx, func(q *sql.Tx) error {
		// Literal statuses, so that the partial index applies: 3 is
		// PROCESSING-CREDIT, 4 SETTLED.
		const match = ` FROM tx_state s JOIN transactions t ON t.rid = s.rid
			WHERE s.status = 3 AND s.settlement BETWEEN 1 AND ?1`
		thr := dateArg(through)
		rows, err := q.QueryContext(ctx, `SELECT t.id`+match+` ORDER BY t.id`, thr)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(ids) == 0 {
			return err
		}
		if _, err := q.ExecContext(ctx, insertEvent+` SELECT t.rid, 4, ?3, '', 0, 0, '', ?2`+match+` ORDER BY t.id`,
			thr, atArg, rails.NoteAdvance); err != nil {
			return err
		}
		res, err := q.ExecContext(ctx, `UPDATE tx_state SET status = 4 WHERE status = 3 AND settlement BETWEEN 1 AND ?1`, thr)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != int64(len(ids)) {
			return fmt.Errorf("settled %d of %d transactions (%v)", n, len(ids), err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: settle: %w", err)
	}
	return ids, nil
}

// Ingest records one inbound file and applies its changes, all or
// nothing.
func (s *Store) Ingest(ctx context.Context, in *rails.Inbound) error {
	if in == nil || in.SHA256 == "" {
		return errors.New("sqlite: ingest: inbound file has no sha256")
	}
	changes, err := json.Marshal(in.Changes)
	if err != nil {
		return fmt.Errorf("sqlite: ingest %s: %w", in.Name, err)
	}
	corrections, err := json.Marshal(in.Corrections)
	if err != nil {
		return fmt.Errorf("sqlite: ingest %s: %w", in.Name, err)
	}
	received, err := timeArg(in.ReceivedAt)
	if err != nil {
		return fmt.Errorf("sqlite: ingest %s: %w", in.Name, err)
	}
	return s.write(ctx, func(q *sql.Tx) error {
		res, err := q.ExecContext(ctx, `INSERT INTO inbound (sha256, name, format, received_at, changes, corrections, seq)
			VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM inbound)) ON CONFLICT (sha256) DO NOTHING`,
			in.SHA256, in.Name, in.Format, received, string(changes), string(corrections))
		if err != nil {
			return fmt.Errorf("sqlite: ingest %s: %w", in.Name, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("sqlite: ingest %s (sha256 %s): %w", in.Name, in.SHA256, rails.ErrDuplicate)
		}
		if err := applyChanges(ctx, q, in); err != nil {
			return fmt.Errorf("sqlite: ingest %s: %w", in.Name, err)
		}
		um := newBulk(ctx, q, `INSERT INTO unmatched (sha256, line, trace, code)`, 4, "")
		for _, u := range in.Unmatched {
			um.args = append(um.args, in.SHA256, int64(u.Line), u.Trace, u.Code)
			if err := um.added(); err != nil {
				return fmt.Errorf("sqlite: ingest %s: %w", in.Name, err)
			}
		}
		if err := um.flush(); err != nil {
			return fmt.Errorf("sqlite: ingest %s: %w", in.Name, err)
		}
		return nil
	})
}

// InboundFiles lists the ingested files in ingestion order (rails.Store).
func (s *Store) InboundFiles(ctx context.Context) ([]rails.InboundInfo, error) {
	out := []rails.InboundInfo{}
	err := s.read(ctx, func(q *sql.Tx) error {
		rows, err := q.QueryContext(ctx, `SELECT i.sha256, i.name, i.format, i.received_at,
			json_array_length(i.changes), json_array_length(i.corrections),
			(SELECT COUNT(*) FROM unmatched u WHERE u.sha256 = i.sha256)
			FROM inbound i ORDER BY i.seq, i.received_at, i.sha256`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f rails.InboundInfo
			var at sql.NullInt64
			if err := rows.Scan(&f.SHA256, &f.Name, &f.Format, &at, &f.Changes, &f.Corrections, &f.Unmatched); err != nil {
				return err
			}
			f.ReceivedAt = timeOf(at)
			out = append(out, f)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: inbound files: %w", err)
	}
	return out, nil
}

// InboundFile returns one ingested file as recorded (rails.Store).
func (s *Store) InboundFile(ctx context.Context, sha256 string) (*rails.Inbound, error) {
	in := &rails.Inbound{SHA256: sha256, Changes: []rails.Change{}, Corrections: []json.RawMessage{}, Unmatched: []rails.Unmatched{}}
	err := s.read(ctx, func(q *sql.Tx) error {
		var at sql.NullInt64
		var changes, corrections string
		err := q.QueryRowContext(ctx, `SELECT name, format, received_at, changes, corrections FROM inbound WHERE sha256 = ?`,
			sha256).Scan(&in.Name, &in.Format, &at, &changes, &corrections)
		if errors.Is(err, sql.ErrNoRows) {
			return rails.ErrNotFound
		}
		if err != nil {
			return err
		}
		in.ReceivedAt = timeOf(at)
		if err := json.Unmarshal([]byte(changes), &in.Changes); err != nil {
			return fmt.Errorf("changes: %w", err)
		}
		if err := json.Unmarshal([]byte(corrections), &in.Corrections); err != nil {
			return fmt.Errorf("corrections: %w", err)
		}
		if in.Changes == nil {
			in.Changes = []rails.Change{}
		}
		if in.Corrections == nil {
			in.Corrections = []json.RawMessage{}
		}
		rows, err := q.QueryContext(ctx, `SELECT line, trace, code FROM unmatched WHERE sha256 = ? ORDER BY rowid`, sha256)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u rails.Unmatched
			if err := rows.Scan(&u.Line, &u.Trace, &u.Code); err != nil {
				return err
			}
			in.Unmatched = append(in.Unmatched, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: inbound file %s: %w", sha256, err)
	}
	return in, nil
}

// txRow is a transaction's keys and status, as Ingest reads them.
type txRow struct {
	rid                 int64
	rail, window, group string
	status, stored      rails.Status // as the changes so far leave it; as stored
}

// txRows reads the keys and status of the transactions ids, by ID, in
// chunks of 500 with one prepared statement.
func txRows(ctx context.Context, q *sql.Tx, ids []string) (map[string]*txRow, error) {
	out := make(map[string]*txRow, len(ids))
	const per = 500
	query := func(n int) string {
		return `SELECT t.id, t.rid, t.rail, t.window_id, t.w_group, s.status FROM transactions t JOIN tx_state s ON s.rid = t.rid
			WHERE t.id IN (?` + strings.Repeat(",?", n-1) + `)`
	}
	ch := &chunked{ctx: ctx, q: q, full: per, query: query}
	defer ch.Close()
	args := make([]any, 0, per)
	for len(ids) > 0 {
		n := min(per, len(ids))
		args = args[:0]
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		ids = ids[n:]
		rows, err := ch.rows(n, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var st int64
			r := &txRow{}
			if err := rows.Scan(&id, &r.rid, &r.rail, &r.window, &r.group, &st); err != nil {
				rows.Close()
				return nil, err
			}
			r.status, r.stored = rails.Status(st), rails.Status(st)
			out[id] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// applyChanges applies in's changes inside the write transaction q, in
// order: it reads the transactions' statuses once (the write lock is
// ours, so they cannot move meanwhile), checks each change's From against
// the status the changes before it leave, records one event per change
// (bulk inserts, in change order), keeps pending, and writes each
// transaction's final status once.
func applyChanges(ctx context.Context, q *sql.Tx, in *rails.Inbound) error {
	if len(in.Changes) == 0 {
		return nil
	}
	ids := make([]string, 0, len(in.Changes))
	seen := make(map[string]struct{}, len(in.Changes))
	for i, ch := range in.Changes {
		if ch.To == returns.Unchanged || ch.To.String() == "" {
			return fmt.Errorf("change %d (%s): no status to move to", i, ch.TransactionID)
		}
		if _, ok := seen[ch.TransactionID]; !ok {
			seen[ch.TransactionID] = struct{}{}
			ids = append(ids, ch.TransactionID)
		}
	}
	state, err := txRows(ctx, q, ids)
	if err != nil {
		return err
	}
	ev := newBulk(ctx, q, insertEvent, 8, "")
	defer func() { // an early return: release the statement (flush did otherwise)
		if ev.stmt != nil {
			ev.stmt.Close()
		}
	}()
	for i, ch := range in.Changes {
		r := state[ch.TransactionID]
		if r == nil {
			return fmt.Errorf("change %d: transaction %s: %w: %w", i, ch.TransactionID, rails.ErrNotFound, rails.ErrConflict)
		}
		if r.status != ch.From {
			return fmt.Errorf("change %d: transaction %s is %s, not %s: %w", i, ch.TransactionID, r.status, ch.From, rails.ErrConflict)
		}
		r.status = ch.To
		// Keep pending: the CREATED transactions no window claimed.
		var err error
		switch {
		case ch.From == returns.Created && ch.To == returns.Created:
			_, err = q.ExecContext(ctx, `UPDATE pending SET more = 1 WHERE rail = ? AND window_id = ? AND grp = ? AND id = ?`,
				r.rail, r.window, r.group, ch.TransactionID)
		case ch.From == returns.Created && ch.To != returns.Created:
			_, err = q.ExecContext(ctx, `DELETE FROM pending WHERE rail = ? AND window_id = ? AND grp = ? AND id = ?`,
				r.rail, r.window, r.group, ch.TransactionID)
		case ch.To == returns.Created && ch.From != returns.Created:
			_, err = q.ExecContext(ctx, `INSERT INTO pending (rail, window_id, id, rid, cutoff, grp, more)
				SELECT rail, window_id, id, rid, w_cutoff, w_group, 1 FROM transactions
				WHERE rid = ?1 AND window_id <> '' AND NOT EXISTS (SELECT 1 FROM assignments WHERE tx = ?1)
				ON CONFLICT DO NOTHING`, r.rid)
		}
		if err != nil {
			return err
		}
		e := ch.Event
		if e.At.IsZero() {
			e.At = in.ReceivedAt
		}
		at, err := timeArg(e.At)
		if err != nil {
			return fmt.Errorf("change %d (%s): %w", i, ch.TransactionID, err)
		}
		ev.args = append(ev.args, r.rid, int64(ch.To), e.Note, e.Code, boolArg(e.LockNode), boolArg(e.LockUser), e.Category, at)
		if err := ev.added(); err != nil {
			return err
		}
	}
	if err := ev.flush(); err != nil {
		return err
	}
	// Final statuses, written once per transaction that moved, grouped by
	// status.
	moved := map[rails.Status][]any{}
	for _, id := range ids {
		if r := state[id]; r.status != r.stored {
			moved[r.status] = append(moved[r.status], r.rid)
		}
	}
	for status, rids := range moved {
		if err := setStatus(ctx, q, status, rids); err != nil {
			return err
		}
	}
	return nil
}

// setStatus moves the transactions rids to status, in chunks of 500.
func setStatus(ctx context.Context, q *sql.Tx, status rails.Status, rids []any) error {
	const per = 500
	query := func(n int) string {
		return `UPDATE tx_state SET status = ? WHERE rid IN (?` + strings.Repeat(",?", n-1) + `)`
	}
	ch := &chunked{ctx: ctx, q: q, full: per, query: query}
	defer ch.Close()
	args := make([]any, 0, per+1)
	for len(rids) > 0 {
		n := min(per, len(rids))
		args = append(append(args[:0], int64(status)), rids[:n]...)
		rids = rids[n:]
		res, err := ch.exec(n, args...)
		if err != nil {
			return err
		}
		if got, err := res.RowsAffected(); err != nil || got != int64(n) {
			return fmt.Errorf("moved %d of %d transactions to %s (%v)", got, n, status, err)
		}
	}
	return nil
}

// Events returns up to limit events after Seq after, oldest first; limit
// ≤ 0 returns them all.
func (s *Store) Events(ctx context.Context, after int64, limit int) ([]rails.Event, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.r.QueryContext(ctx, `SELECT e.seq, t.id, e.status, e.note, e.code, e.lock_node, e.lock_user, e.category, e.at
		FROM events e JOIN transactions t ON t.rid = e.tx WHERE e.seq > ? ORDER BY e.seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	defer rows.Close()
	var evs []rails.Event
	for rows.Next() {
		var e rails.Event
		var st int64
		var at sql.NullInt64
		if err := rows.Scan(&e.Seq, &e.TransactionID, &st, &e.Note, &e.Code, &e.LockNode, &e.LockUser, &e.Category, &at); err != nil {
			return nil, fmt.Errorf("sqlite: events: %w", err)
		}
		e.Status, e.At = rails.Status(st), timeOf(at)
		evs = append(evs, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	return evs, nil
}

// chunked runs one statement over inputs cut into chunks of at most full
// values (an IN list of n placeholders): the statement of a full chunk is
// prepared once and reused, a shorter last chunk runs as plain text.
type chunked struct {
	ctx   context.Context
	q     *sql.Tx
	full  int
	query func(n int) string
	st    *sql.Stmt
}

func (c *chunked) prepared(n int) (*sql.Stmt, error) {
	if n != c.full {
		return nil, nil
	}
	if c.st == nil {
		st, err := c.q.PrepareContext(c.ctx, c.query(n))
		if err != nil {
			return nil, err
		}
		c.st = st
	}
	return c.st, nil
}

// rows runs the query for a chunk of n values.
func (c *chunked) rows(n int, args ...any) (*sql.Rows, error) {
	st, err := c.prepared(n)
	if err != nil {
		return nil, err
	}
	if st != nil {
		return st.QueryContext(c.ctx, args...)
	}
	return c.q.QueryContext(c.ctx, c.query(n), args...)
}

// exec runs the statement for a chunk of n values.
func (c *chunked) exec(n int, args ...any) (sql.Result, error) {
	st, err := c.prepared(n)
	if err != nil {
		return nil, err
	}
	if st != nil {
		return st.ExecContext(c.ctx, args...)
	}
	return c.q.ExecContext(c.ctx, c.query(n), args...)
}

// Close releases the prepared statement.
func (c *chunked) Close() {
	if c.st != nil {
		c.st.Close()
	}
}
