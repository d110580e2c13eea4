package gosuite

import (
	"go/build"
	"go/build/constraint"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
)

// TestDirs are the directories of GOROOT/test whose single files the Go
// project's own harness (cmd/internal/testdir) runs.
var TestDirs = []string{".", "ken", "chan", "interface", "internal/runtime/sys", "syntax",
	"dwarf", "fixedbugs", "codegen", "abi", "typeparam", "typeparam/mdempsky", "arenas", "simd"}

// Program is one test program of GOROOT/test.
type Program struct {
	Name string // the path under GOROOT/test, with slashes: "fixedbugs/bug000.go"
	Path string // the absolute path
	Src  string // the file's source
}

// Selection is the outcome of [Select]: the programs that qualify, and
// how many files were left out for each reason.
type Selection struct {
	Programs []Program
	Skipped  map[string]int
}

// Select reads the single-file programs of testDir (GOROOT/test) and keeps
// those whose recipe is exactly `// run` and whose build constraints allow
// this machine without cgo, sorted by name.
func Select(testDir string) (Selection, error) {
	sel := Selection{Skipped: map[string]int{}}
	for _, dir := range TestDirs {
		files, err := filepath.Glob(filepath.Join(testDir, dir, "*.go"))
		if err != nil {
			return sel, err
		}
		for _, path := range files {
			b, err := os.ReadFile(path)
			if err != nil {
				return sel, err
			}
			name, _ := filepath.Rel(testDir, path)
			p := Program{Name: filepath.ToSlash(name), Path: path, Src: string(b)}
			if why := whyNot(p.Src); why != "" {
				sel.Skipped[why]++
				continue
			}
			sel.Programs = append(sel.Programs, p)
		}
	}
	sort.Slice(sel.Programs, func(i, j int) bool { return sel.Programs[i].Name < sel.Programs[j].Name })
	return sel, nil
}

// whyNot says why a program does not qualify, or "" when it does.
func whyNot(src string) string {
	recipe := Recipe(src)
	switch {
	case recipe == "":
		return "no recipe"
	case recipe != "run":
		verb, _, _ := strings.Cut(recipe, " ")
		if verb == "run" {
			return "run with arguments or flags"
		}
		return "recipe " + verb
	case !buildable(src):
		return "build constraints exclude this machine"
	case strings.Contains(src, "\nimport \"C\"") || strings.Contains(src, "\n\t\"C\"\n"):
		return "needs cgo"
	}
	return ""
}

// Recipe is the execution recipe of a test program: the first non-empty
// line that is not a build constraint, without its "//", as the Go
// harness reads it.
func Recipe(src string) string {
	for rest := src; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if constraint.IsGoBuild(line) || constraint.IsPlusBuild(line) {
			continue
		}
		if recipe := strings.TrimSpace(strings.TrimPrefix(line, "//")); recipe != "" {
			return recipe
		}
	}
	return ""
}

// buildable evaluates the constraints in the header (up to the package
// clause) for this GOOS and GOARCH, with cgo disabled.
func buildable(src string) bool {
	header, _, _ := strings.Cut(src, "\npackage")
	for _, line := range strings.Split(header, "\n") {
		expr, err := constraint.Parse(line)
		if err == nil && !expr.Eval(matchTag) {
			return false
		}
	}
	return true
}

// matchTag is the harness's tag matcher for this machine, without cgo.
func matchTag(tag string) bool {
	switch {
	case tag == runtime.GOOS, tag == runtime.GOARCH, tag == "gc", tag == "test_run":
		return true
	case tag == "unix":
		return slices.Contains([]string{"linux", "darwin", "freebsd", "netbsd", "openbsd", "dragonfly", "solaris", "illumos", "aix", "android", "ios", "hurd"}, runtime.GOOS)
	case strings.HasPrefix(tag, "goexperiment."):
		return slices.Contains(build.Default.ToolTags, tag)
	}
	return slices.Contains(build.Default.ReleaseTags, tag)
}
