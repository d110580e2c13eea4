// Command genlogo writes gokernel's kernelspec logos (logo-svg.svg,
// logo-32x32.png and logo-64x64.png) into the directory given as its only
// argument, by default the current one. The kernelspec package runs it with
// go generate.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gokernel/gokernel/kernel/jupyter/kernelspec/internal/logo"
)

func main() {
	dir := "."
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := write(dir); err != nil {
		fmt.Fprintln(os.Stderr, "genlogo:", err)
		os.Exit(1)
	}
}

// write renders the three logo files into dir.
func write(dir string) error {
	files := map[string][]byte{"logo-svg.svg": []byte(logo.SVG())}
	for _, size := range []int{32, 64} {
		b, err := logo.PNG(size)
		if err != nil {
			return err
		}
		files[fmt.Sprintf("logo-%dx%d.png", size, size)] = b
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("write logo: %w", err)
		}
	}
	return nil
}
