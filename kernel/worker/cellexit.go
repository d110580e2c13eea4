package worker

import (
	"context"
	"errors"
	"sync"
)

// cellExit makes os.Exit, log.Fatal and testing.Main end the running cell
// as they end a Go program: at once, with no deferred call run and no
// recover able to stop them. A panic would unwind through the deferred
// calls of interpreted code; instead the calling goroutine cancels the
// cell, which stops the interpreter like an interrupt, and then never
// returns (each os.Exit leaves one parked goroutine behind).
type cellExit struct {
	mu     sync.Mutex
	cancel context.CancelCauseFunc // of the running cell; nil between cells
}

// begin gives the running cell a context that exit cancels. finish ends
// that: it reports the code passed to os.Exit, if the cell called it.
func (e *cellExit) begin(ctx context.Context) (cellCtx context.Context, finish func() (exitCode, bool)) {
	cellCtx, cancel := context.WithCancelCause(ctx)
	e.mu.Lock()
	e.cancel = cancel
	e.mu.Unlock()
	return cellCtx, func() (exitCode, bool) {
		e.mu.Lock()
		e.cancel = nil
		e.mu.Unlock()
		var code exitCode
		exited := errors.As(context.Cause(cellCtx), &code)
		cancel(nil)
		return code, exited
	}
}

// exit is os.Exit inside the worker. Called by a goroutine that outlived
// its cell, with no cell to end, it panics with the code instead, which
// the goroutine's wrapper reports.
func (e *cellExit) exit(code int) {
	e.mu.Lock()
	cancel := e.cancel
	e.mu.Unlock()
	if cancel == nil {
		panic(exitCode(code))
	}
	cancel(exitCode(code))
	<-make(chan struct{}) // never returns: nothing after os.Exit runs
}
