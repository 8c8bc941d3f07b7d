package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/railyardhq/railyard/rails"
	"github.com/railyardhq/railyard/store/sqlite"
)

// The store of the engine commands (submit, run, settle, ingest, tx,
// events): --db, whose default is $RAILYARD_DB, else railyard.db in the
// working directory.
const (
	envDB     = "RAILYARD_DB"
	defaultDB = "railyard.db"
)

// defaultDBPath is the default of --db.
func defaultDBPath() string {
	if p := os.Getenv(envDB); p != "" {
		return p
	}
	return defaultDB
}

// engine is an open store and the rails.Engine over it.
type engine struct {
	*rails.Engine
	st  *sqlite.Store
	loc *time.Location // the schedule's zone: what text output shows
}

// Close closes the store.
func (e *engine) Close() error { return e.st.Close() }

// openEngine reads the configuration (adjust may change it, for flags
// such as --outbox), opens the store at --db, creating it on first use,
// and returns the engine over it. The caller closes it.
func (g *globals) openEngine(ctx context.Context, adjust func(*rails.Config)) (*engine, error) {
	cfg, err := g.engineConfig()
	if err != nil {
		return nil, err
	}
	if adjust != nil {
		adjust(&cfg)
		if err := cfg.Validate(); err != nil {
			return nil, usageErrorf("%s", engineConfigProblems(err))
		}
	}
	if strings.TrimSpace(g.db) == "" {
		return nil, usageErrorf("--db: want the path of the store (a SQLite file)")
	}
	st, err := sqlite.Open(ctx, g.db)
	if err != nil {
		return nil, failure(fmt.Errorf("store %s: %w", g.db, err))
	}
	eng, err := rails.NewEngine(st, cfg)
	if err != nil {
		st.Close()
		return nil, usageErrorf("config %s: %s", g.configName(), engineConfigProblems(err))
	}
	eng.Now = now
	return &engine{Engine: eng, st: st, loc: eng.Resolver().Location()}, nil
}

// interruptible returns a context that is canceled on SIGINT or SIGTERM,
// so that long work (run, ingest, events --follow) stops cleanly. Tests
// replace it.
var interruptible = func(parent context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}

// tidyError is an engine error as the CLI shows it: without the package
// prefixes ("rails: ") that mean nothing to a user. It still unwraps to
// the engine's error.
type tidyError struct{ err error }

func (e tidyError) Error() string {
	return strings.ReplaceAll(strings.ReplaceAll(e.err.Error(), "rails: ", ""), "railtest: ", "")
}
func (e tidyError) Unwrap() error { return e.err }

// tidy wraps err as a tidyError (nil stays nil).
func tidy(err error) error {
	if err == nil {
		return nil
	}
	return tidyError{err}
}

// progress shows msg as a one-line progress on stderr when stderr is a
// terminal, and returns the function that clears it. Elsewhere (a pipe, a
// log file, a test buffer) it shows nothing.
func (g *globals) progress(msg string) (clear func()) {
	f, ok := g.stderr.(*os.File)
	if !ok {
		return func() {}
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	fmt.Fprintf(f, "\r\033[K%s", msg)
	return func() { fmt.Fprint(f, "\r\033[K") }
}

// flushed runs write on a buffered stdout and flushes it; a write error is
// a failure.
func (g *globals) flushed(write func(w io.Writer) error) error {
	w := bufio.NewWriter(g.stdout)
	err := write(w)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return failure(err)
	}
	return nil
}

// txError words an engine error about transaction id: ErrNotFound names
// the store it was looked up in. Both are failures (exit 1).
func (g *globals) txError(id string, err error) error {
	if errors.Is(err, rails.ErrNotFound) {
		return failure(fmt.Errorf("no transaction %q in %s", id, g.db))
	}
	return failure(tidy(err))
}
