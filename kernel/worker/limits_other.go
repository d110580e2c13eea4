//go:build !linux

package worker

// totalMemory is unknown on this platform: no default limit.
func totalMemory() int64 { return 0 }

// limitAddressSpace is not available here; the soft limit set with
// debug.SetMemoryLimit still applies.
func limitAddressSpace(limit int64) error { return nil }
