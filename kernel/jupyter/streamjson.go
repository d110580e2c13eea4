package jupyter

import (
	"encoding/json"
	"unicode/utf8"
)

// streamContent encodes a stream message's content, {"name":…,"text":…},
// from the chunks of text coalesced into it. Output can be megabytes, so
// the chunks are escaped straight into one buffer: one copy of the text,
// instead of joining them and then encoding with encoding/json.
func streamContent(name string, chunks []string) json.RawMessage {
	size := 0
	for _, c := range chunks {
		size += len(c)
	}
	b := make([]byte, 0, size+size/16+len(name)+32)
	b = append(b, `{"name":`...)
	b = appendJSONString(b, name)
	b = append(b, `,"text":"`...)
	for _, c := range chunks {
		b = appendJSONStringBody(b, c)
	}
	return append(b, `"}`...)
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONStringBody(b, s)
	return append(b, '"')
}

// jsonSafe marks the ASCII bytes a JSON string holds as they are.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
	}
	return safe
}()

const hexDigits = "0123456789abcdef"

// appendJSONStringBody appends s escaped for the inside of a JSON string:
// quotes, backslashes and control characters escaped, invalid UTF-8
// replaced by U+FFFD as encoding/json does, everything else as it is.
func appendJSONStringBody(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscape(b, c)
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += n
			start = i
			continue
		}
		i += n
	}
	return append(b, s[start:]...)
}

// appendEscape appends the JSON escape of an ASCII byte.
func appendEscape(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}
