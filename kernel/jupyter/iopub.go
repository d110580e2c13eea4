package jupyter

import (
	"encoding/json"
	"log"
	"time"

	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

// Stream coalescing: text written to a stream is held for up to
// streamInterval, or until streamMaxBytes accumulate, and sent as one
// message. Any other iopub message first flushes what is held, so outputs
// keep the order the program made them in.
const (
	streamInterval = 50 * time.Millisecond
	streamMaxBytes = 1 << 20
)

// publisher is the only writer of the iopub socket.
type publisher struct {
	items chan pubItem
	quit  chan struct{} // closed to stop the publisher
	done  chan struct{} // closed when the publisher has stopped
}

// pubItem is one request to the publisher goroutine: a message to send, a
// stream chunk to coalesce, or (flushed != nil) a flush to acknowledge.
type pubItem struct {
	msg     *wire.Message
	chunk   *streamChunk
	flushed chan struct{}
}

type streamChunk struct {
	parent json.RawMessage
	name   string
	text   string
}

// pendingStream is coalesced text waiting to be sent, as the chunks it
// came in.
type pendingStream struct {
	parent json.RawMessage
	name   string
	chunks []string
}

func newPublisher(send func(*wire.Message) error) *publisher {
	p := &publisher{items: make(chan pubItem, 1024), quit: make(chan struct{}), done: make(chan struct{})}
	go p.run(send)
	return p
}

// publish queues msg after everything queued before it.
func (p *publisher) publish(msg *wire.Message) { p.put(pubItem{msg: msg}) }

// stream queues text for the named stream of the request parent.
func (p *publisher) stream(parent json.RawMessage, name, text string) {
	p.put(pubItem{chunk: &streamChunk{parent, name, text}})
}

// flush returns once everything queued before it has been sent.
func (p *publisher) flush() {
	ch := make(chan struct{})
	if p.put(pubItem{flushed: ch}) {
		<-ch
	}
}

// put queues it unless the publisher has stopped.
func (p *publisher) put(it pubItem) bool {
	select {
	case p.items <- it:
		return true
	case <-p.done:
		return false
	}
}

// close sends everything queued and stops the publisher; later messages
// are dropped.
func (p *publisher) close() {
	close(p.quit)
	<-p.done
}

func (p *publisher) run(send func(*wire.Message) error) {
	defer close(p.done)
	b := &batcher{send: send, timer: time.NewTimer(time.Hour)}
	b.timer.Stop()
	for {
		select {
		case it := <-p.items:
			b.take(it)
		case <-b.timer.C:
			b.flush()
		case <-p.quit:
			for {
				select {
				case it := <-p.items:
					b.take(it)
				default:
					b.flush()
					return
				}
			}
		}
	}
}

// batcher is the publisher goroutine's state: stream text waiting to be
// sent and the timer that sends it.
type batcher struct {
	send    func(*wire.Message) error
	pending []*pendingStream
	size    int
	timer   *time.Timer
	errs    logLimiter
}

func (b *batcher) take(it pubItem) {
	switch {
	case it.chunk != nil:
		if len(b.pending) == 0 {
			b.timer.Reset(streamInterval)
		}
		b.pending = appendChunk(b.pending, it.chunk)
		if b.size += len(it.chunk.text); b.size >= streamMaxBytes {
			b.flush()
		}
	case it.msg != nil:
		b.flush()
		b.sendLogged(it.msg)
	default:
		b.flush()
		close(it.flushed)
	}
}

// flush sends the pending stream text.
func (b *batcher) flush() {
	for _, s := range b.pending {
		b.sendLogged(streamMessage(s))
	}
	b.pending, b.size = nil, 0
	b.timer.Stop()
}

func (b *batcher) sendLogged(m *wire.Message) {
	if err := b.send(m); err != nil {
		b.errs.printf("iopub: %v", err)
	}
}

// appendChunk adds c to the last pending stream when it has the same stream
// and parent, else starts a new one.
func appendChunk(pending []*pendingStream, c *streamChunk) []*pendingStream {
	if n := len(pending); n > 0 {
		last := pending[n-1]
		if last.name == c.name && string(last.parent) == string(c.parent) {
			last.chunks = append(last.chunks, c.text)
			return pending
		}
	}
	return append(pending, &pendingStream{parent: c.parent, name: c.name, chunks: []string{c.text}})
}

func streamMessage(s *pendingStream) *wire.Message {
	return &wire.Message{
		Header:       wire.Header{MsgType: "stream"},
		ParentHeader: s.parent,
		Content:      streamContent(s.name, s.chunks),
	}
}

// mustJSON encodes v, which is always a value of known-safe types.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		log.Printf("encode message content: %v", err)
		return json.RawMessage(`{}`)
	}
	return b
}
