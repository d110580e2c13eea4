package worker

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/worker/cell"
	"github.com/gokernel/gokernel/kernel/worker/cell/typecheck"
)

// positionRE finds "cellN.go:L:C: message" in an error text.
var positionRE = regexp.MustCompile(`(?m)^(?:.*?)(\S+\.go):(\d+):(\d+): (.*)$`)

// compileError turns a compile error into an error with, for each message,
// the offending source line and a caret under the column.
func compileError(err error, src string) *Error {
	var diags []cell.Diag
	var ce *cell.Error
	if errors.As(err, &ce) {
		diags = ce.Diags
	} else {
		diags = parseDiags(err.Error())
	}
	if len(diags) == 0 {
		tb := withHint([]string{red("CompileError") + ": " + err.Error()}, err.Error())
		return &Error{Name: "CompileError", Value: err.Error(), Traceback: tb}
	}
	lines := strings.Split(src, "\n")
	var tb []string
	for _, d := range diags {
		tb = append(tb, red(fmt.Sprintf("line %d:%d", d.Line, d.Col))+": "+d.Msg)
		if d.Line >= 1 && d.Line <= len(lines) {
			code := lines[d.Line-1]
			tb = append(tb, "    "+code, "    "+caretPad(code, d.Col)+"^")
		}
	}
	return &Error{Name: "CompileError", Value: diags[0].Msg, Traceback: withHint(tb, diags[0].Msg)}
}

// typeErrors describes a cell yaegi refused to compile. yaegi reports
// only the first type error; go/types finds the others, and they are
// shown too when it agrees with yaegi (see typecheck.Merge).
func (r *runner) typeErrors(err error, src string) *Error {
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

// resultBundle renders the values of a cell's final expression: text/plain
// always, rich types when a value has HTML/SVG/... methods or is an image.
func resultBundle(vals []any) map[string]any {
	if len(vals) == 0 {
		return nil
	}
	texts := make([]string, len(vals))
	for i, v := range vals {
		texts[i] = formatValue(v)
	}
	bundle := map[string]any{}
	if len(vals) == 1 {
		for k, v := range display.Bundle(vals[0]) {
			bundle[k] = v
		}
	}
	if len(texts) == 1 {
		bundle["text/plain"] = texts[0]
	} else {
		bundle["text/plain"] = "(" + strings.Join(texts, ", ") + ")"
	}
	return bundle
}

// formatValue shows a value as Go code would print it, with strings quoted
// and struct fields named.
func formatValue(v any) string {
	if v == nil {
		return "<nil>"
	}
	v = unwrap(v)
	switch reflect.TypeOf(v).Kind() {
	case reflect.String:
		return strconv.Quote(reflect.ValueOf(v).String())
	case reflect.Struct:
		return fmt.Sprintf("%+v", v)
	case reflect.Pointer:
		if reflect.ValueOf(v).Elem().Kind() == reflect.Struct {
			return fmt.Sprintf("%+v", v)
		}
	}
	return fmt.Sprint(v)
}

// unwrap returns the value inside one of yaegi's interface wrappers (a
// struct whose first field is IValue), unless the wrapper is what gives the
// value its text (String or Error methods).
func unwrap(v any) any {
	switch v.(type) {
	case fmt.Stringer, error:
		return v
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Struct && rv.NumField() > 0 && rv.Type().Field(0).Name == "IValue" {
		return rv.Field(0).Interface()
	}
	return v
}

// userExpressions evaluates the execute_request's user_expressions.
func (r *runner) userExpressions(exprs map[string]string) map[string]any {
	if len(exprs) == 0 {
		return nil
	}
	out := make(map[string]any, len(exprs))
	for name, expr := range exprs {
		text, _, err := r.value(expr)
		if err != nil {
			out[name] = map[string]any{"status": "error", "ename": "EvalError",
				"evalue": err.Error(), "traceback": []string{err.Error()}}
			continue
		}
		out[name] = map[string]any{"status": "ok",
			"data": map[string]any{"text/plain": text}, "metadata": map[string]any{}}
	}
	return out
}

// value evaluates one expression and formats its value and type, without
// printing or committing anything.
func (r *runner) value(expr string) (text, typ string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	prog, err := r.compile("_gkrt.Show(" + expr + ")")
	if err != nil {
		return "", "", errors.New(cell.FixPositions(err.Error()))
	}
	v, err := r.i.ExecuteWithContext(ctx, prog)
	if err != nil {
		return "", "", err
	}
	vals, _ := v.Interface().([]any)
	if len(vals) != 1 {
		return "", "", fmt.Errorf("%s is not a single value", expr)
	}
	return formatValue(vals[0]), fmt.Sprintf("%T", unwrap(vals[0])), nil
}

// inspect answers an inspect command: the type and value of a variable.
func (r *runner) inspect(cmd Command) Event {
	ev := Event{Ev: "value", ID: cmd.ID}
	text, typ, err := r.value(cmd.Code)
	if err == nil {
		ev.Text = fmt.Sprintf("type:  %s\nvalue: %s", typ, text)
	}
	return ev
}
