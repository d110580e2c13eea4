package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// ProtocolVersion is the messaging protocol version gokernel speaks. It stays
// at 5.3: zmq4's XPUB cannot deliver subscriptions, so iopub_welcome (5.5) is
// impossible.
const ProtocolVersion = "5.3"

// delimiter separates routing identities from the signed message frames.
var delimiter = []byte("<IDS|MSG>")

// Header is a message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message. ParentHeader, Metadata and Content are kept
// as raw JSON: a reply copies its request's header byte for byte, and content
// is decoded by whoever knows its type.
type Message struct {
	Identities   [][]byte
	Header       Header
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte

	rawHeader json.RawMessage
}

// RawHeader returns the header exactly as it arrived (or as it will be sent),
// which is what a reply must carry as its parent_header.
func (m *Message) RawHeader() json.RawMessage {
	if m.rawHeader != nil {
		return m.rawHeader
	}
	b, _ := json.Marshal(m.Header)
	return b
}

// DateFormat is ISO 8601 with microseconds and a zone: jupyter_client cannot
// parse more than six fractional digits.
const DateFormat = "2006-01-02T15:04:05.000000Z07:00"

// NewHeader returns a fresh header of msgType for session.
func NewHeader(msgType, session, username string) Header {
	return Header{
		MsgID:    uuid.NewString(),
		Session:  session,
		Username: username,
		Date:     time.Now().UTC().Format(DateFormat),
		MsgType:  msgType,
		Version:  ProtocolVersion,
	}
}

// Errors returned by Decode.
var (
	ErrNoDelimiter = errors.New("no <IDS|MSG> delimiter")
	ErrTooFewParts = errors.New("fewer than 5 frames after the delimiter")
	ErrSignature   = errors.New("invalid signature")
)

// Decode parses the frames of a received message and checks its signature.
// A message that fails the check is returned with ErrSignature and must not
// be acted on.
func Decode(frames [][]byte, s *Signer) (*Message, error) {
	i := delimiterIndex(frames)
	if i < 0 {
		return nil, ErrNoDelimiter
	}
	parts := frames[i+1:]
	if len(parts) < 5 {
		return nil, ErrTooFewParts
	}
	if !s.Verify(parts[0], parts[1], parts[2], parts[3], parts[4]) {
		return nil, ErrSignature
	}
	m := &Message{Identities: frames[:i], Buffers: parts[5:]}
	if err := m.decodeJSON(parts[1:5]); err != nil {
		return nil, err
	}
	return m, nil
}

func delimiterIndex(frames [][]byte) int {
	for i, f := range frames {
		if bytes.Equal(f, delimiter) {
			return i
		}
	}
	return -1
}

func (m *Message) decodeJSON(parts [][]byte) error {
	// JSON must be UTF-8 (RFC 8259), and Go's decoder would silently
	// replace bad bytes; worse, the raw header is echoed as the parent of
	// every reply and iopub message, where it would break every client.
	for k, name := range []string{"header", "parent_header", "metadata", "content"} {
		if !utf8.Valid(parts[k]) {
			return fmt.Errorf("%s: invalid UTF-8", name)
		}
	}
	if err := json.Unmarshal(parts[0], &m.Header); err != nil {
		return fmt.Errorf("header: %w", err)
	}
	if m.Header.MsgType == "" {
		return errors.New("header: missing msg_type")
	}
	names := []string{"parent_header", "metadata", "content"}
	for k, dst := range []*json.RawMessage{&m.ParentHeader, &m.Metadata, &m.Content} {
		if !json.Valid(parts[k+1]) {
			return fmt.Errorf("%s: invalid JSON", names[k])
		}
		*dst = parts[k+1]
	}
	m.rawHeader = parts[0]
	return nil
}

// Encode returns the frames of m, signed with s. Empty parent header,
// metadata and content are sent as {} (never null).
func Encode(m *Message, s *Signer) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, fmt.Errorf("encode header: %w", err)
	}
	parent, meta, content := orEmpty(m.ParentHeader), orEmpty(m.Metadata), orEmpty(m.Content)
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, delimiter, []byte(s.Sign(header, parent, meta, content)),
		header, parent, meta, content)
	return append(frames, m.Buffers...), nil
}

func orEmpty(raw json.RawMessage) []byte {
	if len(raw) == 0 || string(raw) == "null" {
		return []byte("{}")
	}
	return raw
}
