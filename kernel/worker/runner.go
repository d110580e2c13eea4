package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/syscall"
	"github.com/traefik/yaegi/stdlib/unrestricted"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/internal/goprint"
	"github.com/gokernel/gokernel/kernel/internal/order"
	"github.com/gokernel/gokernel/kernel/worker/cell"
	"github.com/gokernel/gokernel/kernel/worker/cell/typecheck"
)

// runner evaluates cells in one yaegi interpreter.
type runner struct {
	w       *worker
	i       *interp.Interpreter
	session *cell.Session
	resolve cell.Resolver
	sources cellSources
	checker *typecheck.Checker // made on the first compile error
}

func newRunner(w *worker) (*runner, error) {
	i := interp.New(interp.Options{
		GoPath: os.Getenv(ModulesEnv),
		Stdin:  w.input,
		Stdout: w.stdout.w,
		Stderr: w.stderr.w,
	})
	rt, show := runtimeSymbols(w)
	for _, exports := range []interp.Exports{stdlib.Symbols, execSymbols(), display.Symbols(),
		processSymbols(w.stderr.w), rt, richValueExports(show), errorExports()} {
		if err := i.Use(exports); err != nil {
			return nil, fmt.Errorf("load symbols: %w", err)
		}
	}
	if _, err := i.Eval(`import _gkrt "gokernel/rt"`); err != nil {
		return nil, fmt.Errorf("load the cell runtime: %w", err)
	}
	if err := loadIter(i); err != nil {
		return nil, err
	}
	resolve := withIter(newResolver(Packages()))
	session := cell.NewSession(resolve)
	session.SetIntPackageCalls(intPackageCalls(stdlib.Symbols))
	session.SetPackageParams(cell.PackageParams(stdlib.Symbols))
	return &runner{w: w, i: i, session: session, resolve: resolve}, nil
}

// Packages is every package a cell can import without %go get, keyed as
// yaegi keys its symbol tables ("importpath/pkgname"): the standard
// library, os/exec, syscall and display. The editor services complete and
// document these.
func Packages() map[string]map[string]reflect.Value {
	tables := map[string]map[string]reflect.Value{}
	for _, t := range []interp.Exports{stdlib.Symbols, execSymbols(), display.Symbols()} {
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

// runtimeSymbols is the package generated cell code calls (see package
// cell). It also returns the Show function, whose arguments yaegi wraps so
// that their methods survive (see richValueExports).
func runtimeSymbols(w *worker) (interp.Exports, reflect.Value) {
	show := reflect.ValueOf(func(vals ...any) []any { return vals })
	goPanic := func(v any, where string) { w.reportGoroutinePanic(v, where) }
	var stdin io.Reader = w.input // what os.Stdin in a cell becomes
	return interp.Exports{"gokernel/rt/_gkrt": {
		"Show":         show,
		"GoPanic":      reflect.ValueOf(goPanic),
		"Stdin":        reflect.ValueOf(&stdin).Elem(),
		"Defer":        reflect.ValueOf(w.deferred.add),
		"DeferFunc":    reflect.ValueOf(w.deferred.addFunc),
		"MinWins":      reflect.ValueOf(order.MinWins),
		"Compare":      reflect.ValueOf(order.Compare),
		"MaxWins":      reflect.ValueOf(order.MaxWins),
		"NewDeferList": reflect.ValueOf(cell.NewDeferList),
		"StringRange":  reflect.ValueOf(cell.StringRange),
		"Print":        reflect.ValueOf(func(args ...any) { goprint.Fprint(os.Stderr, args...) }),
		"Println":      reflect.ValueOf(func(args ...any) { goprint.Fprintln(os.Stderr, args...) }),
		"MethodPanic":  reflect.ValueOf(goprint.MethodPanic),
	}}, show
}

// newResolver maps package names used without an import to the paths of
// the symbol tables, preferring the shortest path.
func newResolver(tables map[string]map[string]reflect.Value) cell.Resolver {
	paths := map[string]string{}
	keys := make([]string, 0, len(tables))
	for k := range tables {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path, name, ok := splitExportKey(k)
		if !ok {
			continue
		}
		if old, ok := paths[name]; !ok || len(path) < len(old) {
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

// run executes one exec or replay command and returns its done event.
func (r *runner) run(ctx context.Context, cmd Command) Event {
	done := Event{Ev: "done", ID: cmd.ID}
	r.sources.set(cmd.Cell, cmd.Code)
	plan, err := r.session.Compile(cmd.Cell, cmd.Code)
	if err != nil {
		done.Error = compileError(err, cmd.Code)
		return done
	}
	vals, err := r.eval(ctx, plan)
	r.w.deferred.run(func(v any) {
		r.w.emit(Event{Ev: "stream", Name: "stderr", Text: fmt.Sprintf("panic in a deferred call: %v\n", goRuntimeMessage(panicValue(v)))})
	})
	r.w.flush.sync()
	if isExitZero(err) {
		err, vals = nil, nil // os.Exit(0): the program ended successfully
	}
	if err != nil {
		done.Error = r.runError(ctx, err, cmd.Code)
		return done
	}
	r.session.Commit(plan)
	r.rebind(ctx, plan)
	done.Replay, done.Vars = plan.Replay, plan.Vars
	if cmd.Op == "exec" {
		if plan.ResultIsCall && allNil(vals) {
			vals = nil // os.Setenv(...), f.Close(): a nil error is not a result
		}
		done.Data = resultBundle(vals)
		done.UserExpressions = r.userExpressions(cmd.UserExpressions)
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
		r.w.emit(Event{Ev: "stream", Name: "stderr", Text: fmt.Sprintf(
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

// runError describes an error from running a cell.
func (r *runner) runError(ctx context.Context, original error, src string) *Error {
	err := original
	frames := r.w.stderr.takeDiverted()
	err = errors.New(cell.FixPositions(err.Error()))
	var p interp.Panic
	var ie *importError
	switch {
	case errors.As(original, &ie):
		return &Error{Name: "ImportError", Value: ie.Error(), Traceback: []string{red("ImportError") + ": " + ie.Error()}}
	case ctx.Err() != nil:
		return &Error{Name: "Interrupted", Value: "the cell was interrupted",
			Traceback: []string{red("Interrupted") + ": the cell was interrupted"}}
	case errors.As(original, &p) && p.Value == errNoStdin:
		return &Error{Name: "StdinNotAvailable", Value: errNoStdin.Error(),
			Traceback: []string{red("StdinNotAvailable") + ": " + errNoStdin.Error()}}
	case errors.As(original, &p):
		if code, ok := p.Value.(exitCode); ok {
			return &Error{Name: "Exit", Value: code.Error(), Traceback: []string{red("exit") + ": " + code.Error()}}
		}
		return panicError(r.panicMessage(ctx, p.Value, frames), frames)
	case errors.As(original, new(*compileFailure)):
		return r.typeErrors(err, src)
	default:
		return compileError(err, src)
	}
}

// compileFailure is a cell yaegi refused to compile: nothing of it ran.
type compileFailure struct{ err error }

func (e *compileFailure) Error() string { return e.err.Error() }
func (e *compileFailure) Unwrap() error { return e.err }

// importError is an import yaegi refused.
type importError struct {
	path string
	err  error
}

func (e *importError) Error() string {
	if strings.Contains(e.err.Error(), "unable to find source") {
		if !strings.Contains(strings.Split(e.path, "/")[0], ".") {
			return fmt.Sprintf("cannot import %q: there is no such standard library package", e.path)
		}
		return fmt.Sprintf("cannot import %q: fetch its module first, e.g. %%go get %s@latest", e.path, e.path)
	}
	if strings.Contains(e.err.Error(), `"C"`) || strings.Contains(e.err.Error(), "unsafe") {
		return fmt.Sprintf("cannot import %q: it uses cgo or unsafe, which the interpreter cannot run (a %%%%native cell can): %v", e.path, e.err)
	}
	return fmt.Sprintf("cannot import %q: %v", e.path, e.err)
}

func isExitZero(err error) bool {
	var p interp.Panic
	return errors.As(err, &p) && p.Value == exitCode(0)
}

// reportGoroutinePanic prints a panic recovered in a goroutine a cell
// started, with the frames yaegi printed while unwinding.
func (w *worker) reportGoroutinePanic(v any, where string) {
	w.flush.sync()
	frames := w.stderr.takeDiverted()
	if kind, ok := panicKind(v); ok {
		w.runner.placePanic(kind, panicValue(v), frames)
	}
	where = cell.FixPositions(where)
	var b strings.Builder
	fmt.Fprintf(&b, "panic in goroutine started at %s: %v\n", where, goRuntimeMessage(panicValue(v)))
	for _, f := range frames {
		b.WriteString("    " + cell.FixPositions(f) + "\n")
	}
	w.emit(Event{Ev: "stream", Name: "stderr", Text: b.String()})
}

// panicFrameLine matches the line yaegi prints for each interpreted frame a
// panic unwinds ("cell2.go:3:1: panic: main.f(...)").
var panicFrameRE = regexp.MustCompile(`^\S+\.go:\d+:\d+: panic: .*\(\.\.\.\)$`)

func panicFrameLine(line string) bool { return panicFrameRE.MatchString(line) }

func panicError(msg string, frames []string) *Error {
	tb := []string{red("panic") + ": " + msg}
	if len(frames) > 0 {
		tb = append(tb, "", "goroutine (cell):")
		for _, f := range frames {
			pos, fn, _ := strings.Cut(cell.FixPositions(f), ": panic: ")
			tb = append(tb, fmt.Sprintf("    %s  %s", pos, strings.TrimSuffix(fn, "(...)")))
		}
	}
	return &Error{Name: "panic", Value: msg, Traceback: tb}
}

// panicValue formats a panic value as Go's runtime does.
func panicValue(v any) string {
	switch x := v.(type) {
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	case string:
		return x
	default:
		return fmt.Sprintf("%v", v)
	}
}

func red(s string) string { return "\x1b[0;31m" + s + "\x1b[0m" }
