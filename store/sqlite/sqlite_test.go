package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/railtest"
	"github.com/railyardhq/railyard/returns"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "railyard.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStore(t *testing.T) {
	railtest.TestStore(t, func(t *testing.T) rails.Store { return openTemp(t) })
}

func TestFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "railyard.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// A write makes sure the -wal and -shm files exist.
	if _, err := s.Submit(t.Context(), []*rails.Transaction{railtest.SampleTransaction("tx_1")}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(name), m)
		}
	}
	var mode string
	if err := s.r.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q (%v), want wal", mode, err)
	}
}

func TestOpenErrors(t *testing.T) {
	for _, path := range []string{"", ":memory:", "file:x.db?mode=memory", filepath.Join(t.TempDir(), "no", "such", "dir.db")} {
		if s, err := Open(t.Context(), path); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", path)
		}
	}
}

// schema returns the file's schema (sqlite_schema), for comparing files.
func schema(t *testing.T, s *Store) string {
	t.Helper()
	rows, err := s.r.Query(`SELECT type, name, COALESCE(sql, '') FROM sqlite_schema ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, text string
		if err := rows.Scan(&typ, &name, &text); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %s %s\n", typ, name, text)
	}
	return b.String()
}

func version(t *testing.T, s *Store) (v, rows int) {
	t.Helper()
	if err := s.r.QueryRow(`SELECT COALESCE(MAX(version), 0), COUNT(*) FROM schema_version`).Scan(&v, &rows); err != nil {
		t.Fatal(err)
	}
	return v, rows
}

func TestMigrations(t *testing.T) {
	ctx := t.Context()
	fresh := openTemp(t)
	want := schema(t, fresh)
	if v, n := version(t, fresh); v != len(migrations) || n != len(migrations) {
		t.Errorf("new file at version %d with %d rows, want %d", v, n, len(migrations))
	}
	fresh.Close()

	// From every older version, re-opening brings the file to the same
	// schema, applying only what it lacks.
	for from := 0; from < len(migrations); from++ {
		t.Run(fmt.Sprintf("from %d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			old, err := open(ctx, path, from)
			if err != nil {
				t.Fatal(err)
			}
			if v, _ := version(t, old); v != from && from > 0 {
				t.Fatalf("old file at version %d, want %d", v, from)
			}
			old.Close()
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if got := schema(t, s); got != want {
				t.Errorf("schema after upgrade from %d:\n%s\nwant\n%s", from, got, want)
			}
			if v, n := version(t, s); v != len(migrations) || n != len(migrations) {
				t.Errorf("upgraded file at version %d with %d rows, want %d", v, n, len(migrations))
			}
		})
	}
}

// TestUpgradeKeepsData opens a file at version N-1 that holds data, and
// checks that the upgrade to N keeps it and the store works on it.
func TestUpgradeKeepsData(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := open(ctx, path, len(migrations)-1)
	if err != nil {
		t.Fatal(err)
	}
	// What Submit stored at version N-1 (no batching group).
	for _, x := range []*rails.Transaction{railtest.SampleTransaction("a"), railtest.SampleTransaction("b")} {
		cutoff, _ := timeArg(x.Window.Cutoff)
		submitted, _ := timeArg(x.SubmittedAt)
		res, err := old.w.ExecContext(ctx, `INSERT INTO transactions (id, rail, window_id, w_cutoff, w_settlement, submitted_at, content)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, x.ID, string(x.Rail), x.Window.ID, cutoff, dateArg(x.Window.SettlementDate), submitted,
			appendContent(nil, x))
		if err != nil {
			t.Fatal(err)
		}
		rid, _ := res.LastInsertId()
		for _, q := range []string{
			`INSERT INTO tx_state (rid, status, settlement) SELECT rid, 1, w_settlement FROM transactions WHERE rid = ?1`,
			`INSERT INTO pending (rail, window_id, id, rid, cutoff) SELECT rail, window_id, id, rid, w_cutoff FROM transactions WHERE rid = ?1`,
			insertEvent + ` SELECT rid, 1, 'Transaction Created.', '', 0, 0, '', submitted_at FROM transactions WHERE rid = ?1`,
		} {
			if _, err := old.w.ExecContext(ctx, q, rid); err != nil {
				t.Fatal(err)
			}
		}
	}
	old.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := version(t, s); v != len(migrations) {
		t.Fatalf("version %d after upgrade, want %d", v, len(migrations))
	}
	x := railtest.SampleTransaction("a")
	c, err := s.ClaimWindow(ctx, rails.WindowKey{Rail: x.Rail, ID: x.Window.ID, Cutoff: x.Window.Cutoff}, x.Window.Cutoff, railtest.SamplePlanner)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Plan.Assignments) != 2 {
		t.Errorf("claim after upgrade took %d transactions, want 2", len(c.Plan.Assignments))
	}
	evs, err := s.Events(ctx, 0, 0)
	if err != nil || len(evs) != 4 {
		t.Errorf("events after upgrade: %d (%v), want 4", len(evs), err)
	}
}

func TestSchemaTooNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`INSERT INTO schema_version (version, applied_at) VALUES (?, 'future')`, len(migrations)+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(t.Context(), path); !errors.Is(err, ErrSchemaTooNew) {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open of a newer file: %v, want ErrSchemaTooNew", err)
	}
}

// TestFileNamesUnique: two windows never claim the same outbox path.
func TestFileNamesUnique(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t)
	defer s.Close()
	a, b := railtest.SampleTransaction("a"), railtest.SampleTransaction("b")
	b.Window.ID = "other-window"
	if _, err := s.Submit(ctx, []*rails.Transaction{a, b}); err != nil {
		t.Fatal(err)
	}
	fixed := func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		p, err := railtest.SamplePlanner(txs, c)
		if err == nil {
			p.Files[0].Name = "ach/same.ach"
		}
		return p, err
	}
	if _, err := s.ClaimWindow(ctx, rails.WindowKey{Rail: a.Rail, ID: a.Window.ID}, a.Window.Cutoff, fixed); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimWindow(ctx, rails.WindowKey{Rail: b.Rail, ID: b.Window.ID}, a.Window.Cutoff, fixed); err == nil {
		t.Fatal("two windows claimed the same file name")
	}
	if x, _ := s.Transaction(ctx, "b"); x.Status != returns.Created {
		t.Errorf("b after the refused claim: %s", x.Status)
	}
}

// claimResult is what a claimer reports: won or lost, and its plan's
// assignments.
func claimOnce(ctx context.Context, path string) (string, error) {
	s, err := Open(ctx, path)
	if err != nil {
		return "", err
	}
	defer s.Close()
	x := railtest.SampleTransaction("x")
	key := rails.WindowKey{Rail: x.Rail, ID: x.Window.ID, Cutoff: x.Window.Cutoff}
	slow := func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		time.Sleep(50 * time.Millisecond) // widen the window for a race
		return railtest.SamplePlanner(txs, c)
	}
	c, err := s.ClaimWindow(ctx, key, x.Window.Cutoff, slow)
	switch {
	case err == nil:
		return fmt.Sprintf("won %d", len(c.Plan.Assignments)), nil
	case errors.Is(err, rails.ErrClaimed):
		return fmt.Sprintf("lost %d", len(c.Plan.Assignments)), nil
	}
	return "", err
}

func seed(t *testing.T, path string, n int) {
	t.Helper()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	txs := make([]*rails.Transaction, n)
	for i := range txs {
		txs[i] = railtest.SampleTransaction(fmt.Sprintf("tx_%05d", i))
	}
	if _, err := s.Submit(t.Context(), txs); err != nil {
		t.Fatal(err)
	}
}

func checkAssignedOnce(t *testing.T, path string, n int) {
	t.Helper()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rows, distinct, wins, moved int
	if err := s.r.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT tx) FROM assignments`).Scan(&rows, &distinct); err != nil {
		t.Fatal(err)
	}
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM windows`).Scan(&wins); err != nil {
		t.Fatal(err)
	}
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM tx_state WHERE status = ?`, int64(returns.ProcessingCredit)).Scan(&moved); err != nil {
		t.Fatal(err)
	}
	if rows != n || distinct != n || wins != 1 || moved != n {
		t.Errorf("assignments %d (%d distinct), windows %d, moved %d; want %d, %d, 1, %d", rows, distinct, wins, moved, n, n, n)
	}
}

// TestClaimTwoStores: two *Store on one file claim the same window at
// once; one wins, the other sees ErrClaimed, nothing is assigned twice.
func TestClaimTwoStores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	const n = 500
	seed(t, path, n)
	results := make(chan string, 2)
	start := make(chan struct{})
	for range 2 {
		go func() {
			<-start
			r, err := claimOnce(t.Context(), path)
			if err != nil {
				r = "error: " + err.Error()
			}
			results <- r
		}()
	}
	close(start)
	got := []string{<-results, <-results}
	if !(got[0] == fmt.Sprintf("won %d", n) && got[1] == fmt.Sprintf("lost %d", n) ||
		got[1] == fmt.Sprintf("won %d", n) && got[0] == fmt.Sprintf("lost %d", n)) {
		t.Errorf("claimers reported %q, want one won and one lost, both with %d assignments", got, n)
	}
	checkAssignedOnce(t, path, n)
}

// TestClaimTwoProcesses: the same race between two OS processes (this
// test binary, re-run as TestHelperClaimProcess), started together.
func TestClaimTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	const n = 500
	seed(t, path, n)
	// Both processes wait for the same instant before claiming.
	at := time.Now().Add(300 * time.Millisecond)
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for range 2 {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHelperClaimProcess$", "-test.v")
		cmd.Env = append(os.Environ(), "RAILYARD_TEST_DB="+path, fmt.Sprintf("RAILYARD_TEST_AT=%d", at.UnixNano()))
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	var won, lost int
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("process %d: %v\n%s", i, err, outs[i])
		}
		switch {
		case strings.Contains(outs[i].String(), fmt.Sprintf("CLAIM: won %d\n", n)):
			won++
		case strings.Contains(outs[i].String(), fmt.Sprintf("CLAIM: lost %d\n", n)):
			lost++
		default:
			t.Errorf("process %d said:\n%s", i, outs[i])
		}
	}
	if won != 1 || lost != 1 {
		t.Errorf("%d processes won and %d lost, want 1 and 1", won, lost)
	}
	checkAssignedOnce(t, path, n)
}

// TestHelperClaimProcess is TestClaimTwoProcesses's child: it claims the
// window in the file RAILYARD_TEST_DB at RAILYARD_TEST_AT and prints what
// happened. Without the variables it does nothing.
func TestHelperClaimProcess(t *testing.T) {
	path := os.Getenv("RAILYARD_TEST_DB")
	if path == "" {
		t.Skip("helper process for TestClaimTwoProcesses")
	}
	var at int64
	fmt.Sscan(os.Getenv("RAILYARD_TEST_AT"), &at)
	time.Sleep(time.Until(time.Unix(0, at)))
	r, err := claimOnce(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("CLAIM: %s\n", r)
}

// TestCountersRollBack: what a failed claim reserved is given back.
func TestCountersRollBack(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t)
	defer s.Close()
	x := railtest.SampleTransaction("a")
	if _, err := s.Submit(ctx, []*rails.Transaction{x}); err != nil {
		t.Fatal(err)
	}
	key := rails.WindowKey{Rail: x.Rail, ID: x.Window.ID}
	fail := func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		c.Next("n", 10)
		return nil, errors.New("no")
	}
	s.ClaimWindow(ctx, key, x.Window.Cutoff, fail)
	var got int64
	keep := func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		got, _ = c.Next("n", 1)
		return railtest.SamplePlanner(txs, c)
	}
	if _, err := s.ClaimWindow(ctx, key, x.Window.Cutoff, keep); err != nil {
		t.Fatal(err)
	}
	if got != 1 {
		t.Errorf("counter after a failed claim starts at %d, want 1", got)
	}
	var next int64
	if err := s.r.QueryRow(`SELECT next FROM counters WHERE name = 'n'`).Scan(&next); err != nil || next != 2 {
		t.Errorf("stored counter %d (%v), want 2", next, err)
	}
}

// TestQueryPlans guards the indexes the hot paths rely on.
func TestQueryPlans(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	tests := []struct{ query, want string }{
		{`SELECT p.rid, t.content FROM pending p JOIN transactions t ON t.rid = p.rid
			WHERE p.rail = 'ach' AND p.window_id = 'w' ORDER BY p.grp, p.id`, "PRIMARY KEY (rail=? AND window_id=?)"},
		{`SELECT rid FROM pending WHERE rail = 'ach' AND window_id = 'w' AND grp = 'g' AND id = 'x'`, "PRIMARY KEY (rail=? AND window_id=? AND grp=? AND id=?)"},
		{`SELECT a.tx, e.seq FROM assignments a INDEXED BY assignments_file LEFT JOIN events e ON e.tx = a.tx AND e.seq <= 9
			WHERE a.win = 1 AND a.file = 2 ORDER BY a.ord, e.seq`, "assignments_file (win=? AND file=?)"}, // a transaction's few events sorted

		{`SELECT rail, window_id, cutoff FROM pending WHERE rail = 'a' AND window_id > 'b' ORDER BY window_id LIMIT 1`, "PRIMARY KEY"},
		{`SELECT rail, window_id, cutoff FROM pending WHERE rail > 'a' ORDER BY rail, window_id LIMIT 1`, "PRIMARY KEY"},
		{`SELECT tx FROM assignments WHERE trace = 'x' ORDER BY win DESC`, "assignments_trace"},
		{`SELECT rid FROM tx_state WHERE status = 3 AND settlement BETWEEN 1 AND 20261125`, "tx_state_settling"},
		{`SELECT seq, status FROM events WHERE tx = 7 ORDER BY seq`, "events_tx"},
	}
	for _, tt := range tests {
		var plan strings.Builder
		rows, err := s.r.Query("EXPLAIN QUERY PLAN " + tt.query)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan.WriteString(detail + "\n")
		}
		rows.Close()
		sorts := strings.Contains(plan.String(), "TEMP B-TREE") && !strings.Contains(plan.String(), "TEMP B-TREE FOR LAST TERM")
		if !strings.Contains(plan.String(), tt.want) || sorts {
			t.Errorf("%s\nplan:\n%s\nwant %s and no sort", tt.query, plan.String(), tt.want)
		}
	}
}

// TestPendingTimeline: a claim reads a waiting transaction's first
// timeline entry from its content, and its events when it has more.
func TestPendingTimeline(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t)
	defer s.Close()
	a, b := railtest.SampleTransaction("a"), railtest.SampleTransaction("b")
	b.Timeline[0].Note, b.Timeline[0].Code = "imported", "IMP"
	if _, err := s.Submit(ctx, []*rails.Transaction{a, b}); err != nil {
		t.Fatal(err)
	}
	noted := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	if err := s.Ingest(ctx, &rails.Inbound{SHA256: "n1", Name: "note", ReceivedAt: noted, Changes: []rails.Change{{
		TransactionID: "a", From: returns.Created, To: returns.Created, Event: rails.Event{Note: "still waiting"},
	}}}); err != nil {
		t.Fatal(err)
	}
	var seen []*rails.Transaction
	planner := func(txs rails.TxSeq, c rails.Counters) (*rails.Plan, error) {
		record := func(yield func(*rails.Transaction, error) bool) {
			for tx, err := range txs {
				if err == nil {
					seen = append(seen, tx)
				}
				if !yield(tx, err) {
					return
				}
			}
		}
		return railtest.SamplePlanner(record, c)
	}
	key := rails.WindowKey{Rail: a.Rail, ID: a.Window.ID, Cutoff: a.Window.Cutoff}
	if _, err := s.ClaimWindow(ctx, key, a.Window.Cutoff, planner); err != nil {
		t.Fatal(err)
	}
	for _, x := range seen {
		stored, err := s.Transaction(ctx, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		stored.Timeline = stored.Timeline[:len(stored.Timeline)-1] // the claim's entry
		if len(x.Timeline) != len(stored.Timeline) {
			t.Errorf("%s: claimed with timeline %+v, stored %+v", x.ID, x.Timeline, stored.Timeline)
			continue
		}
		for i, e := range x.Timeline {
			g := stored.Timeline[i]
			if e.Status != g.Status || e.Note != g.Note || e.Code != g.Code || !e.At.Equal(g.At) {
				t.Errorf("%s: timeline[%d] %+v, stored %+v", x.ID, i, e, g)
			}
		}
	}
	if len(seen) != 2 || len(seen[0].Timeline) != 2 || seen[0].Timeline[1].Note != "still waiting" || seen[1].Timeline[0].Code != "IMP" {
		t.Errorf("claimed %+v", seen)
	}
}
