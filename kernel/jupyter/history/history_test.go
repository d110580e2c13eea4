package history

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"
)

// open opens a store at path, failing the test on error.
func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// appendAll appends inputs as lines 1.. with output "out<line>".
func appendAll(t *testing.T, s *Store, inputs ...string) {
	t.Helper()
	for i, in := range inputs {
		if err := s.Append(i+1, in, fmt.Sprint("out", i+1)); err != nil {
			t.Fatal(err)
		}
	}
}

// inputs lists the inputs of entries.
func inputs(es []Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Input)
	}
	return out
}

func TestPersistenceAndSessions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dir", "history.jsonl")
	s1 := open(t, path)
	if s1.Session() != 1 {
		t.Fatalf("first session = %d, want 1", s1.Session())
	}
	appendAll(t, s1, "a", "b")
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s1.Append(3, "c", ""); err != ErrClosed {
		t.Fatalf("append after close: %v", err)
	}
	s2 := open(t, path)
	defer s2.Close()
	if s2.Session() != 2 {
		t.Fatalf("second session = %d, want 2", s2.Session())
	}
	appendAll(t, s2, "c")
	want := []Entry{{1, 1, "a", "out1"}, {1, 2, "b", "out2"}, {2, 1, "c", "out1"}}
	if got := s2.Tail(10); !reflect.DeepEqual(got, want) {
		t.Fatalf("Tail = %v, want %v", got, want)
	}
	if runtime.GOOS != "windows" {
		for p, mode := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != mode {
				t.Errorf("%s: mode %v (err %v), want %v", p, fi.Mode().Perm(), err, mode)
			}
		}
	}
}

func TestEmptySessionsCount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	for want := 1; want <= 3; want++ {
		s := open(t, path)
		if s.Session() != want {
			t.Fatalf("session = %d, want %d", s.Session(), want)
		}
		s.Close()
	}
}

func TestTail(t *testing.T) {
	s := Memory()
	appendAll(t, s, "a", "b", "c")
	tests := []struct {
		n    int
		want []string
	}{{0, []string{}}, {-1, []string{}}, {1, []string{"c"}}, {2, []string{"b", "c"}}, {9, []string{"a", "b", "c"}}}
	for _, tt := range tests {
		if got := inputs(s.Tail(tt.n)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tail(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestRange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	s := open(t, path)
	appendAll(t, s, "s1a", "s1b", "s1c")
	s.Close()
	s = open(t, path)
	appendAll(t, s, "s2a", "s2b")
	s.Close()
	s = open(t, path) // session 3
	defer s.Close()
	appendAll(t, s, "s3a", "s3b", "s3c", "s3d")
	tests := []struct {
		session, start, stop int
		want                 []string
	}{
		{0, 1, 0, []string{"s3a", "s3b", "s3c", "s3d"}},
		{0, 2, 3, []string{"s3b"}},
		{0, 2, 4, []string{"s3b", "s3c"}},
		{3, 4, 0, []string{"s3d"}},
		{-1, 1, 0, []string{"s2a", "s2b"}},
		{-2, 2, 0, []string{"s1b", "s1c"}},
		{1, 0, 2, []string{"s1a"}},
		{-5, 1, 0, []string{}},
		{0, 5, 0, []string{}},
	}
	for _, tt := range tests {
		if got := inputs(s.Range(tt.session, tt.start, tt.stop)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Range(%d, %d, %d) = %q, want %q", tt.session, tt.start, tt.stop, got, tt.want)
		}
	}
}

func TestSearch(t *testing.T) {
	s := Memory()
	appendAll(t, s, "1+2+3", "1+2", "x := 1", "1+2+3", "1*2", "for {\n1\n}", "a[b]", "1020")
	tests := []struct {
		pattern string
		n       int
		unique  bool
		want    []string
	}{
		{"1?2*", 0, false, []string{"1+2+3", "1+2", "1+2+3", "1*2", "1020"}},
		{"1?2*", 0, true, []string{"1+2", "1+2+3", "1*2", "1020"}},
		{"1?2*", 3, false, []string{"1+2+3", "1*2", "1020"}},
		{"1?2*", 1, true, []string{"1020"}},
		{"1+2", 0, false, []string{"1+2"}},
		{"1+2+3", 0, true, []string{"1+2+3"}},
		{"for*}", 0, false, []string{"for {\n1\n}"}},
		{"*:=*", 0, false, []string{"x := 1"}},
		{"a[[]b]", 0, false, []string{"a[b]"}}, // a class holding "["
		{"a\\[b]", 0, false, []string{"a[b]"}},
		{"1[!+]2", 0, false, []string{"1*2"}},
		{"1[^+*]2*", 0, false, []string{"1020"}},
		{"[0-1]?[2-3]", 0, false, []string{"1+2", "1*2"}},
		{"a[b", 0, false, []string{}},
		{"nothing", 0, false, []string{}},
	}
	for _, tt := range tests {
		if got := inputs(s.Search(tt.pattern, tt.n, tt.unique)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Search(%q, %d, %v) = %q, want %q", tt.pattern, tt.n, tt.unique, got, tt.want)
		}
	}
}

func TestTornAndMalformedLinesSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	content := `{"session":1,"line":0,"input":"","output":""}
{"session":1,"line":1,"input":"ok","output":"1"}
not json
{"session":0,"line":1,"input":"bad session","output":""}

{"session":1,"line":2,"input":"to`
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	s := open(t, path)
	if got := inputs(s.Tail(10)); !reflect.DeepEqual(got, []string{"ok"}) {
		t.Fatalf("loaded %q, want [ok]", got)
	}
	if s.Session() != 2 {
		t.Fatalf("session = %d, want 2", s.Session())
	}
	appendAll(t, s, "after")
	s.Close()
	s = open(t, path)
	defer s.Close()
	if got := inputs(s.Tail(10)); !reflect.DeepEqual(got, []string{"ok", "after"}) {
		t.Fatalf("after reopen %q, want [ok after]", got)
	}
}

func TestConcurrentStores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	const stores, lines = 4, 200
	var wg sync.WaitGroup
	sessions := make([]int, stores)
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(path)
			if err != nil {
				t.Error(err)
				return
			}
			defer s.Close()
			sessions[i] = s.Session()
			for l := 1; l <= lines; l++ {
				if err := s.Append(l, fmt.Sprintf("cell %d of store %d\nwith \"quotes\"", l, i), "x"); err != nil {
					t.Error(err)
					return
				}
				s.Tail(3) // concurrent reads of the same store
			}
		}()
	}
	wg.Wait()
	seen := map[int]bool{}
	for _, n := range sessions {
		if seen[n] {
			t.Errorf("session %d handed out twice: %v", n, sessions)
		}
		seen[n] = true
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	count := 0
	for sc.Scan() {
		var rec record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("invalid line %q: %v", sc.Text(), err)
		}
		if rec.Line > 0 {
			count++
		}
	}
	if count != stores*lines {
		t.Fatalf("%d records, want %d", count, stores*lines)
	}
	s := open(t, path)
	defer s.Close()
	if got := len(s.Tail(stores * lines * 2)); got != stores*lines {
		t.Fatalf("reloaded %d entries, want %d", got, stores*lines)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("GOKERNEL_HISTORY", "/x/h.jsonl")
	if got := DefaultPath(); got != "/x/h.jsonl" {
		t.Errorf("with GOKERNEL_HISTORY: %q", got)
	}
	t.Setenv("GOKERNEL_HISTORY", "")
	if runtime.GOOS != "linux" {
		return
	}
	t.Setenv("XDG_DATA_HOME", "/data")
	if got, want := DefaultPath(), "/data/gokernel/history.jsonl"; got != want {
		t.Errorf("with XDG_DATA_HOME: %q, want %q", got, want)
	}
	t.Setenv("XDG_DATA_HOME", "relative") // ignored, as the XDG spec says
	t.Setenv("HOME", "/home/u")
	if got, want := DefaultPath(), "/home/u/.local/share/gokernel/history.jsonl"; got != want {
		t.Errorf("with HOME: %q, want %q", got, want)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"", dir} {
		if _, err := Open(p); err == nil {
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}
