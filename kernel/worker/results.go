package worker

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/worker/cell"
	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

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
	prog, err := r.compile(cellrt.Show + "(" + expr + ")")
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
func (r *runner) inspect(id int, expr string) wp.Value {
	ev := wp.Value{ID: id}
	text, typ, err := r.value(expr)
	if err == nil {
		ev.Text = fmt.Sprintf("type:  %s\nvalue: %s", typ, text)
	}
	return ev
}
