package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/returns"
)

// ClaimWindow claims the window key once and for all (rails.Store): in one
// write transaction it inserts the window row, reads the window's CREATED
// transactions in ID order, calls plan, checks the plan and stores it.
func (s *Store) ClaimWindow(ctx context.Context, key rails.WindowKey, at time.Time, plan rails.Planner) (*rails.Claim, error) {
	cutoff, err := timeArg(key.Cutoff)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim %s/%s: %w", key.Rail, key.ID, err)
	}
	claimedAt, err := timeArg(at)
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim %s/%s: %w", key.Rail, key.ID, err)
	}
	var claim *rails.Claim
	var claimed bool
	err = s.write(ctx, func(q *sql.Tx) error {
		res, err := q.ExecContext(ctx, `INSERT INTO windows (rail, window_id, cutoff, claimed_at, plan_status, plan_note, last_event)
			VALUES (?, ?, ?, ?, 0, '', 0) ON CONFLICT (rail, window_id) DO NOTHING`,
			string(key.Rail), key.ID, cutoff, claimedAt)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			claimed = true
			claim, err = loadClaim(ctx, q, key)
			return err
		}
		win, err := res.LastInsertId()
		if err != nil {
			return err
		}
		claim, err = s.claim(ctx, q, win, key, at, plan)
		return err
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("sqlite: claim %s/%s: %w", key.Rail, key.ID, err)
	case claimed:
		return claim, fmt.Errorf("sqlite: claim %s/%s: %w", key.Rail, key.ID, rails.ErrClaimed)
	}
	return claim, nil
}

// claim is ClaimWindow's work on a window row it just inserted as win.
func (s *Store) claim(ctx context.Context, q *sql.Tx, win int64, key rails.WindowKey, at time.Time, planner rails.Planner) (*rails.Claim, error) {
	// The window's CREATED transactions no window claimed are its
	// pending rows; the write lock keeps them as read until the commit.
	const window = ` FROM pending WHERE rail = ?1 AND window_id = ?2`
	rail := string(key.Rail)
	pend := &pendingReader{ctx: ctx, q: q, key: key}
	cs := &counters{ctx: ctx, q: q}
	p, err := planner(pend.seq, cs)
	cs.close()
	if err != nil {
		return nil, fmt.Errorf("planner: %w", err)
	}
	if pend.err != nil {
		return nil, pend.err
	}
	if p == nil {
		return nil, errors.New("planner returned no plan")
	}
	if err := checkPlan(p, pend); err != nil {
		return nil, err
	}

	files := newBulk(ctx, q, `INSERT INTO files (win, seq, name, state, path, sha256)`, 6, "")
	for _, f := range p.Files {
		files.args = append(files.args, win, int64(f.Seq), f.Name, "committed", "", "")
		if err := files.added(); err != nil {
			return nil, err
		}
	}
	if err := files.flush(); err != nil {
		return nil, fileNameError(err)
	}
	as := newBulk(ctx, q, `INSERT INTO assignments (win, ord, tx, file, trace)`, 5, "")
	for i, a := range p.Assignments {
		as.args = append(as.args, win, int64(i), pend.rids[i], int64(a.File), a.Trace)
		if err := as.added(); err != nil {
			return nil, traceError(err)
		}
	}
	if err := as.flush(); err != nil {
		return nil, traceError(err)
	}

	// Events (the timeline entries) in the planner's order, the status
	// move, and the window leaves pending.
	atArg, _ := timeArg(at)
	status := int64(p.Status)
	if _, err := q.ExecContext(ctx, insertEvent+` SELECT rid, ?3, ?4, '', 0, 0, '', ?5`+window+` ORDER BY grp, id`,
		rail, key.ID, status, p.Note, atArg); err != nil {
		return nil, err
	}
	res, err := q.ExecContext(ctx, `UPDATE tx_state SET status = ?3 WHERE rid IN (SELECT rid`+window+`)`,
		rail, key.ID, status)
	if err != nil {
		return nil, err
	}
	if n, err := res.RowsAffected(); err != nil || n != int64(len(pend.rids)) {
		return nil, fmt.Errorf("moved %d of %d transactions (%v)", n, len(pend.rids), err)
	}
	if _, err := q.ExecContext(ctx, `DELETE`+window, rail, key.ID); err != nil {
		return nil, err
	}
	if _, err := q.ExecContext(ctx, `UPDATE windows SET plan_status = ?, plan_note = ?, plan_params = ?,
		last_event = (SELECT COALESCE(MAX(seq), 0) FROM events) WHERE id = ?`,
		status, p.Note, []byte(p.Params), win); err != nil {
		return nil, err
	}
	return &rails.Claim{
		Key:       rails.WindowKey{Rail: key.Rail, ID: key.ID, Cutoff: roundTime(key.Cutoff)},
		ClaimedAt: roundTime(at),
		Plan:      storedPlan(p),
	}, nil
}

// pendingReader hands a planner the pending (CREATED, unclaimed)
// transactions of a window in (group, ID) order, one row at a time, and
// remembers each one's rid and ID for the assignments.
type pendingReader struct {
	ctx    context.Context
	q      *sql.Tx
	key    rails.WindowKey
	ranged bool
	read   bool // ranged to the end
	rids   []int64
	ids    []string
	err    error // a failure of the read, also yielded to the planner
}

// seq is the rails.TxSeq given to the planner. Each transaction's
// timeline is the first entry kept with its content, unless pending.more
// says there is more.
func (r *pendingReader) seq(yield func(*rails.Transaction, error) bool) {
	if r.ranged {
		r.err = errors.New("planner ranged over the window's transactions twice")
		yield(nil, r.err)
		return
	}
	r.ranged = true
	fail := func(err error) {
		r.err = err
		yield(nil, err)
	}
	rows, err := r.q.QueryContext(r.ctx, `SELECT p.rid, p.id, p.more, t.w_cutoff, t.w_settlement, t.w_group, t.submitted_at, t.content
		FROM pending p JOIN transactions t ON t.rid = p.rid
		WHERE p.rail = ? AND p.window_id = ? ORDER BY p.grp, p.id`, string(r.key.Rail), r.key.ID)
	if err != nil {
		fail(err)
		return
	}
	defer rows.Close()
	s := newTxScanner()
	rail, window := rails.Rail(s.shared([]byte(r.key.Rail))), s.shared([]byte(r.key.ID))
	var (
		rid, extra        int64
		id, group         sql.RawBytes
		content           sql.RawBytes
		cutoff, submitted sql.NullInt64
		settlement        int64
	)
	for rows.Next() {
		if err := rows.Scan(&rid, &id, &extra, &cutoff, &settlement, &group, &submitted, &content); err != nil {
			fail(err)
			return
		}
		tx := &rails.Transaction{
			ID: string(id), Rail: rail, SubmittedAt: timeOf(submitted), Status: returns.Created,
			Window: rails.Window{ID: window, Cutoff: timeOf(cutoff), SettlementDate: dateOf(settlement), Group: s.shared(group)},
		}
		created, err := s.decodeContent(tx, content)
		if err != nil {
			fail(fmt.Errorf("transaction %s: %w", tx.ID, err))
			return
		}
		tx.Timeline = []rails.TimelineEntry{created}
		if extra != 0 {
			if tx.Timeline, err = timeline(r.ctx, r.q, rid); err != nil {
				fail(err)
				return
			}
		}
		r.rids, r.ids = append(r.rids, rid), append(r.ids, tx.ID)
		if !yield(tx, nil) {
			return
		}
	}
	if err := rows.Err(); err != nil {
		fail(err)
		return
	}
	r.read = true
}

// timeline reads the timeline of transaction rid from its events.
func timeline(ctx context.Context, q *sql.Tx, rid int64) ([]rails.TimelineEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT status, note, code, at FROM events WHERE tx = ? ORDER BY seq`, rid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []rails.TimelineEntry
	for rows.Next() {
		var e rails.TimelineEntry
		var at sql.NullInt64
		if err := rows.Scan(&e.Status, &e.Note, &e.Code, &at); err != nil {
			return nil, err
		}
		e.At = timeOf(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// traceError explains a unique-key failure on a window's traces.
func traceError(err error) error {
	if strings.Contains(err.Error(), "UNIQUE") && strings.Contains(err.Error(), "assignments.trace") {
		return fmt.Errorf("plan: gives two transactions one trace: %w", err)
	}
	return err
}

// fileNameError explains a unique-key failure on a file name.
func fileNameError(err error) error {
	return fmt.Errorf("plan names a file another window already has (names are outbox paths and must be unique): %w", err)
}

// checkPlan checks that p assigns every transaction the planner was
// given, in the order given, to a file it lists, with a trace, and that
// its files are numbered from 1 with distinct names. That the traces of
// a window are distinct is the unique key assignments (trace, win).
func checkPlan(p *rails.Plan, pend *pendingReader) error {
	if p.Status.String() == "" {
		return fmt.Errorf("plan: status %d is not a status", int(p.Status))
	}
	names := make(map[string]bool, len(p.Files))
	for i, f := range p.Files {
		if f.Seq != i+1 {
			return fmt.Errorf("plan: file %d has seq %d (files are numbered from 1, in order)", i+1, f.Seq)
		}
		if f.Name == "" || names[f.Name] {
			return fmt.Errorf("plan: file %d: name %q is empty or repeated", f.Seq, f.Name)
		}
		names[f.Name] = true
	}
	if !pend.read {
		return fmt.Errorf("plan: the planner did not read the window's transactions to the end (%d read)", len(pend.ids))
	}
	if len(p.Assignments) != len(pend.ids) {
		return fmt.Errorf("plan: %d assignments for %d transactions", len(p.Assignments), len(pend.ids))
	}
	for j, a := range p.Assignments {
		switch {
		case a.TransactionID != pend.ids[j]:
			return fmt.Errorf("plan: assignment %d is for %q, the planner's transaction %d is %s (one assignment per transaction, in the order given)",
				j, a.TransactionID, j, pend.ids[j])
		case a.File < 1 || a.File > len(p.Files):
			return fmt.Errorf("plan: assigns %s to file %d of %d", a.TransactionID, a.File, len(p.Files))
		case a.Trace == "":
			return fmt.Errorf("plan: gives %s no trace", a.TransactionID)
		}
	}
	return nil
}

// storedPlan is p as Claim reads it back.
func storedPlan(p *rails.Plan) rails.Plan {
	sp := rails.Plan{
		Status:      p.Status,
		Note:        p.Note,
		Assignments: p.Assignments, // the planner's, handed over
		Files:       make([]rails.FilePlan, len(p.Files)),
	}
	if sp.Assignments == nil {
		sp.Assignments = []rails.Assignment{}
	}
	for i, f := range p.Files {
		sp.Files[i] = rails.FilePlan{Seq: f.Seq, Name: f.Name}
	}
	if len(p.Params) > 0 {
		sp.Params = slices.Clone(p.Params)
	}
	return sp
}

// Claim returns the claimed window key with its plan, or
// rails.ErrNotFound.
func (s *Store) Claim(ctx context.Context, key rails.WindowKey) (*rails.Claim, error) {
	var c *rails.Claim
	err := s.read(ctx, func(q *sql.Tx) (err error) {
		c, err = loadClaim(ctx, q, key)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim %s/%s: %w", key.Rail, key.ID, err)
	}
	return c, nil
}

func loadClaim(ctx context.Context, q *sql.Tx, key rails.WindowKey) (*rails.Claim, error) {
	var (
		win, status, last int64
		cutoff, at        sql.NullInt64
		params            []byte
		c                 = &rails.Claim{Key: rails.WindowKey{Rail: key.Rail, ID: key.ID}}
	)
	err := q.QueryRowContext(ctx, `SELECT id, cutoff, claimed_at, plan_status, plan_note, plan_params, last_event
		FROM windows WHERE rail = ? AND window_id = ?`, string(key.Rail), key.ID).
		Scan(&win, &cutoff, &at, &status, &c.Plan.Note, &params, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, rails.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	c.Key.Cutoff, c.ClaimedAt, c.Plan.Status = timeOf(cutoff), timeOf(at), rails.Status(status)
	if len(params) > 0 {
		c.Plan.Params = json.RawMessage(params)
	}

	c.Plan.Files = []rails.FilePlan{}
	rows, err := q.QueryContext(ctx, `SELECT seq, name, state, sha256 FROM files WHERE win = ? ORDER BY seq`, win)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var f rails.FilePlan
		var state string
		if err := rows.Scan(&f.Seq, &f.Name, &state, &f.SHA256); err != nil {
			rows.Close()
			return nil, err
		}
		f.Written = state == "written"
		c.Plan.Files = append(c.Plan.Files, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	c.Plan.Assignments = []rails.Assignment{}
	rows, err = q.QueryContext(ctx, `SELECT t.id, a.file, a.trace FROM assignments a JOIN transactions t ON t.rid = a.tx
		WHERE a.win = ? ORDER BY a.ord`, win)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var a rails.Assignment
		if err := rows.Scan(&a.TransactionID, &a.File, &a.Trace); err != nil {
			rows.Close()
			return nil, err
		}
		c.Plan.Assignments = append(c.Plan.Assignments, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	return c, nil
}

// ClaimedTransactions yields the transactions of file seq of the claimed
// window key (every file when seq is 0) as the claim left them, in
// assignment order, from one read transaction.
func (s *Store) ClaimedTransactions(ctx context.Context, key rails.WindowKey, seq int) rails.TxSeq {
	return func(yield func(*rails.Transaction, error) bool) {
		stopped := errors.New("stopped")
		err := s.read(ctx, func(q *sql.Tx) error {
			var win, status, last int64
			err := q.QueryRowContext(ctx, `SELECT id, plan_status, last_event FROM windows WHERE rail = ? AND window_id = ?`,
				string(key.Rail), key.ID).Scan(&win, &status, &last)
			if errors.Is(err, sql.ErrNoRows) {
				return rails.ErrNotFound
			}
			if err != nil {
				return err
			}
			// The status the claim gave, and the timeline up to its events.
			const cols = `SELECT t.rid, t.id, t.rail, t.window_id, t.w_cutoff, t.w_settlement, t.w_group,
				t.submitted_at, ?2, t.content, a.trace, f.name, e.seq, e.status, e.note, e.code, e.at`
			const joins = `
			JOIN transactions t ON t.rid = a.tx
			JOIN files f ON f.win = a.win AND f.seq = a.file
			LEFT JOIN events e ON e.tx = a.tx AND e.seq <= ?3
			WHERE a.win = ?1`
			query, args := cols+` FROM assignments a`+joins, []any{win, status, last}
			if seq != 0 {
				// One file's rows through (win, file, ord), not a scan of
				// the window's.
				query, args = cols+` FROM assignments a INDEXED BY assignments_file`+joins+` AND a.file = ?4`, append(args, seq)
			}
			rows, err := q.QueryContext(ctx, query+` ORDER BY a.ord, e.seq`, args...)
			if err != nil {
				return err
			}
			return newTxScanner().each(rows, func(tx *rails.Transaction) error {
				if !yield(tx, nil) {
					return stopped
				}
				return nil
			})
		})
		switch {
		case errors.Is(err, stopped) || err == nil:
		case errors.Is(err, rails.ErrNotFound):
			yield(nil, fmt.Errorf("sqlite: claimed transactions %s/%s: %w", key.Rail, key.ID, err))
		default:
			yield(nil, fmt.Errorf("sqlite: claimed transactions %s/%s file %d: %w", key.Rail, key.ID, seq, err))
		}
	}
}

// counters reserves counter values inside a claim's transaction.
type counters struct {
	ctx  context.Context
	q    *sql.Tx
	stmt *sql.Stmt
	done bool
}

// Next reserves n consecutive values of counter name and returns the
// first. The first value of a counter is 1.
func (c *counters) Next(name string, n int64) (int64, error) {
	if c.done {
		return 0, errors.New("sqlite: counters used after the claim's planner returned")
	}
	if n < 1 {
		return 0, fmt.Errorf("sqlite: counter %s: reserve %d values: want at least 1", name, n)
	}
	if c.stmt == nil {
		st, err := c.q.PrepareContext(c.ctx, `INSERT INTO counters (name, next) VALUES (?1, 1 + ?2)
			ON CONFLICT (name) DO UPDATE SET next = next + ?2 WHERE next <= 9223372036854775807 - ?2
			RETURNING next - ?2`)
		if err != nil {
			return 0, fmt.Errorf("sqlite: counter %s: %w", name, err)
		}
		c.stmt = st
	}
	var first int64
	err := c.stmt.QueryRowContext(c.ctx, name, n).Scan(&first)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("sqlite: counter %s: reserving %d values would overflow", name, n)
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: counter %s: %w", name, err)
	}
	return first, nil
}

func (c *counters) close() {
	c.done = true
	if c.stmt != nil {
		c.stmt.Close()
	}
}

// FileWritten records that file seq of the claimed window key is on disk
// at path with the given SHA-256.
func (s *Store) FileWritten(ctx context.Context, key rails.WindowKey, seq int, path, sha256 string) error {
	if sha256 == "" {
		return fmt.Errorf("sqlite: file written %s/%s #%d: no sha256", key.Rail, key.ID, seq)
	}
	return s.write(ctx, func(q *sql.Tx) error {
		var win int64
		var state, old string
		err := q.QueryRowContext(ctx, `SELECT f.win, f.state, f.sha256 FROM windows w JOIN files f ON f.win = w.id
			WHERE w.rail = ? AND w.window_id = ? AND f.seq = ?`, string(key.Rail), key.ID, seq).Scan(&win, &state, &old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("sqlite: file written %s/%s #%d: %w", key.Rail, key.ID, seq, rails.ErrNotFound)
		case err != nil:
			return fmt.Errorf("sqlite: file written %s/%s #%d: %w", key.Rail, key.ID, seq, err)
		case state == "written" && old == sha256:
			return nil
		case state == "written":
			return fmt.Errorf("sqlite: file written %s/%s #%d: sha256 %s, recorded %s: %w",
				key.Rail, key.ID, seq, sha256, old, rails.ErrConflict)
		}
		_, err = q.ExecContext(ctx, `UPDATE files SET state = 'written', path = ?, sha256 = ? WHERE win = ? AND seq = ?`,
			path, sha256, win, seq)
		if err != nil {
			return fmt.Errorf("sqlite: file written %s/%s #%d: %w", key.Rail, key.ID, seq, err)
		}
		return nil
	})
}

// DueWindows lists the windows Run must act on at at: those with a cutoff
// at or before at and CREATED transactions waiting, and claimed windows
// with files not yet written. As the contract words it, a claimed window
// is listed again when a transaction was stored in it after the claim.
func (s *Store) DueWindows(ctx context.Context, at time.Time) ([]rails.WindowKey, error) {
	atArg, err := timeArg(at)
	if err != nil {
		return nil, fmt.Errorf("sqlite: due windows: %w", err)
	}
	atN := int64(math.MinInt64) // at the zero instant only zero cutoffs are due
	if n, ok := atArg.(int64); ok {
		atN = n
	}
	var keys []rails.WindowKey
	err = s.read(ctx, func(q *sql.Tx) error {
		// Walk the distinct (rail, window) of pending transactions, one
		// seek per window: the next window of this rail, else the first
		// of the next rail.
		sameRail, err := q.PrepareContext(ctx, `SELECT rail, window_id, cutoff FROM pending
			WHERE rail = ? AND window_id > ? ORDER BY window_id LIMIT 1`)
		if err != nil {
			return err
		}
		defer sameRail.Close()
		nextRail, err := q.PrepareContext(ctx, `SELECT rail, window_id, cutoff FROM pending
			WHERE rail > ? ORDER BY rail, window_id LIMIT 1`)
		if err != nil {
			return err
		}
		defer nextRail.Close()
		waiting := map[[2]string]bool{}
		var rail, id string
		for {
			var cutoff sql.NullInt64
			err := sameRail.QueryRowContext(ctx, rail, id).Scan(&rail, &id, &cutoff)
			if errors.Is(err, sql.ErrNoRows) {
				err = nextRail.QueryRowContext(ctx, rail).Scan(&rail, &id, &cutoff)
			}
			if errors.Is(err, sql.ErrNoRows) {
				break
			}
			if err != nil {
				return err
			}
			if cutoff.Valid && cutoff.Int64 > atN {
				continue
			}
			keys = append(keys, rails.WindowKey{Rail: rails.Rail(rail), ID: id, Cutoff: timeOf(cutoff)})
			waiting[[2]string{rail, id}] = true
		}
		rows, err := q.QueryContext(ctx, `SELECT w.rail, w.window_id, w.cutoff FROM windows w
			WHERE EXISTS (SELECT 1 FROM files f WHERE f.win = w.id AND f.state <> 'written')`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var cutoff sql.NullInt64
			if err := rows.Scan(&rail, &id, &cutoff); err != nil {
				return err
			}
			if waiting[[2]string{rail, id}] {
				continue
			}
			keys = append(keys, rails.WindowKey{Rail: rails.Rail(rail), ID: id, Cutoff: timeOf(cutoff)})
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: due windows: %w", err)
	}
	slices.SortFunc(keys, func(a, b rails.WindowKey) int {
		return cmp.Or(a.Cutoff.Compare(b.Cutoff), cmp.Compare(a.Rail, b.Rail), cmp.Compare(a.ID, b.ID))
	})
	return keys, nil
}
