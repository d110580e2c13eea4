package kernelspec

import _ "embed" // the logos are embedded files

//go:generate go run ./internal/genlogo .

// Logo files, drawn by internal/logo and written by internal/genlogo.
var (
	//go:embed logo-32x32.png
	logo32 []byte
	//go:embed logo-64x64.png
	logo64 []byte
	//go:embed logo-svg.svg
	logoSVG []byte
)

// logos maps each logo's file name in the kernelspec directory to its bytes.
func logos() map[string][]byte {
	return map[string][]byte{
		"logo-32x32.png": logo32,
		"logo-64x64.png": logo64,
		"logo-svg.svg":   logoSVG,
	}
}
