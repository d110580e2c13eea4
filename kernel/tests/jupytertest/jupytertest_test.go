package jupytertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWithoutVars(t *testing.T) {
	got := WithoutVars([]string{"HOME=/h", "PATH=/p", "JUPYTER_X=1", "GOPATH=/g", "HOMEY=2"}, "HOME", "JUPYTER_")
	if want := []string{"PATH=/p", "GOPATH=/g"}; !slices.Equal(got, want) {
		t.Errorf("WithoutVars = %q, want %q", got, want)
	}
}

func TestModuleRoot(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "kernel", "tests", "jupytertest")); err != nil {
		t.Errorf("ModuleRoot = %s, which does not hold this package: %v", root, err)
	}
}

// TestKillLeftovers runs a copy of sleep as the "kernel" binary and checks
// that Processes finds it and KillLeftovers kills and names it.
func TestKillLeftovers(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Fatalf("the sleep command is missing: install it with `apt-get install -y coreutils`")
	}
	b, err := os.ReadFile(sleep)
	if err != nil {
		t.Fatal(err)
	}
	k := &Kernel{Bin: filepath.Join(t.TempDir(), "gokernel")}
	if err := os.WriteFile(k.Bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(k.Bin, "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	if _, ok := k.Processes()[cmd.Process.Pid]; !ok {
		t.Errorf("Processes() = %v, lacks pid %d", k.Processes(), cmd.Process.Pid)
	}
	left := k.KillLeftovers(200 * time.Millisecond)
	if len(left) != 1 || !strings.Contains(left[0], k.Bin+" 60") {
		t.Errorf("KillLeftovers = %q, want the one sleeping copy", left)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("KillLeftovers did not kill the process")
	}
	var none *Kernel
	if p := none.Processes(); len(p) != 0 {
		t.Errorf("nil Kernel's Processes() = %v, want none", p)
	}
}
