package worker

import (
	"errors"
	"io"
	"sync"

	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// inputReader is the standard input of interpreted code: each read that
// finds no buffered text asks the kernel for a line (input_request).
type inputReader struct {
	w *worker

	mu      sync.Mutex
	buf     []byte
	allowed bool
	answers chan wp.Input
	stop    chan struct{}
}

func newInputReader(w *worker) *inputReader {
	return &inputReader{w: w, answers: make(chan wp.Input, 1), stop: make(chan struct{}, 1)}
}

// errNoStdin is what reads fail with when the client cannot answer input.
var errNoStdin = errors.New("stdin is not available: this client does not support input (allow_stdin is false)")

// allow sets whether the running cell may ask for input, and drops text
// left over from an earlier cell.
func (r *inputReader) allow(ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.allowed, r.buf = ok, nil
	select {
	case <-r.stop:
	default:
	}
}

func (r *inputReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.buf) == 0 {
		if !r.allowed {
			// Fail the cell, as ipykernel's input() does: an error the cell
			// ignores would leave it waiting for input that never comes.
			panic(errNoStdin)
		}
		line, err := r.ask()
		if err != nil {
			return 0, err
		}
		r.buf = []byte(line + "\n")
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// ask sends an input event after the output printed so far (the prompt)
// and waits for the answer.
func (r *inputReader) ask() (string, error) {
	r.w.flush.sync()
	r.w.emit(wp.InputRequest{})
	select {
	case a := <-r.answers:
		switch a.Err {
		case "":
			return a.Value, nil
		case wp.InputEOF:
			return "", io.EOF
		default:
			return "", errors.New(a.Err)
		}
	case <-r.stop:
		return "", errors.New("input interrupted")
	}
}

func (r *inputReader) answer(a wp.Input) {
	select {
	case r.answers <- a:
	default:
	}
}

func (r *inputReader) interrupt() {
	select {
	case r.stop <- struct{}{}:
	default:
	}
}
