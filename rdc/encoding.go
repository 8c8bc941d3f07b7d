package rdc

import (
	"encoding/hex"
	"fmt"
)

// Encoding is the character set of an X9 file's text fields.
type Encoding uint8

const (
	// EncodingAuto, the zero value, lets the Reader detect the encoding
	// from the first record; a Writer with it writes EBCDIC.
	EncodingAuto Encoding = iota
	// ASCII text (by agreement; many test and vendor files).
	ASCII
	// EBCDIC is IBM code page 037, what the Federal Reserve and most banks
	// exchange.
	EBCDIC
)

// String returns "ascii", "ebcdic" or "auto".
func (e Encoding) String() string {
	switch e {
	case ASCII:
		return "ascii"
	case EBCDIC:
		return "ebcdic"
	}
	return "auto"
}

// MarshalText renders the encoding as String does.
func (e Encoding) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// UnmarshalText parses "ascii", "ebcdic" or "auto".
func (e *Encoding) UnmarshalText(b []byte) error {
	switch string(b) {
	case "ascii":
		*e = ASCII
	case "ebcdic":
		*e = EBCDIC
	case "auto", "":
		*e = EncodingAuto
	default:
		return fmt.Errorf("rdc: unknown encoding %q", b)
	}
	return nil
}

// Framing is how records are delimited.
type Framing uint8

const (
	// FramingAuto, the zero value, lets the Reader detect the framing.
	FramingAuto Framing = iota
	// LengthPrefixed records start with a 4-byte big-endian length that
	// counts the record's bytes, not itself: the standard framing, and the
	// only one the Writer emits.
	LengthPrefixed
	// Unframed records follow each other with no prefix, each optionally
	// followed by a line break ("\n" or "\r\n"; in EBCDIC also NL): the
	// newline-delimited variant, or records simply concatenated. The Reader
	// finds each record's end from its type and length fields, never by
	// splitting on line breaks, which image bytes may contain.
	Unframed
)

// String returns "length-prefixed", "unframed" or "auto".
func (f Framing) String() string {
	switch f {
	case LengthPrefixed:
		return "length-prefixed"
	case Unframed:
		return "unframed"
	}
	return "auto"
}

// MarshalText renders the framing as String does.
func (f Framing) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText parses what String returns.
func (f *Framing) UnmarshalText(b []byte) error {
	switch string(b) {
	case "length-prefixed":
		*f = LengthPrefixed
	case "unframed":
		*f = Unframed
	case "auto", "":
		*f = FramingAuto
	default:
		return fmt.Errorf("rdc: unknown framing %q", b)
	}
	return nil
}

// cp037 maps each EBCDIC (IBM code page 037) byte to the ISO 8859-1 byte
// of the same character. Code page 037 and ISO 8859-1 hold the same 256
// characters, so the map is a permutation and text survives
// EBCDIC → ISO 8859-1 → EBCDIC unchanged.
var cp037 = [256]byte{
	0x00, 0x01, 0x02, 0x03, 0x9C, 0x09, 0x86, 0x7F, 0x97, 0x8D, 0x8E, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, // 00-0F
	0x10, 0x11, 0x12, 0x13, 0x9D, 0x85, 0x08, 0x87, 0x18, 0x19, 0x92, 0x8F, 0x1C, 0x1D, 0x1E, 0x1F, // 10-1F
	0x80, 0x81, 0x82, 0x83, 0x84, 0x0A, 0x17, 0x1B, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x05, 0x06, 0x07, // 20-2F
	0x90, 0x91, 0x16, 0x93, 0x94, 0x95, 0x96, 0x04, 0x98, 0x99, 0x9A, 0x9B, 0x14, 0x15, 0x9E, 0x1A, // 30-3F
	0x20, 0xA0, 0xE2, 0xE4, 0xE0, 0xE1, 0xE3, 0xE5, 0xE7, 0xF1, 0xA2, 0x2E, 0x3C, 0x28, 0x2B, 0x7C, // 40-4F
	0x26, 0xE9, 0xEA, 0xEB, 0xE8, 0xED, 0xEE, 0xEF, 0xEC, 0xDF, 0x21, 0x24, 0x2A, 0x29, 0x3B, 0xAC, // 50-5F
	0x2D, 0x2F, 0xC2, 0xC4, 0xC0, 0xC1, 0xC3, 0xC5, 0xC7, 0xD1, 0xA6, 0x2C, 0x25, 0x5F, 0x3E, 0x3F, // 60-6F
	0xF8, 0xC9, 0xCA, 0xCB, 0xC8, 0xCD, 0xCE, 0xCF, 0xCC, 0x60, 0x3A, 0x23, 0x40, 0x27, 0x3D, 0x22, // 70-7F
	0xD8, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0xAB, 0xBB, 0xF0, 0xFD, 0xFE, 0xB1, // 80-8F
	0xB0, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0xAA, 0xBA, 0xE6, 0xB8, 0xC6, 0xA4, // 90-9F
	0xB5, 0x7E, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0xA1, 0xBF, 0xD0, 0xDD, 0xDE, 0xAE, // A0-AF
	0x5E, 0xA3, 0xA5, 0xB7, 0xA9, 0xA7, 0xB6, 0xBC, 0xBD, 0xBE, 0x5B, 0x5D, 0xAF, 0xA8, 0xB4, 0xD7, // B0-BF
	0x7B, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0xAD, 0xF4, 0xF6, 0xF2, 0xF3, 0xF5, // C0-CF
	0x7D, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F, 0x50, 0x51, 0x52, 0xB9, 0xFB, 0xFC, 0xF9, 0xFA, 0xFF, // D0-DF
	0x5C, 0xF7, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0xB2, 0xD4, 0xD6, 0xD2, 0xD3, 0xD5, // E0-EF
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0xB3, 0xDB, 0xDC, 0xD9, 0xDA, 0x9F, // F0-FF
}

var (
	// fromEBCDIC1047 is cp037 with the three characters IBM-1047
	// producers put at other code points (AD, BD, 5F read as '[', ']',
	// '^'), for Options.IBM1047.
	fromEBCDIC1047 = func() *[256]byte {
		t := cp037
		t[0xAD], t[0xBD], t[0x5F] = '[', ']', '^'
		return &t
	}()
	// toEBCDIC is the inverse of cp037, built once.
	toEBCDIC = func() *[256]byte {
		var t [256]byte
		for e, a := range cp037 {
			t[a] = byte(e)
		}
		return &t
	}()
)

// transcode rewrites p in place through table t.
func transcode(p []byte, t *[256]byte) {
	for i, c := range p {
		p[i] = t[c]
	}
}

// detect says how a file is encoded and framed from its first bytes (six
// when the file has them), following x9.md §3.2.
func detect(head []byte) (Encoding, Framing, error) {
	switch {
	case len(head) >= 2 && head[0] == '0' && head[1] == '1':
		return ASCII, Unframed, nil
	case len(head) >= 2 && head[0] == 0xF0 && head[1] == 0xF1:
		return EBCDIC, Unframed, nil
	case len(head) >= 6 && head[4] == '0' && head[5] == '1':
		return ASCII, LengthPrefixed, nil
	case len(head) >= 6 && head[4] == 0xF0 && head[5] == 0xF1:
		return EBCDIC, LengthPrefixed, nil
	}
	n := min(len(head), 8)
	return EncodingAuto, FramingAuto, fmt.Errorf("first bytes %s are neither a file header (\"01\") nor a length prefix followed by one", hex.EncodeToString(head[:n]))
}
