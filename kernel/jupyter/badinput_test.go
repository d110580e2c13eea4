package jupyter

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"

	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

// Bad input over the real sockets. Every case is followed by a survival
// check (heartbeat, kernel_info on shell and on control, each within 1 s)
// and by the check that nothing unsigned ran. The counts are the figures of
// docs/reliability.md.

// captureLog sends the standard logger to a buffer for the test.
func captureLog(t *testing.T) *logCapture {
	lc := &logCapture{}
	log.SetOutput(lc)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	return lc
}

// signedFrames returns the frames after the identity of a message with the
// given raw parts, signed with c's key.
func (c *testClient) signedFrames(header, parent, meta, content []byte) [][]byte {
	return [][]byte{[]byte("<IDS|MSG>"), []byte(c.signer.Sign(header, parent, meta, content)), header, parent, meta, content}
}

func (c *testClient) header(msgType string) ([]byte, string) {
	h := wire.NewHeader(msgType, c.session, "tester")
	b, _ := json.Marshal(h)
	return b, h.MsgID
}

func (c *testClient) sendFrames(s zmq4.Socket, frames [][]byte) {
	c.t.Helper()
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatal(err)
	}
}

// replyTo waits up to d for the reply to request id on ch, skipping others.
func (c *testClient) replyTo(ch chan *wire.Message, id string, d time.Duration) *wire.Message {
	deadline := time.After(d)
	for {
		select {
		case m := <-ch:
			if parentID(m) == id {
				return m
			}
		case <-deadline:
			return nil
		}
	}
}

// heartbeatWithin pings the heartbeat socket with a fresh REQ.
func heartbeatWithin(info wire.ConnectionInfo, d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	req := zmq4.NewReq(ctx, zmq4.WithTimeout(d))
	defer req.Close()
	if err := req.Dial(info.Addr(info.HBPort)); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		if err := req.Send(zmq4.NewMsgString("ping")); err != nil {
			done <- err
			return
		}
		m, err := req.Recv()
		if err == nil && string(m.Bytes()) != "ping" {
			err = fmt.Errorf("heartbeat echoed %q", m.Bytes())
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return fmt.Errorf("no heartbeat echo within %v", d)
	}
}

// alive checks heartbeat and kernel_info on shell and control, each within
// d (shellWithin for shell).
func (c *testClient) alive(info wire.ConnectionInfo, d, shellWithin time.Duration) error {
	if err := heartbeatWithin(info, d); err != nil {
		return err
	}
	start := time.Now()
	id := c.send(c.control, "kernel_info_request", map[string]any{})
	if c.replyTo(c.ctrlMsgs, id, d) == nil {
		return fmt.Errorf("no kernel_info_reply on control within %v", d)
	}
	if time.Since(start) > d {
		return fmt.Errorf("control kernel_info took %v", time.Since(start))
	}
	id = c.send(c.shell, "kernel_info_request", map[string]any{})
	if c.replyTo(c.shellMsgs, id, shellWithin) == nil {
		return fmt.Errorf("no kernel_info_reply on shell within %v", shellWithin)
	}
	return nil
}

// figures records cases tried and survived; printed at the end of a test
// and, with GOKERNEL_RELIABILITY_OUT set, appended to that file.
type figures struct {
	name           string
	tried, survive int
	failed         []string
}

func (f *figures) report(t *testing.T) {
	line := fmt.Sprintf("%s: %d cases tried, %d survived", f.name, f.tried, f.survive)
	if len(f.failed) > 0 {
		line += " (failed: " + strings.Join(f.failed, ", ") + ")"
	}
	t.Log(line)
	if p := os.Getenv("GOKERNEL_RELIABILITY_OUT"); p != "" {
		if fh, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintln(fh, line)
			fh.Close()
		}
	}
}

func TestBadInputOverSockets(t *testing.T) {
	lc := captureLog(t)
	f := newFake()
	c, _, stopped := startKernel(t, f)
	info := c.info
	figs := &figures{name: "bad input"}
	defer figs.report(t)

	hdr := func(msgType string) []byte { b, _ := c.header(msgType); return b }
	evil := []byte(`{"code":"print evil","silent":false}`)
	exec := hdr("execute_request")

	// Dropped: no reply, one log line however often it repeats.
	dropped := []struct {
		name, log string
		frames    [][]byte
	}{
		{"signature with the wrong key", "invalid signature", [][]byte{[]byte("<IDS|MSG>"),
			[]byte(wire.NewSigner("wrong").Sign(exec, []byte("{}"), []byte("{}"), evil)), exec, []byte("{}"), []byte("{}"), evil}},
		{"empty signature", "invalid signature", [][]byte{[]byte("<IDS|MSG>"), {}, exec, []byte("{}"), []byte("{}"), evil}},
		{"missing signature frame", "fewer than 5 frames", [][]byte{[]byte("<IDS|MSG>"), exec, []byte("{}"), []byte("{}"), evil}},
		{"non-hex signature", "invalid signature", [][]byte{[]byte("<IDS|MSG>"), []byte("zz" + strings.Repeat("0", 62)), exec, []byte("{}"), []byte("{}"), evil}},
		{"signature of other content", "invalid signature", [][]byte{[]byte("<IDS|MSG>"),
			[]byte(c.signer.Sign(exec, []byte("{}"), []byte("{}"), []byte(`{"code":"print good"}`))), exec, []byte("{}"), []byte("{}"), evil}},
		{"truncated signature", "invalid signature", func() [][]byte {
			fr := c.signedFrames(exec, []byte("{}"), []byte("{}"), evil)
			fr[1] = fr[1][:32]
			return fr
		}()},
		{"no delimiter", "no <IDS|MSG> delimiter", [][]byte{[]byte("x"), exec, []byte("{}"), []byte("{}"), evil}},
		{"delimiter only", "fewer than 5 frames", [][]byte{[]byte("<IDS|MSG>")}},
		{"too few frames", "fewer than 5 frames", [][]byte{[]byte("<IDS|MSG>"), []byte(c.signer.Sign(exec)), exec}},
		{"one empty frame", "no <IDS|MSG> delimiter", [][]byte{{}}},
		{"non-JSON header", "header: invalid character", c.signedFrames([]byte("not json"), []byte("{}"), []byte("{}"), evil)},
		{"header is an array", "header: json: cannot unmarshal array", c.signedFrames([]byte(`[1,2]`), []byte("{}"), []byte("{}"), evil)},
		{"header null", "header: missing msg_type", c.signedFrames([]byte(`null`), []byte("{}"), []byte("{}"), evil)},
		{"msg_type a number", "header: json: cannot unmarshal number", c.signedFrames([]byte(`{"msg_id":"x","msg_type":5}`), []byte("{}"), []byte("{}"), evil)},
		{"msg_id an object", "header: json: cannot unmarshal object", c.signedFrames([]byte(`{"msg_id":{},"msg_type":"execute_request"}`), []byte("{}"), []byte("{}"), evil)},
		{"missing msg_type", "header: missing msg_type", c.signedFrames([]byte(`{"msg_id":"x","session":"s"}`), []byte("{}"), []byte("{}"), evil)},
		{"non-JSON content", "content: invalid JSON", c.signedFrames(exec, []byte("{}"), []byte("{}"), []byte("{code: print evil"))},
		{"non-JSON parent header", "parent_header: invalid JSON", c.signedFrames(exec, []byte("{"), []byte("{}"), evil)},
		{"non-JSON metadata", "metadata: invalid JSON", c.signedFrames(exec, []byte("{}"), []byte("\x00"), evil)},
		{"invalid UTF-8 in content", "content: invalid UTF-8", c.signedFrames(exec, []byte("{}"), []byte("{}"), []byte("{\"code\":\"print evil\xff\"}"))},
		{"invalid UTF-8 in header", "header: invalid UTF-8", c.signedFrames([]byte("{\"msg_id\":\"\xc3\x28\",\"msg_type\":\"execute_request\"}"), []byte("{}"), []byte("{}"), evil)},
		{"empty JSON frames", "header: unexpected end of JSON input", c.signedFrames(nil, nil, nil, nil)},
	}
	loggedKinds := map[string]bool{}
	for _, tc := range dropped {
		figs.tried++
		ok := true
		fail := func(format string, args ...any) {
			t.Errorf("%s: "+format, append([]any{tc.name}, args...)...)
			ok = false
		}
		off := lc.len()
		for range 20 {
			c.sendFrames(c.shell, tc.frames)
		}
		c.sendFrames(c.control, tc.frames)
		if err := c.alive(info, time.Second, time.Second); err != nil {
			fail("kernel not answering: %v", err)
		}
		select {
		case m := <-c.shellMsgs:
			fail("got a %s reply; want the message dropped", m.Header.MsgType)
		default:
		}
		n := lc.count(off, tc.log)
		switch {
		case !loggedKinds[tc.log] && n != 2: // once for shell, once for control
			fail("log has %d lines with %q, want 2 (one per socket):\n%s", n, tc.log, lc.String()[off:])
		case loggedKinds[tc.log] && n > 0:
			fail("repeated kind %q logged again %d times", tc.log, n)
		}
		loggedKinds[tc.log] = true
		if ok {
			figs.survive++
		} else {
			figs.failed = append(figs.failed, tc.name)
		}
	}

	// Answered with an error reply (status error, a clear ename), between
	// busy and idle, and not run.
	answered := []struct {
		name, msgType, content, wantReply, wantText string
	}{
		{"code a number", "execute_request", `{"code":5}`, "execute_reply", "BadRequest"},
		{"silent a string", "execute_request", `{"code":"print evil","silent":"no"}`, "execute_reply", "BadRequest"},
		{"user_expressions a list", "execute_request", `{"code":"print evil","user_expressions":[]}`, "execute_reply", "BadRequest"},
		{"execute content a list", "execute_request", `["print evil"]`, "execute_reply", "BadRequest"},
		{"cursor_pos a string", "complete_request", `{"code":"fmt.P","cursor_pos":"x"}`, "complete_reply", "BadRequest"},
		{"cursor_pos too large", "complete_request", `{"code":"fmt.P","cursor_pos":1e30}`, "complete_reply", "BadRequest"},
		{"detail_level a string", "inspect_request", `{"code":"fmt","cursor_pos":1,"detail_level":"x"}`, "inspect_reply", "BadRequest"},
		{"is_complete code an object", "is_complete_request", `{"code":{}}`, "is_complete_reply", "BadRequest"},
		{"history n a string", "history_request", `{"hist_access_type":"tail","n":"x"}`, "history_reply", "BadRequest"},
		{"shutdown restart a string", "shutdown_request", `{"restart":"yes"}`, "shutdown_reply", "BadRequest"},
		{"comm_open comm_id a number", "comm_open", `{"comm_id":5}`, "", ""},
		{"unknown msg_type", "frobnicate_request", `{}`, "frobnicate_reply", "UnknownRequest"},
		{"reply type sent as request", "execute_reply", `{}`, "execute_reply_reply", "UnknownRequest"},
		{"empty msg_type-like name", " ", `{}`, " _reply", "UnknownRequest"},
	}
	for _, tc := range answered {
		figs.tried++
		ok := true
		fail := func(format string, args ...any) {
			t.Errorf("%s: "+format, append([]any{tc.name}, args...)...)
			ok = false
		}
		h, id := c.header(tc.msgType)
		c.sendFrames(c.shell, c.signedFrames(h, []byte("{}"), []byte("{}"), []byte(tc.content)))
		if tc.wantReply != "" {
			r := c.replyTo(c.shellMsgs, id, 2*time.Second)
			switch {
			case r == nil:
				fail("no reply")
			case r.Header.MsgType != tc.wantReply || content(r)["status"] != "error" || content(r)["ename"] != tc.wantText:
				fail("reply %s %v, want %s status error %s", r.Header.MsgType, content(r), tc.wantReply, tc.wantText)
			}
		}
		if got := types(c.iopubUntilIdle(id)); !strings.HasPrefix(got, "busy") {
			fail("iopub %q, want busy … idle", got)
		}
		if err := c.alive(info, time.Second, time.Second); err != nil {
			fail("kernel not answering: %v", err)
		}
		if ok {
			figs.survive++
		} else {
			figs.failed = append(figs.failed, tc.name)
		}
	}

	// Transport-level abuse with a raw ZMTP peer.
	shellAddr := tcpAddr(info.IP, info.ShellPort)
	raw := []struct {
		name string
		run  func(t *testing.T) error
	}{
		{"frame announcing 2^62 bytes", func(t *testing.T) error {
			p := dialRaw(t, shellAddr, "DEALER", "")
			p.writeHeader(0x01, 1<<62)
			if !p.closedWithin(2 * time.Second) {
				return fmt.Errorf("connection not closed")
			}
			return nil
		}},
		{"frame announcing 16 GiB", func(t *testing.T) error {
			p := dialRaw(t, shellAddr, "DEALER", "")
			p.writeHeader(0, 16<<30)
			if !p.closedWithin(2 * time.Second) {
				return fmt.Errorf("connection not closed")
			}
			return nil
		}},
		{"ZMTP command announcing 1 GiB", func(t *testing.T) error {
			p := dialRaw(t, shellAddr, "DEALER", "")
			p.writeHeader(0x04, 1<<30)
			if !p.closedWithin(2 * time.Second) {
				return fmt.Errorf("connection not closed")
			}
			return nil
		}},
		{"signed 100 MB execute_request", func(t *testing.T) error {
			p := dialRaw(t, shellAddr, "DEALER", "big")
			code, _ := json.Marshal(map[string]any{"code": "print evil " + strings.Repeat("x", 100<<20)})
			fr := c.signedFrames(exec, []byte("{}"), []byte("{}"), code)
			go p.send(fr...)
			if !p.closedWithin(5 * time.Second) {
				return fmt.Errorf("connection not closed")
			}
			if lc.count(0, "message larger than 64 MiB") == 0 {
				return fmt.Errorf("not logged")
			}
			return nil
		}},
		{"20,000 empty frames in one message", func(t *testing.T) error {
			p := dialRaw(t, shellAddr, "DEALER", "")
			go p.send(make([][]byte, 20000)...)
			if !p.closedWithin(3 * time.Second) {
				return fmt.Errorf("connection not closed")
			}
			return nil
		}},
		{"HTTP request instead of ZMTP", func(t *testing.T) error {
			p := dialRawNoHandshake(t, shellAddr)
			p.conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
			if !p.closedWithin(handshakeTimeout + 2*time.Second) {
				return fmt.Errorf("connection not closed")
			}
			return nil
		}},
		{"silent connection blocks no one", func(t *testing.T) error {
			dialRawNoHandshake(t, shellAddr) // never greets
			dialRawNoHandshake(t, tcpAddr(info.IP, info.ControlPort))
			time.Sleep(100 * time.Millisecond)
			// A new client must still be able to connect to shell.
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			d := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity(uuid.NewString())), zmq4.WithTimeout(3*time.Second))
			defer d.Close()
			if err := d.Dial(info.Addr(info.ShellPort)); err != nil {
				return err
			}
			h, _ := c.header("kernel_info_request")
			if err := d.SendMulti(zmq4.NewMsgFrom(c.signedFrames(h, []byte("{}"), []byte("{}"), []byte("{}"))...)); err != nil {
				return err
			}
			got := make(chan error, 1)
			go func() { _, err := d.Recv(); got <- err }()
			select {
			case err := <-got:
				return err
			case <-time.After(handshakeTimeout + 3*time.Second):
				return fmt.Errorf("a new client got no reply while a silent connection was open")
			}
		}},
		{"heartbeat frame without delimiter", func(t *testing.T) error {
			p := dialRaw(t, tcpAddr(info.IP, info.HBPort), "DEALER", "")
			for range 5 {
				p.send([]byte("no delimiter"))
			}
			time.Sleep(100 * time.Millisecond)
			return heartbeatWithin(info, time.Second)
		}},
		{"signed 8 MB execute_request (allowed)", func(t *testing.T) error {
			h, id := c.header("execute_request")
			code, _ := json.Marshal(map[string]any{"code": "value " + strings.Repeat("y", 8<<20)})
			c.sendFrames(c.shell, c.signedFrames(h, []byte("{}"), []byte("{}"), code))
			if r := c.replyTo(c.shellMsgs, id, 10*time.Second); r == nil || content(r)["status"] != "ok" {
				return fmt.Errorf("no ok reply to a large signed cell")
			}
			return nil
		}},
	}
	for _, tc := range raw {
		figs.tried++
		err := tc.run(t)
		if err == nil {
			err = c.alive(info, time.Second, time.Second)
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			figs.failed = append(figs.failed, tc.name)
		} else {
			figs.survive++
		}
	}

	for _, code := range f.ran() {
		if strings.Contains(code, "evil") {
			t.Errorf("an unsigned or malformed cell ran: %.40q", code)
		}
	}
	select {
	case <-stopped:
		t.Error("the kernel stopped")
	default:
	}
}

// TestRequestFlood sends 10,000 requests from a client that never reads a
// reply or iopub, while a well-behaved client checks that heartbeat and
// control answer within 1 s throughout and shell within the write-stall
// timeout; afterwards everything answers at once.
func TestRequestFlood(t *testing.T) {
	lc := captureLog(t)
	f := newFake()
	c, _, _ := startKernel(t, f)
	info := c.info
	figs := &figures{name: "flood"}
	defer figs.report(t)

	// The well-behaved client reads iopub continuously.
	var iopubSeen atomic.Int64
	stopDrain := make(chan struct{})
	drainDone := make(chan struct{})
	wantIOPub := make(chan string, 10)
	gotIOPub := make(chan struct{}, 10)
	go func() {
		defer close(drainDone)
		want := ""
		for {
			select {
			case m := <-c.iopubMsgs:
				iopubSeen.Add(1)
				if want != "" && parentID(m) == want {
					gotIOPub <- struct{}{}
					want = ""
				}
			case w := <-wantIOPub:
				want = w
			case <-stopDrain:
				return
			}
		}
	}()
	defer func() { close(stopDrain); <-drainDone }()

	n := 10000
	if testing.Short() {
		n = 2000
	}
	// A SUB that subscribes and never reads, and a DEALER that floods.
	sub := dialRaw(t, tcpAddr(info.IP, info.IOPubPort), "SUB", "")
	sub.send([]byte{1})
	flooder := dialRaw(t, tcpAddr(info.IP, info.ShellPort), "DEALER", "flooder")
	floodDone := make(chan error, 1)
	go func() {
		for i := range n {
			msgType, body := "kernel_info_request", []byte("{}")
			if i%2 == 1 {
				msgType, body = "execute_request", []byte(`{"code":"value 1","silent":false}`)
			}
			h, _ := c.header(msgType)
			if err := flooder.send(c.signedFrames(h, []byte("{}"), []byte("{}"), body)...); err != nil {
				floodDone <- fmt.Errorf("flood stopped after %d: %v", i, err)
				return
			}
		}
		floodDone <- nil
	}()

	figs.tried++
	var worst time.Duration
	checks, failures := 0, 0
	// Check during the flood and until the kernel has dropped the
	// flooder's connections (writeStallTimeout after they stop reading).
	deadline := time.Now().Add(60 * time.Second)
	var until time.Time
	for time.Now().Before(deadline) && (until.IsZero() || time.Now().Before(until)) {
		select {
		case err := <-floodDone:
			if err != nil {
				t.Logf("flooder: %v (the kernel dropped it)", err)
			}
			until = time.Now().Add(writeStallTimeout + 2*time.Second)
		default:
		}
		start := time.Now()
		if err := c.alive(info, time.Second, writeStallTimeout+2*time.Second); err != nil {
			t.Errorf("during the flood: %v", err)
			failures++
		}
		worst = max(worst, time.Since(start))
		checks++
		time.Sleep(50 * time.Millisecond)
	}
	// Afterwards: everything answers within 1 s, iopub included.
	if err := c.alive(info, time.Second, time.Second); err != nil {
		t.Errorf("after the flood: %v", err)
		failures++
	}
	id := c.execute("print after", nil)
	wantIOPub <- id
	if r := c.replyTo(c.shellMsgs, id, 5*time.Second); r == nil || content(r)["status"] != "ok" {
		t.Errorf("execute after the flood: no ok reply")
		failures++
	}
	select {
	case <-gotIOPub:
	case <-time.After(5 * time.Second):
		t.Errorf("iopub stopped delivering to the well-behaved client after the flood")
		failures++
	}
	t.Logf("%d survival checks during the flood, slowest %v; %d iopub messages reached the good client; flooder ran %d cells",
		checks, worst.Round(time.Millisecond), iopubSeen.Load(), len(f.ran()))
	if worst > writeStallTimeout+2*time.Second {
		t.Errorf("a survival check took %v", worst)
	}
	if n := strings.Count(lc.String(), "\n"); n > 20 {
		t.Errorf("the flood produced %d log lines:\n%s", n, lc.String())
	}
	t.Logf("log during the flood:\n%s", lc.String())
	if failures == 0 {
		figs.survive++
	} else {
		figs.failed = append(figs.failed, "flood")
	}
}
