package worker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gokernel/gokernel/kernel/worker/cell"
)

// native builds a cell as a standalone program with the Go toolchain and
// runs it in the cells' working directory, its output streamed live
// (%%native). flags go to `go build` (e.g. -race); words after "--" are
// the program's arguments. The program reads no input.
func (w *worker) native(ctx context.Context, name, flags, src string) *Error {
	prog, err := cell.Program(name, src, w.runner.resolve)
	if err != nil {
		return compileError(err, src)
	}
	dir, err := os.MkdirTemp("", "gokernel-native-")
	if err != nil {
		return nativeError("%v", err)
	}
	defer os.RemoveAll(dir)
	buildFlags, args := splitArgs(flags)
	bin, failure := buildProgram(ctx, dir, prog, buildFlags)
	if failure != nil {
		return failure
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	// No stdin: exec would read the kernel's input eagerly, asking the user
	// for lines the program may never want.
	cmd.Stdout, cmd.Stderr = w.stdout.w, w.stderr.w
	err = cmd.Run()
	switch {
	case ctx.Err() != nil:
		return &Error{Name: "Interrupted", Value: "the program was interrupted",
			Traceback: []string{red("Interrupted") + ": the program was interrupted"}}
	case err != nil:
		return &Error{Name: "Exit", Value: err.Error(), Traceback: []string{red("exit") + ": " + err.Error()}}
	}
	return nil
}

// splitArgs separates build flags from the program's arguments ("--").
func splitArgs(flags string) (build, args []string) {
	words := strings.Fields(flags)
	for i, w := range words {
		if w == "--" {
			return words[:i], words[i+1:]
		}
	}
	return words, nil
}

// buildProgram writes the program into dir and builds it; a failed build
// becomes an error whose traceback is the compiler's messages.
func buildProgram(ctx context.Context, dir, prog string, flags []string) (string, *Error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", nativeError("the Go toolchain is needed for %%native cells, and `go` is not on PATH")
	}
	files := map[string]string{"main.go": prog, "go.mod": "module gokernelcell\n\ngo 1.24\n"}
	for f, content := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(content), 0o644); err != nil {
			return "", nativeError("%v", err)
		}
	}
	bin := filepath.Join(dir, "cell")
	var out bytes.Buffer
	build := exec.CommandContext(ctx, goTool, append(append([]string{"build", "-o", bin}, flags...), ".")...)
	build.Dir, build.Stdout, build.Stderr = dir, &out, &out
	if err := build.Run(); err != nil {
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if !strings.HasPrefix(l, "# ") {
				lines = append(lines, l)
			}
		}
		value := "go build failed"
		if len(lines) > 0 {
			value = lines[0]
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			lines = append(lines, err.Error())
		}
		return "", &Error{Name: "BuildError", Value: value, Traceback: append([]string{red("BuildError")}, lines...)}
	}
	return bin, nil
}

func nativeError(format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Name: "NativeError", Value: msg, Traceback: []string{red("NativeError") + ": " + msg}}
}
