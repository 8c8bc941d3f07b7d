// Package sqlite is railyard's embedded store: a rails.Store in one SQLite
// file, on modernc.org/sqlite (pure Go, no cgo).
//
// Open creates the file with mode 0600 on first use (SQLite gives the -wal
// and -shm files the mode of the database file), with 32 KiB pages, and
// brings its schema up to date. The schema is versioned in code:
// migrations are applied in order, each in its own transaction, and
// recorded in the schema_version table, so re-opening an older file
// applies only the new ones, and a file written by a newer railyard is
// refused (ErrSchemaTooNew).
//
// # Sharing a file
//
// Several goroutines and several processes may use one file at once. The
// database runs in WAL mode, so readers never wait for the writer, and
// every read method sees one snapshot. Every method that writes runs in
// one BEGIN IMMEDIATE transaction: it takes the file's write lock before
// reading anything, so two writers serialize instead of deadlocking, and
// what a write decides rests on what it read under the lock. Inside a
// process, writes queue for a single connection; across processes they
// wait for the lock up to BusyTimeout. Commits are synchronous
// (synchronous=FULL): a claim that returned is on disk before its files
// are written.
//
// # How the contract is kept
//
//   - A window is claimed once: windows has a unique key (rail,
//     window_id). ClaimWindow inserts the row first and, if it exists,
//     returns the stored claim with rails.ErrClaimed without calling the
//     planner.
//   - A transaction is in at most one file: assignments has a unique key on
//     the transaction. ClaimWindow takes only the window's pending rows
//     (CREATED transactions no window claimed) and deletes them in the same
//     transaction that assigns them and moves them out of CREATED. The
//     pending rows are keyed (rail, window, group, ID), so the planner
//     reads them in the contract's order from one b-tree range, row by
//     row while it plans: a claim holds no more of the window in memory
//     than the planner keeps. The traces of a window are distinct by the
//     unique key assignments (trace, win).
//   - Counters live in the counters table and are reserved inside the
//     claim's transaction: a claim that fails gives its values back, one
//     that commits keeps them for ever.
//   - Events take their Seq from an AUTOINCREMENT key allocated under the
//     write lock, so Seq increases in commit order and is never reused: a
//     reader that resumes after the last Seq it saw misses nothing.
//   - Two windows never name the same outbox file: files.name is unique.
//
// # Representation
//
// A transaction is written once: its ID, rail, window, cutoff, settlement
// date and submission time are columns, the rest of what was submitted is
// one compact binary content column (see appendContent). What changes, the
// status, is a narrow tx_state row rewritten in place. The event outbox is
// also the timeline: a transaction's events in Seq order are its timeline
// entries, so the two cannot disagree (the events table must not be
// pruned). Instants are stored as Unix nanoseconds and read back in UTC
// (the zero time is NULL and reads back as the zero time); the
// transactions a Planner sees are read back the same way by
// ClaimedTransactions (one file's through the index assignments_file), so
// a rebuild sees the same input. Dates are YYYYMMDD integers.
//
// Submit records one timeline entry per new transaction: the first entry of
// tx.Timeline if the caller set one (its Note, Code and At; At defaults to
// SubmittedAt), else CREATED "Transaction Created." at SubmittedAt; the
// creation event mirrors it. Events with limit ≤ 0, and Filter.Limit ≤ 0,
// return every match.
package sqlite
