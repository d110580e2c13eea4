package goprint

import (
	"bytes"
	"math"
	"regexp"
	"testing"
)

func TestFprintln(t *testing.T) {
	for _, tc := range []struct {
		args []any
		want string
	}{
		{nil, "\n"},
		{[]any{"hello", 42, -7, uint8(200), true}, "hello 42 -7 200 true\n"},
		{[]any{1.5}, "1.5\n"},
		{[]any{-0.000123456789, 9.9999999, 1e100}, "-0.000123456789 9.9999999 1e+100\n"},
		{[]any{0.0, math.Copysign(0, -1)}, "0 -0\n"},
		{[]any{float32(0.1)}, "0.1\n"},
		{[]any{math.NaN(), math.Inf(1), math.Inf(-1)}, "NaN +Inf -Inf\n"},
		{[]any{complex(1, -2), complex64(0.1 + 1i)}, "(1-2i) (0.1+1i)\n"},
		{[]any{nil}, "(0x0,0x0)\n"},
	} {
		var b bytes.Buffer
		Fprintln(&b, tc.args...)
		if b.String() != tc.want {
			t.Errorf("Fprintln(%v) = %q, want %q", tc.args, b.String(), tc.want)
		}
	}
}

func TestFprintJoinsWithoutSpaces(t *testing.T) {
	var b bytes.Buffer
	Fprint(&b, "a", 1, "b", 2.5)
	if want := "a1b2.5"; b.String() != want {
		t.Errorf("Fprint = %q, want %q", b.String(), want)
	}
}

func TestAddresses(t *testing.T) {
	x := 3
	var b bytes.Buffer
	Fprintln(&b, &x, map[int]int{}, make([]int, 2, 5))
	want := regexp.MustCompile(`^0x[0-9a-f]+ 0x[0-9a-f]+ \[2/5\]0x[0-9a-f]+\n$`)
	if !want.MatchString(b.String()) {
		t.Errorf("Fprintln(pointer, map, slice) = %q", b.String())
	}
}

func TestMethodPanic(t *testing.T) {
	if got := MethodPanic(true, "boom"); got != "<nil>" {
		t.Errorf("nil receiver: %q", got)
	}
	if got, want := MethodPanic(false, "boom"), "%!v(PANIC=Error method: boom)"; got != want {
		t.Errorf("MethodPanic = %q, want %q", got, want)
	}
}
