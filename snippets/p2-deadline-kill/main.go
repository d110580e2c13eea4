// P2: Popen + communicate(timeout) + kill in Go: exec.CommandContext with a
// 2.5 s deadline on a command that would run for 5 s, its output streamed
// line by line as it comes.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"time"
)

// lineStamper is an io.Writer that prints every complete line written to it,
// with the time since t0. A command's output arrives in chunks of any size,
// so an unfinished last line is kept until its newline arrives.
type lineStamper struct {
	t0   time.Time
	rest []byte
}

func (w *lineStamper) Write(p []byte) (int, error) {
	w.rest = append(w.rest, p...)
	for {
		i := bytes.IndexByte(w.rest, '\n')
		if i < 0 {
			return len(p), nil
		}
		fmt.Printf("%s  (at ≈ %.1f s)\n", w.rest[:i], time.Since(w.t0).Seconds())
		w.rest = w.rest[i+1:]
	}
}

const script = "for i in 1 2 3 4 5; do echo tick $i; sleep 1; done"

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", script)
	started := time.Now()
	cmd.Stdout = &lineStamper{t0: started} // stream the output as it comes
	cmd.WaitDelay = 100 * time.Millisecond // after the kill, do not wait for sh's child `sleep`

	err := cmd.Run() // Start + Wait
	elapsed := time.Since(started)

	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		fmt.Printf("超时,已终止 / timed out, killed: %v (deadline 2.5 s, Run returned at ≈ %.1f s)\n", err, elapsed.Seconds())
	case err != nil:
		fmt.Println("the command failed:", err)
	default:
		fmt.Println("the command finished in time")
	}
}
