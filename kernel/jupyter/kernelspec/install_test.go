package kernelspec_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/jupyter/kernelspec"
	"github.com/gokernel/gokernel/kernel/jupyter/kernelspec/internal/logo"
)

// fixture returns testdata/kernel.json, shaped like the repository's.
func fixture(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readSpec decodes the kernel.json installed in kdir.
func readSpec(t *testing.T, kdir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(kdir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec map[string]any
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatalf("installed kernel.json: %v", err)
	}
	return spec
}

// listDir returns the sorted names in dir.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestInstallPrefix(t *testing.T) {
	prefix := t.TempDir()
	kdir, err := kernelspec.Install(kernelspec.Target{Prefix: prefix}, fixture(t), "/opt/go bin/gokernel")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(prefix, "share", "jupyter", "kernels", "gokernel"); kdir != want {
		t.Errorf("installed in %s, want %s", kdir, want)
	}
	want := []string{"kernel.json", "logo-32x32.png", "logo-64x64.png", "logo-svg.svg"}
	if got := listDir(t, kdir); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	spec := readSpec(t, kdir)
	wantSpec := map[string]any{
		"argv":         []any{"/opt/go bin/gokernel", "run", "--connection-file", "{connection_file}"},
		"display_name": "Go", "language": "go", "interrupt_mode": "message",
		"env": map[string]any{}, "metadata": map[string]any{},
	}
	if !reflect.DeepEqual(spec, wantSpec) {
		t.Errorf("kernel.json = %v, want %v", spec, wantSpec)
	}
	if got := listDir(t, filepath.Join(prefix, "share", "jupyter", "kernels")); !slices.Equal(got, []string{"gokernel"}) {
		t.Errorf("kernels dir holds %v, want only gokernel", got)
	}
}

func TestInstalledLogos(t *testing.T) {
	kdir, err := kernelspec.Install(kernelspec.Target{Prefix: t.TempDir()}, fixture(t), "/bin/gokernel")
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{32, 64} {
		name := filepath.Join(kdir, fmt.Sprintf("logo-%dx%d.png", size, size))
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := img.Bounds().Size(); got.X != size || got.Y != size {
			t.Errorf("%s is %v, want %dx%d", name, got, size, size)
		}
		if !samePixels(img, logo.Draw(size)) {
			t.Errorf("%s differs from logo.Draw(%d): run go generate ./kernel/kernelspec", name, size)
		}
	}
	svg, err := os.ReadFile(filepath.Join(kdir, "logo-svg.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if string(svg) != logo.SVG() {
		t.Error("logo-svg.svg differs from logo.SVG(): run go generate ./kernel/kernelspec")
	}
	var root struct{ XMLName xml.Name }
	if err := xml.Unmarshal(svg, &root); err != nil || root.XMLName.Local != "svg" {
		t.Errorf("logo-svg.svg: root %v, err %v", root.XMLName, err)
	}
}

// samePixels reports whether two images have the same size and colours.
func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

func TestReinstallReplaces(t *testing.T) {
	target := kernelspec.Target{Prefix: t.TempDir()}
	kdir, err := kernelspec.Install(target, fixture(t), "/old/gokernel")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(kdir, "stale.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := kernelspec.Install(target, fixture(t), "/new/gokernel"); err != nil {
		t.Fatalf("reinstall: %v", err)
	}
	if argv := readSpec(t, kdir)["argv"].([]any); argv[0] != "/new/gokernel" {
		t.Errorf("argv[0] = %v after reinstall, want /new/gokernel", argv[0])
	}
	if _, err := os.Stat(filepath.Join(kdir, "stale.txt")); !os.IsNotExist(err) {
		t.Errorf("reinstall kept a stale file (stat: %v)", err)
	}
}

func TestUninstall(t *testing.T) {
	target := kernelspec.Target{Prefix: t.TempDir()}
	kernels, _ := target.Dir()
	other := filepath.Join(kernels, "python3")
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	kdir, err := kernelspec.Install(target, fixture(t), "/bin/gokernel")
	if err != nil {
		t.Fatal(err)
	}
	removed, err := kernelspec.Uninstall(target)
	if err != nil || removed != kdir {
		t.Fatalf("Uninstall = %q, %v; want %q", removed, err, kdir)
	}
	if _, err := os.Stat(kdir); !os.IsNotExist(err) {
		t.Errorf("%s still exists (stat: %v)", kdir, err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("uninstall touched another kernelspec: %v", err)
	}
	if _, err := kernelspec.Uninstall(target); err == nil || !strings.Contains(err.Error(), "no gokernel kernelspec installed") {
		t.Errorf("second Uninstall: %v, want a not-installed error", err)
	}
}

func TestInstallErrors(t *testing.T) {
	good := `"display_name": "Go", "language": "go"`
	tests := []struct {
		name    string
		target  func(prefix string) kernelspec.Target
		spec    string
		binary  string
		wantErr string
	}{
		{"two targets", func(p string) kernelspec.Target { return kernelspec.Target{User: true, Prefix: p} }, "", "/bin/gokernel", "at most one of --user, --sys-prefix and --prefix"},
		{"relative binary", nil, "", "gokernel", `kernel binary path "gokernel" is not absolute`},
		{"bad json", nil, "{", "/bin/gokernel", "parse kernel.json"},
		{"no argv", nil, "{" + good + "}", "/bin/gokernel", `missing "argv"`},
		{"empty argv", nil, `{"argv": [], ` + good + "}", "/bin/gokernel", "non-empty list of strings"},
		{"argv not strings", nil, `{"argv": [1], ` + good + "}", "/bin/gokernel", "non-empty list of strings"},
		{"no connection file", nil, `{"argv": ["gokernel", "run"], ` + good + "}", "/bin/gokernel", "{connection_file}"},
		{"no language", nil, `{"argv": ["gokernel", "{connection_file}"], "display_name": "Go"}`, "/bin/gokernel", `missing "language"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := filepath.Join(t.TempDir(), "p")
			target := kernelspec.Target{Prefix: prefix}
			if tt.target != nil {
				target = tt.target(prefix)
			}
			spec := []byte(tt.spec)
			if tt.spec == "" {
				spec = fixture(t)
			}
			kdir, err := kernelspec.Install(target, spec, tt.binary)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || kdir != "" {
				t.Fatalf("Install = %q, %v; want error containing %q", kdir, err, tt.wantErr)
			}
			if _, err := os.Stat(prefix); !os.IsNotExist(err) {
				t.Errorf("a failed install wrote to %s", prefix)
			}
		})
	}
}

func TestUninstallBadTarget(t *testing.T) {
	_, err := kernelspec.Uninstall(kernelspec.Target{User: true, SysPrefix: true})
	if err == nil || !strings.Contains(err.Error(), "at most one") {
		t.Errorf("Uninstall with two targets: %v", err)
	}
}

func TestUserTargetHonoursJupyterDataDir(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	kdir, err := kernelspec.Install(kernelspec.Target{User: true}, fixture(t), "/bin/gokernel")
	if want := filepath.Join(data, "kernels", "gokernel"); err != nil || kdir != want {
		t.Errorf("Install = %q, %v; want %q", kdir, err, want)
	}
}

func TestExecutable(t *testing.T) {
	exe, err := kernelspec.Executable()
	if err != nil {
		t.Fatal(err)
	}
	resolved, _ := filepath.EvalSymlinks(exe)
	if !filepath.IsAbs(exe) || resolved != exe {
		t.Errorf("Executable = %q, want an absolute path without symlinks", exe)
	}
	if _, err := os.Stat(exe); err != nil {
		t.Error(err)
	}
}
