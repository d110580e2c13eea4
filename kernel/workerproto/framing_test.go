package workerproto

import (
	"bufio"
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// The wire bytes below were captured from the untyped protocol the
// payload types replaced (worker.Command and worker.Event at c4ca351):
// typing the payloads changed no byte on the pipes.

var goldenCommands = []struct {
	cmd  Command
	wire string
}{
	{Command{ID: 3, Request: Exec{Cell: "cell3", Code: "x := 1\nx", AllowStdin: true, UserExpressions: map[string]string{"a": "x"}}}, "{\"op\":\"exec\",\"id\":3,\"cell\":\"cell3\",\"code\":\"x := 1\\nx\",\"allow_stdin\":true,\"user_expressions\":{\"a\":\"x\"}}\n"},
	{Command{ID: -1, Request: Replay{Cell: "restored1", Code: "func f() {}"}}, "{\"op\":\"replay\",\"id\":-1,\"cell\":\"restored1\",\"code\":\"func f() {}\"}\n"},
	{Command{ID: 4, Request: Inspect{Expr: "x"}}, "{\"op\":\"inspect\",\"id\":4,\"code\":\"x\"}\n"},
	{Command{ID: 0, Request: Input{Value: "42"}}, "{\"op\":\"input\",\"value\":\"42\"}\n"},
	{Command{ID: 0, Request: Input{Err: InputEOF}}, "{\"op\":\"input\",\"err\":\"EOF\"}\n"},
	{Command{ID: 0, Request: Interrupt{}}, "{\"op\":\"interrupt\"}\n"},
	{Command{ID: 5, Request: GoGet{Args: "get golang.org/x/sync@latest"}}, "{\"op\":\"goget\",\"id\":5,\"code\":\"get golang.org/x/sync@latest\"}\n"},
	{Command{ID: 6, Request: Native{Cell: "cell6", Code: "fmt.Println(1)", AllowStdin: true, Flags: "-race -- a b"}}, "{\"op\":\"native\",\"id\":6,\"cell\":\"cell6\",\"code\":\"fmt.Println(1)\",\"allow_stdin\":true,\"value\":\"-race -- a b\"}\n"},
	{Command{ID: 7, Request: Shell{Line: "ls -l"}}, "{\"op\":\"shell\",\"id\":7,\"code\":\"ls -l\"}\n"},
	{Command{ID: 8, Request: Chdir{Dir: "/tmp"}}, "{\"op\":\"chdir\",\"id\":8,\"code\":\"/tmp\"}\n"},
	{Command{ID: 9, Request: Setenv{Assignment: "A=1"}}, "{\"op\":\"setenv\",\"id\":9,\"code\":\"A=1\"}\n"},
	{Command{ID: 10, Request: Env{Prefix: "GO"}}, "{\"op\":\"env\",\"id\":10,\"code\":\"GO\"}\n"},
	{Command{ID: 11, Request: ReadFile{Name: "a.go"}}, "{\"op\":\"readfile\",\"id\":11,\"code\":\"a.go\"}\n"},
	{Command{ID: 12, Request: WriteFile{Body: "package main\n", Name: "a.go"}}, "{\"op\":\"writefile\",\"id\":12,\"code\":\"package main\\n\",\"value\":\"a.go\"}\n"},
}

var goldenEvents = []struct {
	ev   Event
	wire string
}{
	{Ready{}, "{\"ev\":\"ready\"}\n"},
	{Stream{Name: "stdout", Text: "héllo\n"}, "Sstdout 7\nhéllo\n"},
	{Stream{Name: "stderr"}, "Sstderr 0\n"},
	{Display{Data: map[string]any{"text/html": "<b>x</b>"}, Metadata: map[string]any{"k": "v"}, DisplayID: "d1", Update: true}, "{\"ev\":\"display\",\"data\":{\"text/html\":\"\\u003cb\\u003ex\\u003c/b\\u003e\"},\"metadata\":{\"k\":\"v\"},\"display_id\":\"d1\",\"update\":true}\n"},
	{Clear{Wait: true}, "{\"ev\":\"clear\",\"wait\":true}\n"},
	{InputRequest{}, "{\"ev\":\"input\"}\n"},
	{InputRequest{Prompt: "name? ", Password: true}, "{\"ev\":\"input\",\"prompt\":\"name? \",\"password\":true}\n"},
	{Value{ID: 4, Text: "type:  int\nvalue: 1"}, "{\"ev\":\"value\",\"text\":\"type:  int\\nvalue: 1\",\"id\":4}\n"},
	{Done{ID: 3, Data: map[string]any{"text/plain": "1"}, Replay: "var x int", Vars: []string{"x"}, CPU: 0.5, UserExpressions: map[string]any{"a": map[string]any{"status": "ok"}}}, "{\"ev\":\"done\",\"data\":{\"text/plain\":\"1\"},\"id\":3,\"replay\":\"var x int\",\"vars\":[\"x\"],\"cpu\":0.5,\"user_expressions\":{\"a\":{\"status\":\"ok\"}}}\n"},
	{Done{ID: 5, Error: &Error{Name: "panic", Value: "boom", Traceback: []string{Header("panic", "boom")}}}, "{\"ev\":\"done\",\"id\":5,\"error\":{\"ename\":\"panic\",\"evalue\":\"boom\",\"traceback\":[\"\\u001b[0;31mpanic\\u001b[0m: boom\"]}}\n"},
	{Done{ID: 11, Content: "package main\n"}, "{\"ev\":\"done\",\"text\":\"package main\\n\",\"id\":11}\n"},
}

func TestCommandWireIsGolden(t *testing.T) {
	for _, g := range goldenCommands {
		b, err := AppendCommand(nil, g.cmd)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != g.wire {
			t.Errorf("%T: wire\n got %q\nwant %q", g.cmd.Request, b, g.wire)
		}
		got, err := DecodeCommand(b)
		if err != nil {
			t.Fatalf("%T: %v", g.cmd.Request, err)
		}
		if !reflect.DeepEqual(got, g.cmd) {
			t.Errorf("%T: decoded %+v, want %+v", g.cmd.Request, got, g.cmd)
		}
	}
}

func TestEveryOpHasAGoldenCommand(t *testing.T) {
	seen := map[Op]bool{}
	for _, g := range goldenCommands {
		seen[g.cmd.Request.Op()] = true
	}
	for op := range requests {
		if !seen[op] {
			t.Errorf("no golden wire form for op %q", op)
		}
	}
	if len(requests) != 13 {
		t.Errorf("%d ops, want 13", len(requests))
	}
}

func TestEventWireIsGolden(t *testing.T) {
	var all []byte
	kinds := map[Kind]bool{}
	for _, g := range goldenEvents {
		kinds[g.ev.Kind()] = true
		b, err := AppendEvent(nil, g.ev)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != g.wire {
			t.Errorf("%T: wire\n got %q\nwant %q", g.ev, b, g.wire)
		}
		all = append(all, b...)
	}
	if len(kinds) != 7 {
		t.Errorf("golden events cover %d kinds, want 7", len(kinds))
	}
	r := bufio.NewReader(bytes.NewReader(all))
	for _, g := range goldenEvents {
		got, err := ReadEvent(r)
		if err != nil {
			t.Fatalf("%T: %v", g.ev, err)
		}
		if !reflect.DeepEqual(got, g.ev) {
			t.Errorf("%T: read %+v, want %+v", g.ev, got, g.ev)
		}
	}
	if _, err := ReadEvent(r); err == nil {
		t.Error("read past the end")
	}
}

func TestStreamTextIsNotParsed(t *testing.T) {
	want := Stream{Name: "stdout", Text: "héllo\n{\"not\": \"json\"}\nS fake header\n"}
	b, err := AppendEvent(nil, want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadEvent(bufio.NewReader(bytes.NewReader(b)))
	if err != nil || got != want {
		t.Fatalf("got %+v, %v; want %+v", got, err, want)
	}
}

func TestBadFramesAreRefused(t *testing.T) {
	for _, wire := range []string{"Sstdout x\nabc", "{\"ev\":\"nope\"}\n", "{\"ev\":\n"} {
		if _, err := ReadEvent(bufio.NewReader(strings.NewReader(wire))); err == nil {
			t.Errorf("accepted event %q", wire)
		}
	}
	for _, wire := range []string{`{"op":"nope"}`, `{"op":`, `{"op":"exec","code":1}`} {
		if _, err := DecodeCommand([]byte(wire)); err == nil {
			t.Errorf("accepted command %q", wire)
		}
	}
}

func TestHeader(t *testing.T) {
	if got, want := Header("panic", "boom"), "\x1b[0;31mpanic\x1b[0m: boom"; got != want {
		t.Errorf("Header = %q, want %q", got, want)
	}
	if got, want := Header("BuildError", ""), "\x1b[0;31mBuildError\x1b[0m"; got != want {
		t.Errorf("Header = %q, want %q", got, want)
	}
	e := NewError("MagicError", "no")
	if e.Name != "MagicError" || e.Value != "no" || len(e.Traceback) != 1 || e.Traceback[0] != Header("MagicError", "no") {
		t.Errorf("NewError = %+v", e)
	}
}
