// Package rdc reads, validates and writes X9.100-187 image cash letters
// (and their DSTU X9.37 predecessor): the files that carry checks, with
// their images, between banks and the Federal Reserve, for forward
// presentment and for returns.
//
// # Files
//
// An X9 file is a sequence of records, each starting with its two-digit
// type:
//
//	01 File Header                                   exactly one, first
//	  10 Cash Letter Header                          one or more
//	     [61 Credit | 62 Credit Item]                optional deposit ticket
//	     20 Bundle Header                            a bundle holds forward OR return items
//	        25 Check Detail  {26} {27} {28}          a forward item and its addenda
//	        31 Return        {32} {33} {34} {35}     a return and its addenda
//	           {50 Image View Detail, 52 Image View Data, [54 Analysis]}  per view
//	           {68 User Record}
//	     70 Bundle Control                           one per 20
//	     {85 Routing Number Summary}
//	  90 Cash Letter Control                         one per 10
//	99 File Control                                  exactly one, last
//
// Each record starts with a 4-byte big-endian length that does not count
// itself; most records are 80 bytes, a 62 is 100, and 27/34, 52 and 68
// have variable parts whose lengths are fields of the record. A one-check
// file with a front and a back image reads (length prefix as hex, then
// the record; the 52s cut after their fixed part, image bytes follow):
//
//	00000050 0135T061000146121042882202611201500NFRB ATLANTA       RAILYARD SANDBOX   US
//	00000050 100106100014612104288220261120202611201500IGRY000001RAILYARD OPS  4155550100
//	00000050 20010610001461210428822026112020261120B1        1   01
//	00000050 25                231380104    55588810001/10010000000101000000000000001G 1Y010B
//	00000050 26112104288220261120000000000000001987654321              JANE Q PAYEE   Y2
//	00000050 50112104288220261120000000002740000                     0
//	00000187 521210428822026112001000000000000001 … 0000 00000 0000274 II*…(274 bytes of TIFF)
//	00000050 50112104288220261120000000002241000                     0
//	00000155 521210428822026112001000000000000001 … 0000 00000 0000224 II*…(224 bytes of TIFF)
//	00000050 70000100000000010100000000010100002                    0
//	00000050 900000010000000100000000000101000000002RAILYARD BANK     20261123
//	00000050 9900000100000012000000010000000000000101                        0
//
// (trailing blanks not shown). Fields are fixed-width and 1-based. Numeric
// fields are right-justified and zero-filled; text is left-justified and
// blank-filled, except the MICR on-us fields, which are right-justified;
// amounts are cents with no decimal point (25.7 above: 0000000101 is
// $1.01). The check detail's 25.13 counts its addenda, the bundle control
// counts items (25 and 31 records, not records of every type), adds up
// their amounts and counts image views (50 records); the cash letter and
// file controls add those up; 99.3 counts every record of the file.
//
// # Encodings and framing
//
// Text is EBCDIC (IBM code page 037) in most bank files and ASCII by
// agreement. The Reader detects both from the first record, and also reads
// files without length prefixes (records one per line, or concatenated),
// finding each record's end from its type and length fields — never by
// splitting on line breaks, which image bytes may hold. The length
// prefix, the digital signature (52.17) and the image (52.19) are binary
// and are never transcoded. EBCDIC text is turned into ISO 8859-1 through
// a 256-byte table, so a file read and written back in the same encoding
// is the same bytes.
//
// # Reading
//
// A Reader returns one Record at a time and validates it in the same
// pass: field types and values, check digits, dates, record order, addenda
// order and counts, image views, every control, and each image against
// X9.100-181 (a little-endian, single-strip, bitonal CCITT Group 4 TIFF at
// 200 or 240 dpi; the TIFF directory is read, the image is not decoded).
// It holds one record in a buffer it reuses — a 52's image is a slice of
// that buffer, valid until the next call — so memory is bounded by the
// largest record, not by the file. ReadItem assembles the next item with
// its addenda and views (copying the images), and ReadAll the whole File.
//
// Problems are *ParseError values carrying the byte offset, record number,
// record type and layout name, field name and column, the offending and
// expected values; the Reader keeps going after a problem and reports all
// of them, up to Options.MaxErrors. Each wraps one of the sentinel errors
// (ErrControl, ErrCheckDigit, ErrImage, …), so errors.Is classifies it.
//
// Two profiles exist. Strict, the zero Options, is the standard as
// written and what railyard writes. Lenient (Options.Lenient) is for files
// banks and vendors send: control counts that count records instead of
// items, blank image placeholders, credits at cash-letter level, bad
// check digits, addenda out of order or misnumbered, returns under a
// forward collection type, a length prefix that disagrees with the
// record — each is kept as a warning. What cannot be read (a non-numeric
// amount or count, a record whose end cannot be found) stays an error.
//
// The Summary counts cash letters, bundles, forward items, image views
// and amounts, and lists every return (record 31) with its reason — 31.6,
// or 35.9 when that is blank — the cash letter's returns indicator and
// collection type, and the BOFD item sequence number (32.5) that finds the
// deposit. Choosing the CHR code from reason and indicator is the returns
// package's policy, not the codec's.
//
// # Writing
//
// A Writer takes headers and Items and computes everything derived:
// addendum counts, addendum record numbers and bundle sequence numbers
// left blank, the 52 record's routing number, date, cycle and item
// sequence number left blank, and every bundle, cash letter and file
// control. It splits bundles at BundleSize items. Every record passes
// through the strict validator before it is written; a record that fails
// is not written and the Writer stops, so it never completes a malformed
// file. It writes length-prefixed records, in EBCDIC unless Encoding is
// ASCII.
//
// # Money and text
//
// Amounts are int64 cents. Routing numbers, dates, sequence numbers and
// codes are strings of the digits found: leading zeros are significant,
// and the Writer never pads an identifier — a value must have its field's
// exact width. Text loses its justifying blanks when read and gets them
// back when written.
package rdc
