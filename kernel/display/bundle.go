package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"image"
	_ "image/gif"  // registers GIF for image.DecodeConfig
	_ "image/jpeg" // registers JPEG for image.DecodeConfig
	"image/png"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// MIME types the package produces.
const (
	textPlain    = "text/plain"
	textHTML     = "text/html"
	textMarkdown = "text/markdown"
	textLatex    = "text/latex"
	imageSVG     = "image/svg+xml"
	imagePNG     = "image/png"
	imageJPEG    = "image/jpeg"
	imageGIF     = "image/gif"
	appJSON      = "application/json"
)

// maxSummary is the longest text/plain summary, in runes.
const maxSummary = 80

var (
	// mimeRE is the MIME type syntax Jupyter front ends accept.
	mimeRE = regexp.MustCompile(`^[\w\-+.]+/[\w\-+.]+$`)
	// invisibleRE matches HTML elements whose content is not text.
	invisibleRE = regexp.MustCompile(`(?is)<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->`)
	// tagRE matches one HTML tag; group 1 is its name.
	tagRE = regexp.MustCompile(`(?s)</?([a-zA-Z][a-zA-Z0-9]*)[^>]*>`)
	// blockTags are the HTML elements that end a line of text.
	blockTags = map[string]bool{"br": true, "p": true, "div": true, "li": true, "tr": true,
		"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"table": true, "ul": true, "ol": true, "pre": true, "hr": true}
)

// summary returns the first non-blank line of s, shortened to maxSummary
// runes and marked with "…" when anything was left out, or placeholder if s
// is blank.
func summary(s, placeholder string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	first := strings.TrimSpace(lines[0])
	if first == "" {
		return placeholder
	}
	cut := len(lines) > 1
	if utf8.RuneCountInString(first) > maxSummary {
		first, cut = string([]rune(first)[:maxSummary]), true
	}
	if cut {
		first += "…"
	}
	return first
}

// htmlText returns the visible text of an HTML fragment, block elements
// breaking lines.
func htmlText(s string) string {
	s = invisibleRE.ReplaceAllString(s, "")
	s = tagRE.ReplaceAllStringFunc(s, func(tag string) string {
		if blockTags[strings.ToLower(tagRE.FindStringSubmatch(tag)[1])] {
			return "\n"
		}
		return ""
	})
	return html.UnescapeString(s)
}

// htmlBundle shows an HTML fragment.
func htmlBundle(s string) MIMEBundle {
	return MIMEBundle{textHTML: s, textPlain: summary(htmlText(s), "[html]")}
}

// markdownBundle shows Markdown text.
func markdownBundle(s string) MIMEBundle {
	return MIMEBundle{textMarkdown: s, textPlain: summary(s, "[markdown]")}
}

// textBundle shows plain text as is.
func textBundle(s string) MIMEBundle {
	return MIMEBundle{textPlain: s}
}

// latexBundle shows LaTeX math, wrapped in $$ unless already delimited.
func latexBundle(s string) MIMEBundle {
	return MIMEBundle{textLatex: delimitLatex(s), textPlain: summary(s, "[latex]")}
}

// delimitLatex wraps s in $$ … $$ unless it already starts with a math
// delimiter ($, \[, \( or \begin).
func delimitLatex(s string) string {
	t := strings.TrimSpace(s)
	for _, open := range []string{"$", `\[`, `\(`, `\begin`} {
		if strings.HasPrefix(t, open) {
			return s
		}
	}
	return "$$" + t + "$$"
}

// svgBundle shows an SVG document.
func svgBundle(s string) MIMEBundle {
	return MIMEBundle{imageSVG: s, textPlain: svgSummary(s)}
}

// svgSummary describes an SVG by the size of its root element.
func svgSummary(s string) string {
	dec := xml.NewDecoder(strings.NewReader(s))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "[svg image]"
		}
		if el, ok := tok.(xml.StartElement); ok {
			w, h := attr(el, "width"), attr(el, "height")
			if el.Name.Local != "svg" || w == "" || h == "" {
				return "[svg image]"
			}
			return fmt.Sprintf("[svg image %sx%s]", w, h)
		}
	}
}

// attr returns the value of el's attribute name, or "".
func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// imageBundle shows encoded image bytes of type mime, base64-encoded, with
// width and height metadata when the bytes decode.
func imageBundle(mime string, b []byte) (MIMEBundle, map[string]any) {
	bundle := MIMEBundle{mime: base64.StdEncoding.EncodeToString(b)}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		bundle[textPlain] = fmt.Sprintf("[%s, %d bytes]", mime, len(b))
		return bundle, map[string]any{}
	}
	bundle[textPlain] = fmt.Sprintf("[image %dx%d]", cfg.Width, cfg.Height)
	size := map[string]any{"width": cfg.Width, "height": cfg.Height}
	return bundle, map[string]any{mime: size}
}

// pictureBundle encodes img as PNG and shows it.
func pictureBundle(img image.Image) (MIMEBundle, map[string]any) {
	if img == nil {
		return errorBundle(fmt.Errorf("display.Image: nil image")), map[string]any{}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return errorBundle(fmt.Errorf("display.Image: %w", err)), map[string]any{}
	}
	return imageBundle(imagePNG, buf.Bytes())
}

// jsonBundle shows v as application/json, or the marshalling error as text.
func jsonBundle(v any) MIMEBundle {
	raw, err := json.Marshal(v)
	if err != nil {
		return errorBundle(fmt.Errorf("display.JSON: %w", err))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keep numbers exact when the kernel marshals them again
	var val any
	if err := dec.Decode(&val); err != nil {
		return errorBundle(fmt.Errorf("display.JSON: %w", err))
	}
	indented, _ := json.MarshalIndent(val, "", "  ")
	return MIMEBundle{appJSON: val, textPlain: string(indented)}
}

// dataBundle copies a caller's bundle: []byte values become base64 (binary
// types) or strings (text types), and text/plain is added when missing. An
// invalid MIME type is reported as text instead.
func dataBundle(b MIMEBundle) MIMEBundle {
	out := make(MIMEBundle, len(b)+1)
	for mime, v := range b {
		if !mimeRE.MatchString(mime) {
			return errorBundle(fmt.Errorf("display.Data: invalid MIME type %q", mime))
		}
		out[mime] = dataValue(mime, v)
	}
	if _, ok := out[textPlain]; !ok {
		out[textPlain] = fallbackText(out)
	}
	return out
}

// dataValue converts []byte data to the string form Jupyter expects.
func dataValue(mime string, v any) any {
	b, ok := v.([]byte)
	if !ok {
		return v
	}
	if isText(mime) {
		return string(b)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// isText reports whether mime's data is text rather than binary.
func isText(mime string) bool {
	return strings.HasPrefix(mime, "text/") || strings.HasSuffix(mime, "+xml") ||
		strings.HasSuffix(mime, "json") || strings.HasSuffix(mime, "javascript")
}

// fallbackText derives a text/plain summary for a bundle that has none.
func fallbackText(b MIMEBundle) string {
	if s, ok := b[textMarkdown].(string); ok {
		return summary(s, "[markdown]")
	}
	if s, ok := b[textHTML].(string); ok {
		return summary(htmlText(s), "[html]")
	}
	if s, ok := b[textLatex].(string); ok {
		return summary(s, "[latex]")
	}
	if s := imageSummary(b); s != "" {
		return s
	}
	keys := make([]string, 0, len(b))
	for k := range b {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return "[" + strings.Join(keys, ", ") + "]"
}

// imageSummary returns "[image WxH]" for the first decodable base64 image
// in b, or "".
func imageSummary(b MIMEBundle) string {
	for _, mime := range []string{imagePNG, imageJPEG, imageGIF} {
		s, _ := b[mime].(string)
		raw, err := base64.StdEncoding.DecodeString(s)
		if err != nil || s == "" {
			continue
		}
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(raw)); err == nil {
			return fmt.Sprintf("[image %dx%d]", cfg.Width, cfg.Height)
		}
	}
	return ""
}

// errorBundle shows err as plain text, since the display functions return
// nothing.
func errorBundle(err error) MIMEBundle {
	return MIMEBundle{textPlain: err.Error()}
}
