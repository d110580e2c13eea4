package worker

import (
	"fmt"
	"io"
	"log"
	"os"
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// exitCode is what os.Exit and log.Fatal end a cell with (see cellExit):
// the cell stops and reports "exit status n", the worker lives on.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// processSymbols adjusts what yaegi's restricted mode changes in os and
// log. os.Exit and log.Fatal* end the cell through exit instead of
// raising yaegi's anonymous panic; the logger writes to w (the cell's stderr) and all
// its functions are replaced together, so log.SetFlags also applies to
// log.Fatal; log.New and log.Default give loggers whose Fatal methods end
// the cell too (see cellLogger). The environment is the worker process's real one, as in a Go
// program: os.Setenv reaches child processes and %env.
func processSymbols(w io.Writer, exit func(code int)) interp.Exports {
	l := log.New(w, "", log.LstdFlags)
	fatal := func(s string) {
		l.Output(3, s)
		exit(1)
	}
	return interp.Exports{
		"os/os": {
			"Exit":      reflect.ValueOf(exit),
			"Getenv":    reflect.ValueOf(os.Getenv),
			"Setenv":    reflect.ValueOf(os.Setenv),
			"Unsetenv":  reflect.ValueOf(os.Unsetenv),
			"LookupEnv": reflect.ValueOf(os.LookupEnv),
			"Environ":   reflect.ValueOf(os.Environ),
			"ExpandEnv": reflect.ValueOf(os.ExpandEnv),
			"Clearenv":  reflect.ValueOf(os.Clearenv),
		},
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
			"New":       reflect.ValueOf(newCellLogger(exit)),
			"Default":   reflect.ValueOf(func() *cellLogger { return &cellLogger{l, exit} }),
		},
	}
}
