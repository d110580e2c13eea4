// Package typecheck finds every type error of a cell. The interpreter
// reports only the first type error of a cell it refuses; when it does,
// the worker asks go/types for all of them. The cell is checked as the
// user wrote it, in the context of the committed cells (see
// cell.Session.CheckSource), with packages imported from the Go sources
// in GOROOT. Where go/types cannot tell — a package it cannot import, such
// as display or a module fetched with %go get, or a check that takes too
// long — the interpreter's error stands alone.
package typecheck

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/worker/cell"
)

// budget is how long Errors waits for go/types. The first check that
// imports a big package (net/http: 1–3 s) can exceed it; that check then
// finishes in the background, so the package is ready for the next one.
const budget = 2 * time.Second

// cellName is the name the checked cell's positions carry.
const cellName = "cell"

// keepFor is how long a Checker keeps the packages it imported after its
// last check. They cost memory (fmt and its dependencies about 40 MB,
// net/http 75 MB) but make the next check fast, which matters while
// someone is fixing a cell; an idle notebook gets the memory back.
const keepFor = 2 * time.Minute

// Checker type-checks cells, one at a time. It keeps the packages it has
// imported for a while, so only the first use of a package is slow.
type Checker struct {
	turn   chan struct{} // held while a check runs: imp is not concurrent
	budget time.Duration
	keep   time.Duration // see keepFor

	// Under turn:
	fset    *token.FileSet
	imp     types.ImporterFrom
	release *time.Timer // drops fset and imp keepFor after the last check
}

// New returns a Checker that imports packages from GOROOT sources.
func New() *Checker {
	c := &Checker{turn: make(chan struct{}, 1), budget: budget, keep: keepFor}
	c.release = time.AfterFunc(time.Hour, c.forget)
	c.release.Stop()
	c.reset()
	return c
}

// reset starts with no packages imported.
func (c *Checker) reset() {
	c.fset = token.NewFileSet()
	c.imp = importer.ForCompiler(c.fset, "source", nil).(types.ImporterFrom)
}

// forget drops the imported packages and returns their memory to the
// operating system, unless a check is running (it will set the timer
// again).
func (c *Checker) forget() {
	select {
	case c.turn <- struct{}{}:
	default:
		return
	}
	defer func() { <-c.turn }()
	c.reset()
	debug.FreeOSMemory()
}

// Errors returns the type errors go/types finds in cell src, checked in
// the context of the session's committed cells, in line order. Errors
// outside the cell are left out, and so are those the interpreter
// accepts (see accepted). It returns nil when it cannot tell: src has a
// syntax error, a package the check needs cannot be imported, or the
// check takes longer than two seconds.
func (c *Checker) Errors(s *cell.Session, src string) []cell.Diag {
	file, err := s.CheckSource(cellName, src)
	if err != nil {
		return nil
	}
	timeout := time.NewTimer(c.budget)
	defer timeout.Stop()
	select {
	case c.turn <- struct{}{}:
	case <-timeout.C:
		return nil
	}
	done := make(chan []cell.Diag, 1)
	go func() {
		defer func() { <-c.turn }()
		done <- c.check(file)
		c.release.Reset(c.keep)
	}()
	select {
	case diags := <-done:
		return diags
	case <-timeout.C:
		return nil
	}
}

// check type-checks file, a rendered cell. A panic in go/types (which
// would end the worker, this being a goroutine) means it cannot tell.
func (c *Checker) check(file string) (diags []cell.Diag) {
	defer func() {
		if recover() != nil {
			diags = nil
		}
	}()
	f, err := parser.ParseFile(c.fset, "", file, 0)
	if err != nil {
		return nil
	}
	pruneImports(f)
	imp := &watchedImporter{imp: c.imp, failed: map[string]bool{}}
	col := &collector{c: c}
	conf := types.Config{Importer: imp, Error: col.add}
	conf.Check("main", c.fset, []*ast.File{f}, nil)
	if c.usesFailed(f, imp.failed) {
		return nil
	}
	return sorted(col.diags)
}

// collector keeps the errors go/types reports in the cell.
type collector struct {
	c     *Checker
	diags []cell.Diag
	kept  bool // the last error not a continuation was kept
}

// add keeps err if it is in the cell and not accepted there. go/types
// reports details of an error ("\tother declaration of T") as further
// errors; they are appended to the error's message, as the Go compiler
// shows them.
func (k *collector) add(err error) {
	e := err.(types.Error)
	detail, isDetail := strings.CutPrefix(e.Msg, "\t")
	pos := k.c.fset.Position(e.Pos)
	inCell := pos.Filename == cellName+".go"
	switch {
	case !isDetail:
		k.kept = inCell && !accepted(e.Msg)
		if k.kept {
			k.diags = append(k.diags, cell.Diag{Line: pos.Line, Col: pos.Column, Msg: e.Msg})
		}
	case k.kept && inCell:
		d := &k.diags[len(k.diags)-1]
		d.Msg += fmt.Sprintf("\n\tline %d:%d: %s", pos.Line, pos.Column, detail)
	}
}

// usesFailed reports whether the cell uses a package that could not be
// imported. go/types stays silent about the uses of such a package, and
// of what the context declares with it, so a failure only the context
// sees does not matter; in the cell it would hide errors.
func (c *Checker) usesFailed(f *ast.File, failed map[string]bool) bool {
	if len(failed) == 0 {
		return false
	}
	uses := map[string]bool{}
	for _, id := range f.Unresolved {
		if c.fset.Position(id.Pos()).Filename == cellName+".go" {
			uses[id.Name] = true
		}
	}
	for _, is := range f.Imports {
		path, _ := strconv.Unquote(is.Path.Value)
		if failed[path] && (uses[is.Name.Name] || is.Name.Name == ".") {
			return true
		}
	}
	return false
}

// acceptedTexts are fragments of go/types' messages for what Go rejects
// but cells may do: leave variables, imports, labels and values unused
// (a cell's final expression is its result), and end a function without
// return (the interpreter returns zero values).
var acceptedTexts = []string{
	"declared and not used",
	"imported and not used",
	"defined and not used",
	"is not used",
	"missing return",
}

func accepted(msg string) bool {
	for _, s := range acceptedTexts {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// pruneImports drops the imports whose name f does not use, so that a
// check loads only the packages it needs: the context holds every
// package earlier cells imported. Imports are rendered named (see
// CheckSource); a dot import is kept.
func pruneImports(f *ast.File) {
	used := map[string]bool{".": true}
	for _, id := range f.Unresolved {
		used[id.Name] = true
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		kept := gd.Specs[:0]
		for _, sp := range gd.Specs {
			if is := sp.(*ast.ImportSpec); is.Name != nil && used[is.Name.Name] {
				kept = append(kept, sp)
			}
		}
		gd.Specs = kept
	}
}

// sorted orders diagnostics by position and drops duplicates.
func sorted(diags []cell.Diag) []cell.Diag {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i], diags[j]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	out := diags[:0]
	for i, d := range diags {
		if i == 0 || d != diags[i-1] {
			out = append(out, d)
		}
	}
	return out
}

// watchedImporter records the paths it failed to import.
type watchedImporter struct {
	imp    types.ImporterFrom
	failed map[string]bool
}

func (w *watchedImporter) Import(path string) (*types.Package, error) {
	return w.ImportFrom(path, "", 0)
}

func (w *watchedImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	p, err := w.imp.ImportFrom(path, dir, mode)
	if err != nil {
		w.failed[path] = true
	}
	return p, err
}

// Merge returns the errors to show for a cell the interpreter refused
// with the errors reported, given the errors found by Errors. go/types
// and the interpreter do not always agree (the kernel accepts some
// things plain Go does not, and the interpreter has limits of its own),
// so found counts only if it has an error on the line of the
// interpreter's first one too. Then found is the answer, go/types'
// messages replacing the interpreter's on that line: they are the Go
// compiler's, and exact in their columns. Otherwise reported stands.
func Merge(reported, found []cell.Diag) []cell.Diag {
	if len(reported) == 0 {
		return nil
	}
	for _, d := range found {
		if d.Line == reported[0].Line {
			return found
		}
	}
	return reported
}
