package jupyter

import (
	"encoding/json"
	"errors"
	"sync"

	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

// Errors of input requests.
var (
	errStdinNotAllowed  = errors.New("this client does not accept input (allow_stdin is false): the cell cannot read from stdin")
	errInputInterrupted = errors.New("input interrupted")
	// ErrEOF is returned when the user ends input (the client sends "\x04").
	ErrEOF = errors.New("EOF")
)

// stdinChannel sends input_request messages and waits for their replies.
type stdinChannel struct {
	c      *channel
	signer *wire.Signer

	mu      sync.Mutex
	waiting chan string   // receives the value of the awaited reply
	cancel  chan struct{} // closed to abandon the awaited reply
}

func newStdinChannel(c *channel, signer *wire.Signer) *stdinChannel {
	return &stdinChannel{c: c, signer: signer}
}

// ask sends an input_request routed like the shell request parent and waits
// for the answer.
func (s *stdinChannel) ask(parent *wire.Message, prompt string, password bool, session string) (string, error) {
	replies, cancel := make(chan string, 1), make(chan struct{})
	s.mu.Lock()
	s.waiting, s.cancel = replies, cancel
	s.mu.Unlock()
	defer s.forget(replies)
	m := &wire.Message{
		Identities:   parent.Identities,
		Header:       wire.NewHeader("input_request", session, "kernel"),
		ParentHeader: parent.RawHeader(),
		Content:      mustJSON(map[string]any{"prompt": prompt, "password": password}),
	}
	frames, err := wire.Encode(m, s.signer)
	if err == nil {
		err = s.c.send(frames)
	}
	if err != nil {
		return "", err
	}
	select {
	case v := <-replies:
		if v == "\x04" {
			return "", ErrEOF
		}
		return v, nil
	case <-cancel:
		return "", errInputInterrupted
	}
}

func (s *stdinChannel) forget(replies chan string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.waiting == replies {
		s.waiting, s.cancel = nil, nil
	}
}

// onReply delivers an input_reply to the waiting request. Extra keys (VS
// Code adds status) are ignored.
func (s *stdinChannel) onReply(m *wire.Message) {
	if m.Header.MsgType != "input_reply" {
		return
	}
	var reply struct {
		Value string `json:"value"`
	}
	if json.Unmarshal(m.Content, &reply) != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.waiting != nil {
		select {
		case s.waiting <- reply.Value:
		default:
		}
	}
}

// interrupt abandons the awaited reply, if any.
func (s *stdinChannel) interrupt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		close(s.cancel)
		s.cancel = nil
	}
}
