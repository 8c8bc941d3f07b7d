package checkimage

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/railyardhq/railyard/rdc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/ccitt"
	"golang.org/x/image/tiff"
)

// decodeG4 decodes T.6 data with golang.org/x/image/ccitt into a bitmap.
func decodeG4(t testing.TB, data []byte, w, h int) *Bitmap {
	t.Helper()
	// The ccitt stream has 1 for white: invert to our 1 for black.
	r := ccitt.NewReader(bytes.NewReader(data), ccitt.MSB, ccitt.Group4, w, h, &ccitt.Options{Invert: true})
	b := NewBitmap(w, h)
	_, err := io.ReadFull(r, b.Pix)
	require.NoError(t, err, "ccitt decode of %d×%d", w, h)
	return b
}

// sameBitmap fails unless a and b hold the same pixels (padding bits
// past the width ignored).
func sameBitmap(t testing.TB, want, got *Bitmap) {
	t.Helper()
	require.Equal(t, want.Width, got.Width)
	require.Equal(t, want.Height, got.Height)
	for y := 0; y < want.Height; y++ {
		for x := 0; x < want.Width; x++ {
			if want.Black(x, y) != got.Black(x, y) {
				t.Fatalf("pixel (%d,%d): want black=%v, got %v", x, y, want.Black(x, y), got.Black(x, y))
			}
		}
	}
}

func randomBitmap(rng *rand.Rand, w, h int, density float64) *Bitmap {
	b := NewBitmap(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			b.Set(x, y, rng.Float64() < density)
		}
	}
	return b
}

// syntheticCheck draws a check-like page: border, lines of "text" made of
// strokes, a MICR line, a signature scrawl.
func syntheticCheck(w, h int, seed int64) *Bitmap {
	rng := rand.New(rand.NewSource(seed))
	b := NewBitmap(w, h)
	rect := func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				b.Set(x, y, true)
			}
		}
	}
	rect(0, 0, w, 3)
	rect(0, h-3, w, h)
	rect(0, 0, 3, h)
	rect(w-3, 0, w, h)
	for line := 0; line < 8; line++ {
		y := 40 + line*(h-120)/8
		x := 30 + rng.Intn(40)
		for x < w-60 {
			cw := 8 + rng.Intn(14)
			for k := 0; k < 3; k++ { // strokes of a glyph
				sx, sy := x+rng.Intn(cw), y+rng.Intn(20)
				if rng.Intn(2) == 0 {
					rect(sx, sy, sx+2+rng.Intn(3), sy+6+rng.Intn(14))
				} else {
					rect(sx, sy, sx+4+rng.Intn(8), sy+2+rng.Intn(2))
				}
			}
			x += cw + 3
			if rng.Intn(9) == 0 {
				x += 25
			}
		}
	}
	for x := w / 2; x < w-80; x++ { // signature
		y := h - 150 + int(25*float64(rng.Intn(3)-1)) + (x%37)/3
		rect(x, y, x+2, y+3)
	}
	return b
}

func TestG4RoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	cases := map[string]*Bitmap{
		"1x1 white":        NewBitmap(1, 1),
		"white":            NewBitmap(1700, 50),
		"odd width white":  NewBitmap(13, 7),
		"random sparse":    randomBitmap(rng, 333, 60, 0.05),
		"random dense":     randomBitmap(rng, 257, 40, 0.5),
		"random very dark": randomBitmap(rng, 99, 30, 0.95),
		"check 1700x800":   syntheticCheck(1700, 800, 1),
		"check 2040x935":   syntheticCheck(2040, 935, 2),
		"wide 6000":        randomBitmap(rng, 6000, 4, 0.001),
	}
	black := NewBitmap(70, 9)
	for i := range black.Pix {
		black.Pix[i] = 0xFF
	}
	cases["black"] = black
	stripes := NewBitmap(64, 64)
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			stripes.Set(x, y, (x/(1+y%5))%2 == 0)
		}
	}
	cases["stripes"] = stripes
	diag := NewBitmap(200, 200)
	for i := 0; i < 200; i++ {
		diag.Set(i, i, true)
		diag.Set(199-i, i, true)
		diag.Set(i/2, i, true)
	}
	cases["diagonals"] = diag
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			data := EncodeG4(b)
			sameBitmap(t, b, decodeG4(t, data, b.Width, b.Height))
		})
	}
}

// TestTIFFDecodes: EncodeTIFF's file decodes with golang.org/x/image/tiff
// to the same pixels and meets X9.100-181 as the rdc validator reads it.
func TestTIFFDecodes(t *testing.T) {
	b := syntheticCheck(1200, 550, 3)
	for _, dpi := range []int{200, 240} {
		data, err := EncodeTIFF(b, dpi)
		require.NoError(t, err)
		img, err := tiff.Decode(bytes.NewReader(data))
		require.NoError(t, err)
		got := NewBitmap(b.Width, b.Height)
		for y := 0; y < b.Height; y++ {
			for x := 0; x < b.Width; x++ {
				got.Set(x, y, color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 128)
			}
		}
		sameBitmap(t, b, got)
		info, err := rdc.InspectTIFF(data)
		require.NoError(t, err)
		assert.Empty(t, info.Problems())
		assert.Equal(t, dpi, info.XDPI)
		assert.Equal(t, TIFFInfoWant(b, dpi), info)
	}
	_, err := EncodeTIFF(b, 300)
	assert.ErrorIs(t, err, ErrResolution)
}

func TIFFInfoWant(b *Bitmap, dpi int) rdc.TIFFInfo {
	return rdc.TIFFInfo{LittleEndian: true, Pages: 1, Width: b.Width, Height: b.Height, BitsPerSample: 1, Compression: 4,
		Photometric: 0, SamplesPerPixel: 1, RowsPerStrip: b.Height, Strips: 1, XDPI: dpi, YDPI: dpi}
}

// TestConformanceImage: the sample X9 image decodes (x/image/tiff), our
// encoder codes its pixels, and the result decodes to the same pixels.
func TestConformanceImage(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "conformance", "x9", "check_image.tiff")
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", path)
	}
	require.NoError(t, err)
	img, err := tiff.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	r := img.Bounds()
	b := NewBitmap(r.Dx(), r.Dy())
	blacks := 0
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); x++ {
			if color.GrayModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.Gray).Y < 128 {
				b.Set(x, y, true)
				blacks++
			}
		}
	}
	require.Equal(t, 1200, b.Width)
	require.Greater(t, blacks, 1000, "the sample is a real check image")
	g4 := EncodeG4(b)
	sameBitmap(t, b, decodeG4(t, g4, b.Width, b.Height))
	out, err := EncodeTIFF(b, 200)
	require.NoError(t, err)
	t.Logf("sample: %d bytes; our encoding: %d bytes (strip %d)", len(data), len(out), len(g4))
	// Converting the sample itself (a bitonal G4 TIFF) keeps its pixels.
	conv, err := Convert(bytes.NewReader(data), Options{DPI: 200})
	require.NoError(t, err)
	img2, err := tiff.Decode(bytes.NewReader(conv))
	require.NoError(t, err)
	got := NewBitmap(b.Width, b.Height)
	for y := 0; y < b.Height; y++ {
		for x := 0; x < b.Width; x++ {
			got.Set(x, y, color.GrayModel.Convert(img2.At(x, y)).(color.Gray).Y < 128)
		}
	}
	sameBitmap(t, b, got)
}

// TestConvertFormats: JPEG, PNG and TIFF inputs become X9 TIFFs of the
// asked size whose ink is where the input's was.
func TestConvertFormats(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 1200, 550))
	draw.Draw(src, src.Bounds(), image.NewUniform(color.RGBA{235, 232, 220, 255}), image.Point{}, draw.Src)
	ink := image.NewUniform(color.RGBA{20, 30, 60, 255})
	draw.Draw(src, image.Rect(100, 100, 700, 140), ink, image.Point{}, draw.Src) // a bar of ink
	draw.Draw(src, image.Rect(900, 400, 1100, 420), ink, image.Point{}, draw.Src)
	var pngBuf, jpgBuf bytes.Buffer
	require.NoError(t, png.Encode(&pngBuf, src))
	require.NoError(t, jpeg.Encode(&jpgBuf, src, &jpeg.Options{Quality: 85}))
	var tiffBuf bytes.Buffer
	require.NoError(t, tiff.Encode(&tiffBuf, src, nil))
	for name, data := range map[string][]byte{"png": pngBuf.Bytes(), "jpeg": jpgBuf.Bytes(), "tiff": tiffBuf.Bytes()} {
		for _, o := range []Options{{DPI: 200, WidthInches: 6}, {DPI: 240, WidthInches: 8.5}, {}} {
			out, err := Convert(bytes.NewReader(data), o)
			require.NoError(t, err, name)
			info, err := rdc.InspectTIFF(out)
			require.NoError(t, err)
			assert.Empty(t, info.Problems(), name)
			wantW := 1200
			if o.WidthInches > 0 {
				wantW = int(o.WidthInches * float64(o.DPI))
			}
			assert.Equal(t, wantW, info.Width, name)
			assert.Equal(t, int(float64(550)*float64(wantW)/1200+0.5), info.Height, name)
			img, err := tiff.Decode(bytes.NewReader(out))
			require.NoError(t, err)
			k := float64(wantW) / 1200
			at := func(x, y int) bool {
				return color.GrayModel.Convert(img.At(int(float64(x)*k), int(float64(y)*k))).(color.Gray).Y < 128
			}
			assert.True(t, at(400, 120), "%s %+v: ink is black", name, o)
			assert.True(t, at(1000, 410), "%s %+v: ink is black", name, o)
			assert.False(t, at(400, 300), "%s %+v: paper is white", name, o)
			assert.False(t, at(50, 50), "%s %+v: paper is white", name, o)
		}
	}
}

func TestConvertRejects(t *testing.T) {
	_, err := Convert(bytes.NewReader([]byte("GIF89a not supported")), Options{})
	assert.ErrorIs(t, err, ErrFormat)
	_, err = Convert(bytes.NewReader([]byte{}), Options{})
	assert.ErrorIs(t, err, ErrFormat)
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, image.NewGray(image.Rect(0, 0, 10, 10))))
	_, err = Convert(bytes.NewReader(buf.Bytes()), Options{DPI: 300})
	assert.ErrorIs(t, err, ErrResolution)
	_, err = Convert(bytes.NewReader(buf.Bytes()), Options{WidthInches: 100})
	assert.ErrorIs(t, err, ErrSize)
	// A PNG claiming 100,000 × 100,000 pixels is refused before decoding.
	big := bytes.Clone(buf.Bytes())
	copy(big[16:], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	_, err = Convert(bytes.NewReader(big), Options{})
	assert.Error(t, err)
}

func TestOtsu(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 10, 10))
	for i := range g.Pix {
		g.Pix[i] = 200
		if i%3 == 0 {
			g.Pix[i] = 40
		}
	}
	th := otsu(g)
	assert.True(t, th > 40 && th <= 200, "threshold %d separates 40 from 200", th)
	assert.Equal(t, 128, otsu(image.NewGray(image.Rect(0, 0, 4, 4))), "uniform image")
}

// FuzzG4 encodes random bitmaps; each must decode to itself.
func FuzzG4(f *testing.F) {
	f.Add(uint16(1), uint16(1), []byte{0x80})
	f.Add(uint16(17), uint16(3), []byte{0xF0, 0x0F, 0xAA, 0x55, 0xFF})
	f.Add(uint16(64), uint16(8), bytes.Repeat([]byte{0x81}, 64))
	f.Fuzz(func(t *testing.T, w, h uint16, pix []byte) {
		width, height := int(w%3000)+1, int(h%64)+1
		b := NewBitmap(width, height)
		for i := range b.Pix {
			if len(pix) > 0 {
				b.Pix[i] = pix[i%len(pix)] ^ byte(i/len(pix))
			}
		}
		sameBitmap(t, b, decodeG4(t, EncodeG4(b), width, height))
	})
}

// BenchmarkEncodeG4 codes a 1700 × 800 check image.
func BenchmarkEncodeG4(b *testing.B) {
	bm := syntheticCheck(1700, 800, 1)
	b.SetBytes(int64(len(bm.Pix)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(EncodeG4(bm))
	}
	b.ReportMetric(float64(n), "G4-bytes")
}

// BenchmarkEncodeTIFF is EncodeG4 plus the TIFF container.
func BenchmarkEncodeTIFF(b *testing.B) {
	bm := syntheticCheck(1700, 800, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EncodeTIFF(bm, 200); err != nil {
			b.Fatal(err)
		}
	}
}
