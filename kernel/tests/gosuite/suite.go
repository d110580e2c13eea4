package gosuite

import (
	"context"
	"fmt"
	"sort"
	"sync"
)

// Suite runs programs natively, in gokernel's two forms and in bare yaegi.
type Suite struct {
	Native *NativeRunner
	Kernel *Driver
	Yaegi  *Yaegi
	// LoopHeavy names the programs whose timeout counts as the
	// interpreter's slowness although they run fast natively.
	LoopHeavy map[string]bool
	// Progress, if set, is called with the report after every outcome,
	// so that a run stopped early keeps what it found.
	Progress func(*Report)
}

// Run measures programs and returns the report (titled by the caller).
func (s *Suite) Run(ctx context.Context, programs []Program) (*Report, error) {
	r := &Report{Selected: len(programs)}
	natives, err := s.natives(programs)
	if err != nil {
		return nil, err
	}
	var runnable []Program
	for _, p := range programs {
		if n := natives[p.Name]; !n.OK {
			r.NotNative = append(r.NotNative, p.Name)
			continue
		}
		runnable = append(runnable, p)
	}
	var mu sync.Mutex
	add := func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		r.Outcomes = append(r.Outcomes, o)
		if s.Progress != nil {
			s.Progress(r)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, form := range []string{"program", "notebook"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Kernel.Runs(ctx, jobs(runnable, form), func(run Run) {
				add(Classify(run.ID, form, natives[run.ID], run, s.LoopHeavy[run.ID]))
			})
		}()
	}
	for _, p := range runnable {
		if ctx.Err() != nil {
			break
		}
		add(Classify(p.Name, "yaegi", natives[p.Name], s.Yaegi.Run(p), s.LoopHeavy[p.Name]))
	}
	wg.Wait()
	sort.SliceStable(r.Outcomes, func(i, j int) bool { return r.Outcomes[i].Program < r.Outcomes[j].Program })
	for _, err := range errs {
		if err != nil {
			return r, err
		}
	}
	return r, ctx.Err()
}

// natives runs the programs natively, two at a time (the cache makes a
// rerun quick).
func (s *Suite) natives(programs []Program) (map[string]Native, error) {
	out := make([]Native, len(programs))
	errs := make([]error, len(programs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = s.Native.Run(programs[i])
			}
		}()
	}
	for i := range programs {
		next <- i
	}
	close(next)
	wg.Wait()
	m := map[string]Native{}
	for i, p := range programs {
		if errs[i] != nil {
			return nil, fmt.Errorf("native %s: %w", p.Name, errs[i])
		}
		m[p.Name] = out[i]
	}
	return m, nil
}

// jobs makes the kernel jobs of programs in one form; a program whose
// main cannot be split has the whole file as its notebook form too.
func jobs(programs []Program, form string) []Job {
	var list []Job
	for _, p := range programs {
		cells := []string{p.Src}
		if form == "notebook" {
			if c, err := NotebookCells(p.Src); err == nil {
				cells = c
			}
		}
		list = append(list, Job{ID: p.Name, Cells: cells})
	}
	return list
}
