package checkimage

import (
	"image"
	"image/color"
)

// Bitmap is a bitonal image: one bit per pixel, rows of Stride bytes, the
// most significant bit the leftmost pixel, 1 for black. It implements
// image.Image (Gray: 0 black, 255 white).
type Bitmap struct {
	Width, Height int
	Stride        int
	Pix           []byte
}

// NewBitmap returns a white bitmap of width × height pixels.
func NewBitmap(width, height int) *Bitmap {
	stride := (width + 7) / 8
	return &Bitmap{Width: width, Height: height, Stride: stride, Pix: make([]byte, stride*height)}
}

// Black reports whether the pixel at (x, y) is black; pixels outside the
// bitmap are white.
func (b *Bitmap) Black(x, y int) bool {
	if x < 0 || y < 0 || x >= b.Width || y >= b.Height {
		return false
	}
	return b.Pix[y*b.Stride+x>>3]&(0x80>>uint(x&7)) != 0
}

// Set makes the pixel at (x, y) black or white; outside the bitmap it
// does nothing.
func (b *Bitmap) Set(x, y int, black bool) {
	if x < 0 || y < 0 || x >= b.Width || y >= b.Height {
		return
	}
	i, m := y*b.Stride+x>>3, byte(0x80>>uint(x&7))
	if black {
		b.Pix[i] |= m
	} else {
		b.Pix[i] &^= m
	}
}

// ColorModel returns color.GrayModel.
func (b *Bitmap) ColorModel() color.Model { return color.GrayModel }

// Bounds returns the rectangle (0, 0)–(Width, Height).
func (b *Bitmap) Bounds() image.Rectangle { return image.Rect(0, 0, b.Width, b.Height) }

// At returns black (Gray 0) or white (Gray 255).
func (b *Bitmap) At(x, y int) color.Color {
	if b.Black(x, y) {
		return color.Gray{}
	}
	return color.Gray{Y: 255}
}
