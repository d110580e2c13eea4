package kernelspec

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Executable returns the absolute path of the running binary with symlinks
// evaluated: the path to give Install.
func Executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find the running binary: %w", err)
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return "", fmt.Errorf("find the running binary: %w", err)
	}
	return filepath.Abs(exe)
}

// Install writes the kernelspec directory gokernel, holding kernel.json,
// logo-32x32.png, logo-64x64.png and logo-svg.svg, under t.Dir(), replacing
// an existing install as `jupyter kernelspec install` does. kernelJSON is
// the spec embedded in the binary; its argv[0] (the placeholder "gokernel")
// becomes binary, which must be absolute. It returns the directory written
// and never writes outside it.
func Install(t Target, kernelJSON []byte, binary string) (string, error) {
	dir, err := t.Dir()
	if err != nil {
		return "", err
	}
	spec, err := render(kernelJSON, binary)
	if err != nil {
		return "", err
	}
	kdir := filepath.Join(dir, Name)
	if err := write(kdir, spec); err != nil {
		return "", explain(t, fmt.Errorf("install kernelspec in %s: %w", kdir, err))
	}
	return kdir, nil
}

// Uninstall removes the gokernel kernelspec directory from t.Dir() and
// returns its path. It is an error if none is installed there.
func Uninstall(t Target) (string, error) {
	dir, err := t.Dir()
	if err != nil {
		return "", err
	}
	kdir := filepath.Join(dir, Name)
	if _, err := os.Lstat(kdir); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("no %s kernelspec installed in %s", Name, dir)
	}
	if err := os.RemoveAll(kdir); err != nil {
		return "", explain(t, fmt.Errorf("uninstall kernelspec %s: %w", kdir, err))
	}
	return kdir, nil
}

// write recreates kdir with the spec and the logos.
func write(kdir string, spec []byte) error {
	if err := os.MkdirAll(filepath.Dir(kdir), 0o755); err != nil {
		return err
	}
	if err := os.RemoveAll(kdir); err != nil {
		return err
	}
	if err := os.Mkdir(kdir, 0o755); err != nil {
		return err
	}
	files := logos()
	files["kernel.json"] = spec
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(kdir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// explain adds a hint to a permission error on the system-wide directory.
func explain(t Target, err error) error {
	if errors.Is(err, fs.ErrPermission) && t == (Target{}) {
		return fmt.Errorf("%w (the system-wide directory needs root: use --user, --sys-prefix or --prefix DIR)", err)
	}
	return err
}

// render returns kernelJSON with argv[0] set to binary, after checking the
// fields Jupyter needs.
func render(kernelJSON []byte, binary string) ([]byte, error) {
	if !filepath.IsAbs(binary) {
		return nil, fmt.Errorf("kernel binary path %q is not absolute", binary)
	}
	var spec map[string]json.RawMessage
	if err := json.Unmarshal(kernelJSON, &spec); err != nil {
		return nil, fmt.Errorf("parse kernel.json: %w", err)
	}
	argv, err := parseArgv(spec)
	if err != nil {
		return nil, err
	}
	argv[0] = binary
	if spec["argv"], err = json.Marshal(argv); err != nil {
		return nil, fmt.Errorf("kernel.json: %w", err)
	}
	out, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("kernel.json: %w", err)
	}
	return append(out, '\n'), nil
}

// parseArgv checks the spec's required fields and returns its argv.
func parseArgv(spec map[string]json.RawMessage) ([]string, error) {
	for _, key := range []string{"argv", "display_name", "language"} {
		if _, ok := spec[key]; !ok {
			return nil, fmt.Errorf("kernel.json: missing %q", key)
		}
	}
	var argv []string
	if err := json.Unmarshal(spec["argv"], &argv); err != nil || len(argv) == 0 {
		return nil, errors.New(`kernel.json: "argv" must be a non-empty list of strings`)
	}
	hasConn := func(a string) bool { return strings.Contains(a, "{connection_file}") }
	if !slices.ContainsFunc(argv, hasConn) {
		return nil, errors.New(`kernel.json: "argv" does not pass {connection_file}`)
	}
	return argv, nil
}
