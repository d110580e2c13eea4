package worker

import (
	"errors"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
)

// testingSymbols replaces testing.Main, which ends the process with
// os.Exit once the tests ran, by one that ends the cell through exit, as
// os.Exit does in a cell (exit status 0 is success), and keeps the worker.
func testingSymbols(exit func(code int)) interp.Exports {
	main := func(matchString func(pat, str string) (bool, error), tests []testing.InternalTest,
		benchmarks []testing.InternalBenchmark, examples []testing.InternalExample) {
		exit(runTests(matchString, tests, benchmarks, examples))
	}
	return interp.Exports{"testing/testing": {"Main": reflect.ValueOf(main)}}
}

// runTests is testing.Main without its os.Exit: it runs the tests
// through testing.MainStart, as testing.Main does, and returns the exit
// code. MainStart is called through reflect because its first parameter,
// the unexported testing.testDeps, may change from release to release: a
// mismatch fails the cell, not the worker's build.
func runTests(matchString func(pat, str string) (bool, error), tests []testing.InternalTest,
	benchmarks []testing.InternalBenchmark, examples []testing.InternalExample) int {
	start := reflect.ValueOf(testing.MainStart)
	deps := reflect.ValueOf(matchStringDeps(matchString))
	if start.Type().NumIn() != 5 || !deps.Type().Implements(start.Type().In(0)) {
		panic("testing.Main cannot run in a cell with this Go release: its testing.MainStart changed")
	}
	m := start.Call([]reflect.Value{deps, reflect.ValueOf(tests), reflect.ValueOf(benchmarks),
		reflect.ValueOf([]testing.InternalFuzzTarget(nil)), reflect.ValueOf(examples)})[0].Interface().(*testing.M)
	return m.Run()
}

// corpusEntry is testing's fuzzing corpus entry, an alias of this struct.
type corpusEntry = struct {
	Parent     string
	Path       string
	Data       []byte
	Values     []any
	Generation int
	IsSeed     bool
}

// matchStringDeps is what testing.Main gives MainStart: a test runner
// that can match names and does nothing else (no profiles, no fuzzing).
type matchStringDeps func(pat, str string) (bool, error)

func (f matchStringDeps) MatchString(pat, str string) (bool, error) { return f(pat, str) }
func (matchStringDeps) ImportPath() string                          { return "" }
func (matchStringDeps) ModulePath() string                          { return "" }
func (matchStringDeps) SetPanicOnExit0(bool)                        {}
func (matchStringDeps) StartCPUProfile(io.Writer) error             { return errTestingMain }
func (matchStringDeps) StopCPUProfile()                             {}
func (matchStringDeps) StartTestLog(io.Writer)                      {}
func (matchStringDeps) StopTestLog() error                          { return errTestingMain }
func (matchStringDeps) WriteProfileTo(string, io.Writer, int) error { return errTestingMain }
func (matchStringDeps) CoordinateFuzzing(time.Duration, int64, time.Duration, int64, int, []corpusEntry, []reflect.Type, string, string) error {
	return errTestingMain
}
func (matchStringDeps) RunFuzzWorker(func(corpusEntry) error) error { return errTestingMain }
func (matchStringDeps) ReadCorpus(string, []reflect.Type) ([]corpusEntry, error) {
	return nil, errTestingMain
}
func (matchStringDeps) CheckCorpus([]any, []reflect.Type) error { return nil }
func (matchStringDeps) ResetCoverage()                          {}
func (matchStringDeps) SnapshotCoverage()                       {}
func (matchStringDeps) InitRuntimeCoverage() (string, func(string, string) (string, error), func() float64) {
	return "", nil, nil
}

// errTestingMain is testing's own answer for what testing.Main lacks.
var errTestingMain = errors.New("testing: unexpected use of func Main")
