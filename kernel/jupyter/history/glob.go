package history

import (
	"regexp"
	"strings"
)

// glob is a compiled whole-string glob pattern.
type glob struct{ re *regexp.Regexp }

// compileGlob translates a GLOB pattern into an anchored regular expression.
// A malformed class ("[" without "]") is taken literally, so every pattern
// compiles.
func compileGlob(pattern string) glob {
	var b strings.Builder
	b.WriteString(`(?s)\A`)
	for i := 0; i < len(pattern); {
		i += translate(&b, pattern[i:])
	}
	b.WriteString(`\z`)
	return glob{regexp.MustCompile(b.String())}
}

// translate writes the regexp for the pattern element at the start of p and
// returns how many bytes of p it consumed.
func translate(b *strings.Builder, p string) int {
	switch p[0] {
	case '*':
		b.WriteString(`.*`)
		return 1
	case '?':
		b.WriteString(`.`)
		return 1
	case '[':
		if n := class(b, p); n > 0 {
			return n
		}
	case '\\':
		if len(p) > 1 {
			r := []rune(p[1:])[0]
			b.WriteString(regexp.QuoteMeta(string(r)))
			return 1 + len(string(r))
		}
	}
	r := []rune(p)[0]
	b.WriteString(regexp.QuoteMeta(string(r)))
	return len(string(r))
}

// class writes a character class starting at p[0] == '[' and returns its
// length, or 0 if the class is not terminated.
func class(b *strings.Builder, p string) int {
	i := 1
	neg := i < len(p) && (p[i] == '!' || p[i] == '^')
	if neg {
		i++
	}
	body := i
	if i < len(p) && p[i] == ']' { // a leading ] is a member
		i++
	}
	for i < len(p) && p[i] != ']' {
		i++
	}
	if i >= len(p) {
		return 0
	}
	b.WriteByte('[')
	if neg {
		b.WriteByte('^')
	}
	for _, r := range p[body:i] {
		if r == '-' {
			b.WriteByte('-')
			continue
		}
		b.WriteString(regexp.QuoteMeta(string(r)))
	}
	b.WriteByte(']')
	return i + 1
}

// match reports whether s matches the whole pattern.
func (g glob) match(s string) bool { return g.re.MatchString(s) }
