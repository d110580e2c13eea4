package worker

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/syscall"
	"github.com/traefik/yaegi/stdlib/unrestricted"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/internal/gosyntax"
	"github.com/gokernel/gokernel/kernel/worker/cell"
	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
	"github.com/gokernel/gokernel/kernel/worker/cell/typecheck"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// The runner runs one cell at a time in one yaegi interpreter: compile
// (package cell), eval, commit to the session, result. It knows the
// process around it only as an emitter; failures become users' errors in
// failures.go, results become MIME bundles in results.go.

// runner evaluates cells in one yaegi interpreter.
type runner struct {
	out     emitter
	i       *interp.Interpreter
	session *cell.Session
	resolve cell.Resolver
	sources cellSources
	checker *typecheck.Checker // made on the first compile error
	exits   *cellExit
}

// emitter is what a runner needs of the process around it.
type emitter interface {
	// emit sends an event, after the output printed before it.
	emit(wp.Event)
	// syncOutput returns once everything the cell printed so far is emitted.
	syncOutput()
	// panicFrames returns and forgets the frames yaegi printed while a
	// panic unwound.
	panicFrames() []string
	// runDeferred runs the calls of the cell's top-level defer statements,
	// with the cell's panic pending, and reports whether one recovered it.
	runDeferred(p cellPanic, report func(v any)) (recovered bool)
	// discardDeferred forgets them: os.Exit runs no deferred call.
	discardDeferred()
}

// newRunner makes a runner whose interpreter reads and writes w's pipes
// and calls w's runtime (see runtimeSymbols); it reports to w as its
// emitter.
func newRunner(w *worker) (*runner, error) {
	i := interp.New(interp.Options{
		GoPath: os.Getenv(wp.ModulesEnv),
		Stdin:  w.input,
		Stdout: w.stdout.w,
		Stderr: w.stderr.w,
	})
	exits := &cellExit{}
	importable := importableExports()
	for _, exports := range append(importable, unsafeConversions(), processSymbols(w.stderr.w, exits.exit),
		testingSymbols(exits.exit), richValueExports(cellrt.ShowFunc), errorExports()) {
		if err := i.Use(exports); err != nil {
			return nil, fmt.Errorf("load symbols: %w", err)
		}
	}
	if err := cellrt.Install(i, runtimeHost(w)); err != nil {
		return nil, err
	}
	if err := loadIter(i); err != nil {
		return nil, err
	}
	pkgs := merged(importable)
	resolve := withIter(newResolver(pkgs))
	session := cell.NewSession(resolve)
	session.SetIntPackageCalls(intPackageCalls(pkgs))
	session.SetPackageParams(cell.PackageParams(pkgs))
	return &runner{out: w, i: i, session: session, resolve: resolve, exits: exits}, nil
}

// Packages is every package a cell can import without %go get, keyed as
// yaegi keys its symbol tables ("importpath/pkgname"): the standard
// library (with the API of Go versions newer than yaegi's tables),
// unsafe, os/exec, syscall and display. The editor services complete and
// document these.
func Packages() map[string]map[string]reflect.Value { return merged(importableExports()) }

// importableExports are the symbol tables of the packages a cell can
// import, in the order the interpreter loads them.
func importableExports() []interp.Exports {
	return []interp.Exports{stdlib.Symbols, newerSymbols(), unsafeSymbols(), execSymbols(), display.Symbols()}
}

// merged is one table of the packages of several, a later table's
// package replacing an earlier one's.
func merged(all []interp.Exports) map[string]map[string]reflect.Value {
	tables := map[string]map[string]reflect.Value{}
	for _, t := range all {
		for k, v := range t {
			tables[k] = v
		}
	}
	return tables
}

// execSymbols adds os/exec and syscall (process groups, signals), which
// yaegi keeps out of its restricted standard library; the rest stays
// restricted (os.Exit becomes a panic the cell reports instead of ending
// the worker).
func execSymbols() interp.Exports {
	exports := interp.Exports{"os/exec/exec": unrestricted.Symbols["os/exec/exec"]}
	for k, v := range syscall.Symbols {
		exports[k] = v
	}
	return exports
}

// runtimeHost is what the runtime of generated cell code (package cellrt)
// needs from the worker: goroutine panics are reported, os.Stdin asks the
// user (input_request), top-level defers run when the cell ends, print
// and println write to the captured standard error.
func runtimeHost(w *worker) cellrt.Host {
	return cellrt.Host{
		GoPanic:   w.reportGoroutinePanic,
		Stdin:     w.input,
		Defer:     w.deferred.add,
		DeferFunc: w.deferred.addFunc,
		Stderr:    w.stderr.w,
		Recover:   w.deferred.recover,
	}
}

// newResolver maps package names used without an import to the paths of
// the symbol tables, the one gosyntax.PreferPath prefers where several
// packages share a name (as completion and docs do).
func newResolver(tables map[string]map[string]reflect.Value) cell.Resolver {
	paths := map[string]string{}
	for k := range tables {
		path, name, ok := splitExportKey(k)
		if !ok {
			continue
		}
		if old, ok := paths[name]; !ok || gosyntax.PreferPath(path, old) {
			paths[name] = path
		}
	}
	return func(name string) (string, bool) {
		p, ok := paths[name]
		return p, ok
	}
}

func allNil(vals []any) bool {
	for _, v := range vals {
		if v != nil {
			return false
		}
	}
	return true
}

// intPackageCalls reports, from the symbol tables, whether pkg.name(...)
// yields an integer: a function with one integer result, or a conversion
// to an integer type.
func intPackageCalls(tables interp.Exports) func(path, name string) bool {
	byPath := make(map[string]map[string]reflect.Value, len(tables))
	for k, syms := range tables {
		if path, _, ok := splitExportKey(k); ok {
			byPath[path] = syms
		}
	}
	return func(path, name string) bool {
		v, ok := byPath[path][name]
		if !ok {
			return false
		}
		t := v.Type()
		switch {
		case t.Kind() == reflect.Func:
			return t.NumOut() == 1 && isIntKind(t.Out(0).Kind())
		case t.Kind() == reflect.Pointer && v.IsNil(): // a type: (*T)(nil)
			return isIntKind(t.Elem().Kind())
		}
		return false
	}
}

// splitExportKey splits a yaegi symbol-table key, "importpath/pkgname".
func splitExportKey(k string) (path, name string, ok bool) {
	slash := strings.LastIndex(k, "/")
	if slash < 0 {
		return "", "", false
	}
	return k[:slash], k[slash+1:], true
}

func isIntKind(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Uintptr
}

// run executes one cell and returns its done event (with its ID still
// to set); a replay (show false) shows no result.
func (r *runner) run(ctx context.Context, c wp.Exec, show bool) wp.Done {
	var done wp.Done
	r.sources.set(c.Cell, c.Code)
	plan, err := r.session.Compile(c.Cell, c.Code)
	if err != nil {
		done.Error = compileError(err, c.Code)
		return done
	}
	cellCtx, finish := r.exits.begin(ctx)
	vals, err := r.eval(cellCtx, plan)
	if code, exited := finish(); exited {
		vals, err = nil, interp.Panic{Value: code}
		r.out.discardDeferred() // os.Exit runs no deferred call
	} else if r.out.runDeferred(pendingPanic(err), func(v any) {
		r.out.emit(wp.Stream{Name: "stderr", Text: deferredPanic(v)})
	}) {
		vals, err = nil, nil // a deferred call recovered the panic: the cell ends normally
		r.out.panicFrames()
	}
	r.out.syncOutput()
	if isExitZero(err) || endedCell(err) {
		err, vals = nil, nil // os.Exit(0), or a top-level return: the program ended successfully
	}
	if err != nil {
		done.Error = r.runError(ctx, err, c.Code)
		return done
	}
	r.session.Commit(plan)
	r.rebind(ctx, plan)
	done.Replay, done.Vars = plan.Replay, plan.Vars
	if show {
		if plan.ResultIsCall && allNil(vals) {
			vals = nil // os.Setenv(...), f.Close(): a nil error is not a result
		}
		done.Data = resultBundle(vals)
		done.UserExpressions = r.userExpressions(c.UserExpressions)
	}
	return done
}

// eval runs the plan's imports, then compiles its declarations and
// statements, and only if both compile runs them, returning the values
// of the final expression (nil when there is none). A compile error comes
// back as a *compileFailure, after the plan's traces are undone.
func (r *runner) eval(ctx context.Context, plan *cell.Plan) ([]any, error) {
	for _, im := range plan.Imports {
		if _, err := r.i.EvalWithContext(ctx, im.Source()); err != nil {
			return nil, &importError{path: im.Path, err: err}
		}
		r.session.CommitImport(im)
	}
	saved := r.saveVars(r.session.RedeclaredVars(plan))
	decls, stmts, err := cell.CompileParts(plan, r.compile)
	if err != nil {
		r.undo(ctx, plan, saved)
		return nil, &compileFailure{err}
	}
	if decls != nil {
		if _, err := r.i.ExecuteWithContext(ctx, decls); err != nil {
			return nil, err
		}
	}
	if stmts == nil {
		return nil, nil
	}
	v, err := r.i.ExecuteWithContext(ctx, stmts)
	if err != nil || !plan.Result || !v.IsValid() {
		return nil, err
	}
	vals, _ := v.Interface().([]any)
	return vals, nil
}

// rebind compiles again the earlier functions that call what plan
// redefines, so they call the new definition as Go code would.
func (r *runner) rebind(ctx context.Context, plan *cell.Plan) {
	src := r.session.Rebind(plan)
	if src == "" {
		return
	}
	if _, err := r.i.EvalWithContext(ctx, src); err != nil {
		r.out.emit(wp.Stream{Name: "stderr", Text: fmt.Sprintf(
			"note: functions of earlier cells still call the old definition of %s: %s\n",
			strings.Join(plan.Redefined, ", "), cell.FixPositions(err.Error()))})
	}
}

// compile compiles statements without running them. yaegi's Compile, unlike
// Eval, lets some internal panics escape: they become errors here.
func (r *runner) compile(src string) (prog *interp.Program, err error) {
	defer func() {
		if p := recover(); p != nil {
			prog, err = nil, fmt.Errorf("%v", p)
		}
	}()
	return r.i.Compile(src)
}

// cellSources keeps the source of every cell the worker ran, by cell
// name. It is safe for concurrent use: goroutine panics are placed while
// other cells run.
type cellSources struct {
	mu  sync.Mutex
	src map[string]string
}

func (s *cellSources) set(name, src string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.src == nil {
		s.src = map[string]string{}
	}
	s.src[name] = src
}

func (s *cellSources) get(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	src, ok := s.src[name]
	return src, ok
}

// nativeProgram makes a %%native cell a standalone program, resolving
// package names as cells do.
func (r *runner) nativeProgram(name, src string) (string, error) {
	return cell.Program(name, src, r.resolve)
}
