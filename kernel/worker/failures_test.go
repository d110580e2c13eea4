package worker

import (
	"errors"
	"fmt"
	"os/exec"
	"reflect"
	"testing"

	"github.com/gokernel/gokernel/kernel/worker/ops"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

func TestNativeErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		want *wp.Error
	}{
		{nil, nil},
		{ops.ErrInterrupted, wp.NewError("Interrupted", "the program was interrupted")},
		{&ops.BuildError{Value: "./main.go:3:2: undefined: x", Lines: []string{"./main.go:3:2: undefined: x", "too many errors"}},
			&wp.Error{Name: "BuildError", Value: "./main.go:3:2: undefined: x",
				Traceback: []string{"\x1b[0;31mBuildError\x1b[0m", "./main.go:3:2: undefined: x", "too many errors"}}},
		{&ops.ProgramError{Err: errors.New("exit status 3")},
			&wp.Error{Name: "Exit", Value: "exit status 3", Traceback: []string{"\x1b[0;31mexit\x1b[0m: exit status 3"}}},
		{fmt.Errorf("mkdir: %w", exec.ErrNotFound), wp.NewError("NativeError", "mkdir: "+exec.ErrNotFound.Error())},
	} {
		if got := nativeError(c.err); !reflect.DeepEqual(got, c.want) {
			t.Errorf("nativeError(%v) = %+v, want %+v", c.err, got, c.want)
		}
	}
}

func TestMagicErrors(t *testing.T) {
	if magicError(nil) != nil {
		t.Error("no error became an error")
	}
	got := magicError(ops.ErrInterrupted)
	want := &wp.Error{Name: "MagicError", Value: "interrupted", Traceback: []string{"\x1b[0;31mMagicError\x1b[0m: interrupted"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("magicError = %+v, want %+v", got, want)
	}
}
