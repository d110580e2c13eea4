// Package engine is gokernel's Go interpreter as the protocol layer sees
// it (kernel.Interpreter): it runs cells in a worker process and starts a
// new one, restoring earlier declarations, when user code kills it; it
// answers completion, inspection and completeness from source, so these
// work while a cell runs.
package engine

import (
	"context"
	"errors"
	"fmt"
	"log"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/assist"
	"github.com/gokernel/gokernel/kernel/worker"
)

// interruptGrace is how long an interrupted cell may take to stop before
// the worker is killed and replaced.
const interruptGrace = 3 * time.Second

// Engine runs Go cells; see the package comment.
type Engine struct {
	exe    string
	assist *assist.Services

	mu      sync.Mutex
	proc    *process
	sink    kernel.Output // receives output that arrives between cells
	running int           // id of the running cell, 0 when idle
	nextID  int
	replay  []string // declarations to restore in a new worker
	done    chan worker.Event
}

// New starts a worker (the binary exe run as `exe worker`) in the
// background and returns the engine.
func New(exe string, services *assist.Services) *Engine {
	e := &Engine{exe: exe, assist: services, done: make(chan worker.Event, 1)}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, err := e.startLocked(); err != nil {
		log.Printf("engine: %v (will retry at the first cell)", err)
	}
	return e
}

// startLocked launches a worker and restores earlier declarations.
func (e *Engine) startLocked() (*process, error) {
	p, err := startProcess(e.exe)
	if err != nil {
		return nil, err
	}
	e.proc = p
	go e.pump(p)
	go e.watch(p)
	for i, src := range e.replay {
		if err := p.send(worker.Command{Op: "replay", ID: -1 - i, Cell: fmt.Sprintf("restored%d", i+1), Code: src}); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// pump routes a worker's events: cell ends to the waiting Execute, output
// to the current sink, input requests to the user.
func (e *Engine) pump(p *process) {
	for ev := range p.events {
		switch ev.Ev {
		case "done":
			if ev.ID > 0 {
				e.done <- ev
			} else if ev.Error != nil {
				e.toSink(func(o kernel.Output) {
					o.Stream("stderr", "could not restore a declaration: "+ev.Error.Value+"\n")
				})
			}
		case "input":
			go e.answerInput(p, ev)
		case "ready":
		default:
			e.toSink(func(o kernel.Output) { deliver(o, ev) })
		}
	}
}

func (e *Engine) toSink(f func(kernel.Output)) {
	e.mu.Lock()
	sink := e.sink
	e.mu.Unlock()
	if sink != nil {
		f(sink)
	}
}

// deliver hands an output event to o.
func deliver(o kernel.Output, ev worker.Event) {
	switch ev.Ev {
	case "stream":
		o.Stream(ev.Name, ev.Text)
	case "display":
		o.Display(kernel.DisplayData{Data: ev.Data, Metadata: ev.Metadata, DisplayID: ev.DisplayID, Update: ev.Update})
	case "clear":
		o.Clear(ev.Wait)
	}
}

func (e *Engine) answerInput(p *process, ev worker.Event) {
	e.mu.Lock()
	sink := e.sink
	e.mu.Unlock()
	cmd := worker.Command{Op: "input"}
	if sink == nil {
		cmd.Err = "no cell is running"
	} else if v, err := sink.Input(ev.Prompt, ev.Password); errors.Is(err, kernel.ErrEOF) {
		cmd.Err = "EOF"
	} else if err != nil {
		cmd.Err = err.Error()
	} else {
		cmd.Value = v
	}
	p.send(cmd)
}

// watch reports a worker that dies between cells and forgets it; a dying
// worker during a cell is reported by Execute.
func (e *Engine) watch(p *process) {
	<-p.exited
	e.mu.Lock()
	if e.proc != p {
		e.mu.Unlock()
		return
	}
	e.proc = nil
	idle := e.running == 0
	e.mu.Unlock()
	if idle {
		summary, details := p.exitReport()
		e.toSink(func(o kernel.Output) {
			o.Stream("stderr", fmt.Sprintf("\nThe Go worker died after the cell finished: %s\n%s\n%s\n",
				summary, strings.Join(details, "\n"), restartNotice))
		})
	}
}

const restartNotice = "gokernel started a new worker: imports, types and functions of earlier cells are restored; variable values are lost."

// Execute runs one cell in the worker.
func (e *Engine) Execute(ctx context.Context, req kernel.ExecuteRequest, out kernel.Output) kernel.ExecuteResult {
	if name, ok := pagerRequest(req.Code); ok {
		return e.page(name, out)
	}
	e.mu.Lock()
	p := e.proc
	var err error
	if p == nil {
		p, err = e.startLocked()
	}
	e.nextID++
	id := e.nextID
	e.sink, e.running = out, id
	e.mu.Unlock()
	defer e.setIdle()
	if err == nil {
		err = p.send(worker.Command{Op: "exec", ID: id, Cell: fmt.Sprintf("cell%d", req.ExecutionCount),
			Code: req.Code, AllowStdin: req.AllowStdin, UserExpressions: req.UserExpressions})
	}
	if err != nil {
		return errorResult("WorkerError", "cannot run the cell: "+err.Error())
	}
	return e.await(p, id, req.Code)
}

func (e *Engine) setIdle() {
	e.mu.Lock()
	e.running = 0
	e.mu.Unlock()
}

// await waits for the cell's end or the worker's death.
func (e *Engine) await(p *process, id int, code string) kernel.ExecuteResult {
	for {
		select {
		case ev := <-e.done:
			if ev.ID != id {
				continue // the end of a cell abandoned when its worker died
			}
			return e.finish(ev, code)
		case <-p.exited:
			summary, details := p.exitReport()
			tb := append([]string{"\x1b[0;31mWorkerDied\x1b[0m: " + summary}, trimCrashLog(details)...)
			tb = append(tb, "", restartNotice)
			return kernel.ExecuteResult{Error: &kernel.ErrorInfo{Name: "WorkerDied", Value: summary, Traceback: tb}}
		}
	}
}

func (e *Engine) finish(ev worker.Event, code string) kernel.ExecuteResult {
	if ev.Error != nil {
		return kernel.ExecuteResult{Error: &kernel.ErrorInfo{Name: ev.Error.Name, Value: ev.Error.Value, Traceback: ev.Error.Traceback}}
	}
	e.mu.Lock()
	if ev.Replay != "" {
		e.replay = append(e.replay, ev.Replay)
	}
	e.mu.Unlock()
	e.assist.Learn(code)
	return kernel.ExecuteResult{Data: ev.Data, UserExpressions: ev.UserExpressions}
}

// trimCrashLog keeps the head of the runtime's report: the error and the
// first goroutine, not every goroutine of the interpreter.
func trimCrashLog(lines []string) []string {
	const keep = 30
	if len(lines) > keep {
		return append(lines[:keep:keep], fmt.Sprintf("... (%d more lines)", len(lines)-keep))
	}
	return lines
}

func errorResult(name, value string) kernel.ExecuteResult {
	return kernel.ExecuteResult{Error: &kernel.ErrorInfo{Name: name, Value: value,
		Traceback: []string{"\x1b[0;31m" + name + "\x1b[0m: " + value}}}
}

// Interrupt asks the worker to stop the running cell, and replaces the
// worker if the cell has not stopped within interruptGrace.
func (e *Engine) Interrupt() {
	e.mu.Lock()
	p, id := e.proc, e.running
	e.mu.Unlock()
	if p == nil || id == 0 {
		return
	}
	p.send(worker.Command{Op: "interrupt"})
	time.AfterFunc(interruptGrace, func() {
		e.mu.Lock()
		stuck := e.running == id && e.proc == p
		e.mu.Unlock()
		if stuck {
			p.kill()
		}
	})
}

// Close stops the worker.
func (e *Engine) Close() error {
	e.mu.Lock()
	p := e.proc
	e.proc = nil
	e.mu.Unlock()
	if p != nil {
		p.kill()
	}
	return nil
}

// Complete proposes completions from source.
func (e *Engine) Complete(code string, cursor int) kernel.Completion {
	c := e.assist.Complete(code, cursor)
	out := kernel.Completion{Start: c.Start, End: c.End}
	for _, m := range c.Matches {
		out.Matches = append(out.Matches, m.Text)
		out.Types = append(out.Types, kernel.CompletionType{Text: m.Text, Type: m.Type,
			Signature: m.Signature, Start: c.Start, End: c.End})
	}
	return out
}

// Inspect documents the identifier at cursor.
func (e *Engine) Inspect(code string, cursor, detail int) (string, bool) {
	return e.assist.Inspect(code, cursor)
}

// IsComplete classifies code for console continuation prompts.
func (e *Engine) IsComplete(code string) (string, string) {
	return e.assist.IsComplete(code)
}

// pagerRE matches IPython's help syntax: `name?`, `name??` or `?name`.
var pagerRE = regexp.MustCompile(`^\s*(?:\?{1,2}\s*([A-Za-z_][\w.]*)|([A-Za-z_][\w.]*)\s*\?{1,2})\s*$`)

func pagerRequest(code string) (string, bool) {
	m := pagerRE.FindStringSubmatch(code)
	if m == nil {
		return "", false
	}
	return m[1] + m[2], true
}

// page shows documentation in the pager, as IPython does for `name?`.
func (e *Engine) page(name string, out kernel.Output) kernel.ExecuteResult {
	text, found := e.assist.Doc(name)
	if !found {
		out.Stream("stdout", fmt.Sprintf("no documentation found for %s\n", name))
		return kernel.ExecuteResult{}
	}
	return kernel.ExecuteResult{Payload: []map[string]any{{
		"source": "page", "data": map[string]any{"text/plain": text}, "start": 0,
	}}}
}
