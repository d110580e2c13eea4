// Package scratch makes the temporary directories a kernel owns, and
// removes the ones whose owner is gone: a kernel that is killed (kill -9,
// `shutdown_kernel(now=True)`, a crash) cannot clean up after itself, so
// the next kernel to start does it.
//
// The owner holds a lock on a file inside its directory (ownerFile) for
// as long as it lives; the operating system drops the lock when the
// process ends, however it ends. A directory is removed only when its
// lock can be taken, which proves its owner gone; a directory without
// the file (made by an older gokernel, or still being made) and a platform
// without the lock (Windows) keep everything.
package scratch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// ownerFile is the locked file inside an owned directory.
const ownerFile = ".gokernel-owner"

// errNoLock says the platform has no lock for ownership.
var errNoLock = errors.New("no file locks on this platform")

// Dir is a temporary directory owned by this process.
type Dir struct {
	Path string
	lock *os.File // nil when the platform has no lock
}

// Create removes the stale directories named prefix* in os.TempDir(),
// then makes a new one (as os.MkdirTemp does) owned by this process.
func Create(prefix string) (*Dir, error) {
	Sweep(prefix)
	path, err := os.MkdirTemp("", prefix+"*")
	if err != nil {
		return nil, err
	}
	d := &Dir{Path: path}
	d.lock, err = own(path)
	if err != nil && !errors.Is(err, errNoLock) {
		os.RemoveAll(path)
		return nil, err
	}
	return d, nil
}

// own creates dir's owner file already locked: it is locked under another
// name and renamed, so no sweeper ever sees it unlocked.
func own(dir string) (*os.File, error) {
	pending := filepath.Join(dir, ownerFile+".new")
	f, err := os.OpenFile(pending, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if ok, err := tryLock(f); !ok || err != nil {
		f.Close()
		os.Remove(pending)
		if err == nil {
			err = errors.New("the new owner file is locked by another process")
		}
		return nil, err
	}
	if err := os.Rename(pending, filepath.Join(dir, ownerFile)); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Remove deletes the directory and everything in it.
func (d *Dir) Remove() error {
	if d.lock != nil {
		d.lock.Close() // first: Windows cannot delete an open file
	}
	return os.RemoveAll(d.Path)
}

// Sweep removes the directories named prefix* in os.TempDir() whose owner
// has ended, and returns how many it removed.
func Sweep(prefix string) int {
	matches, err := filepath.Glob(filepath.Join(os.TempDir(), prefix+"*"))
	if err != nil {
		return 0
	}
	removed := 0
	for _, dir := range matches {
		if strings.HasPrefix(filepath.Base(dir), prefix) && removeIfOrphan(dir) {
			removed++
		}
	}
	return removed
}

// removeIfOrphan removes dir if its owner file exists and can be locked.
func removeIfOrphan(dir string) bool {
	f, err := os.OpenFile(filepath.Join(dir, ownerFile), os.O_RDWR, 0)
	if err != nil {
		return false // not owned the way this package owns (or already gone)
	}
	defer f.Close()
	if ok, err := tryLock(f); !ok || err != nil {
		return false // alive, or unsure
	}
	return os.RemoveAll(dir) == nil
}
