package checkimage

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // JPEG uploads
	_ "image/png"  // PNG uploads
	"io"
	"math"

	_ "golang.org/x/image/tiff" // TIFF uploads, G4 included
)

// Errors, matchable with errors.Is.
var (
	ErrFormat     = errors.New("checkimage: not a JPEG, PNG or TIFF image")
	ErrSize       = errors.New("checkimage: image size out of range")
	ErrResolution = errors.New("checkimage: resolution must be 200 or 240 dpi")
)

// Limits on what Convert accepts: a check photo is a few megapixels.
const (
	// MaxPixels bounds the decoded source image (width × height).
	MaxPixels = 50_000_000
	// MaxWidth bounds the width and height of the bitonal result; an X9
	// image of an 8.5 in check at 240 dpi is 2,040 pixels wide.
	MaxWidth = 10_000
)

// Options say how Convert makes a bitonal image.
type Options struct {
	// DPI is the output resolution, 200 (the default when 0) or 240.
	DPI int
	// WidthInches is the check's physical width: the image is scaled to
	// WidthInches × DPI pixels wide, keeping its aspect ratio (a personal
	// check is 6 in, a business check 8.5 in). 0 keeps the source's
	// pixels, for images already at the output resolution.
	WidthInches float64
	// Threshold makes pixels darker than it (0–255 grey) black. 0 chooses
	// it from the image (Otsu's method), which suits cropped, evenly lit
	// check images.
	Threshold int
}

func (o Options) dpi() (int, error) {
	switch o.DPI {
	case 0:
		return 200, nil
	case 200, 240:
		return o.DPI, nil
	}
	return 0, fmt.Errorf("%w: %d dpi", ErrResolution, o.DPI)
}

// Convert decodes a JPEG, PNG or TIFF image (TIFF in any compression the
// golang.org/x/image/tiff decoder reads, CCITT G4 included) and returns it
// as an X9.100-181 TIFF: bitonal, CCITT Group 4, single strip,
// little-endian, at o.DPI. It refuses images over MaxPixels before
// decoding them.
func Convert(r io.Reader, o Options) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPixels {
		return nil, fmt.Errorf("%w: %d×%d pixels (at most %d)", ErrSize, cfg.Width, cfg.Height, MaxPixels)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	b, err := FromImage(img, o)
	if err != nil {
		return nil, err
	}
	dpi, _ := o.dpi()
	return EncodeTIFF(b, dpi)
}

// FromImage turns img into a bitonal bitmap: grey levels, scaled as
// o.WidthInches asks (area average when shrinking, bilinear when
// enlarging), then thresholded.
func FromImage(img image.Image, o Options) (*Bitmap, error) {
	dpi, err := o.dpi()
	if err != nil {
		return nil, err
	}
	g := grey(img)
	if o.WidthInches > 0 {
		w := int(math.Round(o.WidthInches * float64(dpi)))
		h := int(math.Round(float64(g.Rect.Dy()) * float64(w) / float64(g.Rect.Dx())))
		if w <= 0 || h <= 0 || w > MaxWidth || h > MaxWidth {
			return nil, fmt.Errorf("%w: scaled to %d×%d pixels", ErrSize, w, h)
		}
		g = scale(g, w, h)
	}
	if g.Rect.Dx() > MaxWidth || g.Rect.Dy() > MaxWidth || g.Rect.Empty() {
		return nil, fmt.Errorf("%w: %d×%d pixels (at most %d a side)", ErrSize, g.Rect.Dx(), g.Rect.Dy(), MaxWidth)
	}
	t := o.Threshold
	if t <= 0 || t > 255 {
		t = otsu(g)
	}
	return threshold(g, uint8(t)), nil
}

// grey returns img's luminance, origin at (0, 0).
func grey(img image.Image) *image.Gray {
	r := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < r.Dy(); y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+r.Dx()], src.Pix[src.PixOffset(r.Min.X, r.Min.Y+y):])
		}
	case *image.YCbCr: // JPEG: the Y plane is the luminance
		for y := 0; y < r.Dy(); y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+r.Dx()], src.Y[src.YOffset(r.Min.X, r.Min.Y+y):])
		}
	case *Bitmap:
		for y := 0; y < r.Dy(); y++ {
			for x := 0; x < r.Dx(); x++ {
				if !src.Black(x, y) {
					g.Pix[y*g.Stride+x] = 255
				}
			}
		}
	default:
		for y := 0; y < r.Dy(); y++ {
			row := g.Pix[y*g.Stride:]
			for x := 0; x < r.Dx(); x++ {
				row[x] = color.GrayModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.Gray).Y
			}
		}
	}
	return g
}

// scale resizes g to w × h: area average when shrinking, bilinear
// interpolation when enlarging (each axis on its own).
func scale(g *image.Gray, w, h int) *image.Gray {
	sw, sh := g.Rect.Dx(), g.Rect.Dy()
	// Horizontal pass into float rows, then vertical.
	tmp := make([]float32, w*sh)
	for y := 0; y < sh; y++ {
		resample(func(i int) float32 { return float32(g.Pix[y*g.Stride+i]) }, sw, w,
			func(i int, v float32) { tmp[y*w+i] = v })
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		resample(func(i int) float32 { return tmp[i*w+x] }, sh, h,
			func(i int, v float32) { out.Pix[i*out.Stride+x] = uint8(min(255, max(0, v+0.5))) })
	}
	return out
}

// resample maps n source samples to m.
func resample(src func(int) float32, n, m int, dst func(int, float32)) {
	ratio := float64(n) / float64(m)
	if m <= n { // area average
		for i := 0; i < m; i++ {
			lo, hi := float64(i)*ratio, float64(i+1)*ratio
			var sum, wt float64
			for k := int(lo); k < n && float64(k) < hi; k++ {
				a := math.Min(hi, float64(k+1)) - math.Max(lo, float64(k))
				sum += a * float64(src(k))
				wt += a
			}
			dst(i, float32(sum/wt))
		}
		return
	}
	for i := 0; i < m; i++ { // bilinear
		p := (float64(i)+0.5)*ratio - 0.5
		k := int(math.Floor(p))
		f := p - float64(k)
		a, b := src(max(0, min(n-1, k))), src(max(0, min(n-1, k+1)))
		dst(i, float32(float64(a)*(1-f)+float64(b)*f))
	}
}

// otsu returns the grey level that best separates ink from paper: the
// one maximising the between-class variance of the histogram. A uniform
// image gets 128.
func otsu(g *image.Gray) int {
	var hist [256]int
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		for _, v := range g.Pix[y*g.Stride : y*g.Stride+w] {
			hist[v]++
		}
	}
	total := w * h
	var sumAll float64
	for i, n := range hist {
		sumAll += float64(i * n)
	}
	best, bestVar := 128, -1.0
	var wB, sumB float64
	for t := 0; t < 256; t++ {
		wB += float64(hist[t])
		if wB == 0 {
			continue
		}
		wF := float64(total) - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * hist[t])
		mB, mF := sumB/wB, (sumAll-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > bestVar {
			bestVar, best = v, t+1 // pixels darker than t+1 (≤ t) are ink
		}
	}
	if bestVar <= 0 {
		return 128
	}
	return best
}

// threshold makes pixels darker than t black.
func threshold(g *image.Gray, t uint8) *Bitmap {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	b := NewBitmap(w, h)
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		out := b.Pix[y*b.Stride:]
		for x, v := range row {
			if v < t {
				out[x>>3] |= 0x80 >> uint(x&7)
			}
		}
	}
	return b
}
