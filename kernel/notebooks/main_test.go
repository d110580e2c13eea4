package notebooks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// python is the interpreter the Debian Jupyter packages are installed for.
// The python3 first on PATH may be another one without them.
const python = "/usr/bin/python3"

// setup is what TestMain prepared for every test.
var setup struct {
	err     error  // why the setup failed; every test needing the kernel reports it
	root    string // the module root
	nbDir   string // the notebooks under test
	snipDir string // the snippets under test
	bin     string // the built gokernel binary
	prefix  string // the prefix the kernelspec is installed under
	env     []string
	tmp     string
	rootErr error     // why the module root was not found
	once    sync.Once // guards prepare
}

// TestMain finds the directories under test and removes the temporary
// directory (binary, kernelspec, Jupyter's directories) at the end. Building
// and installing gokernel waits for the first test that needs it.
func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "gokernel-notebooks-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "notebooks:", err)
		os.Exit(1)
	}
	setup.tmp = tmp
	setup.root, setup.rootErr = moduleRoot()
	setup.nbDir = dirFromEnv("GOKERNEL_NOTEBOOKS_DIR", "notebooks")
	setup.snipDir = dirFromEnv("GOKERNEL_SNIPPETS_DIR", "snippets")
	code := m.Run()
	if os.Getenv("GOKERNEL_NOTEBOOKS_KEEP") == "" {
		os.RemoveAll(tmp)
	} else {
		fmt.Fprintln(os.Stderr, "notebooks: kept", tmp)
	}
	os.Exit(code)
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

// prepare builds the binary, installs the kernelspec and builds the
// environment the Python scripts and the kernels they start run in.
func prepare(tmp string) error {
	if setup.rootErr != nil {
		return setup.rootErr
	}
	setup.bin = filepath.Join(tmp, "bin", "gokernel")
	if out, err := goCommand(5*time.Minute, "build", "-o", setup.bin, "."); err != nil {
		return fmt.Errorf("go build -o %s . (in %s): %v\n%s", setup.bin, setup.root, err, out)
	}
	setup.prefix = filepath.Join(tmp, "prefix")
	if out, err := exec.Command(setup.bin, "install", "--prefix", setup.prefix).CombinedOutput(); err != nil {
		return fmt.Errorf("gokernel install --prefix %s: %v\n%s", setup.prefix, err, out)
	}
	env, err := jupyterEnv(tmp)
	if err != nil {
		return err
	}
	setup.env = env
	return nil
}

// jupyterEnv is the environment of the child processes: Jupyter's
// directories under tmp, the temporary kernelspec first on JUPYTER_PATH and
// Debian's commands first on PATH.
func jupyterEnv(tmp string) ([]string, error) {
	home := filepath.Join(tmp, "home")
	dirs := map[string]string{
		"HOME":                home,
		"JUPYTER_RUNTIME_DIR": filepath.Join(tmp, "runtime"),
		"JUPYTER_CONFIG_DIR":  filepath.Join(home, ".jupyter"),
		"JUPYTER_DATA_DIR":    filepath.Join(home, ".local", "share", "jupyter"),
		"IPYTHONDIR":          filepath.Join(home, ".ipython"),
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	env := withoutVars(os.Environ(), "JUPYTER_", "PYTHON", "IPYTHONDIR", "HOME", "GOKERNEL_HISTORY", "PATH", "VIRTUAL_ENV", "CONDA_PREFIX")
	for k, v := range dirs {
		env = append(env, k+"="+v)
	}
	goEnv, err := goDirs()
	if err != nil {
		return nil, err
	}
	env = append(env, goEnv...)
	return append(env,
		"JUPYTER_PATH="+filepath.Join(setup.prefix, "share", "jupyter"),
		"JUPYTER_PLATFORM_DIRS=0",
		"PYDEVD_DISABLE_FILE_VALIDATION=1",
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONUNBUFFERED=1",
		"PATH=/usr/bin:/bin:"+os.Getenv("PATH"),
	), nil
}

// goDirs pins the go command's caches to the ones of the user running the
// tests, so that Go built by notebook cells under the temporary HOME reuses
// them instead of starting cold.
func goDirs() ([]string, error) {
	names := []string{"GOCACHE", "GOMODCACHE", "GOPATH"}
	out, err := goCommand(time.Minute, append([]string{"env"}, names...)...)
	if err != nil {
		return nil, fmt.Errorf("go env: %v\n%s", err, out)
	}
	values := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(values) != len(names) {
		return nil, fmt.Errorf("go env %s printed %q", strings.Join(names, " "), out)
	}
	var env []string
	for i, n := range names {
		env = append(env, n+"="+values[i])
	}
	return env, nil
}

// goCommand runs the go command in the module root.
func goCommand(timeout time.Duration, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = setup.root
	return cmd.CombinedOutput()
}

// moduleRoot finds the directory holding the gokernel go.mod, upwards from
// the test's working directory (kernel/notebooks).
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

// testEnv is the environment for t's child processes: setup.env with a
// history file of its own.
func testEnv(t *testing.T) []string {
	env := append([]string(nil), setup.env...)
	hist := filepath.Join(setup.tmp, "history", strings.ReplaceAll(t.Name(), "/", "_")+".jsonl")
	os.MkdirAll(filepath.Dir(hist), 0o755)
	return append(env, "GOKERNEL_HISTORY="+hist)
}

// debianPackage names the Debian package that provides each Python module
// or command the tests use.
var debianPackage = map[string]string{
	"jupyter_client":    "python3-jupyter-client",
	"nbclient":          "python3-nbclient",
	"nbformat":          "python3-nbformat",
	"nbconvert":         "jupyter-nbconvert",
	"notebook":          "jupyter-notebook",
	"/usr/bin/python3":  "python3",
	"/usr/bin/jupyter":  "jupyter-core",
	"/usr/bin/chromium": "chromium",
	"node":              "nodejs",
	"npm":               "npm",
}

// needPython fails t unless /usr/bin/python3 exists and imports modules.
func needPython(t *testing.T, modules ...string) {
	t.Helper()
	needFile(t, python)
	var missing, pkgs []string
	for _, m := range modules {
		cmd := exec.Command(python, "-c", "import "+m)
		cmd.Env = testEnv(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			missing = append(missing, fmt.Sprintf("%s (Debian package %s): %s", m, debianPackage[m], strings.TrimSpace(string(out))))
			pkgs = append(pkgs, debianPackage[m])
		}
	}
	if len(missing) > 0 {
		t.Fatalf("%s cannot import:\n  %s\ninstall with: apt-get install -y %s",
			python, strings.Join(missing, "\n  "), strings.Join(pkgs, " "))
	}
}

// needFile fails t unless the program at path exists.
func needFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s is missing (%v): install it with `apt-get install -y %s`", path, err, debianPackage[path])
	}
}

// needCommand fails t unless name is on PATH, and returns its path.
func needCommand(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("the %s command is missing: install it with `apt-get install -y %s`", name, debianPackage[name])
	}
	return p
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
	deadline := time.Now().Add(grace)
	for len(kernelProcesses()) > 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	var left []string
	for pid, argv := range kernelProcesses() {
		if p, err := os.FindProcess(pid); err == nil {
			p.Kill()
		}
		left = append(left, fmt.Sprintf("pid %d: %s", pid, argv))
	}
	if len(left) > 0 {
		t.Errorf("gokernel processes still running (now killed):\n  %s", strings.Join(left, "\n  "))
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
