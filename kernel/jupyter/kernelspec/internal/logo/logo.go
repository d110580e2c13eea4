// Package logo draws gokernel's logo: a white "Go" mark on a rounded square
// of gopher blue. One geometry, in unit coordinates, feeds both the PNG
// rasterizer and the SVG writer, so the three logo files always agree.
package logo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// The geometry, as fractions of the logo's side; v grows downwards.
const (
	corner = 0.18 // corner radius of the background square

	stroke = 0.08 // stroke width of both letters

	gX, gY   = 0.335, 0.5 // centre of the G
	gOuter   = 0.2        // outer radius of the G
	gGapFrom = 0.0        // the G is open between these angles (degrees,
	gGapTo   = 60.0       // counter-clockwise from the right, y up)
	barFrom  = 0.03       // the G's bar starts this far right of its centre

	oX, oY = 0.72, 0.555 // centre of the o
	oOuter = 0.145       // outer radius of the o
)

// The colours.
var (
	blue  = color.RGBA{0x00, 0xAD, 0xD8, 0xFF}
	white = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

// samples is the supersampling factor per axis used for anti-aliasing.
const samples = 4

// inBackground reports whether (u, v) lies in the rounded square.
func inBackground(u, v float64) bool {
	dx := math.Max(math.Max(corner-u, u-(1-corner)), 0)
	dy := math.Max(math.Max(corner-v, v-(1-corner)), 0)
	return dx*dx+dy*dy <= corner*corner
}

// inG reports whether (u, v) lies in the G: an open ring plus its bar.
func inG(u, v float64) bool {
	dx, dy := u-gX, gY-v
	d := math.Hypot(dx, dy)
	angle := math.Atan2(dy, dx) * 180 / math.Pi
	ring := d <= gOuter && d >= gOuter-stroke && !(angle > gGapFrom && angle < gGapTo)
	bar := u >= gX+barFrom && u <= gX+gOuter && v >= gY && v <= gY+stroke
	return ring || bar
}

// inO reports whether (u, v) lies in the o.
func inO(u, v float64) bool {
	d := math.Hypot(u-oX, v-oY)
	return d <= oOuter && d >= oOuter-stroke
}

// colorAt returns the colour of the point (u, v) and whether it is painted.
func colorAt(u, v float64) (color.RGBA, bool) {
	switch {
	case !inBackground(u, v):
		return color.RGBA{}, false
	case inG(u, v) || inO(u, v):
		return white, true
	}
	return blue, true
}

// Draw renders the logo as a size×size image with anti-aliased edges and a
// transparent outside. It is non-premultiplied, as PNG stores it, so an
// encoded and decoded logo has exactly the same pixels.
func Draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			img.SetNRGBA(x, y, pixel(x, y, size))
		}
	}
	return img
}

// pixel averages the colours of a pixel's subsamples.
func pixel(x, y, size int) color.NRGBA {
	var r, g, b, a int
	for i := 0; i < samples; i++ {
		for j := 0; j < samples; j++ {
			u := (float64(x) + (float64(i)+0.5)/samples) / float64(size)
			v := (float64(y) + (float64(j)+0.5)/samples) / float64(size)
			if c, ok := colorAt(u, v); ok {
				r, g, b, a = r+int(c.R), g+int(c.G), b+int(c.B), a+int(c.A)
			}
		}
	}
	if a == 0 {
		return color.NRGBA{}
	}
	// Painted samples are opaque, so un-premultiplying divides by their alpha.
	return color.NRGBA{uint8(r * 255 / a), uint8(g * 255 / a), uint8(b * 255 / a), uint8(a / (samples * samples))}
}

// PNG returns the logo encoded as a size×size PNG.
func PNG(size int) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, Draw(size)); err != nil {
		return nil, fmt.Errorf("encode %dx%d logo: %w", size, size, err)
	}
	return buf.Bytes(), nil
}

// SVG returns the logo as an SVG document with a 64×64 view box.
func SVG() string {
	const s = 64.0
	mid := (gOuter - stroke/2) * s // radius of the G's centre line
	rad := func(deg float64) float64 { return deg * math.Pi / 180 }
	startX, startY := gX*s+mid*math.Cos(rad(gGapTo)), gY*s-mid*math.Sin(rad(gGapTo))
	endX, endY := gX*s+mid*math.Cos(rad(gGapFrom)), gY*s-mid*math.Sin(rad(gGapFrom))
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <title>gokernel</title>
  <rect width="64" height="64" rx="%.2f" fill="#00ADD8"/>
  <g fill="none" stroke="#FFFFFF" stroke-width="%.2f">
    <path d="M %.2f %.2f A %.2f %.2f 0 1 0 %.2f %.2f"/>
    <circle cx="%.2f" cy="%.2f" r="%.2f"/>
  </g>
  <rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="#FFFFFF"/>
</svg>
`, corner*s, stroke*s,
		startX, startY, mid, mid, endX, endY,
		oX*s, oY*s, (oOuter-stroke/2)*s,
		(gX+barFrom)*s, gY*s, (gOuter-barFrom)*s, stroke*s)
}
