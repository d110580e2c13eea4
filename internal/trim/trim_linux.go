package trim

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// mapping is one region of /proc/self/smaps.
type mapping struct {
	start, end uint64
	perms      string
	path       string
	anonymous  int // kB of private pages that differ from the file
}

func startupPages() {
	exe, err := os.Executable()
	if err != nil {
		return
	}
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return
	}
	for _, m := range parseSmaps(data) {
		if m.path == exe && releasable(m) {
			syscall.Syscall(syscall.SYS_MADVISE, uintptr(m.start), uintptr(m.end-m.start), syscall.MADV_DONTNEED)
		}
	}
}

// releasable reports whether dropping m's pages loses nothing: it can
// never be written and holds no private copy of any page.
func releasable(m mapping) bool {
	return !strings.Contains(m.perms, "w") && m.anonymous == 0
}

// parseSmaps reads the regions of a /proc/PID/smaps text.
func parseSmaps(data []byte) []mapping {
	var out []mapping
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if lo, hi, ok := strings.Cut(fields[0], "-"); ok && len(fields) >= 5 {
			m, ok := region(lo, hi, fields)
			if ok {
				out = append(out, m)
			}
			continue
		}
		if fields[0] == "Anonymous:" && len(out) > 0 && len(fields) >= 2 {
			out[len(out)-1].anonymous, _ = strconv.Atoi(fields[1])
		}
	}
	return out
}

// region parses a header line "start-end perms offset dev inode [path]".
func region(lo, hi string, fields []string) (mapping, bool) {
	start, err1 := strconv.ParseUint(lo, 16, 64)
	end, err2 := strconv.ParseUint(hi, 16, 64)
	if err1 != nil || err2 != nil || end <= start {
		return mapping{}, false
	}
	m := mapping{start: start, end: end, perms: fields[1], anonymous: -1}
	if len(fields) >= 6 {
		m.path = strings.Join(fields[5:], " ")
	}
	return m, true
}
