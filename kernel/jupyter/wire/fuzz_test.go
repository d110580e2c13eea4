package wire

import (
	"testing"
	"unicode/utf8"
)

func FuzzDecode(f *testing.F) {
	s := NewSigner(testKey)
	f.Add([]byte("id"), []byte(hdr), []byte("{}"), []byte(`{"code":"1"}`), true)
	f.Add([]byte(""), []byte(`{"msg_type":"x"}`), []byte("null"), []byte("\xff"), false)
	f.Fuzz(func(t *testing.T, id, header, meta, content []byte, sign bool) {
		sig := []byte("0000")
		if sign {
			sig = []byte(s.Sign(header, []byte("{}"), meta, content))
		}
		m, err := Decode([][]byte{id, delimiter, sig, header, []byte("{}"), meta, content}, s)
		if err != nil {
			return
		}
		if !sign {
			t.Fatal("accepted a message with a bad signature")
		}
		for _, b := range [][]byte{header, meta, content} {
			if !utf8.Valid(b) {
				t.Fatal("accepted a frame that is not UTF-8")
			}
		}
		if _, err := Encode(m, s); err != nil {
			t.Fatalf("re-encode a decoded message: %v", err)
		}
	})
}

func FuzzParseConnectionInfo(f *testing.F) {
	f.Add([]byte(`{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"127.0.0.1","key":"k"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConnectionInfo(data)
		if err == nil && c.Addr(c.ShellPort) == "" {
			t.Fatal("valid info with empty address")
		}
	})
}
