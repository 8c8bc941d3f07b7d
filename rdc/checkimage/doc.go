// Package checkimage makes X9.100-181 check images: it turns a JPEG, PNG
// or TIFF photo or scan of a check into the bitonal TIFF an X9 image cash
// letter carries in record 52 — TIFF 6.0, little-endian, one strip,
// 1 bit per pixel, CCITT Group 4 (ITU-T T.6) compression, WhiteIsZero,
// 200 or 240 dpi.
//
//	tiff, err := checkimage.Convert(upload, checkimage.Options{DPI: 240, WidthInches: 6})
//
// Conversion is grey levels → scale to the check's physical width at the
// output resolution → threshold (Otsu's method unless a level is given) →
// T.6 coding → TIFF container. The input is expected cropped to the
// check and upright, as the platform stores RDC images; the package does
// not deskew.
//
// The Group 4 encoder is this package's own (EncodeG4): the Go libraries
// decode T.6 but do not encode it. Its output decodes, pixel for pixel, to
// its input with golang.org/x/image/ccitt, which the tests check on
// synthetic images, on a real check image and under fuzzing.
package checkimage
