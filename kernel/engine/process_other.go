//go:build !unix

package engine

import "os/exec"

// setProcessGroup has no process groups to set up on this platform.
func setProcessGroup(cmd *exec.Cmd) {}

func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}
