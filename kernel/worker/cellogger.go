package worker

import (
	"fmt"
	"io"
	"log"
)

// cellLogger is what log.New and log.Default give a cell: a *log.Logger
// whose Fatal methods end the cell through exit, as os.Exit does, where
// the real ones would end the worker. Like yaegi's restricted logger, it
// is not itself a *log.Logger; unlike it, it has all of its methods.
type cellLogger struct {
	*log.Logger
	exit func(code int)
}

// newCellLogger is log.New for cells.
func newCellLogger(exit func(code int)) func(out io.Writer, prefix string, flag int) *cellLogger {
	return func(out io.Writer, prefix string, flag int) *cellLogger {
		return &cellLogger{log.New(out, prefix, flag), exit}
	}
}

// Fatal is Print followed by os.Exit(1).
func (l *cellLogger) Fatal(v ...any) { l.fatal(fmt.Sprint(v...)) }

// Fatalf is Printf followed by os.Exit(1).
func (l *cellLogger) Fatalf(format string, v ...any) { l.fatal(fmt.Sprintf(format, v...)) }

// Fatalln is Println followed by os.Exit(1).
func (l *cellLogger) Fatalln(v ...any) { l.fatal(fmt.Sprintln(v...)) }

func (l *cellLogger) fatal(s string) {
	l.Output(3, s)
	l.exit(1)
}
