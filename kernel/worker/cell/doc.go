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
// # Rewrites for what yaegi v0.16.1 lacks
//
//   - go statements: a panic in the goroutine is recovered and reported
//     through _gkrt.GoPanic(value, "cellN.go:L:C"), instead of killing the
//     process. The function value (when it is a variable or method value)
//     and non-constant arguments are bound to temporaries at the go
//     statement, as Go evaluates them there.
//   - Compound top-level statements (if, for, switch, select, blocks) are
//     run inside `func() { ... }()` unless they contain return, defer or
//     goto: yaegi fails on `case v, ok := <-ch`, `x, _ := f()` in if/else
//     and hangs on `k := k` in loops only at top level.
//   - range over an integer (when the range expression is an integer as
//     far as syntax and earlier declarations tell: literals, len/cap,
//     conversions, integer variables, constants, parameters, arithmetic).
//   - Go 1.22 loop variables: when a loop body contains a func literal, a
//     go statement or &, each iteration gets a fresh copy of the loop
//     variables (changes in the body carry over, also through continue).
//     Loops without those are left alone: the difference is unobservable.
//   - min, max (generic helpers; constant arguments are moved last so
//     yaegi infers the type from a typed one) and clear (via reflect).
//     Helpers are declared in Decls of the first cell that needs them.
//   - `return <-ch` (yaegi issue #1725): the receive is bound first.
//   - range over functions (Go 1.23 iterators) whose type the syntax tells
//     (func(yield func(...) bool), iter.Seq, iter.Seq2, slices.All,
//     maps.Keys...): the body becomes a function literal, with return,
//     break and continue (labeled, of outer loops too) carried out after
//     the iterator returns (rangefunc.go). defer in the body and goto out
//     of it are compile errors. Package iter is interpreted source
//     (IterSource); the Go 1.23 iterator functions of slices and maps are
//     helpers.
//   - Type arguments yaegi cannot infer (from a func literal's result
//     type, through a constraint's core type, from variadic arguments)
//     are inferred from the syntax and written into calls of generic
//     functions of cells and of yaegi's slices, maps and cmp; a top-level
//     `x := g(...)`, g generic, becomes `var x T; x = g(...)`
//     (generics.go).
//   - print and println call _gkrt.Print/Println, which write to stderr
//     in the runtime's formats, as Go does (yaegi's write fmt formats to
//     stdout); a cell's own print or println is left alone.
//   - An Error method on a value receiver gets a companion method
//     _gkSelf returning the receiver, through which the worker's
//     errors.Is and errors.As reach a struct value that yaegi hands to
//     native code without it (see kernel/worker/errors.go).
//   - A tuple assignment whose values include a call after another value
//     evaluates them into temporaries first (yaegi loses the values
//     before the call; tupleassign.go).
//   - A var declaration initialized from a generic call stays a
//     statement, `var x T; x = g(...)` (yaegi cannot declare it at
//     package level; genericvar.go).
//   - In printing calls, %T of an argument whose concrete type the syntax
//     tells names the cell's types (typeverb.go), and a value of a cell
//     type with an Error method is printed through its Error text
//     (errtext.go); a struct value with a value-receiver Error method
//     stored in an error variable goes through _gkAsError (aserror.go).
//   - The gap_*.go files each answer one more yaegi behaviour, with a
//     golden file in testdata/gaps checked against `go run`: deferred
//     calls' operands evaluated at the defer statement (a per-function
//     defer list) and deferred closure variables that hung; break and
//     continue in select; `for k, v = range`; range over strings;
//     switches on interfaces and case lists; untyped shifts passed to
//     integer parameters; constants beyond int64; select cases with =;
//     new(value); &p[i] on a pointer to an array; top-level comma-ok
//     declarations and comma-ok assignments that must zero the value;
//     method expressions on interfaces; method values that copy their
//     receiver.
//   - Standard functions yaegi's library lacks or cannot instantiate
//     (slices.Delete, Compact, Concat, Repeat, Chunk, maps.Clone,
//     sync.OnceFunc/OnceValue(s), strings.Lines and the Seq functions,
//     sorting of compiled named types) are interpreted stand-ins
//     (stdHelpers).
//
// Not handled: top-level comma-ok forms outside if/for/select (`v, ok :=
// m[k]`, `v, ok := <-ch`, `v, ok := x.(T)` fail in yaegi with "nil type"
// at top level but work inside functions); a variable initialized from a
// generic call whose types the syntax does not tell: yaegi says "nil
// reflect type"; range over an iterator whose type the syntax does not
// tell.
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
