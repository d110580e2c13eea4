package jupyter

import (
	"encoding/binary"
	"testing"
)

// FuzzGuardScan feeds the ZMTP guard arbitrary streams in arbitrary
// chunks: it must never panic, must accept a well-formed stream and must
// reject any frame announcing more than maxMessageBytes.
func FuzzGuardScan(f *testing.F) {
	good := append(zmtpGreeting(), 0x04, 6, 5, 'R', 'E', 'A', 'D', 'Y', 0x01, 1, 'a', 0x00, 0)
	f.Add(good, uint8(7))
	f.Add(append(zmtpGreeting(), binary.BigEndian.AppendUint64([]byte{0x02}, 1<<62)...), uint8(1))
	f.Add([]byte("GET / HTTP/1.1\r\n\r\n"), uint8(3))
	f.Fuzz(func(t *testing.T, stream []byte, chunk uint8) {
		c := &guardedConn{greeting: greetingBytes}
		step := int(chunk%64) + 1
		var err error
		for i := 0; i < len(stream) && err == nil; i += step {
			err = c.scan(stream[i:min(len(stream), i+step)])
		}
		if err == nil && (c.body > maxMessageBytes || c.msgBytes > maxMessageBytes) {
			t.Fatalf("accepted a frame of %d bytes", c.body)
		}
	})
}

func TestGuardAcceptsWellFormedStream(t *testing.T) {
	stream := append(zmtpGreeting(), 0x04, 6, 5, 'R', 'E', 'A', 'D', 'Y')
	stream = append(stream, 0x01, 0, 0x02)
	stream = binary.BigEndian.AppendUint64(stream, 300)
	stream = append(stream, make([]byte, 300)...)
	for step := 1; step < 70; step++ {
		c := &guardedConn{greeting: greetingBytes}
		for i := 0; i < len(stream); i += step {
			if err := c.scan(stream[i:min(len(stream), i+step)]); err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
		}
		if !c.handshakeDone.Load() || c.body != 0 || c.msgBytes != 0 {
			t.Fatalf("step %d: state %+v", step, c)
		}
	}
}

// TestOutFramingCompletesMessages checks the write-side framing that
// coalesces zmq4's writes: a message is complete only after the body of
// its last frame, and the greeting and commands are sent on their own.
func TestOutFramingCompletesMessages(t *testing.T) {
	var o outFraming
	o.greeting = greetingBytes
	if o.add(make([]byte, 10)) || !o.add(make([]byte, greetingBytes-10)) {
		t.Fatal("greeting not complete after 64 bytes")
	}
	o.pending = nil
	steps := []struct {
		b        []byte
		complete bool
	}{
		{[]byte{0x04, 5}, false},                      // READY command header
		{[]byte("READY"), true},                       // its body: a command is sent alone
		{[]byte{0x01, 3}, false},                      // first frame, more follows
		{[]byte("ids"), false},                        //
		{[]byte{0x02, 0, 0, 0, 0, 0, 0, 1, 0}, false}, // last frame, long size 256
		{make([]byte, 200), false},                    //
		{make([]byte, 56), true},                      // body done: message complete
		{[]byte{0x00, 0}, true},                       // an empty last frame
	}
	for i, s := range steps {
		if got := o.add(s.b); got != s.complete {
			t.Fatalf("step %d: complete = %v, want %v", i, got, s.complete)
		}
	}
}
