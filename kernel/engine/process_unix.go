//go:build unix

package engine

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the worker in a process group of its own: the
// SIGINT that jupyter_client sends to the kernel's group does not reach it
// (the kernel forwards interrupts), and killing the group also ends the
// processes the worker's cells started.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
