package engine

import "syscall"

// dieWithParent has the kernel ask Linux to kill the worker when the kernel
// dies, even by SIGKILL; without it a worker stuck in a fatal error could
// outlive it.
func dieWithParent(attr *syscall.SysProcAttr) {
	attr.Pdeathsig = syscall.SIGKILL
}
