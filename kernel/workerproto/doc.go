// Package workerproto is the contract between the kernel process and its
// worker process: every command the kernel sends (one typed payload per
// Op), every event the worker answers with (one type per Kind), their
// framing on the pipes, the one error type that crosses (Jupyter's error
// content), and the environment the kernel sets for its workers. Both
// processes import it; it imports neither.
//
// Commands travel on the worker's stdin as JSON lines. Events travel on
// its stdout as JSON lines too, except stream text, which is framed as
// "S<name> <length>\n" followed by the raw bytes: output can be megabytes,
// and JSON would escape and unescape all of it. The worker's stderr
// carries only what the Go runtime prints when the process dies.
package workerproto

// ModulesEnv names the environment variable holding the kernel's module
// area: a GOPATH-shaped directory whose src/ links to the modules %go get
// fetched, where yaegi finds their sources. The kernel sets it for its
// workers, so a restarted worker sees the same modules.
const ModulesEnv = "GOKERNEL_MODULES"
