//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package scratch

import (
	"os"
	"testing"
)

// TestNothingIsSweptWithoutLocks checks the safe fallback: without locks no
// owner is ever proved gone, so even an abandoned directory stays.
func TestNothingIsSweptWithoutLocks(t *testing.T) {
	t.Setenv("TMP", t.TempDir())
	t.Setenv("TMPDIR", os.Getenv("TMP"))
	d, err := Create("gokernel-scratchtest-")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Remove()
	if n := Sweep("gokernel-scratchtest-"); n != 0 {
		t.Errorf("Sweep removed %d directories without a lock to prove their owner gone", n)
	}
}
