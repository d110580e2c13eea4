//go:build unix && !linux

package engine

import "syscall"

// dieWithParent has nothing to set here: the worker ends when its command
// pipe from the kernel closes.
func dieWithParent(attr *syscall.SysProcAttr) {}
