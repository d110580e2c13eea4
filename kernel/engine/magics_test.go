package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
