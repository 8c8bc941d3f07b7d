package railtest

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/returns"
)

// ErrClosed is returned by every method of a MemStore after Close.
var ErrClosed = errors.New("railtest: store closed")

// MemStore is an in-memory rails.Store. One mutex makes every method
// atomic; transactions are copied in and out, so callers never share
// memory with the store. Stored transactions are copy-on-write: a change
// stores a new value, so a Claim keeps its transactions as they were
// claimed. It is for tests and demos: nothing survives the process.
type MemStore struct {
	mu     sync.Mutex
	closed bool

	txs      map[string]*rails.Transaction // immutable snapshots
	pending  map[wkey]map[string]struct{}  // CREATED and not claimed, by window
	cutoffOf map[wkey]time.Time            // a pending window's cutoff
	traces   map[string][]string           // trace → transaction ids, newest claim first
	claims   map[wkey]*memClaim            // owned
	counters map[string]int64              // last value handed out
	inbound  map[string]*rails.Inbound     // by SHA-256
	ingested []string                      // SHA-256s in ingestion order
	events   []rails.Event
}

// memClaim is a claim and its transactions as claimed (snapshots), in
// assignment order.
type memClaim struct {
	claim *rails.Claim
	txs   []*rails.Transaction
}

type wkey struct {
	rail rails.Rail
	id   string
}

var _ rails.Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{
		txs:      map[string]*rails.Transaction{},
		pending:  map[wkey]map[string]struct{}{},
		cutoffOf: map[wkey]time.Time{},
		traces:   map[string][]string{},
		claims:   map[wkey]*memClaim{},
		counters: map[string]int64{},
		inbound:  map[string]*rails.Inbound{},
	}
}

func (s *MemStore) lock(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	return nil
}

func cloneTx(tx *rails.Transaction) *rails.Transaction {
	c := *tx
	c.Timeline = slices.Clone(tx.Timeline)
	if tx.Check != nil {
		k := *tx.Check
		k.FrontImage, k.BackImage = slices.Clone(k.FrontImage), slices.Clone(k.BackImage)
		c.Check = &k
	}
	if tx.Wire != nil {
		wt := *tx.Wire
		wt.Address = slices.Clone(wt.Address)
		c.Wire = &wt
	}
	return &c
}

func cloneClaim(c *rails.Claim) *rails.Claim {
	out := *c
	out.Plan.Assignments = slices.Clone(c.Plan.Assignments)
	out.Plan.Files = slices.Clone(c.Plan.Files)
	out.Plan.Params = slices.Clone(c.Plan.Params)
	return &out
}

// event appends an event and returns it; the caller holds the lock.
func (s *MemStore) event(e rails.Event) {
	e.Seq = int64(len(s.events)) + 1
	s.events = append(s.events, e)
}

// advance stores a new snapshot of tx with status st and a timeline
// entry, and emits its event; the caller holds the lock.
func (s *MemStore) advance(tx *rails.Transaction, ev rails.Event) *rails.Transaction {
	n := *tx
	n.Timeline = make([]rails.TimelineEntry, len(tx.Timeline), len(tx.Timeline)+1)
	copy(n.Timeline, tx.Timeline)
	n.Status = ev.Status
	n.Timeline = append(n.Timeline, rails.TimelineEntry{Status: ev.Status, Note: ev.Note, Code: ev.Code, At: ev.At})
	s.txs[n.ID] = &n
	ev.TransactionID = n.ID
	s.event(ev)
	return &n
}

// Submit implements rails.Store.
func (s *MemStore) Submit(ctx context.Context, txs []*rails.Transaction) ([]rails.SubmitResult, error) {
	return s.submit(ctx, txs, false)
}

// SubmitAll implements rails.Store.
func (s *MemStore) SubmitAll(ctx context.Context, txs []*rails.Transaction) ([]rails.SubmitResult, error) {
	return s.submit(ctx, txs, true)
}

func (s *MemStore) submit(ctx context.Context, txs []*rails.Transaction, all bool) ([]rails.SubmitResult, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	results := make([]rails.SubmitResult, len(txs))
	batch := map[string]*rails.Transaction{}
	for i, tx := range txs {
		if tx == nil || tx.ID == "" {
			return nil, fmt.Errorf("railtest: submit: transaction %d has no id", i)
		}
		old := s.txs[tx.ID]
		if old == nil {
			old = batch[tx.ID]
		}
		switch {
		case old == nil && tx.Window.ID != "" && s.claims[wkey{tx.Rail, tx.Window.ID}] != nil:
			results[i] = rails.Closed
		case old == nil:
			n := cloneTx(tx)
			n.Status, n.Trace, n.File = returns.Created, "", ""
			if len(n.Timeline) == 0 {
				n.Timeline = []rails.TimelineEntry{{Status: returns.Created, Note: "Transaction Created.", At: tx.SubmittedAt}}
			}
			n.Timeline = n.Timeline[:1:1]
			batch[tx.ID] = n
			results[i] = rails.Created
		case rails.SameContent(old, tx):
			results[i] = rails.Duplicate
		default:
			results[i] = rails.Conflict
		}
	}
	if all && slices.ContainsFunc(results, func(r rails.SubmitResult) bool { return r == rails.Conflict || r == rails.Closed }) {
		return results, nil
	}
	for i, tx := range txs {
		if results[i] != rails.Created {
			continue
		}
		n := batch[tx.ID]
		s.txs[n.ID] = n
		k := wkey{n.Rail, n.Window.ID}
		if n.Window.ID != "" {
			if s.pending[k] == nil {
				s.pending[k] = map[string]struct{}{}
				s.cutoffOf[k] = n.Window.Cutoff
			}
			s.pending[k][n.ID] = struct{}{}
		}
		t := n.Timeline[0]
		s.event(rails.Event{TransactionID: n.ID, Status: n.Status, Note: t.Note, Code: t.Code, At: t.At})
	}
	return results, nil
}

// Transaction implements rails.Store.
func (s *MemStore) Transaction(ctx context.Context, id string) (*rails.Transaction, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	tx := s.txs[id]
	if tx == nil {
		return nil, fmt.Errorf("%w: transaction %q", rails.ErrNotFound, id)
	}
	return cloneTx(tx), nil
}

// Transactions implements rails.Store.
func (s *MemStore) Transactions(ctx context.Context, f rails.Filter) ([]*rails.Transaction, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []*rails.Transaction
	for _, tx := range s.txs {
		if (f.Status == returns.Unchanged || tx.Status == f.Status) && (f.Rail == "" || tx.Rail == f.Rail) {
			out = append(out, tx)
		}
	}
	slices.SortFunc(out, func(a, b *rails.Transaction) int { return cmp.Compare(a.ID, b.ID) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	for i, tx := range out {
		out[i] = cloneTx(tx)
	}
	return out, nil
}

// TransactionsByTrace implements rails.Store.
func (s *MemStore) TransactionsByTrace(ctx context.Context, trace string) ([]*rails.Transaction, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	ids := s.traces[trace]
	out := make([]*rails.Transaction, 0, len(ids))
	for _, id := range ids {
		out = append(out, cloneTx(s.txs[id]))
	}
	return out, nil
}

// TransactionsByTraces implements rails.Store.
func (s *MemStore) TransactionsByTraces(ctx context.Context, traces []string) (map[string][]*rails.Transaction, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	out := make(map[string][]*rails.Transaction)
	for _, trace := range traces {
		ids := s.traces[trace]
		if _, done := out[trace]; done || len(ids) == 0 {
			continue
		}
		txs := make([]*rails.Transaction, 0, len(ids))
		for _, id := range ids {
			txs = append(txs, cloneTx(s.txs[id]))
		}
		out[trace] = txs
	}
	return out, nil
}

// Cancel implements rails.Store.
func (s *MemStore) Cancel(ctx context.Context, id string, at time.Time, note string) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	tx := s.txs[id]
	if tx == nil {
		return fmt.Errorf("%w: transaction %q", rails.ErrNotFound, id)
	}
	k := wkey{tx.Rail, tx.Window.ID}
	if tx.Status != returns.Created || tx.Trace != "" || tx.File != "" {
		return fmt.Errorf("%w: %s is %s", rails.ErrNotCancelable, id, tx.Status)
	}
	if _, ok := s.pending[k][id]; !ok && tx.Window.ID != "" {
		return fmt.Errorf("%w: %s was claimed by window %s", rails.ErrNotCancelable, id, tx.Window.ID)
	}
	s.advance(tx, rails.Event{Status: returns.Canceled, Note: note, At: at})
	s.unpend(k, id)
	return nil
}

func (s *MemStore) unpend(k wkey, id string) {
	if set := s.pending[k]; set != nil {
		delete(set, id)
		if len(set) == 0 {
			delete(s.pending, k)
			delete(s.cutoffOf, k)
		}
	}
}

// DueWindows implements rails.Store.
func (s *MemStore) DueWindows(ctx context.Context, at time.Time) ([]rails.WindowKey, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	seen := map[wkey]bool{}
	var out []rails.WindowKey
	for k, set := range s.pending {
		if c := s.cutoffOf[k]; len(set) > 0 && !c.After(at) {
			seen[k] = true
			out = append(out, rails.WindowKey{Rail: k.rail, ID: k.id, Cutoff: c})
		}
	}
	for k, mc := range s.claims {
		if seen[k] {
			continue
		}
		for _, f := range mc.claim.Plan.Files {
			if !f.Written {
				out = append(out, mc.claim.Key)
				break
			}
		}
	}
	slices.SortFunc(out, func(a, b rails.WindowKey) int {
		if c := a.Cutoff.Compare(b.Cutoff); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Rail, b.Rail); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// stagedCounters hands out counter values inside ClaimWindow; they are
// kept only if the claim is stored.
type stagedCounters struct {
	base  map[string]int64
	delta map[string]int64
}

func (c *stagedCounters) Next(name string, n int64) (int64, error) {
	if n < 1 {
		return 0, fmt.Errorf("railtest: counter %s: reserve %d values", name, n)
	}
	cur, ok := c.delta[name]
	if !ok {
		cur = c.base[name]
	}
	c.delta[name] = cur + n
	return cur + 1, nil
}

// ClaimWindow implements rails.Store.
func (s *MemStore) ClaimWindow(ctx context.Context, key rails.WindowKey, at time.Time, plan rails.Planner) (*rails.Claim, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	k := wkey{key.Rail, key.ID}
	if c := s.claims[k]; c != nil {
		return cloneClaim(c.claim), fmt.Errorf("%w: %s", rails.ErrClaimed, key.ID)
	}
	var ids []string
	for id := range s.pending[k] {
		if s.txs[id].Status == returns.Created {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(s.txs[a].Window.Group, s.txs[b].Window.Group), cmp.Compare(a, b))
	})
	var given []string
	ranged, read := false, false
	seq := func(yield func(*rails.Transaction, error) bool) {
		if ranged {
			yield(nil, errors.New("railtest: planner ranged over the window's transactions twice"))
			return
		}
		ranged = true
		for _, id := range ids {
			given = append(given, id)
			if !yield(cloneTx(s.txs[id]), nil) {
				return
			}
		}
		read = true
	}
	counters := &stagedCounters{base: s.counters, delta: map[string]int64{}}
	p, err := plan(seq, counters)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("railtest: window %s: planner returned no plan", key.ID)
	}
	if !read {
		return nil, fmt.Errorf("railtest: window %s: planner did not read all %d transactions", key.ID, len(ids))
	}
	if err := checkPlan(p, given); err != nil {
		return nil, fmt.Errorf("railtest: window %s: %w", key.ID, err)
	}
	// Stored: counters, assignments, files, statuses, events.
	for name, v := range counters.delta {
		s.counters[name] = v
	}
	names := map[int]string{}
	for _, f := range p.Files {
		names[f.Seq] = f.Name
	}
	c := &rails.Claim{Key: key, ClaimedAt: at, Plan: *p}
	c.Plan.Assignments = slices.Clone(p.Assignments)
	c.Plan.Files = slices.Clone(p.Files)
	for i := range c.Plan.Files {
		c.Plan.Files[i].Written, c.Plan.Files[i].SHA256 = false, ""
	}
	c.Plan.Params = slices.Clone(p.Params)
	mc := &memClaim{claim: c, txs: make([]*rails.Transaction, len(given))}
	for i, a := range p.Assignments {
		tx := *s.txs[a.TransactionID]
		tx.Trace, tx.File = a.Trace, names[a.File]
		tx.Timeline = slices.Clip(tx.Timeline)
		mc.txs[i] = s.advance(&tx, rails.Event{Status: p.Status, Note: p.Note, At: at})
		s.traces[a.Trace] = append([]string{a.TransactionID}, s.traces[a.Trace]...)
		s.unpend(k, a.TransactionID)
	}
	s.claims[k] = mc
	return cloneClaim(c), nil
}

// checkPlan checks that a plan assigns each transaction the planner was
// given once, in the order given, to a file of the plan, with distinct
// traces.
func checkPlan(p *rails.Plan, given []string) error {
	if p.Status == returns.Unchanged {
		return errors.New("plan has no status")
	}
	if len(p.Assignments) != len(given) {
		return fmt.Errorf("plan assigns %d transactions, the planner was given %d", len(p.Assignments), len(given))
	}
	files := map[int]bool{}
	for _, f := range p.Files {
		if files[f.Seq] || f.Seq < 1 || f.Name == "" {
			return fmt.Errorf("plan file %d: duplicate, unnumbered or unnamed", f.Seq)
		}
		files[f.Seq] = true
	}
	traces := make(map[string]bool, len(given))
	for i, a := range p.Assignments {
		if a.TransactionID != given[i] {
			return fmt.Errorf("plan assignment %d is for %s, the planner's transaction %d is %s", i, a.TransactionID, i, given[i])
		}
		if !files[a.File] {
			return fmt.Errorf("plan assigns %s to file %d, which it does not have", a.TransactionID, a.File)
		}
		if a.Trace == "" || traces[a.Trace] {
			return fmt.Errorf("plan gives %s an empty or repeated trace %q", a.TransactionID, a.Trace)
		}
		traces[a.Trace] = true
	}
	return nil
}

// Claim implements rails.Store.
func (s *MemStore) Claim(ctx context.Context, key rails.WindowKey) (*rails.Claim, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	c := s.claims[wkey{key.Rail, key.ID}]
	if c == nil {
		return nil, fmt.Errorf("%w: window %s", rails.ErrNotFound, key.ID)
	}
	return cloneClaim(c.claim), nil
}

// ClaimedTransactions implements rails.Store. The sequence is read under
// the lock when ranging starts.
func (s *MemStore) ClaimedTransactions(ctx context.Context, key rails.WindowKey, seq int) rails.TxSeq {
	return func(yield func(*rails.Transaction, error) bool) {
		if err := s.lock(ctx); err != nil {
			yield(nil, err)
			return
		}
		c := s.claims[wkey{key.Rail, key.ID}]
		var txs []*rails.Transaction
		if c != nil {
			for i, a := range c.claim.Plan.Assignments {
				if seq == 0 || a.File == seq {
					txs = append(txs, cloneTx(c.txs[i]))
				}
			}
		}
		s.mu.Unlock()
		if c == nil {
			yield(nil, fmt.Errorf("%w: window %s", rails.ErrNotFound, key.ID))
			return
		}
		for _, tx := range txs {
			if !yield(tx, nil) {
				return
			}
		}
	}
}

// FileWritten implements rails.Store.
func (s *MemStore) FileWritten(ctx context.Context, key rails.WindowKey, seq int, path, sha256 string) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	mc := s.claims[wkey{key.Rail, key.ID}]
	if mc == nil {
		return fmt.Errorf("%w: window %s", rails.ErrNotFound, key.ID)
	}
	for i := range mc.claim.Plan.Files {
		f := &mc.claim.Plan.Files[i]
		if f.Seq != seq {
			continue
		}
		if f.Written {
			if f.SHA256 != sha256 {
				return fmt.Errorf("%w: file %s was written with SHA-256 %s, not %s", rails.ErrConflict, f.Name, f.SHA256, sha256)
			}
			return nil
		}
		f.Written, f.SHA256 = true, sha256
		return nil
	}
	return fmt.Errorf("%w: window %s has no file %d", rails.ErrNotFound, key.ID, seq)
}

// Settle implements rails.Store.
func (s *MemStore) Settle(ctx context.Context, through cutoffs.Date, at time.Time) ([]string, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var ids []string
	for id, tx := range s.txs {
		if tx.Status == returns.ProcessingCredit && !tx.Window.SettlementDate.IsZero() && !tx.Window.SettlementDate.After(through) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		s.advance(s.txs[id], rails.Event{Status: returns.Settled, Note: rails.NoteAdvance, At: at})
	}
	return ids, nil
}

// Ingest implements rails.Store.
func (s *MemStore) Ingest(ctx context.Context, in *rails.Inbound) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if in == nil || in.SHA256 == "" {
		return errors.New("railtest: ingest: no file digest")
	}
	if _, ok := s.inbound[in.SHA256]; ok {
		return fmt.Errorf("%w: %s (%s)", rails.ErrDuplicate, in.Name, in.SHA256)
	}
	staged := map[string]returns.Status{}
	for i, ch := range in.Changes {
		tx := s.txs[ch.TransactionID]
		if tx == nil {
			return fmt.Errorf("%w: change %d: transaction %q", rails.ErrNotFound, i, ch.TransactionID)
		}
		cur, ok := staged[tx.ID]
		if !ok {
			cur = tx.Status
		}
		if cur != ch.From {
			return fmt.Errorf("%w: change %d: %s is %s, not %s", rails.ErrConflict, i, tx.ID, cur, ch.From)
		}
		if ch.To == returns.Unchanged {
			return fmt.Errorf("railtest: ingest: change %d of %s has no target status", i, tx.ID)
		}
		staged[tx.ID] = ch.To
	}
	for _, ch := range in.Changes {
		ev := ch.Event
		ev.Status = ch.To
		s.advance(s.txs[ch.TransactionID], ev)
	}
	c := *in
	c.Changes = slices.Clone(in.Changes)
	c.Unmatched = slices.Clone(in.Unmatched)
	c.Corrections = make([]json.RawMessage, 0, len(in.Corrections))
	for _, r := range in.Corrections {
		c.Corrections = append(c.Corrections, slices.Clone(r))
	}
	s.inbound[in.SHA256] = &c
	s.ingested = append(s.ingested, in.SHA256)
	return nil
}

// Events implements rails.Store.
func (s *MemStore) Events(ctx context.Context, after int64, limit int) ([]rails.Event, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	start := max(after, 0)
	if start > int64(len(s.events)) {
		start = int64(len(s.events))
	}
	out := s.events[start:]
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return slices.Clone(out), nil
}

// Close implements rails.Store. Every later call returns ErrClosed.
func (s *MemStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// InboundFiles implements rails.Store.
func (s *MemStore) InboundFiles(ctx context.Context) ([]rails.InboundInfo, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	out := []rails.InboundInfo{}
	for _, sha := range s.ingested {
		in := s.inbound[sha]
		out = append(out, rails.InboundInfo{SHA256: in.SHA256, Name: in.Name, Format: in.Format, ReceivedAt: in.ReceivedAt,
			Changes: len(in.Changes), Corrections: len(in.Corrections), Unmatched: len(in.Unmatched)})
	}
	return out, nil
}

// InboundFile implements rails.Store.
func (s *MemStore) InboundFile(ctx context.Context, sha256 string) (*rails.Inbound, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	s.mu.Unlock()
	if in := s.Inbound(sha256); in != nil {
		return in, nil
	}
	return nil, fmt.Errorf("%w: inbound file %s", rails.ErrNotFound, sha256)
}

// Inbound returns a copy of the inbound file recorded with the SHA-256
// digest, or nil: for tests that check what Ingest stored.
func (s *MemStore) Inbound(sha256 string) *rails.Inbound {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.inbound[sha256]
	if in == nil {
		return nil
	}
	c := *in
	c.Changes = append([]rails.Change{}, in.Changes...)
	c.Unmatched = append([]rails.Unmatched{}, in.Unmatched...)
	c.Corrections = append([]json.RawMessage{}, in.Corrections...)
	return &c
}
