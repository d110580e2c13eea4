// C1: goroutines versus OS processes, measured: the cost of starting one,
// the memory of one, and what happens when one crashes. Notebook
// 05-comparison.ipynb also draws the measured costs as bar charts.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// residentKB returns the resident set (VmRSS) of a running process, read
// from /proc (Linux).
func residentKB(pid int) (int, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			return strconv.Atoi(f[1])
		}
	}
	return 0, fmt.Errorf("no VmRSS line")
}

func main() {
	// Start cost of goroutines: start 1000 of them, each one just says it is done.
	const nGoroutines = 1000
	gStart := time.Now()
	var wg sync.WaitGroup
	for range nGoroutines {
		wg.Add(1)
		go func() { wg.Done() }()
	}
	wg.Wait()
	perGoroutine := time.Since(gStart) / nGoroutines

	// Start cost of processes: run the `true` command 20 times (it exits at once).
	const nProcesses = 20
	pStart := time.Now()
	for range nProcesses {
		if err := exec.Command("true").Run(); err != nil {
			panic(err)
		}
	}
	perProcess := time.Since(pStart) / nProcesses

	fmt.Printf("start one goroutine: ≈ %.1f µs (%d started)\n", float64(perGoroutine.Nanoseconds())/1e3, nGoroutines)
	fmt.Printf("start one process:   ≈ %.0f µs (%d started)\n", float64(perProcess.Nanoseconds())/1e3, nProcesses)
	fmt.Printf("a process costs ≈ %.0fx as much to start\n", float64(perProcess)/float64(perGoroutine))

	// Memory per goroutine: park 10000 goroutines on a channel and look at how
	// much more stack and heap memory the Go runtime is using.
	const nParked = 10000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	release := make(chan struct{})
	var parked sync.WaitGroup
	for range nParked {
		parked.Add(1)
		go func() {
			parked.Done()
			<-release // wait here until the channel is closed
		}()
	}
	parked.Wait()
	runtime.ReadMemStats(&after)
	close(release)

	used := (after.StackInuse + after.HeapInuse) - (before.StackInuse + before.HeapInuse)
	goroutineKB := float64(used) / nParked / 1024

	// Memory of a small process: the resident set of a running `sleep`.
	sleeper := exec.Command("sleep", "10")
	if err := sleeper.Start(); err != nil {
		panic(err)
	}
	time.Sleep(200 * time.Millisecond) // let it finish starting
	processKB, err := residentKB(sleeper.Process.Pid)
	sleeper.Process.Kill()
	sleeper.Wait()
	if err != nil {
		panic(err)
	}

	fmt.Printf("memory of one parked goroutine: ≈ %.1f KB\n", goroutineKB)
	fmt.Printf("memory of one small process:    ≈ %d KB resident (sleep)\n", processKB)

	// A goroutine that panics, caught by recover inside the same goroutine.
	caught := make(chan string)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				caught <- fmt.Sprint(r)
			}
		}()
		var scores map[string]int // nil map
		scores["alice"] = 1       // panics
	}()
	fmt.Println("goroutine panicked, recovered:", <-caught)

	// A child process that crashes: sh sends itself SIGSEGV.
	err = exec.Command("sh", "-c", "kill -SEGV $$").Run()
	fmt.Println("child process crashed:", err)
	fmt.Println("the parent is still running")
}
