//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/railyardhq/railyard/ach"
	"github.com/stretchr/testify/require"
)

// The test binary doubles as the railyard CLI: with RAILYARD_AS_CLI=1 in
// its environment it runs railyard with the JSON array of arguments in
// RAILYARD_CLI_ARGS and exits, before any test runs. The crash test
// starts it as a real process so that SIGKILL stops railyard wherever it
// is: inside a SQLite transaction, between a claim and its files, half
// way through writing a file.
const (
	envAsCLI   = "RAILYARD_AS_CLI"
	envCLIArgs = "RAILYARD_CLI_ARGS"
)

func init() {
	if os.Getenv(envAsCLI) != "1" {
		return
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(envCLIArgs)), &args); err != nil {
		fmt.Fprintf(os.Stderr, "railyard (test binary): %s: %v\n", envCLIArgs, err)
		os.Exit(exitUsage)
	}
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
}

// cliCommand returns the test binary set up to run as railyard with args.
func cliCommand(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	enc, err := json.Marshal(args)
	require.NoError(t, err)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), envAsCLI+"=1", envCLIArgs+"="+string(enc))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return cmd, &out
}

// The crash test's workload: crashTxs transactions of Monday 2026-11-23,
// about half in the same-day window (cutoff 11:00 PT) and half in the
// next-day window (15:00 PT, same-day requests that came late included),
// in files of at most crashFileEntries entries, so each window has
// several files. The run is at 15:00 PT, when both windows are due.
const (
	crashTxs         = 3000
	crashFileEntries = 200
	crashSeed        = 20261123
	crashRunAt       = "2026-11-23T15:00:00-08:00"
)

// crashIterations is how many runs the test kills (20) and the seed of
// the kill delays. To explore further, RAILYARD_CRASH_ITERATIONS and
// RAILYARD_CRASH_SEED override them.
func crashIterations(t *testing.T) (int, uint64) {
	n, seed := 20, uint64(crashSeed)
	if v := os.Getenv("RAILYARD_CRASH_ITERATIONS"); v != "" {
		_, err := fmt.Sscan(v, &n)
		require.NoError(t, err, "RAILYARD_CRASH_ITERATIONS")
	}
	if v := os.Getenv("RAILYARD_CRASH_SEED"); v != "" {
		_, err := fmt.Sscan(v, &seed)
		require.NoError(t, err, "RAILYARD_CRASH_SEED")
	}
	return n, seed
}

// writeCrashSubmission writes the workload as JSON Lines: deterministic,
// with credits and debits, PPD, CCD and WEB entries, checking and savings
// accounts, memos and addenda, submitted out of ID order.
func writeCrashSubmission(t *testing.T, path string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(crashSeed, 1))
	routings := []string{"231380104", "121042882", "021000021", "076401251", "011000015"}
	names := []string{"Alice Johnson", "Brian Nguyen", "Emma Wilson", "Dev Patel", "Gina Park", "Hugo Ruiz"}
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.FixedZone("PST", -8*3600))
	type party struct {
		Name          string `json:"name"`
		RoutingNumber string `json:"routing_number"`
		AccountNumber string `json:"account_number"`
		AccountType   string `json:"account_type"`
	}
	type txLine struct {
		ID           string `json:"id"`
		Rail         string `json:"rail"`
		Speed        string `json:"speed"`
		Direction    string `json:"direction"`
		AmountCents  int64  `json:"amount_cents"`
		Currency     string `json:"currency"`
		Counterparty party  `json:"counterparty"`
		SECCode      string `json:"sec_code"`
		Memo         string `json:"memo,omitempty"`
		Addenda      string `json:"addenda,omitempty"`
		SubmittedAt  string `json:"submitted_at"`
	}
	order := rng.Perm(crashTxs)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, k := range order {
		tx := txLine{ID: fmt.Sprintf("tx_%05d", k), Rail: "ach", Direction: "credit",
			AmountCents: 1 + rng.Int64N(2_500_000), Currency: "USD", SECCode: "PPD",
			Counterparty: party{Name: names[rng.IntN(len(names))], RoutingNumber: routings[rng.IntN(len(routings))],
				AccountNumber: fmt.Sprintf("%d", 10_000_000+rng.IntN(90_000_000_000)), AccountType: "checking"}}
		if rng.IntN(3) == 0 {
			tx.Direction = "debit"
		}
		if rng.IntN(4) == 0 {
			tx.Counterparty.AccountType = "savings"
		}
		switch r := rng.IntN(10); {
		case r == 0:
			tx.SECCode = "CCD"
		case r == 1 && tx.Direction == "debit":
			tx.SECCode = "WEB"
		}
		if rng.IntN(5) == 0 {
			tx.Memo = fmt.Sprintf("Invoice %d", rng.IntN(100_000))
		}
		if rng.IntN(8) == 0 {
			tx.Addenda = fmt.Sprintf("REF*IV*%08d", rng.IntN(100_000_000))
		}
		var at time.Time
		switch r := rng.IntN(10); {
		case r < 5: // same day, on time: 08:00-10:59
			tx.Speed = "same_day"
			at = day.Add(8*time.Hour + time.Duration(rng.IntN(3*3600))*time.Second)
		case r < 6: // same day, late: 11:00-14:59, rolls to the 15:00 batch
			tx.Speed = "same_day"
			at = day.Add(11*time.Hour + time.Duration(rng.IntN(4*3600))*time.Second)
		default: // next day: 06:00-14:59
			tx.Speed = "next_day"
			at = day.Add(6*time.Hour + time.Duration(rng.IntN(9*3600))*time.Second)
		}
		tx.SubmittedAt = at.Format(time.RFC3339)
		require.NoError(t, enc.Encode(tx))
	}
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
}

// copyDB copies a closed SQLite store (the file, and its -wal and -shm
// files when present).
func copyDB(t *testing.T, from, to string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		data, err := os.ReadFile(from + suffix)
		if suffix != "" && errors.Is(err, os.ErrNotExist) {
			continue
		}
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(to+suffix, data, 0o600))
	}
}

// isTempName reports whether name is one of Run's temporary files
// (".<file>.<random>.tmp", rails.writeFileAtomic).
func isTempName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".tmp")
}

// outboxFiles reads every regular file under dir, by path relative to
// dir, and lists the temporary ones apart.
func outboxFiles(t *testing.T, dir string) (files map[string][]byte, temps []string) {
	t.Helper()
	files = map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if errors.Is(err, os.ErrNotExist) && p == dir {
			return filepath.SkipAll // nothing written yet
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if isTempName(d.Name()) {
			temps = append(temps, rel)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "%s: outbox files are 0600", p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	require.NoError(t, err)
	return files, temps
}

// checkTemps checks the temporary files a killed run left in the outbox.
// After a kill and a re-run the outbox should hold nothing but the
// uninterrupted run's files. Run writes each file to a temporary
// ".<name>.<pid>.<n>.tmp" beside it (rails.writeFileAtomic) and renames
// it; a kill between the two leaves the temporary file, which the next Run
// removes before it writes that file (its writer's process is gone). A
// leftover fails the test; checkTemps also says what it held (a prefix of
// the bytes of the file it was meant to become, or worse).
func checkTemps(t *testing.T, where string, temps []string, outbox string, ref map[string][]byte) {
	t.Helper()
	for _, rel := range temps {
		dir, base := filepath.Split(filepath.ToSlash(rel))
		base = strings.TrimPrefix(base, ".")
		i := strings.LastIndex(strings.TrimSuffix(base, ".tmp"), ".")
		require.True(t, strings.HasSuffix(base, ".tmp") && i > 0, "%s: %s is not one of Run's temporary names", where, rel)
		final := dir + base[:i]
		want, ok := ref[final]
		require.True(t, ok, "%s: %s is the temporary file of %s, not a file of the run", where, rel, final)
		data, err := os.ReadFile(filepath.Join(outbox, rel))
		require.NoError(t, err)
		require.True(t, bytes.HasPrefix(want, data), "%s: %s holds %d bytes that are not a prefix of %s", where, rel, len(data), final)
	}
}

// crashTx is what tx list --output json says of a transaction, in part.
type crashTx struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Trace  string `json:"trace"`
	File   string `json:"file"`
}

// crashYard is one store and outbox of the crash test.
type crashYard struct {
	t                     *testing.T
	db, outbox, cfg, name string
}

func (y *crashYard) args(args ...string) []string {
	return append([]string{"--db", y.db, "--config", y.cfg}, args...)
}

// runVerb is the run of the test, without the global flags.
func (y *crashYard) runVerb() []string {
	return []string{"run", "--at", crashRunAt, "--outbox", y.outbox, "--output", "json"}
}

// ok runs railyard in-process and requires exit status 0.
func (y *crashYard) ok(args ...string) string {
	y.t.Helper()
	r := railyard(y.t, "", y.args(args...)...)
	require.Equal(y.t, exitOK, r.code, "%s: railyard %v\nstdout:\n%s\nstderr:\n%s", y.name, args, r.stdout, r.stderr)
	return r.stdout
}

// txs lists the stored transactions (tx list --output json).
func (y *crashYard) txs(status ...string) []crashTx {
	y.t.Helper()
	args := []string{"tx", "list", "--output", "json"}
	if len(status) > 0 {
		args = append(args, "--status", status[0])
	}
	var list struct {
		Transactions []crashTx `json:"transactions"`
	}
	require.NoError(y.t, json.Unmarshal([]byte(y.ok(args...)), &list))
	return list.Transactions
}

// batchedEvents counts each transaction's PROCESSING-CREDIT events.
func (y *crashYard) batchedEvents() map[string]int {
	y.t.Helper()
	n := map[string]int{}
	for line := range strings.Lines(y.ok("events", "--output", "json")) {
		var ev struct {
			TxID   string `json:"transaction_id"`
			Status string `json:"status"`
		}
		require.NoError(y.t, json.Unmarshal([]byte(line), &ev), line)
		if ev.Status == "PROCESSING-CREDIT" {
			n[ev.TxID]++
		}
	}
	return n
}

// fileTraces lists the trace numbers of a NACHA file's entries.
func fileTraces(t *testing.T, name string, data []byte) []string {
	t.Helper()
	r := ach.NewReader(bytes.NewReader(data))
	var traces []string
	for r.Next() {
		if rec := r.Record(); rec.Type() == '6' {
			traces = append(traces, rec.Entry().TraceNumber)
		}
	}
	require.NoError(t, r.Err(), name)
	return traces
}

// checkExactlyOnce checks a finished yard: every transaction is
// PROCESSING-CREDIT, was batched once (one event), and its trace is in
// exactly one outbox file, the one the store names. It returns the
// transactions by ID.
func (y *crashYard) checkExactlyOnce(files map[string][]byte) map[string]crashTx {
	t := y.t
	t.Helper()
	txs := y.txs()
	require.Len(t, txs, crashTxs, y.name)
	inFile := map[string][]string{} // trace → the files holding it
	for name, data := range files {
		for _, tr := range fileTraces(t, name, data) {
			inFile[tr] = append(inFile[tr], name)
		}
	}
	require.Len(t, inFile, crashTxs, "%s: the outbox holds %d distinct traces, want one per transaction", y.name, len(inFile))
	events := y.batchedEvents()
	byID := make(map[string]crashTx, len(txs))
	for _, tx := range txs {
		require.Equal(t, "PROCESSING-CREDIT", tx.Status, "%s: %s", y.name, tx.ID)
		require.Equal(t, []string{tx.File}, inFile[tx.Trace], "%s: %s (trace %s) is in exactly its own file", y.name, tx.ID, tx.Trace)
		require.Equal(t, 1, events[tx.ID], "%s: %s has one PROCESSING-CREDIT event", y.name, tx.ID)
		byID[tx.ID] = tx
	}
	return byID
}

// TestCrashExactlyOnce is issue 5's crash test: railyard run, a real
// process, killed with SIGKILL at random points, then run again to
// completion. Every time the outbox must hold the same files, byte for
// byte, as a run that was never interrupted, no temporary file, and each
// transaction once, in the file the store assigned it to, batched once.
func TestCrashExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: re-executes the test binary as railyard and kills it with SIGKILL 20 times (~5 s); skipped with -short")
	}
	iterations, seed := crashIterations(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "crash.toml")
	require.NoError(t, os.WriteFile(cfg, []byte(fmt.Sprintf("max_file_entries = %d\n", crashFileEntries)), 0o600))
	submission := filepath.Join(dir, "txs.jsonl")
	writeCrashSubmission(t, submission)

	// One submission into a template store; every yard starts from a copy.
	tmpl := &crashYard{t: t, db: filepath.Join(dir, "template.db"), cfg: cfg, name: "template"}
	var sub submitReport
	require.NoError(t, json.Unmarshal([]byte(tmpl.ok("submit", submission, "--output", "json")), &sub))
	require.Equal(t, submitReport{Accepted: crashTxs, Rejected: []rejectedRow{}}, sub)
	newYardFrom := func(name string) *crashYard {
		y := &crashYard{t: t, db: filepath.Join(dir, name+".db"), outbox: filepath.Join(dir, name+"-outbox"), cfg: cfg, name: name}
		copyDB(t, tmpl.db, y.db)
		return y
	}

	// The reference: the same run, uninterrupted, in a child process,
	// whose wall time bounds the kill delays.
	ref := newYardFrom("reference")
	cmd, out := cliCommand(t, ref.args(ref.runVerb()...)...)
	start := time.Now()
	require.NoError(t, cmd.Run(), "uninterrupted run:\n%s", out)
	duration := time.Since(start)
	var rep runJSON
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep), out.String())
	require.Len(t, rep.Windows, 2)
	require.Equal(t, sameDayWindow, rep.Windows[0].Window)
	require.Equal(t, nextDayWindow, rep.Windows[1].Window)
	for _, w := range rep.Windows {
		require.Greater(t, len(w.Files), 2, "%s: several files per window", w.Window)
	}
	refFiles, temps := outboxFiles(t, ref.outbox)
	require.Empty(t, temps, "an uninterrupted run leaves no temporary file")
	require.Len(t, refFiles, len(rep.Windows[0].Files)+len(rep.Windows[1].Files))
	refTxs := ref.checkExactlyOnce(refFiles)
	t.Logf("reference: %d transactions, %d + %d files (%s, %s), uninterrupted run %v",
		crashTxs, len(rep.Windows[0].Files), len(rep.Windows[1].Files), sameDayWindow, nextDayWindow, duration.Round(time.Millisecond))

	// Kill delays: 0, the very end, and the rest drawn over the run.
	rng := rand.New(rand.NewPCG(seed, 2))
	delays := make([]time.Duration, iterations)
	for i := range delays {
		switch i {
		case 0:
			delays[i] = 0
		case 1:
			delays[i] = duration * 97 / 100
		case 2:
			delays[i] = duration * 3 / 100
		default:
			delays[i] = time.Duration(rng.Int64N(int64(duration)))
		}
	}

	var leftover []string
	defer func() {
		if len(leftover) == 0 {
			return
		}
		msg := fmt.Sprintf("%d of %d killed runs left a temporary file in the outbox that the re-run did not remove:\n  %s",
			len(leftover), iterations, strings.Join(leftover, "\n  "))
		t.Error(msg)
	}()
	for i, delay := range delays {
		y := newYardFrom(fmt.Sprintf("crash-%02d", i))
		cmd, out := cliCommand(t, y.args(y.runVerb()...)...)
		require.NoError(t, cmd.Start())
		time.Sleep(delay)
		killErr := cmd.Process.Signal(syscall.SIGKILL)
		waitErr := cmd.Wait()
		how := "killed"
		if errors.Is(killErr, os.ErrProcessDone) || waitErr == nil {
			how = "finished before the kill"
			require.NoError(t, waitErr, "%s: %s", y.name, out)
		} else {
			var ee *exec.ExitError
			require.ErrorAs(t, waitErr, &ee, y.name)
			ws, ok := ee.Sys().(syscall.WaitStatus)
			require.True(t, ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL, "%s: %v\n%s", y.name, waitErr, out)
		}

		// Where the kill left things.
		files, temps := outboxFiles(t, y.outbox)
		batched := len(y.txs("PROCESSING-CREDIT"))
		where := fmt.Sprintf("%s (seed %d, delay %v of %v): %s; before the re-run %d of %d files, %d temporary files, %d of %d transactions batched",
			y.name, seed, delay.Round(time.Microsecond), duration.Round(time.Millisecond), how,
			len(files), len(refFiles), len(temps), batched, crashTxs)

		// Run again, to completion.
		var again runJSON
		require.NoError(t, json.Unmarshal([]byte(y.ok(y.runVerb()...)), &again), where)
		recovered := 0
		for _, w := range again.Windows {
			if w.Recovered {
				recovered++
			}
		}
		t.Logf("%s; re-run closed %d windows (%d recovered)", where, len(again.Windows), recovered)

		files, temps = outboxFiles(t, y.outbox)
		if len(temps) > 0 {
			// Known: Run does not remove the temporary file of a write
			// that a kill interrupted (see checkTemps).
			checkTemps(t, where, temps, y.outbox, refFiles)
			leftover = append(leftover, fmt.Sprintf("%s: %s", where, strings.Join(temps, ", ")))
		}
		require.Equal(t, slices.Sorted(maps.Keys(refFiles)), slices.Sorted(maps.Keys(files)), "%s: the outbox's files", where)
		for name, data := range refFiles {
			require.True(t, bytes.Equal(data, files[name]), "%s: %s differs from the uninterrupted run's", where, name)
		}
		txs := y.checkExactlyOnce(files)
		for id, tx := range refTxs {
			require.Equal(t, tx, txs[id], "%s: %s as the uninterrupted run left it", where, id)
		}
		// A third run finds nothing to do.
		require.Equal(t, `{"windows":[]}`+"\n", y.ok(y.runVerb()...), where)
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(y.db + suffix)
		}
		os.RemoveAll(y.outbox)
	}
}
