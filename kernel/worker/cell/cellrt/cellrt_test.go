package cellrt

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
)

// TestInstall checks that every runtime function generated code calls is
// installed and reaches the host.
func TestInstall(t *testing.T) {
	var stderr strings.Builder
	var panics, deferred []string
	i := interp.New(interp.Options{})
	err := Install(i, Host{
		GoPanic:   func(v any, where string) { panics = append(panics, where) },
		Stdin:     strings.NewReader("typed\n"),
		Defer:     func(f any, args ...any) { deferred = append(deferred, "call") },
		DeferFunc: func(f func()) { deferred = append(deferred, "func") },
		Stderr:    &stderr,
		Recover:   func() any { return "pending" },
	})
	if err != nil {
		t.Fatal(err)
	}
	src := Println + `("x", 1)
` + Print + `(true)
` + GoPanic + `("boom", "cell1.go:1:1")
` + Defer + `(func(int) {}, 1)
` + DeferFunc + `(func() {})
var b [5]byte
n, _ := ` + Stdin + `.Read(b[:])
dl := ` + NewDeferList + `()
dl.Push(` + DeferFunc + `, func() {})
dl.Run()
` + Show + `(n, ` + MinWins + `(2, 1), ` + MaxWins + `(2, 1), ` + Compare + `(1, 2), ` + MethodPanic + `(true, 0), ` + StringRange + `("a\xffz")[2].Off, ` + Recover + `())`
	v, err := i.Eval(src)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := v.Interface().([]any)
	if !ok || len(got) != 7 || got[0] != 5 || got[1] != true || got[2] != false || got[3] != -1 || got[4] != "<nil>" || got[5] != 2 || got[6] != "pending" {
		t.Errorf("Show gave %#v", v.Interface())
	}
	if stderr.String() != "x 1\ntrue" {
		t.Errorf("print wrote %q", stderr.String())
	}
	if len(panics) != 1 || panics[0] != "cell1.go:1:1" || strings.Join(deferred, ",") != "call,func,func" {
		t.Errorf("panics %v, defers %v", panics, deferred)
	}
}

// TestEndCell checks that EndCell panics with the value IsEndCell knows
// and no other value passes for it.
func TestEndCell(t *testing.T) {
	defer func() {
		if v := recover(); !IsEndCell(v) {
			t.Errorf("EndCell panicked with %#v", v)
		}
	}()
	if IsEndCell("net/http: abort Handler") || IsEndCell(nil) {
		t.Error("IsEndCell takes other values for EndCell's")
	}
	endCellPanic()
}

// TestRecovered checks the values recover gets for yaegi's panics.
func TestRecovered(t *testing.T) {
	nilDeref := errors.New("reflect: call of reflect.Value.Field on zero Value")
	for _, tc := range []struct {
		in   any
		want string
		rt   bool
	}{
		{nilDeref, "runtime error: invalid memory address or nil pointer dereference", true},
		{"reflect: slice index out of range", "runtime error: index out of range", true},
		{errors.New("cell3/_.go:3:10: interface conversion: interface {} is string, not int"),
			"interface conversion: interface {} is string, not int", true},
		{reflect.ValueOf("boom"), "boom", false},
		{"boom", "boom", false},
		{42, "42", false},
	} {
		got := Recovered(tc.in)
		_, rt := got.(runtime.Error)
		if fmt.Sprint(got) != tc.want || rt != tc.rt {
			t.Errorf("Recovered(%v) = %#v (runtime.Error %v), want %q (%v)", tc.in, got, rt, tc.want, tc.rt)
		}
	}
}

// TestIsPanicFrame checks which lines a host keeps off a cell's stderr.
func TestIsPanicFrame(t *testing.T) {
	for line, want := range map[string]bool{
		"cell2/_.go:3:1: panic: main.f(...)\n": true,
		"cell2.go:12:1: panic: main(...)":      true,
		"panic: main(...)":                     false,
		"cell2.go:3:1: panic: boom":            false,
		"fmt.Println output\n":                 false,
	} {
		if got := IsPanicFrame(line); got != want {
			t.Errorf("IsPanicFrame(%q) = %v, want %v", line, got, want)
		}
	}
}
