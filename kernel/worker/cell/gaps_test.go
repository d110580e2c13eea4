package cell

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

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
