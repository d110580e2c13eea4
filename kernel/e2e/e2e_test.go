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
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// python is the interpreter the Debian Jupyter packages are installed for.
// The python3 first on PATH may be another one without them.
const python = "/usr/bin/python3"

// setup is what TestMain prepared for every test.
var setup struct {
	err    error  // why the setup failed; every test reports it
	bin    string // the built gokernel binary
	prefix string // the prefix the kernelspec is installed under
	env    []string
	tmp    string
}

func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "gokernel-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	setup.tmp = tmp
	setup.err = prepare(tmp)
	code := m.Run()
	if os.Getenv("GOKERNEL_E2E_KEEP") == "" {
		os.RemoveAll(tmp)
	} else {
		fmt.Fprintln(os.Stderr, "e2e: kept", tmp)
	}
	os.Exit(code)
}

// prepare builds the binary, installs the kernelspec and builds the
// environment the Python scripts and the kernels they start run in.
func prepare(tmp string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	setup.bin = filepath.Join(tmp, "bin", "gokernel")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", setup.bin, ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build -o %s . (in %s): %v\n%s", setup.bin, root, err, out)
	}
	setup.prefix = filepath.Join(tmp, "prefix")
	if out, err := exec.Command(setup.bin, "install", "--prefix", setup.prefix).CombinedOutput(); err != nil {
		return fmt.Errorf("gokernel install --prefix %s: %v\n%s", setup.prefix, err, out)
	}
	spec := filepath.Join(setup.prefix, "share", "jupyter", "kernels", "gokernel", "kernel.json")
	if _, err := os.Stat(spec); err != nil {
		return fmt.Errorf("gokernel install --prefix did not write %s: %v", spec, err)
	}
	home := filepath.Join(tmp, "home")
	dirs := map[string]string{
		"HOME":                home,
		"JUPYTER_RUNTIME_DIR": filepath.Join(tmp, "runtime"),
		"JUPYTER_CONFIG_DIR":  filepath.Join(home, ".jupyter"),
		"JUPYTER_DATA_DIR":    filepath.Join(home, ".local", "share", "jupyter"),
		"IPYTHONDIR":          filepath.Join(home, ".ipython"),
		"E2E_WORKDIR":         filepath.Join(tmp, "work"),
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	env := withoutVars(os.Environ(), "JUPYTER_", "PYTHON", "IPYTHONDIR", "HOME", "GOKERNEL_HISTORY", "PATH", "VIRTUAL_ENV", "CONDA_PREFIX")
	for k, v := range dirs {
		env = append(env, k+"="+v)
	}
	env = append(env,
		"JUPYTER_PATH="+filepath.Join(setup.prefix, "share", "jupyter"),
		"JUPYTER_PLATFORM_DIRS=0",
		"PYDEVD_DISABLE_FILE_VALIDATION=1",
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONUNBUFFERED=1",
		// Debian's jupyter commands come first, before any other Python.
		"PATH=/usr/bin:/bin:"+os.Getenv("PATH"),
		"GOKERNEL_BIN="+setup.bin,
	)
	setup.env = env
	return nil
}

// moduleRoot finds the directory holding the gokernel go.mod, upwards from
// the test's working directory (kernel/e2e).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module github.com/gokernel/gokernel\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("cannot find the gokernel module root above the test directory")
		}
		dir = parent
	}
}

// withoutVars drops the variables whose names start with one of prefixes.
func withoutVars(env []string, prefixes ...string) []string {
	var out []string
next:
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		for _, p := range prefixes {
			if strings.HasPrefix(name, p) {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}

// needSetup fails t if TestMain could not build or install gokernel.
func needSetup(t *testing.T) {
	t.Helper()
	if setup.err != nil {
		t.Fatalf("e2e setup failed: %v", setup.err)
	}
}

// debianPackage names the Debian package that provides each Python module
// the scripts import.
var debianPackage = map[string]string{
	"jupyter_client":      "python3-jupyter-client",
	"jupyter_kernel_test": "python3-jupyter-kernel-test",
	"nbclient":            "python3-nbclient",
	"nbformat":            "python3-nbformat",
	"nbconvert":           "jupyter-nbconvert",
	"jupyter_console":     "jupyter-console",
	"pexpect":             "python3-pexpect",
	"jupyter_core":        "jupyter-core",
}

// needPython fails t unless /usr/bin/python3 exists and imports modules.
func needPython(t *testing.T, modules ...string) {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		t.Fatalf("%s is missing (%v): install it with `apt-get install -y python3`", python, err)
	}
	var missing, list []string
	pkgs := map[string]bool{}
	for _, m := range modules {
		cmd := exec.Command(python, "-c", "import "+m)
		cmd.Env = testEnv(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			p := debianPackage[m]
			missing = append(missing, fmt.Sprintf("%s (Debian package %s): %s", m, p, strings.TrimSpace(string(out))))
			if !pkgs[p] {
				pkgs[p] = true
				list = append(list, p)
			}
		}
	}
	if len(missing) > 0 {
		t.Fatalf("%s cannot import:\n  %s\ninstall with: apt-get install -y %s",
			python, strings.Join(missing, "\n  "), strings.Join(list, " "))
	}
}

// testEnv is the environment for t's child processes: setup.env with a
// history file of its own, so tests do not see each other's cells.
func testEnv(t *testing.T) []string {
	env := append([]string(nil), setup.env...)
	hist := filepath.Join(setup.tmp, "history", strings.ReplaceAll(t.Name(), "/", "_")+".jsonl")
	os.MkdirAll(filepath.Dir(hist), 0o755)
	return append(env, "GOKERNEL_HISTORY="+hist)
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
	leftovers := leftoverKernels(3 * time.Second)
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

// leftoverKernels waits up to grace for the processes of the binary under
// test to end, then kills those left (by pid) and describes them.
func leftoverKernels(grace time.Duration) []string {
	deadline := time.Now().Add(grace)
	for {
		procs := kernelProcesses()
		if len(procs) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			var out []string
			for pid, argv := range procs {
				if p, err := os.FindProcess(pid); err == nil {
					p.Kill()
				}
				out = append(out, fmt.Sprintf("pid %d: %s", pid, argv))
			}
			return out
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// kernelProcesses lists the running processes whose argv[0] is the gokernel
// binary this test run built: kernels and their workers.
func kernelProcesses() map[int]string {
	procs := map[int]string{}
	if setup.bin == "" {
		return procs
	}
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", d.Name(), "cmdline"))
		if err != nil {
			continue
		}
		argv := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
		if argv[0] == setup.bin {
			procs[pid] = strings.Join(argv, " ")
		}
	}
	return procs
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

	run(setup.bin, "install", "--prefix", prefix)
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
	want := []string{setup.bin, "run", "--connection-file", "{connection_file}"}
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

	run(setup.bin, "uninstall", "--prefix", prefix)
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
