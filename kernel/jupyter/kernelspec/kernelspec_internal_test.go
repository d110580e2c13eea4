package kernelspec

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestTargetDir(t *testing.T) {
	abs, _ := filepath.Abs("rel")
	tests := []struct {
		name    string
		target  Target
		goos    string
		vars    map[string]string
		want    string
		wantErr string
	}{
		{"user linux", Target{User: true}, "linux", nil, "/home/u/.local/share/jupyter/kernels", ""},
		{"user linux xdg", Target{User: true}, "linux", map[string]string{"XDG_DATA_HOME": "/x"}, "/x/jupyter/kernels", ""},
		{"user jupyter data dir", Target{User: true}, "linux", map[string]string{"JUPYTER_DATA_DIR": "/j", "XDG_DATA_HOME": "/x"}, "/j/kernels", ""},
		{"user macos", Target{User: true}, "darwin", map[string]string{"XDG_DATA_HOME": "/x"}, "/home/u/Library/Jupyter/kernels", ""},
		{"user windows", Target{User: true}, "windows", map[string]string{"APPDATA": "/appdata"}, filepath.Join("/appdata", "jupyter", "kernels"), ""},
		{"user windows no appdata", Target{User: true}, "windows", nil, "", "%APPDATA% is not set"},
		{"sys-prefix venv", Target{SysPrefix: true}, "linux", map[string]string{"VIRTUAL_ENV": "/venv", "CONDA_PREFIX": "/conda"}, "/venv/share/jupyter/kernels", ""},
		{"sys-prefix conda", Target{SysPrefix: true}, "linux", map[string]string{"CONDA_PREFIX": "/conda"}, "/conda/share/jupyter/kernels", ""},
		{"sys-prefix none", Target{SysPrefix: true}, "linux", nil, "", "neither VIRTUAL_ENV nor CONDA_PREFIX"},
		{"prefix", Target{Prefix: "/opt/p"}, "linux", nil, "/opt/p/share/jupyter/kernels", ""},
		{"prefix relative", Target{Prefix: "rel"}, "linux", nil, filepath.Join(abs, "share", "jupyter", "kernels"), ""},
		{"system", Target{}, "linux", nil, "/usr/local/share/jupyter/kernels", ""},
		{"system macos", Target{}, "darwin", nil, "/usr/local/share/jupyter/kernels", ""},
		{"system windows", Target{}, "windows", map[string]string{"PROGRAMDATA": "/pd"}, filepath.Join("/pd", "jupyter", "kernels"), ""},
		{"system windows unset", Target{}, "windows", nil, "", "%PROGRAMDATA% is not set"},
		{"user and prefix", Target{User: true, Prefix: "/p"}, "linux", nil, "", "at most one of --user, --sys-prefix and --prefix"},
		{"user and sys-prefix", Target{User: true, SysPrefix: true}, "linux", nil, "", "at most one"},
		{"all three", Target{User: true, SysPrefix: true, Prefix: "/p"}, "linux", nil, "", "at most one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := env{goos: tt.goos, getenv: func(k string) string { return tt.vars[k] },
				home: func() (string, error) { return "/home/u", nil }}
			got, err := tt.target.dir(e)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("dir = %q, %v; want error containing %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("dir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestUserDirWithoutHome(t *testing.T) {
	e := env{goos: "linux", getenv: func(string) string { return "" },
		home: func() (string, error) { return "", errors.New("$HOME is not defined") }}
	if _, err := (Target{User: true}).dir(e); err == nil || !strings.Contains(err.Error(), "HOME") {
		t.Errorf("got %v, want an error about HOME", err)
	}
}

func TestTargetString(t *testing.T) {
	tests := map[Target]string{
		{User: true}: "--user", {SysPrefix: true}: "--sys-prefix", {Prefix: "/p"}: "--prefix /p", {}: "system-wide",
	}
	for target, want := range tests {
		if got := target.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", target, got, want)
		}
	}
}
