package display

import "embed"

// Source holds this package's Go files, so the kernel can show their doc
// comments for display.HTML? and friends on machines without the sources.
//
//go:embed display.go funcs.go updatable.go
var Source embed.FS
