package worker

import "testing"

func TestMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		in    string
		total int64
		want  int64
		bad   bool
	}{
		{"", 8 << 30, 4 << 30, false},
		{"", 0, 0, false},
		{"off", 8 << 30, 0, false},
		{"512MiB", 8 << 30, 512 << 20, false},
		{"1.5GiB", 0, 3 << 29, false},
		{"1000", 0, 1000, false},
		{"lots", 0, 0, true},
		{"-1GiB", 0, 0, true},
	} {
		got, err := memoryLimit(c.in, c.total)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("memoryLimit(%q, %d) = %d, %v; want %d (error %v)", c.in, c.total, got, err, c.want, c.bad)
		}
	}
}
