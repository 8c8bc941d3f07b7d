package rdc

import (
	"bufio"
	"encoding/binary"
	"io"
	"strconv"
)

// DefaultBundleSize is how many items a Writer puts in a bundle before it
// starts the next one, when Writer.BundleSize is 0.
const DefaultBundleSize = 300

// maxBundleItems is what 70.2 (N4) can count.
const maxBundleItems = 9999

// Writer writes an X9 file: length-prefixed records, EBCDIC unless told
// otherwise. It computes every derived value — addendum counts, addendum
// record numbers and bundle sequence numbers left blank, the 52 record's
// link to its bundle and item when left blank, every bundle, cash letter
// and file control — and runs each record through the same validator the
// Reader uses before writing it. A record that fails is not written: the
// call returns the *ParseError and the Writer refuses every later call, so
// it never completes a malformed or unbalanced file.
//
// The call order is WriteFileHeader; for each cash letter
// WriteCashLetterHeader, then for each bundle WriteBundleHeader and
// WriteItem per item (WriteBundleControl to set the control's free
// fields), then optionally WriteRoutingNumberSummary and
// WriteCashLetterControl; finally Close (or WriteFileControl). A bundle
// ends at the next bundle or cash letter header or control; a bundle that
// reaches BundleSize items is closed and a copy of its header, with the
// next sequence number, opens the next one.
type Writer struct {
	// Encoding is the character set of the text fields: EBCDIC (code page
	// 037) when EncodingAuto.
	Encoding Encoding
	// BundleSize is the most items (25 or 31) a bundle gets from WriteItem
	// before the Writer starts another: DefaultBundleSize when 0, and never
	// more than 9,999.
	BundleSize int
	// Options.Lenient lets the Writer emit what the lenient profile
	// accepts, each deviation a warning (Warnings): for writing back files
	// read leniently. The other fields are ignored; records are always
	// checked with the strict rules otherwise.
	Options Options

	w        *bufio.Writer
	v        validator
	rec      Record
	buf      []byte // the record being built
	out      []byte // its transcoded text
	table    *[256]byte
	started  bool
	done     bool
	err      error
	warnings []*ParseError
	off      int64

	inCL, inBundle bool
	clHeader       CashLetterHeader
	bundle         BundleHeader // the open bundle's header, for splits and 52s
	bundleItems    int
	keepBundles    bool // WriteFile: bundles as the model has them
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 256<<10)}
}

// Warnings returns validation warnings about what the Writer wrote
// (lenient Options only: the strict profile has none that matter).
func (w *Writer) Warnings() []*ParseError { return w.warnings }

func (w *Writer) state(ok bool, msg string) error {
	if w.err != nil {
		return w.err
	}
	if !ok {
		return &ParseError{Offset: w.off, RecordNumber: w.v.records + 1, Err: ErrWriterState, Msg: msg}
	}
	return nil
}

func (w *Writer) fail(err error) error {
	if pe, ok := err.(*ParseError); ok {
		pe.Offset, pe.RecordNumber, pe.Severity = w.off, w.v.records+1, SeverityError
	}
	w.err = err
	return err
}

// scratch returns w.buf resized to n bytes.
func (w *Writer) scratch(n int) []byte {
	if cap(w.buf) < n {
		w.buf = make([]byte, n, max(n, 2*cap(w.buf)))
	}
	return w.buf[:n]
}

// emit validates the record of type typ in raw (text, with a 52's
// signature) and writes it followed by img (a 52's image).
func (w *Writer) emit(typ int, raw, key, sig, img []byte) error {
	w.rec = Record{Offset: w.off, Number: w.v.records + 1, typ: typ, lay: layouts[typ], raw: raw, key: key, sig: sig, img: img}
	nErr, nFind := len(w.v.errs), len(w.v.findings)
	w.v.record(&w.rec)
	for _, f := range w.v.findings[nFind:] {
		if f.Severity == SeverityWarning {
			w.warnings = append(w.warnings, f)
		}
	}
	if len(w.v.errs) > nErr {
		w.err = w.v.errs[nErr]
		return w.err
	}
	n := len(raw) + len(img)
	var prefix [4]byte
	binary.BigEndian.PutUint32(prefix[:], uint32(n))
	w.w.Write(prefix[:])
	text := raw
	if w.table != nil {
		w.out = append(w.out[:0], raw...)
		text = w.out
		if typ == 52 {
			// The signature (52.17) is binary: everything around it is text.
			s := len(raw) - 7 - len(sig)
			transcode(text[:s], w.table)
			transcode(text[len(raw)-7:], w.table)
		} else {
			transcode(text, w.table)
		}
	}
	w.w.Write(text)
	if _, err := w.w.Write(img); err != nil {
		w.err = err
		return err
	}
	w.off += int64(4 + n)
	return nil
}

// encodeFixed encodes v with codec c into a fresh scratch record and emits it.
func encodeFixed[T any](w *Writer, c *codec[T], v *T) error {
	raw := w.scratch(c.layout.length)
	if err := c.encode(v, raw); err != nil {
		return w.fail(err)
	}
	return w.emit(c.layout.typ, raw, nil, nil, nil)
}

// WriteFileHeader writes the file header. It must be the first call. A
// blank StandardLevel is written as "35".
func (w *Writer) WriteFileHeader(h *FileHeader) error {
	if err := w.state(!w.started, "the file header is written once, first"); err != nil {
		return err
	}
	w.started = true
	w.v.opts = Options{Lenient: w.Options.Lenient, MaxErrors: -1}
	w.v.it.ret = -1
	w.v.sum.Framing = LengthPrefixed
	w.v.sum.Encoding = EBCDIC
	w.table = toEBCDIC
	if w.Encoding == ASCII {
		w.table, w.v.sum.Encoding = nil, ASCII
	}
	hh := *h
	if hh.StandardLevel == "" {
		hh.StandardLevel = "35"
	}
	return encodeFixed(w, fileHeaderCodec, &hh)
}

// WriteCashLetterHeader ends the open cash letter, if any, and opens a
// new one.
func (w *Writer) WriteCashLetterHeader(h *CashLetterHeader) error {
	if err := w.state(w.started && !w.done, "a cash letter header needs the file header first"); err != nil {
		return err
	}
	if err := w.closeCashLetter(nil); err != nil {
		return err
	}
	if err := encodeFixed(w, cashLetterHeaderCodec, h); err != nil {
		return err
	}
	w.inCL, w.clHeader = true, *h
	return nil
}

// WriteBundleHeader ends the open bundle, if any, and opens a new one in
// the open cash letter. A blank SequenceNumber is written as the bundle's
// position in the cash letter, a blank CollectionType as the cash
// letter's.
func (w *Writer) WriteBundleHeader(h *BundleHeader) error {
	if err := w.state(w.inCL, "a bundle header needs an open cash letter"); err != nil {
		return err
	}
	if err := w.closeBundle(nil); err != nil {
		return err
	}
	hh := *h
	if hh.SequenceNumber == "" {
		hh.SequenceNumber = strconv.Itoa(w.v.cl.bundles + 1)
	}
	if hh.CollectionType == "" && w.clHeader.CollectionType != CollectionMixed {
		hh.CollectionType = w.clHeader.CollectionType
	}
	if err := encodeFixed(w, bundleHeaderCodec, &hh); err != nil {
		return err
	}
	w.inBundle, w.bundle, w.bundleItems = true, hh, 0
	return nil
}

// WriteItem writes an item: its main record with the addendum count
// computed, its addenda (blank record numbers filled), its image views
// (52.2-52.5 filled from the bundle and the item when blank) and user
// records. Forward and return items need an open bundle; a credit is
// written where the call puts it (at cash-letter level only with the
// lenient Options).
func (w *Writer) WriteItem(it *Item) error {
	if err := w.state(w.inCL, "an item needs an open cash letter"); err != nil {
		return err
	}
	main := 0
	for _, set := range []bool{it.Check != nil, it.Return != nil, it.Credit != nil, it.CreditItem != nil} {
		if set {
			main++
		}
	}
	if main != 1 {
		return w.fail(&ParseError{Err: ErrWriterState, Msg: "an item has exactly one of Check, Return, Credit, CreditItem; this one has " + strconv.Itoa(main)})
	}
	switch {
	case len(it.BOFD)+len(it.Payor)+len(it.ImageRefs)+len(it.Endorsements) > 0 && it.Check == nil && it.Return == nil:
		return w.fail(&ParseError{Err: ErrWriterState, Msg: "a credit has no addenda"})
	case len(it.Payor) > 0 && it.Return == nil:
		return w.fail(&ParseError{Err: ErrWriterState, Msg: "payor addenda (33) belong to returns"})
	case w.v.level == "03" && !w.Options.Lenient && (len(it.ImageRefs) > 0 || len(it.UserRecords) > 0 || it.CreditItem != nil):
		return w.fail(&ParseError{Err: ErrLevel, Msg: "records 27, 34, 62 and 68 are not defined in standard level 03 (DSTU X9.37)"})
	}
	if it.Check != nil || it.Return != nil {
		if err := w.state(w.inBundle, "a forward or return item needs an open bundle"); err != nil {
			return err
		}
		limit := w.BundleSize
		switch {
		case w.keepBundles || limit > maxBundleItems:
			limit = maxBundleItems
		case limit <= 0:
			limit = DefaultBundleSize
		}
		if w.bundleItems >= limit {
			next := w.bundle
			next.SequenceNumber = ""
			if err := w.WriteBundleHeader(&next); err != nil {
				return err
			}
		}
		w.bundleItems++
	}
	var err error
	switch {
	case it.Check != nil:
		c := *it.Check
		c.AddendumCount = len(it.BOFD) + len(it.ImageRefs) + len(it.Endorsements)
		err = encodeFixed(w, checkDetailCodec, &c)
	case it.Return != nil:
		d := *it.Return
		d.AddendumCount = len(it.BOFD) + len(it.Payor) + len(it.ImageRefs) + len(it.Endorsements)
		err = encodeFixed(w, returnDetailCodec, &d)
	case it.Credit != nil:
		err = encodeFixed(w, creditCodec, it.Credit)
	default:
		err = encodeFixed(w, creditItemCodec, it.CreditItem)
	}
	if err != nil {
		return err
	}
	ret := it.Return != nil
	aCodec, bCodec, cCodec := checkAddendumACodec, checkAddendumBCodec, checkAddendumCCodec
	if ret {
		aCodec, bCodec, cCodec = returnAddendumACodec, returnAddendumCCodec, returnAddendumDCodec
	}
	for i := range it.BOFD {
		a := it.BOFD[i]
		if a.RecordNumber == "" {
			a.RecordNumber = strconv.Itoa(i + 1)
		}
		if err := encodeFixed(w, aCodec, &a); err != nil {
			return err
		}
	}
	for i := range it.Payor {
		if err := encodeFixed(w, returnAddendumBCodec, &it.Payor[i]); err != nil {
			return err
		}
	}
	for i := range it.ImageRefs {
		if err := w.writeImageRef(bCodec, &it.ImageRefs[i]); err != nil {
			return err
		}
	}
	for i := range it.Endorsements {
		a := it.Endorsements[i]
		if a.RecordNumber == "" {
			a.RecordNumber = twoDigits(i + 1)
		}
		if err := encodeFixed(w, cCodec, &a); err != nil {
			return err
		}
	}
	for i := range it.Views {
		if err := w.writeView(it, &it.Views[i]); err != nil {
			return err
		}
	}
	for i := range it.UserRecords {
		if err := w.writeUserRecord(&it.UserRecords[i]); err != nil {
			return err
		}
	}
	return nil
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// placeLength writes a length field; it fails when n does not fit.
func placeLength(p []byte, n int, name string, start int) *ParseError {
	if !putInt(p, int64(n)) {
		return &ParseError{Field: name, Column: start, Err: ErrFieldTooLong,
			Msg: "length " + strconv.Itoa(n) + " does not fit in " + strconv.Itoa(len(p)) + " digits"}
	}
	return nil
}

// putText places s at p's start (left-justified; the rest stays blank).
func putText(f *field, p []byte, s string) *ParseError { return encodeText(f, p, s) }

func (w *Writer) writeImageRef(c *codec[ImageReferenceAddendum], a *ImageReferenceAddendum) error {
	key := []byte(a.ImageReferenceKey)
	x := len(key)
	if x > maxKey {
		return w.fail(&ParseError{Record: c.layout.name, Field: "image_reference_key", Err: ErrFieldTooLong, Msg: "image reference key longer than 9,999 bytes"})
	}
	raw := w.scratch(46 + x)
	if err := c.encode(a, raw); err != nil {
		return w.fail(err)
	}
	placeLength(raw[18:22], x, "", 0)
	if err := putText(&field{name: "image_reference_key", start: 23, end: 22 + x, kind: kANS}, raw[22:22+x], a.ImageReferenceKey); err != nil {
		return w.fail(err)
	}
	t := raw[22+x:]
	if err := putText(imageRefTail[0], t[0:15], a.Description); err != nil {
		return w.fail(err)
	}
	if err := putText(imageRefTail[1], t[15:19], a.UserField); err != nil {
		return w.fail(err)
	}
	return w.emit(c.layout.typ, raw, raw[22:22+x], nil, nil)
}

func (w *Writer) writeView(it *Item, v *ImageView) error {
	if err := encodeFixed(w, imageViewDetailCodec, &v.Detail); err != nil {
		return err
	}
	d := v.Data
	if w.inBundle {
		if d.ECERouting == "" {
			d.ECERouting = w.bundle.ECERouting
		}
		if d.BundleBusinessDate == "" {
			d.BundleBusinessDate = w.bundle.BusinessDate
		}
		if d.CycleNumber == "" {
			d.CycleNumber = w.bundle.CycleNumber
		}
	}
	if d.ItemSequence == "" {
		d.ItemSequence = it.ItemSequence()
	}
	x, y := len(d.ImageReferenceKey), len(d.DigitalSignature)
	switch {
	case x > maxKey, y > maxSignature, len(d.Image) > maxImage:
		return w.fail(&ParseError{Record: "image_view_data", Err: ErrFieldTooLong,
			Msg: "image reference key, digital signature or image too long (at most 9,999, 99,999 and 9,999,999 bytes)"})
	}
	raw := w.scratch(117 + x + y)
	if err := imageViewDataCodec.encode(&d, raw); err != nil {
		return w.fail(err)
	}
	placeLength(raw[101:105], x, "", 0)
	if err := putText(&field{name: "image_reference_key", start: 106, end: 105 + x, kind: kANS}, raw[105:105+x], d.ImageReferenceKey); err != nil {
		return w.fail(err)
	}
	placeLength(raw[105+x:110+x], y, "", 0)
	copy(raw[110+x:], d.DigitalSignature)
	placeLength(raw[110+x+y:117+x+y], len(d.Image), "", 0)
	if err := w.emit(52, raw, raw[105:105+x], raw[110+x:110+x+y], d.Image); err != nil {
		return err
	}
	if v.Analysis != nil {
		return encodeFixed(w, imageViewAnalysisCodec, v.Analysis)
	}
	return nil
}

func (w *Writer) writeUserRecord(u *UserRecord) error {
	n := 0
	for range u.Data {
		n++
	}
	if n > 9999999 {
		return w.fail(&ParseError{Record: "user_record", Field: "user_data", Err: ErrFieldTooLong, Msg: "user data longer than 9,999,999 bytes"})
	}
	raw := w.scratch(45 + n)
	if err := userRecordCodec.encode(u, raw); err != nil {
		return w.fail(err)
	}
	placeLength(raw[38:45], n, "", 0)
	if err := putText(&field{name: "user_data", start: 46, end: 45 + n, kind: kANS}, raw[45:], u.Data); err != nil {
		return w.fail(err)
	}
	return w.emit(68, raw, raw[45:], nil, nil)
}

// WriteBundleControl ends the open bundle with a control whose free
// fields (user field, credit total indicator) come from c; its counts and
// totals are computed.
func (w *Writer) WriteBundleControl(c *BundleControl) error {
	if err := w.state(w.inBundle, "a bundle control needs an open bundle"); err != nil {
		return err
	}
	return w.closeBundle(c)
}

// closeBundle writes the open bundle's control, if a bundle is open.
func (w *Writer) closeBundle(c *BundleControl) error {
	if !w.inBundle {
		return nil
	}
	if w.v.b.t.items+w.v.b.t.credits == 0 && !w.Options.Lenient {
		return w.fail(&ParseError{Err: ErrWriterState, Msg: "the bundle has no items: the Writer never writes an empty bundle"})
	}
	ctl := BundleControl{CreditTotalIndicator: "0"}
	if c != nil {
		ctl.UserField, ctl.CreditTotalIndicator = c.UserField, c.CreditTotalIndicator
	}
	t := &w.v.b.t
	ctl.ItemCount, ctl.TotalAmount, ctl.MICRValidTotal, ctl.ImageCount = t.items, t.amount, t.micrValid, t.images
	if ctl.CreditTotalIndicator == "1" {
		ctl.ItemCount += t.credits
		ctl.TotalAmount += t.creditAmt
	}
	w.inBundle = false
	return encodeFixed(w, bundleControlCodec, &ctl)
}

// WriteRoutingNumberSummary ends the open bundle, if any, and writes s as
// given.
func (w *Writer) WriteRoutingNumberSummary(s *RoutingNumberSummary) error {
	if err := w.state(w.inCL, "a routing number summary needs an open cash letter"); err != nil {
		return err
	}
	if err := w.closeBundle(nil); err != nil {
		return err
	}
	if w.v.level == "03" && !w.Options.Lenient {
		return w.fail(&ParseError{Err: ErrLevel, Msg: "record 85 is not defined in standard level 03 (DSTU X9.37)"})
	}
	return encodeFixed(w, routingNumberSummaryCodec, s)
}

// WriteCashLetterControl ends the open cash letter with a control whose
// free fields (ECE institution name, settlement date, credit total
// indicator) come from c; its counts and totals are computed.
func (w *Writer) WriteCashLetterControl(c *CashLetterControl) error {
	if err := w.state(w.inCL, "a cash letter control needs an open cash letter"); err != nil {
		return err
	}
	return w.closeCashLetter(c)
}

func (w *Writer) closeCashLetter(c *CashLetterControl) error {
	if !w.inCL {
		return nil
	}
	if err := w.closeBundle(nil); err != nil {
		return err
	}
	ctl := CashLetterControl{CreditTotalIndicator: "0"}
	if c != nil {
		ctl.ECEInstitutionName, ctl.SettlementDate, ctl.CreditTotalIndicator = c.ECEInstitutionName, c.SettlementDate, c.CreditTotalIndicator
	}
	cl := &w.v.cl
	ctl.BundleCount, ctl.ItemCount, ctl.TotalAmount, ctl.ImageCount = cl.bundles, cl.ctlItems, cl.ctlAmount, cl.t.images
	if ctl.CreditTotalIndicator == "1" {
		ctl.ItemCount += cl.t.credits
		ctl.TotalAmount += cl.t.creditAmt
	}
	w.inCL = false
	return encodeFixed(w, cashLetterControlCodec, &ctl)
}

// WriteFileControl ends the file with a control whose free fields
// (contact name and phone, credit total indicator) come from c, its counts
// and total computed, and flushes the output. Nothing can be written after
// it.
func (w *Writer) WriteFileControl(c *FileControl) error {
	if err := w.state(w.started && !w.done, "a file control needs the file header first, and ends the file"); err != nil {
		return err
	}
	if err := w.closeCashLetter(nil); err != nil {
		return err
	}
	ctl := FileControl{ContactName: c.ContactName, ContactPhone: c.ContactPhone, CreditTotalIndicator: c.CreditTotalIndicator}
	ctl.CashLetterCount, ctl.RecordCount = w.v.file.cashLetters, w.v.records+1
	ctl.ItemCount, ctl.TotalAmount = w.v.file.items, w.v.file.amount
	if err := encodeFixed(w, fileControlCodec, &ctl); err != nil {
		return err
	}
	w.done = true
	if err := w.w.Flush(); err != nil {
		w.err = err
		return err
	}
	return nil
}

// Close ends the file, if WriteFileControl has not, with a file control
// whose free fields are blank (credit total indicator "0"), and flushes
// the output.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if !w.done {
		return w.WriteFileControl(&FileControl{CreditTotalIndicator: "0"})
	}
	return w.w.Flush()
}

// WriteFile writes a whole File: its bundles as they are (split only past
// 9,999 items), the free fields of its controls kept, every count and
// total computed. Credits in CashLetter.Credits are written before the
// cash letter's first bundle.
func (w *Writer) WriteFile(f *File) error {
	w.keepBundles = true
	defer func() { w.keepBundles = false }()
	if err := w.WriteFileHeader(&f.Header); err != nil {
		return err
	}
	for i := range f.CashLetters {
		cl := &f.CashLetters[i]
		if err := w.WriteCashLetterHeader(&cl.Header); err != nil {
			return err
		}
		for j := range cl.Credits {
			if err := w.WriteItem(&cl.Credits[j]); err != nil {
				return err
			}
		}
		for j := range cl.Bundles {
			b := &cl.Bundles[j]
			if err := w.WriteBundleHeader(&b.Header); err != nil {
				return err
			}
			for k := range b.Items {
				if err := w.WriteItem(&b.Items[k]); err != nil {
					return err
				}
			}
			if err := w.WriteBundleControl(&b.Control); err != nil {
				return err
			}
		}
		for j := range cl.RoutingSummaries {
			if err := w.WriteRoutingNumberSummary(&cl.RoutingSummaries[j]); err != nil {
				return err
			}
		}
		if err := w.WriteCashLetterControl(&cl.Control); err != nil {
			return err
		}
	}
	return w.WriteFileControl(&f.Control)
}
