package jupyter

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawPeer speaks ZMTP 3.0 (NULL mechanism) over a plain TCP connection, so
// tests can send what no well-behaved ZeroMQ library sends: frames that lie
// about their size, a handshake that never finishes, requests without ever
// reading a reply.
type rawPeer struct {
	t    *testing.T
	conn net.Conn
}

// dialRaw connects to addr ("host:port") and performs the handshake as a
// socket of sockType (DEALER, REQ, SUB) with the given identity.
func dialRaw(t *testing.T, addr, sockType, identity string) *rawPeer {
	t.Helper()
	p := dialRawNoHandshake(t, addr)
	if _, err := p.conn.Write(zmtpGreeting()); err != nil {
		t.Fatalf("send greeting: %v", err)
	}
	var g [64]byte
	p.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(p.conn, g[:]); err != nil {
		t.Fatalf("read greeting: %v", err)
	}
	props := zmtpProp("Socket-Type", sockType)
	if identity != "" {
		props = append(props, zmtpProp("Identity", identity)...)
	}
	if err := p.writeFrame(0x04, append([]byte("\x05READY"), props...)); err != nil {
		t.Fatalf("send READY: %v", err)
	}
	if _, _, err := p.readFrame(); err != nil { // the kernel's READY
		t.Fatalf("read READY: %v", err)
	}
	p.conn.SetReadDeadline(time.Time{})
	return p
}

func dialRawNoHandshake(t *testing.T, addr string) *rawPeer {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { conn.Close() })
	return &rawPeer{t: t, conn: conn}
}

func zmtpGreeting() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10], g[11] = 0xff, 0x7f, 3, 0
	copy(g[12:], "NULL")
	return g
}

func zmtpProp(name, value string) []byte {
	b := append([]byte{byte(len(name))}, name...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(value)))
	return append(b, value...)
}

// writeFrame sends one frame with the given flags (0x01 more, 0x04 command;
// the long flag is added as needed).
func (p *rawPeer) writeFrame(flags byte, body []byte) error {
	if err := p.writeHeader(flags, uint64(len(body))); err != nil {
		return err
	}
	_, err := p.conn.Write(body)
	return err
}

// writeHeader sends a frame header announcing size bytes.
func (p *rawPeer) writeHeader(flags byte, size uint64) error {
	var hdr []byte
	if size > 255 {
		hdr = binary.BigEndian.AppendUint64([]byte{flags | 0x02}, size)
	} else {
		hdr = []byte{flags, byte(size)}
	}
	_, err := p.conn.Write(hdr)
	return err
}

// send sends frames as one multipart message.
func (p *rawPeer) send(frames ...[]byte) error {
	for i, f := range frames {
		var flags byte
		if i < len(frames)-1 {
			flags = 0x01
		}
		if err := p.writeFrame(flags, f); err != nil {
			return err
		}
	}
	return nil
}

// readFrame reads one frame.
func (p *rawPeer) readFrame() (flags byte, body []byte, err error) {
	var h [2]byte
	if _, err = io.ReadFull(p.conn, h[:]); err != nil {
		return 0, nil, err
	}
	size := uint64(h[1])
	if h[0]&0x02 != 0 {
		var l [8]byte
		l[0] = h[1]
		if _, err = io.ReadFull(p.conn, l[1:]); err != nil {
			return 0, nil, err
		}
		size = binary.BigEndian.Uint64(l[:])
	}
	body = make([]byte, size)
	_, err = io.ReadFull(p.conn, body)
	return h[0], body, err
}

// closedWithin reports whether the kernel closes the connection within d.
func (p *rawPeer) closedWithin(d time.Duration) bool {
	p.conn.SetReadDeadline(time.Now().Add(d))
	defer p.conn.SetReadDeadline(time.Time{})
	buf := make([]byte, 64<<10)
	for {
		if _, err := p.conn.Read(buf); err != nil {
			var ne net.Error
			return !(errorAs(err, &ne) && ne.Timeout())
		}
	}
}

func errorAs(err error, ne *net.Error) bool {
	e, ok := err.(net.Error)
	if ok {
		*ne = e
	}
	return ok
}

// logCapture collects what the kernel logs.
type logCapture struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logCapture) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logCapture) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// count returns how many lines since offset contain s.
func (l *logCapture) count(offset int, s string) int {
	text := l.String()
	if offset > len(text) {
		return 0
	}
	return strings.Count(text[offset:], s)
}

func (l *logCapture) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Len()
}

func tcpAddr(ip string, port int) string { return fmt.Sprintf("%s:%d", ip, port) }
