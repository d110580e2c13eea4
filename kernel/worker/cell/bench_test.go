package cell

import (
	"fmt"
	"strings"
	"testing"
)

// Benchmarks of the cell compiler, which runs on every execute before
// yaegi sees the code. Run with
//
//	go test -run '^$' -bench . -benchmem ./kernel/worker/cell

const benchCPUTask = `func cpuTask(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i * i
	}
	return s
}`

// benchNotebookCell is a typical teaching cell: imports, a type with a
// method, goroutines in a loop (loop variable rewrite, go-statement panic
// guard), builtins yaegi lacks (min, max), and a final expression.
const benchNotebookCell = `import (
	"fmt"
	"sync"
)

type result struct {
	id, sum int
}

func (r result) String() string { return fmt.Sprintf("worker %d: %d", r.id, r.sum) }

var wg sync.WaitGroup
results := make(chan result, 8)
for i := 0; i < 8; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		results <- result{i, cpuTask(1000 * (i + 1))}
	}()
}
wg.Wait()
close(results)
best := 0
for r := range results {
	best = max(best, r.sum)
	fmt.Println(r)
}
for k := range 3 {
	fmt.Println(min(k, 1))
}
best`

func benchCompile(b *testing.B, s *Session, src string) {
	b.Helper()
	if _, err := s.Compile("cell1", src); err != nil {
		b.Fatalf("Compile(%q): %v", src, err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Compile("cell1", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileTrivial is the compiler's share of the trivial execute
// round trip (`1+1`).
func BenchmarkCompileTrivial(b *testing.B) {
	benchCompile(b, NewSession(stdResolver), "1+1")
}

func BenchmarkCompileFunc(b *testing.B) {
	benchCompile(b, NewSession(stdResolver), benchCPUTask)
}

func BenchmarkCompileExpr(b *testing.B) {
	s := NewSession(stdResolver)
	commit(b, s, benchCPUTask)
	benchCompile(b, s, "cpuTask(1000000) + cpuTask(1000000) + cpuTask(1000000) + cpuTask(1000000)")
}

func BenchmarkCompilePrintLoop(b *testing.B) {
	benchCompile(b, NewSession(stdResolver), "for i := 0; i < 100000; i++ {\n\tfmt.Println(i)\n}")
}

func BenchmarkCompileNotebookCell(b *testing.B) {
	s := NewSession(stdResolver)
	commit(b, s, benchCPUTask)
	benchCompile(b, s, benchNotebookCell)
}

// BenchmarkCompileLongSession compiles a cell after 300 committed cells
// declaring functions, types and variables: lookups of earlier names must
// not grow the cost of every later cell.
func BenchmarkCompileLongSession(b *testing.B) {
	s := NewSession(stdResolver)
	commit(b, s, benchCPUTask)
	for i := range 100 {
		commit(b, s, fmt.Sprintf("func f%d(x int) int { return x + %d }", i, i))
		commit(b, s, fmt.Sprintf("type T%d struct{ A, B int }", i))
		commit(b, s, fmt.Sprintf("v%d := f%d(%d)", i, i, i))
	}
	benchCompile(b, s, benchNotebookCell)
}

// BenchmarkCompileLargeCell compiles a 1000-line cell (pasted code).
func BenchmarkCompileLargeCell(b *testing.B) {
	var sb strings.Builder
	for i := range 250 {
		fmt.Fprintf(&sb, "func g%d(xs []int) (n int) {\n\tfor _, x := range xs {\n\t\tn += x * %d\n\t}\n\treturn n\n}\n", i, i)
	}
	for i := range 250 {
		fmt.Fprintf(&sb, "fmt.Println(g%d([]int{1, 2, 3}))\n", i)
	}
	benchCompile(b, NewSession(stdResolver), sb.String())
}

func commit(b *testing.B, s *Session, src string) {
	b.Helper()
	p, err := s.Compile(fmt.Sprintf("cell%d", len(s.decls)+1), src)
	if err != nil {
		b.Fatalf("Compile(%q): %v", src, err)
	}
	s.Commit(p)
}
