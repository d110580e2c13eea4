// Package cell is the cell compiler of gokernel: it turns the source of a
// notebook cell into source that the yaegi interpreter runs the way `go
// run` would. It is pure (source in, Plan out) and does not run yaegi; it
// reads only the source of yaegi's generic standard-library packages
// (slices, maps, cmp) to learn their signatures.
//
// # Splitting
//
// A cell may mix, in any order, a package clause (ignored), imports,
// const/var/type/func/method declarations, statements and a final
// expression. The cell is cut into top-level items with go/scanner and
// parsed three times with go/parser (imports, funcs, statements), each
// time with the other items blanked out so offsets stay those of the cell.
// The worker evaluates Plan.Imports one by one, then Plan.Decls (a file),
// then Plan.Stmts (a function body, whose := variables yaegi keeps as
// globals).
//
// Ordering rules, chosen so that cells read top to bottom:
//   - type and const declarations always go to Decls;
//   - a var declaration goes to Decls unless its initializer uses a
//     variable made by an earlier statement of the same cell
//     (`x := f(); var y = x + 1`): then it stays a statement, in order;
//   - a top-level `x := e` stays a statement, unless a function of the
//     same cell uses x and e does not depend on statements: then it becomes
//     `var x = e` in Decls so the function compiles (e then runs before the
//     cell's statements);
//   - func main and func init are renamed (_gkmain, _gkinitN) and called
//     once at the end (init: start) of Stmts: yaegi would otherwise run
//     main again after every later Eval.
//
// Stmts always starts with ";", because yaegi treats a source whose first
// token is import/func/type/var/const as a file.
//
// # Positions
//
// Every declaration and statement is preceded by a `//line` directive and
// every rewritten piece is followed by a `/*line */` directive, so yaegi's
// errors and panics carry the cell's own line and column. The directives
// name the file "cellN/_.go": yaegi scopes imported package names by file
// base name (imports are evaluated as "_.go"), so naming the file
// "cellN.go" would hide every import. FixPositions turns "cellN/_.go:L:C"
// into "cellN.go:L:C" in messages.
//
// # Imports
//
// Imports established by committed cells are dropped (yaegi rejects a
// re-import); an import of an established path under a new name is kept.
// A package name used in a selector but declared nowhere (not in any scope
// of the cell, not by a committed cell, not by an import) is resolved with
// the Resolver and imported, like goimports.
//
// # Results
//
// When the cell ends in an expression statement E, Stmts ends in
// `_gkrt.Show(E)`, which yields all of E's values. Calls that print or
// write (fmt.Print*, fmt.Fprint*, log.Print*/Fatal*/Panic*, print,
// println, io.WriteString, io.Copy*, the methods Write, WriteString,
// WriteRune, WriteByte, WriteTo, Print, Printf, Println), display.*
// calls, other builtins without result, calls of func literals without
// result, and calls of functions (and methods, by name) declared without
// result are not shown. For any other void call (a native one such as
// wg.Wait()) Show does not compile: the worker should compile Stmts with
// yaegi's Compile, and when Plan.IsNoValue accepts the error, compile
// PlainStmts instead; nothing has run at that point.
//
// # Runtime
//
// Generated code calls the functions of package _gkrt (Show, GoPanic,
// Stdin, Defer...), which package cellrt names as constants and installs
// into an interpreter; the worker and this package's tests install it
// alike. os.Stdin in a cell becomes cellrt.Stdin, the kernel's input.
//
// # Gaps
//
// Each workaround for something yaegi v0.16.1 lacks or gets wrong is a gap
// (gaps.go): a value with its name, the yaegi behaviour it answers, its
// rewrite (hooks the walk calls), its interpreted helpers and the runtime
// functions it needs. The gaps are one ordered table, gaps, listed with
// `go doc -u` and run in that order; each has its own file, gap_NAME.go,
// and its golden test, testdata/gaps/NAME.txt: cells, then what they
// print and show, checked against `go run` with -gorun. Helpers are
// declared in Decls of the first cell that needs them. testdata/emitted
// guards the generated code byte for byte.
//
// Not handled: a top-level comma-ok declaration whose value type the
// syntax does not tell (an error says what to write instead); a variable
// initialized from a generic call whose types the syntax does not tell:
// yaegi says "nil reflect type"; range over an iterator whose type the
// syntax does not tell.
//
// # Failed cells
//
// yaegi declares a cell's names before it reports a compile error. The
// worker compiles all of a cell before running any of it and, when that
// fails, calls Session.Fail: the earlier definitions of the functions
// the cell redeclared come back, and the names only the failed cell
// declared are reported undefined by later cells until one declares them
// (failed.go). When yaegi reports a type error, package typecheck finds
// the cell's other ones with go/types, from Session.CheckSource.
//
// # Panics
//
// yaegi places a panic somewhere in the function that panicked.
// PanicSite narrows it to the one expression of that function that can
// panic with the panic's kind (index, slice, division, nil-map write,
// call of panic), when there is only one, and names its operands when
// they are top-level variables, so that the worker can give Go's message
// with the index and length (panicsite.go).
//
// # Redefinition
//
// Plan.Redefined lists the names a cell redeclares. yaegi binds functions
// compiled earlier to the old definition of a function and ignores a
// redefined type, so the worker should warn, or rebuild the interpreter
// from the Replay sources of the cells.
package cell
