package jupyter

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// The kernel's sockets listen through a guarded transport that wraps every
// accepted connection, because zmq4 trusts its peers in ways a kernel that
// anyone on the network may reach cannot:
//
//   - zmq4 allocates a frame's body at the size its header announces before
//     reading it, so a peer announcing 2^62 bytes crashes the process
//     (makeslice panic in a zmq4 goroutine) and one announcing a few GB makes
//     it allocate them. The guard parses the ZMTP framing as it is read and
//     drops a connection whose message would exceed maxMessageBytes or
//     maxMessageFrames, before zmq4 sees the size.
//   - zmq4 performs the ZMTP handshake inside its accept loop with no
//     deadline, so one connection that never greets blocks every later
//     client. The guard closes a connection that has not finished the
//     handshake within handshakeTimeout.
//   - zmq4 writes without a deadline while holding the socket's writer lock,
//     so one peer that stops reading blocks every send of that socket (a
//     ROUTER reply, every iopub message) forever. The guard closes a
//     connection whose writes make no progress for writeStallTimeout.
//
// Peers are all authenticated later, by the HMAC of each message; none of
// these checks depends on the key.
const (
	maxMessageBytes   = 64 << 20
	maxMessageFrames  = 10000
	handshakeTimeout  = 5 * time.Second
	writeStallTimeout = 5 * time.Second
	writeChunk        = 256 << 10
)

// guardedScheme prefixes a transport name for the guarded transport.
const guardedScheme = "gokernel+"

func init() {
	for name, network := range map[string]string{"tcp": "tcp", "ipc": "unix"} {
		if err := zmq4.RegisterTransport(guardedScheme+name, guardedTransport{transport.New(network)}); err != nil {
			panic(err)
		}
	}
}

// guardedAddr returns the endpoint that listens on addr (tcp:// or ipc://)
// through the guarded transport.
func guardedAddr(addr string) string {
	for _, name := range []string{"tcp", "ipc"} {
		if strings.HasPrefix(addr, name+"://") {
			return guardedScheme + addr
		}
	}
	return addr
}

type guardedTransport struct{ inner transport.Transport }

func (t guardedTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	return t.inner.Dial(ctx, d, addr)
}

func (t guardedTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := t.inner.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	return guardedListener{l}, nil
}

func (t guardedTransport) Addr(ep string) (string, error) { return t.inner.Addr(ep) }

type guardedListener struct{ net.Listener }

func (l guardedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	g := &guardedConn{Conn: c, greeting: greetingBytes}
	g.out.greeting = greetingBytes
	g.handshakeTimer = time.AfterFunc(handshakeTimeout, func() {
		if !g.handshakeDone.Load() {
			g.reject("no ZMTP handshake within %v", handshakeTimeout)
		}
	})
	return g, nil
}

// greetingBytes is the size of a ZMTP 3 greeting.
const greetingBytes = 64

// errRejected wraps io.EOF so that zmq4 marks the connection closed.
var errRejected = fmt.Errorf("connection closed by gokernel: %w", io.EOF)

// transportLog rate-limits what the guard logs, across all connections.
var transportLog logLimiter

// zmqLogger is the logger of the kernel's sockets: zmq4 logs every failed
// handshake, which a port scan would turn into a flood.
var zmqLogger = log.New(limitedWriter{&transportLog}, "", 0)

type limitedWriter struct{ l *logLimiter }

func (w limitedWriter) Write(p []byte) (int, error) {
	w.l.printf("%s", strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// guardedConn checks the ZMTP stream it reads (see the package comment
// above) and bounds its writes.
type guardedConn struct {
	net.Conn
	handshakeTimer *time.Timer
	handshakeDone  atomic.Bool
	rejected       atomic.Bool

	// Read state, used by the reading goroutine only.
	greeting int    // greeting bytes still to pass
	hdr      []byte // the frame header read so far
	body     uint64 // body bytes of the current frame still to pass
	more     bool   // the current frame is followed by another of the message
	command  bool   // the current frame is a command
	msgBytes uint64 // bytes of the current message so far
	frames   int    // frames of the current message so far

	wmu sync.Mutex
	out outFraming // write side, under wmu
}

// outFraming coalesces what zmq4 writes into one write per message: zmq4
// hands net.Buffers (a header and a body per frame) to the connection,
// and writev is only used on the bare *net.TCPConn, so without this a
// seven-frame Jupyter message would take fourteen system calls and as many
// TCP segments.
type outFraming struct {
	pending  []byte
	greeting int    // greeting bytes still to pass
	hdr      []byte // the frame header written so far
	body     uint64 // body bytes of the current frame still to come
	last     bool   // the current frame ends a message or is a command
}

// add appends p and reports whether a message (or the greeting, or a
// command) is now complete, so the pending bytes should be sent.
func (o *outFraming) add(p []byte) bool {
	o.pending = append(o.pending, p...)
	complete := false
	for len(p) > 0 {
		switch {
		case o.greeting > 0:
			k := min(o.greeting, len(p))
			o.greeting -= k
			p = p[k:]
			complete = o.greeting == 0
		case o.body > 0:
			k := min(o.body, uint64(len(p)))
			o.body -= k
			p = p[k:]
			complete = o.body == 0 && o.last
		default:
			o.hdr = append(o.hdr, p[0])
			p = p[1:]
			need := 2
			if o.hdr[0]&0x02 != 0 {
				need = 9
			}
			if len(o.hdr) < need {
				continue
			}
			size := uint64(o.hdr[1])
			if need == 9 {
				size = binary.BigEndian.Uint64(o.hdr[1:9])
			}
			o.last = o.hdr[0]&0x01 == 0 || o.hdr[0]&0x04 != 0
			o.hdr, o.body = o.hdr[:0], size
			complete = size == 0 && o.last
		}
	}
	return complete
}

// reject logs why the connection is dropped and closes it.
func (c *guardedConn) reject(format string, args ...any) {
	if c.rejected.Swap(true) {
		return
	}
	// The peer's address is left out so that a flood from many
	// connections is one kind of message.
	transportLog.printf("dropped a connection: "+format, args...)
	c.Conn.Close()
}

func (c *guardedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if c.rejected.Load() {
		return 0, errRejected
	}
	if verr := c.scan(p[:n]); verr != nil {
		c.reject("%v", verr)
		return 0, errRejected
	}
	return n, err
}

// scan advances the framing state over b and reports a violation.
func (c *guardedConn) scan(b []byte) error {
	for len(b) > 0 {
		switch {
		case c.greeting > 0:
			// A ZMTP greeting starts with 0xFF and has 0x7F at offset 9:
			// anything else (a port scanner, an HTTP request) is dropped
			// before it can hold zmq4's accept loop.
			at := greetingBytes - c.greeting
			if (at == 0 && b[0] != 0xff) || (at <= 9 && 9-at < len(b) && b[9-at] != 0x7f) {
				return errors.New("not a ZMTP peer")
			}
			k := min(c.greeting, len(b))
			c.greeting -= k
			b = b[k:]
		case c.body > 0:
			k := uint64(len(b))
			if k > c.body {
				k = c.body
			}
			c.body -= k
			b = b[k:]
			if c.body == 0 {
				c.endFrame()
			}
		default:
			c.hdr = append(c.hdr, b[0])
			b = b[1:]
			flags := c.hdr[0]
			long := flags&0x02 != 0
			need := 2
			if long {
				need = 9
			}
			if len(c.hdr) < need {
				continue
			}
			var size uint64
			if long {
				size = binary.BigEndian.Uint64(c.hdr[1:9])
			} else {
				size = uint64(c.hdr[1])
			}
			c.hdr = c.hdr[:0]
			c.more, c.command = flags&0x01 != 0, flags&0x04 != 0
			if !c.command {
				c.frames++
				c.msgBytes += size
				if size > maxMessageBytes || c.msgBytes > maxMessageBytes {
					return fmt.Errorf("message larger than %d MiB", maxMessageBytes>>20)
				}
				if c.frames > maxMessageFrames {
					return fmt.Errorf("message of more than %d frames", maxMessageFrames)
				}
			} else if size > 1<<20 {
				return fmt.Errorf("ZMTP command of %d bytes", size)
			}
			c.body = size
			if size == 0 {
				c.endFrame()
			}
		}
	}
	return nil
}

// endFrame is called when a frame's body has been read.
func (c *guardedConn) endFrame() {
	if c.command {
		// The first command is the handshake's READY (NULL mechanism).
		if !c.handshakeDone.Swap(true) && c.handshakeTimer != nil {
			c.handshakeTimer.Stop()
		}
		return
	}
	if !c.more {
		c.msgBytes, c.frames = 0, 0
	}
}

// Write collects p until a whole message (see outFraming) is there, then
// sends it.
func (c *guardedConn) Write(p []byte) (int, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if !c.out.add(p) {
		return len(p), nil
	}
	pending := c.out.pending
	c.out.pending = c.out.pending[:0]
	if cap(pending) > writeChunk {
		c.out.pending = nil // do not keep a big message's buffer around
	}
	if _, err := c.send(pending); err != nil {
		return 0, err
	}
	return len(p), nil
}

// send writes p in chunks, each of which must make progress within
// writeStallTimeout; a peer that stops reading is disconnected.
func (c *guardedConn) send(p []byte) (int, error) {
	written := 0
	for written < len(p) {
		if c.rejected.Load() {
			return written, errRejected
		}
		end := min(len(p), written+writeChunk)
		c.Conn.SetWriteDeadline(time.Now().Add(writeStallTimeout))
		n, err := c.Conn.Write(p[written:end])
		written += n
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				c.reject("the peer read nothing for %v", writeStallTimeout)
				return written, errRejected
			}
			return written, err
		}
	}
	return written, nil
}
