package cell

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"

	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
)

// stdResolver resolves a few standard-library names, as the worker's
// resolver would.
func stdResolver(name string) (string, bool) {
	paths := map[string]string{
		"fmt": "fmt", "strings": "strings", "rand": "math/rand", "math": "math",
		"time": "time", "sort": "sort", "errors": "errors", "os": "os", "sync": "sync",
		"strconv": "strconv", "log": "log", "io": "io", "bytes": "bytes", "slices": "slices", "maps": "maps", "runtime": "runtime", "iter": "iter",
	}
	p, ok := paths[name]
	return p, ok
}

// kernel simulates the worker: one interpreter with the runtime contract, one
// session; run evaluates a cell as the worker does.
type kernel struct {
	t      *testing.T
	i      *interp.Interpreter
	s      *Session
	out    *syncBuffer
	frames *syncBuffer // yaegi's panic frame lines, diverted as the worker does
	n      int
	mu     sync.Mutex
	panics []string
	defers []func()

	pending   any  // the panic the running defers can recover
	panicking bool // pending is not recovered yet
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.b.String()
	b.b.Reset()
	return s
}

func newKernel(t *testing.T) *kernel {
	t.Helper()
	k := &kernel{t: t, s: NewSession(stdResolver), out: &syncBuffer{}, frames: &syncBuffer{}}
	k.s.SetPackageParams(PackageParams(stdlib.Symbols)) // as the worker does
	k.i = interp.New(interp.Options{Stdout: k.out, Stderr: panicFrameFilter{k.out, k.frames}})
	if err := k.i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := cellrt.Install(k.i, k.host()); err != nil {
		t.Fatal(err)
	}
	if _, err := k.i.Eval(IterSource); err != nil { // as the worker does
		t.Fatal(err)
	}
	return k
}

// panicFrameFilter diverts the frame lines yaegi writes to its Stderr
// while a panic unwinds ("cell1/_.go:3:5: panic: main.f(...)") to frames,
// as the worker's capture does, and passes everything else to w.
type panicFrameFilter struct{ w, frames io.Writer }

func (f panicFrameFilter) Write(p []byte) (int, error) {
	if cellrt.IsPanicFrame(string(p)) {
		return f.frames.Write(p)
	}
	return f.w.Write(p)
}

// host stands in for the worker's half of the runtime contract: it
// records goroutine panics and top-level defers, and print writes to the
// captured output.
func (k *kernel) host() cellrt.Host {
	return cellrt.Host{
		GoPanic: func(v any, where string) {
			k.mu.Lock()
			defer k.mu.Unlock()
			k.panics = append(k.panics, fmt.Sprintf("%v at %s", v, where))
		},
		Stdin:     strings.NewReader(""),
		DeferFunc: func(f func()) { k.defers = append(k.defers, f) },
		Defer: func(f any, args ...any) {
			in := make([]reflect.Value, len(args))
			for i, a := range args {
				in[i] = reflect.ValueOf(a)
			}
			k.defers = append(k.defers, func() { reflect.ValueOf(f).Call(in) })
		},
		Stderr: k.out,
		Recover: func() any {
			if !k.panicking {
				return nil
			}
			k.panicking = false
			return k.pending
		},
	}
}

// outcome is what running a cell produced.
type outcome struct {
	shown  string // fmt.Sprint of each shown value, joined by " "; "" when none
	out    string // captured output
	frames string // the frame lines yaegi printed while a panic unwound
	err    string // compile or runtime error
	plan   *Plan
}

func (k *kernel) eval(src string) (reflect.Value, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return k.i.EvalWithContext(ctx, src)
}

// run compiles and evaluates one cell like the worker, committing it on
// success.
func (k *kernel) run(src string) outcome {
	k.n++
	p, err := k.s.Compile(fmt.Sprintf("cell%d", k.n), src)
	if err != nil {
		return outcome{err: err.Error()}
	}
	o := outcome{plan: p}
	fail := func(err error) outcome {
		o.err = FixPositions(err.Error())
		o.out = FixPositions(k.out.take())
		o.frames = FixPositions(k.frames.take())
		return o
	}
	for _, im := range p.Imports {
		if _, err := k.eval(im.Source()); err != nil {
			return fail(err)
		}
		k.s.CommitImport(im) // as the worker does
	}
	// Compile everything first, as the worker does: a cell that does not
	// compile runs nothing and is undone.
	decls, prog, err := CompileParts(p, k.compile)
	if err != nil {
		if src := k.s.Fail(p); src != "" {
			if _, rerr := k.eval(src); rerr != nil {
				k.t.Errorf("restoring %q: %v", src, rerr)
			}
		}
		return fail(err)
	}
	if decls != nil {
		if _, err := k.i.Execute(decls); err != nil {
			return fail(err)
		}
	}
	if prog != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		v, err := k.i.ExecuteWithContext(ctx, prog)
		if k.runDefers(err) || endedCell(err) { // as the worker does: recovered, or a top-level return
			k.s.Commit(p)
			o.out, o.frames = k.out.take(), k.frames.take()
			return o
		}
		if err != nil {
			return fail(err)
		}
		if p.Result {
			o.shown = showValues(v)
		}
	}
	k.s.Commit(p)
	o.out = k.out.take()
	o.frames = k.frames.take()
	return o
}

// runDefers runs the calls of the cell's top-level defers, last first, as
// the worker does: with the cell's panic pending (err), which it reports
// whether they recovered.
func (k *kernel) runDefers(err error) (recovered bool) {
	var p interp.Panic
	k.panicking = errors.As(err, &p) && !cellrt.IsEndCell(p.Value)
	if k.panicking {
		k.pending = cellrt.Recovered(p.Value)
	}
	was := k.panicking
	for i := len(k.defers) - 1; i >= 0; i-- {
		k.defers[i]()
	}
	k.defers = nil
	recovered = was && !k.panicking
	k.pending, k.panicking = nil, false
	return recovered
}

// endedCell reports whether a cell's error is the panic of a top-level
// return (gap topreturn).
func endedCell(err error) bool {
	var p interp.Panic
	return errors.As(err, &p) && cellrt.IsEndCell(p.Value)
}

// compile is yaegi's Compile with the host panics it can raise turned
// into errors (Eval recovers them, Compile does not).
func (k *kernel) compile(src string) (prog *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return k.i.Compile(src)
}

func showValues(v reflect.Value) string {
	vals, ok := v.Interface().([]any)
	if !ok {
		return fmt.Sprintf("<not []any: %v>", v)
	}
	parts := make([]string, len(vals))
	for i, x := range vals {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, " ")
}

// step is one cell of a scenario and what it must give. want* fields that
// are empty are not checked, except shown, which must match exactly.
type step struct {
	src     string
	shown   string
	out     string
	errHas  string
	noCheck bool // do not check shown/out
}

func runSteps(t *testing.T, steps []step) *kernel {
	t.Helper()
	k := newKernel(t)
	for i, st := range steps {
		o := k.run(st.src)
		ctx := fmt.Sprintf("cell %d %q", i+1, st.src)
		if o.plan != nil {
			ctx += fmt.Sprintf("\n--- decls:%s\n--- stmts:%s", o.plan.Decls, o.plan.Stmts)
		}
		if st.errHas != "" {
			if !strings.Contains(o.err, st.errHas) {
				t.Errorf("%s:\nerror %q, want it to contain %q", ctx, o.err, st.errHas)
			}
			continue
		}
		if o.err != "" {
			t.Errorf("%s:\nunexpected error: %s\noutput: %s", ctx, o.err, o.out)
			continue
		}
		if st.noCheck {
			continue
		}
		if o.shown != st.shown {
			t.Errorf("%s:\nshown %q, want %q", ctx, o.shown, st.shown)
		}
		if o.out != st.out {
			t.Errorf("%s:\noutput %q, want %q", ctx, o.out, st.out)
		}
	}
	return k
}
