package engine

import (
	"strings"
	"testing"
)

func TestUnsafeWorksAsInGo(t *testing.T) {
	e := newEngine(t)
	for _, tc := range []struct{ code, want string }{
		{"import \"unsafe\"\nunsafe.Sizeof(int32(0))", "4"},
		{"unsafe.Alignof(int64(0))", "8"},
		{"type S struct{ A int8; B int64 }\nunsafe.Offsetof(S{}.B)", "8"},
		{"unsafe.Sizeof(S{})", "16"},
		{"const c = unsafe.Sizeof(int16(0))\nc", "2"},
		{"x := 42\n*(*int)(unsafe.Pointer(&x))", "42"},
		{"f := 1.5\n*(*uint64)(unsafe.Pointer(&f))", "4609434218613702656"},
		{"arr := [3]int32{1, 2, 3}\n*(*int32)(unsafe.Add(unsafe.Pointer(&arr[0]), 4))", "2"},
		{"var s S\np := (*int64)(unsafe.Pointer(uintptr(unsafe.Pointer(&s)) + unsafe.Offsetof(s.B)))\n*p = 7\ns.B", "7"},
		{"b := []byte(\"hi\")\nunsafe.String(&b[0], len(b))", `"hi"`},
		{"*unsafe.StringData(\"go\")", "103"},
		{"unsafe.String(&b[0], uint64(1))", `"h"`},
		{"*(*int32)(unsafe.Add(unsafe.Pointer(&arr[0]), uint8(8)))", "3"},
		{"func alignOf() uintptr { var v struct{ a byte; b int32 }; return unsafe.Alignof(v) }\nalignOf()", "4"},
	} {
		res, _ := run(t, e, tc.code)
		mustOK(t, res)
		if got := text(res); got != tc.want {
			t.Errorf("%q: got %s, want %s", tc.code, got, tc.want)
		}
	}
}

func TestUnsafeLeavesOsExitRestricted(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, `import "unsafe"`)))
	res, _ := run(t, e, "os.Exit(2)")
	if res.Error == nil || res.Error.Value != "exit status 2" {
		t.Fatalf("os.Exit(2) after importing unsafe: got %+v", res.Error)
	}
	mustOK(t, first(run(t, e, "1 + 1")))
}

func TestUnsafeSliceNamesWhatToWriteInstead(t *testing.T) {
	e := newEngine(t)
	mustOK(t, first(run(t, e, "import \"unsafe\"\narr := [2]int{1, 2}")))
	for _, code := range []string{"unsafe.Slice(&arr[0], 2)", "s := arr[:]\nunsafe.SliceData(s)", "func g() []int { return unsafe.Slice(&arr[0], 2) }"} {
		res, _ := run(t, e, code)
		if res.Error == nil || !strings.Contains(strings.Join(res.Error.Traceback, "\n"), "(*[n]T)(unsafe.Pointer(p))[:n:n]") {
			t.Errorf("%q: got %+v, want an error naming the replacement", code, res.Error)
		}
	}
}
