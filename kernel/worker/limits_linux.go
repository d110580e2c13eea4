package worker

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// totalMemory reads MemTotal from /proc/meminfo (0 if unknown).
func totalMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// limitAddressSpace makes allocations beyond limit fail, so the Go runtime
// reports "out of memory" and the worker dies alone. RLIMIT_DATA counts
// the memory the heap really maps writable, not the address space Go
// reserves (nearly 2 GB at start), so the limit means what it says.
func limitAddressSpace(limit int64) error {
	return syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: uint64(limit), Max: uint64(limit)})
}
