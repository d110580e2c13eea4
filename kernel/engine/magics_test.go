package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/assist"
)

func TestMagics(t *testing.T) {
	e := newEngine(t)
	dir := t.TempDir()

	res, s := run(t, e, "%help")
	mustOK(t, res)
	for _, m := range []string{"%who", "%reset", "%%time", "%env", "%cd", "%load", "%%writefile", "!COMMAND"} {
		if !strings.Contains(s.out(), m) {
			t.Errorf("%%help does not list %s:\n%s", m, s.out())
		}
	}

	res, s = run(t, e, "%cd "+dir+"\n!echo shell says hi\n!exit 3")
	mustOK(t, res)
	if !strings.Contains(s.out(), dir) || !strings.Contains(s.out(), "shell says hi") || !strings.Contains(s.errText(), "exit status 3") {
		t.Errorf("cd/shell: stdout %q stderr %q", s.out(), s.errText())
	}

	res, s = run(t, e, "%%writefile hello.go\npackage main\n\nfunc hello() string { return \"hi\" }\n")
	mustOK(t, res)
	if b, err := os.ReadFile(filepath.Join(dir, "hello.go")); err != nil || !strings.Contains(string(b), "func hello") {
		t.Errorf("%%%%writefile wrote %q, %v (stdout %q)", b, err, s.out())
	}
	res, _ = run(t, e, "%load hello.go")
	if len(res.Payload) != 1 || res.Payload[0]["source"] != "set_next_input" || !strings.Contains(res.Payload[0]["text"].(string), "func hello") {
		t.Errorf("%%load payload %v, error %+v", res.Payload, res.Error)
	}

	res, s = run(t, e, "%env GOKERNEL_MAGIC_TEST=42\n!echo child sees $GOKERNEL_MAGIC_TEST\nfmt.Println(os.Getenv(\"GOKERNEL_MAGIC_TEST\"))")
	mustOK(t, res)
	if s.out() != "child sees 42\n42\n" {
		t.Errorf("%%env: stdout %q", s.out())
	}
	if res, s = run(t, e, "%env GOKERNEL_MAGIC"); !strings.Contains(s.out(), "GOKERNEL_MAGIC_TEST=42") {
		t.Errorf("%%env PREFIX: %q %+v", s.out(), res.Error)
	}

	mustOK(t, first(run(t, e, "answer := 42\nname := \"gopher\"")))
	res, s = run(t, e, "%who")
	mustOK(t, res)
	if !strings.Contains(s.out(), "answer") || !strings.Contains(s.out(), "42") || !strings.Contains(s.out(), "gopher") {
		t.Errorf("%%who:\n%s", s.out())
	}

	res, s = run(t, e, "%%time\nsum := 0\nfor i := 0; i < 100000; i++ { sum += i }\nsum")
	if text(res) != "4999950000" || !strings.Contains(s.out(), "CPU time") || !strings.Contains(s.out(), "wall time") {
		t.Errorf("%%%%time: %q %q %+v", text(res), s.out(), res.Error)
	}

	res, s = run(t, e, "%reset")
	mustOK(t, res)
	if !strings.Contains(s.out(), "answer") {
		t.Errorf("%%reset does not say what it cleared: %q", s.out())
	}
	if res, _ = run(t, e, "answer"); res.Error == nil {
		t.Error("answer survived %reset")
	}

	res, _ = run(t, e, "%tiem x")
	if res.Error == nil || !strings.Contains(res.Error.Value, "did you mean %time") {
		t.Errorf("misspelled magic: %+v", res.Error)
	}
}

func TestNativeCells(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, "%%native\nfunc square(n int) int { return n * n }\nsum := 0\nfor i := range 1000 {\n\tsum += square(i)\n}\nfmt.Println(\"native\", sum, strings.HasPrefix(runtime.Version(), \"go\"))")
	mustOK(t, res)
	if s.out() != "native 332833500 true\n" {
		t.Errorf("stdout %q", s.out())
	}
	res, _ = run(t, e, "%%native\nx := 1\ny := x + nope\nfmt.Println(y)")
	if res.Error == nil || res.Error.Name != "BuildError" || !strings.Contains(res.Error.Value, ".go:3:10: undefined: nope") {
		t.Errorf("build error: %+v", res.Error)
	}
	// main and one goroutine: the shape the detector always catches.
	res, s = run(t, e, `%%native -race
counter := 0
done := make(chan bool)
go func() {
	for range 1000 {
		counter++
	}
	done <- true
}()
for range 1000 {
	counter++
}
<-done
fmt.Println(counter > 0)`)
	if res.Error == nil || !strings.Contains(s.errText(), "DATA RACE") {
		t.Errorf("-race: error %+v, stderr %q", res.Error, s.errText())
	}
}

func TestGoGetThirdPartyModules(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, "%go get golang.org/x/sync@v0.7.0")
	mustOK(t, res)
	if !strings.Contains(s.out(), "go: added golang.org/x/sync v0.7.0") {
		t.Errorf("%%go get output %q", s.out())
	}
	res, s = run(t, e, `import "golang.org/x/sync/errgroup"
var g errgroup.Group
results := make([]int, 3)
for i := range 3 {
	g.Go(func() error { results[i] = i * i; return nil })
}
fmt.Println(g.Wait(), results)`)
	mustOK(t, res)
	if s.out() != "<nil> [0 1 4]\n" {
		t.Errorf("errgroup: %q", s.out())
	}
	pins, err := os.ReadFile(filepath.Join(e.modules.Path, "gokernel.pins"))
	if err != nil || !strings.Contains(string(pins), "golang.org/x/sync@v0.7.0") {
		t.Errorf("pins %q, %v", pins, err)
	}
	// A second popular pure-Go module.
	res, s = run(t, e, "%go get github.com/google/uuid@v1.6.0")
	mustOK(t, res)
	res, _ = run(t, e, "import \"github.com/google/uuid\"\nlen(uuid.NewString())")
	if text(res) != "36" {
		t.Errorf("uuid: %q %+v", text(res), res.Error)
	}
	res, _ = run(t, e, "%go build")
	if res.Error == nil || !strings.Contains(res.Error.Value, "only %go get") {
		t.Errorf("%%go build: %+v", res.Error)
	}
}

// TestIsCompleteMagics: magic and shell lines are complete lines of their
// own, the Go after them is judged as Go, and a cell magic ends at an
// empty line.
func TestIsCompleteMagics(t *testing.T) {
	e := New("", func() *assist.Services { return assist.New(nil) })
	tests := []struct{ code, status string }{
		{"%time x := 1", "complete"},
		{"!ls -l", "complete"},
		{"%cd /tmp\n!ls", "complete"},
		{"%time\nfor i := 0; i < 3; i++ {", "incomplete"},
		{"!ls\nx := := 1", "invalid"},
		{"strings.ToUpper?", "complete"},
		{"%%native", "incomplete"},
		{"%%native\npackage main\n\nfunc main() {}", "incomplete"},
		{"%%native\npackage main\n\nfunc main() {}\n", "complete"},
		{"%%writefile a.txt\nfor i := 0; i < 3; i++ {\n\n", "complete"},
	}
	for _, tt := range tests {
		if got, _ := e.IsComplete(tt.code); got != tt.status {
			t.Errorf("IsComplete(%q) = %q, want %q", tt.code, got, tt.status)
		}
	}
}
