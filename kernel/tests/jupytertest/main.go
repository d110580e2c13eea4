package jupytertest

import (
	"fmt"
	"os"
	"testing"
)

// Main is the body of a TestMain: it makes a temporary directory named
// after name, calls prepare with it, runs the tests and removes the
// directory, unless the variable keep is set (then it says where it is).
// It exits with the tests' status.
func Main(m *testing.M, name, keep string, prepare func(tmp string)) {
	tmp, err := os.MkdirTemp("", "gokernel-"+name+"-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	prepare(tmp)
	code := m.Run()
	if os.Getenv(keep) == "" {
		os.RemoveAll(tmp)
	} else {
		fmt.Fprintln(os.Stderr, name+": kept", tmp)
	}
	os.Exit(code)
}
