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
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// A golden file of a gap, testdata/gaps/<name>.txt, is a description
// followed by cells. Each cell starts with a line "-- cell --"; after its
// source come what running it must give, each section only when not
// empty: "-- output --" (what it printed), "-- shown --" (its result, the
// values separated by spaces) and "-- error --" (the error shown instead).
// The cells of a file run in one session, in order, through real yaegi
// with the real runtime contract (harness_test.go).

const (
	cellMark   = "-- cell --"
	outputMark = "-- output --"
	shownMark  = "-- shown --"
	errorMark  = "-- error --"
)

// goRun makes TestGaps also run each golden file as one Go program with
// the real toolchain and check that Go prints what the file expects:
//
//	go test ./kernel/worker/cell -run TestGaps -args -gorun
//
// A file whose cells do what one Go program cannot says why in a line of
// its description starting with noGoRun.
var goRun = flag.Bool("gorun", false, "also check the gap golden files against `go run`")

const noGoRun = "No go run: "

// goRunMark separates the cells' outputs in the go run form.
const goRunMark = "\x00-- cell --\n"

// goldenCell is one cell of a golden file and what it gives.
type goldenCell struct {
	src, output, shown, err string
}

// TestGaps runs the golden file of every gap.
func TestGaps(t *testing.T) {
	for _, g := range gaps {
		t.Run(g.name, func(t *testing.T) {
			path := filepath.Join("testdata", "gaps", g.name+".txt")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			desc, want := parseGolden(string(data))
			if len(want) == 0 {
				t.Fatalf("%s has no cells", path)
			}
			got := runGolden(t, want)
			if *update {
				if err := os.WriteFile(path, []byte(formatGolden(desc, got)), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%s, cell %d:\n%s\n--- got:\n%s", path, i+1, want[i].src, formatGolden("", got[i:i+1]))
				}
			}
			if *goRun && !strings.Contains("\n"+desc, "\n"+noGoRun) {
				checkGoRun(t, want)
			}
		})
	}
}

// runGolden runs the cells in one session and returns what they gave.
func runGolden(t *testing.T, cells []goldenCell) []goldenCell {
	k := newKernel(t)
	got := make([]goldenCell, len(cells))
	for i, c := range cells {
		o := k.run(c.src)
		got[i] = goldenCell{src: c.src, output: o.out, shown: o.shown, err: o.err}
		if o.err == "" {
			k.mu.Lock()
			for _, p := range k.panics {
				got[i].output += "goroutine panic: " + p + "\n"
			}
			k.panics = nil
			k.mu.Unlock()
		}
	}
	return got
}

// parseGolden splits a golden file into its description and cells.
func parseGolden(text string) (desc string, cells []goldenCell) {
	var all []*goldenCell
	dst := &desc
	for _, line := range strings.SplitAfter(text, "\n") {
		mark := strings.TrimSuffix(line, "\n")
		if mark == cellMark {
			all = append(all, &goldenCell{})
			dst = &all[len(all)-1].src
			continue
		}
		if c := last(all); c != nil {
			if f, ok := map[string]*string{outputMark: &c.output, shownMark: &c.shown, errorMark: &c.err}[mark]; ok {
				dst = f
				continue
			}
		}
		*dst += line
	}
	for _, c := range all {
		c.src = strings.TrimSuffix(c.src, "\n")
		c.shown = strings.TrimSuffix(c.shown, "\n")
		c.err = strings.TrimSuffix(c.err, "\n")
		cells = append(cells, *c)
	}
	return desc, cells
}

// last is the last element of cs, nil if none.
func last(cs []*goldenCell) *goldenCell {
	if len(cs) == 0 {
		return nil
	}
	return cs[len(cs)-1]
}

// formatGolden writes a golden file.
func formatGolden(desc string, cells []goldenCell) string {
	var b strings.Builder
	b.WriteString(desc)
	for _, c := range cells {
		b.WriteString(cellMark + "\n" + c.src + "\n")
		if c.output != "" {
			b.WriteString(outputMark + "\n" + c.output)
			if !strings.HasSuffix(c.output, "\n") {
				b.WriteString("\n")
			}
		}
		if c.shown != "" {
			b.WriteString(shownMark + "\n" + c.shown + "\n")
		}
		if c.err != "" {
			b.WriteString(errorMark + "\n" + c.err + "\n")
		}
	}
	return b.String()
}

// TestGapFiles checks that the golden files and the table agree (one file
// per gap, no file without a gap, no gap twice) and that each gap says
// which yaegi behaviour it answers.
func TestGapFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "gaps", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var have, want []string
	for _, f := range files {
		have = append(have, strings.TrimSuffix(filepath.Base(f), ".txt"))
	}
	for _, g := range gaps {
		want = append(want, g.name)
		if !strings.HasPrefix(g.yaegi, "v0.16.1") {
			t.Errorf("gap %s: yaegi %q does not start with the yaegi version", g.name, g.yaegi)
		}
		if _, err := os.Stat(filepath.Join(".", "gap_"+g.name+".go")); err != nil {
			t.Errorf("gap %s: %v", g.name, err)
		}
	}
	sort.Strings(want)
	if !reflect.DeepEqual(have, want) {
		t.Errorf("golden files %v, gaps %v", have, want)
	}
}

// TestGapRuntime checks each gap's runtime half: the cellrt functions it
// lists are installed, and its helpers call no other.
func TestGapRuntime(t *testing.T) {
	installed := cellrt.Exports(cellrt.Host{})[cellrt.Path+"/"+cellrt.Package]
	for _, g := range gaps {
		listed := map[string]bool{}
		for _, name := range g.runtime {
			listed[name] = true
			if _, ok := installed[strings.TrimPrefix(name, cellrt.Package+".")]; !ok {
				t.Errorf("gap %s: %s is not installed", g.name, name)
			}
		}
		for _, h := range g.helpers {
			for _, call := range runtimeCalls(h.src) {
				if !listed[call] {
					t.Errorf("gap %s: helper %s calls %s, not in its runtime list", g.name, h.name, call)
				}
			}
		}
	}
}

// runtimeCalls lists the runtime functions src mentions.
func runtimeCalls(src string) []string {
	var calls []string
	for _, part := range strings.Split(src, cellrt.Package+".")[1:] {
		end := strings.IndexFunc(part, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
		calls = append(calls, cellrt.Package+"."+part[:end])
	}
	return calls
}

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
		if gc.err != "" {
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
		body.WriteString("fmt.Print(" + strconv.Quote(goRunMark) + ")\n")
	}
	prog := "package main\n" + top.String() +
		"func _gkgoShow(v ...any) { s := \"\"; for i, x := range v { if i > 0 { s += \" \" }; s += fmt.Sprint(x) }; fmt.Print(\"\\x00shown \" + s + \"\\n\") }\n" +
		"func main() {\n" + body.String() + "}\n"
	prog = addStdImports(t, prog)
	outs := strings.Split(runGo(t, prog), goRunMark)
	if len(outs) != len(ran)+1 {
		t.Fatalf("go run printed %d cell marks, want %d; program:\n%s", len(outs)-1, len(ran), prog)
	}
	for i, gc := range ran {
		out, shown := splitShown(outs[i])
		if out != gc.output || shown != gc.shown {
			t.Errorf("go run, cell %q: output %q shown %q; the golden file says %q, %q", gc.src, out, shown, gc.output, gc.shown)
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
