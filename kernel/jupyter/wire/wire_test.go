package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"testing"
)

const testKey = "a0436f6c-1916-498b-8eb9-e81ab9368e84"

// Vectors computed with jupyter_client 7.4.9: Session(key=...).sign(frames).
var signVectors = []struct {
	frames [4]string
	sig    string
}{
	{[4]string{`{"msg_id":"1","session":"s","username":"u","date":"2026-01-01T00:00:00.000000Z","msg_type":"kernel_info_request","version":"5.3"}`, `{}`, `{}`, `{}`},
		"85c51ff0c1bbac340ee92142c901f41e74a74d6e55341e7856df0e0af207b82d"},
	{[4]string{`{"msg_id":"2","msg_type":"execute_request"}`, `{"msg_id":"1"}`, `{"cellId":"x"}`, "{\"code\":\"fmt.Println(\\\"h\u00e9llo, \u4e16\u754c\\\")\"}"},
		"7212eb94f833a0f2e580cb40e20cd62f0aa8083a5ee6a6391a449dc51af06074"},
}

func TestSignMatchesJupyterClient(t *testing.T) {
	s := NewSigner(testKey)
	for _, v := range signVectors {
		f := v.frames
		got := s.Sign([]byte(f[0]), []byte(f[1]), []byte(f[2]), []byte(f[3]))
		if got != v.sig {
			t.Errorf("Sign(%s) = %s, want %s", f[0], got, v.sig)
		}
		if !s.Verify([]byte(v.sig), []byte(f[0]), []byte(f[1]), []byte(f[2]), []byte(f[3])) {
			t.Errorf("Verify rejected the jupyter_client signature of %s", f[0])
		}
	}
}

func TestVerifyRejects(t *testing.T) {
	s := NewSigner(testKey)
	f := signVectors[0].frames
	frames := [][]byte{[]byte(f[0]), []byte(f[1]), []byte(f[2]), []byte(f[3])}
	good := signVectors[0].sig
	for name, sig := range map[string]string{
		"empty":     "",
		"truncated": good[:20],
		"flipped":   "95" + good[2:],
		"not hex":   "zz" + good[2:],
		"other key": NewSigner("other").Sign(frames...),
	} {
		if s.Verify([]byte(sig), frames...) {
			t.Errorf("%s signature accepted", name)
		}
	}
}

func TestEmptyKeyDisablesSigning(t *testing.T) {
	s := NewSigner("")
	if got := s.Sign([]byte("{}")); got != "" {
		t.Errorf("Sign with empty key = %q, want empty", got)
	}
	if !s.Verify([]byte("anything"), []byte("{}")) {
		t.Error("empty key must accept any signature")
	}
}

func frames(parts ...string) [][]byte {
	out := make([][]byte, len(parts))
	for i, p := range parts {
		out[i] = []byte(p)
	}
	return out
}

func signed(s *Signer, ids []string, header, parent, meta, content string, buffers ...string) [][]byte {
	f := frames(ids...)
	f = append(f, delimiter, []byte(s.Sign([]byte(header), []byte(parent), []byte(meta), []byte(content))))
	f = append(f, frames(header, parent, meta, content)...)
	return append(f, frames(buffers...)...)
}

const hdr = `{"msg_id":"m1","session":"s1","username":"u","date":"2026-01-01T00:00:00Z","msg_type":"execute_request","version":"5.3"}`

func TestDecodeGood(t *testing.T) {
	s := NewSigner(testKey)
	m, err := Decode(signed(s, []string{"id1", "id2"}, hdr, `{}`, `{"cellId":"c"}`, `{"code":"1"}`, "buf"), s)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Identities) != 2 || string(m.Identities[1]) != "id2" {
		t.Errorf("identities = %q", m.Identities)
	}
	if m.Header.MsgType != "execute_request" || m.Header.MsgID != "m1" {
		t.Errorf("header = %+v", m.Header)
	}
	if string(m.RawHeader()) != hdr {
		t.Errorf("raw header changed: %s", m.RawHeader())
	}
	if string(m.Content) != `{"code":"1"}` || len(m.Buffers) != 1 {
		t.Errorf("content %s buffers %q", m.Content, m.Buffers)
	}
}

func TestDecodeMalformed(t *testing.T) {
	s := NewSigner(testKey)
	good := signed(s, []string{"id"}, hdr, `{}`, `{}`, `{}`)
	badSig := signed(s, []string{"id"}, hdr, `{}`, `{}`, `{}`)
	badSig[2] = []byte("00" + string(badSig[2][2:]))
	cases := map[string]struct {
		frames [][]byte
		want   error
	}{
		"no delimiter":       {frames("id", "sig", hdr, "{}", "{}", "{}"), ErrNoDelimiter},
		"too few frames":     {good[:5], ErrTooFewParts},
		"bad signature":      {badSig, ErrSignature},
		"missing sig":        {append(frames("id", "<IDS|MSG>", ""), good[3:]...), ErrSignature},
		"header not json":    {signed(s, nil, `{"msg_type":`, `{}`, `{}`, `{}`), nil},
		"content invalid":    {signed(s, nil, hdr, `{}`, `{}`, "\xff"), nil},
		"no msg_type":        {signed(s, nil, `{"msg_id":"x"}`, `{}`, `{}`, `{}`), nil},
		"header wrong types": {signed(s, nil, `{"msg_id":1,"msg_type":["x"]}`, `{}`, `{}`, `{}`), nil},
	}
	for name, c := range cases {
		m, err := Decode(c.frames, s)
		if err == nil || m != nil {
			t.Errorf("%s: decoded without error", name)
			continue
		}
		if c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	s := NewSigner(testKey)
	m := &Message{
		Identities:   frames("peer"),
		Header:       NewHeader("status", "sess", "kernel"),
		ParentHeader: json.RawMessage(hdr),
		Content:      json.RawMessage(`{"execution_state":"busy"}`),
	}
	f, err := Encode(m, s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f[0], []byte("peer")) || !bytes.Equal(f[1], delimiter) {
		t.Fatalf("bad framing %q", f[:2])
	}
	if string(f[5]) != "{}" {
		t.Errorf("nil metadata encoded as %q, want {}", f[5])
	}
	back, err := Decode(f, s)
	if err != nil {
		t.Fatal(err)
	}
	if back.Header != m.Header || string(back.ParentHeader) != hdr {
		t.Errorf("round trip changed the message: %+v", back.Header)
	}
}

func TestHeaderDate(t *testing.T) {
	h := NewHeader("status", "s", "u")
	// jupyter_client's ISO8601 pattern: at most 6 fractional digits and a zone.
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$`).MatchString(h.Date) {
		t.Errorf("date %q is not ISO 8601 with microseconds and zone", h.Date)
	}
	if h.Version != "5.3" || h.MsgID == NewHeader("status", "s", "u").MsgID {
		t.Errorf("header %+v: wrong version or repeated msg_id", h)
	}
}

func TestConnectionInfo(t *testing.T) {
	good := `{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"127.0.0.1","key":"k","transport":"tcp","signature_scheme":"hmac-sha256","kernel_name":"gokernel","extra":[1]}`
	c, err := ParseConnectionInfo([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr(c.ShellPort) != "tcp://127.0.0.1:1" || c.Key != "k" {
		t.Errorf("parsed %+v", c)
	}
	ipc := `{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"/tmp/kernel-x","key":"","transport":"ipc"}`
	c, err = ParseConnectionInfo([]byte(ipc))
	if err != nil || c.Addr(c.HBPort) != "ipc:///tmp/kernel-x-5" || c.SignatureScheme != "hmac-sha256" {
		t.Errorf("ipc: %+v %v", c, err)
	}
	for name, bad := range map[string]string{
		"not json":    `{`,
		"udp":         `{"transport":"udp","ip":"x","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`,
		"no ip":       `{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`,
		"port 0":      `{"ip":"x","shell_port":0,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`,
		"bad scheme":  `{"ip":"x","signature_scheme":"hmac-md5","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`,
		"port string": `{"ip":"x","shell_port":"1","iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`,
	} {
		if _, err := ParseConnectionInfo([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
