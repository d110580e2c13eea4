package ops

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestSplitArgs(t *testing.T) {
	build, args := splitArgs("-race -tags x -- a b")
	if !reflect.DeepEqual(build, []string{"-race", "-tags", "x"}) || !reflect.DeepEqual(args, []string{"a", "b"}) {
		t.Errorf("build %q args %q", build, args)
	}
	if build, args := splitArgs("-race"); len(build) != 1 || args != nil {
		t.Errorf("build %q args %q", build, args)
	}
}

func TestBuildErrorKeepsTheCompilersMessages(t *testing.T) {
	e := buildError("# gokernelcell\n./main.go:3:2: undefined: x\n./main.go:4:2: undefined: y\n", &os.PathError{Op: "fork", Path: "go", Err: errors.New("no")})
	want := &BuildError{Value: "./main.go:3:2: undefined: x",
		Lines: []string{"./main.go:3:2: undefined: x", "./main.go:4:2: undefined: y", "fork go: no"}}
	if !reflect.DeepEqual(e, want) {
		t.Errorf("got %+v, want %+v", e, want)
	}
}

func TestWriteFileSaysWhatItDid(t *testing.T) {
	var out bytes.Buffer
	c := Console{Stdout: &out, Stderr: &out}
	name := filepath.Join(t.TempDir(), "a.txt")
	for _, body := range []string{"one", "two"} {
		if err := c.WriteFile(name, body); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := out.String(), "Writing "+name+"\nOverwriting "+name+"\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
	if got, err := ReadFile(name); got != "two" || err != nil {
		t.Errorf("ReadFile = %q, %v", got, err)
	}
	if err := c.WriteFile("", "x"); err == nil {
		t.Error("wrote a file without a name")
	}
}

func TestSetenvTrimsTheAssignment(t *testing.T) {
	t.Setenv("GOKERNEL_OPS_TEST", "")
	if err := Setenv(" GOKERNEL_OPS_TEST = on "); err != nil {
		t.Fatal(err)
	}
	if got := os.Getenv("GOKERNEL_OPS_TEST"); got != "on" {
		t.Errorf("got %q", got)
	}
}
