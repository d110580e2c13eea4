//go:build unix

package worker

import (
	"os"
	"os/signal"
	"syscall"
)

// killChildren sends SIGINT to the worker's process group, as a terminal's
// Ctrl-C would: the processes a cell started stop, while the worker itself
// catches SIGINT (see catchInterrupts) and goes on.
func killChildren() {
	syscall.Kill(0, syscall.SIGINT)
}

// catchInterrupts keeps SIGINT from killing the worker. The signal is
// caught rather than ignored so that child processes, which inherit ignored
// signals but not handlers, can still be interrupted.
func catchInterrupts() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGINT)
	go func() {
		for range c {
		}
	}()
}
