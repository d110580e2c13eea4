// P3: multiprocessing.Pool().map(cpu_task, [1000000] * 4) in Go: a pool of
// runtime.NumCPU() worker goroutines, then the same work in 4 real worker
// processes (this program started again as `p3-worker-pool -task N`).
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// span is when one job ran, measured from a shared start (the notebook draws
// these as a timeline).
type span struct {
	Label      string
	Start, End time.Duration
}

// cpuTask is the seed's cpu_task: pure CPU work, the sum of i*i for i < n.
func cpuTask(n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		sum += i * i
	}
	return sum
}

// equalInts reports whether a and b hold the same numbers in the same order.
func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// poolMap is Pool().map(fn, inputs) with goroutines: `workers` goroutines
// take jobs from one channel; each result is stored at the index of its
// input, so the results keep the order of the inputs. It also returns when
// each job ran (measured from t0), for the timeline chart.
func poolMap(workers int, fn func(int) int, inputs []int, t0 time.Time) ([]int, []span) {
	type job struct{ index, n int }
	jobs := make(chan job)
	results := make([]int, len(inputs))
	spans := make([]span, len(inputs))

	var wg sync.WaitGroup
	for w := 1; w <= workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				start := time.Since(t0)
				results[j.index] = fn(j.n)
				spans[j.index] = span{fmt.Sprintf("task %d · worker %d", j.index+1, w), start, time.Since(t0)}
			}
		}()
	}
	for i, n := range inputs {
		jobs <- job{i, n}
	}
	close(jobs) // no more jobs: the workers' range loops end
	wg.Wait()
	return results, spans
}

// processMap is Pool().map with real OS processes: one child per input, all
// started at once; each child prints its result on its standard output.
func processMap(program string, inputs []int) (results, pids []int, err error) {
	cmds := make([]*exec.Cmd, len(inputs))
	outs := make([]bytes.Buffer, len(inputs))
	for i, n := range inputs {
		cmds[i] = exec.Command(program, "-task", strconv.Itoa(n))
		cmds[i].Stdout = &outs[i]
		if err := cmds[i].Start(); err != nil {
			return nil, nil, err
		}
	}
	results = make([]int, len(inputs))
	pids = make([]int, len(inputs))
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			return nil, nil, err
		}
		pids[i] = cmd.Process.Pid
		if results[i], err = strconv.Atoi(strings.TrimSpace(outs[i].String())); err != nil {
			return nil, nil, err
		}
	}
	return results, pids, nil
}

func main() {
	// Worker mode: compute one task and print it.
	if len(os.Args) == 3 && os.Args[1] == "-task" {
		n, err := strconv.Atoi(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Println(cpuTask(n))
		return
	}

	inputs := []int{1_000_000, 1_000_000, 1_000_000, 1_000_000} // [1000000] * 4

	// One after the other, for comparison.
	seqStart := time.Now()
	expected := make([]int, len(inputs))
	for i, n := range inputs {
		expected[i] = cpuTask(n)
	}
	seqTime := time.Since(seqStart)

	// with Pool() as pool: pool.map(cpu_task, inputs)
	poolStart := time.Now()
	results, _ := poolMap(runtime.NumCPU(), cpuTask, inputs, poolStart)
	poolTime := time.Since(poolStart)

	fmt.Println("results:", results)
	fmt.Println("same as computing them one by one:", equalInts(results, expected))
	fmt.Printf("one by one:                       ≈ %.1f ms\n", seqTime.Seconds()*1000)
	fmt.Printf("pool of runtime.NumCPU() workers: ≈ %.1f ms (speed-up ≈ %.1fx)\n",
		poolTime.Seconds()*1000, seqTime.Seconds()/poolTime.Seconds())

	// The same work in 4 real processes: this very program in worker mode.
	worker, err := os.Executable()
	if err != nil {
		panic(err)
	}
	procStart := time.Now()
	procResults, pids, err := processMap(worker, inputs)
	if err != nil {
		panic(err)
	}
	for i := range procResults {
		fmt.Printf("process %d, pid %d: %d\n", i+1, pids[i], procResults[i])
	}
	fmt.Printf("4 worker processes: ≈ %.1f ms in all, same results: %v\n",
		time.Since(procStart).Seconds()*1000, equalInts(procResults, results))
}
