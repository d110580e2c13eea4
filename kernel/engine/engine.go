// Package engine is gokernel's Go interpreter as the protocol layer sees
// it (jupyter.Interpreter), in the kernel process: it runs cells and
// magics in a worker process, speaking package workerproto, and starts a
// new worker, restoring earlier declarations, when user code kills it; it
// answers completion, inspection and completeness from source, so these
// work while a cell runs. It never imports the worker side or yaegi.
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

	"github.com/gokernel/gokernel/kernel/engine/assist"
	"github.com/gokernel/gokernel/kernel/engine/magic"
	"github.com/gokernel/gokernel/kernel/engine/scratch"
	"github.com/gokernel/gokernel/kernel/jupyter"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// modulesPrefix names the module areas in os.TempDir(). Creating one
// removes those whose kernel was killed before it could remove its own.
const modulesPrefix = "gokernel-modules-"

// interruptGrace is how long an interrupted cell may take to stop before
// the worker is killed and replaced.
const interruptGrace = 3 * time.Second

// Engine runs Go cells; see the package comment.
type Engine struct {
	exe      string
	services func() *assist.Services // built once, in the background
	decls    declarations            // what earlier cells declared; has its own lock

	mu            sync.Mutex
	proc          *process
	modules       *scratch.Dir   // the module area of %go get (see workerproto.ModulesEnv), made with the first worker
	modulesFailed bool           // the module area could not be made
	sink          jupyter.Output // receives output that arrives between cells
	running       int            // id of the running cell, 0 when idle
	nextID        int
	done          chan wp.Done
	values        chan wp.Value // answers to inspect commands
}

// New returns an engine that runs cells in workers (the binary exe run as
// `exe worker`) and answers editor questions with services, built on first
// use. Start prepares both in the background.
func New(exe string, services func() *assist.Services) *Engine {
	e := &Engine{exe: exe, services: sync.OnceValue(services),
		done: make(chan wp.Done, 1), values: make(chan wp.Value, 1)}
	e.decls.services = e.services
	return e
}

// Start builds the editor services and starts a worker in the background,
// so the kernel answers kernel_info before either is ready. The kernel
// calls it once its sockets are bound: forking the worker would otherwise
// delay the binding, and the client's first connection with it.
func (e *Engine) Start() {
	go e.services()
	go func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		if e.proc != nil {
			return
		}
		if _, err := e.startLocked(); err != nil {
			log.Printf("engine: %v (will retry at the first cell)", err)
		}
	}()
}

// moduleAreaLocked returns the module area of %go get, made with the
// first worker: making it sweeps the areas of killed kernels, which must
// not delay the binding of the sockets. "" when it cannot be made.
func (e *Engine) moduleAreaLocked() string {
	if e.modules == nil && !e.modulesFailed {
		dir, err := scratch.Create(modulesPrefix)
		if err != nil {
			log.Printf("engine: no module area for %%go get: %v", err)
			e.modulesFailed = true
			return ""
		}
		e.modules = dir
	}
	if e.modules == nil {
		return ""
	}
	return e.modules.Path
}

// startLocked launches a worker and restores earlier declarations.
func (e *Engine) startLocked() (*process, error) {
	p, err := startProcess(e.exe, wp.ModulesEnv+"="+e.moduleAreaLocked())
	if err != nil {
		return nil, err
	}
	e.proc = p
	go e.pump(p)
	go e.watch(p)
	for i, src := range e.decls.replays() {
		if err := p.send(wp.Command{ID: -1 - i, Request: wp.Replay{Cell: fmt.Sprintf("restored%d", i+1), Code: src}}); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// pump routes a worker's events: cell ends to the waiting Execute, output
// to the current sink, input requests to the user.
func (e *Engine) pump(p *process) {
	for ev := range p.events {
		switch ev := ev.(type) {
		case wp.Done:
			if ev.ID > 0 {
				e.done <- ev
			} else if ev.Error != nil {
				e.toSink(func(o jupyter.Output) {
					o.Stream("stderr", "could not restore a declaration: "+ev.Error.Value+"\n")
				})
			}
		case wp.InputRequest:
			go e.answerInput(p, ev)
		case wp.Value:
			select {
			case e.values <- ev:
			default: // nobody waits any more
			}
		case wp.Ready:
		default:
			e.toSink(func(o jupyter.Output) { deliver(o, ev) })
		}
	}
}

func (e *Engine) toSink(f func(jupyter.Output)) {
	e.mu.Lock()
	sink := e.sink
	e.mu.Unlock()
	if sink != nil {
		f(sink)
	}
}

// deliver hands an output event to o.
func deliver(o jupyter.Output, ev wp.Event) {
	switch ev := ev.(type) {
	case wp.Stream:
		o.Stream(ev.Name, ev.Text)
	case wp.Display:
		o.Display(jupyter.DisplayData{Data: ev.Data, Metadata: ev.Metadata, DisplayID: ev.DisplayID, Update: ev.Update})
	case wp.Clear:
		o.Clear(ev.Wait)
	}
}

func (e *Engine) answerInput(p *process, ev wp.InputRequest) {
	e.mu.Lock()
	sink := e.sink
	e.mu.Unlock()
	var answer wp.Input
	if sink == nil {
		answer.Err = "no cell is running"
	} else if v, err := sink.Input(ev.Prompt, ev.Password); errors.Is(err, jupyter.ErrEOF) {
		answer.Err = wp.InputEOF
	} else if err != nil {
		answer.Err = err.Error()
	} else {
		answer.Value = v
	}
	p.send(wp.Command{Request: answer})
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
		summary, report := e.crashReport(p)
		e.toSink(func(o jupyter.Output) {
			o.Stream("stderr", fmt.Sprintf("\nThe Go worker died after the cell finished: %s\n%s\n",
				summary, strings.Join(report, "\n")))
		})
	}
}

// crashReport explains a dead worker: what the Go runtime said, a hint,
// and what the next worker restores and loses.
func (e *Engine) crashReport(p *process) (summary string, lines []string) {
	summary, header := p.exitReport()
	lines = append(lines, header...)
	if hint := crashHint(summary); hint != "" {
		lines = append(lines, "", hint)
	}
	lines = append(lines, "", "gokernel starts a new worker: imports, types and functions of earlier cells are restored.")
	if lost := e.decls.loseValues(); len(lost) > 0 {
		lines = append(lines, "Lost: the values of "+strings.Join(lost, ", ")+" (run their cells again).")
	}
	return summary, lines
}

// crashHints explains the fatal errors students meet most.
var crashHints = []struct{ text, hint string }{
	{"stack overflow", "A function probably calls itself without end (infinite recursion)."},
	{"out of memory", "The cell used more memory than the worker may (set GOKERNEL_MEMORY_LIMIT to change the limit)."},
	{"concurrent map", "Goroutines wrote to one map at the same time: guard it with a sync.Mutex or use sync.Map."},
}

func crashHint(summary string) string {
	for _, h := range crashHints {
		if strings.Contains(summary, h.text) {
			return h.hint
		}
	}
	return ""
}

// Execute runs one cell: help requests, magics, then Go in the worker.
func (e *Engine) Execute(ctx context.Context, req jupyter.ExecuteRequest, out jupyter.Output) jupyter.ExecuteResult {
	if name, ok := pagerRequest(req.Code); ok {
		return e.page(name, out)
	}
	if cell := magic.Parse(req.Code); cell.IsMagic() {
		return e.runMagics(req, cell, out)
	}
	return e.execute(req, out)
}

// execute runs Go code in the worker.
func (e *Engine) execute(req jupyter.ExecuteRequest, out jupyter.Output) jupyter.ExecuteResult {
	done, crash := e.call(wp.Exec{Cell: fmt.Sprintf("cell%d", req.ExecutionCount),
		Code: req.Code, AllowStdin: req.AllowStdin, UserExpressions: req.UserExpressions}, out)
	if crash != nil {
		return jupyter.ExecuteResult{Error: crash}
	}
	return e.finish(done, req.Code)
}

// call sends one request to the worker (starting one if needed) with out
// receiving its output, and waits for its done event or the worker's death.
func (e *Engine) call(req wp.Request, out jupyter.Output) (wp.Done, *jupyter.ErrorInfo) {
	e.mu.Lock()
	p := e.proc
	var err error
	if p == nil || p.hasExited() {
		// A worker that just died may not be forgotten by watch yet.
		p, err = e.startLocked()
	}
	e.nextID++
	cmd := wp.Command{ID: e.nextID, Request: req}
	e.sink, e.running = out, cmd.ID
	e.mu.Unlock()
	defer e.setIdle()
	if err == nil {
		err = p.send(cmd)
	}
	if err != nil {
		return wp.Done{}, errorInfo("WorkerError", "cannot run the cell: "+err.Error())
	}
	return e.await(p, cmd.ID)
}

func (e *Engine) setIdle() {
	e.mu.Lock()
	e.running = 0
	e.mu.Unlock()
}

// await waits for the command's done event or the worker's death.
func (e *Engine) await(p *process, id int) (wp.Done, *jupyter.ErrorInfo) {
	for {
		select {
		case ev := <-e.done:
			if ev.ID != id {
				continue // the end of a cell abandoned when its worker died
			}
			return ev, nil
		case <-p.exited:
			summary, report := e.crashReport(p)
			died := wp.NewError("WorkerDied", summary)
			died.Traceback = append(died.Traceback, report...)
			return wp.Done{}, jupyterError(died)
		}
	}
}

func (e *Engine) finish(ev wp.Done, code string) jupyter.ExecuteResult {
	if ev.Error != nil {
		return jupyter.ExecuteResult{Error: jupyterError(ev.Error)}
	}
	e.decls.commit(code, ev)
	return jupyter.ExecuteResult{Data: ev.Data, UserExpressions: ev.UserExpressions}
}

// errorInfo is an error of the kernel process, with its header line.
func errorInfo(name, value string) *jupyter.ErrorInfo {
	return jupyterError(wp.NewError(name, value))
}

// jupyterError converts the error that crossed the process boundary into
// the protocol's own; nil stays nil.
func jupyterError(we *wp.Error) *jupyter.ErrorInfo {
	if we == nil {
		return nil
	}
	return &jupyter.ErrorInfo{Name: we.Name, Value: we.Value, Traceback: we.Traceback}
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
	p.send(wp.Command{Request: wp.Interrupt{}})
	time.AfterFunc(interruptGrace, func() {
		e.mu.Lock()
		stuck := e.running == id && e.proc == p
		e.mu.Unlock()
		if stuck {
			p.stuck.Store(true)
			p.kill()
		}
	})
}

// Close stops the worker.
func (e *Engine) Close() error {
	e.mu.Lock()
	p, modules := e.proc, e.modules
	e.proc, e.modules = nil, nil
	e.mu.Unlock()
	if p != nil {
		p.kill()
	}
	if modules != nil {
		modules.Remove() // links only: the module cache keeps the sources
	}
	return nil
}

// Complete proposes completions from source.
func (e *Engine) Complete(code string, cursor int) jupyter.Completion {
	c := e.services().Complete(code, cursor)
	out := jupyter.Completion{Start: c.Start, End: c.End}
	for _, m := range c.Matches {
		out.Matches = append(out.Matches, m.Text)
		out.Types = append(out.Types, jupyter.CompletionType{Text: m.Text, Type: m.Kind(),
			Signature: m.Signature, Start: c.Start, End: c.End})
	}
	return out
}

// Inspect documents the identifier at cursor; for a variable of an earlier
// cell it adds its type and current value when the worker is idle.
func (e *Engine) Inspect(code string, cursor, detail int) (string, bool) {
	text, found := e.services().Inspect(code, cursor)
	value, ok := e.variableValue(identifierAt(code, cursor))
	switch {
	case ok && found:
		return value + "\n\n" + text, true
	case ok:
		return value, true
	}
	return text, found
}

// valueWait bounds how long inspection waits for the worker.
const valueWait = 300 * time.Millisecond

// variableValue asks an idle worker for the type and value of a variable
// an earlier cell created.
func (e *Engine) variableValue(name string) (string, bool) {
	e.mu.Lock()
	p, idle, known := e.proc, e.running == 0, e.decls.isVariable(name)
	e.nextID++
	id := e.nextID
	e.mu.Unlock()
	if p == nil || !idle || !known || p.send(wp.Command{ID: id, Request: wp.Inspect{Expr: name}}) != nil {
		return "", false
	}
	timeout := time.After(valueWait)
	for {
		select {
		case ev := <-e.values:
			if ev.ID == id {
				return ev.Text, ev.Text != ""
			}
		case <-timeout:
			return "", false
		}
	}
}

// identifierAt returns the identifier around byte offset cursor, or "" if
// it is a selector's field (x.name) or there is none.
func identifierAt(code string, cursor int) string {
	cursor = min(max(cursor, 0), len(code))
	isIdent := func(b byte) bool {
		return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	}
	start, end := cursor, cursor
	for start > 0 && isIdent(code[start-1]) {
		start--
	}
	for end < len(code) && isIdent(code[end]) {
		end++
	}
	if start == end || start > 0 && code[start-1] == '.' {
		return ""
	}
	return code[start:end]
}

// IsComplete classifies code for console continuation prompts. A pager
// request (name?) is complete; so are magic and shell lines, each one
// line, and the Go code after them is judged as Go (see assist). A cell
// magic (%%name) takes lines until an empty one, as in IPython.
func (e *Engine) IsComplete(code string) (string, string) {
	if _, ok := pagerRequest(code); ok {
		return assist.StatusComplete, ""
	}
	c := magic.Parse(code)
	if c.CellMagic != nil {
		return cellMagicStatus(code)
	}
	return e.services().IsComplete(c.Code)
}

// cellMagicStatus reports a cell magic complete once its last line is
// empty: its body, Go or not, may span any number of lines.
func cellMagicStatus(code string) (string, string) {
	if i := strings.LastIndexByte(code, '\n'); i >= 0 && strings.TrimSpace(code[i:]) == "" {
		return assist.StatusComplete, ""
	}
	return assist.StatusIncomplete, ""
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
func (e *Engine) page(name string, out jupyter.Output) jupyter.ExecuteResult {
	text, found := e.services().Doc(name)
	if !found {
		out.Stream("stdout", fmt.Sprintf("no documentation found for %s\n", name))
		return jupyter.ExecuteResult{}
	}
	return jupyter.ExecuteResult{Payload: []map[string]any{{
		"source": "page", "data": map[string]any{"text/plain": text}, "start": 0,
	}}}
}
