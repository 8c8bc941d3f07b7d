package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/railyardhq/railyard/rails"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/railtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleTxs is the sample submission of the repository: six ACH
// transactions of Monday 2026-11-23.
const sampleTxs = "../../testdata/transactions.jsonl"

// The sample's run: at 15:00 PT both Monday windows are due.
const (
	sampleRunAt   = "2026-11-23T15:00:00-08:00"
	sameDayWindow = "ach-same-day-2026-11-23"
	nextDayWindow = "ach-next-day-2026-11-23"
)

// yard is a store and an outbox in a temporary directory, and the CLI
// run against them.
type yard struct {
	t               *testing.T
	dir, db, outbox string
	stdin           string
}

func newYard(t *testing.T) *yard {
	t.Helper()
	dir := t.TempDir()
	return &yard{t: t, dir: dir, db: filepath.Join(dir, "railyard.db"), outbox: filepath.Join(dir, "outbox")}
}

// ry runs railyard with --db set to the yard's store.
func (y *yard) ry(args ...string) result {
	y.t.Helper()
	r := railyard(y.t, y.stdin, append([]string{"--db", y.db}, args...)...)
	// Paths under the temporary directory vary from run to run.
	r.stdout = strings.ReplaceAll(r.stdout, y.dir, "$TMP")
	r.stderr = strings.ReplaceAll(r.stderr, y.dir, "$TMP")
	return r
}

// ok runs railyard and requires exit status 0.
func (y *yard) ok(args ...string) result {
	y.t.Helper()
	r := y.ry(args...)
	require.Equal(y.t, exitOK, r.code, "railyard %v\nstdout:\n%s\nstderr:\n%s", args, r.stdout, r.stderr)
	return r
}

// jsonOut runs railyard with --output json, requires exit 0 and decodes
// stdout into v.
func (y *yard) jsonOut(v any, args ...string) result {
	y.t.Helper()
	r := y.ok(append(args, "--output", "json")...)
	require.NoError(y.t, json.Unmarshal([]byte(r.stdout), v), r.stdout)
	return r
}

// txJSON is what tx show --output json says, in part.
type txJSON struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Trace    string `json:"trace"`
	File     string `json:"file"`
	Timeline []struct {
		Status string `json:"status"`
		Note   string `json:"note"`
	} `json:"timeline"`
	Counterparty struct {
		AccountNumber string `json:"account_number"`
	} `json:"counterparty"`
}

func (y *yard) tx(id string) txJSON {
	y.t.Helper()
	var tx txJSON
	y.jsonOut(&tx, "tx", "show", id)
	return tx
}

// runJSON is the JSON contract of run.
type runJSON struct {
	Windows []struct {
		Rail         string `json:"rail"`
		Window       string `json:"window"`
		Cutoff       string `json:"cutoff"`
		Transactions int    `json:"transactions"`
		Recovered    bool   `json:"recovered"`
		Files        []struct {
			Path             string `json:"path"`
			SHA256           string `json:"sha256"`
			Entries          int    `json:"entries"`
			DebitTotalCents  int64  `json:"debit_total_cents"`
			CreditTotalCents int64  `json:"credit_total_cents"`
		} `json:"files"`
	} `json:"windows"`
}

// ingestJSON is the JSON contract of ingest.
type ingestJSON struct {
	File      string `json:"file"`
	Format    string `json:"format"`
	Duplicate bool   `json:"duplicate"`
	Changes   []struct {
		TransactionID string `json:"transaction_id"`
		From          string `json:"from"`
		To            string `json:"to"`
		Code          string `json:"code"`
		Note          string `json:"note"`
		LockNode      bool   `json:"lock_node"`
		LockUser      bool   `json:"lock_user"`
		Late          bool   `json:"late"`
	} `json:"changes"`
	Corrections []map[string]any `json:"corrections"`
	Unmatched   []struct {
		Line  int    `json:"line"`
		Trace string `json:"trace"`
		Code  string `json:"code"`
	} `json:"unmatched"`
}

// strictEntries validates a NACHA file with the strict profile and returns
// its entries' trace numbers.
func strictEntries(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r := ach.NewReader(f)
	var traces []string
	for r.Next() {
		if rec := r.Record(); rec.Type() == '6' {
			traces = append(traces, rec.Entry().TraceNumber)
		}
	}
	require.NoError(t, r.Err(), path)
	errs, _ := splitFindings(r.Findings())
	require.Empty(t, errs, "%s fails strict validation", path)
	return traces
}

// TestMainEndToEnd is the main job on the embedded store: submit, run,
// re-run, a simulated return ingested (twice), an unmatched return,
// settlement, cancellation before and after batching, events.
func TestMainEndToEnd(t *testing.T) {
	y := newYard(t)

	var sub submitReport
	y.jsonOut(&sub, "submit", sampleTxs)
	assert.Equal(t, submitReport{Accepted: 6, Rejected: []rejectedRow{}}, sub)
	info, err := os.Stat(y.db)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the store is created 0600")

	// Before the sample's cutoffs nothing is due.
	r := y.ok("run", "--at", "2026-11-23T10:59:59-08:00", "--outbox", y.outbox)
	assert.Equal(t, "nothing due at Mon 2026-11-23 10:59:59 PST\n", r.stdout)

	// At 15:00 both windows are.
	var run runJSON
	r = y.jsonOut(&run, "run", "--at", sampleRunAt, "--outbox", y.outbox)
	golden(t, "main-run.json", r.stdout)
	require.Len(t, run.Windows, 2)
	assert.Equal(t, sameDayWindow, run.Windows[0].Window)
	assert.Equal(t, "2026-11-23T11:00:00-08:00", run.Windows[0].Cutoff)
	assert.Equal(t, 2, run.Windows[0].Transactions)
	assert.Equal(t, nextDayWindow, run.Windows[1].Window)
	assert.Equal(t, "2026-11-23T15:00:00-08:00", run.Windows[1].Cutoff)
	assert.Equal(t, 4, run.Windows[1].Transactions)
	files := map[string][]byte{}
	var allTraces []string
	for _, w := range run.Windows {
		assert.Equal(t, "ach", w.Rail)
		require.Len(t, w.Files, 1)
		fr := w.Files[0]
		path := strings.ReplaceAll(fr.Path, "$TMP", y.dir)
		assert.Equal(t, filepath.Join(y.outbox, "ach", "2026-11-23", w.Window+"-1.ach"), path)
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), path)
		traces := strictEntries(t, path)
		assert.Len(t, traces, fr.Entries)
		allTraces = append(allTraces, traces...)
		files[path], _ = os.ReadFile(path)
	}
	assert.Equal(t, int64(214567+338012), run.Windows[0].Files[0].CreditTotalCents)
	assert.Equal(t, int64(8999+14250), run.Windows[1].Files[0].DebitTotalCents)
	assert.Len(t, allTraces, 6)

	// Again, at the same moment and later: nothing new, the same bytes.
	for _, at := range []string{sampleRunAt, "2026-11-24T15:00:00-08:00"} {
		var again runJSON
		r = y.jsonOut(&again, "run", "--at", at, "--outbox", y.outbox)
		assert.Equal(t, `{"windows":[]}`+"\n", r.stdout)
	}
	for path, data := range files {
		now, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, data, now, "%s unchanged", path)
	}

	// Every transaction is batched, with its trace and file.
	tx3 := y.tx("tx_0003")
	assert.Equal(t, "PROCESSING-CREDIT", tx3.Status)
	assert.Contains(t, allTraces, tx3.Trace)
	assert.Equal(t, "ach/2026-11-23/"+nextDayWindow+"-1.ach", tx3.File)
	assert.Equal(t, "****4500", tx3.Counterparty.AccountNumber, "masked unless --unmask")

	// Cancel after batching: exit 1, saying why.
	r = y.ry("tx", "cancel", "tx_0001", "--at", sampleRunAt)
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "railyard: cannot cancel tx_0001: it is PROCESSING-CREDIT, batched into ach/2026-11-23/"+sameDayWindow+"-1.ach")
	assert.Equal(t, "PROCESSING-CREDIT", y.tx("tx_0001").Status)

	// The bank returns tx_0003 (a debit): R01.
	outFile := filepath.Join(y.outbox, "ach", "2026-11-23", nextDayWindow+"-1.ach")
	ret := filepath.Join(y.dir, "RET.ach")
	r = y.ok("simulate", "return", "--file", outFile, "--trace", tx3.Trace, "--code", "R01", "--out", ret)
	assert.Equal(t, "wrote $TMP/RET.ach: return R01 for 1 entry of $TMP/outbox/ach/2026-11-23/"+nextDayWindow+"-1.ach\n", r.stdout)
	info, err = os.Stat(ret)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	strictEntries(t, ret)

	var ing ingestJSON
	r = y.jsonOut(&ing, "ingest", ret, "--at", "2026-11-25T10:00:00-08:00")
	golden(t, "main-ingest.json", r.stdout)
	assert.Equal(t, "$TMP/RET.ach", ing.File)
	assert.Equal(t, "nacha", ing.Format)
	assert.False(t, ing.Duplicate)
	require.Len(t, ing.Changes, 1)
	ch := ing.Changes[0]
	assert.Equal(t, "tx_0003", ch.TransactionID)
	assert.Equal(t, "PROCESSING-CREDIT", ch.From)
	assert.Equal(t, "RETURNED", ch.To)
	assert.Equal(t, "R01", ch.Code)
	assert.Equal(t, "[Returned on Debit] R01 -- Insufficient Funds", ch.Note)
	assert.False(t, ch.LockNode || ch.LockUser || ch.Late)
	assert.Empty(t, ing.Corrections)
	assert.Empty(t, ing.Unmatched)

	r = y.ok("tx", "show", "tx_0003")
	golden(t, "main-tx-show.txt", r.stdout)
	assert.Contains(t, r.stdout, "tx_0003  RETURNED\n")
	assert.Contains(t, r.stdout, "[Returned on Debit] R01 -- Insufficient Funds")
	tx3 = y.tx("tx_0003")
	assert.Equal(t, "RETURNED", tx3.Status)
	assert.Equal(t, "[Returned on Debit] R01 -- Insufficient Funds", tx3.Timeline[len(tx3.Timeline)-1].Note)

	// The same file again changes nothing.
	ing = ingestJSON{}
	y.jsonOut(&ing, "ingest", ret, "--at", "2026-11-25T11:00:00-08:00")
	assert.True(t, ing.Duplicate)
	assert.Empty(t, ing.Changes)
	r = y.ok("ingest", ret)
	assert.Equal(t, "$TMP/RET.ach: already ingested", strings.SplitN(r.stdout, " (", 2)[0])

	// A return for an entry that is not ours: unmatched, kept, exit 0.
	foreign := ppdFile()
	foreign.Batches[0].Entries[0].TraceNumber = "121042889999991"
	foreign.Batches[0].Entries[1].TraceNumber = "121042889999992"
	data, err := railtest.ReturnFile(encode(t, foreign), "121042889999991", "R03")
	require.NoError(t, err)
	unknown := writeTemp(t, "unknown-trace.ach", data)
	ing = ingestJSON{}
	y.jsonOut(&ing, "ingest", unknown, "--at", "2026-11-25T10:00:00-08:00")
	assert.Empty(t, ing.Changes)
	require.Len(t, ing.Unmatched, 1)
	assert.Equal(t, "121042889999991", ing.Unmatched[0].Trace)
	assert.Equal(t, "R03", ing.Unmatched[0].Code)
	assert.Equal(t, 4, ing.Unmatched[0].Line, "the return's addenda")

	// Both files can be looked at again: the unmatched item is kept.
	var inb struct {
		Files []rails.InboundInfo `json:"files"`
	}
	y.jsonOut(&inb, "inbound", "list")
	require.Len(t, inb.Files, 2)
	assert.Equal(t, "RET.ach", filepath.Base(inb.Files[0].Name))
	assert.Equal(t, 1, inb.Files[0].Changes)
	assert.Equal(t, 1, inb.Files[1].Unmatched)
	var shown rails.Inbound
	y.jsonOut(&shown, "inbound", "show", inb.Files[1].SHA256[:10])
	require.Len(t, shown.Unmatched, 1)
	assert.Equal(t, rails.Unmatched{Line: 4, Trace: "121042889999991", Code: "R03"}, shown.Unmatched[0])
	r = y.ok("inbound", "show", inb.Files[0].SHA256)
	assert.Contains(t, r.stdout, "tx_0003  PROCESSING-CREDIT → RETURNED  [Returned on Debit] R01 -- Insufficient Funds")
	assert.Equal(t, exitUsage, y.ry("inbound", "show", "abc").code)
	assert.Equal(t, exitFailure, y.ry("inbound", "show", "00000000").code)

	// Settlement: the Monday entries settle by Tuesday; the return stays.
	var st struct {
		Through string   `json:"through"`
		Settled []string `json:"settled"`
	}
	y.jsonOut(&st, "settle", "--at", "2026-11-24T18:00:00-08:00")
	assert.Equal(t, "2026-11-24", st.Through)
	assert.Equal(t, []string{"tx_0001", "tx_0002", "tx_0004", "tx_0005", "tx_0006"}, st.Settled)
	assert.Equal(t, "SETTLED", y.tx("tx_0001").Status)
	assert.Equal(t, "RETURNED", y.tx("tx_0003").Status)
	r = y.ok("settle", "--at", "2026-11-24T18:00:00-08:00")
	assert.Equal(t, "nothing to settle through Tue 2026-11-24\n", r.stdout)

	// Cancel before batching: CANCELED, never batched.
	y.stdin = `{"id":"tx_0100","rail":"ach","speed":"same_day","direction":"credit","amount_cents":5000,"currency":"USD","counterparty":{"name":"Gina Park","routing_number":"021000021","account_number":"123456789","account_type":"checking"},"sec_code":"PPD","submitted_at":"2026-11-24T09:00:00-08:00"}` + "\n"
	y.ok("submit", "-")
	y.stdin = ""
	r = y.ok("tx", "cancel", "tx_0100", "--at", "2026-11-24T10:00:00-08:00")
	assert.Equal(t, "tx_0100: CANCELED; it will not be batched\n", r.stdout)
	r = y.ok("run", "--at", "2026-11-24T15:00:00-08:00", "--outbox", y.outbox)
	assert.Equal(t, "nothing due at Tue 2026-11-24 15:00:00 PST\n", r.stdout)
	tx100 := y.tx("tx_0100")
	assert.Equal(t, "CANCELED", tx100.Status)
	assert.Empty(t, tx100.File)
	assert.Empty(t, tx100.Trace)
	r = y.ry("tx", "cancel", "tx_0100", "--at", "2026-11-24T10:00:00-08:00")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "cannot cancel tx_0100: it is CANCELED")

	// Unknown transactions.
	r = y.ry("tx", "show", "tx_nope")
	assert.Equal(t, exitFailure, r.code)
	assert.Equal(t, "railyard: no transaction \"tx_nope\" in $TMP/railyard.db\n", r.stderr)
	assert.Equal(t, exitFailure, y.ry("tx", "cancel", "tx_nope").code)

	// Events: every status change, JSON Lines in both output modes.
	r = y.ok("events")
	golden(t, "main-events.jsonl", r.stdout)
	assert.Equal(t, r.stdout, y.ok("events", "--output", "json").stdout)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	// 6 created, 6 batched, 1 returned, 5 settled; 1 created, 1 canceled.
	require.Len(t, lines, 20)
	var ev struct {
		Seq      int64  `json:"seq"`
		TxID     string `json:"transaction_id"`
		Status   string `json:"status"`
		StatusID string `json:"status_id"`
		Note     string `json:"note"`
		Code     string `json:"code"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[12]), &ev))
	assert.Equal(t, "tx_0003", ev.TxID)
	assert.Equal(t, "RETURNED", ev.Status)
	assert.Equal(t, "6", ev.StatusID)
	assert.Equal(t, "R01", ev.Code)
	r = y.ok("events", "--since", "18")
	assert.Equal(t, strings.Join(lines[18:], "\n")+"\n", r.stdout)
	r = y.ok("events", "--since", "20")
	assert.Empty(t, r.stdout)
}

// noTrailingBlanks checks that no line of text ends in a blank.
func noTrailingBlanks(t *testing.T, text string) {
	t.Helper()
	for i, line := range strings.Split(text, "\n") {
		assert.Equal(t, strings.TrimRight(line, " \t"), line, "line %d has trailing blanks", i+1)
	}
}

// TestMainTextOutputs keeps the text of submit, run, tx list and ingest in
// golden files.
func TestMainTextOutputs(t *testing.T) {
	y := newYard(t)
	var all strings.Builder
	defer func() { noTrailingBlanks(t, all.String()) }()
	ok := func(args ...string) result {
		t.Helper()
		r := y.ok(args...)
		all.WriteString(r.stdout)
		return r
	}
	r := ok("submit", sampleTxs)
	golden(t, "main-submit.txt", r.stdout)
	r = ok("run", "--at", sampleRunAt, "--outbox", y.outbox)
	golden(t, "main-run.txt", r.stdout)
	r = ok("tx", "list")
	golden(t, "main-tx-list.txt", r.stdout)
	assert.NotContains(t, r.stdout, "4401235539", "masked")
	assert.Contains(t, y.ok("tx", "list", "--unmask").stdout, "4401235539")

	outFile := filepath.Join(y.outbox, "ach", "2026-11-23", nextDayWindow+"-1.ach")
	traces := strictEntries(t, outFile)
	// One file answering three entries: a return, a NOC, and a NOC with
	// the bank's corrected data.
	ret := filepath.Join(y.dir, "BANK.ach")
	y.ok("simulate", "return", "--file", outFile, "--trace", traces[0], "--trace", traces[1], "--code", "R02", "--out", ret)
	noc := filepath.Join(y.dir, "NOC.ach")
	y.ok("simulate", "return", "--file", outFile, "--trace", traces[2], "--code", "C01", "--corrected-data", "99887766554433", "--out", noc)
	r = ok("ingest", ret, noc, "--at", "2026-11-25T10:00:00-08:00")
	golden(t, "main-ingest.txt", r.stdout)
	assert.NotContains(t, r.stdout, "99887766554433", "masked")
	assert.Contains(t, r.stdout, "****4433")
	assert.Contains(t, y.ok("ingest", noc, "--unmask", "--output", "json").stdout, `"duplicate":true`)

	ok("settle", "--at", "2026-11-25T18:00:00-08:00")
	for _, id := range []string{"tx_0001", "tx_0003", "tx_0005", "tx_0006"} {
		ok("tx", "show", id)
	}
}

// TestMainDBFromEnv: without --db, the store is $RAILYARD_DB.
func TestMainDBFromEnv(t *testing.T) {
	y := newYard(t)
	t.Setenv(envDB, y.db)
	r := railyard(t, "", "submit", sampleTxs, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, `{"accepted":6,"duplicates":0,"rejected":[]}`+"\n", r.stdout)
	// The same store through --db.
	assert.Contains(t, y.ok("submit", sampleTxs).stdout, "0 accepted, 6 duplicates")
}

// TestMainSubmitChunks: a file read in chunks reports and stores exactly
// what one chunk would: rows in line order, across chunk boundaries.
func TestMainSubmitChunks(t *testing.T) {
	defer func(n int) { submitChunk = n }(submitChunk)
	submitChunk = 2
	good := func(id string, amount int) string {
		return fmt.Sprintf(`{"id":"%s","rail":"ach","direction":"credit","amount_cents":%d,"currency":"USD","counterparty":{"name":"Pat Lee","routing_number":"021000021","account_number":"55512345","account_type":"checking"},"sec_code":"PPD","submitted_at":"2026-11-23T09:00:00-08:00"}`, id, amount)
	}
	input := strings.Join([]string{good("tx_1", 100), good("tx_2", 0), "garbage", good("tx_4", 400), good("tx_5", 500)}, "\n")
	y := newYard(t)
	r := y.ry("submit", writeTemp(t, "chunks.jsonl", []byte(input)), "--output", "json")
	require.Equal(t, exitFailure, r.code, r.stderr)
	var rep submitReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, 3, rep.Accepted)
	require.Len(t, rep.Rejected, 2)
	assert.Equal(t, 2, rep.Rejected[0].Line)
	assert.Equal(t, 3, rep.Rejected[1].Line)
	list := y.ok("tx", "list").stdout
	for _, id := range []string{"tx_1", "tx_4", "tx_5"} {
		assert.Contains(t, list, id)
	}
	assert.NotContains(t, list, "tx_2")
}

// TestMainSubmitRejects: bad rows are reported with their line and
// reason; good rows are stored unless --all-or-nothing; resubmission is
// idempotent.
func TestMainSubmitRejects(t *testing.T) {
	good := func(id string) string {
		return `{"id":"` + id + `","rail":"ach","direction":"debit","amount_cents":1200,"currency":"USD","counterparty":{"name":"Pat Lee","routing_number":"021000021","account_number":"55512345","account_type":"checking"},"sec_code":"WEB","submitted_at":"2026-11-23T09:00:00-08:00"}`
	}
	input := strings.Join([]string{
		good("tx_a"),
		`{"id":"tx_b","amount_cents":"lots"}`,
		strings.Replace(good("tx_c"), `"amount_cents":1200`, `"amount_cents":0`, 1),
		"",
		strings.Replace(good("tx_d"), "021000021", "021000022", 1),
		good("tx_e"),
		"not json",
	}, "\n") + "\n"
	path := writeTemp(t, "batch.jsonl", []byte(input))

	// --all-or-nothing: nothing stored, every row reported.
	y := newYard(t)
	r := y.ry("submit", path, "--all-or-nothing", "--output", "json")
	require.Equal(t, exitFailure, r.code, r.stderr)
	var rep submitReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, 0, rep.Accepted)
	lines := func(rs []rejectedRow) (out []int) {
		for _, x := range rs {
			out = append(out, x.Line)
		}
		return out
	}
	assert.Equal(t, []int{1, 2, 3, 5, 6, 7}, lines(rep.Rejected))
	assert.Contains(t, rep.Rejected[0].Error, "--all-or-nothing")
	assert.Equal(t, "no transactions\n", y.ok("tx", "list").stdout)

	// Partial acceptance (the default).
	r = y.ry("submit", path, "--output", "json")
	require.Equal(t, exitFailure, r.code, r.stderr)
	rep = submitReport{}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, 2, rep.Accepted)
	assert.Equal(t, 0, rep.Duplicates)
	require.Equal(t, []int{2, 3, 5, 7}, lines(rep.Rejected))
	assert.Equal(t, "tx_b", rep.Rejected[0].ID)
	assert.Contains(t, rep.Rejected[0].Error, "amount_cents")
	assert.Equal(t, rejectedRow{Line: 3, ID: "tx_c", Error: "amount_cents: must be greater than 0"}, rep.Rejected[1])
	assert.Contains(t, rep.Rejected[2].Error, "counterparty.routing_number")
	assert.Equal(t, "", rep.Rejected[3].ID)
	assert.Empty(t, r.stderr)

	// Again: the good rows are duplicates, the bad ones still rejected.
	r = y.ry("submit", path, "--output", "json")
	require.Equal(t, exitFailure, r.code)
	rep = submitReport{}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, 0, rep.Accepted)
	assert.Equal(t, 2, rep.Duplicates)
	assert.Len(t, rep.Rejected, 4)

	// Only the good rows again: exit 0.
	y.stdin = good("tx_a") + "\n" + good("tx_e") + "\n"
	r = y.ok("submit", "-", "--output", "json")
	assert.Equal(t, `{"accepted":0,"duplicates":2,"rejected":[]}`+"\n", r.stdout)

	// Same ID, other content: rejected, the stored one unchanged; with
	// --all-or-nothing the new good row is not stored either.
	y.stdin = strings.Replace(good("tx_a"), "1200", "1300", 1) + "\n" + good("tx_f") + "\n"
	r = y.ry("submit", "-", "--output", "json", "--all-or-nothing")
	assert.Equal(t, exitFailure, r.code)
	assert.Equal(t, `{"accepted":0,"duplicates":0,"rejected":[{"line":1,"id":"tx_a","error":"id: a transaction with this id and other content exists"},{"line":2,"id":"tx_f","error":"not stored: --all-or-nothing and another row was rejected"}]}`+"\n", r.stdout)
	r = y.ry("submit", "-")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout, "<stdin>: 1 accepted, 0 duplicates, 1 rejected\n")
	assert.Contains(t, r.stdout, "line 1  tx_a  id: a transaction with this id and other content exists")
	var list struct {
		Transactions []struct {
			ID          string `json:"id"`
			AmountCents int64  `json:"amount_cents"`
		} `json:"transactions"`
	}
	y.stdin = ""
	y.jsonOut(&list, "tx", "list")
	require.Len(t, list.Transactions, 3)
	assert.Equal(t, "tx_a", list.Transactions[0].ID)
	assert.Equal(t, int64(1200), list.Transactions[0].AmountCents)

	// CSV on standard input.
	y.stdin = "id,rail,speed,direction,amount_cents,currency,name,routing_number,account_number,account_type,sec_code,submitted_at\n" +
		"tx_csv,ach,next_day,credit,4200,USD,Bob Ray,021000021,987654321,savings,PPD,2026-11-23T09:00:00-08:00\n" +
		"tx_csv2,ach,next_day,credit,-1,USD,Bob Ray,021000021,987654321,savings,PPD,2026-11-23T09:00:00-08:00\n"
	r = y.ry("submit", "-", "--output", "json")
	assert.Equal(t, exitFailure, r.code)
	assert.Equal(t, `{"accepted":1,"duplicates":0,"rejected":[{"line":3,"id":"tx_csv2","error":"amount_cents: must be greater than 0"}]}`+"\n", r.stdout)

	// Usage errors.
	y.stdin = ""
	assert.Equal(t, exitUsage, y.ry("submit").code)
	assert.Equal(t, exitUsage, y.ry("submit", filepath.Join(y.dir, "missing.jsonl")).code)
	assert.Equal(t, exitUsage, y.ry("run", "--at", "yesterday").code)
	assert.Equal(t, exitUsage, y.ry("tx", "list", "--status", "LOST").code)
	assert.Equal(t, exitUsage, y.ry("ingest").code)
	assert.Equal(t, exitUsage, y.ry("simulate", "return", "--file", path, "--trace", "1").code)
}

// TestMainRunConcurrent: two runners at the same moment on one store, each
// with its own connection: every transaction is in exactly one file.
func TestMainRunConcurrent(t *testing.T) {
	y := newYard(t)
	y.ok("submit", sampleTxs)
	var wg sync.WaitGroup
	codes := make([]int, 2)
	outs := make([]string, 2)
	for i := range 2 {
		wg.Go(func() {
			var out, errb bytes.Buffer
			codes[i] = run([]string{"--db", y.db, "run", "--at", sampleRunAt, "--outbox", y.outbox, "--output", "json"},
				strings.NewReader(""), &out, &errb)
			outs[i] = out.String() + errb.String()
		})
	}
	wg.Wait()
	require.Equal(t, []int{exitOK, exitOK}, codes, "%q", outs)

	var traces []string
	err := filepath.WalkDir(y.outbox, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		assert.True(t, strings.HasSuffix(p, ".ach"), "only finished files in the outbox: %s", p)
		traces = append(traces, strictEntries(t, p)...)
		return nil
	})
	require.NoError(t, err)
	require.Len(t, traces, 6, "%q", outs)
	slices.Sort(traces)
	assert.Len(t, slices.Compact(slices.Clone(traces)), 6, "no trace twice")
	for _, id := range []string{"tx_0001", "tx_0002", "tx_0003", "tx_0004", "tx_0005", "tx_0006"} {
		tx := y.tx(id)
		assert.Equal(t, "PROCESSING-CREDIT", tx.Status, id)
		assert.Contains(t, traces, tx.Trace, id)
		n := 0
		for _, e := range tx.Timeline {
			if e.Status == "PROCESSING-CREDIT" {
				n++
			}
		}
		assert.Equal(t, 1, n, "%s batched once", id)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestMainEventsFollow: --follow prints new events as they come and stops
// on interrupt with exit 0.
func TestMainEventsFollow(t *testing.T) {
	y := newYard(t)
	y.ok("submit", sampleTxs)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	savedCtx, savedInterval := interruptible, followInterval
	interruptible = func(parent context.Context) (context.Context, context.CancelFunc) {
		return context.WithCancel(ctx)
	}
	followInterval = 10 * time.Millisecond
	defer func() { interruptible, followInterval = savedCtx, savedInterval }()

	var out syncBuffer
	done := make(chan int)
	go func() {
		done <- run([]string{"--db", y.db, "events", "--since", "4", "--follow"}, strings.NewReader(""), &out, io.Discard)
	}()
	lines := func() int { return strings.Count(out.String(), "\n") }
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(3 * time.Second)
		for lines() < n && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		require.Equal(t, n, lines(), out.String())
	}
	waitFor(2) // seq 5 and 6
	y.ok("run", "--at", sampleRunAt, "--outbox", y.outbox)
	waitFor(8) // six batched
	cancel()
	select {
	case code := <-done:
		assert.Equal(t, exitOK, code)
	case <-time.After(3 * time.Second):
		t.Fatal("events --follow did not stop on interrupt")
	}
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	want := int64(5)
	for sc.Scan() {
		var ev struct {
			Seq    int64  `json:"seq"`
			Status string `json:"status"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &ev))
		assert.Equal(t, want, ev.Seq)
		want++
	}
}

// TestMainConfig: one --config file sets the originator, the outbox and
// the schedule of the engine; bad keys are usage errors naming them.
func TestMainConfig(t *testing.T) {
	y := newYard(t)
	outbox := filepath.Join(y.dir, "bank-outbox")
	cfg := writeTemp(t, "bank.toml", []byte(`company_name = "ACME PAYROLL"
company_id = "1234567890"
entry_description = "PAYROLL"
outbox = "`+outbox+`"

[offset]
name = "ACME OPERATING"
routing_number = "121042882"
account_number = "000123456789"
account_type = "checking"

[cutoffs]
closed = ["2026-11-23"]

[returns.codes.R02]
locks_user = true
`))
	y.ok("--config", cfg, "submit", sampleTxs)
	// Monday 2026-11-23 is closed by the config: the sample goes to Tuesday.
	r := y.ok("--config", cfg, "run", "--at", sampleRunAt)
	assert.Equal(t, "nothing due at Mon 2026-11-23 15:00:00 PST\n", r.stdout)
	var run runJSON
	y.jsonOut(&run, "--config", cfg, "run", "--at", "2026-11-24T15:00:00-08:00")
	require.Len(t, run.Windows, 2)
	assert.Equal(t, "ach-same-day-2026-11-24", run.Windows[0].Window)
	path := strings.ReplaceAll(run.Windows[0].Files[0].Path, "$TMP", y.dir)
	assert.True(t, strings.HasPrefix(path, outbox+string(filepath.Separator)), path)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	f, err := ach.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	require.Len(t, f.Batches, 1)
	bh := f.Batches[0].Header
	assert.Equal(t, "ACME PAYROLL", strings.TrimSpace(bh.CompanyName))
	assert.Equal(t, "1234567890", bh.CompanyIdentification)
	assert.Equal(t, "PAYROLL", strings.TrimSpace(bh.CompanyEntryDescription))
	// tx_0001 and tx_0002, tx_0006 (late on the closed Monday), the offset.
	entries := f.Batches[0].Entries
	require.Len(t, entries, 4)
	assert.Equal(t, "ACME OPERATING", strings.TrimSpace(entries[3].Name))
	assert.Equal(t, 27, int(entries[3].TransactionCode), "the offset debit balances the credits")

	for _, tc := range []struct{ content, want string }{
		{`company_id = "12345678901"`, `company_id = "12345678901": longer than 10 characters`},
		{`odfi_routing = "121042883"`, `odfi_routing = "121042883": not a routing number`},
		{`compnay_name = "X"`, `unknown field "compnay_name"`},
		{"[offset]\nrouting_number = \"121042882\"\naccount_number = \"1\"\naccount_type = \"loan\"\n", `offset.account_type = "loan"`},
		{"max_file_entries = \"many\"", "max_file_entries: got a string, want a whole number"},
		{"[cutoffs]\nzone = \"Nowhere\"\n", `cutoffs.zone = "Nowhere"`},
	} {
		bad := writeTemp(t, "bad.toml", []byte(tc.content))
		r := y.ry("--config", bad, "run", "--at", sampleRunAt)
		assert.Equal(t, exitUsage, r.code, tc.content)
		assert.Contains(t, r.stderr, "railyard: config "+bad+": ", tc.content)
		assert.Contains(t, r.stderr, tc.want, tc.content)
	}
}

// TestMainIngestErrors: unreadable input names the file and the line and
// changes nothing; the other files of the call are still ingested.
func TestMainIngestErrors(t *testing.T) {
	y := newYard(t)
	y.ok("submit", sampleTxs)
	y.ok("run", "--at", sampleRunAt, "--outbox", y.outbox)
	outFile := filepath.Join(y.outbox, "ach", "2026-11-23", sameDayWindow+"-1.ach")
	traces := strictEntries(t, outFile)

	inbound := filepath.Join(y.dir, "inbound")
	require.NoError(t, os.Mkdir(inbound, 0o700))
	y.ok("simulate", "return", "--file", outFile, "--trace", traces[0], "--code", "R03", "--out", filepath.Join(inbound, "a-return.ach"))
	require.NoError(t, os.WriteFile(filepath.Join(inbound, "b-garbage.ach"), []byte("this is not a NACHA file\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(inbound, ".hidden"), []byte("x"), 0o600))

	r := y.ry("ingest", inbound, "--at", "2026-11-24T10:00:00-08:00", "--output", "json")
	assert.Equal(t, exitFailure, r.code)
	var ing ingestJSON
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &ing), r.stdout)
	assert.Equal(t, "$TMP/inbound/a-return.ach", ing.File)
	require.Len(t, ing.Changes, 1)
	assert.Equal(t, "RETURNED", ing.Changes[0].To)
	assert.Contains(t, r.stderr, `"error":"ingest $TMP/inbound/b-garbage.ach: ach: line 1: `)

	// Our own outgoing file is not a bank file: refused, nothing changed.
	r = y.ry("ingest", outFile)
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "railyard: ingest $TMP/outbox/ach/2026-11-23/"+sameDayWindow+"-1.ach: line 3: forward entry")
	assert.Empty(t, r.stdout)
	assert.Equal(t, "PROCESSING-CREDIT", y.tx("tx_0002").Status)

	// The directory again: the return is a duplicate.
	r = y.ry("ingest", inbound)
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout, "a-return.ach: already ingested")

	// Unknown trace for simulate: exit 1.
	r = y.ry("simulate", "return", "--file", outFile, "--trace", "121042889999999", "--code", "R01")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "no entry with trace 121042889999999")
	assert.Empty(t, r.stdout)
}

// TestMainReadmeFirstCommand runs the first command of the README's
// "Start here" twice, as written (with temporary paths): it must succeed
// both times and say what it did.
func TestMainReadmeFirstCommand(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, start, ok := strings.Cut(string(readme), "## Start here")
	require.True(t, ok)
	_, block, ok := strings.Cut(start, "```sh\n")
	require.True(t, ok)
	first, _, _ := strings.Cut(block, "\n")
	const goRun = "go run ./cmd/railyard "
	steps := strings.Split(first, " && ")
	require.Len(t, steps, 2, first)

	y := newYard(t)
	var text strings.Builder
	for round := range 2 {
		for _, step := range steps {
			require.True(t, strings.HasPrefix(step, goRun), step)
			args := strings.Fields(strings.TrimPrefix(step, goRun))
			for i, a := range args {
				switch a {
				case "/tmp/railyard-demo.db":
					args[i] = y.db
				case "/tmp/railyard-outbox":
					args[i] = y.outbox
				case "testdata/transactions.jsonl":
					args[i] = sampleTxs
				}
			}
			r := railyard(t, "", args...)
			require.Equal(t, exitOK, r.code, "round %d: %s\n%s%s", round+1, step, r.stdout, r.stderr)
			out := strings.ReplaceAll(r.stdout, y.dir, "/tmp")
			out = strings.ReplaceAll(out, "/tmp/outbox", "/tmp/railyard-outbox")
			out = strings.ReplaceAll(out, sampleTxs, "testdata/transactions.jsonl")
			text.WriteString("$ " + step + "\n" + out)
		}
	}
	golden(t, "main-readme.txt", text.String())
	assert.Contains(t, text.String(), "6 accepted, 0 duplicates")
	assert.Contains(t, text.String(), "2 windows closed, 6 transactions, 2 files")
	assert.Contains(t, text.String(), "0 accepted, 6 duplicates")
	assert.Contains(t, text.String(), "nothing due at Mon 2026-11-23 15:00:00 PST")
}
