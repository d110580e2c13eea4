// Package e2e runs gokernel end to end against the real Jupyter stack: the
// conformance suite of jupyter_kernel_test, a notebook executed by nbclient
// and nbconvert, jupyter_client driving stdin, interrupts, restarts and
// signatures, and jupyter console typed into through a pseudo-terminal.
//
// TestMain builds the gokernel binary once and installs its kernelspec into a
// temporary prefix; each test then runs one Python script from testdata with
// /usr/bin/python3 (Debian's Jupyter packages live there). A missing
// interpreter or module fails the test with the Debian package to install:
// these tests are never skipped.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/tests/jupytertest"
)

// python is the interpreter the Debian Jupyter packages are installed for.
const python = jupytertest.Python

// setup is what TestMain prepared for every test.
var setup struct {
	err error               // why the setup failed; every test reports it
	k   *jupytertest.Kernel // the built binary, its kernelspec and environment
	tmp string
}

// TestMain builds and installs gokernel before the tests and removes the
// temporary directory at the end, unless GOKERNEL_E2E_KEEP is set.
func TestMain(m *testing.M) {
	jupytertest.Main(m, "e2e", "GOKERNEL_E2E_KEEP", func(tmp string) {
		setup.tmp = tmp
		setup.err = prepare(tmp)
	})
}

// prepare builds the binary and installs the kernelspec, then adds to the
// environment the scripts' working directory and the binary's path.
func prepare(tmp string) error {
	k, err := jupytertest.Install(tmp)
	if err != nil {
		return err
	}
	work := filepath.Join(tmp, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	k.Env = append(k.Env, "E2E_WORKDIR="+work, "GOKERNEL_BIN="+k.Bin)
	setup.k = k
	return nil
}

// needSetup fails t if TestMain could not build or install gokernel.
func needSetup(t *testing.T) {
	t.Helper()
	if setup.err != nil {
		t.Fatalf("e2e setup failed: %v", setup.err)
	}
}

// needPython fails t unless /usr/bin/python3 exists and imports modules.
func needPython(t *testing.T, modules ...string) {
	t.Helper()
	jupytertest.NeedPython(t, testEnv(t), modules...)
}

// testEnv is the environment for t's child processes, with a history file
// of its own, so tests do not see each other's cells.
func testEnv(t *testing.T) []string {
	return setup.k.TestEnv(t)
}

// runScript runs testdata/script with /usr/bin/python3 and fails t with the
// script's whole output if it fails or outlives timeout. The output is
// logged either way, since the scripts print measured figures.
func runScript(t *testing.T, script string, timeout time.Duration, modules ...string) {
	t.Helper()
	needSetup(t)
	needPython(t, modules...)
	path, err := filepath.Abs(filepath.Join("testdata", script))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, path)
	cmd.Dir = filepath.Dir(path)
	cmd.Env = testEnv(t)
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err = cmd.Run()
	elapsed := time.Since(start).Round(time.Millisecond)
	leftovers := setup.k.KillLeftovers(3 * time.Second)
	if ctx.Err() != nil {
		t.Fatalf("%s did not finish within %v; its output:\n%s", script, timeout, out.String())
	}
	if len(leftovers) > 0 {
		t.Errorf("gokernel processes still running after %s ended (now killed):\n  %s",
			script, strings.Join(leftovers, "\n  "))
	}
	if err != nil {
		t.Fatalf("%s failed after %v (%v); its output:\n%s", script, elapsed, err, out.String())
	}
	t.Logf("%s passed in %v; its output:\n%s", script, elapsed, out.String())
}

// TestConformance runs jupyter_kernel_test's whole KernelTests suite.
func TestConformance(t *testing.T) {
	runScript(t, "test_conformance.py", 2*time.Minute, "jupyter_client", "jupyter_kernel_test")
}

// TestNotebook executes testdata/smoke.ipynb with nbclient and nbconvert.
func TestNotebook(t *testing.T) {
	runScript(t, "test_notebook.py", 2*time.Minute, "jupyter_client", "nbformat", "nbclient", "nbconvert")
}

// TestClient drives the kernel with jupyter_client: stdin, interrupt,
// goroutine panic, restart, bad signatures and the measured figures.
func TestClient(t *testing.T) {
	runScript(t, "test_client.py", 3*time.Minute, "jupyter_client")
}

// TestConsole types into jupyter console through a pseudo-terminal.
func TestConsole(t *testing.T) {
	runScript(t, "test_console.py", 90*time.Second, "jupyter_client", "jupyter_console", "pexpect")
}

// TestKernelspecList installs into a fresh prefix, checks that
// `jupyter kernelspec list --json` lists gokernel as "Go", uninstalls it and
// checks it is gone.
func TestKernelspecList(t *testing.T) {
	needSetup(t)
	needPython(t, "jupyter_core", "jupyter_client")
	prefix := t.TempDir()
	env := append(testEnv(t), "JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"))

	run := func(name string, args ...string) []byte {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", name, strings.Join(args, " "), err, out, stderr.String())
		}
		return out
	}
	list := func() map[string]kernelspecEntry {
		t.Helper()
		out := run(jupyterCommand(t), "kernelspec", "list", "--json")
		var v struct {
			Kernelspecs map[string]kernelspecEntry `json:"kernelspecs"`
		}
		if err := json.Unmarshal(out, &v); err != nil {
			t.Fatalf("jupyter kernelspec list --json: %v\n%s", err, out)
		}
		return v.Kernelspecs
	}

	run(setup.k.Bin, "install", "--prefix", prefix)
	specs := list()
	gk, ok := specs["gokernel"]
	if !ok {
		t.Fatalf("after gokernel install --prefix %s, jupyter kernelspec list does not show gokernel: %v", prefix, specs)
	}
	if gk.Spec.DisplayName != "Go" {
		t.Errorf("display_name = %q, want \"Go\"", gk.Spec.DisplayName)
	}
	if gk.Spec.Language != "go" {
		t.Errorf("language = %q, want \"go\"", gk.Spec.Language)
	}
	want := []string{setup.k.Bin, "run", "--connection-file", "{connection_file}"}
	if strings.Join(gk.Spec.Argv, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("argv = %q, want %q", gk.Spec.Argv, want)
	}
	if m := gk.Spec.InterruptMode; m != "message" && m != "signal" {
		t.Errorf("interrupt_mode = %q, want \"message\" or \"signal\"", m)
	}
	wantDir := filepath.Join(prefix, "share", "jupyter", "kernels", "gokernel")
	if gk.ResourceDir != wantDir {
		t.Errorf("resource_dir = %q, want %q", gk.ResourceDir, wantDir)
	}
	for _, logo := range []string{"logo-32x32.png", "logo-64x64.png", "logo-svg.svg"} {
		if _, err := os.Stat(filepath.Join(wantDir, logo)); err != nil {
			t.Errorf("kernelspec lacks %s: %v", logo, err)
		}
	}

	run(setup.k.Bin, "uninstall", "--prefix", prefix)
	if _, ok := list()["gokernel"]; ok {
		t.Errorf("after gokernel uninstall --prefix %s, jupyter kernelspec list still shows gokernel", prefix)
	}
	if _, err := os.Stat(wantDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after uninstall %s still exists (%v)", wantDir, err)
	}
}

// kernelspecEntry is one kernel in `jupyter kernelspec list --json`.
type kernelspecEntry struct {
	ResourceDir string `json:"resource_dir"`
	Spec        struct {
		Argv          []string `json:"argv"`
		DisplayName   string   `json:"display_name"`
		Language      string   `json:"language"`
		InterruptMode string   `json:"interrupt_mode"`
	} `json:"spec"`
}

// jupyterCommand is Debian's jupyter command.
func jupyterCommand(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/jupyter", "/usr/local/bin/jupyter"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("the jupyter command is missing: install it with `apt-get install -y jupyter-core jupyter-client`")
	return ""
}
