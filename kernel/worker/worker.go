// Package worker is the worker process: it runs Go cells with the yaegi
// interpreter in a process of its own, so that nothing a cell does (a
// panicking goroutine, a fatal runtime error, os.Exit) can take the
// kernel down. This file is the process plumbing: the command loop
// (package workerproto's commands on stdin, events on stdout), capture
// pipes and sync markers, interrupts, limits and input. The runner of one
// cell is runner.go (with results.go and undo.go), every failure becomes
// the user's error in failures.go, the cells' runtime support is
// errors.go, richvalues.go, exit.go and iterpkg.go, and the magics'
// operations live in package ops.
package worker

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/display"
	"github.com/gokernel/gokernel/kernel/worker/cell/cellrt"
	"github.com/gokernel/gokernel/kernel/worker/ops"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// Serve runs the worker until its command stream ends. It takes over the
// process's standard streams: commands arrive on os.Stdin, events leave on
// os.Stdout, and the variables os.Stdin, os.Stdout and os.Stderr are pointed
// at what interpreted code should see (no input, and capture pipes).
func Serve() error {
	catchInterrupts()
	commands, events := os.Stdin, os.Stdout
	logger := log.New(os.Stderr, "gokernel worker: ", 0)
	log.SetOutput(io.Discard) // yaegi logs internal noise ("nil type") through the log package
	if err := applyLimits(); err != nil {
		logger.Printf("resource limits: %v", err)
	}
	w, err := newWorker(events)
	if err != nil {
		return err
	}
	if os.Stdin, err = os.Open(os.DevNull); err != nil {
		return fmt.Errorf("open %s: %w", os.DevNull, err)
	}
	os.Stdout, os.Stderr = w.stdout.w, w.stderr.w
	w.emit(wp.Ready{})
	return w.serve(commands, logger)
}

// worker holds one interpreter and the plumbing around it.
type worker struct {
	events  io.Writer  // to the kernel, see package workerproto
	encMu   sync.Mutex // serializes events
	buf     []byte     // reused to encode events, under encMu
	stdout  *capture
	stderr  *capture
	flush   *syncer
	input   *inputReader
	console ops.Console // the capture pipes, for the magics' operations
	cells   chan wp.Command
	runner  *runner

	deferred deferList // defer statements of the running cell's top level

	mu     sync.Mutex
	cancel context.CancelFunc // interrupts the running cell
}

func newWorker(events io.Writer) (*worker, error) {
	w := &worker{events: events, cells: make(chan wp.Command, 64)}
	var err error
	if w.stdout, err = newCapture("stdout", w.emit); err != nil {
		return nil, err
	}
	if w.stderr, err = newCapture("stderr", w.emit); err != nil {
		return nil, err
	}
	w.stderr.divert = cellrt.IsPanicFrame
	w.flush = &syncer{captures: []*capture{w.stdout, w.stderr}}
	w.input = newInputReader(w)
	w.console = ops.Console{Stdout: w.stdout.w, Stderr: w.stderr.w}
	display.SetPublisher(w.publishDisplay)
	if w.runner, err = newRunner(w); err != nil {
		return nil, err
	}
	return w, nil
}

// emit writes one event; it is safe for concurrent use.
func (w *worker) emit(e wp.Event) {
	w.encMu.Lock()
	defer w.encMu.Unlock()
	b, err := wp.AppendEvent(w.buf[:0], e)
	if err != nil {
		b, _ = wp.AppendEvent(w.buf[:0], wp.Stream{Name: "stderr", Text: "gokernel: cannot send an output: " + err.Error() + "\n"})
	}
	w.buf = b[:0]
	if cap(w.buf) > 1<<20 {
		w.buf = nil // do not keep a big output's buffer
	}
	if _, err := w.events.Write(b); err != nil {
		// The kernel is gone: nothing left to serve.
		os.Exit(2)
	}
}

// serve reads commands; cells run one at a time on their own goroutine so
// that interrupts and input replies are read while a cell runs.
func (w *worker) serve(commands io.Reader, logger *log.Logger) error {
	go w.runCells()
	sc := bufio.NewScanner(commands)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		cmd, err := wp.DecodeCommand(sc.Bytes())
		if err != nil {
			logger.Print(err)
			continue
		}
		switch req := cmd.Request.(type) {
		case wp.Input:
			w.input.answer(req)
		case wp.Interrupt:
			w.interrupt()
		default:
			w.cells <- cmd
		}
	}
	return sc.Err()
}

func (w *worker) runCells() {
	for cmd := range w.cells {
		if req, ok := cmd.Request.(wp.Inspect); ok {
			w.emit(w.runner.inspect(cmd.ID, req.Expr))
			continue
		}
		ctx, cancel := context.WithCancel(context.Background())
		w.mu.Lock()
		w.cancel = cancel
		w.mu.Unlock()
		w.input.allow(allowsStdin(cmd.Request))
		cpu := cpuTime()
		done := w.run(ctx, cmd.Request)
		done.ID, done.CPU = cmd.ID, (cpuTime() - cpu).Seconds()
		w.mu.Lock()
		w.cancel = nil
		w.mu.Unlock()
		if ctx.Err() != nil {
			stopChildren()
		}
		cancel()
		w.emit(done)
	}
}

// run runs a cell or a magic's operation and returns its done event.
func (w *worker) run(ctx context.Context, req wp.Request) wp.Done {
	switch req := req.(type) {
	case wp.Exec:
		return w.runner.run(ctx, req, true)
	case wp.Replay:
		return w.runner.run(ctx, wp.Exec{Cell: req.Cell, Code: req.Code}, false)
	case wp.Native:
		done := wp.Done{Error: w.native(ctx, req)}
		w.flush.sync()
		return done
	}
	return w.runOp(ctx, req)
}

// allowsStdin reports whether the client of a command can answer input.
func allowsStdin(req wp.Request) bool {
	switch req := req.(type) {
	case wp.Exec:
		return req.AllowStdin
	case wp.Native:
		return req.AllowStdin
	}
	return false
}

// runOp carries out one of the magics' operations (package ops), after
// which all it printed has been emitted.
func (w *worker) runOp(ctx context.Context, req wp.Request) wp.Done {
	var done wp.Done
	var err error
	switch req := req.(type) {
	case wp.GoGet:
		err = w.console.GoGet(ctx, req.Args)
	case wp.Shell:
		err = w.console.Shell(ctx, req.Line)
	case wp.Chdir:
		err = w.console.Chdir(req.Dir)
	case wp.Setenv:
		err = ops.Setenv(req.Assignment)
	case wp.Env:
		w.console.PrintEnv(req.Prefix)
	case wp.WriteFile:
		err = w.console.WriteFile(req.Name, req.Body)
	case wp.ReadFile:
		done.Content, err = ops.ReadFile(req.Name)
	default:
		err = fmt.Errorf("unknown operation %q", req.Op())
	}
	w.flush.sync()
	done.Error = magicError(err)
	return done
}

// native builds and runs a %%native cell.
func (w *worker) native(ctx context.Context, req wp.Native) *wp.Error {
	prog, err := w.runner.nativeProgram(req.Cell, req.Code)
	if err != nil {
		return compileError(err, req.Code)
	}
	return nativeError(w.console.Native(ctx, prog, req.Flags))
}

// interrupt cancels the running cell; runCells then stops the processes
// it started.
func (w *worker) interrupt() {
	w.mu.Lock()
	cancel := w.cancel
	w.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	w.input.interrupt()
}

// stopChildren stops the processes an interrupted cell started, once the
// interpreter has stopped the cell: a native call such as cmd.Run that
// returns because its process died must find the cell stopped, not go on
// to the next statement. The pause lets that call return and see it
// before the next cell makes the interpreter run again (yaegi resumes a
// stopped top-level frame when a new cell starts).
func stopChildren() {
	killChildren()
	time.Sleep(childStopPause)
}

// childStopPause is how long an interrupted cell's processes get to die.
const childStopPause = 100 * time.Millisecond

// publishDisplay forwards a display call of interpreted code, after the
// text printed before it.
func (w *worker) publishDisplay(m display.Message) {
	w.flush.sync()
	switch m.Kind {
	case display.Clear:
		w.emit(wp.Clear{Wait: m.Wait})
	default:
		w.emit(wp.Display{Data: m.Data, Metadata: m.Metadata,
			DisplayID: m.DisplayID, Update: m.Kind == display.Update})
	}
}

// reportGoroutinePanic prints a panic recovered in a goroutine a cell
// started (see failures.go), after the output printed before it.
func (w *worker) reportGoroutinePanic(v any, where string) {
	w.flush.sync()
	w.emit(wp.Stream{Name: "stderr", Text: w.runner.goroutinePanic(v, where, w.stderr.takeDiverted())})
}

// The worker is its runner's emitter.

func (w *worker) syncOutput()           { w.flush.sync() }
func (w *worker) panicFrames() []string { return w.stderr.takeDiverted() }
func (w *worker) runDeferred(p cellPanic, report func(v any)) bool {
	return w.deferred.run(p, report)
}
func (w *worker) discardDeferred() { w.deferred.discard() }
