package jupytertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Kernel is a gokernel binary built for a test run, with its kernelspec
// installed under a temporary prefix.
type Kernel struct {
	Root   string   // the module root the binary was built from
	Bin    string   // the built gokernel binary
	Prefix string   // the prefix the kernelspec is installed under
	Tmp    string   // the temporary directory holding all of it
	Env    []string // the environment for child processes
}

// Install builds the gokernel binary under tmp, installs its kernelspec
// into a prefix under tmp and builds the environment the Python scripts and
// the kernels they start run in (see [JupyterEnv]).
func Install(tmp string) (*Kernel, error) {
	root, err := ModuleRoot()
	if err != nil {
		return nil, err
	}
	k := &Kernel{Root: root, Tmp: tmp,
		Bin:    filepath.Join(tmp, "bin", "gokernel"),
		Prefix: filepath.Join(tmp, "prefix"),
	}
	if out, err := GoCommand(root, 5*time.Minute, "build", "-o", k.Bin, "."); err != nil {
		return nil, fmt.Errorf("go build -o %s . (in %s): %v\n%s", k.Bin, root, err, out)
	}
	if out, err := exec.Command(k.Bin, "install", "--prefix", k.Prefix).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("gokernel install --prefix %s: %v\n%s", k.Prefix, err, out)
	}
	spec := filepath.Join(k.Prefix, "share", "jupyter", "kernels", "gokernel", "kernel.json")
	if _, err := os.Stat(spec); err != nil {
		return nil, fmt.Errorf("gokernel install --prefix did not write %s: %v", spec, err)
	}
	if k.Env, err = JupyterEnv(tmp, k.Prefix); err != nil {
		return nil, err
	}
	return k, nil
}

// JupyterEnv is the environment of the child processes: the user's without
// its Jupyter, Python, HOME, PATH and GOKERNEL_HISTORY variables, then
// Jupyter's directories and HOME under tmp (created here), the kernelspecs
// under prefix alone on JUPYTER_PATH and Debian's commands first on PATH.
func JupyterEnv(tmp, prefix string) ([]string, error) {
	home := filepath.Join(tmp, "home")
	dirs := map[string]string{
		"HOME":                home,
		"JUPYTER_RUNTIME_DIR": filepath.Join(tmp, "runtime"),
		"JUPYTER_CONFIG_DIR":  filepath.Join(home, ".jupyter"),
		"JUPYTER_DATA_DIR":    filepath.Join(home, ".local", "share", "jupyter"),
		"IPYTHONDIR":          filepath.Join(home, ".ipython"),
	}
	env := WithoutVars(os.Environ(), "JUPYTER_", "PYTHON", "IPYTHONDIR", "HOME", "GOKERNEL_HISTORY", "PATH", "VIRTUAL_ENV", "CONDA_PREFIX")
	for k, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
		env = append(env, k+"="+d)
	}
	return append(env,
		"JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter"),
		"JUPYTER_PLATFORM_DIRS=0",
		"PYDEVD_DISABLE_FILE_VALIDATION=1",
		"PYTHONDONTWRITEBYTECODE=1",
		"PYTHONUNBUFFERED=1",
		// Debian's jupyter commands come first, before any other Python.
		"PATH=/usr/bin:/bin:"+os.Getenv("PATH"),
	), nil
}

// TestEnv is the environment for t's child processes: k.Env with a history
// file of t's own, so tests do not see each other's cells.
func (k *Kernel) TestEnv(t testing.TB) []string {
	env := append([]string(nil), k.Env...)
	hist := filepath.Join(k.Tmp, "history", strings.ReplaceAll(t.Name(), "/", "_")+".jsonl")
	os.MkdirAll(filepath.Dir(hist), 0o755)
	return append(env, "GOKERNEL_HISTORY="+hist)
}

// GoCacheEnv pins the go command's caches (GOCACHE, GOMODCACHE, GOPATH) to
// the ones of the user running the tests, as variables to add to
// [Kernel.Env], so that Go built by notebook cells under the temporary HOME
// reuses them instead of starting cold. root is the module root.
func GoCacheEnv(root string) ([]string, error) {
	names := []string{"GOCACHE", "GOMODCACHE", "GOPATH"}
	out, err := GoCommand(root, time.Minute, append([]string{"env"}, names...)...)
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

// GoCommand runs the go command in dir, with the test process's environment,
// and returns its stdout and stderr together.
func GoCommand(dir string, timeout time.Duration, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}
