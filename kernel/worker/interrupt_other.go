//go:build !unix

package worker

// killChildren has no process group to signal on this platform; child
// processes started with exec.CommandContext still stop with the cell.
func killChildren() {}

// catchInterrupts needs nothing here: interrupts arrive as messages.
func catchInterrupts() {}
