package rails

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
)

// Sentinel errors of the Store contract.
var (
	ErrNotFound      = errors.New("rails: not found")
	ErrConflict      = errors.New("rails: conflicting content for an existing id")
	ErrNotCancelable = errors.New("rails: transaction can no longer be canceled")
	ErrClaimed       = errors.New("rails: window already claimed")
	ErrDuplicate     = errors.New("rails: inbound file already ingested")
)

// Store keeps railyard's state: transactions and their timelines, claimed
// windows and their files, inbound files, and the event outbox.
//
// Every method is atomic (it happens whole or not at all) and safe for
// concurrent use by several goroutines and by several processes sharing
// one database. The exactly-once guarantee lives here, not in the
// scheduler: a transaction is assigned to at most one window, enforced by a
// unique constraint, and a window is claimed at most once.
type Store interface {
	// Submit stores txs (each with Status CREATED and one Timeline entry,
	// and a creation event) in one atomic step. results[i] is what became
	// of txs[i]: Created; Duplicate when a transaction with its ID exists
	// with the same content (SameContent), and nothing changed; Conflict
	// when the content differs, and nothing changed; Closed when no
	// transaction with its ID exists and its window (Rail, Window.ID) has
	// been claimed already, and nothing changed: the caller resolves it
	// past that window and submits it again. Because the check and the
	// insert are one atomic step, a transaction is never stranded in a
	// window that was claimed without it. err reports a failure of the
	// store, in which case nothing was stored.
	Submit(ctx context.Context, txs []*Transaction) (results []SubmitResult, err error)

	// SubmitAll is Submit made all or nothing: when every result is
	// Created or Duplicate it stores what Submit would, and otherwise it
	// stores nothing and its results still say what became of each
	// transaction (Conflict and Closed ones, and those that would have been
	// Created or Duplicate). The check and the store are one atomic step,
	// so a conflicting transaction written by another process at the same
	// moment cannot leave a part of the call stored.
	SubmitAll(ctx context.Context, txs []*Transaction) (results []SubmitResult, err error)

	// Transaction returns a transaction with its timeline, or ErrNotFound.
	Transaction(ctx context.Context, id string) (*Transaction, error)

	// Transactions lists transactions matching f, ordered by ID.
	Transactions(ctx context.Context, f Filter) ([]*Transaction, error)

	// TransactionsByTrace returns the transactions given trace number
	// trace, newest claim first (several only if a trace counter wrapped).
	TransactionsByTrace(ctx context.Context, trace string) ([]*Transaction, error)

	// TransactionsByTraces is TransactionsByTrace for many traces in one
	// call, read from one consistent state of the store: out[trace] is
	// what TransactionsByTrace(trace) returns (complete transactions with
	// their timelines, newest claim first). A trace no transaction was
	// given (the empty string among them) is absent from out; a trace
	// listed twice is looked up once. No traces is an empty map.
	TransactionsByTraces(ctx context.Context, traces []string) (out map[string][]*Transaction, err error)

	// Cancel moves a CREATED transaction that no window has claimed to
	// CANCELED, with a timeline entry and an event. It returns ErrNotFound,
	// or ErrNotCancelable once a window has claimed it or it has left
	// CREATED.
	Cancel(ctx context.Context, id string, at time.Time, note string) error

	// DueWindows lists the windows that Run must act on at instant at:
	// those with a cutoff at or before at and CREATED transactions waiting,
	// and those claimed earlier whose files are not all written. Ordered by
	// cutoff, then rail, then id.
	DueWindows(ctx context.Context, at time.Time) ([]WindowKey, error)

	// ClaimWindow claims a window once and for all. In one atomic step it
	// records the window, selects its transactions (Rail and Window.ID as
	// key, Status CREATED), calls plan with them, in Window.Group order
	// and then ID order, and with the store's counters, and stores what
	// plan returns: each transaction's assignment (trace, file) and each
	// file (state committed), and moves the transactions to plan's Status
	// with timeline entries and events. The transactions reach plan as a
	// sequence read while plan runs, so a window of any size is planned in
	// the memory plan chooses to keep. If the window was claimed before,
	// it calls nothing and returns the stored Claim with ErrClaimed. If
	// plan fails, or its Plan breaks the rules of Plan, nothing is stored.
	ClaimWindow(ctx context.Context, key WindowKey, at time.Time, plan Planner) (*Claim, error)

	// Claim returns a claimed window with its plan, or ErrNotFound.
	Claim(ctx context.Context, key WindowKey) (*Claim, error)

	// ClaimedTransactions yields the transactions of file seq of a claimed
	// window (of every file when seq is 0) as the claim left them: its
	// status, trace and file, and the timeline up to the claim's entry.
	// They come in the order the planner was given them, read from one
	// consistent state of the store while the caller ranges over them. A
	// window never claimed yields ErrNotFound; a failure yields its error,
	// once, with a nil transaction, and ends the sequence.
	ClaimedTransactions(ctx context.Context, key WindowKey, seq int) TxSeq

	// FileWritten records that a claimed file is on disk at path with the
	// given SHA-256 (state written). Recording the same values again is a
	// no-op; a different SHA-256 is ErrConflict.
	FileWritten(ctx context.Context, key WindowKey, seq int, path, sha256 string) error

	// Settle moves transactions in PROCESSING-CREDIT whose
	// Window.SettlementDate is on or before through to SETTLED, with
	// timeline entries and events whose note is NoteAdvance, and returns
	// their IDs in ID order.
	Settle(ctx context.Context, through cutoffs.Date, at time.Time) ([]string, error)

	// Ingest records one inbound file: its identity, the changes to apply
	// and the items that matched nothing. Each change applies only if its
	// transaction is still in From; if one is not, nothing is stored and
	// the error wraps ErrConflict (the caller re-reads and retries). A file
	// whose SHA-256 was ingested before returns ErrDuplicate and changes
	// nothing.
	Ingest(ctx context.Context, in *Inbound) error

	// InboundFiles lists the files Ingest recorded, in the order they
	// were recorded, each with the number of its changes, corrections and
	// unmatched items.
	InboundFiles(ctx context.Context) ([]InboundInfo, error)

	// InboundFile returns the file Ingest recorded with SHA-256 sha256 as
	// it was recorded: its changes, corrections and unmatched items (in
	// the order given to Ingest), or ErrNotFound.
	InboundFile(ctx context.Context, sha256 string) (*Inbound, error)

	// Events returns up to limit events with Seq greater than after,
	// oldest first.
	Events(ctx context.Context, after int64, limit int) ([]Event, error)

	// Close releases the store.
	Close() error
}

// NoteAdvance is the platform's note for an ordinary status advance
// (returns.md §5.3: "Next"), used by Settle.
const NoteAdvance = "Next"

// SubmitResult is what Store.Submit did with one transaction.
type SubmitResult uint8

// Submit results.
const (
	Created SubmitResult = iota
	Duplicate
	Conflict
	Closed
)

// Filter selects transactions. Zero fields select everything.
type Filter struct {
	Status Status
	Rail   Rail
	Limit  int
}

// WindowKey names a window: a rail and the window id cutoffs gives
// ("ach-same-day-2026-11-25"), with its cutoff instant.
type WindowKey struct {
	Rail   Rail      `json:"rail"`
	ID     string    `json:"window"`
	Cutoff time.Time `json:"cutoff"`
}

// Counters hand out numbers that never repeat: trace sequence numbers per
// ODFI, file ID modifiers per destination and day. A counter starts at 1,
// only goes up, and survives restarts; what a failed claim reserved may be
// reused.
type Counters interface {
	// Next reserves n consecutive values of counter name and returns the
	// first.
	Next(name string, n int64) (int64, error)
}

// TxSeq is a sequence of transactions read from a Store: (tx, nil) for
// each, in the order the method documents, or (nil, err) once when
// reading fails, which ends it. Each *Transaction is the caller's to keep
// or drop; a Store may read the next one only when asked, so a caller
// that keeps nothing ranges over any number in constant memory.
type TxSeq = iter.Seq2[*Transaction, error]

// A Planner decides a window's files inside ClaimWindow's atomic step. It
// ranges over txs once, to the end, and returns a Plan with one
// Assignment per transaction, in the order txs gave them. It must be a
// pure function of the transactions and of the values it draws from
// counters, so that the files can be rebuilt byte for byte from the
// stored Claim and its ClaimedTransactions.
type Planner func(txs TxSeq, counters Counters) (*Plan, error)

// Plan is what a claim stores.
type Plan struct {
	// Status the claimed transactions move to (PROCESSING-CREDIT) and the
	// note of their timeline entry.
	Status Status `json:"status"`
	Note   string `json:"note,omitempty"`
	// Assignments: one per transaction given to the Planner, in the
	// order it was given them, each with a distinct, non-empty Trace.
	Assignments []Assignment `json:"assignments"`
	// Files in the window, numbered from 1.
	Files []FilePlan `json:"files"`
	// Params is the planner's own data (file ID modifiers, header
	// values), stored verbatim so a rebuild needs nothing else.
	Params json.RawMessage `json:"params,omitempty"`
}

// Assignment places one transaction in a file of the window.
type Assignment struct {
	TransactionID string `json:"transaction_id"`
	File          int    `json:"file"`
	Trace         string `json:"trace"`
}

// FilePlan is one outgoing file of a window.
type FilePlan struct {
	Seq int `json:"seq"`
	// Name is the file's path relative to the outbox
	// ("ach/2026-11-25/ach-same-day-2026-11-25-1.ach").
	Name string `json:"name"`
	// Written and SHA256 are set once FileWritten recorded the file.
	Written bool   `json:"written"`
	SHA256  string `json:"sha256,omitempty"`
}

// Claim is a claimed window: its key, when it was claimed, and its plan.
// Its transactions, as they were claimed, are Store.ClaimedTransactions.
type Claim struct {
	Key       WindowKey `json:"key"`
	ClaimedAt time.Time `json:"claimed_at"`
	Plan      Plan      `json:"plan"`
}

// Inbound is one ingested file and what it did.
type Inbound struct {
	SHA256      string            `json:"sha256"`
	Name        string            `json:"name"`
	Format      string            `json:"format"`
	ReceivedAt  time.Time         `json:"received_at"`
	Changes     []Change          `json:"changes"`
	Corrections []json.RawMessage `json:"corrections"`
	Unmatched   []Unmatched       `json:"unmatched"`
}

// InboundInfo is an ingested file without its items.
type InboundInfo struct {
	SHA256      string    `json:"sha256"`
	Name        string    `json:"name"`
	Format      string    `json:"format"`
	ReceivedAt  time.Time `json:"received_at"`
	Changes     int       `json:"changes"`
	Corrections int       `json:"corrections"`
	Unmatched   int       `json:"unmatched"`
}

// Change moves one transaction from From to To, with a timeline entry and
// an event built from Event (whose Seq the store assigns).
type Change struct {
	TransactionID string `json:"transaction_id"`
	From          Status `json:"from"`
	To            Status `json:"to"`
	Event         Event  `json:"event"`
}

// Unmatched is an inbound item no transaction claimed.
type Unmatched struct {
	Line  int    `json:"line"`
	Trace string `json:"trace"`
	Code  string `json:"code"`
}
