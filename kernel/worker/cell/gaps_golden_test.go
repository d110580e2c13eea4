package cell

import (
	"context"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// goRun makes TestGapGoldens also run every golden file as a Go program
// with the real toolchain (`go run`) and check that its expected output is
// what Go prints. Every golden file was checked that way when written:
//
//	go test ./kernel/worker/cell -run TestGapGoldens -args -gorun
var goRun = flag.Bool("gorun", false, "also check the gap goldens against `go run`")

// goldenCell is one cell of a golden file and what running it must give.
type goldenCell struct {
	src    string
	out    string // exact output (stdout and stderr)
	shown  string // the displayed result, as kernel.run renders it
	err    string // the first line of the expected error; "" for none
	hasErr bool
}

// TestGapGoldens runs each testdata/gaps/<name>.txt file, one per gap of
// the cell compiler (gap_<name>.go), as one session of cells through the
// yaegi harness and compares each cell's output, shown result and error.
// A file is a list of cells, each introduced by a line `-- cell --` and
// followed by optional sections `-- output --` (exact, every line ending
// in a newline), `-- shown --` and `-- error --` (the error's first line).
func TestGapGoldens(t *testing.T) {
	files, err := filepath.Glob("testdata/gaps/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			cells := readGolden(t, file)
			k := newKernel(t)
			for i, gc := range cells {
				checkGoldenCell(t, i+1, gc, k.run(gc.src))
			}
			if *goRun {
				checkGoRun(t, cells)
			}
		})
	}
}

// TestEveryGapHasGolden checks that gap_<name>.go and
// testdata/gaps/<name>.txt come in pairs, so a gap is deleted together
// with its golden file.
func TestEveryGapHasGolden(t *testing.T) {
	names := func(pattern, prefix, suffix string) map[string]bool {
		files, _ := filepath.Glob(pattern)
		set := map[string]bool{}
		for _, f := range files {
			set[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), prefix), suffix)] = true
		}
		return set
	}
	gaps, goldens := names("gap_*.go", "gap_", ".go"), names("testdata/gaps/*.txt", "", ".txt")
	for g := range gaps {
		if !goldens[g] {
			t.Errorf("gap_%s.go has no testdata/gaps/%s.txt", g, g)
		}
	}
	for g := range goldens {
		if !gaps[g] {
			t.Errorf("testdata/gaps/%s.txt has no gap_%s.go", g, g)
		}
	}
}

func checkGoldenCell(t *testing.T, n int, gc goldenCell, o outcome) {
	t.Helper()
	firstLine, _, _ := strings.Cut(o.err, "\n")
	switch {
	case gc.hasErr && firstLine != gc.err:
		t.Errorf("cell %d %q: error %q, want %q", n, gc.src, firstLine, gc.err)
	case !gc.hasErr && o.err != "":
		t.Errorf("cell %d %q: unexpected error %s\noutput: %s", n, gc.src, o.err, o.out)
	}
	if o.out != gc.out {
		t.Errorf("cell %d %q: output %q, want %q", n, gc.src, o.out, gc.out)
	}
	if o.shown != gc.shown {
		t.Errorf("cell %d %q: shown %q, want %q", n, gc.src, o.shown, gc.shown)
	}
}

// readGolden parses a golden file into its cells.
func readGolden(t *testing.T, file string) []goldenCell {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cells []goldenCell
	var section *string
	for _, line := range strings.SplitAfter(string(data), "\n") {
		header := strings.TrimSpace(line)
		switch {
		case header == "-- cell --":
			cells = append(cells, goldenCell{})
			section = &cells[len(cells)-1].src
			continue
		case len(cells) == 0 && header == "":
			continue
		case len(cells) == 0:
			t.Fatalf("%s: text before the first -- cell --: %q", file, line)
		}
		gc := &cells[len(cells)-1]
		switch header {
		case "-- output --":
			section = &gc.out
		case "-- shown --":
			section = &gc.shown
		case "-- error --":
			section, gc.hasErr = &gc.err, true
		default:
			*section += line
			continue
		}
	}
	for i := range cells {
		gc := &cells[i]
		gc.src = strings.TrimSuffix(gc.src, "\n")
		gc.shown = strings.TrimSuffix(gc.shown, "\n")
		gc.err = strings.TrimSuffix(gc.err, "\n")
	}
	return cells
}

// cellMark separates the cells' outputs in the go run form.
const cellMark = "\x00-- cell --\n"

// checkGoRun writes the cells without an expected error as one Go program
// (imports, func declarations, and type and const declarations at package
// level, the rest in main in cell order, a mark printed after each cell),
// runs it with `go run`, and compares each cell's output with the golden
// one. A cell with a shown result prints it the way the harness renders
// it, after a "\x00shown " mark.
func checkGoRun(t *testing.T, cells []goldenCell) {
	t.Helper()
	var top, body strings.Builder
	var ran []goldenCell
	for _, gc := range cells {
		if gc.hasErr {
			continue
		}
		ran = append(ran, gc)
		for _, it := range splitItems(gc.src) {
			text := gc.src[it.start:it.end]
			switch {
			case it.kind == itemImport || it.kind == itemFunc || startsDecl(text, gc.src, it):
				top.WriteString(text + "\n")
			case it.kind == itemStmt && gc.shown != "" && it.end == lastItemEnd(gc.src):
				body.WriteString("_gkgoShow(" + text + ")\n")
			case it.kind == itemStmt:
				body.WriteString(text + "\n")
			}
		}
		body.WriteString("fmt.Print(" + strconv.Quote(cellMark) + ")\n")
	}
	prog := "package main\n" + top.String() +
		"func _gkgoShow(v ...any) { s := \"\"; for i, x := range v { if i > 0 { s += \" \" }; s += fmt.Sprint(x) }; fmt.Print(\"\\x00shown \" + s + \"\\n\") }\n" +
		"func main() {\n" + body.String() + "}\n"
	prog = addStdImports(t, prog)
	outs := strings.Split(runGo(t, prog), cellMark)
	if len(outs) != len(ran)+1 {
		t.Fatalf("go run printed %d cell marks, want %d; program:\n%s", len(outs)-1, len(ran), prog)
	}
	for i, gc := range ran {
		out, shown := splitShown(outs[i])
		if out != gc.out || shown != gc.shown {
			t.Errorf("go run, cell %q: output %q shown %q; the golden file says %q, %q", gc.src, out, shown, gc.out, gc.shown)
		}
	}
}

// startsDecl reports whether a statement item is a type or const
// declaration, or a var declaration in a cell of declarations only.
func startsDecl(text, src string, it item) bool {
	if it.kind != itemStmt {
		return false
	}
	first, _, _ := strings.Cut(text, " ")
	switch first {
	case "type", "const":
		return true
	case "var":
		for _, other := range splitItems(src) {
			w, _, _ := strings.Cut(src[other.start:other.end], " ")
			if other.kind == itemStmt && w != "type" && w != "const" && w != "var" {
				return false
			}
		}
		return true
	}
	return false
}

func lastItemEnd(src string) int {
	items := splitItems(src)
	return items[len(items)-1].end
}

// splitShown separates a cell's output from the result _gkgoShow printed
// (each shown value in fmt.Sprint form, joined by spaces, as showValues
// renders them).
func splitShown(out string) (string, string) {
	i := strings.Index(out, "\x00shown ")
	if i < 0 {
		return out, ""
	}
	rest := out[i+len("\x00shown "):]
	shown, after, _ := strings.Cut(rest, "\n")
	return out[:i] + after, shown
}

// addStdImports imports the standard packages the program names without
// an import, as the cell compiler does.
func addStdImports(t *testing.T, prog string) string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", prog, parser.ImportsOnly)
	if err != nil {
		t.Fatalf("go run form: %v\n%s", err, prog)
	}
	have := map[string]bool{}
	for _, is := range f.Imports {
		have[strings.Trim(is.Path.Value, `"`)] = true
	}
	full, err := parser.ParseFile(token.NewFileSet(), "main.go", prog, 0)
	if err != nil {
		t.Fatalf("go run form: %v\n%s", err, prog)
	}
	need := map[string]bool{}
	ast.Inspect(full, func(n ast.Node) bool {
		if se, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := se.X.(*ast.Ident); ok && id.Obj == nil {
				if p, ok := stdResolver(id.Name); ok && !have[p] {
					need[p] = true
				}
			}
		}
		return true
	})
	paths := make([]string, 0, len(need))
	for p := range need {
		paths = append(paths, "import \""+p+"\"\n")
	}
	sort.Strings(paths)
	return strings.Replace(prog, "package main\n", "package main\n"+strings.Join(paths, ""), 1)
}

// runGo runs prog with `go run` and returns its stdout and stderr.
func runGo(t *testing.T, prog string) string {
	t.Helper()
	dir := t.TempDir()
	main := filepath.Join(dir, "main.go")
	if err := os.WriteFile(main, []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "run", main)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s\nprogram:\n%s", err, out, prog)
	}
	return string(out)
}
