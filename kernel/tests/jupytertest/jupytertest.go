// Package jupytertest is the setup shared by the tests that run gokernel
// against the real Jupyter stack (kernel/tests/e2e and kernel/tests/notebooks): it finds
// the module, builds the gokernel binary, installs its kernelspec into a
// temporary prefix, builds an environment isolated from the user's Jupyter
// and Python, and finds the kernels a test left running.
//
// A missing prerequisite fails the test, naming the Debian package to
// install: nothing here skips a test.
package jupytertest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Python is the interpreter the Debian Jupyter packages are installed for.
// The python3 first on PATH may be another one without them.
const Python = "/usr/bin/python3"

// DebianPackage names the Debian package that provides each Python module,
// program (by path) or command (by name) the tests use.
var DebianPackage = map[string]string{
	"jupyter_client":      "python3-jupyter-client",
	"jupyter_kernel_test": "python3-jupyter-kernel-test",
	"nbclient":            "python3-nbclient",
	"nbformat":            "python3-nbformat",
	"nbconvert":           "jupyter-nbconvert",
	"notebook":            "jupyter-notebook",
	"jupyter_console":     "jupyter-console",
	"pexpect":             "python3-pexpect",
	"jupyter_core":        "jupyter-core",
	"zmq":                 "python3-zmq",
	"/usr/bin/python3":    "python3",
	"/usr/bin/jupyter":    "jupyter-core",
	"/usr/bin/chromium":   "chromium",
	"node":                "nodejs",
	"npm":                 "npm",
}

// ModuleRoot finds the directory holding the gokernel go.mod, upwards from
// the test's working directory.
func ModuleRoot() (string, error) {
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

// WithoutVars drops the variables whose names start with one of prefixes.
func WithoutVars(env []string, prefixes ...string) []string {
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

// NeedPython fails t unless /usr/bin/python3 exists and, run with env,
// imports modules; the failure names the Debian packages to install.
func NeedPython(t testing.TB, env []string, modules ...string) {
	t.Helper()
	NeedFile(t, Python)
	var missing, list []string
	pkgs := map[string]bool{}
	for _, m := range modules {
		cmd := exec.Command(Python, "-c", "import "+m)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			p := DebianPackage[m]
			missing = append(missing, fmt.Sprintf("%s (Debian package %s): %s", m, p, strings.TrimSpace(string(out))))
			if !pkgs[p] {
				pkgs[p] = true
				list = append(list, p)
			}
		}
	}
	if len(missing) > 0 {
		t.Fatalf("%s cannot import:\n  %s\ninstall with: apt-get install -y %s",
			Python, strings.Join(missing, "\n  "), strings.Join(list, " "))
	}
}

// NeedFile fails t unless the program at path exists.
func NeedFile(t testing.TB, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s is missing (%v): install it with `apt-get install -y %s`", path, err, DebianPackage[path])
	}
}

// NeedCommand fails t unless name is on PATH, and returns its path.
func NeedCommand(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("the %s command is missing: install it with `apt-get install -y %s`", name, DebianPackage[name])
	}
	return p
}
