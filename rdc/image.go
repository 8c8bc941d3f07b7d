package rdc

import (
	"encoding/binary"
	"fmt"
)

// ImageViewDetail is record 50, which describes one image view (x9.md
// §5.13).
type ImageViewDetail struct {
	// ImageIndicator is "0" (no image: the image fields here and in 52 are
	// blank), "1" (image of the actual check), "2" or "3".
	ImageIndicator            string `json:"image_indicator"`
	CreatorRouting            string `json:"creator_routing"`
	CreatorDate               string `json:"creator_date"`          // YYYYMMDD
	ViewFormat                string `json:"view_format,omitempty"` // "00" TIFF 6
	Compression               string `json:"compression,omitempty"` // "00" CCITT Group 4
	DataSize                  string `json:"data_size,omitempty"`   // 7 digits; 52.18 is authoritative
	ViewSide                  string `json:"view_side"`             // "0" front, "1" back
	ViewDescriptor            string `json:"view_descriptor"`       // "00" full view
	DigitalSignatureIndicator string `json:"digital_signature_indicator,omitempty"`
	DigitalSignatureMethod    string `json:"digital_signature_method,omitempty"`
	SecurityKeySize           string `json:"security_key_size,omitempty"`
	ProtectedDataStart        string `json:"protected_data_start,omitempty"`
	ProtectedDataLength       string `json:"protected_data_length,omitempty"`
	ImageRecreateIndicator    string `json:"image_recreate_indicator,omitempty"`
	UserField                 string `json:"user_field,omitempty"`
	OverrideIndicator         string `json:"override_indicator,omitempty"`
}

// View sides (50.8).
const (
	Front = "0"
	Back  = "1"
)

var imageViewDetailCodec = newCodec(50, "image_view_detail", 80,
	fs("image_indicator", 3, 3, kN, inM, "0 1 2 3", func(d *ImageViewDetail) *string { return &d.ImageIndicator }),
	fs("image_creator_routing_number", 4, 12, kRTN, inM, "", func(d *ImageViewDetail) *string { return &d.CreatorRouting }),
	fs("image_creator_date", 13, 20, kDate, inM, "", func(d *ImageViewDetail) *string { return &d.CreatorDate }),
	fs("image_view_format_indicator", 21, 22, kN, inC, "00 01 20 21 22 23 24", func(d *ImageViewDetail) *string { return &d.ViewFormat }),
	fs("image_view_compression_algorithm", 23, 24, kN, inC, "00 01 02 21 22 23", func(d *ImageViewDetail) *string { return &d.Compression }),
	fs("image_view_data_size", 25, 31, kN, inC, "", func(d *ImageViewDetail) *string { return &d.DataSize }),
	fs("view_side_indicator", 32, 32, kN, inM, "0 1", func(d *ImageViewDetail) *string { return &d.ViewSide }),
	fs("view_descriptor", 33, 34, kN, inM, "00 01 02 03 04 05 06 07 08 09 10 11 12 13", func(d *ImageViewDetail) *string { return &d.ViewDescriptor }),
	fs("digital_signature_indicator", 35, 35, kN, inC, "0 1", func(d *ImageViewDetail) *string { return &d.DigitalSignatureIndicator }),
	fs("digital_signature_method", 36, 37, kN, inC, "00 01 02 03 04", func(d *ImageViewDetail) *string { return &d.DigitalSignatureMethod }),
	fs("security_key_size", 38, 42, kN, inC, "", func(d *ImageViewDetail) *string { return &d.SecurityKeySize }),
	fs("start_of_protected_data", 43, 49, kN, inC, "", func(d *ImageViewDetail) *string { return &d.ProtectedDataStart }),
	fs("length_of_protected_data", 50, 56, kN, inC, "", func(d *ImageViewDetail) *string { return &d.ProtectedDataLength }),
	fs("image_recreate_indicator", 57, 57, kN, inC, "0 1", func(d *ImageViewDetail) *string { return &d.ImageRecreateIndicator }),
	fs("user_field", 58, 65, kANS, inC, "", func(d *ImageViewDetail) *string { return &d.UserField }),
	fb[ImageViewDetail](66, 66),
	fs("override_indicator", 67, 67, kAN, inC, "0 1 A B C D E F G H I J K L M N O", func(d *ImageViewDetail) *string { return &d.OverrideIndicator }),
	fb[ImageViewDetail](68, 80),
)

// ImageViewData is record 52, which carries one image view (x9.md §5.14).
// Its length is 117 plus the lengths of the image reference key, the
// digital signature and the image. Only the text fields are transcoded;
// DigitalSignature and Image are raw bytes in every encoding.
type ImageViewData struct {
	ECERouting                string `json:"ece_routing"`          // = 20.4
	BundleBusinessDate        string `json:"bundle_business_date"` // = 20.5
	CycleNumber               string `json:"cycle_number,omitempty"`
	ItemSequence              string `json:"item_sequence,omitempty"` // = 25.8 or 31.10
	SecurityOriginatorName    string `json:"security_originator_name,omitempty"`
	SecurityAuthenticatorName string `json:"security_authenticator_name,omitempty"`
	SecurityKeyName           string `json:"security_key_name,omitempty"`
	ClippingOrigin            string `json:"clipping_origin,omitempty"`
	ClippingH1                string `json:"clipping_h1,omitempty"`
	ClippingH2                string `json:"clipping_h2,omitempty"`
	ClippingV1                string `json:"clipping_v1,omitempty"`
	ClippingV2                string `json:"clipping_v2,omitempty"`
	ImageReferenceKey         string `json:"image_reference_key,omitempty"`
	DigitalSignature          []byte `json:"digital_signature,omitempty"`
	// Image is the image file (a TIFF for X9.100-181 images). A Reader's
	// records alias its buffer (see Record.Image); an Item owns its copy.
	Image []byte `json:"image"`
}

var imageViewDataCodec = newCodec(52, "image_view_data", 0,
	fs("ece_institution_routing_number", 3, 11, kRTN, inM, "", func(d *ImageViewData) *string { return &d.ECERouting }),
	fs("bundle_business_date", 12, 19, kDate, inM, "", func(d *ImageViewData) *string { return &d.BundleBusinessDate }),
	fs("cycle_number", 20, 21, kAN, inC, "", func(d *ImageViewData) *string { return &d.CycleNumber }),
	fs("ece_institution_item_sequence_number", 22, 36, kNB, inC, "", func(d *ImageViewData) *string { return &d.ItemSequence }),
	fs("security_originator_name", 37, 52, kANS, inC, "", func(d *ImageViewData) *string { return &d.SecurityOriginatorName }),
	fs("security_authenticator_name", 53, 68, kANS, inC, "", func(d *ImageViewData) *string { return &d.SecurityAuthenticatorName }),
	fs("security_key_name", 69, 84, kANS, inC, "", func(d *ImageViewData) *string { return &d.SecurityKeyName }),
	fs("clipping_origin", 85, 85, kNB, inC, "0 1 2 3 4", func(d *ImageViewData) *string { return &d.ClippingOrigin }),
	fs("clipping_coordinate_h1", 86, 89, kN, inC, "", func(d *ImageViewData) *string { return &d.ClippingH1 }),
	fs("clipping_coordinate_h2", 90, 93, kN, inC, "", func(d *ImageViewData) *string { return &d.ClippingH2 }),
	fs("clipping_coordinate_v1", 94, 97, kN, inC, "", func(d *ImageViewData) *string { return &d.ClippingV1 }),
	fs("clipping_coordinate_v2", 98, 101, kN, inC, "", func(d *ImageViewData) *string { return &d.ClippingV2 }),
	bind[ImageViewData]{f: &field{name: "length_of_image_reference_key", start: 102, end: 105, kind: kN, inc: inM | inCritical}},
)

// Limits of record 52's variable parts (N4, N5, N7).
const (
	maxKey       = 9999
	maxSignature = 99999
	maxImage     = 9999999
	// maxRecord is the longest record X9 can describe: a 52 with every
	// variable part at its maximum.
	maxRecord = 117 + maxKey + maxSignature + maxImage
)

// ImageViewAnalysis is record 54, the image quality and usability tests
// of a view (x9.md §5.15). Each test is "0" not tested, "1" present or
// "2" not present (the three global fields: "0", "1" tested with
// conditions reported, "2" tested, none reported).
type ImageViewAnalysis struct {
	GlobalImageQuality            string `json:"global_image_quality"`
	GlobalImageUsability          string `json:"global_image_usability"`
	ImagingBankSpecificTest       string `json:"imaging_bank_specific_test"`
	PartialImage                  string `json:"partial_image,omitempty"`
	ExcessiveSkew                 string `json:"excessive_skew,omitempty"`
	Piggyback                     string `json:"piggyback,omitempty"`
	TooLightOrDark                string `json:"too_light_or_dark,omitempty"`
	StreaksAndBands               string `json:"streaks_and_bands,omitempty"`
	BelowMinimumSize              string `json:"below_minimum_size,omitempty"`
	ExceedsMaximumSize            string `json:"exceeds_maximum_size,omitempty"`
	ImageEnabledPOD               string `json:"image_enabled_pod,omitempty"`
	SourceDocumentBad             string `json:"source_document_bad,omitempty"`
	DateUsability                 string `json:"date_usability,omitempty"`
	PayeeUsability                string `json:"payee_usability,omitempty"`
	ConvenienceAmountUsability    string `json:"convenience_amount_usability,omitempty"`
	LegalAmountUsability          string `json:"legal_amount_usability,omitempty"`
	SignatureUsability            string `json:"signature_usability,omitempty"`
	PayorNameAddressUsability     string `json:"payor_name_address_usability,omitempty"`
	MICRLineUsability             string `json:"micr_line_usability,omitempty"`
	MemoLineUsability             string `json:"memo_line_usability,omitempty"`
	PayorBankNameAddressUsability string `json:"payor_bank_name_address_usability,omitempty"`
	PayeeEndorsementUsability     string `json:"payee_endorsement_usability,omitempty"`
	BOFDEndorsementUsability      string `json:"bofd_endorsement_usability,omitempty"`
	TransitEndorsementUsability   string `json:"transit_endorsement_usability,omitempty"`
	UserField                     string `json:"user_field,omitempty"`
}

func flag54(name string, pos int, inc incl, acc func(*ImageViewAnalysis) *string) bind[ImageViewAnalysis] {
	return fs(name, pos, pos, kN, inc, "0 1 2", acc)
}

var imageViewAnalysisCodec = newCodec(54, "image_view_analysis", 80,
	flag54("global_image_quality", 3, inM, func(a *ImageViewAnalysis) *string { return &a.GlobalImageQuality }),
	flag54("global_image_usability", 4, inM, func(a *ImageViewAnalysis) *string { return &a.GlobalImageUsability }),
	flag54("imaging_bank_specific_test", 5, inM, func(a *ImageViewAnalysis) *string { return &a.ImagingBankSpecificTest }),
	flag54("partial_image", 6, inC, func(a *ImageViewAnalysis) *string { return &a.PartialImage }),
	flag54("excessive_image_skew", 7, inC, func(a *ImageViewAnalysis) *string { return &a.ExcessiveSkew }),
	flag54("piggyback_image", 8, inC, func(a *ImageViewAnalysis) *string { return &a.Piggyback }),
	flag54("too_light_or_too_dark", 9, inC, func(a *ImageViewAnalysis) *string { return &a.TooLightOrDark }),
	flag54("streaks_and_or_bands", 10, inC, func(a *ImageViewAnalysis) *string { return &a.StreaksAndBands }),
	flag54("below_minimum_image_size", 11, inC, func(a *ImageViewAnalysis) *string { return &a.BelowMinimumSize }),
	flag54("exceeds_maximum_image_size", 12, inC, func(a *ImageViewAnalysis) *string { return &a.ExceedsMaximumSize }),
	fb[ImageViewAnalysis](13, 25),
	flag54("image_enabled_pod", 26, inC, func(a *ImageViewAnalysis) *string { return &a.ImageEnabledPOD }),
	flag54("source_document_bad", 27, inC, func(a *ImageViewAnalysis) *string { return &a.SourceDocumentBad }),
	flag54("date_usability", 28, inC, func(a *ImageViewAnalysis) *string { return &a.DateUsability }),
	flag54("payee_usability", 29, inC, func(a *ImageViewAnalysis) *string { return &a.PayeeUsability }),
	flag54("convenience_amount_usability", 30, inC, func(a *ImageViewAnalysis) *string { return &a.ConvenienceAmountUsability }),
	flag54("legal_amount_usability", 31, inC, func(a *ImageViewAnalysis) *string { return &a.LegalAmountUsability }),
	flag54("signature_usability", 32, inC, func(a *ImageViewAnalysis) *string { return &a.SignatureUsability }),
	flag54("payor_name_and_address_usability", 33, inC, func(a *ImageViewAnalysis) *string { return &a.PayorNameAddressUsability }),
	flag54("micr_line_usability", 34, inC, func(a *ImageViewAnalysis) *string { return &a.MICRLineUsability }),
	flag54("memo_line_usability", 35, inC, func(a *ImageViewAnalysis) *string { return &a.MemoLineUsability }),
	flag54("payor_bank_name_and_address_usability", 36, inC, func(a *ImageViewAnalysis) *string { return &a.PayorBankNameAddressUsability }),
	flag54("payee_endorsement_usability", 37, inC, func(a *ImageViewAnalysis) *string { return &a.PayeeEndorsementUsability }),
	flag54("bofd_endorsement_usability", 38, inC, func(a *ImageViewAnalysis) *string { return &a.BOFDEndorsementUsability }),
	flag54("transit_endorsement_usability", 39, inC, func(a *ImageViewAnalysis) *string { return &a.TransitEndorsementUsability }),
	fb[ImageViewAnalysis](40, 45),
	fs("user_field", 46, 65, kANS, inC, "", func(a *ImageViewAnalysis) *string { return &a.UserField }),
	fb[ImageViewAnalysis](66, 80),
)

// ImageView is one view of an item: its 50 record, its 52 record with
// the image, and the optional 54 record.
type ImageView struct {
	Detail   ImageViewDetail    `json:"detail"`
	Data     ImageViewData      `json:"data"`
	Analysis *ImageViewAnalysis `json:"analysis,omitempty"`
}

// SetImage makes img the view's image: 52.19, with 50.7 set to its size.
// It keeps img, not a copy.
func (v *ImageView) SetImage(img []byte) {
	v.Data.Image = img
	v.Detail.DataSize = fmt.Sprintf("%07d", len(img))
}

// TIFFInfo is what InspectTIFF reads from a TIFF file's first image file
// directory: enough to check an image against X9.100-181 without decoding
// it.
type TIFFInfo struct {
	LittleEndian  bool `json:"little_endian"`
	Pages         int  `json:"pages"` // image file directories (at most 2 are followed)
	Width         int  `json:"width"`
	Height        int  `json:"height"`
	BitsPerSample int  `json:"bits_per_sample"`
	// Compression is the TIFF code: 1 none, 3 CCITT Group 3, 4 CCITT
	// Group 4 (T.6), 7 JPEG, …
	Compression     int `json:"compression"`
	Photometric     int `json:"photometric"` // 0 WhiteIsZero, 1 BlackIsZero
	SamplesPerPixel int `json:"samples_per_pixel"`
	RowsPerStrip    int `json:"rows_per_strip"`
	Strips          int `json:"strips"`
	// XDPI and YDPI are the resolutions in dots per inch (0 when absent
	// or not in inches or centimetres).
	XDPI int `json:"x_dpi"`
	YDPI int `json:"y_dpi"`
}

// TIFF tags InspectTIFF reads.
const (
	tagWidth         = 256
	tagHeight        = 257
	tagBitsPerSample = 258
	tagCompression   = 259
	tagPhotometric   = 262
	tagStripOffsets  = 273
	tagSamples       = 277
	tagRowsPerStrip  = 278
	tagStripCounts   = 279
	tagXResolution   = 282
	tagYResolution   = 283
	tagResUnit       = 296
)

// InspectTIFF reads the header and first image file directory of a TIFF
// file. It fails when data is not a TIFF file or its directory lies
// outside the data; it never decodes the image.
func InspectTIFF(data []byte) (TIFFInfo, error) {
	var info TIFFInfo
	if len(data) < 8 {
		return info, fmt.Errorf("%d bytes: too short for a TIFF header", len(data))
	}
	var bo binary.ByteOrder
	switch {
	case data[0] == 'I' && data[1] == 'I' && data[2] == 42 && data[3] == 0:
		bo, info.LittleEndian = binary.LittleEndian, true
	case data[0] == 'M' && data[1] == 'M' && data[2] == 0 && data[3] == 42:
		bo = binary.BigEndian
	default:
		return info, fmt.Errorf("header % x is not a TIFF header (49 49 2a 00)", data[:4])
	}
	off := int64(bo.Uint32(data[4:8]))
	if off < 8 || off+2 > int64(len(data)) {
		return info, fmt.Errorf("first directory offset %d is outside the %d bytes", off, len(data))
	}
	n := int64(bo.Uint16(data[off:]))
	end := off + 2 + 12*n
	if end+4 > int64(len(data)) {
		return info, fmt.Errorf("directory of %d entries at offset %d runs past the %d bytes", n, off, len(data))
	}
	info.Pages = 1
	if next := int64(bo.Uint32(data[end:])); next != 0 {
		info.Pages = 2
	}
	info.SamplesPerPixel, info.BitsPerSample = 1, 1 // TIFF defaults
	resUnit := 2
	var xres, yres [2]uint32
	for i := int64(0); i < n; i++ {
		e := data[off+2+12*i:]
		tag, typ, count := bo.Uint16(e), bo.Uint16(e[2:]), bo.Uint32(e[4:])
		// value reads the entry's first value of SHORT or LONG type.
		value := func() int {
			switch typ {
			case 3:
				return int(bo.Uint16(e[8:]))
			case 4:
				if count == 1 {
					return int(bo.Uint32(e[8:]))
				}
				// Several LONGs: the entry holds their offset.
				p := int64(bo.Uint32(e[8:]))
				if p >= 0 && p+4 <= int64(len(data)) {
					return int(bo.Uint32(data[p:]))
				}
			}
			return 0
		}
		rational := func() (r [2]uint32) {
			p := int64(bo.Uint32(e[8:]))
			if typ == 5 && p >= 0 && p+8 <= int64(len(data)) {
				r[0], r[1] = bo.Uint32(data[p:]), bo.Uint32(data[p+4:])
			}
			return r
		}
		switch tag {
		case tagWidth:
			info.Width = value()
		case tagHeight:
			info.Height = value()
		case tagBitsPerSample:
			if count == 1 {
				info.BitsPerSample = value()
			} else {
				info.BitsPerSample = 0 // several samples: not bitonal
			}
		case tagCompression:
			info.Compression = value()
		case tagPhotometric:
			info.Photometric = value()
		case tagSamples:
			info.SamplesPerPixel = value()
		case tagRowsPerStrip:
			info.RowsPerStrip = value()
		case tagStripOffsets:
			info.Strips = int(count)
		case tagXResolution:
			xres = rational()
		case tagYResolution:
			yres = rational()
		case tagResUnit:
			resUnit = value()
		}
	}
	info.XDPI, info.YDPI = dpi(xres, resUnit), dpi(yres, resUnit)
	return info, nil
}

func dpi(r [2]uint32, unit int) int {
	if r[1] == 0 {
		return 0
	}
	switch unit {
	case 2: // inch
		return int((uint64(r[0]) + uint64(r[1])/2) / uint64(r[1]))
	case 3: // centimetre
		return int((uint64(r[0])*254 + uint64(r[1])*50) / (uint64(r[1]) * 100))
	}
	return 0
}

// Problems lists how the image departs from the X9.100-181 profile
// (x9.md §7): a little-endian TIFF 6.0, one page, bitonal, CCITT Group 4,
// WhiteIsZero, one strip, 200 or 240 dpi. An empty list means it
// conforms.
func (t TIFFInfo) Problems() []string {
	var p []string
	if !t.LittleEndian {
		p = append(p, "byte order is big-endian (MM); X9.100-181 requires little-endian (II)")
	}
	if t.Pages != 1 {
		p = append(p, "more than one image file directory; X9.100-181 requires one")
	}
	if t.Width <= 0 || t.Height <= 0 {
		p = append(p, fmt.Sprintf("width %d, height %d: ImageWidth and ImageLength are required", t.Width, t.Height))
	}
	if t.BitsPerSample != 1 || t.SamplesPerPixel != 1 {
		p = append(p, fmt.Sprintf("%d samples of %d bits per pixel; X9.100-181 requires bitonal (1 sample of 1 bit)", t.SamplesPerPixel, t.BitsPerSample))
	}
	if t.Compression != 4 {
		p = append(p, fmt.Sprintf("compression %d; X9.100-181 requires 4 (CCITT Group 4, T.6)", t.Compression))
	}
	if t.Photometric != 0 {
		p = append(p, fmt.Sprintf("photometric interpretation %d; X9.100-181 requires 0 (WhiteIsZero)", t.Photometric))
	}
	if t.Strips != 1 || (t.RowsPerStrip != 0 && t.RowsPerStrip < t.Height) {
		p = append(p, fmt.Sprintf("%d strips of %d rows; X9.100-181 requires a single strip", t.Strips, t.RowsPerStrip))
	}
	if (t.XDPI != 200 && t.XDPI != 240) || t.YDPI != t.XDPI {
		p = append(p, fmt.Sprintf("resolution %d×%d dpi; X9.100-181 requires 200 or 240 dpi", t.XDPI, t.YDPI))
	}
	return p
}
