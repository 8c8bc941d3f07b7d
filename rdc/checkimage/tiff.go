package checkimage

import (
	"encoding/binary"
	"fmt"
)

// EncodeTIFF returns b as an X9.100-181 image: a little-endian TIFF 6.0
// file with one image file directory and one strip, bitonal, CCITT Group
// 4 compressed, WhiteIsZero, at dpi dots per inch (200 or 240). The tags
// are those of the X9 sample images: ImageWidth, ImageLength,
// BitsPerSample, Compression, PhotometricInterpretation, StripOffsets,
// SamplesPerPixel, RowsPerStrip, StripByteCounts, XResolution,
// YResolution, PlanarConfiguration, ResolutionUnit.
func EncodeTIFF(b *Bitmap, dpi int) ([]byte, error) {
	if dpi != 200 && dpi != 240 {
		return nil, fmt.Errorf("%w: %d dpi", ErrResolution, dpi)
	}
	if b.Width <= 0 || b.Height <= 0 {
		return nil, fmt.Errorf("%w: %d×%d pixels", ErrSize, b.Width, b.Height)
	}
	strip := EncodeG4(b)
	type entry struct {
		tag, typ uint16
		val      uint32
	}
	const (
		short    = 3
		long     = 4
		rational = 5
	)
	stripOff := uint32(8)
	ifd := stripOff + uint32(len(strip))
	ifd += ifd & 1 // word boundary
	entries := []entry{
		{256, long, uint32(b.Width)},
		{257, long, uint32(b.Height)},
		{258, short, 1},
		{259, short, 4}, // CCITT T.6
		{262, short, 0}, // WhiteIsZero
		{273, long, stripOff},
		{277, short, 1},
		{278, long, uint32(b.Height)},
		{279, long, uint32(len(strip))},
		{282, rational, 0}, // offsets set below
		{283, rational, 0},
		{284, short, 1}, // chunky
		{296, short, 2}, // inch
	}
	res := ifd + 2 + 12*uint32(len(entries)) + 4
	out := make([]byte, res+16)
	le := binary.LittleEndian
	copy(out, "II*\x00")
	le.PutUint32(out[4:], ifd)
	copy(out[stripOff:], strip)
	le.PutUint16(out[ifd:], uint16(len(entries)))
	p := ifd + 2
	for i, e := range entries {
		if e.typ == rational {
			e.val = res + 8*uint32(i-9)
		}
		le.PutUint16(out[p:], e.tag)
		le.PutUint16(out[p+2:], e.typ)
		le.PutUint32(out[p+4:], 1)
		if e.typ == short {
			le.PutUint16(out[p+8:], uint16(e.val))
		} else {
			le.PutUint32(out[p+8:], e.val)
		}
		p += 12
	}
	le.PutUint32(out[p:], 0) // no next directory
	for _, off := range []uint32{res, res + 8} {
		le.PutUint32(out[off:], uint32(dpi))
		le.PutUint32(out[off+4:], 1)
	}
	return out, nil
}
