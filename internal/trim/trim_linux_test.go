package trim

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

const sample = `00400000-00e3c000 r-xp 00000000 fe:00 9986357                            /opt/go kernel
Size:              10480 kB
Rss:                8944 kB
Anonymous:             0 kB
VmFlags: rd ex mr mw me
0182d000-018c7000 rw-p 0142d000 fe:00 9986357                            /opt/go kernel
Rss:                 488 kB
Anonymous:           120 kB
7fa86415a000-7fa8642ba000 rw-p 00000000 00:00 0 
Rss:                1168 kB
Anonymous:          1168 kB
7fa8adfa6000-7fa8ae0fc000 r--p 00026000 fe:00 326269                     /usr/lib/libc.so.6
Rss:                 808 kB
`

func TestParseSmaps(t *testing.T) {
	got := parseSmaps([]byte(sample))
	want := []mapping{
		{0x400000, 0xe3c000, "r-xp", "/opt/go kernel", 0},
		{0x182d000, 0x18c7000, "rw-p", "/opt/go kernel", 120},
		{0x7fa86415a000, 0x7fa8642ba000, "rw-p", "", 1168},
		{0x7fa8adfa6000, 0x7fa8ae0fc000, "r--p", "/usr/lib/libc.so.6", -1},
	}
	if len(got) != len(want) {
		t.Fatalf("parsed %d regions, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("region %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	var rel []bool
	for _, m := range got {
		rel = append(rel, releasable(m))
	}
	if rel[0] != true || rel[1] || rel[2] || rel[3] {
		t.Errorf("releasable = %v, want only the unmodified read-only region", rel)
	}
}

// exeResidentKB sums the resident kB of the executable's read-only regions.
func exeResidentKB(t *testing.T) int {
	exe, _ := os.Executable()
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	total, inExe := 0, false
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 6 && strings.Contains(f[0], "-"):
			inExe = strings.Join(f[5:], " ") == exe && !strings.Contains(f[1], "w")
		case inExe && len(f) >= 2 && f[0] == "Rss:":
			n, _ := strconv.Atoi(f[1])
			total += n
		}
	}
	return total
}

func TestStartupPagesShrinksResidentCode(t *testing.T) {
	before := exeResidentKB(t)
	StartupPages()
	after := exeResidentKB(t)
	t.Logf("resident read-only pages of the test binary: %d kB → %d kB", before, after)
	if before == 0 || after >= before/2 {
		t.Fatalf("resident read-only pages %d kB → %d kB, want less than half", before, after)
	}
}
