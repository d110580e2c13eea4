package gosuite

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Yaegi runs programs with yaegi's own command, built from the module
// cache at the version go.mod pins.
type Yaegi struct {
	Bin string // the built cmd/yaegi
	Dir string // the programs' working directory
}

// BuildYaegi builds github.com/traefik/yaegi/cmd/yaegi from the module at
// root into work; programs run in dir.
func BuildYaegi(root, work, dir string) (*Yaegi, error) {
	bin := filepath.Join(work, "yaegi")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/traefik/yaegi/cmd/yaegi")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build cmd/yaegi: %v\n%s", err, out)
	}
	return &Yaegi{Bin: bin, Dir: dir}, nil
}

// Run runs p with `yaegi run` and the unrestricted, unsafe and syscall
// symbols, which give interpreted code the whole standard library, os.Exit
// included. They are asked for in the environment: the flags would stay in
// the program's os.Args (yaegi passes its own arguments on).
func (y *Yaegi) Run(p Program) Run {
	ctx, cancel := context.WithTimeout(context.Background(), Limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, y.Bin, "run", p.Path)
	cmd.Dir = y.Dir
	cmd.Env = append(os.Environ(), "YAEGI_UNRESTRICTED=1", "YAEGI_UNSAFE=1", "YAEGI_SYSCALL=1")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	start := time.Now()
	err := cmd.Run()
	r := Run{ID: p.Name, Status: "ok", Stdout: stdout.String(), Stderr: stderr.String(), Seconds: time.Since(start).Seconds()}
	switch {
	case ctx.Err() != nil:
		r.Status = "timeout"
	case err != nil:
		r.Status, r.Ename, r.Traceback0 = "error", "exit", firstLine(stderr.String())
		if r.Traceback0 == "" {
			r.Traceback0 = err.Error()
		}
	}
	return r
}
