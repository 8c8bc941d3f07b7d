package checkimage_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"

	"github.com/railyardhq/railyard/rdc"
	"github.com/railyardhq/railyard/rdc/checkimage"
)

// A 1200 × 550 photo of a check, as an upload: cream paper, a line of
// blue ink.
func ExampleConvert() {
	photo := image.NewRGBA(image.Rect(0, 0, 1200, 550))
	for y := 0; y < 550; y++ {
		for x := 0; x < 1200; x++ {
			c := color.RGBA{240, 236, 222, 255}
			if y >= 200 && y < 230 && x >= 100 && x < 900 {
				c = color.RGBA{25, 35, 90, 255}
			}
			photo.Set(x, y, c)
		}
	}
	var upload bytes.Buffer
	if err := png.Encode(&upload, photo); err != nil {
		log.Fatal(err)
	}

	// A personal check is 6 inches wide: 1,440 pixels at 240 dpi.
	tiff, err := checkimage.Convert(&upload, checkimage.Options{DPI: 240, WidthInches: 6})
	if err != nil {
		log.Fatal(err)
	}
	info, err := rdc.InspectTIFF(tiff)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.Width, info.Height, info.BitsPerSample, info.Compression, info.XDPI, info.Strips, info.LittleEndian)
	fmt.Println("X9.100-181 problems:", len(info.Problems()))
	// Output:
	// 1440 660 1 4 240 1 true
	// X9.100-181 problems: 0
}
