package display

import "image"

// HTML shows an HTML fragment.
func HTML(s string) { show(htmlBundle(s), nil) }

// Markdown shows Markdown text, rendered by the front end.
func Markdown(s string) { show(markdownBundle(s), nil) }

// SVG shows an SVG document given as text.
func SVG(s string) { show(svgBundle(s), nil) }

// Latex shows LaTeX math; s is wrapped in $$ … $$ unless it already starts
// with a delimiter ($, \[, \( or \begin).
func Latex(s string) { show(latexBundle(s), nil) }

// Text shows plain text as a display output (not on stdout).
func Text(s string) { show(textBundle(s), nil) }

// PNG shows PNG-encoded image bytes.
func PNG(b []byte) { show(imageBundle(imagePNG, b)) }

// JPEG shows JPEG-encoded image bytes.
func JPEG(b []byte) { show(imageBundle(imageJPEG, b)) }

// GIF shows GIF-encoded image bytes (animations play in the front end).
func GIF(b []byte) { show(imageBundle(imageGIF, b)) }

// Image shows img, encoded as PNG.
func Image(img image.Image) { show(pictureBundle(img)) }

// JSON shows v as application/json, which front ends render as a
// collapsible tree. If v does not marshal, the error is shown as text.
func JSON(v any) { show(jsonBundle(v), nil) }

// Data shows any MIME bundle. []byte values are base64-encoded for binary
// types and converted to strings for text types; a text/plain fallback is
// added if missing.
func Data(b MIMEBundle) { show(dataBundle(b), nil) }

// ClearOutput clears the current cell's outputs. With wait, the clearing
// happens when the next output arrives, which avoids flicker in animations.
func ClearOutput(wait bool) { send(Message{Kind: Clear, Wait: wait}) }
