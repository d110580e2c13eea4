package wire

import (
	"encoding/json"
	"strings"
	"testing"
)

// Benchmarks of what every message pays: signing, verifying, encoding and
// decoding. Run with
//
//	go test -run '^$' -bench . -benchmem ./kernel/jupyter/wire

// benchFrames are the four signed frames of a typical execute_request.
func benchFrames() [][]byte {
	return [][]byte{
		[]byte(`{"msg_id":"c0ffee00-1111-2222-3333-444455556666_1","session":"c0ffee00-1111-2222-3333-444455556666","username":"user","date":"2026-01-01T00:00:00.000000Z","msg_type":"execute_request","version":"5.3"}`),
		[]byte(`{}`),
		[]byte(`{"cellId":"a3f9"}`),
		[]byte(`{"code":"1+1","silent":false,"store_history":true,"user_expressions":{},"allow_stdin":true,"stop_on_error":true}`),
	}
}

func BenchmarkSign(b *testing.B) {
	s := NewSigner(testKey)
	frames := benchFrames()
	b.ReportAllocs()
	for b.Loop() {
		s.Sign(frames...)
	}
}

func BenchmarkVerify(b *testing.B) {
	s := NewSigner(testKey)
	frames := benchFrames()
	sig := []byte(s.Sign(frames...))
	b.ReportAllocs()
	for b.Loop() {
		if !s.Verify(sig, frames...) {
			b.Fatal("Verify rejected a good signature")
		}
	}
}

// BenchmarkSign1MB signs a coalesced stream message at the publisher's
// flush size (streamMaxBytes in package jupyter).
func BenchmarkSign1MB(b *testing.B) {
	s := NewSigner(testKey)
	frames := benchFrames()
	frames[3] = streamContent(1 << 20)
	b.SetBytes(int64(len(frames[3])))
	b.ReportAllocs()
	for b.Loop() {
		s.Sign(frames...)
	}
}

// streamContent is the content of a stream message carrying n bytes of
// short lines.
func streamContent(n int) []byte {
	var sb strings.Builder
	for i := 0; sb.Len() < n; i++ {
		sb.WriteString("line of output\n")
	}
	b, _ := json.Marshal(map[string]string{"name": "stdout", "text": sb.String()[:n]})
	return b
}

func benchMessage(content []byte) *Message {
	return &Message{
		Identities:   [][]byte{[]byte("kernel.c0ffee00.stream")},
		Header:       NewHeader("execute_reply", "c0ffee00-1111-2222-3333-444455556666", "kernel"),
		ParentHeader: benchFrames()[0],
		Content:      content,
	}
}

func BenchmarkEncode(b *testing.B) {
	s := NewSigner(testKey)
	m := benchMessage([]byte(`{"status":"ok","execution_count":1,"payload":[],"user_expressions":{}}`))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(m, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeStream1MB(b *testing.B) {
	s := NewSigner(testKey)
	m := benchMessage(streamContent(1 << 20))
	b.SetBytes(int64(len(m.Content)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(m, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewHeader is the per-message header (uuid, timestamp) every
// reply and iopub message gets.
func BenchmarkNewHeader(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewHeader("stream", "c0ffee00-1111-2222-3333-444455556666", "kernel")
	}
}

func BenchmarkDecode(b *testing.B) {
	s := NewSigner(testKey)
	f := benchFrames()
	frames := append([][]byte{[]byte("client-id"), delimiter, []byte(s.Sign(f...))}, f...)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(frames, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeLargeCell decodes an execute_request carrying a 64 KiB
// cell (JSON validation and the HMAC both scale with the content).
func BenchmarkDecodeLargeCell(b *testing.B) {
	s := NewSigner(testKey)
	f := benchFrames()
	code, _ := json.Marshal(map[string]any{"code": strings.Repeat("x := 1\n", 64<<10/7), "silent": false})
	f[3] = code
	frames := append([][]byte{[]byte("client-id"), delimiter, []byte(s.Sign(f...))}, f...)
	b.SetBytes(int64(len(code)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(frames, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRoundTrip encodes a reply and decodes it again, as a message
// crossing the wire between two gokernel peers would be.
func BenchmarkRoundTrip(b *testing.B) {
	s := NewSigner(testKey)
	m := benchMessage([]byte(`{"status":"ok","execution_count":1,"payload":[],"user_expressions":{}}`))
	b.ReportAllocs()
	for b.Loop() {
		frames, err := Encode(m, s)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Decode(frames, s); err != nil {
			b.Fatal(err)
		}
	}
}
