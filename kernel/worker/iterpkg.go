package worker

import (
	"fmt"

	"github.com/traefik/yaegi/interp"

	"github.com/gokernel/gokernel/kernel/worker/cell"
)

// loadIter gives the interpreter package iter (Go 1.23), which yaegi's
// standard library lacks (see cell.IterSource).
func loadIter(i *interp.Interpreter) error {
	if _, err := i.Eval(cell.IterSource); err != nil {
		return fmt.Errorf("load package iter: %w", err)
	}
	return nil
}

// withIter makes resolve resolve the package name iter too, so that a
// cell can use iter.Seq without importing iter.
func withIter(resolve cell.Resolver) cell.Resolver {
	return func(name string) (string, bool) {
		if name == "iter" {
			return "iter", true
		}
		return resolve(name)
	}
}
