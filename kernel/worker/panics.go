package worker

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/gokernel/gokernel/kernel/worker/cell"
)

// framePos splits a frame yaegi printed ("cell2.go:2:2: panic: main.at(...)",
// positions already fixed) into cell name, line, column and the rest.
var framePos = regexp.MustCompile(`^(\S+)\.go:(\d+):(\d+)(: .*)$`)

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
	msg := goRuntimeMessage(panicValue(v))
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
