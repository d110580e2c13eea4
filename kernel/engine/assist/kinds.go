package assist

import "strings"

// The kinds a frontend shows a completion as, in the vocabulary both
// clients know: VS Code's Jupyter extension maps these names (and only
// names of this set, the lower-case LSP CompletionItemKinds) to icons in
// its mapJupyterKind table (src/standalone/intellisense/conversion.ts), and
// JupyterLab shows any name as a coloured monogram, which jupyterlab-lsp
// replaces with the same LSP icons.
const (
	KindModule    = "module"    // a package
	KindStruct    = "struct"    // a type whose underlying type is a struct
	KindInterface = "interface" // an interface type, error, any, comparable
	KindClass     = "class"     // any other named type (int, time.Duration, func types)
	KindFunction  = "function"
	KindMethod    = "method"
	KindField     = "field" // a struct field
	KindVariable  = "variable"
	KindConstant  = "constant"
	KindKeyword   = "keyword"
)

// Kinds lists every kind Match.Kind returns.
var Kinds = []string{KindModule, KindStruct, KindInterface, KindClass, KindFunction,
	KindMethod, KindField, KindVariable, KindConstant, KindKeyword}

// Kind names m's kind for a frontend (one of Kinds). Type keeps Go's own
// words ("package", "type"), which no frontend draws; a type's kind follows
// from its declaration in Signature ("type T struct{...}").
func (m Match) Kind() string {
	switch m.Type {
	case kindPackage:
		return KindModule
	case kindType:
		return typeKindOf(m.Signature)
	}
	return m.Type
}

// typeKindOf classifies a type by its declaration "type T <definition>".
func typeKindOf(decl string) string {
	def := strings.TrimPrefix(decl, "type ")
	if _, rest, ok := strings.Cut(def, " "); ok {
		def = strings.TrimPrefix(rest, "= ")
	}
	switch {
	case strings.HasPrefix(def, "struct"):
		return KindStruct
	case strings.HasPrefix(def, "interface"), def == "any", def == "error", def == "comparable":
		return KindInterface
	}
	return KindClass
}
