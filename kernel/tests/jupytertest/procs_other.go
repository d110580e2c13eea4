//go:build !linux

package jupytertest

import (
	"os/exec"
	"strconv"
	"strings"
)

// processes lists, from `ps`, the processes whose command line starts with
// bin. Where ps is missing or fails (Windows), it lists none.
func processes(bin string) map[int]string {
	procs := map[int]string{}
	out, err := exec.Command("ps", "-A", "-o", "pid=", "-o", "args=").Output()
	if err != nil {
		return procs
	}
	for _, line := range strings.Split(string(out), "\n") {
		pidText, args, _ := strings.Cut(strings.TrimSpace(line), " ")
		pid, err := strconv.Atoi(pidText)
		args = strings.TrimSpace(args)
		if err == nil && (args == bin || strings.HasPrefix(args, bin+" ")) {
			procs[pid] = args
		}
	}
	return procs
}
