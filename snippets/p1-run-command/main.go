// P1: subprocess.run(["ls", "-l"], capture_output=True, text=True) in Go:
// exec.Command(...).Output(), the *exec.ExitError of a failing command, and
// CombinedOutput.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// check stops the program on an unexpected error.
func check(err error) {
	if err != nil {
		panic(err)
	}
}

func main() {
	// A directory with known content: two files and a subdirectory.
	dir, err := os.MkdirTemp("", "p1-")
	check(err)
	check(os.WriteFile(filepath.Join(dir, "hello.txt"), []byte("hello\n"), 0o644))
	check(os.WriteFile(filepath.Join(dir, "notes.md"), []byte("# notes\n"), 0o644))
	check(os.Mkdir(filepath.Join(dir, "data"), 0o755))
	// Set the permissions explicitly: the umask may have removed some bits.
	check(os.Chmod(filepath.Join(dir, "hello.txt"), 0o644))
	check(os.Chmod(filepath.Join(dir, "notes.md"), 0o644))
	check(os.Chmod(filepath.Join(dir, "data"), 0o755))

	// subprocess.run(["ls", "-l", dir], capture_output=True, text=True)
	out, err := exec.Command("ls", "-l", dir).Output()
	check(err)
	listing := string(out)
	for _, line := range strings.Split(strings.TrimSpace(listing), "\n") {
		f := strings.Fields(line)
		if len(f) < 9 {
			continue // the "total …" line
		}
		fmt.Printf("%s  %s\n", f[0], f[len(f)-1])
	}

	// A command that fails: one name exists, one does not. cmd.Dir sets the
	// working directory of the child, so the names are short.
	cmd := exec.Command("ls", "hello.txt", "missing.txt")
	cmd.Dir = dir
	stdout, err := cmd.Output()
	fmt.Printf("stdout: %q\n", stdout)
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		fmt.Printf("exit code %d, stderr: %s", exitErr.ExitCode(), exitErr.Stderr)
	}

	// CombinedOutput: standard output and standard error in one stream.
	cmd = exec.Command("ls", "hello.txt", "missing.txt")
	cmd.Dir = dir
	both, err := cmd.CombinedOutput()
	fmt.Printf("combined output:\n%s", both)
	fmt.Println("error:", err)

	check(os.RemoveAll(dir))
}
