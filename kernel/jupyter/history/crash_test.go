package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as a kernel writing history (see
// writeForever), so that tests can kill -9 real processes mid-write.
func TestMain(m *testing.M) {
	if path := os.Getenv("GOKERNEL_HISTORY_WRITER"); path != "" {
		writeForever(path)
		return
	}
	os.Exit(m.Run())
}

// writeForever appends records of up to 1 KiB as fast as it can.
func writeForever(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println("ready")
	for i := 1; ; i++ {
		code := fmt.Sprintf("cell %d pid %d %s", i, os.Getpid(), strings.Repeat("x", (i*977)%(1<<10)))
		if err := s.Append(i, code, "out"); err != nil {
			os.Exit(3)
		}
	}
}

func startWriter(t *testing.T, path string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GOKERNEL_HISTORY_WRITER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
		t.Fatalf("writer: %q", line)
	}
	return cmd
}

// checkFile verifies that the file holds only valid records and at most
// maxTorn torn ones (a prefix of a record cut by a kill, which load skips;
// a later session starts on a fresh line after it), and that a store opened
// on the file works.
func checkFile(t *testing.T, path, marker string, maxTorn int) (records int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	torn := 0
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var rec record
		if err := json.Unmarshal(line, &rec); err != nil {
			if !bytes.HasPrefix(line, []byte(`{"session":`)) || bytes.Count(line, []byte(`{"session":`)) != 1 {
				t.Fatalf("line %d is corrupt, not just torn (%v): %.80q", i+1, err, line)
			}
			torn++
			continue
		}
		records++
	}
	if torn > maxTorn {
		t.Fatalf("%d torn lines after %d kills", torn, maxTorn)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("open after the crash: %v", err)
	}
	if err := s.Append(1, marker, ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := s2.Search(marker, 0, false); len(got) != 1 {
		t.Fatalf("the record appended after the crash: %v", got)
	}
	return records
}

func TestKill9MidWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	for round := range 3 {
		w := startWriter(t, path)
		time.Sleep(time.Duration(50+round*37) * time.Millisecond)
		w.Process.Signal(syscall.SIGKILL)
		w.Wait()
		n := checkFile(t, path, fmt.Sprintf("after crash %d", round), round+1)
		t.Logf("round %d: %d records intact", round, n)
	}
}

func TestTwoKernelsWritingAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	a, b := startWriter(t, path), startWriter(t, path)
	time.Sleep(300 * time.Millisecond)
	a.Process.Signal(syscall.SIGKILL)
	b.Process.Signal(syscall.SIGKILL)
	a.Wait()
	b.Wait()
	n := checkFile(t, path, "after both crashed", 2)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sessions := map[int]bool{}
	for _, e := range s.Tail(1 << 30) {
		sessions[e.Session] = true
	}
	if len(sessions) < 2 {
		t.Errorf("records of %d sessions, want both writers'", len(sessions))
	}
	t.Logf("%d records of %d sessions intact", n, len(sessions))
}

// TestLooseModeTightened: a history file left readable by others (created
// by hand or by an older version) is made private when opened: it holds
// every cell ever run, secrets included.
func TestLooseModeTightened(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.jsonl")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
}
