package gosuite

import "testing"

func TestClassify(t *testing.T) {
	ok := Native{Stdout: "a\nb\n", OK: true, Seconds: 0.01}
	slow := Native{Stdout: "", OK: true, Seconds: 3}
	tests := []struct {
		name string
		want Native
		got  Run
		cat  string
	}{
		{"pass", ok, Run{Status: "ok", Stdout: "a\nb\n"}, Pass},
		{"both fail alike", Native{Stdout: "a\n"}, Run{Status: "error", Ename: "panic", Stdout: "a\n"}, Pass},
		{"wrong output", ok, Run{Status: "ok", Stdout: "a\nc\n"}, WrongOutput},
		{"wrong status", ok, Run{Status: "error", Ename: "panic", Stdout: "a\n"}, WrongStatus},
		{"compile error", ok, Run{Status: "error", Ename: "CompileError", Evalue: "x"}, CompileError},
		{"import error", ok, Run{Status: "error", Ename: "ImportError"}, CompileError},
		{"worker crash", ok, Run{Status: "error", Ename: "WorkerDied"}, WorkerCrash},
		{"kernel crash", ok, Run{Status: "kernel_died"}, KernelCrash},
		{"timeout", ok, Run{Status: "timeout"}, Timeout},
		{"cpu-bound timeout", slow, Run{Status: "timeout"}, TimeoutCPU},
	}
	for _, tt := range tests {
		if got := Classify("p.go", "program", tt.want, tt.got, false); got.Category != tt.cat {
			t.Errorf("%s: category %q, want %q", tt.name, got.Category, tt.cat)
		}
	}
	if got := Classify("p.go", "program", ok, Run{Status: "timeout"}, true); got.Category != TimeoutCPU {
		t.Errorf("loop-heavy timeout: category %q, want %q", got.Category, TimeoutCPU)
	}
	o := Classify("p.go", "program", ok, Run{Status: "ok", Stdout: "a\nc\n"}, false)
	if want := `line 2: want "b\n", got "c\n"`; o.Detail != want {
		t.Errorf("detail %q, want %q", o.Detail, want)
	}
}

func TestCause(t *testing.T) {
	tests := []struct{ line, want string }{
		{"CompileError: cell1.go:12:3: undefined: foo", "CompileError: undefined X"},
		{"CompileError: cell2.go:7:10: undefined: bar", "CompileError: undefined X"},
		{`ImportError: cannot import "unsafe": there is no such standard library package`, `ImportError: cannot import "…": there is no such standard library package`},
		{"panic: runtime error: index out of range [5] with length 3", "panic: runtime error: index out of range [N] with length N"},
		{"panic: 0xc000012345 /tmp/x.go:5", "panic: 0x…"},
		{"12:3: undefined: x.Y", "undefined X"},
		{"line 2:2: CFG post-order panic: boom", "CFG post-order panic: boom"},
	}
	for _, tt := range tests {
		if got := Cause(tt.line); got != tt.want {
			t.Errorf("Cause(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
