// Package history stores the kernel's execution history, the answer to
// Jupyter's history_request (tail, range and search).
//
// The history lives in a JSON-lines file, one record per line:
//
//	{"session":3,"line":7,"input":"1+2+3","output":"6"}
//
// Records are only ever appended, each with a single write(2) on a file
// opened with O_APPEND, so several kernels can share one file and a kernel
// killed with SIGKILL cannot corrupt records written before. A torn or
// malformed line is skipped when the file is loaded. Opening a store reserves
// a new session number by appending a marker record with line 0 (it carries
// no input and is never returned as an entry); this also makes sessions that
// ran nothing count, as IPython's sessions table does.
//
// All queries are answered from an in-memory index; the file is read once,
// when the store is opened.
package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// Entry is one stored execution: the cell's input and the text/plain form
// of its result ("" when it had none).
type Entry struct {
	Session, Line int
	Input, Output string
}

// record is the on-disk form of an Entry. Line 0 marks a session start.
type record struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input"`
	Output  string `json:"output"`
}

// Store is an open history: the entries of earlier sessions plus the current
// session's, which it appends to the file. It is safe for concurrent use.
type Store struct {
	mu         sync.Mutex
	f          *os.File // nil for an in-memory store or after Close
	closed     bool
	session    int
	maxSession int
	entries    []Entry
}

// ErrClosed is returned by Append after Close.
var ErrClosed = errors.New("history: store is closed")

// Open loads the history file at path, creating it (mode 0600, directories
// 0700) if it does not exist (an existing file readable by others is made
// 0600), and starts a new session numbered one past the
// highest session in the file.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("history: empty path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("history: create directory for %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("history: open %s: %w", path, err)
	}
	// The history holds every cell ever run, secrets included: keep a file
	// created by hand or by an older version private too.
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm()&0o077 != 0 {
		f.Chmod(0o600)
	}
	s := &Store{f: f}
	if err := s.start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("history: %s: %w", path, err)
	}
	return s, nil
}

// Memory returns a store that keeps the history in memory only, in session
// 1: a fallback for when no file can be opened.
func Memory() *Store {
	return &Store{session: 1, maxSession: 1}
}

// DefaultPath returns where the history is kept: $GOKERNEL_HISTORY if set;
// on Linux and the BSDs $XDG_DATA_HOME/gokernel/history.jsonl, or
// ~/.local/share/gokernel/history.jsonl; elsewhere
// os.UserConfigDir()/gokernel/history.jsonl. It returns "" when no location
// can be determined.
func DefaultPath() string {
	if p := os.Getenv("GOKERNEL_HISTORY"); p != "" {
		return p
	}
	const file = "history.jsonl"
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
			return filepath.Join(d, "gokernel", file)
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share", "gokernel", file)
		}
		return ""
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "gokernel", file)
	}
	return ""
}

// start loads the file and reserves the next session number.
func (s *Store) start() error {
	data, err := s.readSettled()
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	s.load(data)
	return s.reserve(int64(len(data)), torn(data))
}

// readSettled reads the whole file. A last line without its newline is
// either torn by a crash or another kernel's append caught halfway (a
// reader can see part of a write in progress): it reads again, a few
// times over about 0.1 s, until the line is complete or clearly torn.
func (s *Store) readSettled() ([]byte, error) {
	data, err := io.ReadAll(s.f)
	for wait := time.Millisecond; err == nil && torn(data) && wait <= 64*time.Millisecond; wait *= 2 {
		time.Sleep(wait)
		if _, err = s.f.Seek(0, io.SeekStart); err == nil {
			data, err = io.ReadAll(s.f)
		}
	}
	return data, err
}

// torn reports whether data ends in a line without its newline.
func torn(data []byte) bool { return len(data) > 0 && data[len(data)-1] != '\n' }

// reserve appends a session marker for the next free session number. If
// another kernel appended records for that session (or a later one) between
// our read and our marker, the session is theirs: we take the next one. This
// relies on O_APPEND leaving the file offset at the end of our own write.
func (s *Store) reserve(loaded int64, torn bool) error {
	for {
		next := s.maxSession + 1
		line := encode(record{Session: next})
		if torn {
			line = append([]byte{'\n'}, line...)
			torn = false
		}
		if _, err := s.f.Write(line); err != nil {
			return fmt.Errorf("append session marker: %w", err)
		}
		end, err := s.f.Seek(0, io.SeekCurrent)
		start := end - int64(len(line))
		if err != nil || start < loaded {
			s.session = next // offsets unknown: accept the number
			s.maxSession = next
			return nil
		}
		gap := make([]byte, start-loaded)
		if _, err := s.f.ReadAt(gap, loaded); err != nil {
			return fmt.Errorf("read concurrent records: %w", err)
		}
		before := s.maxSession
		s.load(gap)
		loaded = end
		if s.maxSession == before {
			s.session = next
			s.maxSession = next
			return nil
		}
	}
}

// load indexes the records in data, skipping malformed lines.
func (s *Store) load(data []byte) {
	r := bufio.NewReader(bytes.NewReader(data))
	for {
		line, err := r.ReadBytes('\n')
		if rec, ok := decode(line); ok {
			s.maxSession = max(s.maxSession, rec.Session)
			if rec.Line > 0 {
				s.entries = append(s.entries, Entry(rec))
			}
		}
		if err != nil {
			return
		}
	}
}

// decode parses one line; ok is false for blank, torn or malformed lines.
func decode(line []byte) (record, bool) {
	line = bytes.TrimSpace(line)
	var rec record
	if len(line) == 0 || line[0] != '{' || line[len(line)-1] != '}' {
		return rec, false
	}
	if err := json.Unmarshal(line, &rec); err != nil || rec.Session < 1 || rec.Line < 0 {
		return rec, false
	}
	return rec, true
}

// encode renders rec as one line, newline included.
func encode(rec record) []byte {
	b, _ := json.Marshal(rec) // a struct of ints and strings cannot fail
	return append(b, '\n')
}

// Session returns the current session number.
func (s *Store) Session() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.session
}

// Append records that execution line of the current session had input and,
// as text/plain, output (which may be ""). The record reaches the file with
// one write.
func (s *Store) Append(line int, input, output string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	rec := record{Session: s.session, Line: line, Input: input, Output: output}
	if s.f != nil {
		if _, err := s.f.Write(encode(rec)); err != nil {
			return fmt.Errorf("history: append: %w", err)
		}
	}
	s.entries = append(s.entries, Entry(rec))
	return nil
}

// Tail returns the last n entries across sessions, oldest first; none when
// n <= 0.
func (s *Store) Tail(n int) []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n <= 0 {
		return []Entry{}
	}
	return clone(s.entries[len(s.entries)-min(n, len(s.entries)):])
}

// Range returns the entries of one session with start <= line < stop, in
// order, with IPython's conventions: session 0 is the current session and a
// negative session counts back from it (-1 is the previous one); stop 0
// means to the end of the session.
func (s *Store) Range(session, start, stop int) []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	if session <= 0 {
		session += s.session
	}
	out := []Entry{}
	for _, e := range s.entries {
		if e.Session == session && e.Line >= start && (stop <= 0 || e.Line < stop) {
			out = append(out, e)
		}
	}
	return out
}

// Search returns the newest n entries (all when n <= 0) whose whole input
// matches the glob pattern, oldest first. The pattern is SQLite GLOB-like:
// * matches any text (newlines too), ? any one character, [abc], [a-z] and
// [^a-z] or [!a-z] a class, \x a literal x. With unique, only the newest of
// entries with the same input is kept.
func (s *Store) Search(pattern string, n int, unique bool) []Entry {
	g := compileGlob(pattern)
	s.mu.Lock()
	defer s.mu.Unlock()
	var rev []Entry
	seen := map[string]bool{}
	for i := len(s.entries) - 1; i >= 0 && (n <= 0 || len(rev) < n); i-- {
		e := s.entries[i]
		if (unique && seen[e.Input]) || !g.match(e.Input) {
			continue
		}
		seen[e.Input] = true
		rev = append(rev, e)
	}
	out := make([]Entry, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// Close closes the file; later appends fail with ErrClosed while queries
// keep answering from memory.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}

// clone copies entries so callers cannot alias the index; never nil.
func clone(entries []Entry) []Entry {
	return append([]Entry{}, entries...)
}
