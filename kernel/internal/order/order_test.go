package order

import (
	"math"
	"testing"
	"time"
)

func TestWins(t *testing.T) {
	for _, c := range []struct {
		x, y     any
		min, max bool
	}{
		{1, 2, false, true},
		{10, 9, true, false},
		{uint8(3), uint8(3), false, false},
		{2.5, math.NaN(), true, true},
		{math.NaN(), 1.0, false, false},
		{"b", "a", true, false},
		{time.Second, time.Millisecond, true, false},
	} {
		if got := MinWins(c.x, c.y); got != c.min {
			t.Errorf("MinWins(%v, %v) = %v", c.x, c.y, got)
		}
		if got := MaxWins(c.x, c.y); got != c.max {
			t.Errorf("MaxWins(%v, %v) = %v", c.x, c.y, got)
		}
	}
}
