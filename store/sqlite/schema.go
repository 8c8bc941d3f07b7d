package sqlite

// migrations bring a database from version i to version i+1 (the file's
// version is the number applied, recorded in schema_version). They are
// applied in order, each in its own transaction, and never edited once
// released: a change to the schema is a new migration at the end.
var migrations = []string{
	// 1: tables and the constraints the guarantees rest on.
	`
-- A transaction as submitted, never changed: what is queried in columns,
-- the rest in content, encoded by appendContent.
CREATE TABLE transactions (
	rid          INTEGER PRIMARY KEY,
	id           TEXT    NOT NULL UNIQUE,
	rail         TEXT    NOT NULL,
	window_id    TEXT    NOT NULL,
	w_cutoff     INTEGER,           -- Unix ns; NULL for the zero time
	w_settlement INTEGER NOT NULL,  -- YYYYMMDD; 0 for no date
	submitted_at INTEGER,
	content      BLOB    NOT NULL
);

-- What changes: the status, in a narrow row rewritten in place, with the
-- settlement date Settle selects on.
CREATE TABLE tx_state (
	rid        INTEGER PRIMARY KEY,  -- transactions.rid
	status     INTEGER NOT NULL,
	settlement INTEGER NOT NULL
);

-- The CREATED transactions no window has claimed, by window: what
-- ClaimWindow takes, Cancel may cancel, and DueWindows walks.
CREATE TABLE pending (
	rail      TEXT    NOT NULL,
	window_id TEXT    NOT NULL,
	id        TEXT    NOT NULL,
	rid       INTEGER NOT NULL,
	cutoff    INTEGER,
	more      INTEGER NOT NULL DEFAULT 0,  -- 1: the timeline has more than its first entry
	PRIMARY KEY (rail, window_id, id)
) WITHOUT ROWID;

-- The outbox. Every status change is one row, so a transaction's events
-- in seq order are its timeline: never prune this table.
CREATE TABLE events (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	tx        INTEGER NOT NULL,  -- transactions.rid
	status    INTEGER NOT NULL,
	note      TEXT    NOT NULL,
	code      TEXT    NOT NULL,
	lock_node INTEGER NOT NULL,
	lock_user INTEGER NOT NULL,
	category  TEXT    NOT NULL,
	at        INTEGER
);

-- A window is claimed once: the unique key is the claim.
CREATE TABLE windows (
	id          INTEGER PRIMARY KEY,  -- claim order
	rail        TEXT    NOT NULL,
	window_id   TEXT    NOT NULL,
	cutoff      INTEGER,
	claimed_at  INTEGER,
	plan_status INTEGER NOT NULL,
	plan_note   TEXT    NOT NULL,
	plan_params BLOB,
	last_event  INTEGER NOT NULL,  -- the claim's last event: timelines "as claimed" end here
	UNIQUE (rail, window_id)
);

-- A transaction is in at most one file: the unique key on tx.
CREATE TABLE assignments (
	win   INTEGER NOT NULL,  -- windows.id
	ord   INTEGER NOT NULL,  -- position in Plan.Assignments
	tx    INTEGER NOT NULL UNIQUE,  -- transactions.rid
	file  INTEGER NOT NULL,  -- files.seq
	trace TEXT    NOT NULL,
	PRIMARY KEY (win, ord)
) WITHOUT ROWID;

-- Two windows never write the same outbox path.
CREATE TABLE files (
	win    INTEGER NOT NULL,
	seq    INTEGER NOT NULL,
	name   TEXT    NOT NULL UNIQUE,
	state  TEXT    NOT NULL CHECK (state IN ('committed', 'written')),
	path   TEXT    NOT NULL,
	sha256 TEXT    NOT NULL,
	PRIMARY KEY (win, seq)
) WITHOUT ROWID;

CREATE TABLE counters (
	name TEXT    NOT NULL PRIMARY KEY,
	next INTEGER NOT NULL  -- the next value to hand out
) WITHOUT ROWID;

CREATE TABLE inbound (
	sha256      TEXT NOT NULL PRIMARY KEY,
	name        TEXT NOT NULL,
	format      TEXT NOT NULL,
	received_at INTEGER,
	changes     TEXT NOT NULL,  -- JSON, as ingested
	corrections TEXT NOT NULL   -- JSON
) WITHOUT ROWID;

CREATE TABLE unmatched (
	sha256 TEXT    NOT NULL,
	line   INTEGER NOT NULL,
	trace  TEXT    NOT NULL,
	code   TEXT    NOT NULL
);
`,
	// 2: indexes for the query paths.
	`
-- Timelines.
CREATE INDEX events_tx ON events (tx, seq);
-- Settle: PROCESSING-CREDIT (3) by settlement date.
CREATE INDEX tx_state_settling ON tx_state (settlement) WHERE status = 3;
-- TransactionsByTrace, newest claim first.
CREATE INDEX assignments_trace ON assignments (trace, win);
-- DueWindows: claimed windows with files still to write.
CREATE INDEX files_unwritten ON files (win) WHERE state <> 'written';
CREATE INDEX unmatched_sha256 ON unmatched (sha256);
CREATE INDEX unmatched_trace ON unmatched (trace);
`,
	// 3: batching groups. A window's transactions reach its planner in
	// (Window.Group, ID) order: pending is keyed by it, so a claim reads
	// and deletes one range of one b-tree. A file's transactions are read
	// through assignments_file; a window's traces are distinct by a unique
	// key rather than a check in memory. Inbound files keep the order
	// they were ingested in.
	`
ALTER TABLE transactions ADD COLUMN w_group TEXT NOT NULL DEFAULT '';
CREATE TABLE pending3 (
	rail      TEXT    NOT NULL,
	window_id TEXT    NOT NULL,
	grp       TEXT    NOT NULL,  -- transactions.w_group
	id        TEXT    NOT NULL,
	rid       INTEGER NOT NULL,
	cutoff    INTEGER,
	more      INTEGER NOT NULL DEFAULT 0,  -- 1: the timeline has more than its first entry
	PRIMARY KEY (rail, window_id, grp, id)
) WITHOUT ROWID;
INSERT INTO pending3 (rail, window_id, grp, id, rid, cutoff, more)
	SELECT rail, window_id, '', id, rid, cutoff, more FROM pending;
DROP TABLE pending;
ALTER TABLE pending3 RENAME TO pending;
DROP INDEX assignments_trace;
CREATE UNIQUE INDEX assignments_trace ON assignments (trace, win);
CREATE INDEX assignments_file ON assignments (win, file, ord);
ALTER TABLE inbound ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;  -- ingestion order; 0 before version 3
`,
}
