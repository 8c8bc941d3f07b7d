package rails

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Writing the outbox. A file is rendered into a temporary file in its
// final directory (".<name>.<pid>.<n>.tmp", mode 0600), fsynced and
// closed; install then renames it to its name and fsyncs the directory.
// A file already at the name with the same bytes is kept; one with other
// bytes is never replaced. The temporary name carries the writer's
// process id, so a later writer can tell the leftover of a writer that
// was killed (removed) from one still at work (left alone).

// spool holds the temporary files a planner rendered during a claim,
// until Run installs them or drops them.
type spool struct {
	outbox string
	files  map[int]spooled // by file seq
}

type spooled struct {
	tmp, digest string
}

// write renders file seq (name relative to the outbox) into a temporary
// file and returns its SHA-256.
func (sp *spool) write(seq int, name string, render func(io.Writer) error) (string, error) {
	tmp, digest, err := writeTemp(filepath.Join(sp.outbox, filepath.FromSlash(name)), render)
	if err != nil {
		return "", err
	}
	if sp.files == nil {
		sp.files = map[int]spooled{}
	}
	if old, ok := sp.files[seq]; ok {
		os.Remove(old.tmp)
	}
	sp.files[seq] = spooled{tmp, digest}
	return digest, nil
}

// take hands over the temporary file of seq, if there is one.
func (sp *spool) take(seq int) (tmp, digest string, ok bool) {
	f, ok := sp.files[seq]
	delete(sp.files, seq)
	return f.tmp, f.digest, ok
}

// discard removes the temporary files not taken.
func (sp *spool) discard() {
	for seq, f := range sp.files {
		os.Remove(f.tmp)
		delete(sp.files, seq)
	}
}

// writeTemp renders into a new temporary file beside path (creating the
// directory), fsyncs and closes it, and returns its name and SHA-256.
// On error nothing is left behind.
func writeTemp(path string, render func(io.Writer) error) (tmp, digest string, err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", err
	}
	removeStaleTemps(dir, filepath.Base(path))
	f, err := os.CreateTemp(dir, fmt.Sprintf(".%s.%d.*.tmp", filepath.Base(path), os.Getpid()))
	if err != nil {
		return "", "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return "", "", err
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 256<<10)
	if err := render(bw); err != nil {
		return "", "", err
	}
	if err := bw.Flush(); err != nil {
		return "", "", err
	}
	if err := f.Sync(); err != nil {
		return "", "", err
	}
	if err := f.Close(); err != nil {
		return "", "", err
	}
	return f.Name(), hex.EncodeToString(h.Sum(nil)), nil
}

// install puts the temporary file tmp, whose SHA-256 is digest, at path:
// rename and fsync of the directory, or, when path holds the same bytes
// already, removal of tmp. A file at path with other bytes is an error
// and is left as it is. tmp is gone when install returns.
func install(tmp, path, digest string) error {
	defer os.Remove(tmp) // a no-op once renamed
	switch old, err := fileDigest(path); {
	case err == nil && old == digest:
		return os.Chmod(path, 0o600)
	case err == nil:
		return fmt.Errorf("file %s exists with other content: refusing to replace it", path)
	case !errors.Is(err, os.ErrNotExist):
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// fileDigest is the SHA-256 of the file at path.
func fileDigest(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// removeStaleTemps deletes the temporary files of base left by writers
// that died between creating and renaming them (".<base>.<pid>.<n>.tmp"
// whose process is gone). A live writer's file, another runner's, is left alone.
func removeStaleTemps(dir, base string) {
	matches, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+".*.tmp"))
	for _, m := range matches {
		pidText, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(m), "."+base+"."), ".")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		os.Remove(m)
	}
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}
