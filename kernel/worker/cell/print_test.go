package cell

import (
	"regexp"
	"testing"
)

func TestPrintBuiltinsUseGoFormats(t *testing.T) {
	k := newKernel(t)
	o := k.run("x := 7\nprintln(\"n\", x, 2.5, true)\nprint(\"a\", 1)\nprintln()\nprintln([]int{1, 2}, &x)")
	if o.err != "" {
		t.Fatal(o.err)
	}
	// yaegi's own println would print "[1 2]" and the pointed-to struct.
	want := regexp.MustCompile(`^n 7 2\.5 true\na1\n\[2/2\]0x[0-9a-f]+ 0x[0-9a-f]+\n$`)
	if !want.MatchString(o.out) {
		t.Errorf("output %q does not match %s", o.out, want)
	}
}

func TestUserPrintlnIsNotReplaced(t *testing.T) {
	k := newKernel(t)
	o := k.run("func println(a ...any) { fmt.Print(\"mine\") }\nprintln(1)")
	if o.err != "" || o.out != "mine" {
		t.Errorf("out %q err %q, want the cell's own println", o.out, o.err)
	}
}
