package engine

import (
	"slices"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine/assist"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// completes reports whether the services propose name for its prefix.
func completes(s *assist.Services, name string) bool {
	c := s.Complete(name[:2], 2)
	return slices.ContainsFunc(c.Matches, func(m assist.Match) bool { return m.Text == name })
}

func TestDeclarationsChangeTogether(t *testing.T) {
	services := assist.New(nil)
	d := declarations{services: func() *assist.Services { return services }}
	d.commit("counter := 1", wp.Done{Replay: "var counter int", Vars: []string{"counter"}})
	d.commit("counter = 2\nfunc helper() {}", wp.Done{Replay: "func helper() {}", Vars: []string{"counter"}})
	if got := d.replays(); !slices.Equal(got, []string{"var counter int", "func helper() {}"}) {
		t.Errorf("replays %q", got)
	}
	if got := d.variables(); !slices.Equal(got, []string{"counter"}) || !d.isVariable("counter") {
		t.Errorf("variables %q", got)
	}
	if !completes(services, "counter") {
		t.Error("the editor services did not learn the cell")
	}
	if lost := d.loseValues(); !slices.Equal(lost, []string{"counter"}) || d.isVariable("counter") || len(d.replays()) != 2 {
		t.Errorf("after a worker died: lost %q, variables %q, %d replays", lost, d.variables(), len(d.replays()))
	}
	d.commit("total := 3", wp.Done{Replay: "var total int", Vars: []string{"total"}})
	cells, vars := d.reset()
	if cells != 3 || !slices.Equal(vars, []string{"total"}) {
		t.Errorf("reset forgot %d cells and %q", cells, vars)
	}
	if len(d.replays()) != 0 || len(d.variables()) != 0 || completes(services, "counter") {
		t.Error("reset left declarations behind")
	}
}
