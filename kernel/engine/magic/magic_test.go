package magic

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		name string
		code string
		want Cell
	}{
		{"plain go", "x := 1\nx", Cell{Code: "x := 1\nx"}},
		{"line magics then go", "%cd /tmp\n!ls -l\nfmt.Println(1)\n", Cell{
			Lines: []Line{{Name: "cd", Args: "/tmp", Row: 1}, {Args: "ls -l", Shell: true, Row: 2}},
			Code:  "\n\nfmt.Println(1)\n"}},
		{"comment and blank first", "// setup\n\n%env GOFLAGS=-mod=mod", Cell{
			Lines: []Line{{Name: "env", Args: "GOFLAGS=-mod=mod", Row: 3}}}},
		{"magic only", "%who", Cell{Lines: []Line{{Name: "who", Row: 1}}}},
		{"cell magic", "%%writefile hello.go\npackage main\n", Cell{
			CellMagic: &Line{Name: "writefile", Args: "hello.go", Row: 1}, Body: "package main\n"}},
		{"cell magic after blank", "\n%%time\nx := 1", Cell{
			CellMagic: &Line{Name: "time", Row: 2}, Body: "x := 1"}},
		{"percent inside go is not magic", "fmt.Printf(\"%d\\n\", 5)", Cell{Code: "fmt.Printf(\"%d\\n\", 5)"}},
		{"modulo at line start is go", "x := 7\n% 2", Cell{Code: "x := 7\n% 2"}},
	} {
		got := Parse(c.code)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Parse(%q)\n got %+v\nwant %+v", c.name, c.code, got, c.want)
		}
	}
}

func TestBodyCodeKeepsLineNumbers(t *testing.T) {
	c := Parse("\n%%native -race\nx := 1\ny := x + nope")
	if got := c.BodyCode(); got != "\n\nx := 1\ny := x + nope" {
		t.Errorf("BodyCode() = %q", got)
	}
}

func TestClosest(t *testing.T) {
	known := []string{"help", "who", "time", "reset", "env", "cd", "load", "writefile"}
	for name, want := range map[string]string{"tiem": "time", "hlep": "help", "writefiel": "writefile", "wh": "who"} {
		if got, ok := Closest(name, known); !ok || got != want {
			t.Errorf("Closest(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if got, ok := Closest("xyzzyplugh", known); ok {
		t.Errorf("Closest(xyzzyplugh) suggested %q", got)
	}
}
