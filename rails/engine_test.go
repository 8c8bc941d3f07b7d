package rails_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/railtest"
	"github.com/railyardhq/railyard/returns"
)

var la = func() *time.Location {
	l, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		panic(err)
	}
	return l
}()

// pt is a Pacific instant.
func pt(y int, mo time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, mo, d, h, mi, s, 0, la)
}

func newEngine(t testing.TB, mods ...func(*rails.Config)) (*rails.Engine, *railtest.MemStore) {
	t.Helper()
	cfg := rails.DefaultConfig()
	cfg.Outbox = t.TempDir()
	for _, m := range mods {
		m(&cfg)
	}
	st := railtest.NewMemStore()
	eng, err := rails.NewEngine(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return eng, st
}

// tx is a valid next-day PPD credit of $10.00 to a checking account.
func tx(id string, at time.Time) *rails.Transaction {
	return &rails.Transaction{
		ID: id, Rail: rails.ACH, Speed: rails.NextDay, Direction: rails.Credit, AmountCents: 1000, Currency: "USD",
		Counterparty: rails.Counterparty{Name: "JANE DOE", RoutingNumber: "076401251", AccountNumber: "12345678",
			AccountType: rails.Checking},
		SECCode: "PPD", SubmittedAt: at,
	}
}

func submit(t testing.TB, eng *rails.Engine, txs ...*rails.Transaction) []rails.SubmitOutcome {
	t.Helper()
	out, err := eng.Submit(context.Background(), txs)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out {
		if o.Result != rails.SubmitCreated {
			t.Fatalf("submit %s: %s %v", o.ID, o.Result, o.Reasons)
		}
	}
	return out
}

func run(t testing.TB, eng *rails.Engine, at time.Time) *rails.RunResult {
	t.Helper()
	res, err := eng.Run(context.Background(), at)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// readStrict reads a file railyard wrote with ach's strict profile.
func readStrict(t testing.TB, path string) *ach.File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := ach.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s fails strict validation: %v", path, err)
	}
	return f
}

func TestSubmitValidation(t *testing.T) {
	at := pt(2026, 3, 6, 9, 0, 0)
	tests := []struct {
		name   string
		mod    func(*rails.Transaction)
		reason string // "" = valid
	}{
		{"valid", func(*rails.Transaction) {}, ""},
		{"valid savings debit", func(x *rails.Transaction) {
			x.Direction, x.Counterparty.AccountType = rails.Debit, rails.Savings
		}, ""},
		{"valid loan credit", func(x *rails.Transaction) { x.Counterparty.AccountType = rails.Loan }, ""},
		{"valid general ledger debit", func(x *rails.Transaction) {
			x.Direction, x.Counterparty.AccountType = rails.Debit, rails.GeneralLedger
		}, ""},
		{"valid CTX with addenda", func(x *rails.Transaction) { x.SECCode, x.Addenda = "CTX", "ISA*00*REMITTANCE\\" }, ""},
		{"valid WEB credit", func(x *rails.Transaction) { x.SECCode = "WEB" }, ""},
		{"valid TEL debit", func(x *rails.Transaction) { x.SECCode, x.Direction = "TEL", rails.Debit }, ""},
		{"valid same day", func(x *rails.Transaction) { x.Speed = rails.SameDay }, ""},
		{"valid memo of 80 runes", func(x *rails.Transaction) { x.Memo = strings.Repeat("é", 80) }, ""},
		{"no id", func(x *rails.Transaction) { x.ID = "" }, "id:"},
		{"rpps not yet supported", func(x *rails.Transaction) { x.Rail, x.Speed = cutoffs.RPPS, "" }, "not yet supported"},
		{"unknown rail", func(x *rails.Transaction) { x.Rail = "pigeon" }, "rail:"},
		{"bad speed", func(x *rails.Transaction) { x.Speed = "rtp" }, "speed:"},
		{"zero amount", func(x *rails.Transaction) { x.AmountCents = 0 }, "amount_cents:"},
		{"negative amount", func(x *rails.Transaction) { x.AmountCents = -5 }, "amount_cents:"},
		{"amount over entry field", func(x *rails.Transaction) { x.AmountCents = 10_000_000_000 }, "amount_cents:"},
		{"currency EUR", func(x *rails.Transaction) { x.Currency = "EUR" }, "currency:"},
		{"no currency", func(x *rails.Transaction) { x.Currency = "" }, "currency:"},
		{"bad check digit", func(x *rails.Transaction) { x.Counterparty.RoutingNumber = "076401252" }, "counterparty.routing_number:"},
		{"short routing", func(x *rails.Transaction) { x.Counterparty.RoutingNumber = "07640125" }, "counterparty.routing_number:"},
		{"no name", func(x *rails.Transaction) { x.Counterparty.Name = "  " }, "counterparty.name:"},
		{"non-ASCII name", func(x *rails.Transaction) { x.Counterparty.Name = "JOSÉ" }, "counterparty.name:"},
		{"no account", func(x *rails.Transaction) { x.Counterparty.AccountNumber = "" }, "counterparty.account_number:"},
		{"long account", func(x *rails.Transaction) { x.Counterparty.AccountNumber = strings.Repeat("1", 18) }, "counterparty.account_number:"},
		{"account with blank", func(x *rails.Transaction) { x.Counterparty.AccountNumber = "123 456" }, "counterparty.account_number:"},
		{"bad account type", func(x *rails.Transaction) { x.Counterparty.AccountType = "brokerage" }, "counterparty.account_type:"},
		{"loan debit", func(x *rails.Transaction) {
			x.Direction, x.Counterparty.AccountType = rails.Debit, rails.Loan
		}, "R35"},
		{"bad direction", func(x *rails.Transaction) { x.Direction = "sideways" }, "direction:"},
		{"no SEC", func(x *rails.Transaction) { x.SECCode = "" }, "sec_code:"},
		{"IAT SEC", func(x *rails.Transaction) { x.SECCode = "IAT" }, "sec_code:"},
		{"TEL credit", func(x *rails.Transaction) { x.SECCode = "TEL" }, "R36"},
		{"TEL addenda", func(x *rails.Transaction) {
			x.SECCode, x.Direction, x.Addenda = "TEL", rails.Debit, "NOTE"
		}, "addenda:"},
		{"memo too long", func(x *rails.Transaction) { x.Memo = strings.Repeat("m", 81) }, "memo:"},
		{"addenda too long", func(x *rails.Transaction) { x.Addenda = strings.Repeat("a", 81) }, "addenda:"},
		{"addenda non-ASCII", func(x *rails.Transaction) { x.Addenda = "naïve" }, "addenda:"},
		{"bad process_on", func(x *rails.Transaction) { x.ProcessOn = cutoffs.Date{Year: 2026, Month: 2, Day: 30} }, "process_on:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng, _ := newEngine(t)
			x := tx("tx_1", at)
			tt.mod(x)
			out, err := eng.Submit(context.Background(), []*rails.Transaction{x})
			if err != nil {
				t.Fatal(err)
			}
			o := out[0]
			if tt.reason == "" {
				if o.Result != rails.SubmitCreated {
					t.Fatalf("got %s %v, want created", o.Result, o.Reasons)
				}
				if x.Status != returns.Created || len(x.Timeline) != 1 || x.Window.ID == "" {
					t.Errorf("tx not prepared: status %s timeline %v window %+v", x.Status, x.Timeline, x.Window)
				}
				return
			}
			if o.Result != rails.SubmitInvalid {
				t.Fatalf("got %s, want invalid (%s)", o.Result, tt.reason)
			}
			if !slices.ContainsFunc(o.Reasons, func(r string) bool { return strings.Contains(r, tt.reason) }) {
				t.Errorf("reasons %q do not mention %q", o.Reasons, tt.reason)
			}
		})
	}
}

func TestSubmitPartialAndAllOrNothing(t *testing.T) {
	ctx := context.Background()
	at := pt(2026, 3, 6, 9, 0, 0)
	bad := tx("tx_bad", at)
	bad.AmountCents = 0

	eng, st := newEngine(t)
	out, err := eng.Submit(ctx, []*rails.Transaction{tx("tx_1", at), bad, tx("tx_2", at)})
	if err != nil {
		t.Fatal(err)
	}
	got := []rails.SubmitStatus{out[0].Result, out[1].Result, out[2].Result}
	if !slices.Equal(got, []rails.SubmitStatus{rails.SubmitCreated, rails.SubmitInvalid, rails.SubmitCreated}) {
		t.Fatalf("partial: %v", got)
	}
	if all, _ := st.Transactions(ctx, rails.Filter{}); len(all) != 2 {
		t.Fatalf("partial stored %d, want 2", len(all))
	}

	eng2, st2 := newEngine(t)
	eng2.AllOrNothing = true
	out, err = eng2.Submit(ctx, []*rails.Transaction{tx("tx_1", at), bad, tx("tx_2", at)})
	if err != nil {
		t.Fatal(err)
	}
	got = []rails.SubmitStatus{out[0].Result, out[1].Result, out[2].Result}
	if !slices.Equal(got, []rails.SubmitStatus{rails.SubmitSkipped, rails.SubmitInvalid, rails.SubmitSkipped}) {
		t.Fatalf("all or nothing: %v", got)
	}
	if all, _ := st2.Transactions(ctx, rails.Filter{}); len(all) != 0 {
		t.Fatalf("all or nothing stored %d, want 0", len(all))
	}
}

// TestSubmitAllOrNothingConflictAndClosed: with AllOrNothing a conflict
// found by the store stores nothing (the store's SubmitAll, not a check
// before it), and a transaction whose window was claimed rolls to the next
// window with the rest of the call stored together.
func TestSubmitAllOrNothingConflictAndClosed(t *testing.T) {
	ctx := context.Background()
	at := pt(2026, 3, 6, 9, 0, 0)
	eng, st := newEngine(t)
	eng.AllOrNothing = true
	submit(t, eng, tx("tx_old", at))
	other := tx("tx_old", at)
	other.AmountCents = 5
	out, err := eng.Submit(ctx, []*rails.Transaction{tx("tx_1", at), other, tx("tx_old", at)})
	if err != nil {
		t.Fatal(err)
	}
	got := []rails.SubmitStatus{out[0].Result, out[1].Result, out[2].Result}
	if !slices.Equal(got, []rails.SubmitStatus{rails.SubmitSkipped, rails.SubmitConflict, rails.SubmitSkipped}) {
		t.Fatalf("conflict: %v", got)
	}
	if _, err := st.Transaction(ctx, "tx_1"); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("tx_1 stored beside a conflict: %v", err)
	}

	// The 2026-03-06 next-day window is claimed: a late arrival for it
	// rolls to 2026-03-09, stored with the rest.
	run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	out, err = eng.Submit(ctx, []*rails.Transaction{tx("tx_late", at), tx("tx_old", at), tx("tx_next", pt(2026, 3, 9, 9, 0, 0))})
	if err != nil {
		t.Fatal(err)
	}
	got = []rails.SubmitStatus{out[0].Result, out[1].Result, out[2].Result}
	if !slices.Equal(got, []rails.SubmitStatus{rails.SubmitCreated, rails.SubmitDuplicate, rails.SubmitCreated}) {
		t.Fatalf("closed window: %v %v", got, out)
	}
	late, err := st.Transaction(ctx, "tx_late")
	if err != nil || late.Window.ID != "ach-next-day-2026-03-09" || out[0].Window != late.Window.ID {
		t.Errorf("late arrival in %v (outcome %s), err %v; want ach-next-day-2026-03-09", late, out[0].Window, err)
	}
}

func TestSubmitIdempotent(t *testing.T) {
	ctx := context.Background()
	at := pt(2026, 3, 6, 9, 0, 0)
	eng, _ := newEngine(t)
	submit(t, eng, tx("tx_1", at))
	out, _ := eng.Submit(ctx, []*rails.Transaction{tx("tx_1", at)})
	if out[0].Result != rails.SubmitDuplicate {
		t.Errorf("same content: %s", out[0].Result)
	}
	other := tx("tx_1", at)
	other.AmountCents = 2000
	out, _ = eng.Submit(ctx, []*rails.Transaction{other})
	if out[0].Result != rails.SubmitConflict {
		t.Errorf("other content: %s", out[0].Result)
	}
	// A resubmission without submitted_at takes the stored one.
	again := tx("tx_1", time.Time{})
	out, _ = eng.Submit(ctx, []*rails.Transaction{again})
	if out[0].Result != rails.SubmitDuplicate {
		t.Errorf("resubmitted without submitted_at: %s %v", out[0].Result, out[0].Reasons)
	}
}

// The ACH vectors of cutoffs.md §2.2, through Submit and Run.
func TestCutoffVectors(t *testing.T) {
	tests := []struct {
		at     time.Time
		speed  rails.Speed
		amount int64
		window string
		eed    string
		late   bool
	}{
		{pt(2026, 3, 6, 10, 59, 59), rails.SameDay, 100, "ach-same-day-2026-03-06", "260306", false},
		{pt(2026, 3, 6, 11, 0, 0), rails.SameDay, 100, "ach-same-day-2026-03-06", "260306", false},
		{pt(2026, 3, 6, 11, 0, 1), rails.SameDay, 100, "ach-next-day-2026-03-06", "260309", true},
		{pt(2026, 3, 6, 15, 0, 1), rails.SameDay, 100, "ach-same-day-2026-03-09", "260309", false},
		{pt(2026, 3, 9, 10, 30, 0), rails.SameDay, 100, "ach-same-day-2026-03-09", "260309", false},
		{pt(2026, 3, 10, 10, 0, 0), rails.SameDay, 100_000_001, "ach-next-day-2026-03-10", "260311", false},
		{pt(2026, 7, 2, 14, 59, 59), rails.NextDay, 100, "ach-next-day-2026-07-02", "260703", false},
		{pt(2026, 7, 2, 15, 0, 1), rails.NextDay, 100, "ach-next-day-2026-07-03", "260706", false},
		{pt(2026, 7, 4, 10, 0, 0), rails.SameDay, 100, "ach-same-day-2026-07-06", "260706", false},
		{pt(2026, 11, 25, 16, 0, 0), rails.NextDay, 100, "ach-next-day-2026-11-27", "261130", false},
		{pt(2026, 12, 31, 12, 0, 0), rails.NextDay, 100, "ach-next-day-2026-12-31", "270104", false},
		{pt(2027, 7, 2, 10, 0, 0), rails.NextDay, 100, "ach-next-day-2027-07-02", "270706", false},
		{pt(2027, 12, 30, 15, 30, 0), rails.NextDay, 100, "ach-next-day-2027-12-31", "280103", false},
	}
	for _, tt := range tests {
		t.Run(tt.at.Format(time.RFC3339)+"-"+string(tt.speed), func(t *testing.T) {
			eng, _ := newEngine(t)
			x := tx("tx_1", tt.at)
			x.Speed, x.AmountCents = tt.speed, tt.amount
			out := submit(t, eng, x)
			if out[0].Window != tt.window {
				t.Fatalf("window %s, want %s", out[0].Window, tt.window)
			}
			if late := out[0].Fallback == "late"; late != tt.late {
				t.Errorf("fallback %q, late want %v", out[0].Fallback, tt.late)
			}
			// Nothing is due a second before the cutoff.
			cut := x.Window.Cutoff
			if res := run(t, eng, cut.Add(-time.Second)); len(res.Windows) != 0 {
				t.Fatalf("run before the cutoff closed %v", res.Windows)
			}
			res := run(t, eng, cut)
			if len(res.Windows) != 1 || res.Windows[0].Window != tt.window || len(res.Windows[0].Files) != 1 {
				t.Fatalf("run: %+v", res)
			}
			fr := res.Windows[0].Files[0]
			wantPath := filepath.Join(eng.Config().Outbox, "ach", x.Window.BatchDate.String(), tt.window+"-1.ach")
			if fr.Path != wantPath {
				t.Errorf("path %s, want %s", fr.Path, wantPath)
			}
			f := readStrict(t, fr.Path)
			if got := f.Batches[0].Header.EffectiveEntryDate; got != tt.eed {
				t.Errorf("EED %s, want %s", got, tt.eed)
			}
			c := cut.In(la)
			if f.Header.FileCreationDate != c.Format("060102") || f.Header.FileCreationTime != c.Format("1504") {
				t.Errorf("file creation %s %s, want the cutoff %s", f.Header.FileCreationDate, f.Header.FileCreationTime, c)
			}
		})
	}
}

// mixed submits a varied set of transactions for the next-day window of
// Fri 2026-03-06 and returns them.
func mixed(t testing.TB, eng *rails.Engine, n int) []*rails.Transaction {
	t.Helper()
	secs := []string{"PPD", "CCD", "WEB", "CTX"}
	var txs []*rails.Transaction
	for i := range n {
		x := tx(fmt.Sprintf("tx_%04d", i), pt(2026, 3, 6, 9, 0, i%60))
		x.SECCode = secs[i%len(secs)]
		x.AmountCents = int64(100 + i*7)
		if i%3 == 0 {
			x.Direction = rails.Debit
		}
		if i%5 == 0 {
			x.Counterparty.AccountType = rails.Savings
		}
		if i%4 == 1 {
			x.Addenda = fmt.Sprintf("INVOICE %d", i)
		}
		if i%7 == 0 {
			x.Speed = rails.SameDay
		}
		txs = append(txs, x)
	}
	submit(t, eng, txs...)
	return txs
}

// entriesByTrace reads every file of a run result strictly and returns
// each entry by trace, failing on a trace seen twice.
func entriesByTrace(t testing.TB, res *rails.RunResult) (map[string]ach.Entry, []*ach.File) {
	t.Helper()
	out := map[string]ach.Entry{}
	var files []*ach.File
	for _, w := range res.Windows {
		for _, fr := range w.Files {
			f := readStrict(t, fr.Path)
			files = append(files, f)
			for _, b := range f.Batches {
				for _, e := range b.Entries {
					if _, dup := out[e.TraceNumber]; dup {
						t.Fatalf("trace %s twice", e.TraceNumber)
					}
					out[e.TraceNumber] = e
				}
			}
		}
	}
	return out, files
}

func TestRunFilesValidCompleteAndGrouped(t *testing.T) {
	ctx := context.Background()
	eng, st := newEngine(t)
	txs := mixed(t, eng, 200)
	res := run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	if len(res.Windows) != 2 {
		t.Fatalf("windows: %+v", res.Windows)
	}
	byTrace, files := entriesByTrace(t, res)
	if len(byTrace) != len(txs) {
		t.Fatalf("%d entries for %d transactions", len(byTrace), len(txs))
	}
	for _, x := range txs {
		got, err := st.Transaction(ctx, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != returns.ProcessingCredit || got.Trace == "" || got.File == "" {
			t.Fatalf("%s: status %s trace %q file %q", x.ID, got.Status, got.Trace, got.File)
		}
		e, ok := byTrace[got.Trace]
		if !ok {
			t.Fatalf("%s: trace %s in no file", x.ID, got.Trace)
		}
		if e.Amount != x.AmountCents || e.DFIAccountNumber != x.Counterparty.AccountNumber {
			t.Errorf("%s: entry %+v", x.ID, e)
		}
		if (x.Addenda != "") != (len(e.Addenda) == 1) {
			t.Errorf("%s: addenda %q, entry has %d", x.ID, x.Addenda, len(e.Addenda))
		}
		if len(got.Timeline) != 2 || got.Timeline[1].Status != returns.ProcessingCredit {
			t.Errorf("%s: timeline %+v", x.ID, got.Timeline)
		}
	}
	// Batches: one per (SEC, direction, EED), service class by direction.
	for _, f := range files {
		seen := map[string]bool{}
		for _, b := range f.Batches {
			h := b.Header
			credit := h.ServiceClassCode == ach.ServiceCredits
			if !credit && h.ServiceClassCode != ach.ServiceDebits {
				t.Errorf("service class %d", h.ServiceClassCode)
			}
			key := fmt.Sprint(h.StandardEntryClass, credit, h.EffectiveEntryDate)
			if seen[key] {
				t.Errorf("two batches for %s in one file", key)
			}
			seen[key] = true
			if h.CompanyName != "RAILYARD SANDBOX" || h.CompanyIdentification != "1470000001" || h.CompanyEntryDescription != "PAYMENT" {
				t.Errorf("header %+v", h)
			}
			prev := ""
			for _, e := range b.Entries {
				if ach.IsCredit(e.TransactionCode) != credit {
					t.Errorf("entry %d in batch of class %d", e.TransactionCode, h.ServiceClassCode)
				}
				if e.TraceNumber <= prev || !strings.HasPrefix(e.TraceNumber, "12104288") {
					t.Errorf("trace %s after %s", e.TraceNumber, prev)
				}
				prev = e.TraceNumber
			}
		}
		if len(f.Batches) != 8 { // 4 SECs × credit/debit, one EED per window
			t.Errorf("%d batches, want 8", len(f.Batches))
		}
	}
	// Files are 0600.
	for _, w := range res.Windows {
		for _, fr := range w.Files {
			fi, err := os.Stat(fr.Path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s mode %v", fr.Path, fi.Mode().Perm())
			}
		}
	}
}

func TestRerunSameWindow(t *testing.T) {
	eng, st := newEngine(t)
	mixed(t, eng, 20)
	cut := pt(2026, 3, 6, 15, 0, 0)
	res := run(t, eng, cut)
	before := snapshot(t, eng.Config().Outbox)
	if len(before) != 2 {
		t.Fatalf("files: %v", len(before))
	}
	for _, at := range []time.Time{cut, cut.Add(time.Hour), cut.Add(72 * time.Hour)} {
		again := run(t, eng, at)
		if len(again.Windows) != 0 {
			t.Errorf("re-run at %s acted on %+v", at, again.Windows)
		}
	}
	if after := snapshot(t, eng.Config().Outbox); !maps2Equal(before, after) {
		t.Error("re-run changed the outbox")
	}
	// The claim rebuilds the same bytes.
	for _, w := range res.Windows {
		key := rails.WindowKey{Rail: w.Rail, ID: w.Window}
		c, err := st.Claim(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		for _, fp := range c.Plan.Files {
			var buf bytes.Buffer
			if err := eng.RebuildFile(context.Background(), &buf, key, fp.Seq); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), before[filepath.FromSlash(fp.Name)]) {
				t.Errorf("rebuild of %s differs", fp.Name)
			}
		}
	}
}

// snapshot returns every file under dir by relative path.
func snapshot(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func maps2Equal(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// flakyStore fails FileWritten while failWrites > 0, as if the process
// had died after the claim (and perhaps after the rename).
type flakyStore struct {
	rails.Store
	mu         sync.Mutex
	failWrites int
	failed     []string // paths whose FileWritten failed
}

var errCrash = errors.New("simulated crash")

func (s *flakyStore) FileWritten(ctx context.Context, key rails.WindowKey, seq int, path, sha string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failWrites > 0 {
		s.failWrites--
		s.failed = append(s.failed, path)
		return errCrash
	}
	return s.Store.FileWritten(ctx, key, seq, path, sha)
}

func TestRecoveryRebuildsIdenticalFiles(t *testing.T) {
	cut := pt(2026, 3, 6, 15, 0, 0)
	// Reference: a clean run.
	ref, _ := newEngine(t, func(c *rails.Config) { c.MaxFileEntries = 7 })
	mixed(t, ref, 30)
	run(t, ref, cut)
	want := snapshot(t, ref.Config().Outbox)

	for _, tc := range []struct {
		name   string
		remove bool // the crash came before the rename: no file on disk
	}{{"crash before rename", true}, {"crash after rename", false}} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := rails.DefaultConfig()
			cfg.Outbox, cfg.MaxFileEntries = t.TempDir(), 7
			fs := &flakyStore{Store: railtest.NewMemStore(), failWrites: 1}
			eng, err := rails.NewEngine(fs, cfg)
			if err != nil {
				t.Fatal(err)
			}
			mixed(t, eng, 30)
			if _, err := eng.Run(context.Background(), cut); !errors.Is(err, errCrash) {
				t.Fatalf("first run: %v", err)
			}
			if tc.remove {
				for _, p := range fs.failed {
					if err := os.Remove(p); err != nil {
						t.Fatal(err)
					}
				}
			}
			res := run(t, eng, cut.Add(time.Minute))
			if len(res.Windows) == 0 || !res.Windows[0].Recovered {
				t.Fatalf("no recovery: %+v", res.Windows)
			}
			got := snapshot(t, cfg.Outbox)
			if !maps2Equal(got, want) {
				t.Errorf("recovered outbox differs from a clean run: %d vs %d files", len(got), len(want))
			}
			if again := run(t, eng, cut.Add(time.Hour)); len(again.Windows) != 0 {
				t.Errorf("third run acted: %+v", again.Windows)
			}
		})
	}
}

func TestConcurrentRuns(t *testing.T) {
	eng, st := newEngine(t)
	txs := mixed(t, eng, 100)
	eng2, err := rails.NewEngine(st, eng.Config()) // a second runner, same store and outbox
	if err != nil {
		t.Fatal(err)
	}
	cut := pt(2026, 3, 6, 15, 0, 0)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, e := range []*rails.Engine{eng, eng2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = e.Run(context.Background(), cut)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	files := snapshot(t, eng.Config().Outbox)
	traces := map[string]int{}
	for name, data := range files {
		if strings.Contains(name, ".tmp") {
			t.Errorf("temporary file left: %s", name)
			continue
		}
		f, err := ach.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range f.Batches {
			for _, e := range b.Entries {
				traces[e.TraceNumber]++
			}
		}
	}
	if len(traces) != len(txs) {
		t.Errorf("%d traces for %d transactions", len(traces), len(txs))
	}
	for tr, n := range traces {
		if n != 1 {
			t.Errorf("trace %s in %d entries", tr, n)
		}
	}
}

func TestCancel(t *testing.T) {
	ctx := context.Background()
	eng, st := newEngine(t)
	a, b, c := tx("tx_a", pt(2026, 3, 6, 9, 0, 0)), tx("tx_b", pt(2026, 3, 6, 9, 0, 0)), tx("tx_c", pt(2026, 3, 6, 9, 0, 0))
	submit(t, eng, a, b, c)
	if err := eng.Cancel(ctx, "tx_a", pt(2026, 3, 6, 10, 0, 0)); err != nil {
		t.Fatal(err)
	}
	if err := eng.Cancel(ctx, "tx_nope", pt(2026, 3, 6, 10, 0, 0)); !errors.Is(err, rails.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	// After the cutoff the window is sealed, even before Run.
	if err := eng.Cancel(ctx, "tx_b", pt(2026, 3, 6, 15, 0, 1)); !errors.Is(err, rails.ErrNotCancelable) {
		t.Errorf("after the cutoff: %v", err)
	}
	res := run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	byTrace, _ := entriesByTrace(t, res)
	if len(byTrace) != 2 || res.Windows[0].Transactions != 2 {
		t.Fatalf("%d entries, want 2", len(byTrace))
	}
	got, _ := st.Transaction(ctx, "tx_a")
	if got.Status != returns.Canceled || got.Trace != "" || got.File != "" {
		t.Errorf("canceled tx: %+v", got)
	}
	if err := eng.Cancel(ctx, "tx_c", pt(2026, 3, 6, 14, 0, 0)); !errors.Is(err, rails.ErrNotCancelable) {
		t.Errorf("after the claim: %v", err)
	}
	if err := eng.Cancel(ctx, "tx_a", pt(2026, 3, 6, 14, 0, 0)); !errors.Is(err, rails.ErrNotCancelable) {
		t.Errorf("twice: %v", err)
	}
}

func TestLateSubmissionRollsToNextWindow(t *testing.T) {
	eng, _ := newEngine(t)
	submit(t, eng, tx("tx_1", pt(2026, 3, 6, 9, 0, 0)))
	run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	// Submitted later with a submitted_at before the cutoff that was run.
	x := tx("tx_2", pt(2026, 3, 6, 9, 30, 0))
	out := submit(t, eng, x)
	if out[0].Window != "ach-next-day-2026-03-09" {
		t.Fatalf("window %s, want the next one", out[0].Window)
	}
	res := run(t, eng, pt(2026, 3, 9, 15, 0, 0))
	if len(res.Windows) != 1 || res.Windows[0].Transactions != 1 {
		t.Fatalf("%+v", res.Windows)
	}
}

func TestSplitByMaxEntriesAndAmount(t *testing.T) {
	eng, _ := newEngine(t, func(c *rails.Config) { c.MaxFileEntries = 3 })
	var txs []*rails.Transaction
	for i := range 10 {
		txs = append(txs, tx(fmt.Sprintf("tx_%02d", i), pt(2026, 3, 6, 9, 0, 0)))
	}
	submit(t, eng, txs...)
	res := run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	files := res.Windows[0].Files
	if len(files) != 4 {
		t.Fatalf("%d files, want 4", len(files))
	}
	var mods []string
	for i, fr := range files {
		f := readStrict(t, fr.Path)
		n := 0
		for _, b := range f.Batches {
			n += len(b.Entries)
		}
		if want := []int{3, 3, 3, 1}[i]; n != want || fr.Entries != want {
			t.Errorf("file %d: %d entries (result %d), want %d", i+1, n, fr.Entries, want)
		}
		mods = append(mods, f.Header.FileIDModifier)
		if !strings.HasSuffix(fr.Path, fmt.Sprintf("ach-next-day-2026-03-06-%d.ach", i+1)) {
			t.Errorf("path %s", fr.Path)
		}
	}
	if strings.Join(mods, "") != "ABCD" {
		t.Errorf("file id modifiers %v", mods)
	}

	// By amount: $25 a file, $10 entries → two per file.
	eng2, _ := newEngine(t, func(c *rails.Config) { c.MaxFileAmountCents = 2500 })
	submit(t, eng2, tx("a", pt(2026, 3, 6, 9, 0, 0)), tx("b", pt(2026, 3, 6, 9, 0, 0)), tx("c", pt(2026, 3, 6, 9, 0, 0)))
	res = run(t, eng2, pt(2026, 3, 6, 15, 0, 0))
	if n := len(res.Windows[0].Files); n != 2 {
		t.Fatalf("%d files, want 2", n)
	}
	if fr := res.Windows[0].Files[0]; fr.CreditTotalCents != 2000 {
		t.Errorf("first file credits %d", fr.CreditTotalCents)
	}
}

// TestGroupsContiguousAcrossFiles: the planner sees a window's
// transactions in batch-key order, so when files split a window each key
// is one run of batches: it may go on as a new batch in the next file,
// but never comes back after another key. Traces ascend through the
// window.
func TestGroupsContiguousAcrossFiles(t *testing.T) {
	eng, _ := newEngine(t, func(c *rails.Config) { c.MaxFileEntries = 17 })
	txs := mixed(t, eng, 300)
	res := run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	byTrace, _ := entriesByTrace(t, res)
	if len(byTrace) != len(txs) {
		t.Fatalf("%d entries for %d transactions", len(byTrace), len(txs))
	}
	for _, w := range res.Windows {
		var keys []string
		done := map[string]bool{}
		prevTrace := ""
		for _, fr := range w.Files {
			f := readStrict(t, fr.Path)
			for _, b := range f.Batches {
				h := b.Header
				k := fmt.Sprint(h.StandardEntryClass, h.ServiceClassCode, h.EffectiveEntryDate)
				if len(keys) == 0 || keys[len(keys)-1] != k {
					if done[k] {
						t.Errorf("%s: key %s comes back after %s", w.Window, k, keys[len(keys)-1])
					}
					if len(keys) > 0 {
						done[keys[len(keys)-1]] = true
					}
					keys = append(keys, k)
				}
				for _, e := range b.Entries {
					if e.TraceNumber <= prevTrace {
						t.Errorf("%s: trace %s after %s", w.Window, e.TraceNumber, prevTrace)
					}
					prevTrace = e.TraceNumber
				}
			}
		}
		if len(keys) < 2 {
			t.Errorf("%s: only %d keys: the test needs several", w.Window, len(keys))
		}
	}
}

func TestCountersAcrossWindows(t *testing.T) {
	eng, _ := newEngine(t)
	submit(t, eng, tx("a", pt(2026, 3, 6, 9, 0, 0)))
	same := tx("b", pt(2026, 3, 6, 9, 0, 0))
	same.Speed = rails.SameDay
	submit(t, eng, same)
	submit(t, eng, tx("c", pt(2026, 3, 9, 9, 0, 0)))
	r1 := run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	r2 := run(t, eng, pt(2026, 3, 9, 15, 0, 0))
	var got []string
	for _, r := range []*rails.RunResult{r1, r2} {
		for _, w := range r.Windows {
			f := readStrict(t, w.Files[0].Path)
			got = append(got, f.Header.FileIDModifier+" "+f.Batches[0].Entries[0].TraceNumber)
		}
	}
	want := []string{"A 121042880000001", "B 121042880000002", "A 121042880000003"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestOffsetAccount(t *testing.T) {
	eng, _ := newEngine(t, func(c *rails.Config) {
		c.Offset = &rails.OffsetAccount{RoutingNumber: "121042882", AccountNumber: "99887766", AccountType: rails.Checking}
		c.MaxFileEntries = 5
	})
	mixed(t, eng, 12)
	res := run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	for _, w := range res.Windows {
		for _, fr := range w.Files {
			f := readStrict(t, fr.Path)
			n := 0
			for _, b := range f.Batches {
				n += len(b.Entries)
				if b.Header.ServiceClassCode != ach.ServiceMixed || b.Control.TotalCredit != b.Control.TotalDebit {
					t.Errorf("batch not balanced: %+v", b.Control)
				}
				last := b.Entries[len(b.Entries)-1]
				if last.DFIAccountNumber != "99887766" {
					t.Errorf("last entry is not the offset: %+v", last)
				}
			}
			if n > 5 || n != fr.Entries {
				t.Errorf("file %s: %d entries (result %d)", fr.Path, n, fr.Entries)
			}
		}
	}
}

func TestSettle(t *testing.T) {
	ctx := context.Background()
	eng, st := newEngine(t)
	submit(t, eng, tx("a", pt(2026, 3, 6, 9, 0, 0)))
	run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	res, err := eng.Settle(ctx, pt(2026, 3, 6, 23, 0, 0))
	if err != nil || len(res.Settled) != 0 {
		t.Fatalf("before settlement: %+v %v", res, err)
	}
	res, err = eng.Settle(ctx, pt(2026, 3, 9, 6, 0, 0))
	if err != nil || !slices.Equal(res.Settled, []string{"a"}) || res.Through.String() != "2026-03-09" {
		t.Fatalf("on settlement: %+v %v", res, err)
	}
	got, _ := st.Transaction(ctx, "a")
	if got.Status != returns.Settled {
		t.Errorf("status %s", got.Status)
	}
}

// sent submits one transaction, runs its window and returns it as
// stored with its file's bytes.
func sent(t *testing.T, eng *rails.Engine, x *rails.Transaction) (*rails.Transaction, []byte) {
	t.Helper()
	submit(t, eng, x)
	res := run(t, eng, x.Window.Cutoff)
	got, err := eng.Transaction(context.Background(), x.ID)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(res.Windows[0].Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	return got, data
}

func TestIngestReturn(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		dir                rails.Direction
		code, note         string
		lockNode, lockUser bool
	}{
		{rails.Debit, "R01", "[Returned on Debit] R01 -- Insufficient Funds", false, false},
		{rails.Credit, "R03", "[Returned on Credit] R03 -- No Account/Unable to Locate Account", true, false},
		{rails.Debit, "R10", "[Returned on Debit] R10 -- Customer Advises Not Authorized", true, true},
	} {
		t.Run(tc.code, func(t *testing.T) {
			eng, st := newEngine(t)
			x := tx("tx_1", pt(2026, 3, 6, 9, 0, 0))
			x.Direction = tc.dir
			orig, file := sent(t, eng, x)
			ret, err := railtest.ReturnFile(file, orig.Trace, tc.code)
			if err != nil {
				t.Fatal(err)
			}
			at := pt(2026, 3, 10, 8, 0, 0)
			res, err := eng.Ingest(ctx, "RET_1.ach", bytes.NewReader(ret), at)
			if err != nil {
				t.Fatal(err)
			}
			if res.Duplicate || len(res.Changes) != 1 || len(res.Unmatched) != 0 || res.Format != "nacha" {
				t.Fatalf("result %+v", res)
			}
			ch := res.Changes[0]
			want := rails.IngestChange{TransactionID: "tx_1", Line: 4, Trace: orig.Trace, From: returns.ProcessingCredit,
				To: returns.Returned, Code: tc.code, Note: tc.note, LockNode: tc.lockNode, LockUser: tc.lockUser}
			if ch.TransactionID != want.TransactionID || ch.Line != want.Line || ch.Trace != want.Trace || ch.From != want.From ||
				ch.To != want.To || ch.Code != want.Code || ch.Note != want.Note || ch.LockNode != want.LockNode ||
				ch.LockUser != want.LockUser || ch.Late {
				t.Errorf("change\n got %+v\nwant %+v", ch, want)
			}
			got, _ := st.Transaction(ctx, "tx_1")
			last := got.Timeline[len(got.Timeline)-1]
			if got.Status != returns.Returned || last.Note != tc.note || last.Code != tc.code {
				t.Errorf("stored %s %+v", got.Status, last)
			}
			evs, _ := eng.Events(ctx, 0, 100)
			ev := evs[len(evs)-1]
			if ev.Status != returns.Returned || ev.Note != tc.note || ev.Code != tc.code || ev.LockNode != tc.lockNode ||
				ev.LockUser != tc.lockUser || ev.TransactionID != "tx_1" {
				t.Errorf("event %+v", ev)
			}

			// The same file again changes nothing.
			n := len(evs)
			res, err = eng.Ingest(ctx, "RET_1-again.ach", bytes.NewReader(ret), at.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if !res.Duplicate || len(res.Changes) != 0 {
				t.Errorf("second ingest: %+v", res)
			}
			if evs, _ := eng.Events(ctx, 0, 100); len(evs) != n {
				t.Errorf("second ingest added %d events", len(evs)-n)
			}
		})
	}
}

func TestIngestLateReturn(t *testing.T) {
	eng, _ := newEngine(t)
	x := tx("tx_1", pt(2026, 3, 6, 9, 0, 0))
	x.Direction = rails.Debit
	orig, file := sent(t, eng, x) // settles Mon 03-09; late after Thu 03-12
	ret, err := railtest.ReturnFile(file, orig.Trace, "R01")
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Ingest(context.Background(), "late.ach", bytes.NewReader(ret), pt(2026, 3, 16, 8, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if ch := res.Changes[0]; !ch.Late || ch.To != returns.Returned || ch.Action != string(returns.ActionDishonorByHand) {
		t.Errorf("late return: %+v", ch)
	}
}

func TestIngestUnmatchedNOCAndGarbage(t *testing.T) {
	ctx := context.Background()
	eng, st := newEngine(t)
	orig, file := sent(t, eng, tx("tx_1", pt(2026, 3, 6, 9, 0, 0)))

	// A return of an entry we never sent: the trace is rewritten in the
	// return file to one we never used.
	ret, err := railtest.ReturnFile(file, orig.Trace, "R02")
	if err != nil {
		t.Fatal(err)
	}
	stranger := bytes.ReplaceAll(ret, []byte("R02"+orig.Trace), []byte("R02121042889999999"))
	res, err := eng.Ingest(ctx, "stranger.ach", bytes.NewReader(stranger), pt(2026, 3, 9, 8, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 0 || len(res.Unmatched) != 1 {
		t.Fatalf("%+v", res)
	}
	if u := res.Unmatched[0]; u.Line != 4 || u.Trace != "121042889999999" || u.Code != "R02" {
		t.Errorf("unmatched %+v", u)
	}
	if in := st.Inbound(res.SHA256); in == nil || len(in.Unmatched) != 1 {
		t.Errorf("unmatched not stored: %+v", in)
	}

	// A NOC: a correction, status unchanged, a timeline note.
	noc, err := railtest.ReturnFile(file, orig.Trace, "C01")
	if err != nil {
		t.Fatal(err)
	}
	res, err = eng.Ingest(ctx, "noc.ach", bytes.NewReader(noc), pt(2026, 3, 10, 8, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Corrections) != 1 || len(res.Changes) != 0 {
		t.Fatalf("%+v", res)
	}
	c := res.Corrections[0]
	if c.TransactionID != "tx_1" || c.Code != "C01" || c.Data.AccountNumber != "12345679" ||
		c.Note != "[NOC] C01 -- Incorrect DFI Account Number" || c.Action != returns.ActionApplyCorrection || c.Line != 4 {
		t.Errorf("correction %+v", c)
	}
	got, _ := st.Transaction(ctx, "tx_1")
	last := got.Timeline[len(got.Timeline)-1]
	if got.Status != returns.ProcessingCredit || last.Note != c.Note || last.Status != returns.ProcessingCredit {
		t.Errorf("after NOC: %s %+v", got.Status, last)
	}

	// Garbage: an error naming the line; nothing changes.
	evs, _ := eng.Events(ctx, 0, 1000)
	bad := append([]byte{}, ret...)
	copy(bad[94+1+94+1+29:], "00000ABC00") // the amount of line 3
	for _, in := range [][]byte{bad, []byte("hello, world\n"), file} {
		_, err = eng.Ingest(ctx, "bad.ach", bytes.NewReader(in), pt(2026, 3, 10, 9, 0, 0))
		if err == nil || !strings.Contains(err.Error(), "line") {
			t.Errorf("garbage: %v", err)
		}
	}
	if after, _ := eng.Events(ctx, 0, 1000); len(after) != len(evs) {
		t.Errorf("garbage added events")
	}
	got2, _ := st.Transaction(ctx, "tx_1")
	if len(got2.Timeline) != len(got.Timeline) {
		t.Errorf("garbage changed the timeline")
	}
}

// A file with a return and a NOC for one transaction and a second return:
// changes chain within the file.
func TestIngestSeveralItemsOneTransaction(t *testing.T) {
	ctx := context.Background()
	eng, st := newEngine(t)
	x := tx("tx_1", pt(2026, 3, 6, 9, 0, 0))
	x.Direction = rails.Debit
	orig, file := sent(t, eng, x)
	data, err := railtest.BankFile(file,
		railtest.Item{Trace: orig.Trace, Code: "R01"},
		railtest.Item{Trace: orig.Trace, Code: "R02"},
		railtest.Item{Trace: orig.Trace, Code: "C01"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Ingest(ctx, "multi.ach", bytes.NewReader(data), pt(2026, 3, 10, 8, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 2 || len(res.Corrections) != 1 {
		t.Fatalf("%+v", res)
	}
	if c := res.Changes[1]; c.From != returns.Returned || c.To != returns.Returned || c.DishonorCode != "R67" {
		t.Errorf("second return: %+v", c)
	}
	got, _ := st.Transaction(ctx, "tx_1")
	if got.Status != returns.Returned || got.Timeline[len(got.Timeline)-3].Code != "R01" {
		t.Errorf("stored: %+v", got)
	}
}

// TestIngestOwnFileCapsErrors: one of our own outgoing files ingested by
// mistake is refused, naming lines, with the list cut after 20 entries.
func TestIngestOwnFileCapsErrors(t *testing.T) {
	eng, _ := newEngine(t)
	var txs []*rails.Transaction
	for i := range 30 {
		txs = append(txs, tx(fmt.Sprintf("tx_%02d", i), pt(2026, 3, 6, 9, 0, 0)))
	}
	submit(t, eng, txs...)
	res := run(t, eng, pt(2026, 3, 6, 15, 0, 0))
	data, err := os.ReadFile(res.Windows[0].Files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = eng.Ingest(context.Background(), "ours.ach", bytes.NewReader(data), pt(2026, 3, 9, 8, 0, 0))
	if err == nil {
		t.Fatal("our own forward file was ingested")
	}
	msg := err.Error()
	if !strings.Contains(msg, "line 3:") || !strings.Contains(msg, "and 10 more entries") || strings.Count(msg, "\n") > 21 {
		t.Errorf("error does not name the first lines and cap the rest:\n%s", msg)
	}
}
