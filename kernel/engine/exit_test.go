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
