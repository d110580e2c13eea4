package display

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
)

// renderers each add one rich representation of v to b when v supports it.
var renderers = []func(v any, b MIMEBundle){
	renderHTML, renderMarkdown, renderSVG, renderLatex, renderPNG, renderJPEG, renderImage, renderBundle, renderTable,
}

// Bundle builds the rich bundle for a value shown as a cell result. Values
// with methods HTML() string, Markdown() string, SVG() string, Latex() string,
// PNG() []byte or JPEG() []byte, image.Image values (encoded as PNG),
// MIMEBundle values and slices of structs (as an HTML table) render rich;
// the caller adds text/plain, its own formatting of v. Bundle returns nil
// if none apply. A method that panics is skipped.
func Bundle(v any) MIMEBundle {
	b := MIMEBundle{}
	for _, render := range renderers {
		safely(func() { render(v, b) })
	}
	if len(b) == 0 {
		return nil
	}
	return b
}

// safely runs f, discarding a panic from a user's method.
func safely(f func()) {
	defer func() { _ = recover() }()
	f()
}

// renderHTML uses an HTML() string method.
func renderHTML(v any, b MIMEBundle) {
	if x, ok := v.(interface{ HTML() string }); ok {
		b[textHTML] = x.HTML()
	}
}

// renderMarkdown uses a Markdown() string method.
func renderMarkdown(v any, b MIMEBundle) {
	if x, ok := v.(interface{ Markdown() string }); ok {
		b[textMarkdown] = x.Markdown()
	}
}

// renderSVG uses an SVG() string method.
func renderSVG(v any, b MIMEBundle) {
	if x, ok := v.(interface{ SVG() string }); ok {
		b[imageSVG] = x.SVG()
	}
}

// renderLatex uses a Latex() string method, adding $$ delimiters if needed.
func renderLatex(v any, b MIMEBundle) {
	if x, ok := v.(interface{ Latex() string }); ok {
		b[textLatex] = delimitLatex(x.Latex())
	}
}

// renderPNG uses a PNG() []byte method.
func renderPNG(v any, b MIMEBundle) {
	if x, ok := v.(interface{ PNG() []byte }); ok {
		b[imagePNG] = base64.StdEncoding.EncodeToString(x.PNG())
	}
}

// renderJPEG uses a JPEG() []byte method.
func renderJPEG(v any, b MIMEBundle) {
	if x, ok := v.(interface{ JPEG() []byte }); ok {
		b[imageJPEG] = base64.StdEncoding.EncodeToString(x.JPEG())
	}
}

// renderImage encodes an image.Image as PNG unless a PNG method did already.
func renderImage(v any, b MIMEBundle) {
	img, ok := v.(image.Image)
	if _, done := b[imagePNG]; !ok || done || img == nil {
		return
	}
	var buf bytes.Buffer
	if png.Encode(&buf, img) == nil {
		b[imagePNG] = base64.StdEncoding.EncodeToString(buf.Bytes())
	}
}

// renderBundle shows a MIMEBundle value as the bundle it describes.
func renderBundle(v any, b MIMEBundle) {
	mb, ok := v.(MIMEBundle)
	if !ok {
		return
	}
	for mime, data := range dataBundle(mb) {
		if mime != textPlain {
			b[mime] = data
		}
	}
}
