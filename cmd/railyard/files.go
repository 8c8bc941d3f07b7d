package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// stdinName is the FILE argument that means standard input.
const stdinName = "-"

// input is an opened FILE argument.
type input struct {
	io.Reader
	name   string // as the user gave it, or "<stdin>"
	closer io.Closer
}

func (in *input) Close() error {
	if in.closer == nil {
		return nil
	}
	return in.closer.Close()
}

// openInput opens the FILE argument. A file that does not exist is a usage
// error (exit 2: the user named the wrong thing); any other failure to open
// is exit 1.
func (g *globals) openInput(name string) (*input, error) {
	if name == stdinName {
		return &input{Reader: g.stdin, name: "<stdin>"}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &exitError{code: exitUsage, err: err}
		}
		return nil, failure(err)
	}
	return &input{Reader: f, name: name, closer: f}, nil
}

// writeFileAtomic writes data to path so that path either keeps its old
// content or gets all of data: it writes a temporary file in the same
// directory, syncs it and renames it over path. The file's mode is 0600.
func writeFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable; not every system can sync a directory.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
