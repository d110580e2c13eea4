package logo

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"image/png"
	"testing"
)

func TestDraw(t *testing.T) {
	points := []struct {
		name string
		u, v float64
		want color.NRGBA
	}{
		{"corner is transparent", 0.01, 0.01, color.NRGBA{}},
		{"background", 0.5, 0.1, color.NRGBA(blue)},
		{"left of the G", gX - gOuter + stroke/2, gY, color.NRGBA(white)},
		{"G's bar", gX + gOuter - stroke/2, gY + stroke/2, color.NRGBA(white)},
		{"G's opening", gX + gOuter - stroke/2, gY - 0.1, color.NRGBA(blue)},
		{"hole of the o", oX, oY, color.NRGBA(blue)},
		{"top of the o", oX, oY - oOuter + stroke/2, color.NRGBA(white)},
	}
	for _, size := range []int{32, 64, 256} {
		img := Draw(size)
		if img.Bounds().Dx() != size || img.Bounds().Dy() != size {
			t.Fatalf("Draw(%d) is %v", size, img.Bounds())
		}
		for _, p := range points {
			if got := img.NRGBAAt(int(p.u*float64(size)), int(p.v*float64(size))); got != p.want {
				t.Errorf("Draw(%d), %s: %v, want %v", size, p.name, got, p.want)
			}
		}
	}
}

func TestPNG(t *testing.T) {
	for _, size := range []int{32, 64} {
		b, err := PNG(size)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != size || cfg.Height != size {
			t.Errorf("PNG(%d): %dx%d, %v", size, cfg.Width, cfg.Height, err)
		}
	}
}

func TestSVG(t *testing.T) {
	var doc struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal([]byte(SVG()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.XMLName.Local != "svg" || doc.Width != "64" || doc.ViewBox != "0 0 64 64" {
		t.Errorf("svg root %+v", doc)
	}
}
