package display_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/gokernel/gokernel/kernel/display"
)

// mimeRE is the MIME key syntax of protocol-checklist C3.
var mimeRE = regexp.MustCompile(`^[\w\-+.]+/[\w\-+.]+$`)

// capture installs a publisher, runs f and returns the messages it sent.
func capture(t *testing.T, f func()) []display.Message {
	t.Helper()
	var (
		mu  sync.Mutex
		got []display.Message
	)
	display.SetPublisher(func(m display.Message) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, m)
	})
	defer display.SetPublisher(nil)
	f()
	mu.Lock()
	defer mu.Unlock()
	return got
}

// checkWellFormed checks what every message must satisfy on the wire.
func checkWellFormed(t *testing.T, m display.Message) {
	t.Helper()
	if m.Data == nil || m.Metadata == nil {
		t.Fatalf("nil data or metadata: %+v", m)
	}
	if _, ok := m.Data["text/plain"].(string); !ok && m.Kind != display.Clear {
		t.Errorf("no text/plain string in %v", m.Data)
	}
	for k := range m.Data {
		if !mimeRE.MatchString(k) {
			t.Errorf("bad MIME key %q", k)
		}
	}
	if _, err := json.Marshal(m.Data); err != nil {
		t.Errorf("data does not marshal: %v", err)
	}
}

// encoded returns a w×h image encoded by enc.
func encoded(t *testing.T, w, h int, enc func(io.Writer, image.Image) error) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{0, 173, 216, 255})
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// keys returns the sorted keys of a bundle.
func keys(b display.MIMEBundle) string {
	var ks []string
	for k := range b {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

func TestFunctions(t *testing.T) {
	pngData := encoded(t, 64, 48, png.Encode)
	jpegData := encoded(t, 8, 4, func(w io.Writer, m image.Image) error { return jpeg.Encode(w, m, nil) })
	gifData := encoded(t, 5, 6, func(w io.Writer, m image.Image) error { return gif.Encode(w, m, nil) })
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"></svg>`
	tests := []struct {
		name  string
		call  func()
		keys  string
		plain string
		data  map[string]any // exact values of some keys
		meta  map[string]any // exact metadata, when given
	}{
		{"html", func() { display.HTML("<h1>Title</h1><p>body &amp; more</p>") }, "text/html text/plain", "Title…", nil, map[string]any{}},
		{"html one line", func() { display.HTML("<b>x</b> &lt;y&gt;") }, "text/html text/plain", "x <y>", nil, nil},
		{"html no text", func() { display.HTML(`<img src="a.png">`) }, "text/html text/plain", "[html]", nil, nil},
		{"html script", func() { display.HTML("<script>var a=1</script>ok") }, "text/html text/plain", "ok", nil, nil},
		{"markdown", func() { display.Markdown("# Hello\n\nworld") }, "text/markdown text/plain", "# Hello…", map[string]any{"text/markdown": "# Hello\n\nworld"}, nil},
		{"markdown long", func() { display.Markdown(strings.Repeat("a", 100)) }, "text/markdown text/plain", strings.Repeat("a", 80) + "…", nil, nil},
		{"svg", func() { display.SVG(svg) }, "image/svg+xml text/plain", "[svg image 10x20]", map[string]any{"image/svg+xml": svg}, nil},
		{"svg unsized", func() { display.SVG("<svg/>") }, "image/svg+xml text/plain", "[svg image]", nil, nil},
		{"latex", func() { display.Latex(`x^2`) }, "text/latex text/plain", "x^2", map[string]any{"text/latex": "$$x^2$$"}, nil},
		{"latex dollar", func() { display.Latex(`$x$`) }, "text/latex text/plain", "$x$", map[string]any{"text/latex": "$x$"}, nil},
		{"latex begin", func() { display.Latex(`\begin{align}a\end{align}`) }, "text/latex text/plain", "", map[string]any{"text/latex": `\begin{align}a\end{align}`}, nil},
		{"text", func() { display.Text("a\nb") }, "text/plain", "a\nb", nil, map[string]any{}},
		{"png", func() { display.PNG(pngData) }, "image/png text/plain", "[image 64x48]",
			map[string]any{"image/png": base64.StdEncoding.EncodeToString(pngData)},
			map[string]any{"image/png": map[string]any{"width": 64, "height": 48}}},
		{"jpeg", func() { display.JPEG(jpegData) }, "image/jpeg text/plain", "[image 8x4]",
			map[string]any{"image/jpeg": base64.StdEncoding.EncodeToString(jpegData)},
			map[string]any{"image/jpeg": map[string]any{"width": 8, "height": 4}}},
		{"gif", func() { display.GIF(gifData) }, "image/gif text/plain", "[image 5x6]", nil,
			map[string]any{"image/gif": map[string]any{"width": 5, "height": 6}}},
		{"png undecodable", func() { display.PNG([]byte("junk")) }, "image/png text/plain", "[image/png, 4 bytes]",
			map[string]any{"image/png": "anVuaw=="}, map[string]any{}},
		{"image", func() { display.Image(image.NewGray(image.Rect(0, 0, 3, 2))) }, "image/png text/plain", "[image 3x2]", nil,
			map[string]any{"image/png": map[string]any{"width": 3, "height": 2}}},
		{"image nil", func() { display.Image(nil) }, "text/plain", "display.Image: nil image", nil, nil},
		{"image empty", func() { display.Image(image.NewRGBA(image.Rectangle{})) }, "text/plain", "", nil, nil},
		{"json", func() { display.JSON(map[string]any{"a": 1, "b": []int{2}}) }, "application/json text/plain", "{\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}",
			map[string]any{"application/json": map[string]any{"a": json.Number("1"), "b": []any{json.Number("2")}}}, nil},
		{"json scalar", func() { display.JSON(1.5) }, "application/json text/plain", "1.5", map[string]any{"application/json": json.Number("1.5")}, nil},
		{"json chan", func() { display.JSON(make(chan int)) }, "text/plain", "display.JSON: json: unsupported type: chan int", nil, nil},
		{"json nan", func() { display.JSON(math.NaN()) }, "text/plain", "display.JSON: json: unsupported value: NaN", nil, nil},
		{"data html", func() { display.Data(display.MIMEBundle{"text/html": "<i>hi</i>"}) }, "text/html text/plain", "hi", nil, nil},
		{"data own plain", func() { display.Data(display.MIMEBundle{"text/html": "<i>hi</i>", "text/plain": "mine"}) }, "text/html text/plain", "mine", nil, nil},
		{"data bytes", func() { display.Data(display.MIMEBundle{"image/png": pngData, "text/csv": []byte("a,b")}) }, "image/png text/csv text/plain", "[image 64x48]",
			map[string]any{"image/png": base64.StdEncoding.EncodeToString(pngData), "text/csv": "a,b"}, nil},
		{"data vendor", func() { display.Data(display.MIMEBundle{"application/vnd.x+json": map[string]any{}}) }, "application/vnd.x+json text/plain", "[application/vnd.x+json]", nil, nil},
		{"data bad key", func() { display.Data(display.MIMEBundle{"not a mime": "x"}) }, "text/plain", `display.Data: invalid MIME type "not a mime"`, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := capture(t, tt.call)
			if len(msgs) != 1 {
				t.Fatalf("got %d messages, want 1", len(msgs))
			}
			m := msgs[0]
			checkWellFormed(t, m)
			if m.Kind != display.Show || m.DisplayID != "" {
				t.Errorf("kind %v id %q, want display_data without id", m.Kind, m.DisplayID)
			}
			if got := keys(m.Data); got != tt.keys {
				t.Errorf("keys %q, want %q", got, tt.keys)
			}
			if tt.plain != "" && m.Data["text/plain"] != tt.plain {
				t.Errorf("text/plain %q, want %q", m.Data["text/plain"], tt.plain)
			}
			for k, want := range tt.data {
				if !jsonEqual(m.Data[k], want) {
					t.Errorf("%s = %#v, want %#v", k, m.Data[k], want)
				}
			}
			if tt.meta != nil && !jsonEqual(m.Metadata, tt.meta) {
				t.Errorf("metadata %v, want %v", m.Metadata, tt.meta)
			}
		})
	}
}

// jsonEqual compares two values by their JSON encodings.
func jsonEqual(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

func TestClearOutput(t *testing.T) {
	for _, wait := range []bool{false, true} {
		msgs := capture(t, func() { display.ClearOutput(wait) })
		if len(msgs) != 1 || msgs[0].Kind != display.Clear || msgs[0].Wait != wait {
			t.Fatalf("ClearOutput(%v) sent %+v", wait, msgs)
		}
		checkWellFormed(t, msgs[0])
	}
}

func TestKindString(t *testing.T) {
	tests := map[display.Kind]string{
		display.Show: "display_data", display.Update: "update_display_data",
		display.Clear: "clear_output", display.Kind(9): "Kind(9)",
	}
	for k, want := range tests {
		if got := k.String(); got != want {
			t.Errorf("%d: %q, want %q", int(k), got, want)
		}
	}
}

func TestFallbackWithoutPublisher(t *testing.T) {
	display.SetPublisher(nil)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	display.HTML("<p>hello</p>")
	display.ClearOutput(false)
	display.PNG([]byte("x"))
	os.Stdout = stdout
	w.Close()
	out, _ := io.ReadAll(r)
	if want := "hello\n[image/png, 1 bytes]\n"; string(out) != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
}
