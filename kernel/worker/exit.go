package worker

import (
	"fmt"
	"io"
	"log"
	"reflect"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// exitCode is the panic os.Exit and log.Fatal raise inside the worker: the
// cell stops and reports "exit status n", the worker lives on.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// exitSymbols replaces os.Exit and the package-level logger of log, which
// yaegi's restricted mode turns into anonymous panics, by ones the worker
// recognises. The logger writes to w (the cell's stderr); all its functions
// are replaced together so that log.SetFlags also applies to log.Fatal.
func exitSymbols(w io.Writer) interp.Exports {
	l := log.New(w, "", log.LstdFlags)
	fatal := func(s string) {
		l.Output(3, s)
		panic(exitCode(1))
	}
	return interp.Exports{
		"os/os": {"Exit": reflect.ValueOf(func(code int) { panic(exitCode(code)) })},
		"log/log": {
			"Fatal":     reflect.ValueOf(func(v ...any) { fatal(fmt.Sprint(v...)) }),
			"Fatalf":    reflect.ValueOf(func(f string, v ...any) { fatal(fmt.Sprintf(f, v...)) }),
			"Fatalln":   reflect.ValueOf(func(v ...any) { fatal(fmt.Sprintln(v...)) }),
			"Flags":     reflect.ValueOf(l.Flags),
			"Output":    reflect.ValueOf(l.Output),
			"Panic":     reflect.ValueOf(l.Panic),
			"Panicf":    reflect.ValueOf(l.Panicf),
			"Panicln":   reflect.ValueOf(l.Panicln),
			"Prefix":    reflect.ValueOf(l.Prefix),
			"Print":     reflect.ValueOf(l.Print),
			"Printf":    reflect.ValueOf(l.Printf),
			"Println":   reflect.ValueOf(l.Println),
			"SetFlags":  reflect.ValueOf(l.SetFlags),
			"SetOutput": reflect.ValueOf(l.SetOutput),
			"SetPrefix": reflect.ValueOf(l.SetPrefix),
			"Writer":    reflect.ValueOf(l.Writer),
		},
	}
}

// runtimeMessages maps what yaegi says for Go's runtime errors to what Go
// says.
var runtimeMessages = []struct{ yaegi, goText string }{
	{"reflect: slice index out of range", "runtime error: index out of range"},
	{"reflect: array index out of range", "runtime error: index out of range"},
	{"reflect: string index out of range", "runtime error: index out of range"},
	{"on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: call of reflect.Value.Elem on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
}

// goRuntimeMessage rewrites a yaegi runtime error text as Go's.
func goRuntimeMessage(msg string) string {
	for _, m := range runtimeMessages {
		if strings.Contains(msg, m.yaegi) {
			return m.goText
		}
	}
	return msg
}
