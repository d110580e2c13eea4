package worker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Operations behind the magics: they run in the worker so that the working
// directory, the environment and the capture pipes are those of the cells.

// runOp executes a magic's operation and returns its done event.
func (w *worker) runOp(ctx context.Context, cmd Command) Event {
	done := Event{Ev: "done", ID: cmd.ID}
	var err error
	switch cmd.Op {
	case "native":
		done.Error = w.native(ctx, cmd.Cell, cmd.Value, cmd.Code)
	case "goget":
		err = w.goGet(ctx, cmd.Code)
	case "shell":
		err = w.shell(ctx, cmd.Code)
	case "chdir":
		err = w.chdir(cmd.Code)
	case "setenv":
		name, value, _ := strings.Cut(cmd.Code, "=")
		err = os.Setenv(strings.TrimSpace(name), strings.TrimSpace(value))
	case "env":
		w.printEnv(cmd.Code)
	case "writefile":
		err = w.writeFile(cmd.Value, cmd.Code)
	case "readfile":
		var b []byte
		if b, err = os.ReadFile(cmd.Code); err == nil {
			done.Text = string(b)
		}
	default:
		err = fmt.Errorf("unknown operation %q", cmd.Op)
	}
	w.flush.sync()
	if err != nil {
		done.Error = &Error{Name: "MagicError", Value: err.Error(), Traceback: []string{red("MagicError") + ": " + err.Error()}}
	}
	return done
}

// shell runs a command line with the system shell, its output streamed
// live; an interrupt stops it. A non-zero exit status is reported on
// stderr, not as an error, as IPython does.
func (w *worker) shell(ctx context.Context, line string) error {
	c := exec.CommandContext(ctx, "sh", "-c", line)
	if runtime.GOOS == "windows" {
		c = exec.CommandContext(ctx, "cmd", "/C", line)
	}
	c.Stdout, c.Stderr = w.stdout.w, w.stderr.w
	err := c.Run()
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return errors.New("interrupted")
	case errors.As(err, &exit):
		fmt.Fprintf(w.stderr.w, "%s\n", exit.ProcessState)
		return nil
	}
	return err
}

func (w *worker) chdir(dir string) error {
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
	fmt.Fprintln(w.stdout.w, wd)
	return err
}

// printEnv prints the environment, or the variables whose names start
// with prefix.
func (w *worker) printEnv(prefix string) {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, prefix) {
			fmt.Fprintln(w.stdout.w, kv)
		}
	}
}

func (w *worker) writeFile(name, body string) error {
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
	fmt.Fprintf(w.stdout.w, "%s %s\n", verb, name)
	return nil
}
