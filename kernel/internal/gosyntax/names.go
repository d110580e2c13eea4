package gosyntax

import (
	"strings"
	"unicode"
)

// PackageName guesses the name of the package at an import path as
// goimports does (golang.org/x/tools/internal/imports,
// ImportPathToAssumedName): the last element, or the one before it when
// the last is a major version ("math/rand/v2" is rand), without a "go-"
// prefix and cut at its first character that cannot be in an identifier
// ("gopkg.in/yaml.v3" is yaml, "example.com/bar-go" is bar). Unlike
// goimports it never returns "": an element that starts with such a
// character is kept whole.
func PackageName(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && isMajorVersion(name) {
		name = elems[len(elems)-2]
	}
	name = strings.TrimPrefix(name, "go-")
	if i := strings.IndexFunc(name, notIdentifier); i > 0 {
		name = name[:i]
	}
	return name
}

// isMajorVersion reports whether s is a major-version path element: v2, v10.
func isMajorVersion(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	return strings.IndexFunc(s[1:], func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// notIdentifier reports whether r cannot be part of a Go identifier.
func notIdentifier(r rune) bool {
	return r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// PreferPath reports whether import path a comes before b as the package
// a bare name means, when both have that name. Auto-import, completion and
// docs all take the first path in this order, which is the order goimports
// gives a file's candidates (golang.org/x/tools/internal/imports,
// byDistanceOrImportPathShortLength): fewer path elements (goimports'
// distance), then the shorter path, then the lexically smaller one. So
// template means html/template, scanner go/scanner, rand math/rand (not
// crypto/rand nor math/rand/v2) and pprof runtime/pprof; a cell that wants
// another one imports it.
func PreferPath(a, b string) bool {
	if na, nb := strings.Count(a, "/"), strings.Count(b, "/"); na != nb {
		return na < nb
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
