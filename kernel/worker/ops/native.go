package ops

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// BuildError is a %%native program the Go toolchain refused to build.
type BuildError struct {
	Value string   // the first message
	Lines []string // the compiler's messages
}

func (e *BuildError) Error() string { return e.Value }

// ProgramError is a %%native program that failed: its exit status, or why
// it could not start.
type ProgramError struct{ Err error }

func (e *ProgramError) Error() string { return e.Err.Error() }

// Unwrap returns the program's error.
func (e *ProgramError) Unwrap() error { return e.Err }

// Native builds prog (a cell made a standalone program) with the Go
// toolchain and runs it in the cells' working directory, its output
// streamed live (%%native). Flags go to `go build` (e.g. -race); words
// after "--" are the program's arguments. The program reads no input.
// An interrupt stops it (ErrInterrupted); a failed build is a *BuildError,
// a failed program a *ProgramError.
func (c Console) Native(ctx context.Context, prog, flags string) error {
	dir, err := os.MkdirTemp("", "gokernel-native-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	buildFlags, args := splitArgs(flags)
	bin, err := buildProgram(ctx, dir, prog, buildFlags)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	// No stdin: exec would read the kernel's input eagerly, asking the user
	// for lines the program may never want.
	cmd.Stdout, cmd.Stderr = c.Stdout, c.Stderr
	err = cmd.Run()
	switch {
	case ctx.Err() != nil:
		return ErrInterrupted
	case err != nil:
		return &ProgramError{err}
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
// becomes a *BuildError holding the compiler's messages.
func buildProgram(ctx context.Context, dir, prog string, flags []string) (string, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", errors.New("the Go toolchain is needed for %native cells, and `go` is not on PATH")
	}
	files := map[string]string{"main.go": prog, "go.mod": "module gokernelcell\n\ngo 1.24\n"}
	for f, content := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(content), 0o644); err != nil {
			return "", err
		}
	}
	bin := filepath.Join(dir, "cell")
	var out bytes.Buffer
	build := exec.CommandContext(ctx, goTool, append(append([]string{"build", "-o", bin}, flags...), ".")...)
	build.Dir, build.Stdout, build.Stderr = dir, &out, &out
	if err := build.Run(); err != nil {
		return "", buildError(out.String(), err)
	}
	return bin, nil
}

// buildError keeps the compiler's messages, without the "# package"
// headers, and the build's own error when the compiler did not run.
func buildError(output string, err error) *BuildError {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(output), "\n") {
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
	return &BuildError{Value: value, Lines: lines}
}
