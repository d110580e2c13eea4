package engine

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/gokernel/gokernel/kernel/engine/magic"
	"github.com/gokernel/gokernel/kernel/jupyter"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// lineMagic runs one line magic; cellMagic one cell magic with its body.
type (
	lineMagic func(e *Engine, req jupyter.ExecuteRequest, args string, out jupyter.Output) jupyter.ExecuteResult
	cellMagic func(e *Engine, req jupyter.ExecuteRequest, args, body string, out jupyter.Output) jupyter.ExecuteResult
)

// magicHelp is %help's text, one line per magic.
var magicHelp = []struct{ usage, text string }{
	{"%help", "list the magics"},
	{"%who, %vars", "the variables of earlier cells, with type and value"},
	{"%reset", "start from an empty interpreter (forgets every declaration and variable)"},
	{"%time STATEMENT", "run Go code and print the wall and CPU time it took"},
	{"%%time", "time the whole cell"},
	{"%env [PREFIX]", "show the environment (the variables starting with PREFIX)"},
	{"%env NAME=VALUE", "set an environment variable for later cells and the programs they start"},
	{"%cd [DIR]", "change the working directory (home without DIR)"},
	{"%load FILE", "replace the cell with the content of FILE"},
	{"%%writefile FILE", "write the rest of the cell to FILE"},
	{"%%native [FLAGS] [-- ARGS]", "build the cell with the Go toolchain and run it at native speed (e.g. %%native -race)"},
	{"!COMMAND", "run a shell command, its output streamed; Interrupt stops it"},
	{"%go get MODULE[@VERSION]", "fetch a module (and its dependencies) through the Go module proxy; later cells import its packages"},
	{"NAME?", "documentation of NAME in the pager (e.g. strings.ToUpper?)"},
}

var lineMagics map[string]lineMagic
var cellMagics map[string]cellMagic

func init() {
	lineMagics = map[string]lineMagic{
		"help": (*Engine).magicHelp, "who": (*Engine).magicWho, "vars": (*Engine).magicWho,
		"reset": (*Engine).magicReset, "time": (*Engine).magicTime, "env": (*Engine).magicEnv,
		"cd": (*Engine).magicCd, "load": (*Engine).magicLoad, "go": (*Engine).magicGo,
	}
	cellMagics = map[string]cellMagic{
		"time": (*Engine).cellTime, "writefile": (*Engine).cellWriteFile, "native": (*Engine).cellNative,
	}
}

// runMagics runs a cell's magics in order, then its Go code; the first
// error stops the cell.
func (e *Engine) runMagics(req jupyter.ExecuteRequest, cell magic.Cell, out jupyter.Output) jupyter.ExecuteResult {
	if m := cell.CellMagic; m != nil {
		run, ok := cellMagics[m.Name]
		if !ok {
			return jupyter.ExecuteResult{Error: errorInfo("UnknownMagic", magic.UnknownError("%%", m.Name, names(cellMagics)).Error())}
		}
		body := cell.Body
		if m.Name != "writefile" {
			body = cell.BodyCode() // code: keep the cell's line numbers
		}
		return run(e, req, m.Args, body, out)
	}
	var res jupyter.ExecuteResult
	for _, l := range cell.Lines {
		if res = e.runLine(req, l, out); res.Error != nil || res.Payload != nil {
			return res
		}
	}
	if strings.TrimSpace(cell.Code) == "" {
		return res
	}
	req.Code = cell.Code
	return e.execute(req, out)
}

func (e *Engine) runLine(req jupyter.ExecuteRequest, l magic.Line, out jupyter.Output) jupyter.ExecuteResult {
	if l.Shell {
		return e.op(wp.Shell{Line: l.Args}, out)
	}
	run, ok := lineMagics[l.Name]
	if !ok {
		return jupyter.ExecuteResult{Error: errorInfo("UnknownMagic", magic.UnknownError("%", l.Name, names(lineMagics)).Error())}
	}
	return run(e, req, l.Args, out)
}

func names[M ~map[string]V, V any](m M) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// op runs a worker operation and turns its end into a result.
func (e *Engine) op(req wp.Request, out jupyter.Output) jupyter.ExecuteResult {
	done, crash := e.call(req, out)
	if crash != nil {
		return jupyter.ExecuteResult{Error: crash}
	}
	return jupyter.ExecuteResult{Error: jupyterError(done.Error)}
}

func (e *Engine) magicHelp(_ jupyter.ExecuteRequest, _ string, out jupyter.Output) jupyter.ExecuteResult {
	var b strings.Builder
	for _, h := range magicHelp {
		fmt.Fprintf(&b, "%-20s %s\n", h.usage, h.text)
	}
	out.Stream("stdout", b.String())
	return jupyter.ExecuteResult{}
}

// magicWho lists the variables of earlier cells with their type and value.
func (e *Engine) magicWho(_ jupyter.ExecuteRequest, _ string, out jupyter.Output) jupyter.ExecuteResult {
	vars := e.decls.variables()
	if len(vars) == 0 {
		out.Stream("stdout", "no variables yet\n")
		return jupyter.ExecuteResult{}
	}
	sort.Strings(vars)
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %-20s %s\n", "Variable", "Type", "Value")
	for _, v := range vars {
		typ, value := "?", "(unavailable)"
		if text, ok := e.variableValue(v); ok {
			typ, value = splitTypeValue(text)
		}
		fmt.Fprintf(&b, "%-16s %-20s %s\n", v, typ, shorten(value, 60))
	}
	out.Stream("stdout", b.String())
	return jupyter.ExecuteResult{}
}

// splitTypeValue splits the worker's "type:  T\nvalue: V" answer.
func splitTypeValue(text string) (typ, value string) {
	t, v, _ := strings.Cut(text, "\n")
	return strings.TrimSpace(strings.TrimPrefix(t, "type:")), strings.TrimSpace(strings.TrimPrefix(v, "value:"))
}

func shorten(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// magicReset replaces the worker by a fresh one with nothing restored.
func (e *Engine) magicReset(_ jupyter.ExecuteRequest, _ string, out jupyter.Output) jupyter.ExecuteResult {
	decls, vars := e.decls.reset()
	e.mu.Lock()
	p := e.proc
	e.proc = nil
	e.mu.Unlock()
	if p != nil {
		p.kill()
	}
	msg := fmt.Sprintf("Reset: a new interpreter; %d cell(s) of declarations forgotten", decls)
	if len(vars) > 0 {
		msg += "; variables cleared: " + strings.Join(vars, ", ")
	}
	out.Stream("stdout", msg+"\n")
	return jupyter.ExecuteResult{}
}

// magicTime runs Go code and reports its wall and CPU time.
func (e *Engine) magicTime(req jupyter.ExecuteRequest, code string, out jupyter.Output) jupyter.ExecuteResult {
	return e.cellTime(req, "", code, out)
}

func (e *Engine) cellTime(req jupyter.ExecuteRequest, _, body string, out jupyter.Output) jupyter.ExecuteResult {
	start := time.Now()
	done, crash := e.call(wp.Exec{Cell: fmt.Sprintf("cell%d", req.ExecutionCount),
		Code: body, AllowStdin: req.AllowStdin}, out)
	wall := time.Since(start)
	if crash != nil {
		return jupyter.ExecuteResult{Error: crash}
	}
	res := e.finish(done, body)
	out.Stream("stdout", fmt.Sprintf("CPU time: %v, wall time: %v\n",
		roundDuration(time.Duration(done.CPU*float64(time.Second))), roundDuration(wall)))
	return res
}

func roundDuration(d time.Duration) time.Duration {
	switch {
	case d > time.Second:
		return d.Round(time.Millisecond)
	case d > time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

// magicEnv shows the environment, or sets a variable with NAME=VALUE.
func (e *Engine) magicEnv(_ jupyter.ExecuteRequest, args string, out jupyter.Output) jupyter.ExecuteResult {
	if strings.Contains(args, "=") {
		return e.op(wp.Setenv{Assignment: args}, out)
	}
	return e.op(wp.Env{Prefix: args}, out)
}

// magicGo runs `%go get`, the one go subcommand cells need.
func (e *Engine) magicGo(_ jupyter.ExecuteRequest, args string, out jupyter.Output) jupyter.ExecuteResult {
	if sub, _, _ := strings.Cut(args, " "); sub != "get" {
		return jupyter.ExecuteResult{Error: errorInfo("MagicError", fmt.Sprintf("%%go %s: only %%go get is supported", sub))}
	}
	return e.op(wp.GoGet{Args: args}, out)
}

func (e *Engine) magicCd(_ jupyter.ExecuteRequest, dir string, out jupyter.Output) jupyter.ExecuteResult {
	return e.op(wp.Chdir{Dir: dir}, out)
}

// magicLoad puts a file's content into the cell, as IPython's %load does:
// the client replaces the cell's text, and the user runs it.
func (e *Engine) magicLoad(_ jupyter.ExecuteRequest, file string, out jupyter.Output) jupyter.ExecuteResult {
	if file == "" {
		return jupyter.ExecuteResult{Error: errorInfo("MagicError", "%load needs a file name")}
	}
	done, crash := e.call(wp.ReadFile{Name: file}, out)
	switch {
	case crash != nil:
		return jupyter.ExecuteResult{Error: crash}
	case done.Error != nil:
		return jupyter.ExecuteResult{Error: jupyterError(done.Error)}
	}
	return jupyter.ExecuteResult{Payload: []map[string]any{{
		"source": "set_next_input", "text": "// %load " + file + "\n" + done.Content, "replace": true,
	}}}
}

// cellNative builds and runs the cell as a standalone Go program.
func (e *Engine) cellNative(req jupyter.ExecuteRequest, flags, body string, out jupyter.Output) jupyter.ExecuteResult {
	return e.op(wp.Native{Cell: fmt.Sprintf("cell%d", req.ExecutionCount),
		Flags: flags, Code: body, AllowStdin: req.AllowStdin}, out)
}

func (e *Engine) cellWriteFile(_ jupyter.ExecuteRequest, file, body string, out jupyter.Output) jupyter.ExecuteResult {
	return e.op(wp.WriteFile{Name: file, Body: body}, out)
}
