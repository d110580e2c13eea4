package jupyter

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// decodeStream decodes streamContent's output with encoding/json.
func decodeStream(t testing.TB, raw json.RawMessage) (name, text string) {
	var c struct{ Name, Text string }
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("streamContent made invalid JSON %q: %v", raw, err)
	}
	return c.Name, c.Text
}

func TestStreamContentEscapes(t *testing.T) {
	chunks := []string{"plain ", "quote \" back\\slash\n", "tab\tcr\r\x00\x1f\x7f", " é中🙂 ", "bad \xff\xfe utf8", "<html> & \u2028"}
	raw := streamContent("stdout", chunks)
	name, text := decodeStream(t, raw)
	// Each invalid byte becomes one U+FFFD, as with encoding/json.
	want := strings.ReplaceAll(strings.Join(chunks, ""), "\xff\xfe", "\uFFFD\uFFFD")
	if name != "stdout" || text != want {
		t.Errorf("decoded name %q text %q, want %q", name, text, want)
	}
	if !strings.Contains(string(raw), `<html> & `) {
		t.Errorf("HTML characters should not be escaped: %s", raw)
	}
}

func FuzzStreamContent(f *testing.F) {
	f.Add("stdout", "hello\n", "wor\"ld\\")
	f.Add("stderr", "\x00\xc3", "\xa9\xff")
	f.Fuzz(func(t *testing.T, name, a, b string) {
		gotName, gotText := decodeStream(t, streamContent(name, []string{a, b}))
		wantName, _ := json.Marshal(name)
		var n string
		json.Unmarshal(wantName, &n)
		if gotName != n {
			t.Errorf("name %q decoded as %q, want %q", name, gotName, n)
		}
		// Each chunk is escaped on its own: an invalid byte is replaced
		// chunk by chunk, as encoding/json would for each.
		want := ""
		for _, c := range []string{a, b} {
			enc, _ := json.Marshal(c)
			var s string
			json.Unmarshal(enc, &s)
			want += s
		}
		if gotText != want || !utf8.ValidString(gotText) {
			t.Errorf("text %q decoded as %q, want %q", a+b, gotText, want)
		}
	})
}

func BenchmarkStreamContent(b *testing.B) {
	line := strings.Repeat("x", 1023) + "\n"
	chunks := make([]string, 1024) // 1 MiB, as streamMaxBytes
	for i := range chunks {
		chunks[i] = line
	}
	b.SetBytes(1 << 20)
	for b.Loop() {
		streamContent("stdout", chunks)
	}
}
