package jupytertest

import (
	"fmt"
	"os"
	"sort"
	"time"
)

// Processes lists the running processes whose argv[0] is k's binary:
// kernels and their workers, by pid, each with its command line. It lists
// none for a nil k, a kernel not built yet.
func (k *Kernel) Processes() map[int]string {
	if k == nil || k.Bin == "" {
		return map[int]string{}
	}
	return processes(k.Bin)
}

// KillLeftovers waits up to grace for k's processes to end, then kills
// those left (by pid) and describes them, one "pid N: argv" each; it
// returns nil when none is left.
func (k *Kernel) KillLeftovers(grace time.Duration) []string {
	deadline := time.Now().Add(grace)
	for len(k.Processes()) > 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	var left []string
	for pid, argv := range k.Processes() {
		if p, err := os.FindProcess(pid); err == nil {
			p.Kill()
		}
		left = append(left, fmt.Sprintf("pid %d: %s", pid, argv))
	}
	sort.Strings(left)
	return left
}
