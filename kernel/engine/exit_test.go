package engine

import (
	"strings"
	"testing"
)

// testingMainProgram runs one test through testing.Main, as Go's own test
// programs do to run tests from a main package.
func testingMainProgram(test string) string {
	return `package main

import (
	"fmt"
	"testing"
)

func matchString(a, b string) (bool, error) { return a == b, nil }

func TestPasses(t *testing.T) { t.Log("ran") }

func TestFails(t *testing.T) { t.Error("boom") }

func main() {
	tests := []testing.InternalTest{{Name: "` + test + `", F: ` + test + `}}
	testing.Main(matchString, tests, nil, nil)
	fmt.Println("not reached")
}`
}

func TestTestingMainEndsTheCellNotTheWorker(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "kept := 7")))
	res, s := run(t, e, testingMainProgram("TestPasses"))
	mustOK(t, res)
	if s.out() != "PASS\n" {
		t.Errorf("passing tests printed %q, want PASS", s.out())
	}
	res, s = run(t, e, testingMainProgram("TestFails"))
	if res.Error == nil || res.Error.Value != "exit status 1" || !strings.Contains(s.out(), "--- FAIL: TestFails") || !strings.HasSuffix(s.out(), "FAIL\n") {
		t.Errorf("failing tests: error %+v, output %q", res.Error, s.out())
	}
	res, s = run(t, e, "kept")
	mustOK(t, res)
	if text(res) != "7" || s.errText() != "" {
		t.Errorf("after testing.Main the worker lost its state: %q %q", text(res), s.errText())
	}
}

func TestOsExitSkipsDeferredCallsAndRecover(t *testing.T) {
	e := newEngine(t)
	for _, tc := range []struct{ name, code, status string }{
		{"in a function", `func leave() {
	defer fmt.Println("deferred in leave")
	os.Exit(3)
}
defer fmt.Println("deferred at top level")
leave()
fmt.Println("not reached")`, "exit status 3"},
		{"recover cannot stop it", `func guarded() {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	os.Exit(4)
}
guarded()
fmt.Println("not reached")`, "exit status 4"},
		{"at top level", "defer fmt.Println(\"deferred\")\nos.Exit(5)", "exit status 5"},
		{"log.Fatal", "defer fmt.Println(\"deferred\")\nlog.SetFlags(0)\nlog.Fatal(\"fatal\")", "exit status 1"},
		{"in a goroutine", `never := make(chan bool)
go func() {
	defer fmt.Println("deferred in the goroutine")
	os.Exit(6)
}()
<-never`, "exit status 6"},
		{"exit 0 in main", `package main

import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("deferred in main")
	fmt.Println("before")
	os.Exit(0)
}`, ""},
	} {
		res, s := run(t, e, tc.code)
		status := ""
		if res.Error != nil {
			status = res.Error.Value
		}
		if status != tc.status || strings.Contains(s.out(), "deferred") || strings.Contains(s.out(), "reached") || strings.Contains(s.out(), "recovered") {
			t.Errorf("%s: status %q, output %q; want %q and no deferred call", tc.name, status, s.out(), tc.status)
		}
	}
	if _, s := run(t, e, "log.Fatal(\"fatal\")"); s.errText() != "fatal\n" {
		t.Errorf("log.Fatal printed %q to stderr", s.errText())
	}
	res, s := run(t, e, "fmt.Println(\"alive\")")
	mustOK(t, res)
	if s.out() != "alive\n" || s.errText() != "" {
		t.Errorf("after os.Exit: output %q, stderr %q", s.out(), s.errText())
	}
}

func TestLoggerFatalEndsTheCellNotTheWorker(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "import \"log\"\nkept := 7\nlg := log.New(os.Stderr, \"lg: \", 0)")))
	res, s := run(t, e, "lg.SetPrefix(\"p: \")\nlg.Println(\"x\")")
	mustOK(t, res)
	if s.errText() != "p: x\n" {
		t.Errorf("a cell's logger printed %q", s.errText())
	}
	for _, code := range []string{"defer fmt.Println(\"deferred\")\nlg.Fatalf(\"bad %d\", 1)", "log.SetOutput(os.Stderr)\nlog.Default().Fatal(\"bad 1\")"} {
		res, s := run(t, e, code)
		if res.Error == nil || res.Error.Value != "exit status 1" || s.out() != "" || !strings.HasSuffix(s.errText(), "bad 1\n") {
			t.Errorf("%q: error %+v, stdout %q, stderr %q; want exit status 1 and the message only", code, res.Error, s.out(), s.errText())
		}
	}
	res, s = run(t, e, "kept")
	mustOK(t, res)
	if text(res) != "7" || s.errText() != "" {
		t.Errorf("after Fatal the worker lost its state: %q %q", text(res), s.errText())
	}
}
