// Package gosuite measures how far gokernel behaves like `go run` on Go's
// own test programs: every single-file `// run` program of the machine's
// GOROOT/test is run natively (the expected stdout and exit status,
// cached per Go version and file hash), then through the real Jupyter
// protocol in gokernel, in two forms (the whole file as one cell; the
// declarations in one cell and the body of main in a second), and in bare
// yaegi. The outcomes, their categories and causes go to a report; a test
// runs a fixed sample in CI and checks it against the known failures.
//
// Run everything with kernel/tests/gosuite/run (see docs/conformance.md).
package gosuite
