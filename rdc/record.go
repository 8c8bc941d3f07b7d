package rdc

// Record is one record as the Reader delivers it: where it was found, its
// bytes with the text transcoded to ISO 8859-1 (ASCII for ordinary text),
// and, for a 52, its image. The typed accessors decode the bytes into a
// struct; they allocate, so code that needs one field can slice Bytes
// instead.
//
// A Record and the slices it returns alias the Reader's buffer: they are
// valid until the next call to Next. Copy what must outlive it.
type Record struct {
	// Offset is the byte offset of the record's first byte in the input
	// (its length prefix, when the file has them).
	Offset int64
	// Number is the record's 1-based position in the file.
	Number int

	typ int // 0..99, or -1 when the type is not two digits
	raw []byte
	// The variable parts of 27/34 (key), 52 (key, sig, img) and 68 (key
	// holds the user data). Nil when absent or not locatable.
	key, sig, img []byte
	lay           *layout
}

// layouts holds each record type's layout, indexed by type.
var layouts = func() (t [100]*layout) {
	for _, l := range []*layout{
		fileHeaderCodec.layout, cashLetterHeaderCodec.layout, bundleHeaderCodec.layout,
		checkDetailCodec.layout, checkAddendumACodec.layout, checkAddendumBCodec.layout, checkAddendumCCodec.layout,
		returnDetailCodec.layout, returnAddendumACodec.layout, returnAddendumBCodec.layout,
		returnAddendumCCodec.layout, returnAddendumDCodec.layout,
		imageViewDetailCodec.layout, imageViewDataCodec.layout, imageViewAnalysisCodec.layout,
		creditCodec.layout, creditItemCodec.layout, userRecordCodec.layout,
		bundleControlCodec.layout, routingNumberSummaryCodec.layout, cashLetterControlCodec.layout, fileControlCodec.layout,
	} {
		t[l.typ] = l
	}
	return t
}()

// Type returns the two-digit record type ("25"), or "" when the record's
// first two bytes are not digits.
func (r *Record) Type() string { return typeCode(r.typ) }

// Name returns the layout name ("check_detail", "image_view_data", …), or
// "unknown" for a record type the package does not define.
func (r *Record) Name() string {
	if r.lay == nil {
		return "unknown"
	}
	return r.lay.name
}

// Bytes returns the record without its length prefix, text transcoded to
// ISO 8859-1. A fixed-length record shorter than its layout (read with the
// lenient profile) is padded with blanks to the layout's length.
func (r *Record) Bytes() []byte { return r.raw }

// Image returns the image data of a 52 record (52.19): the bytes as they
// are in the file, never transcoded. It is nil for other records.
func (r *Record) Image() []byte { return r.img }

// FileHeader decodes a 01 record.
func (r *Record) FileHeader() (h FileHeader) { fileHeaderCodec.decode(r.raw, &h); return }

// CashLetterHeader decodes a 10 record.
func (r *Record) CashLetterHeader() (h CashLetterHeader) {
	cashLetterHeaderCodec.decode(r.raw, &h)
	return
}

// BundleHeader decodes a 20 record.
func (r *Record) BundleHeader() (h BundleHeader) { bundleHeaderCodec.decode(r.raw, &h); return }

// CheckDetail decodes a 25 record.
func (r *Record) CheckDetail() (c CheckDetail) { checkDetailCodec.decode(r.raw, &c); return }

// BOFDAddendum decodes a 26 or 32 record.
func (r *Record) BOFDAddendum() (a BOFDAddendum) { checkAddendumACodec.decode(r.raw, &a); return }

// ImageReferenceAddendum decodes a 27 or 34 record.
func (r *Record) ImageReferenceAddendum() (a ImageReferenceAddendum) {
	checkAddendumBCodec.decode(r.raw, &a)
	a.ImageReferenceKey = verbatim(r.key)
	if t := r.tail(); t != nil {
		a.Description = decodeText(kANS, t[0:15])
		a.UserField = decodeText(kANS, t[15:19])
	}
	return
}

// tail returns the 24 bytes after a 27/34 record's image reference key,
// or nil when the record is too short to hold them.
func (r *Record) tail() []byte {
	if r.key == nil {
		return nil
	}
	start := 22 + len(r.key)
	if start+24 > len(r.raw) {
		return nil
	}
	return r.raw[start : start+24]
}

// EndorsementAddendum decodes a 28 or 35 record.
func (r *Record) EndorsementAddendum() (a EndorsementAddendum) {
	checkAddendumCCodec.decode(r.raw, &a)
	return
}

// ReturnDetail decodes a 31 record.
func (r *Record) ReturnDetail() (d ReturnDetail) { returnDetailCodec.decode(r.raw, &d); return }

// PayorAddendum decodes a 33 record.
func (r *Record) PayorAddendum() (a PayorAddendum) { returnAddendumBCodec.decode(r.raw, &a); return }

// ImageViewDetail decodes a 50 record.
func (r *Record) ImageViewDetail() (d ImageViewDetail) {
	imageViewDetailCodec.decode(r.raw, &d)
	return
}

// ImageViewData decodes a 52 record. Its DigitalSignature and Image alias
// the Reader's buffer, like Image.
func (r *Record) ImageViewData() (d ImageViewData) {
	imageViewDataCodec.decode(r.raw, &d)
	d.ImageReferenceKey = verbatim(r.key)
	d.DigitalSignature, d.Image = r.sig, r.img
	return
}

// ImageViewAnalysis decodes a 54 record.
func (r *Record) ImageViewAnalysis() (a ImageViewAnalysis) {
	imageViewAnalysisCodec.decode(r.raw, &a)
	return
}

// Credit decodes a 61 record.
func (r *Record) Credit() (c Credit) { creditCodec.decode(r.raw, &c); return }

// CreditItem decodes a 62 record.
func (r *Record) CreditItem() (c CreditItem) { creditItemCodec.decode(r.raw, &c); return }

// UserRecord decodes a 68 record.
func (r *Record) UserRecord() (u UserRecord) {
	userRecordCodec.decode(r.raw, &u)
	u.Data = verbatim(r.key)
	return
}

// BundleControl decodes a 70 record.
func (r *Record) BundleControl() (c BundleControl) { bundleControlCodec.decode(r.raw, &c); return }

// RoutingNumberSummary decodes an 85 record.
func (r *Record) RoutingNumberSummary() (s RoutingNumberSummary) {
	routingNumberSummaryCodec.decode(r.raw, &s)
	return
}

// CashLetterControl decodes a 90 record.
func (r *Record) CashLetterControl() (c CashLetterControl) {
	cashLetterControlCodec.decode(r.raw, &c)
	return
}

// FileControl decodes a 99 record.
func (r *Record) FileControl() (c FileControl) { fileControlCodec.decode(r.raw, &c); return }

// locate finds the variable parts of a 27, 34, 52 or 68 record in r.raw
// (text already transcoded up to each length field: see Reader.transcode)
// and returns the length the record's own fields give it, or -1 when a
// length field is unreadable. It sets r.key, r.sig, r.img to what lies
// within r.raw.
func (r *Record) locate() int {
	raw := r.raw
	clip := func(a, n int) []byte {
		if a > len(raw) {
			return nil
		}
		return raw[a:min(a+n, len(raw))]
	}
	switch r.typ {
	case 27, 34:
		if len(raw) < 22 {
			return -1
		}
		x, ok, _ := parseLength(raw[18:22])
		if !ok {
			return -1
		}
		r.key = clip(22, x)
		return 46 + x
	case 68:
		if len(raw) < 45 {
			return -1
		}
		u, ok, _ := parseLength(raw[38:45])
		if !ok {
			return -1
		}
		r.key = clip(45, u)
		return 45 + u
	case 52:
		if len(raw) < 105 {
			return -1
		}
		x, ok, _ := parseLength(raw[101:105])
		if !ok || 110+x > len(raw) {
			return -1
		}
		r.key = raw[105 : 105+x]
		y, ok, _ := parseLength(raw[105+x : 110+x])
		if !ok || 117+x+y > len(raw) {
			return -1
		}
		r.sig = raw[110+x : 110+x+y]
		z, ok, _ := parseLength(raw[110+x+y : 117+x+y])
		if !ok {
			return -1
		}
		r.img = clip(117+x+y, z)
		return 117 + x + y + z
	}
	if r.lay != nil {
		return r.lay.length
	}
	return -1
}
