// Package ops carries out the magics' operations in the worker process
// (!shell, %cd, %env, %%writefile, %load, %go get, %%native), so that the
// working directory, the environment and the output pipes are those of
// the cells. It knows nothing of the interpreter: a failure comes back as
// a Go error, which the worker turns into the error users see.
package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Console is where the operations print: the worker's capture pipes, so
// that their output reaches the cell that asked for them.
type Console struct {
	Stdout, Stderr io.Writer
}

// Shell runs a command line with the system shell, its output streamed
// live; an interrupt stops it (ErrInterrupted). A non-zero exit status is
// reported on stderr, not as an error, as IPython does.
func (c Console) Shell(ctx context.Context, line string) error {
	sh := exec.CommandContext(ctx, "sh", "-c", line)
	if runtime.GOOS == "windows" {
		sh = exec.CommandContext(ctx, "cmd", "/C", line)
	}
	sh.Stdout, sh.Stderr = c.Stdout, c.Stderr
	err := sh.Run()
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return ErrInterrupted
	case errors.As(err, &exit):
		fmt.Fprintf(c.Stderr, "%s\n", exit.ProcessState)
		return nil
	}
	return err
}

// Chdir changes the working directory (home when dir is empty) and
// prints the new one.
func (c Console) Chdir(dir string) error {
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return err
		}
		dir = home
	}
	if strings.HasPrefix(dir, "~/") {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, dir[2:])
	}
	if err := os.Chdir(dir); err != nil {
		return err
	}
	wd, err := os.Getwd()
	fmt.Fprintln(c.Stdout, wd)
	return err
}

// PrintEnv prints the environment, or the variables whose names start
// with prefix.
func (c Console) PrintEnv(prefix string) {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, prefix) {
			fmt.Fprintln(c.Stdout, kv)
		}
	}
}

// Setenv sets an environment variable from "NAME=VALUE", for later cells
// and the processes they start.
func Setenv(assignment string) error {
	name, value, _ := strings.Cut(assignment, "=")
	return os.Setenv(strings.TrimSpace(name), strings.TrimSpace(value))
}

// ReadFile returns a file's content.
func ReadFile(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}

// WriteFile writes body to the file name and says whether it created or
// replaced it.
func (c Console) WriteFile(name, body string) error {
	if name == "" {
		return errors.New("%%writefile needs a file name")
	}
	_, statErr := os.Stat(name)
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		return err
	}
	verb := "Writing"
	if statErr == nil {
		verb = "Overwriting"
	}
	fmt.Fprintf(c.Stdout, "%s %s\n", verb, name)
	return nil
}

// ErrInterrupted is an operation an interrupt stopped.
var ErrInterrupted = errors.New("interrupted")
