package gosuite

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// NotebookCells turns a program into the two cells a notebook author
// would write: the file without func main (package clause, imports, every
// other declaration, init functions included: the kernel runs those at the
// end of the cell, before main's body, as Go does), then the statements of
// main's body, unchanged, as top-level statements. A `return` or `defer`
// at the top of main's body stays as it is: in a cell, return ends the
// cell and deferred calls run at the cell's end, which is what they do at
// the end of main.
func NotebookCells(src string) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "prog.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	main := findMain(f)
	if main == nil || main.Body == nil {
		return nil, errors.New("no func main")
	}
	start := main.Pos()
	if main.Doc != nil {
		start = main.Doc.Pos()
	}
	offset := func(p token.Pos) int { return fset.Position(p).Offset }
	decls := src[:offset(start)] + src[offset(main.End()):]
	body := dedent(src[offset(main.Body.Lbrace)+1 : offset(main.Body.Rbrace)])
	return []string{decls, body}, nil
}

// findMain is the declaration of func main, or nil.
func findMain(f *ast.File) *ast.FuncDecl {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			return fd
		}
	}
	return nil
}

// dedent removes one leading tab from every line and the blank lines
// around the body, so the cell reads as top-level code.
func dedent(body string) string {
	lines := strings.Split(strings.Trim(body, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t")
	}
	return strings.Join(lines, "\n") + "\n"
}
