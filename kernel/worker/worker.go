package worker

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel/display"
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
	w.emit(Event{Ev: "ready"})
	return w.serve(commands, logger)
}

// worker holds one interpreter and the plumbing around it.
type worker struct {
	events io.Writer  // to the kernel, see framing.go
	encMu  sync.Mutex // serializes events
	buf    []byte     // reused to encode events, under encMu
	stdout *capture
	stderr *capture
	flush  *syncer
	input  *inputReader
	cells  chan Command
	runner *runner

	deferred deferList // defer statements of the running cell's top level

	mu     sync.Mutex
	cancel context.CancelFunc // interrupts the running cell
}

func newWorker(events io.Writer) (*worker, error) {
	w := &worker{events: events, cells: make(chan Command, 64)}
	var err error
	if w.stdout, err = newCapture("stdout", w.emit); err != nil {
		return nil, err
	}
	if w.stderr, err = newCapture("stderr", w.emit); err != nil {
		return nil, err
	}
	w.stderr.divert = panicFrameLine
	w.flush = &syncer{captures: []*capture{w.stdout, w.stderr}}
	w.input = newInputReader(w)
	display.SetPublisher(w.publishDisplay)
	if w.runner, err = newRunner(w); err != nil {
		return nil, err
	}
	return w, nil
}

// emit writes one event; it is safe for concurrent use.
func (w *worker) emit(e Event) {
	w.encMu.Lock()
	defer w.encMu.Unlock()
	b, err := appendEvent(w.buf[:0], e)
	if err != nil {
		b, _ = appendEvent(w.buf[:0], Event{Ev: "stream", Name: "stderr", Text: "gokernel: cannot send an output: " + err.Error() + "\n"})
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
		var cmd Command
		if err := json.Unmarshal(sc.Bytes(), &cmd); err != nil {
			logger.Printf("bad command: %v", err)
			continue
		}
		switch cmd.Op {
		case "exec", "replay", "inspect", "shell", "chdir", "setenv", "env", "writefile", "readfile", "native", "goget":
			w.cells <- cmd
		case "input":
			w.input.answer(cmd)
		case "interrupt":
			w.interrupt()
		default:
			logger.Printf("unknown command %q", cmd.Op)
		}
	}
	return sc.Err()
}

func (w *worker) runCells() {
	for cmd := range w.cells {
		if cmd.Op == "inspect" {
			w.emit(w.runner.inspect(cmd))
			continue
		}
		ctx, cancel := context.WithCancel(context.Background())
		w.mu.Lock()
		w.cancel = cancel
		w.mu.Unlock()
		w.input.allow(cmd.AllowStdin)
		var done Event
		cpu := cpuTime()
		if cmd.Op == "exec" || cmd.Op == "replay" {
			done = w.runner.run(ctx, cmd)
		} else {
			done = w.runOp(ctx, cmd)
		}
		done.CPU = (cpuTime() - cpu).Seconds()
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
		w.emit(Event{Ev: "clear", Wait: m.Wait})
	default:
		w.emit(Event{Ev: "display", Data: m.Data, Metadata: m.Metadata,
			DisplayID: m.DisplayID, Update: m.Kind == display.Update})
	}
}
