//go:build !linux

package trim

func startupPages() {}
