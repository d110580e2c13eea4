package display_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"testing"

	"github.com/gokernel/gokernel/kernel/display"
)

type htmlVal struct{}

func (htmlVal) HTML() string { return "<b>h</b>" }

type mdVal struct{}

func (mdVal) Markdown() string { return "*m*" }

type svgVal struct{}

func (svgVal) SVG() string { return "<svg/>" }

type latexVal struct{}

func (latexVal) Latex() string { return "x" }

type pngVal struct{}

func (pngVal) PNG() []byte { return []byte{1, 2} }

type jpegVal struct{}

func (jpegVal) JPEG() []byte { return []byte{3} }

type multiVal struct{ htmlVal }

func (multiVal) Markdown() string { return "m" }

type panicVal struct{}

func (panicVal) HTML() string { panic("boom") }

type pictureWithPNG struct{ *image.RGBA }

func (pictureWithPNG) PNG() []byte { return []byte{9} }

func TestBundle(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 2, 1))
	var grayPNG bytes.Buffer
	if err := png.Encode(&grayPNG, gray); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    any
		want map[string]any // nil means Bundle returns nil
	}{
		{"html", htmlVal{}, map[string]any{"text/html": "<b>h</b>"}},
		{"markdown", mdVal{}, map[string]any{"text/markdown": "*m*"}},
		{"svg", svgVal{}, map[string]any{"image/svg+xml": "<svg/>"}},
		{"latex", latexVal{}, map[string]any{"text/latex": "$$x$$"}},
		{"png", pngVal{}, map[string]any{"image/png": "AQI="}},
		{"jpeg", jpegVal{}, map[string]any{"image/jpeg": "Aw=="}},
		{"several", multiVal{}, map[string]any{"text/html": "<b>h</b>", "text/markdown": "m"}},
		{"image", gray, map[string]any{"image/png": base64.StdEncoding.EncodeToString(grayPNG.Bytes())}},
		{"png method wins over image", pictureWithPNG{image.NewRGBA(image.Rect(0, 0, 1, 1))}, map[string]any{"image/png": "CQ=="}},
		{"bundle", display.MIMEBundle{"text/html": "<i>b</i>", "text/plain": "b"}, map[string]any{"text/html": "<i>b</i>"}},
		{"panicking method", panicVal{}, nil},
		{"plain int", 42, nil},
		{"string", "<b>no</b>", nil},
		{"nil", nil, nil},
		{"display handle", display.New(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := display.Bundle(tt.v)
			if tt.want == nil {
				if got != nil {
					t.Fatalf("Bundle = %v, want nil", got)
				}
				return
			}
			if !jsonEqual(got, tt.want) {
				t.Errorf("Bundle = %v, want %v", got, tt.want)
			}
		})
	}
}
