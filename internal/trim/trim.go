// Package trim gives back memory a process touched only while starting.
//
// A Go binary that links yaegi's standard-library symbol tables runs
// several megabytes of package initialisation code, reading type
// descriptors all over its read-only data. Those pages stay mapped (and
// counted in the resident set) although most of them are never used
// again. Both gokernel processes, the kernel and the worker, run that
// initialisation, so each carries them.
package trim

// StartupPages drops from the resident set the pages of the running
// executable's read-only mappings (code and constant data) that are
// unmodified copies of the file. Pages that are used again are read back
// from the page cache on first touch, so nothing changes but the resident
// set size. It is a no-op where the operating system offers no safe way
// to do it.
func StartupPages() {
	startupPages()
}
