package display

import (
	"image"
	"sync"

	"github.com/google/uuid"
)

// Display is an updatable output: the first call of one of its methods shows
// it (display_data with a transient display_id), later calls replace it in
// place (update_display_data), wherever it is in the notebook. The zero value
// is ready to use; a Display is safe for concurrent use.
type Display struct {
	mu    sync.Mutex
	id    string
	shown bool
}

// New returns a Display with a fresh unique ID, not yet shown.
func New() *Display { return &Display{id: uuid.NewString()} }

// ID returns the display_id that identifies the output in the front end.
func (d *Display) ID() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.idLocked()
}

// idLocked returns d's ID, creating it for a zero Display.
func (d *Display) idLocked() string {
	if d.id == "" {
		d.id = uuid.NewString()
	}
	return d.id
}

// publish shows the output the first time and updates it afterwards.
func (d *Display) publish(b MIMEBundle, md map[string]any) {
	d.mu.Lock()
	defer d.mu.Unlock() // sending under the lock keeps Show before every Update
	m := Message{Kind: Update, Data: b, Metadata: md, DisplayID: d.idLocked()}
	if !d.shown {
		m.Kind, d.shown = Show, true
	}
	send(m)
}

// HTML shows or replaces the output with an HTML fragment.
func (d *Display) HTML(s string) { d.publish(htmlBundle(s), nil) }

// Markdown shows or replaces the output with Markdown text.
func (d *Display) Markdown(s string) { d.publish(markdownBundle(s), nil) }

// SVG shows or replaces the output with an SVG document.
func (d *Display) SVG(s string) { d.publish(svgBundle(s), nil) }

// Latex shows or replaces the output with LaTeX math (see the Latex function).
func (d *Display) Latex(s string) { d.publish(latexBundle(s), nil) }

// Text shows or replaces the output with plain text.
func (d *Display) Text(s string) { d.publish(textBundle(s), nil) }

// PNG shows or replaces the output with PNG-encoded image bytes.
func (d *Display) PNG(b []byte) { d.publish(imageBundle(imagePNG, b)) }

// JPEG shows or replaces the output with JPEG-encoded image bytes.
func (d *Display) JPEG(b []byte) { d.publish(imageBundle(imageJPEG, b)) }

// GIF shows or replaces the output with GIF-encoded image bytes.
func (d *Display) GIF(b []byte) { d.publish(imageBundle(imageGIF, b)) }

// Image shows or replaces the output with img, encoded as PNG.
func (d *Display) Image(img image.Image) { d.publish(pictureBundle(img)) }

// JSON shows or replaces the output with v as application/json.
func (d *Display) JSON(v any) { d.publish(jsonBundle(v), nil) }

// Data shows or replaces the output with any MIME bundle (see the Data
// function).
func (d *Display) Data(b MIMEBundle) { d.publish(dataBundle(b), nil) }
