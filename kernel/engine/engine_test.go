package engine

import (
	"context"
	"errors"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokernel/gokernel/kernel/engine/assist"
	"github.com/gokernel/gokernel/kernel/jupyter"
	"github.com/gokernel/gokernel/kernel/worker"
)

// The test binary doubles as the worker: the engine runs `<test binary>
// worker`, and TestMain serves it.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "worker" {
		if err := worker.Serve(); err != nil {
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// sink records what a cell outputs.
type sink struct {
	mu       sync.Mutex
	stdout   strings.Builder
	stderr   strings.Builder
	displays []jupyter.DisplayData
	inputs   []string // answers to give, in order
}

func (s *sink) Stream(name, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if name == "stdout" {
		s.stdout.WriteString(text)
	} else {
		s.stderr.WriteString(text)
	}
}
func (s *sink) Display(d jupyter.DisplayData) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.displays = append(s.displays, d)
}
func (s *sink) Clear(bool) {}
func (s *sink) Input(prompt string, password bool) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.inputs) == 0 {
		return "", errors.New("no input")
	}
	v := s.inputs[0]
	s.inputs = s.inputs[1:]
	return v, nil
}
func (s *sink) out() string { s.mu.Lock(); defer s.mu.Unlock(); return s.stdout.String() }
func (s *sink) errText() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stderr.String()
}

func newEngine(t *testing.T) *Engine {
	t.Helper()
	e := New(os.Args[0], func() *assist.Services { return assist.New(assist.FromYaegi(worker.Packages())) })
	t.Cleanup(func() { e.Close() })
	return e
}

var count int

func run(t *testing.T, e *Engine, code string) (jupyter.ExecuteResult, *sink) {
	t.Helper()
	count++
	s := &sink{}
	res := e.Execute(context.Background(), jupyter.ExecuteRequest{Code: code, ExecutionCount: count, AllowStdin: true}, s)
	return res, s
}

func text(res jupyter.ExecuteResult) string {
	s, _ := res.Data["text/plain"].(string)
	return s
}

func mustOK(t *testing.T, res jupyter.ExecuteResult) {
	t.Helper()
	if res.Error != nil {
		t.Fatalf("cell failed: %s: %s\n%s", res.Error.Name, res.Error.Value, strings.Join(res.Error.Traceback, "\n"))
	}
}

func TestPrintAndResultAndState(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, `fmt.Println("hello, world")`)
	mustOK(t, res)
	if s.out() != "hello, world\n" || res.Data != nil {
		t.Errorf("stdout %q data %v", s.out(), res.Data)
	}
	mustOK(t, first(run(t, e, "x := 41")))
	res, _ = run(t, e, "x + 1")
	if text(res) != "42" {
		t.Errorf("x + 1 = %q", text(res))
	}
	res, _ = run(t, e, `"go"`)
	if text(res) != `"go"` {
		t.Errorf("string result %q", text(res))
	}
}

func first(res jupyter.ExecuteResult, _ *sink) jupyter.ExecuteResult { return res }

func TestAllOutputChannelsCaptured(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, `import "os/exec"
fmt.Print("a ")
os.Stdout.WriteString("b ")
println("c")
log.SetFlags(0); log.Print("d")
fmt.Fprintln(os.Stderr, "e")
cmd := exec.Command("echo", "child")
cmd.Stdout = os.Stdout
cmd.Run()`)
	mustOK(t, res)
	if got := s.out(); got != "a b child\n" {
		t.Errorf("stdout %q", got)
	}
	if got := s.errText(); got != "c\nd\ne\n" { // println writes to stderr, as in Go
		t.Errorf("stderr %q", got)
	}
}

func TestCompileErrorShowsLine(t *testing.T) {
	e := newEngine(t)
	res, _ := run(t, e, "a := 1\nb := a + nope")
	if res.Error == nil {
		t.Fatal("no error")
	}
	tb := strings.Join(res.Error.Traceback, "\n")
	if !strings.Contains(tb, "2:") || !strings.Contains(tb, "b := a + nope") || !strings.Contains(tb, "^") {
		t.Errorf("traceback does not point at line 2:\n%s", tb)
	}
}

func TestConfusingInterpreterErrorsGetAHint(t *testing.T) {
	e := newEngine(t)
	// go/types cannot check a cell that uses display (it cannot import
	// it), so yaegi's "definition loop" stands, with its hint.
	res, _ := run(t, e, "display.Markdown(\"x\")\nb := 1 + nope")
	if res.Error == nil || !strings.Contains(strings.Join(res.Error.Traceback, "\n"), "check its spelling") {
		t.Errorf("undefined name: %+v", res.Error)
	}
}

func TestCompileErrorsListEveryTypeError(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "type P struct{ X int }\nn := 2")))
	// No package: the first import of one can take longer than the
	// checker's budget on a busy machine, and the check would give up.
	res, _ := run(t, e, "a := n + 1\nb := a + \"s\"\nprintln(a)\nvar c string = P{n}.X\nd := []int{nope}")
	if res.Error == nil {
		t.Fatal("no error")
	}
	tb := strings.Join(res.Error.Traceback, "\n")
	for _, want := range []string{
		"line 2:6\x1b[0m: invalid operation: a + \"s\" (mismatched types int and untyped string)\n    b := a + \"s\"\n         ^",
		"line 4:16\x1b[0m: cannot use P{…}.X (value of type int) as string value in variable declaration\n    var c string = P{n}.X\n                   ^",
		"line 5:12\x1b[0m: undefined: nope\n    d := []int{nope}\n               ^",
	} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback lacks\n%s\ngot:\n%s", want, tb)
		}
	}
	if strings.Count(tb, "line ") != 3 {
		t.Errorf("want three errors:\n%s", tb)
	}
}

func TestPanicIsAnError(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, `panic("boom")`)
	if res.Error == nil || !strings.Contains(res.Error.Value, "boom") {
		t.Fatalf("result %+v", res.Error)
	}
	if s.errText() != "" {
		t.Errorf("a panic must be reported once, as the error, not on stderr too: %q", s.errText())
	}
}

func TestGoroutinePanicLeavesKernelAlive(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "y := 7")))
	res, s := run(t, e, `go func() { panic("x") }()
time.Sleep(200 * time.Millisecond)`)
	mustOK(t, res)
	if !strings.Contains(s.errText(), "x") || !strings.Contains(s.errText(), "panic") {
		t.Errorf("stderr %q does not report the panic", s.errText())
	}
	res, _ = run(t, e, "y")
	if text(res) != "7" {
		t.Errorf("state lost: y = %q", text(res))
	}
}

func TestFatalErrorRestartsWorkerAndRestoresDeclarations(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "func double(n int) int { return 2 * n }")))
	res, _ := run(t, e, `m := map[int]int{}
for i := 0; i < 8; i++ {
	go func() { for j := 0; ; j++ { m[j] = j } }()
}
time.Sleep(5 * time.Second)`)
	if res.Error == nil || !strings.Contains(res.Error.Value, "concurrent map") {
		t.Fatalf("want a concurrent map writes report, got %+v", res.Error)
	}
	res, _ = run(t, e, "double(21)")
	mustOK(t, res)
	if text(res) != "42" {
		t.Errorf("double(21) after restart = %q", text(res))
	}
}

func TestInterruptStopsInfiniteLoop(t *testing.T) {
	e := newEngine(t)
	go func() {
		time.Sleep(300 * time.Millisecond)
		e.Interrupt()
	}()
	start := time.Now()
	res, _ := run(t, e, "for {}")
	if res.Error == nil {
		t.Fatal("interrupted cell reported success")
	}
	if d := time.Since(start); d > 1300*time.Millisecond {
		t.Errorf("interrupt took %v", d-300*time.Millisecond)
	}
	res, _ = run(t, e, "1 + 1")
	if text(res) != "2" {
		t.Errorf("after interrupt 1 + 1 = %q", text(res))
	}
}

func TestStdinAndDisplay(t *testing.T) {
	e := newEngine(t)
	count++
	s := &sink{inputs: []string{"Ada"}}
	res := e.Execute(context.Background(), jupyter.ExecuteRequest{Code: `var name string
fmt.Scanln(&name)
fmt.Println("hi", name)
display.HTML("<b>x</b>")`, ExecutionCount: count, AllowStdin: true}, s)
	mustOK(t, res)
	if s.out() != "hi Ada\n" {
		t.Errorf("stdout %q", s.out())
	}
	if len(s.displays) != 1 || s.displays[0].Data["text/html"] != "<b>x</b>" {
		t.Errorf("displays %+v", s.displays)
	}
}

func TestLateGoroutineOutputIsDelivered(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, `go func() { time.Sleep(300 * time.Millisecond); fmt.Println("late") }()`)
	mustOK(t, res)
	deadline := time.Now().Add(3 * time.Second)
	for s.out() != "late\n" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if s.out() != "late\n" {
		t.Errorf("late output %q", s.out())
	}
}

func TestPagerRequest(t *testing.T) {
	e := newEngine(t)
	res, _ := run(t, e, "strings.ToUpper?")
	mustOK(t, res)
	if len(res.Payload) != 1 || res.Payload[0]["source"] != "page" {
		t.Fatalf("payload %v", res.Payload)
	}
	doc := res.Payload[0]["data"].(map[string]any)["text/plain"].(string)
	if !strings.Contains(doc, "ToUpper") {
		t.Errorf("doc %q", doc)
	}
}

func TestStdinNotAllowedFailsTheCell(t *testing.T) {
	e := newEngine(t)
	count++
	start := time.Now()
	res := e.Execute(context.Background(), jupyter.ExecuteRequest{Code: "var s string\nfmt.Scanln(&s)",
		ExecutionCount: count, AllowStdin: false}, &sink{})
	if res.Error == nil || res.Error.Name != "StdinNotAvailable" || !strings.Contains(res.Error.Value, "allow_stdin") {
		t.Fatalf("result %+v", res.Error)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v, want fast failure", d)
	}
}

func TestCellFaultsReportedAsGoDoes(t *testing.T) {
	e := newEngine(t)
	for _, tc := range []struct{ code, name, value string }{
		{"os.Exit(3)", "Exit", "exit status 3"},
		{"log.SetFlags(0)\nlog.Fatalf(\"bad %d\", 7)", "Exit", "exit status 1"},
		{"var a []int\na[5]", "panic", "runtime error: index out of range"},
		{"var p *struct{ X int }\np.X", "panic", "runtime error: invalid memory address or nil pointer dereference"},
		{"var m map[string]int\nm[\"a\"] = 1", "panic", "assignment to entry in nil map"},
		{`import "nosuchpkg"`, "ImportError", `cannot import "nosuchpkg": there is no such standard library package`},
		{`import "example.com/nothing/here"`, "ImportError", `cannot import "example.com/nothing/here": fetch its module first, e.g. %go get example.com/nothing/here@latest`},
	} {
		res, _ := run(t, e, tc.code)
		if res.Error == nil || res.Error.Name != tc.name || !strings.HasPrefix(res.Error.Value, tc.value) {
			t.Errorf("%q: got %+v, want %s: %s", tc.code, res.Error, tc.name, tc.value)
		}
	}
	res, s := run(t, e, "fmt.Println(\"before\")\nos.Exit(0)\nfmt.Println(\"after\")")
	mustOK(t, res)
	if s.out() != "before\n" {
		t.Errorf("os.Exit(0) output %q", s.out())
	}
	// log and os were imported by failing cells: importing them again is harmless.
	mustOK(t, first(run(t, e, "import (\n\t\"log\"\n\t\"os\"\n)\nlog.SetOutput(os.Stderr)")))
}

func TestResultsUseMethodsOfCellTypes(t *testing.T) {
	e := newEngine(t)
	res, _ := run(t, e, `type Celsius float64
func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }
Celsius(21.5)`)
	if text(res) != "21.5°C" {
		t.Errorf("Stringer result %q", text(res))
	}
	res, _ = run(t, e, `type Bold string
func (b Bold) HTML() string { return "<b>" + string(b) + "</b>" }
Bold("hi")`)
	if res.Data["text/html"] != "<b>hi</b>" {
		t.Errorf("HTML result %v", res.Data)
	}
	if res, _ = run(t, e, "os.Setenv(\"GK_X\", \"1\")"); res.Data != nil {
		t.Errorf("a call returning a nil error shows %v", res.Data)
	}
	if res, _ = run(t, e, "var np *int\nnp"); text(res) != "<nil>" {
		t.Errorf("a nil variable shows %q, want <nil>", text(res))
	}
	res, _ = run(t, e, "func two() (int, string) { return 1, \"a\" }\ntwo()")
	if text(res) != `(1, "a")` {
		t.Errorf("multi-value result %q", text(res))
	}
}

func TestBufioOnStdinAsksForInput(t *testing.T) {
	e := newEngine(t)
	count++
	s := &sink{inputs: []string{"first line", "42"}}
	res := e.Execute(context.Background(), jupyter.ExecuteRequest{Code: `r := bufio.NewReader(os.Stdin)
line, _ := r.ReadString('\n')
var n int
fmt.Scan(&n)
fmt.Printf("%q %d\n", line, n)`, ExecutionCount: count, AllowStdin: true}, s)
	mustOK(t, res)
	if s.out() != "\"first line\\n\" 42\n" {
		t.Errorf("stdout %q", s.out())
	}
}

func TestStackOverflowAndOutOfMemoryRestartTheWorker(t *testing.T) {
	t.Setenv("GOKERNEL_MEMORY_LIMIT", "768MiB")
	e := newEngine(t)
	mustOK(t, first(run(t, e, "func triple(n int) int { return 3 * n }\nkept := 1")))
	for _, tc := range []struct{ code, summary, hint string }{
		{"func down(n int) int { return down(n+1) + 1 }\ndown(0)", "stack overflow", "calls itself"},
		{"b := make([]byte, 4<<30)\nb[0] = 1", "out of memory", "GOKERNEL_MEMORY_LIMIT"},
	} {
		res, _ := run(t, e, tc.code)
		if res.Error == nil || res.Error.Name != "WorkerDied" || !strings.Contains(res.Error.Value, tc.summary) {
			t.Fatalf("%q: got %+v", tc.code, res.Error)
		}
		tb := strings.Join(res.Error.Traceback, "\n")
		if !strings.Contains(tb, tc.hint) || regexp.MustCompile(`goroutine \d+ \[`).MatchString(tb) {
			t.Errorf("%q: traceback lacks the hint or shows interpreter goroutines:\n%s", tc.code, tb)
		}
		res, _ = run(t, e, "triple(5)")
		if text(res) != "15" {
			t.Errorf("after %q, triple(5) = %q, %+v", tc.code, text(res), res.Error)
		}
	}
}

func TestCrashNamesLostVariables(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "total := 10\nvar names []string")))
	res, _ := run(t, e, "m := map[int]int{}\nfor i := 0; i < 8; i++ {\n\tgo func() { for j := 0; ; j++ { m[j] = j } }()\n}\ntime.Sleep(5 * time.Second)")
	if res.Error == nil {
		t.Fatal("no crash")
	}
	tb := strings.Join(res.Error.Traceback, "\n")
	if !strings.Contains(tb, "total") || !strings.Contains(tb, "names") || !strings.Contains(tb, "Lost") {
		t.Errorf("traceback does not name the lost variables:\n%s", tb)
	}
}

func TestInterruptStopsChildProcessesAndBlockedReads(t *testing.T) {
	e := newEngine(t)
	for _, code := range []string{
		"exec.Command(\"sleep\", \"30\").Run()\nfmt.Println(\"not reached\")",
		"ln, _ := net.Listen(\"tcp\", \"127.0.0.1:0\")\nln.Accept()",
		"ch := make(chan int)\n<-ch",
		"time.Sleep(time.Minute)",
	} {
		go func() {
			time.Sleep(300 * time.Millisecond)
			e.Interrupt()
		}()
		start := time.Now()
		res, s := run(t, e, code)
		if res.Error == nil || res.Error.Name != "Interrupted" || strings.Contains(s.out(), "not reached") {
			t.Errorf("%q: not interrupted: %+v %q", code, res.Error, s.out())
		}
		if d := time.Since(start) - 300*time.Millisecond; d > time.Second {
			t.Errorf("%q: interrupt took %v", code, d)
		}
		res, _ = run(t, e, "1 + 1")
		if text(res) != "2" {
			t.Errorf("after %q: 1 + 1 = %q %+v", code, text(res), res.Error)
		}
	}
}

func TestRedefinitionReachesEarlierCallers(t *testing.T) {
	e := newEngine(t)
	for _, c := range []string{
		`func greet() string { return "hello" }`,
		`func shout() string { return greet() + "!" }`,
		`func greet() string { return "bonjour" }`,
	} {
		mustOK(t, first(run(t, e, c)))
	}
	if res, _ := run(t, e, "shout()"); text(res) != `"bonjour!"` {
		t.Errorf("shout() = %q after redefining greet", text(res))
	}
	res, _ := run(t, e, "type Point struct{ X int }\ntype Point struct{ Y int }")
	if res.Error == nil || !strings.Contains(res.Error.Value, "redeclared") {
		t.Errorf("two declarations of one type in a cell, as in Go: %+v", res.Error)
	}
	mustOK(t, first(run(t, e, "type Pair struct{ A int }")))
	res, _ = run(t, e, "type Pair struct{ B string }")
	if res.Error == nil || !strings.Contains(res.Error.Value, "already declared") {
		t.Errorf("redefining a type differently: %+v", res.Error)
	}
}

func TestInspectShowsVariableValue(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, `names := []string{"Ada", "Go"}`)))
	text, found := e.Inspect("names", 2, 0)
	if !found || !strings.Contains(text, `[Ada Go]`) || !strings.Contains(text, "[]string") {
		t.Errorf("Inspect(names) = %q, %v", text, found)
	}
	if _, found := e.Inspect("nosuchvar", 3, 0); found {
		t.Error("found an undefined name")
	}
}

func TestModernGoAgainstCompiledTypes(t *testing.T) {
	e := newEngine(t)
	for _, c := range []struct{ code, want string }{
		{"var a, b time.Duration = time.Second, time.Millisecond\nmax(a, b)", "1s"},
		{"func longest(ds []time.Duration) time.Duration { var m time.Duration; for _, d := range ds { m = max(m, d) }; return m }\nlongest([]time.Duration{3, 9, 2})", "9ns"},
		{"max(2.5, 1)", "2.5"},
		{"n := 0\nworkers := runtime.NumCPU()\nfor range workers { n++ }\nn == workers", "true"},
		{"xs := []int{3, 1, 2}\nslices.Sort(xs)\nxs", "[1 2 3]"},
		{"func Evens(n int) func(yield func(int) bool) {\n\treturn func(yield func(int) bool) {\n\t\tfor i := 0; i < n; i += 2 {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}\nsum := 0\nfor e := range Evens(10) {\n\tif e == 8 {\n\t\tbreak\n\t}\n\tsum += e\n}\nsum", "12"},
		{"cmd := exec.Command(\"true\")\ncmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}\ncmd.Run() == nil", "true"},
	} {
		res, _ := run(t, e, c.code)
		if res.Error != nil || text(res) != c.want {
			t.Errorf("%q = %q, %+v; want %q", c.code, text(res), res.Error, c.want)
		}
	}
}

func TestTopLevelDeferRunsAtCellEndOnly(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, `ctx, cancel := context.WithCancel(context.Background())
defer cancel()
func half(x float64) { fmt.Println("half", x/2) }
defer half(3)
ch := make(chan int, 1)
defer close(ch)
for i := 0; i < 2; i++ {
	defer fmt.Println("loop", i)
}
fmt.Println("body", ctx.Err())`)
	mustOK(t, res)
	if want := "body <nil>\nloop 1\nloop 0\nhalf 1.5\n"; s.out() != want {
		t.Errorf("stdout %q, want %q", s.out(), want)
	}
	res, s = run(t, e, "ctx.Err()")
	if text(res) != "context canceled" || s.out() != "" {
		t.Errorf("next cell: %q, output %q (deferred calls must not run again)", text(res), s.out())
	}
}

func TestTopLevelReturnEndsCell(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, `defer fmt.Println("deferred")
n := 3
for i := 0; ; i++ {
	if i == n {
		return
	}
	fmt.Println(i)
}
n`)
	mustOK(t, res)
	if want := "0\n1\n2\ndeferred\n"; s.out() != want || s.errText() != "" || len(res.Data) != 0 {
		t.Errorf("stdout %q, stderr %q, data %v; want stdout %q only", s.out(), s.errText(), res.Data, want)
	}
	if res, _ := run(t, e, "n"); text(res) != "3" {
		t.Errorf("next cell: %q, %+v (the returned cell's variables must stay)", text(res), res.Error)
	}
	res, _ = run(t, e, "return 1")
	if res.Error == nil || !strings.Contains(res.Error.Value, "too many return values") {
		t.Errorf("return with a value: %+v", res.Error)
	}
}

func TestTopLevelDeferRecoversCellPanic(t *testing.T) {
	e := newEngine(t)
	res, s := run(t, e, `defer fmt.Println("last")
defer func() { fmt.Println("recovered:", recover()) }()
var p *struct{ X int }
fmt.Println("before")
p.X = 1`)
	mustOK(t, res)
	want := "before\nrecovered: runtime error: invalid memory address or nil pointer dereference\nlast\n"
	if s.out() != want || s.errText() != "" {
		t.Errorf("stdout %q, stderr %q; want stdout %q only", s.out(), s.errText(), want)
	}
	res, s = run(t, e, "defer func() { fmt.Println(\"again:\", recover()) }()\npanic(\"later\")\n")
	mustOK(t, res)
	if s.out() != "again: later\n" {
		t.Errorf("second cell: stdout %q", s.out())
	}
	res, s = run(t, e, "defer func() { func() { recover() }() }()\npanic(\"kept\")")
	if res.Error == nil || res.Error.Value != "kept" {
		t.Errorf("a nested recover must not recover: %+v, stdout %q", res.Error, s.out())
	}
	mustOK(t, first(run(t, e, "defer func() { fmt.Println(recover()) }()")))
}

func TestRichResultsTableAndProgress(t *testing.T) {
	e := newEngine(t)
	res, _ := run(t, e, "type City struct {\n\tName string\n\tPop  int\n}\n[]City{{\"Paris\", 2}, {\"Oslo\", 1}}")
	html, _ := res.Data["text/html"].(string)
	if !strings.Contains(html, "<th>Name</th><th>Pop</th>") || !strings.Contains(html, "<td>Oslo</td>") {
		t.Errorf("slice of cell structs: %v", res.Data)
	}
	res, s := run(t, e, "p := display.NewProgress(3, \"steps\")\nfor range 3 {\n\tp.Add(1)\n}")
	mustOK(t, res)
	if len(s.displays) < 2 || s.displays[0].Update || !s.displays[len(s.displays)-1].Update ||
		!strings.Contains(s.displays[len(s.displays)-1].Data["text/plain"].(string), "100% 3/3") {
		t.Errorf("progress displays %+v", s.displays)
	}
}
