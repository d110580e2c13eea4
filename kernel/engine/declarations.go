package engine

import (
	"slices"
	"sync"

	"github.com/gokernel/gokernel/kernel/engine/assist"
	wp "github.com/gokernel/gokernel/kernel/workerproto"
)

// declarations is the kernel's one record of what earlier cells declared,
// kept where a dying worker cannot take it: the sources that restore the
// declarations in a new worker, the variables whose values a new worker
// loses, and the editor services' knowledge of the cells. Every change
// goes through its methods, so the three never disagree. The worker's
// cell.Session is the live copy, rebuilt from replays() when a worker
// starts.
type declarations struct {
	services func() *assist.Services

	mu     sync.Mutex
	replay []string
	vars   []string
}

// commit records a cell that ran: code as the user wrote it, done as the
// worker reported it.
func (d *declarations) commit(code string, done wp.Done) {
	d.mu.Lock()
	if done.Replay != "" {
		d.replay = append(d.replay, done.Replay)
	}
	for _, v := range done.Vars {
		if !slices.Contains(d.vars, v) {
			d.vars = append(d.vars, v)
		}
	}
	d.mu.Unlock()
	d.services().Learn(code)
}

// replays returns the sources a new worker runs first, in order.
func (d *declarations) replays() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.replay)
}

// variables returns the variables of earlier cells.
func (d *declarations) variables() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.vars)
}

// isVariable reports whether an earlier cell created the variable name.
func (d *declarations) isVariable(name string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Contains(d.vars, name)
}

// loseValues forgets the variables, whose values died with a worker, and
// returns them; their declarations stay.
func (d *declarations) loseValues() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	lost := d.vars
	d.vars = nil
	return lost
}

// reset forgets everything, and says how many cells of declarations and
// which variables it forgot.
func (d *declarations) reset() (cells int, vars []string) {
	d.mu.Lock()
	cells, vars = len(d.replay), d.vars
	d.replay, d.vars = nil, nil
	d.mu.Unlock()
	d.services().Forget()
	return cells, vars
}
