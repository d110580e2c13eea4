package notebooks

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/tests/jupytertest"
)

// python is the interpreter the Debian Jupyter packages are installed for.
const python = jupytertest.Python

// setup is what TestMain prepared for every test.
var setup struct {
	err     error               // why the setup failed; every test needing the kernel reports it
	root    string              // the module root
	nbDir   string              // the notebooks under test
	snipDir string              // the snippets under test
	k       *jupytertest.Kernel // the built binary, its kernelspec and environment
	tmp     string
	rootErr error     // why the module root was not found
	once    sync.Once // guards prepare
}

// TestMain finds the directories under test and removes the temporary
// directory (binary, kernelspec, Jupyter's directories) at the end. Building
// and installing gokernel waits for the first test that needs it.
func TestMain(m *testing.M) {
	jupytertest.Main(m, "notebooks", "GOKERNEL_NOTEBOOKS_KEEP", func(tmp string) {
		setup.tmp = tmp
		setup.root, setup.rootErr = jupytertest.ModuleRoot()
		setup.nbDir = dirFromEnv("GOKERNEL_NOTEBOOKS_DIR", "notebooks")
		setup.snipDir = dirFromEnv("GOKERNEL_SNIPPETS_DIR", "snippets")
	})
}

// dirFromEnv is the directory named by the variable (relative to the
// module root unless absolute), or def under the module root.
func dirFromEnv(name, def string) string {
	dir := os.Getenv(name)
	if dir == "" {
		dir = def
	}
	if filepath.IsAbs(dir) {
		return filepath.Clean(dir)
	}
	return filepath.Join(setup.root, dir)
}

// needKernel fails t unless gokernel is built and its kernelspec installed;
// the first test to need it does the work.
func needKernel(t *testing.T) {
	t.Helper()
	setup.once.Do(func() { setup.err = prepare(setup.tmp) })
	if setup.err != nil {
		t.Fatalf("setup failed: %v", setup.err)
	}
}

// prepare builds the binary and installs the kernelspec, then pins the go
// command's caches in the environment for the cells that run go build.
func prepare(tmp string) error {
	if setup.rootErr != nil {
		return setup.rootErr
	}
	k, err := jupytertest.Install(tmp)
	if err != nil {
		return err
	}
	goEnv, err := jupytertest.GoCacheEnv(setup.root)
	if err != nil {
		return err
	}
	k.Env = append(k.Env, goEnv...)
	setup.k = k
	return nil
}

// goCommand runs the go command in the module root.
func goCommand(timeout time.Duration, args ...string) ([]byte, error) {
	return jupytertest.GoCommand(setup.root, timeout, args...)
}

// testEnv is the environment for t's child processes, with a history file
// of its own.
func testEnv(t *testing.T) []string {
	return setup.k.TestEnv(t)
}

// needPython fails t unless /usr/bin/python3 exists and imports modules.
func needPython(t *testing.T, modules ...string) {
	t.Helper()
	jupytertest.NeedPython(t, testEnv(t), modules...)
}

// needFile fails t unless the program at path exists.
func needFile(t *testing.T, path string) {
	t.Helper()
	jupytertest.NeedFile(t, path)
}

// needCommand fails t unless name is on PATH, and returns its path.
func needCommand(t *testing.T, name string) string {
	t.Helper()
	return jupytertest.NeedCommand(t, name)
}

// run runs a command with the test environment and fails t with its output
// when it fails or outlives timeout. It returns stdout and stderr together.
func run(t *testing.T, dir string, timeout time.Duration, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = testEnv(t)
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	elapsed := time.Since(start).Round(time.Millisecond)
	if ctx.Err() != nil {
		t.Fatalf("%s %s did not finish within %v; its output:\n%s", name, strings.Join(args, " "), timeout, out)
	}
	if err != nil {
		t.Fatalf("%s %s failed after %v (%v); its output:\n%s", name, strings.Join(args, " "), elapsed, err, out)
	}
	return string(out)
}

// checkLeftovers waits up to grace for the processes of the binary under
// test to end, then kills those left (by pid) and fails t naming them.
func checkLeftovers(t *testing.T, grace time.Duration) {
	t.Helper()
	if left := setup.k.KillLeftovers(grace); len(left) > 0 {
		t.Errorf("gokernel processes still running (now killed):\n  %s", strings.Join(left, "\n  "))
	}
}
