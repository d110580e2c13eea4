package kernel

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
