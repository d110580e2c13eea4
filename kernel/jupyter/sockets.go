package jupyter

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

// sendTimeout bounds every ROUTER send: zmq4 blocks for 5 minutes by
// default when the peer is gone.
const sendTimeout = 2 * time.Second

// channel is one bound ZeroMQ socket with a lock serializing sends.
type channel struct {
	name string
	sock zmq4.Socket
	mu   sync.Mutex
}

func (c *channel) send(frames [][]byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("send on %s: %w", c.name, err)
	}
	return nil
}

// sockets are the five channels of a kernel.
type sockets struct {
	shell, control, stdin, iopub, hb *channel
}

// bind creates and binds all five sockets at the addresses of info.
func bind(ctx context.Context, info wire.ConnectionInfo) (*sockets, error) {
	opt, logger := zmq4.WithTimeout(sendTimeout), zmq4.WithLogger(zmqLogger)
	s := &sockets{
		shell:   &channel{name: "shell", sock: zmq4.NewRouter(ctx, opt, logger)},
		control: &channel{name: "control", sock: zmq4.NewRouter(ctx, opt, logger)},
		stdin:   &channel{name: "stdin", sock: zmq4.NewRouter(ctx, opt, logger)},
		iopub:   &channel{name: "iopub", sock: zmq4.NewPub(ctx, opt, logger)},
		hb:      &channel{name: "heartbeat", sock: zmq4.NewRep(ctx, opt, logger)},
	}
	ports := []int{info.ShellPort, info.ControlPort, info.StdinPort, info.IOPubPort, info.HBPort}
	for i, c := range s.all() {
		addr := info.Addr(ports[i])
		removeStaleIPC(addr)
		if err := c.sock.Listen(guardedAddr(addr)); err != nil {
			s.close()
			return nil, fmt.Errorf("bind %s socket to %s: %w", c.name, addr, err)
		}
	}
	return s, nil
}

func (s *sockets) all() []*channel {
	return []*channel{s.shell, s.control, s.stdin, s.iopub, s.hb}
}

func (s *sockets) close() {
	for _, c := range s.all() {
		c.sock.Close()
	}
}

// removeStaleIPC deletes the socket file an earlier kernel left behind at an
// ipc:// address, which would make Listen fail.
func removeStaleIPC(addr string) {
	if path, ok := strings.CutPrefix(addr, "ipc://"); ok {
		os.Remove(path)
	}
}

// ipcPaths returns the socket files of an ipc transport, to remove on exit.
func ipcPaths(info wire.ConnectionInfo) []string {
	if info.Transport != "ipc" {
		return nil
	}
	var paths []string
	for _, p := range []int{info.ShellPort, info.ControlPort, info.StdinPort, info.IOPubPort, info.HBPort} {
		paths = append(paths, strings.TrimPrefix(info.Addr(p), "ipc://"))
	}
	return paths
}

// heartbeat echoes every ping until the socket closes. It runs on its own
// goroutine so it answers while a cell runs. A malformed ping (zmq4's REP
// reports one without an empty delimiter frame as an error) is skipped:
// returning would stop the heartbeat for every client.
func heartbeat(c *channel) {
	var limiter logLimiter
	for {
		msg, err := c.sock.Recv()
		if err != nil {
			if isClosed(err) {
				return
			}
			limiter.printf("heartbeat: %v", err)
			continue
		}
		if err := c.sock.Send(msg); err != nil {
			limiter.printf("heartbeat: %v", err)
		}
	}
}

// receive reads messages from c, verifies them and passes each to handle.
// Messages that fail to decode, bad signatures included, are dropped and
// logged; the same error is logged at most once a second.
func receive(c *channel, signer *wire.Signer, handle func(*wire.Message)) {
	var limiter logLimiter
	for {
		raw, err := c.sock.Recv()
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				limiter.printf("%s: receive: %v", c.name, err)
			}
			if isClosed(err) {
				return
			}
			continue
		}
		msg, err := wire.Decode(raw.Frames, signer)
		if err != nil {
			limiter.printf("%s: dropped message: %v", c.name, err)
			continue
		}
		handle(msg)
	}
}

func isClosed(err error) bool {
	return errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "closed")
}

// logLimiter keeps bad input from flooding the log: the first message of
// each kind is printed, repeats of that kind within logWindow are counted
// and reported with the next one printed after the window. The kind is the
// message text itself; at most logKinds kinds are tracked at once, the
// rest share one.
type logLimiter struct {
	mu    sync.Mutex
	kinds map[string]*logKind
}

type logKind struct {
	last       time.Time
	suppressed int
}

const (
	logWindow = 10 * time.Second
	logKinds  = 64
)

func (l *logLimiter) printf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.kinds == nil {
		l.kinds = map[string]*logKind{}
	}
	key := msg
	if _, ok := l.kinds[key]; !ok && len(l.kinds) >= logKinds {
		for k, v := range l.kinds { // forget kinds not seen for a window
			if time.Since(v.last) >= logWindow && v.suppressed == 0 {
				delete(l.kinds, k)
			}
		}
		if len(l.kinds) >= logKinds {
			key = "(other)"
		}
	}
	kind := l.kinds[key]
	if kind == nil {
		kind = &logKind{}
		l.kinds[key] = kind
	}
	if !kind.last.IsZero() && time.Since(kind.last) < logWindow {
		kind.suppressed++
		return
	}
	if kind.suppressed > 0 {
		log.Printf("%s (and %d more like it in the last %v)", msg, kind.suppressed, time.Since(kind.last).Round(time.Second))
	} else {
		log.Print(msg)
	}
	kind.last, kind.suppressed = time.Now(), 0
}
