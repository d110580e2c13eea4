package worker

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// maxStack bounds a goroutine's stack: runaway recursion ends in a quick
// "stack overflow" instead of growing to Go's default 1 GB first.
const maxStack = 256 << 20

// MemoryLimitEnv names the environment variable that sets the worker's
// memory limit: bytes with an optional KiB/MiB/GiB suffix, or "off".
// By default the worker may use half of the machine's memory.
const MemoryLimitEnv = "GOKERNEL_MEMORY_LIMIT"

// applyLimits bounds the worker's stack and memory, so that runaway cells
// end with a clear report instead of taking the machine down.
func applyLimits() error {
	debug.SetMaxStack(maxStack)
	limit, err := memoryLimit(os.Getenv(MemoryLimitEnv), totalMemory())
	if err != nil || limit <= 0 {
		return err
	}
	debug.SetMemoryLimit(limit / 10 * 9) // collect garbage hard before the wall
	return limitAddressSpace(limit)
}

// memoryLimit parses the setting; "" means half of total (0 if unknown).
func memoryLimit(setting string, total int64) (int64, error) {
	setting = strings.TrimSpace(setting)
	switch strings.ToLower(setting) {
	case "":
		return total / 2, nil
	case "off", "0", "none":
		return 0, nil
	}
	units := []struct {
		suffix string
		scale  int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"B", 1}}
	scale := int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(setting, u.suffix); ok {
			setting, scale = strings.TrimSpace(rest), u.scale
			break
		}
	}
	n, err := strconv.ParseFloat(setting, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s=%q: want bytes with an optional KiB, MiB or GiB suffix, or off", MemoryLimitEnv, setting)
	}
	return int64(n * float64(scale)), nil
}
