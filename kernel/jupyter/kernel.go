package jupyter

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/gokernel/gokernel/kernel/jupyter/history"
	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

// Info describes the kernel and its language for kernel_info_reply.
type Info struct {
	Implementation        string
	ImplementationVersion string
	LanguageVersion       string
	Banner                string
	HelpLinks             []HelpLink
}

// HelpLink is an entry of the help menu.
type HelpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// Config is what a kernel needs to run.
type Config struct {
	Connection  wire.ConnectionInfo
	Interpreter Interpreter
	History     *history.Store // may be nil: history requests then answer empty
	Info        Info
}

// Kernel serves one Jupyter connection.
type Kernel struct {
	cfg     Config
	signer  *wire.Signer
	session string
	socks   *sockets
	pub     *publisher

	execQueue chan *wire.Message
	stdin     *stdinChannel

	mu        sync.Mutex
	execCount int

	// A shutdown request sets stopping (and restart); the kernel stops once
	// the request's idle status is queued.
	stopping, restart atomic.Bool
	stop              chan bool
	stopOnce          sync.Once

	// sendLog rate-limits failed sends: a client that vanished or stopped
	// reading would otherwise log one line per message.
	sendLog logLimiter
}

// lingerDelay is how long the kernel waits at exit for queued messages.
const lingerDelay = 100 * time.Millisecond

// New prepares a kernel; Run binds its sockets and serves.
func New(cfg Config) *Kernel {
	if cfg.Connection.Key == "" {
		log.Printf("WARNING: the connection file has an empty key: messages are not signed, anyone who can reach the ports can run code")
	}
	return &Kernel{
		cfg:       cfg,
		signer:    wire.NewSigner(cfg.Connection.Key),
		session:   uuid.NewString(),
		execQueue: make(chan *wire.Message, 4096),
		stop:      make(chan bool, 1),
	}
}

// Run binds the sockets and serves until ctx is canceled or a shutdown
// request arrives. It returns the restart flag of the shutdown request.
func (k *Kernel) Run(ctx context.Context) (restart bool, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	socks, err := bind(ctx, k.cfg.Connection)
	if err != nil {
		return false, err
	}
	k.socks = socks
	defer k.cleanup()
	k.pub = newPublisher(k.sendIOPub)
	k.stdin = newStdinChannel(socks.stdin, k.signer)
	if s, ok := k.cfg.Interpreter.(Starter); ok {
		s.Start()
	}
	go heartbeat(socks.hb)
	go receive(socks.shell, k.signer, k.onShell)
	go receive(socks.control, k.signer, k.onControl)
	go receive(socks.stdin, k.signer, k.stdin.onReply)
	go k.executeLoop(ctx)
	select {
	case <-ctx.Done():
		return false, nil
	case restart = <-k.stop:
		return restart, nil
	}
}

func (k *Kernel) cleanup() {
	k.cfg.Interpreter.Close()
	k.pub.close()
	// zmq4 sends from a queue of its own and has no linger option: give the
	// last messages (the shutdown request's idle) time to leave.
	time.Sleep(lingerDelay)
	k.socks.close()
	for _, p := range ipcPaths(k.cfg.Connection) {
		os.Remove(p)
	}
	if k.cfg.History != nil {
		k.cfg.History.Close()
	}
}

// Interrupt stops the running cell and any pending input request. The
// SIGINT handler and interrupt_request both land here.
func (k *Kernel) Interrupt() {
	k.cfg.Interpreter.Interrupt()
	if k.stdin != nil {
		k.stdin.interrupt()
	}
}

// onShell routes a shell message. Executes are queued for the execution
// goroutine; everything else is answered at once, so completion and
// inspection answer while a cell runs.
func (k *Kernel) onShell(m *wire.Message) {
	if m.Header.MsgType == "execute_request" {
		k.execQueue <- m
		return
	}
	k.handle(k.socks.shell, m)
}

func (k *Kernel) onControl(m *wire.Message) {
	k.handle(k.socks.control, m)
}

// handle answers one non-execute request between busy and idle.
func (k *Kernel) handle(c *channel, m *wire.Message) {
	k.status(m, "busy")
	if h, ok := handlers[m.Header.MsgType]; ok {
		h(k, c, m)
	} else {
		k.reply(c, m, replyType(m.Header.MsgType), errorContent("UnknownRequest",
			fmt.Sprintf("gokernel does not handle %q messages", m.Header.MsgType)))
	}
	k.status(m, "idle")
	if k.stopping.Load() {
		k.stopOnce.Do(func() { k.stop <- k.restart.Load() })
	}
}

func (k *Kernel) executeLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-k.execQueue:
			k.status(m, "busy")
			k.execute(ctx, m)
			k.status(m, "idle")
		}
	}
}

// nextCount increments the execution counter when stored, and returns the
// count the request reports.
func (k *Kernel) nextCount(stored bool) int {
	k.mu.Lock()
	defer k.mu.Unlock()
	if stored {
		k.execCount++
	}
	return k.execCount
}

// status publishes the kernel's execution state with m as parent.
func (k *Kernel) status(m *wire.Message, state string) {
	k.publish(m, "status", map[string]string{"execution_state": state})
}

// publish queues an iopub message with parent m.
func (k *Kernel) publish(parent *wire.Message, msgType string, content any) {
	k.pub.publish(&wire.Message{
		Header:       wire.Header{MsgType: msgType},
		ParentHeader: parent.RawHeader(),
		Content:      mustJSON(content),
	})
}

// sendIOPub stamps, signs and sends an iopub message. The topic frame
// follows ipykernel ("kernel.<session>.<type>"); clients subscribe to all.
func (k *Kernel) sendIOPub(m *wire.Message) error {
	m.Header = wire.NewHeader(m.Header.MsgType, k.session, "kernel")
	m.Identities = [][]byte{[]byte("kernel." + k.session + "." + m.Header.MsgType)}
	frames, err := wire.Encode(m, k.signer)
	if err != nil {
		return err
	}
	return k.socks.iopub.send(frames)
}

// reply sends content as msgType on c, addressed to the sender of parent.
func (k *Kernel) reply(c *channel, parent *wire.Message, msgType string, content any) {
	m := &wire.Message{
		Identities:   parent.Identities,
		Header:       wire.NewHeader(msgType, k.session, "kernel"),
		ParentHeader: parent.RawHeader(),
		Content:      mustJSON(content),
	}
	frames, err := wire.Encode(m, k.signer)
	if err == nil {
		err = c.send(frames)
	}
	if err != nil {
		k.sendLog.printf("reply %s: %v", msgType, err)
	}
}

// replyType maps "x_request" to "x_reply".
func replyType(requestType string) string {
	if base, ok := strings.CutSuffix(requestType, "_request"); ok {
		return base + "_reply"
	}
	return requestType + "_reply"
}

// errorContent is the content of an error reply.
func errorContent(name, value string) map[string]any {
	return map[string]any{"status": "error", "ename": name, "evalue": value,
		"traceback": []string{name + ": " + value}}
}

// decode unmarshals a request's content, answering an error reply when it
// does not fit.
func (k *Kernel) decode(c *channel, m *wire.Message, v any) bool {
	if err := json.Unmarshal(m.Content, v); err != nil {
		k.reply(c, m, replyType(m.Header.MsgType), errorContent("BadRequest",
			fmt.Sprintf("invalid %s content: %v", m.Header.MsgType, err)))
		return false
	}
	return true
}
