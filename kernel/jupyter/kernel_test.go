package jupyter

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/jupyter/history"
	"github.com/gokernel/gokernel/kernel/jupyter/wire"
)

// fakeInterpreter understands a tiny command language, one per cell:
// "print X", "err X", "value X", "input P", "display", "block" (until
// interrupted).
type fakeInterpreter struct {
	mu        sync.Mutex
	executed  []string
	interrupt chan struct{}
}

func newFake() *fakeInterpreter { return &fakeInterpreter{interrupt: make(chan struct{}, 1)} }

func (f *fakeInterpreter) Execute(ctx context.Context, req ExecuteRequest, out Output) ExecuteResult {
	f.mu.Lock()
	f.executed = append(f.executed, req.Code)
	f.mu.Unlock()
	cmd, arg, _ := strings.Cut(req.Code, " ")
	switch cmd {
	case "print":
		out.Stream("stdout", arg)
	case "err":
		out.Stream("stderr", "about to fail\n")
		return ExecuteResult{Error: &ErrorInfo{Name: "E", Value: arg, Traceback: []string{"E: " + arg}}}
	case "value":
		return ExecuteResult{Data: map[string]any{"text/plain": arg}}
	case "input":
		v, err := out.Input(arg, false)
		if err != nil {
			return ExecuteResult{Error: &ErrorInfo{Name: "InputError", Value: err.Error()}}
		}
		out.Stream("stdout", "got "+v)
	case "display":
		out.Stream("stdout", "before")
		out.Display(DisplayData{Data: map[string]any{"text/html": "<b>x</b>", "text/plain": "x"}, DisplayID: "d1"})
		out.Display(DisplayData{Data: map[string]any{"text/plain": "y"}, DisplayID: "d1", Update: true})
		out.Clear(true)
	case "block":
		select {
		case <-f.interrupt:
			return ExecuteResult{Error: &ErrorInfo{Name: "Interrupted", Value: "interrupted"}}
		case <-time.After(10 * time.Second):
		}
	}
	return ExecuteResult{}
}

func (f *fakeInterpreter) ran() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.executed...)
}

func (f *fakeInterpreter) Complete(code string, cursor int) Completion {
	return Completion{Matches: []string{"Println"}, Start: cursor - 1, End: cursor}
}
func (f *fakeInterpreter) Inspect(code string, cursor, detail int) (string, bool) {
	return "doc of " + code, code != ""
}
func (f *fakeInterpreter) IsComplete(code string) (string, string) {
	if strings.HasSuffix(code, "{") {
		return "incomplete", "    "
	}
	return "complete", ""
}
func (f *fakeInterpreter) Interrupt() {
	select {
	case f.interrupt <- struct{}{}:
	default:
	}
}
func (f *fakeInterpreter) Close() error { return nil }

func TestKernelInfoOnShellAndControl(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	for _, sock := range []struct {
		name    string
		send    func() string
		replies chan *wire.Message
	}{
		{"shell", func() string { return c.send(c.shell, "kernel_info_request", map[string]any{}) }, c.shellMsgs},
		{"control", func() string { return c.send(c.control, "kernel_info_request", map[string]any{}) }, c.ctrlMsgs},
	} {
		id := sock.send()
		reply := c.next(sock.replies, "kernel_info_reply on "+sock.name)
		if reply.Header.MsgType != "kernel_info_reply" || parentID(reply) != id {
			t.Fatalf("%s: got %s", sock.name, reply.Header.MsgType)
		}
		li := content(reply)["language_info"].(map[string]any)
		if li["name"] != "go" || li["mimetype"] != "text/x-go" || li["file_extension"] != ".go" ||
			li["pygments_lexer"] != "go" || li["codemirror_mode"] != "go" {
			t.Errorf("language_info = %v", li)
		}
		if got := types(c.iopubUntilIdle(id)); got != "busy idle " {
			t.Errorf("%s iopub = %q, want busy idle", sock.name, got)
		}
	}
}

func TestExecuteOrderAndCount(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	for i, code := range []string{"print hello\n", "value 6"} {
		id := c.execute(code, nil)
		reply := c.next(c.shellMsgs, "execute_reply")
		rc := content(reply)
		if rc["status"] != "ok" || rc["execution_count"] != float64(i+1) {
			t.Errorf("reply %v", rc)
		}
		msgs := c.iopubUntilIdle(id)
		want := "busy execute_input stream idle "
		if i == 1 {
			want = "busy execute_input execute_result idle "
		}
		if got := types(msgs); got != want {
			t.Errorf("%q: iopub %q, want %q", code, got, want)
		}
		if ec := content(msgs[1])["execution_count"]; ec != float64(i+1) {
			t.Errorf("execute_input count %v", ec)
		}
	}
}

func TestSilentDoesNotCount(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	c.execute("value 1", nil)
	c.next(c.shellMsgs, "reply")
	id := c.execute("value 2", map[string]any{"silent": true})
	if rc := content(c.next(c.shellMsgs, "reply")); rc["execution_count"] != float64(1) {
		t.Errorf("silent reply count %v, want 1", rc["execution_count"])
	}
	if got := types(c.iopubUntilIdle(id)); got != "busy idle " {
		t.Errorf("silent iopub %q", got)
	}
	c.execute("value 3", map[string]any{"store_history": false})
	if rc := content(c.next(c.shellMsgs, "reply")); rc["execution_count"] != float64(1) {
		t.Errorf("unstored reply count %v, want 1", rc["execution_count"])
	}
}

func TestErrorReplyAndStopOnError(t *testing.T) {
	f := newFake()
	c, _, _ := startKernel(t, f)
	c.execute("block", nil) // keeps the next three queued
	c.execute("err boom", nil)
	c.execute("print never", nil)
	c.execute("print never2", nil)
	time.Sleep(200 * time.Millisecond)
	f.Interrupt()
	var statuses []string
	for range 4 {
		rc := content(c.next(c.shellMsgs, "reply"))
		statuses = append(statuses, rc["status"].(string)+":"+rc["ename"].(string))
	}
	want := "error:Interrupted error:ExecutionAborted error:ExecutionAborted error:ExecutionAborted"
	// The interrupted cell fails too, so every queued cell is aborted.
	if got := strings.Join(statuses, " "); got != want {
		t.Errorf("replies %q, want %q", got, want)
	}
	for _, code := range f.ran() {
		if strings.Contains(code, "never") || code == "err boom" {
			t.Errorf("aborted cell %q ran", code)
		}
	}
}

func TestErrorMessageBeforeReply(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	id := c.execute("err boom", map[string]any{"stop_on_error": false})
	rc := content(c.next(c.shellMsgs, "reply"))
	if rc["status"] != "error" || rc["ename"] != "E" || rc["evalue"] != "boom" || rc["execution_count"] != float64(1) {
		t.Errorf("error reply %v", rc)
	}
	if got := types(c.iopubUntilIdle(id)); got != "busy execute_input stream error idle " {
		t.Errorf("iopub %q", got)
	}
	c.execute("print next", nil) // stop_on_error false: nothing aborted
	if rc := content(c.next(c.shellMsgs, "reply")); rc["status"] != "ok" {
		t.Errorf("next cell %v", rc)
	}
}

func TestBadSignatureIsNotExecuted(t *testing.T) {
	f := newFake()
	c, _, _ := startKernel(t, f)
	good := c.signer
	c.signer = wire.NewSigner("wrong key")
	c.execute("print evil", nil)
	c.signer = good
	c.execute("print good", nil)
	reply := c.next(c.shellMsgs, "reply")
	if rc := content(reply); rc["execution_count"] != float64(1) {
		t.Errorf("reply %v: the unsigned message was counted", rc)
	}
	if ran := f.ran(); len(ran) != 1 || ran[0] != "print good" {
		t.Errorf("executed %q, want only the signed cell", ran)
	}
}

func TestDisplayAndStreamOrder(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	id := c.execute("display", nil)
	c.next(c.shellMsgs, "reply")
	msgs := c.iopubUntilIdle(id)
	if got := types(msgs); got != "busy execute_input stream display_data update_display_data clear_output idle " {
		t.Fatalf("iopub %q", got)
	}
	if tr := content(msgs[3])["transient"].(map[string]any); tr["display_id"] != "d1" {
		t.Errorf("transient %v", tr)
	}
}

func TestInputRequestRoundTrip(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	id := c.execute("input name?", nil)
	req := c.next(c.stdinMsgs, "input_request")
	if req.Header.MsgType != "input_request" || content(req)["prompt"] != "name?" || parentID(req) != id {
		t.Fatalf("input_request %s %v", req.Header.MsgType, content(req))
	}
	c.sendReply(c.stdin, "input_reply", req, map[string]any{"value": "Ada", "status": "ok"})
	c.next(c.shellMsgs, "reply")
	var text string
	for _, m := range c.iopubUntilIdle(id) {
		if m.Header.MsgType == "stream" {
			text += content(m)["text"].(string)
		}
	}
	if text != "got Ada" {
		t.Errorf("stream %q", text)
	}
}

func TestInputNotAllowed(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	c.execute("input x", map[string]any{"allow_stdin": false})
	rc := content(c.next(c.shellMsgs, "reply"))
	if rc["status"] != "error" || !strings.Contains(rc["evalue"].(string), "allow_stdin") {
		t.Errorf("reply %v", rc)
	}
}

func TestInterruptRequestDuringCell(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	c.execute("block", nil)
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	c.send(c.control, "interrupt_request", map[string]any{})
	if r := c.next(c.ctrlMsgs, "interrupt_reply"); content(r)["status"] != "ok" {
		t.Errorf("interrupt_reply %v", content(r))
	}
	if rc := content(c.next(c.shellMsgs, "reply")); rc["ename"] != "Interrupted" {
		t.Errorf("reply %v", rc)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("interrupt took %v", d)
	}
}

func TestUnknownRequestGetsErrorReply(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	id := c.send(c.shell, "frobnicate_request", map[string]any{})
	r := c.next(c.shellMsgs, "reply")
	if r.Header.MsgType != "frobnicate_reply" || content(r)["status"] != "error" || parentID(r) != id {
		t.Errorf("got %s %v", r.Header.MsgType, content(r))
	}
	if got := types(c.iopubUntilIdle(id)); got != "busy idle " {
		t.Errorf("iopub %q", got)
	}
}

func TestCompleteUsesCodePoints(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	code := "s := \"世界\"; fmt.P"
	c.send(c.shell, "complete_request", map[string]any{"code": code, "cursor_pos": len([]rune(code))})
	rc := content(c.next(c.shellMsgs, "complete_reply"))
	n := float64(len([]rune(code)))
	if rc["cursor_end"] != n || rc["cursor_start"] != n-1 {
		t.Errorf("cursor %v..%v, want %v..%v (code points)", rc["cursor_start"], rc["cursor_end"], n-1, n)
	}
	if _, ok := rc["metadata"].(map[string]any); !ok {
		t.Errorf("metadata missing: %v", rc)
	}
}

func TestIsCompleteAndInspect(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	c.send(c.shell, "is_complete_request", map[string]any{"code": "if x {"})
	if rc := content(c.next(c.shellMsgs, "is_complete_reply")); rc["status"] != "incomplete" || rc["indent"] != "    " {
		t.Errorf("is_complete %v", rc)
	}
	c.send(c.shell, "inspect_request", map[string]any{"code": "fmt", "cursor_pos": 3, "detail_level": 0})
	rc := content(c.next(c.shellMsgs, "inspect_reply"))
	if rc["found"] != true || rc["data"].(map[string]any)["text/plain"] != "doc of fmt" {
		t.Errorf("inspect %v", rc)
	}
}

func TestCommOpenIsClosedAndCommInfoEmpty(t *testing.T) {
	c, _, _ := startKernel(t, newFake())
	id := c.send(c.shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "nope", "data": map[string]any{}})
	msgs := c.iopubUntilIdle(id)
	if got := types(msgs); got != "busy comm_close idle " || content(msgs[1])["comm_id"] != "c1" {
		t.Errorf("iopub %q", got)
	}
	c.send(c.shell, "comm_info_request", map[string]any{})
	if rc := content(c.next(c.shellMsgs, "comm_info_reply")); rc["status"] != "ok" || rc["comms"] == nil {
		t.Errorf("comm_info %v", rc)
	}
}

func TestHistoryRequests(t *testing.T) {
	store, err := history.Open(t.TempDir() + "/h.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	info := testConnection(t)
	k := New(Config{Connection: info, Interpreter: newFake(), History: store})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go k.Run(ctx)
	c := dialClient(t, info)
	c.waitReady()
	for _, code := range []string{"value 1", "print 2", "value 3"} {
		c.execute(code, nil)
		c.next(c.shellMsgs, "reply")
	}
	c.send(c.shell, "history_request", map[string]any{"hist_access_type": "tail", "n": 2, "output": false, "raw": true})
	h := content(c.next(c.shellMsgs, "history_reply"))["history"].([]any)
	if len(h) != 2 || h[1].([]any)[2] != "value 3" || h[1].([]any)[1] != float64(3) {
		t.Errorf("tail %v", h)
	}
	c.send(c.shell, "history_request", map[string]any{"hist_access_type": "search", "pattern": "value*", "n": 10, "output": true, "raw": true})
	h = content(c.next(c.shellMsgs, "history_reply"))["history"].([]any)
	if len(h) != 2 || h[1].([]any)[2].([]any)[1] != "3" {
		t.Errorf("search with output %v", h)
	}
}

func TestShutdownRequest(t *testing.T) {
	c, _, stopped := startKernel(t, newFake())
	id := c.send(c.control, "shutdown_request", map[string]any{"restart": true})
	if rc := content(c.next(c.ctrlMsgs, "shutdown_reply")); rc["restart"] != true || rc["status"] != "ok" {
		t.Errorf("shutdown_reply %v", rc)
	}
	if got := types(c.iopubUntilIdle(id)); got != "busy idle " {
		t.Errorf("iopub %q", got)
	}
	select {
	case restart := <-stopped:
		if !restart {
			t.Error("Run did not report the restart flag")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("kernel did not stop within 2 s")
	}
}
