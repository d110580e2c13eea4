package gosuite

import (
	"fmt"
	"regexp"
	"strings"
)

// The outcome categories of a program in one form.
const (
	Pass         = "pass"
	CompileError = "compile error"
	WrongOutput  = "wrong output"
	WrongStatus  = "wrong status"
	WorkerCrash  = "worker crash"
	KernelCrash  = "kernel crash"
	Timeout      = "timeout"
	TimeoutCPU   = "timeout (cpu-bound)"
)

// Categories lists the categories in the order reports show them.
var Categories = []string{Pass, CompileError, WrongOutput, WrongStatus, WorkerCrash, KernelCrash, Timeout, TimeoutCPU}

// CPUBound is the native run time above which a timeout counts as the
// interpreter's slowness (about 100× native) rather than a hang; so does
// the timeout of a program listed in testdata/loop_heavy.txt.
const CPUBound = 0.2

// compileErrors are the error names under which gokernel reports code it
// did not compile or import.
var compileErrors = map[string]bool{"CompileError": true, "ImportError": true, "BuildError": true}

// Outcome is the verdict on one program in one form.
type Outcome struct {
	Program   string  `json:"program"`
	Form      string  `json:"form"` // program, notebook or yaegi
	Category  string  `json:"category"`
	Detail    string  `json:"detail,omitempty"`     // the first differing line, for wrong output
	ErrorLine string  `json:"error_line,omitempty"` // the kernel's first error line
	Seconds   float64 `json:"seconds"`
}

// Classify compares a run with the native outcome; loopHeavy says that
// the program is known to time out only for the interpreter's slowness.
func Classify(program, form string, want Native, got Run, loopHeavy bool) Outcome {
	o := Outcome{Program: program, Form: form, ErrorLine: errorLine(got), Seconds: got.Seconds}
	ok := got.Status == "ok"
	switch {
	case got.Status == "kernel_died":
		o.Category = KernelCrash
	case got.Status == "timeout" && (want.Seconds > CPUBound || loopHeavy):
		o.Category = TimeoutCPU
	case got.Status == "timeout":
		o.Category = Timeout
	case got.Ename == "WorkerDied":
		o.Category = WorkerCrash
	case compileErrors[got.Ename]:
		o.Category = CompileError
	case ok == want.OK && got.Stdout == want.Stdout:
		o.Category, o.ErrorLine = Pass, ""
	case ok != want.OK:
		o.Category = WrongStatus
		o.Detail = fmt.Sprintf("go run: ok=%v, got ok=%v", want.OK, ok)
	default:
		o.Category = WrongOutput
		o.Detail = FirstDifference(want.Stdout, got.Stdout)
	}
	return o
}

// errorLine is the first line that says what went wrong in a run.
func errorLine(r Run) string {
	switch r.Status {
	case "ok":
		return ""
	case "timeout":
		return fmt.Sprintf("no end within %v", Limit)
	}
	if r.Ename != "" && r.Evalue != "" {
		if s := firstLine(r.Ename + ": " + r.Evalue); r.Traceback0 == "" {
			return clip(s, 200)
		}
	}
	for _, s := range []string{r.Traceback0, r.Stderr} {
		if s = firstLine(s); s != "" {
			return clip(s, 200)
		}
	}
	return r.Status
}

// FirstDifference describes the first line where got differs from want.
func FirstDifference(want, got string) string {
	w, g := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d: want %q, got %q", i+1, clip(wl, 80), clip(gl, 80))
		}
	}
	return ""
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

var (
	positionRE = regexp.MustCompile(`[\w./-]*\.go(?::\d+)+:?\s*|(?:\bline )?\b\d+:\d+:\s*`)
	quotedRE   = regexp.MustCompile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`|'(?:[^'\\\\]|\\\\.)*'")
	hexRE      = regexp.MustCompile(`0x[0-9a-fA-F]+`)
	numberRE   = regexp.MustCompile(`\b\d+(\.\d+)?\b`)
	nameAfter  = regexp.MustCompile(`(undefined|undefined type|redeclared|unknown field|cannot use|not a type|no field or method|missing method|not declared by package):? [\w.*\[\]]+`)
	spacesRE   = regexp.MustCompile(`\s+`)
)

// Cause normalises an error line into a cause shared by programs: no
// positions, quoted strings, addresses, numbers or the names after
// "undefined:" and its kind.
func Cause(line string) string {
	s := positionRE.ReplaceAllString(line, "")
	s = quotedRE.ReplaceAllString(s, `"…"`)
	s = hexRE.ReplaceAllString(s, "0x…")
	s = numberRE.ReplaceAllString(s, "N")
	s = nameAfter.ReplaceAllString(s, "$1 X")
	s = strings.TrimSpace(spacesRE.ReplaceAllString(s, " "))
	return clip(s, 100)
}
