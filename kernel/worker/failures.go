package worker

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/worker/cell"
	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
	"github.com/gokernel/gokernel/kernel/worker/cell/typecheck"
	"github.com/gokernel/gokernel/kernel/worker/ops"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// Every failure a command can meet becomes, here, the error users see: a
// cell that does not compile (with the offending line and a caret, and a
// hint for yaegi's least helpful messages), a refused import, a panic
// (with Go's message and the cell's frames), os.Exit, an interrupt, a
// read of stdin the client cannot answer, a panic in a goroutine or a
// deferred call, and the magics' failures. What the kernel says when the
// whole worker dies is the engine's (crashReport).

// positionRE finds "cellN.go:L:C: message" in an error text.
var positionRE = regexp.MustCompile(`(?m)^(?:.*?)(\S+\.go):(\d+):(\d+): (.*)$`)

// compileError turns a compile error into an error with, for each message,
// the offending source line and a caret under the column.
func compileError(err error, src string) *wp.Error {
	var diags []cell.Diag
	var ce *cell.Error
	if errors.As(err, &ce) {
		diags = ce.Diags
	} else {
		diags = parseDiags(err.Error())
	}
	if len(diags) == 0 {
		tb := withHint([]string{wp.Header("CompileError", err.Error())}, err.Error())
		return &wp.Error{Name: "CompileError", Value: err.Error(), Traceback: tb}
	}
	lines := strings.Split(src, "\n")
	var tb []string
	for _, d := range diags {
		tb = append(tb, wp.Header(fmt.Sprintf("line %d:%d", d.Line, d.Col), d.Msg))
		if d.Line >= 1 && d.Line <= len(lines) {
			code := lines[d.Line-1]
			tb = append(tb, "    "+code, "    "+caretPad(code, d.Col)+"^")
		}
	}
	return &wp.Error{Name: "CompileError", Value: diags[0].Msg, Traceback: withHint(tb, diags[0].Msg)}
}

// typeErrors describes a cell yaegi refused to compile. yaegi reports
// only the first type error; go/types finds the others, and they are
// shown too when it agrees with yaegi (see typecheck.Merge).
func (r *runner) typeErrors(err error, src string) *wp.Error {
	diags := parseDiags(err.Error())
	if len(diags) == 0 {
		return compileError(err, src)
	}
	if r.checker == nil {
		r.checker = typecheck.New()
	}
	all := typecheck.Merge(diags, r.checker.Errors(r.session, src))
	return compileError(&cell.Error{Src: src, Diags: all}, src)
}

// yaegiHints explain the interpreter's least helpful messages.
var yaegiHints = []struct{ msg, hint string }{
	{"nil type", "The interpreter could not work out a type here. Common causes: ranging over an iterator whose type the cell does not show (declare the function or variable it comes from with its type: func(yield func(T) bool), iter.Seq[T], iter.Seq2[K, V]), a variable initialized from a generic call whose type arguments the call does not show, or a comma-ok form (v, ok := m[k], <-ch, x.(T)) at the top level of a cell: move that code into a function, or use a %%native cell."},
	{"unsafe\" has no symbol Slice", unsafeSliceHint},
	{"undefined selector unsafe.Slice", unsafeSliceHint},
	{"definition loop", "The interpreter says this when a name on the right-hand side is not defined: check its spelling and that the cell defining it ran."},
}

// withHint appends the hint for msg, if there is one, to a traceback.
func withHint(tb []string, msg string) []string {
	for _, h := range yaegiHints {
		if strings.Contains(msg, h.msg) {
			return append(tb, "", h.hint)
		}
	}
	return tb
}

// parseDiags extracts positioned messages from a yaegi error text.
func parseDiags(text string) []cell.Diag {
	var diags []cell.Diag
	for _, m := range positionRE.FindAllStringSubmatch(text, -1) {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		diags = append(diags, cell.Diag{Line: line, Col: col, Msg: m[4]})
	}
	return diags
}

// caretPad returns the blanks that put a caret under byte column col of
// code, keeping tabs so the caret lines up.
func caretPad(code string, col int) string {
	var b strings.Builder
	for i, r := range code {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// runError describes an error from running a cell.
func (r *runner) runError(ctx context.Context, original error, src string) *wp.Error {
	err := original
	frames := r.out.panicFrames()
	err = errors.New(cell.FixPositions(err.Error()))
	var p interp.Panic
	var ie *importError
	switch {
	case errors.As(original, &ie):
		return wp.NewError("ImportError", ie.Error())
	case ctx.Err() != nil:
		return wp.NewError("Interrupted", "the cell was interrupted")
	case errors.As(original, &p) && p.Value == errNoStdin:
		return wp.NewError("StdinNotAvailable", errNoStdin.Error())
	case errors.As(original, &p):
		if code, ok := p.Value.(exitCode); ok {
			return exitError(code.Error())
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

// endedCell reports whether a cell's error is the panic of a top-level
// return (cell gap topreturn), the cell's successful end.
func endedCell(err error) bool {
	var p interp.Panic
	return errors.As(err, &p) && cellrt.IsEndCell(p.Value)
}

// pendingPanic is the panic a cell's top-level deferred calls can
// recover: the panic of its statements, as Go's recover would return it
// (cellrt.Recovered), but neither os.Exit, nor a top-level return, nor a read of
// stdin the client cannot answer.
func pendingPanic(err error) cellPanic {
	var p interp.Panic
	if !errors.As(err, &p) || p.Value == errNoStdin || cellrt.IsEndCell(p.Value) {
		return cellPanic{}
	}
	if _, ok := p.Value.(exitCode); ok {
		return cellPanic{}
	}
	return cellPanic{value: cellrt.Recovered(p.Value), panicking: true}
}

// exitError is os.Exit's, and a %%native program's, end.
func exitError(status string) *wp.Error {
	return &wp.Error{Name: "Exit", Value: status, Traceback: []string{wp.Header("exit", status)}}
}

// goroutinePanic is the report of a panic recovered in a goroutine a cell
// started (not an error: the cell that started it may be long done), with
// the frames yaegi printed while unwinding.
func (r *runner) goroutinePanic(v any, where string, frames []string) string {
	if kind, ok := panicKind(v); ok {
		r.placePanic(kind, panicValue(v), frames)
	}
	where = cell.FixPositions(where)
	var b strings.Builder
	fmt.Fprintf(&b, "panic in goroutine started at %s: %v\n", where, cellrt.GoRuntimeText(panicValue(v)))
	for _, f := range frames {
		b.WriteString("    " + cell.FixPositions(f) + "\n")
	}
	return b.String()
}

// deferredPanic is the report of a panic in a call a cell's top-level
// defer registered; the cell's other deferred calls still run.
func deferredPanic(v any) string {
	return fmt.Sprintf("panic in a deferred call: %v\n", cellrt.GoRuntimeText(panicValue(v)))
}

func panicError(msg string, frames []string) *wp.Error {
	tb := []string{wp.Header("panic", msg)}
	if len(frames) > 0 {
		tb = append(tb, "", "goroutine (cell):")
		for _, f := range frames {
			pos, fn, _ := strings.Cut(cell.FixPositions(f), ": panic: ")
			tb = append(tb, fmt.Sprintf("    %s  %s", pos, strings.TrimSuffix(fn, "(...)")))
		}
	}
	return &wp.Error{Name: "panic", Value: msg, Traceback: tb}
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

// magicError is a magic's operation that failed.
func magicError(err error) *wp.Error {
	if err == nil {
		return nil
	}
	return wp.NewError("MagicError", err.Error())
}

// nativeError is a %%native cell that failed to build or run.
func nativeError(err error) *wp.Error {
	var build *ops.BuildError
	var prog *ops.ProgramError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ops.ErrInterrupted):
		return wp.NewError("Interrupted", "the program was interrupted")
	case errors.As(err, &build):
		return &wp.Error{Name: "BuildError", Value: build.Value,
			Traceback: append([]string{wp.Header("BuildError", "")}, build.Lines...)}
	case errors.As(err, &prog):
		return exitError(prog.Error())
	}
	return wp.NewError("NativeError", err.Error())
}

// framePos splits a frame yaegi printed ("cell2.go:2:2: panic: main.at(...)",
// positions already fixed) into cell name, line, column and the rest.
var framePos = regexp.MustCompile(`^(\S+)\.go:(\d+):(\d+)(: .*)$`)

// panicKind tells which kind of expression can have raised a panic with
// value v: a runtime error yaegi raised for an expression, or a call of
// panic for any other value.
func panicKind(v any) (cell.PanicKind, bool) {
	msg := panicValue(v)
	switch {
	case strings.Contains(msg, "index out of range"):
		return cell.PanicIndex, true
	case strings.Contains(msg, "slice index out of bounds"), strings.Contains(msg, "slice bounds out of range"):
		return cell.PanicSlice, true
	case strings.Contains(msg, "divide by zero"):
		return cell.PanicDivide, true
	case msg == "assignment to entry in nil map":
		return cell.PanicNilMap, true
	}
	if _, ok := v.(runtime.Error); ok || strings.HasPrefix(msg, "reflect") {
		return 0, false
	}
	return cell.PanicCall, true
}

// placePanic moves the first frame's position, which yaegi gives as some
// position in the panicking function, to the expression that panicked
// when the function has only one that could, and returns the site.
func (r *runner) placePanic(kind cell.PanicKind, value string, frames []string) (cell.Site, bool) {
	if len(frames) == 0 {
		return cell.Site{}, false
	}
	m := framePos.FindStringSubmatch(cell.FixPositions(frames[0]))
	if m == nil {
		return cell.Site{}, false
	}
	src, ok := r.sources.get(m[1])
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	if !ok {
		return cell.Site{}, false
	}
	site, ok := cell.PanicSite(src, line, col, kind, value)
	if ok {
		frames[0] = fmt.Sprintf("%s.go:%d:%d%s", m[1], site.Line, site.Col, m[4])
	}
	return site, ok
}

// panicMessage is Go's message for a panic with value v. For an index or
// slice expression of the cell's top level it evaluates the operands
// again, as Go's message shows the index and length.
func (r *runner) panicMessage(ctx context.Context, v any, frames []string) string {
	msg := cellrt.GoRuntimeText(panicValue(v))
	kind, ok := panicKind(v)
	if !ok {
		return msg
	}
	site, ok := r.placePanic(kind, panicValue(v), frames)
	if !ok || !site.TopLevel {
		return msg
	}
	switch kind {
	case cell.PanicIndex:
		return r.indexMessage(ctx, site, msg)
	case cell.PanicSlice:
		return r.sliceMessage(ctx, site, msg)
	}
	return msg
}

// indexMessage says "index out of range [i] with length n" when the
// operands' values confirm it.
func (r *runner) indexMessage(ctx context.Context, site cell.Site, msg string) string {
	n, ok1 := r.intValue(ctx, "len("+site.X+")")
	i, ok2 := r.intValue(ctx, site.Index)
	if !ok1 || !ok2 || (i >= 0 && i < n) {
		return msg
	}
	return fmt.Sprintf("runtime error: index out of range [%d] with length %d", i, n)
}

// sliceMessage says which bound is out of range, as Go does, when the
// operands' values confirm it.
func (r *runner) sliceMessage(ctx context.Context, site cell.Site, msg string) string {
	limit, what := "cap("+site.X+")", "capacity"
	if v, err := r.i.EvalWithContext(ctx, site.X); err == nil && v.Kind() == reflect.String {
		limit, what = "len("+site.X+")", "length"
	}
	c, ok := r.intValue(ctx, limit)
	if !ok {
		return msg
	}
	lo, hi := int64(0), c
	okLo, okHi := true, true
	if site.Low != "" {
		lo, okLo = r.intValue(ctx, site.Low)
	}
	if site.High != "" {
		hi, okHi = r.intValue(ctx, site.High)
	}
	switch {
	case !okLo || !okHi:
		return msg
	case hi > c || hi < 0:
		return fmt.Sprintf("runtime error: slice bounds out of range [:%d] with %s %d", hi, what, c)
	case lo > hi || lo < 0:
		return fmt.Sprintf("runtime error: slice bounds out of range [%d:%d]", lo, hi)
	}
	return msg
}

// intValue evaluates an integer expression of the cell's top level.
func (r *runner) intValue(ctx context.Context, expr string) (int64, bool) {
	v, err := r.i.EvalWithContext(ctx, expr)
	if err != nil || !v.IsValid() {
		return 0, false
	}
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	switch {
	case v.CanInt():
		return v.Int(), true
	case v.CanUint():
		return int64(v.Uint()), true
	}
	return 0, false
}
