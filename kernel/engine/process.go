package engine

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"

	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// crashLogLimit bounds how much of a dying worker's stderr is kept: enough
// for the fatal error line and the goroutine dump after it.
const crashLogLimit = 4 << 20

// process is one running worker: commands go in, events come out on
// events, and exited is closed once the process has ended and its stderr
// has been read.
type process struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	inMu   sync.Mutex
	events chan wp.Event
	exited chan struct{}

	crash []byte // the tail of stderr: the Go runtime's last words

	stuck atomic.Bool // killed because a cell ignored an interrupt
}

// startProcess launches `exe worker` with env added to the kernel's
// environment.
func startProcess(exe string, env ...string) (*process, error) {
	cmd := exec.Command(exe, "worker")
	cmd.Env = append(os.Environ(), env...)
	setProcessGroup(cmd)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start worker: %w", err)
	}
	p := &process{cmd: cmd, in: in, events: make(chan wp.Event, 256), exited: make(chan struct{})}
	stderrDone := make(chan struct{})
	go p.readCrashLog(errPipe, stderrDone)
	go p.readEvents(out, stderrDone)
	return p, nil
}

func (p *process) readEvents(out io.Reader, stderrDone chan struct{}) {
	r := bufio.NewReaderSize(out, 64<<10)
	for {
		e, err := wp.ReadEvent(r)
		if err != nil {
			break
		}
		p.events <- e
	}
	<-stderrDone
	p.cmd.Wait()
	close(p.exited)
}

func (p *process) readCrashLog(r io.Reader, done chan struct{}) {
	defer close(done)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		p.crash = append(p.crash, buf[:n]...)
		if len(p.crash) > 2*crashLogLimit {
			p.crash = append([]byte(nil), p.crash[len(p.crash)-crashLogLimit:]...)
		}
		if err != nil {
			return
		}
	}
}

// hasExited reports whether the process has ended.
func (p *process) hasExited() bool {
	select {
	case <-p.exited:
		return true
	default:
		return false
	}
}

// send writes one command.
func (p *process) send(c wp.Command) error {
	b, err := wp.AppendCommand(nil, c)
	if err != nil {
		return err
	}
	p.inMu.Lock()
	defer p.inMu.Unlock()
	_, err = p.in.Write(b)
	return err
}

// kill ends the worker and the processes it started.
func (p *process) kill() {
	killProcessGroup(p.cmd)
	p.in.Close()
}

// exitReport describes how the worker ended: a summary (the runtime's
// fatal error or the exit status) and the head of the runtime's report,
// without the goroutine dump, which shows only interpreter internals. Only
// valid after exited is closed.
func (p *process) exitReport() (summary string, header []string) {
	summary = "the worker process ended"
	if p.stuck.Load() {
		return fmt.Sprintf("the cell did not stop within %v of the interrupt, so its worker was stopped", interruptGrace), nil
	}
	if p.cmd.ProcessState != nil {
		summary = "the worker process ended: " + p.cmd.ProcessState.String()
	}
	for _, l := range strings.Split(strings.TrimSpace(string(p.crash)), "\n") {
		if l == "" || strings.HasPrefix(l, "goroutine ") || strings.HasPrefix(l, "runtime stack:") {
			break
		}
		if strings.Contains(l, "=0x") {
			continue // register dumps ("runtime: sp=0x...")
		}
		header = append(header, l)
		if strings.HasPrefix(l, "fatal error: ") || strings.HasPrefix(l, "panic: ") {
			summary = l
		}
	}
	return summary, header
}
