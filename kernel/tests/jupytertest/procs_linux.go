//go:build linux

package jupytertest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// processes lists, from /proc, the processes whose argv[0] is bin.
func processes(bin string) map[int]string {
	procs := map[int]string{}
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", d.Name(), "cmdline"))
		if err != nil {
			continue
		}
		argv := strings.Split(strings.TrimRight(string(b), "\x00"), "\x00")
		if argv[0] == bin {
			procs[pid] = strings.Join(argv, " ")
		}
	}
	return procs
}
