// Package kernelspec installs and uninstalls gokernel's Jupyter kernelspec,
// as `python -m ipykernel install` does for Python: a directory named
// gokernel holding kernel.json and the logos, under one of the kernels
// directories Jupyter searches.
package kernelspec

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Name is the kernelspec's name: its directory under kernels/ and what
// `jupyter console --kernel` takes.
const Name = "gokernel"

// Target chooses where to install: exactly one of User, SysPrefix or
// Prefix, or none for the system-wide directory (jupyter's default, which
// usually needs root).
type Target struct {
	User      bool   // the user's Jupyter data directory (--user)
	SysPrefix bool   // the active virtualenv or conda environment (--sys-prefix)
	Prefix    string // DIR/share/jupyter/kernels (--prefix DIR)
}

// env is what Dir reads from the system; tests replace it.
type env struct {
	goos   string
	getenv func(string) string
	home   func() (string, error)
}

// hostEnv is the running system's env.
func hostEnv() env { return env{runtime.GOOS, os.Getenv, os.UserHomeDir} }

// String names the target as the install command's flag does.
func (t Target) String() string {
	switch {
	case t.User:
		return "--user"
	case t.SysPrefix:
		return "--sys-prefix"
	case t.Prefix != "":
		return "--prefix " + t.Prefix
	}
	return "system-wide"
}

// Dir returns the kernels directory for the target:
//   - User: $JUPYTER_DATA_DIR/kernels if set, else on Linux
//     $XDG_DATA_HOME/jupyter/kernels or ~/.local/share/jupyter/kernels, on
//     macOS ~/Library/Jupyter/kernels, on Windows %APPDATA%\jupyter\kernels;
//   - SysPrefix: $VIRTUAL_ENV or else $CONDA_PREFIX, plus share/jupyter/kernels
//     (an error if neither is set);
//   - Prefix: the absolute form of DIR/share/jupyter/kernels;
//   - none: /usr/local/share/jupyter/kernels, on Windows
//     %PROGRAMDATA%\jupyter\kernels.
func (t Target) Dir() (string, error) { return t.dir(hostEnv()) }

// dir is Dir reading the system through e.
func (t Target) dir(e env) (string, error) {
	if err := t.validate(); err != nil {
		return "", err
	}
	switch {
	case t.User:
		return userDir(e)
	case t.SysPrefix:
		return sysPrefixDir(e)
	case t.Prefix != "":
		abs, err := filepath.Abs(t.Prefix)
		if err != nil {
			return "", fmt.Errorf("--prefix %s: %w", t.Prefix, err)
		}
		return filepath.Join(abs, "share", "jupyter", "kernels"), nil
	}
	return systemDir(e)
}

// validate rejects a target naming more than one place.
func (t Target) validate() error {
	n := 0
	for _, set := range []bool{t.User, t.SysPrefix, t.Prefix != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		return errors.New("choose at most one of --user, --sys-prefix and --prefix")
	}
	return nil
}

// userDir returns the user's kernels directory, as jupyter_core's
// jupyter_data_dir does.
func userDir(e env) (string, error) {
	if d := e.getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Join(d, "kernels"), nil
	}
	if e.goos == "windows" {
		return fromEnv(e, "APPDATA", "jupyter", "kernels")
	}
	if d := e.getenv("XDG_DATA_HOME"); d != "" && e.goos != "darwin" {
		return filepath.Join(d, "jupyter", "kernels"), nil
	}
	home, err := e.home()
	if err != nil {
		return "", fmt.Errorf("--user: %w", err)
	}
	if e.goos == "darwin" {
		return filepath.Join(home, "Library", "Jupyter", "kernels"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter", "kernels"), nil
}

// sysPrefixDir returns the kernels directory of the active Python
// environment, whose sys.prefix is $VIRTUAL_ENV or $CONDA_PREFIX.
func sysPrefixDir(e env) (string, error) {
	for _, name := range []string{"VIRTUAL_ENV", "CONDA_PREFIX"} {
		if p := e.getenv(name); p != "" {
			return filepath.Join(p, "share", "jupyter", "kernels"), nil
		}
	}
	return "", errors.New("--sys-prefix: no active Python environment (neither VIRTUAL_ENV nor CONDA_PREFIX is set); " +
		"activate the environment that runs Jupyter, or pass its sys.prefix with --prefix " +
		`(python -c "import sys; print(sys.prefix)")`)
}

// systemDir returns the system-wide kernels directory.
func systemDir(e env) (string, error) {
	if e.goos == "windows" {
		return fromEnv(e, "PROGRAMDATA", "jupyter", "kernels")
	}
	return "/usr/local/share/jupyter/kernels", nil
}

// fromEnv joins elem to the directory in environment variable name.
func fromEnv(e env, name string, elem ...string) (string, error) {
	d := e.getenv(name)
	if d == "" {
		return "", fmt.Errorf("%%%s%% is not set", name)
	}
	return filepath.Join(append([]string{d}, elem...)...), nil
}
