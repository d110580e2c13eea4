package jupyter

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"

	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

// testClient is a minimal Jupyter client over real ZeroMQ sockets.
type testClient struct {
	t                     *testing.T
	info                  wire.ConnectionInfo
	signer                *wire.Signer
	session               string
	shell, control, stdin zmq4.Socket
	iopub                 zmq4.Socket
	iopubMsgs             chan *wire.Message
	shellMsgs, ctrlMsgs   chan *wire.Message
	stdinMsgs             chan *wire.Message
}

func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

func testConnection(t *testing.T) wire.ConnectionInfo {
	p := freePorts(t, 5)
	return wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], ControlPort: p[1],
		StdinPort: p[2], IOPubPort: p[3], HBPort: p[4], Key: "secret", SignatureScheme: "hmac-sha256"}
}

// startKernel runs a kernel with interp and returns a connected client and
// a channel that receives Run's restart flag.
func startKernel(t *testing.T, interp Interpreter) (*testClient, *Kernel, chan bool) {
	t.Helper()
	info := testConnection(t)
	k := New(Config{Connection: info, Interpreter: interp, Info: Info{Implementation: "test", LanguageVersion: "1.26"}})
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan bool, 1)
	go func() {
		restart, err := k.Run(ctx)
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		stopped <- restart
	}()
	t.Cleanup(cancel)
	c := dialClient(t, info)
	c.waitReady()
	return c, k, stopped
}

func dialClient(t *testing.T, info wire.ConnectionInfo) *testClient {
	ctx := context.Background()
	id := zmq4.SocketIdentity(uuid.NewString())
	c := &testClient{t: t, info: info, signer: wire.NewSigner(info.Key), session: string(id),
		shell: zmq4.NewDealer(ctx, zmq4.WithID(id)), control: zmq4.NewDealer(ctx, zmq4.WithID(id)),
		stdin: zmq4.NewDealer(ctx, zmq4.WithID(id)), iopub: zmq4.NewSub(ctx),
		iopubMsgs: make(chan *wire.Message, 1000), shellMsgs: make(chan *wire.Message, 100),
		ctrlMsgs: make(chan *wire.Message, 100), stdinMsgs: make(chan *wire.Message, 100)}
	dial := func(s zmq4.Socket, port int, into chan *wire.Message) {
		var err error
		for range 50 { // the kernel may still be binding
			if err = s.Dial(info.Addr(port)); err == nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if err != nil {
			t.Fatalf("dial %d: %v", port, err)
		}
		go c.read(s, into)
		t.Cleanup(func() { s.Close() })
	}
	c.iopub.SetOption(zmq4.OptionSubscribe, "")
	dial(c.iopub, info.IOPubPort, c.iopubMsgs)
	dial(c.shell, info.ShellPort, c.shellMsgs)
	dial(c.control, info.ControlPort, c.ctrlMsgs)
	dial(c.stdin, info.StdinPort, c.stdinMsgs)
	return c
}

func (c *testClient) read(s zmq4.Socket, into chan *wire.Message) {
	for {
		raw, err := s.Recv()
		if err != nil {
			return
		}
		m, err := wire.Decode(raw.Frames, c.signer)
		if err != nil {
			c.t.Errorf("client received an undecodable message: %v", err)
			continue
		}
		into <- m
	}
}

// waitReady sends kernel_info until iopub delivers (slow joiner).
func (c *testClient) waitReady() {
	for range 100 {
		c.send(c.shell, "kernel_info_request", map[string]any{})
		select {
		case <-c.iopubMsgs:
			c.drain(300 * time.Millisecond)
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
	c.t.Fatal("kernel never published on iopub")
}

// drain discards messages until quiet for d.
func (c *testClient) drain(d time.Duration) {
	for {
		select {
		case <-c.iopubMsgs:
		case <-c.shellMsgs:
		case <-c.ctrlMsgs:
		case <-time.After(d):
			return
		}
	}
}

func (c *testClient) send(s zmq4.Socket, msgType string, content any) string {
	h := wire.NewHeader(msgType, c.session, "tester")
	m := &wire.Message{Header: h, Content: mustJSON(content)}
	frames, err := wire.Encode(m, c.signer)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatal(err)
	}
	return h.MsgID
}

// sendReply answers parent (an input_request) on s.
func (c *testClient) sendReply(s zmq4.Socket, msgType string, parent *wire.Message, body any) {
	m := &wire.Message{Header: wire.NewHeader(msgType, c.session, "tester"),
		ParentHeader: parent.RawHeader(), Content: mustJSON(body)}
	frames, err := wire.Encode(m, c.signer)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		c.t.Fatal(err)
	}
}

func (c *testClient) execute(code string, extra map[string]any) string {
	content := map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": true, "stop_on_error": true}
	for k, v := range extra {
		content[k] = v
	}
	return c.send(c.shell, "execute_request", content)
}

func (c *testClient) next(ch chan *wire.Message, what string) *wire.Message {
	c.t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(5 * time.Second):
		c.t.Fatalf("timed out waiting for %s", what)
		return nil
	}
}

// iopubUntilIdle collects the iopub messages of request id up to its idle.
func (c *testClient) iopubUntilIdle(id string) []*wire.Message {
	c.t.Helper()
	var got []*wire.Message
	for {
		m := c.next(c.iopubMsgs, "iopub of "+id)
		if parentID(m) != id {
			continue
		}
		got = append(got, m)
		if m.Header.MsgType == "status" && content(m)["execution_state"] == "idle" {
			return got
		}
	}
}

func parentID(m *wire.Message) string {
	var h wire.Header
	json.Unmarshal(m.ParentHeader, &h)
	return h.MsgID
}

func content(m *wire.Message) map[string]any {
	var v map[string]any
	json.Unmarshal(m.Content, &v)
	return v
}

func types(msgs []*wire.Message) string {
	s := ""
	for _, m := range msgs {
		t := m.Header.MsgType
		if t == "status" {
			t = fmt.Sprint(content(m)["execution_state"])
		}
		s += t + " "
	}
	return s
}
