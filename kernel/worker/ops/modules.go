package ops

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"

	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// pinsFile lists, in the module area, every module fetched as path@version.
const pinsFile = "gokernel.pins"

// moduleInfo is what `go mod download -json` says about a module.
type moduleInfo struct {
	Path, Version, Dir, GoMod, Error string
}

// GoGet fetches modules (args is "get path[@version] ...") and their
// dependencies with the go command, which honours GOPROXY, GOFLAGS,
// GONOSUMDB and the rest, and links them into the module area
// (workerproto.ModulesEnv).
func (c Console) GoGet(ctx context.Context, args string) error {
	area := os.Getenv(wp.ModulesEnv)
	if area == "" {
		return errors.New("no module area: the kernel did not set " + wp.ModulesEnv)
	}
	specs := strings.Fields(strings.TrimPrefix(strings.TrimSpace(args), "get"))
	if len(specs) == 0 {
		return errors.New("usage: %go get module[@version] ...")
	}
	linked := map[string]string{}
	for _, spec := range specs {
		if !strings.Contains(spec, "@") {
			spec += "@latest"
		}
		if err := fetch(ctx, area, spec, linked, true); err != nil {
			return err
		}
	}
	for _, spec := range specs {
		path, _, _ := strings.Cut(spec, "@")
		fmt.Fprintf(c.Stdout, "go: added %s %s\n", path, linked[path])
	}
	return writePins(area, linked)
}

// fetch downloads one module, links it, and follows its requirements
// (direct is false for those: they do not replace a version already
// linked).
func fetch(ctx context.Context, area, spec string, linked map[string]string, direct bool) error {
	m, err := download(ctx, spec)
	if err != nil {
		return err
	}
	if _, seen := linked[m.Path]; seen {
		return nil
	}
	if err := link(area, m, direct); err != nil {
		return err
	}
	linked[m.Path] = m.Version
	reqs, err := requirements(m.GoMod)
	if err != nil {
		return err
	}
	for _, r := range reqs {
		if err := fetch(ctx, area, r, linked, false); err != nil {
			return fmt.Errorf("%s needs %s: %w", m.Path, r, err)
		}
	}
	return nil
}

func download(ctx context.Context, spec string) (moduleInfo, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return moduleInfo{}, errors.New("%go get needs the Go toolchain, and `go` is not on PATH")
	}
	cmd := exec.CommandContext(ctx, goTool, "mod", "download", "-json", spec)
	cmd.Dir = os.TempDir() // outside any module, so no go.mod is consulted
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	var m moduleInfo
	if err := json.Unmarshal(out, &m); err != nil {
		return m, fmt.Errorf("go mod download %s: %v %s", spec, runErr, strings.TrimSpace(stderr.String()))
	}
	if m.Error != "" {
		return m, fmt.Errorf("go mod download %s: %s", spec, m.Error)
	}
	return m, nil
}

// link makes area/src/<module path> point at the module's source. A
// dependency does not replace a module already linked.
func link(area string, m moduleInfo, direct bool) error {
	dst := filepath.Join(area, "src", filepath.FromSlash(m.Path))
	if _, err := os.Lstat(dst); err == nil {
		if !direct {
			return nil
		}
		if err := os.Remove(dst); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.Symlink(m.Dir, dst)
}

// requirements lists the path@version requirements of a go.mod file.
func requirements(goMod string) ([]string, error) {
	if goMod == "" {
		return nil, nil
	}
	data, err := os.ReadFile(goMod)
	if err != nil {
		return nil, err
	}
	f, err := modfile.ParseLax(goMod, data, nil)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", goMod, err)
	}
	var reqs []string
	for _, r := range f.Require {
		reqs = append(reqs, r.Mod.Path+"@"+r.Mod.Version)
	}
	return reqs, nil
}

// writePins records the linked modules, merged with earlier ones.
func writePins(area string, linked map[string]string) error {
	pins := map[string]string{}
	if data, err := os.ReadFile(filepath.Join(area, pinsFile)); err == nil {
		for _, l := range strings.Fields(string(data)) {
			if p, v, ok := strings.Cut(l, "@"); ok {
				pins[p] = v
			}
		}
	}
	for p, v := range linked {
		pins[p] = v
	}
	lines := make([]string, 0, len(pins))
	for p, v := range pins {
		lines = append(lines, p+"@"+v)
	}
	sort.Strings(lines)
	return os.WriteFile(filepath.Join(area, pinsFile), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}
