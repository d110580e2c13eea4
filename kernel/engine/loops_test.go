package engine

import "testing"

// sync.WaitGroup.Go (Go 1.25) with a loop variable, through the worker.
func TestWaitGroupGoSeesEachIteration(t *testing.T) {
	e := newEngine(t)
	res, _ := run(t, e, "var wg sync.WaitGroup\nvar mu sync.Mutex\nseen := []int{}\nfor i := range 4 {\n\twg.Go(func() { mu.Lock(); seen = append(seen, i); mu.Unlock() })\n}\nwg.Wait()\nslices.Sort(seen)\nseen")
	if mustOK(t, res); text(res) != "[0 1 2 3]" {
		t.Errorf("seen = %s, want [0 1 2 3]", text(res))
	}
}
