package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/railyardhq/railyard/rails"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// BusyTimeout is how long a write waits for another process's write lock
// before it fails. A claim of a large window holds the lock for seconds.
const BusyTimeout = 60 * time.Second

// ErrSchemaTooNew is returned by Open for a file whose schema is newer
// than this railyard knows.
var ErrSchemaTooNew = errors.New("sqlite: database schema is newer than this railyard")

// Store is a rails.Store in one SQLite file. It is safe for concurrent use
// by several goroutines, and several processes may open the same file.
type Store struct {
	w    *sql.DB // one connection; every transaction BEGIN IMMEDIATE
	r    *sql.DB // readers; deferred transactions see one snapshot
	path string  // absolute
}

var _ rails.Store = (*Store)(nil)

// Open opens the store in the file at path, creating it with mode 0600 if
// it does not exist, and applies the schema migrations it lacks.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, len(migrations))
}

// open is Open with the schema brought up to version (tests use it to
// make files of older versions).
func open(ctx context.Context, path string, version int) (*Store, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("sqlite: open %q: want a file path", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// Create the file ourselves so that its mode is 0600 whatever the
	// umask lets SQLite use; SQLite copies it to the -wal and -shm files.
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
		}
	case !errors.Is(err, fs.ErrExist):
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}

	uri := "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(abs))
	if err := initFile(ctx, uri); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	params := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)"+
		"&_pragma=cache_size(-%d)&_pragma=foreign_keys(0)", BusyTimeout.Milliseconds(), cacheKiB)
	w, err := sql.Open("sqlite", uri+"?"+params+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", uri+"?"+params)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s := &Store{w: w, r: r, path: abs}
	if err := s.migrate(ctx, version); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

// pageSize is the page size of a new file. Large pages make the few big
// write transactions (a claim of a million transactions) cheaper: fewer
// frames to write to the WAL, fewer b-tree levels.
const (
	pageSize = 32768
	cacheKiB = 128 << 10 // per connection, at most
)

// initFile gives a new, empty file its page size and WAL mode; the page
// size can only be set before the first table exists.
func initFile(ctx context.Context, uri string) error {
	db, err := sql.Open("sqlite", uri+fmt.Sprintf("?_pragma=busy_timeout(%d)", BusyTimeout.Milliseconds()))
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range []string{
		fmt.Sprintf("PRAGMA page_size = %d", pageSize),
		"PRAGMA journal_mode = WAL",
		schemaVersionTable,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

const schemaVersionTable = `CREATE TABLE IF NOT EXISTS schema_version (
	version    INTEGER NOT NULL PRIMARY KEY,
	applied_at TEXT    NOT NULL)`

// migrate applies migrations[v:version] where v is the file's version,
// each in its own write transaction, so two processes opening a new file
// at once apply each migration once.
func (s *Store) migrate(ctx context.Context, version int) error {
	for {
		done, err := s.migrateOne(ctx, version)
		if err != nil || done {
			return err
		}
	}
}

func (s *Store) migrateOne(ctx context.Context, version int) (done bool, err error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return false, err
	}
	if v > len(migrations) {
		return false, fmt.Errorf("%w: file is at version %d, this railyard knows %d", ErrSchemaTooNew, v, len(migrations))
	}
	if v >= version {
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migration %d: %w", v+1, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`,
		v+1, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return false, fmt.Errorf("migration %d: %w", v+1, err)
	}
	return false, tx.Commit()
}

// Path is the absolute path of the store's file.
func (s *Store) Path() string { return s.path }

// Close releases the store's connections.
func (s *Store) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// write runs f in one BEGIN IMMEDIATE transaction and commits if f
// returns nil.
func (s *Store) write(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// read runs f in one read transaction: every query in f sees the same
// snapshot.
func (s *Store) read(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return f(tx)
}
