//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package scratch

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

const prefix = "gokernel-scratchtest-"

// left lists the names in the temporary directory.
func left(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestSweepRemovesOnlyOrphans(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	live, err := Create(prefix)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Remove()
	orphan, err := Create(prefix)
	if err != nil {
		t.Fatal(err)
	}
	orphan.lock.Close() // as if its process had ended without cleaning up
	legacy := filepath.Join(os.TempDir(), prefix+"legacy")
	if err := os.Mkdir(legacy, 0o700); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(os.TempDir(), "someone-else")
	if err := os.Mkdir(other, 0o700); err != nil {
		t.Fatal(err)
	}
	if n := Sweep(prefix); n != 1 {
		t.Errorf("Sweep removed %d directories, want 1", n)
	}
	want := []string{filepath.Base(live.Path), filepath.Base(legacy), "someone-else"}
	slices.Sort(want)
	if got := left(t); !slices.Equal(got, want) {
		t.Errorf("left %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(live.Path, ownerFile)); err != nil {
		t.Errorf("the live directory lost its owner file: %v", err)
	}
	if err := live.Remove(); err != nil || slices.Contains(left(t), filepath.Base(live.Path)) {
		t.Errorf("Remove: %v; left %q", err, left(t))
	}
}

// TestKilledOwnerIsSwept kills a process holding a directory with SIGKILL
// and checks that the next Create removes it.
func TestKilledOwnerIsSwept(t *testing.T) {
	if os.Getenv("SCRATCH_HOLD") != "" {
		d, err := Create(prefix)
		if err != nil {
			os.Exit(3)
		}
		os.WriteFile(filepath.Join(os.Getenv("SCRATCH_HOLD"), "ready"), []byte(d.Path), 0o600)
		time.Sleep(time.Minute) // until killed
		runtime.KeepAlive(d)    // the lock's file must not be finalized (closed)
		os.Exit(4)
	}
	t.Setenv("TMPDIR", t.TempDir())
	signal := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledOwnerIsSwept$")
	cmd.Env = append(os.Environ(), "SCRATCH_HOLD="+signal)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	held := waitFile(t, filepath.Join(signal, "ready"))
	if n := Sweep(prefix); n != 0 {
		t.Fatalf("Sweep removed %d directories of a live process", n)
	}
	cmd.Process.Kill()
	cmd.Wait()
	d, err := Create(prefix)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Remove()
	if got := left(t); !slices.Equal(got, []string{filepath.Base(d.Path)}) {
		t.Errorf("after the owner of %s was killed, left %q", filepath.Base(held), got)
	}
}

func waitFile(t *testing.T, path string) string {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
	}
	t.Fatalf("%s never appeared", path)
	return ""
}
