package rdc

import (
	"strconv"
	"strings"
)

// Options select how a Reader reads and judges a file. The zero value is
// the strict profile with automatic detection of encoding and framing.
// Options are plain data: they can be stored and sent as JSON.
type Options struct {
	// Lenient accepts what real files get wrong (x9.md §6, §12): control
	// counts that count records instead of items, blank image placeholders
	// and other images outside X9.100-181, a credit (61/62) at cash-letter
	// level, a record length prefix that disagrees with the record's
	// fields, bad check digits, dates and codes, addenda out of order,
	// returns under a forward collection type, a missing control record.
	// Each is kept as a warning; what cannot be read (a non-numeric amount
	// or count, a record that cannot be delimited) stays an error.
	Lenient bool `json:"lenient"`
	// Encoding forces the character set; EncodingAuto (the zero value)
	// detects it from the first record.
	Encoding Encoding `json:"encoding"`
	// Framing forces the framing; FramingAuto detects it.
	Framing Framing `json:"framing"`
	// IBM1047 reads EBCDIC bytes AD, BD and 5F as '[', ']' and '^', as
	// files from IBM-1047 producers mean them (x9.md §3.2).
	IBM1047 bool `json:"ibm1047"`
	// SkipImageChecks leaves image data unchecked against X9.100-181.
	SkipImageChecks bool `json:"skip_image_checks"`
	// MaxErrors caps the findings kept (errors and warnings counted
	// separately); 0 means DefaultMaxErrors, a negative value no cap.
	MaxErrors int `json:"max_errors"`
}

// DefaultMaxErrors is the cap on kept findings when Options.MaxErrors is 0.
const DefaultMaxErrors = 1000

// Summary is what a file holds, counted as it is read, whatever its
// control records say.
type Summary struct {
	Encoding      Encoding `json:"encoding"`
	Framing       Framing  `json:"framing"`
	StandardLevel string   `json:"standard_level"`
	CashLetters   int      `json:"cash_letters"`
	Bundles       int      `json:"bundles"`
	// Items counts forward items (record 25); return items (31) are
	// listed in Returns.
	Items int `json:"items"`
	// Images counts image views (record 50).
	Images int `json:"images"`
	// TotalCents adds up the amounts of forward and return items (25.7,
	// 31.5), as the control records do; credits are apart.
	TotalCents  int64 `json:"total_cents"`
	Credits     int   `json:"credits"`
	CreditCents int64 `json:"credit_cents"`
	// Returns lists every return item (record 31) in file order.
	Returns []ReturnItem `json:"returns"`
}

// ReturnItem is one returned item (record 31) with what identifies it
// and its cash letter: all a return policy needs to choose a CHR code and
// to find the deposit.
type ReturnItem struct {
	// Reason is the X9.100-188 return reason: 31.6, or when that is blank
	// 35.9 of the item's last 35 record.
	Reason string `json:"reason"`
	// ReasonField names where Reason came from: "31.6" or "35.9".
	ReasonField string `json:"reason_field"`
	// ReturnsIndicator is the cash letter's 10.14 (R customer, E
	// administrative, J reject, N altered/fictitious, blank).
	ReturnsIndicator string `json:"returns_indicator"`
	// CollectionType is the bundle's 20.2 (the cash letter's 10.2 when the
	// return is outside a bundle): 03 value return, 04, 05, 06
	// notifications.
	CollectionType string `json:"collection_type"`
	// StandardLevel is the file's 01.2: in level 03 files 10.14 may be a
	// user field.
	StandardLevel string `json:"standard_level"`
	// ItemSequence is the key back to the deposit: the BOFD item sequence
	// number of the first 32 record (32.5), or the return's own 31.10
	// when there is no 32 or it is blank.
	ItemSequence string `json:"item_sequence"`
	// ECEItemSequence is 31.10, the returning institution's number.
	ECEItemSequence string `json:"ece_item_sequence"`
	// BOFDRouting and BOFDDate are 32.3 and 32.4 of the first 32 record.
	BOFDRouting           string `json:"bofd_routing"`
	BOFDDate              string `json:"bofd_date"`
	PayorRouting          string `json:"payor_routing"`
	OnUs                  string `json:"on_us"`
	Amount                int64  `json:"amount_cents"`
	ForwardBundleDate     string `json:"forward_bundle_date"`
	NotificationIndicator string `json:"notification_indicator"`
	TimesReturned         string `json:"times_returned"`
	RecordNumber          int    `json:"record_number"`
	Offset                int64  `json:"offset"`
}

type vstate uint8

const (
	stStart      vstate = iota
	stFile              // after the file header, between cash letters
	stCashLetter        // in a cash letter, outside bundles
	stBundle            // in a bundle
	stDone              // after the file control
)

// item is the item being read: its kind, its addenda and views.
type itemState struct {
	typ      int // 25, 31, 61, 62; 0 when no item is open
	rec      int
	off      int64
	declared int // 25.13 / 31.7
	addenda  int
	phase    int // order of the last addendum kind seen
	nA, nC   int // 26/32 and 28/35 seen, for record numbers
	views    int
	lastSide byte
	viewOpen bool // a 50 not yet followed by its 52
	lastType int  // type of the last record of the item
	imgInd   byte // 50.2 of the open view
	tiff     bool // the open view's format is TIFF (50.5 00 or blank)
	ret      int  // index in sum.Returns, or -1
}

// clState is the open cash letter.
type clState struct {
	open       bool
	collection string
	indicator  byte
	typeInd    byte
	bundles    int
	lastCtl    bool // the last bundle is closed: 85 may follow
	forward    int  // 25s in the cash letter
	returns    int  // 31s
	t          totals
	ctlItems   int // sum of the bundles' computed item counts
	ctlAmount  int64
}

// bundleState is the open bundle.
type bundleState struct {
	open       bool
	collection string
	forward    int
	returns    int
	t          totals
}

type totals struct {
	items, credits, images int
	amount, creditAmt      int64
	micrValid              int64
}

// validator checks records one at a time: each record's fields, the record
// order, every control record, and the images. It is the one place where
// X9 rules live; the Reader runs it on what it reads and the Writer on
// what it writes.
type validator struct {
	opts     Options
	findings []*ParseError
	errs     Errors
	nWarn    int
	dropped  int
	sum      Summary
	last     *ParseError

	state   vstate
	level   string
	records int

	cl   clState
	b    bundleState
	file struct {
		cashLetters int
		items       int
		amount      int64
	}
	it itemState
	// pad holds a fixed-length record read shorter than its layout.
	pad [100]byte
}

func (v *validator) cap() int {
	switch {
	case v.opts.MaxErrors < 0:
		return int(^uint(0) >> 1)
	case v.opts.MaxErrors == 0:
		return DefaultMaxErrors
	}
	return v.opts.MaxErrors
}

// strict is the severity of a rule the lenient profile relaxes.
func (v *validator) strict() Severity {
	if v.opts.Lenient {
		return SeverityWarning
	}
	return SeverityError
}

// add records a finding about rec (nil: the file as a whole) and field f
// placed base bytes further than its layout says.
func (v *validator) add(sev Severity, rec *Record, f *field, base int, value string, sentinel error, msg string) {
	v.last = nil
	if sev == SeverityError {
		if len(v.errs) >= v.cap() {
			v.dropped++
			return
		}
	} else if v.nWarn >= v.cap() {
		v.dropped++
		return
	} else {
		v.nWarn++
	}
	e := &ParseError{Severity: sev, Value: value, Err: sentinel, Msg: msg}
	if rec != nil {
		e.Offset, e.RecordNumber, e.RecordType, e.Record = rec.Offset, rec.Number, rec.Type(), rec.Name()
	}
	if f != nil {
		e.Field, e.Column = f.name, f.start+base
	}
	v.last = e
	if sev == SeverityError {
		v.errs = append(v.errs, e)
	}
	v.findings = append(v.findings, e)
}

// expect sets the expected value of the finding just added.
func (v *validator) expect(want string) {
	if v.last != nil {
		v.last.Expected = want
	}
}

// shown renders field bytes for a finding: trailing blanks dropped,
// anything but printable ASCII escaped.
func shown(p []byte) string {
	end := len(p)
	for end > 0 && p[end-1] == ' ' {
		end--
	}
	q := strconv.QuoteToASCII(string(p[:end]))
	return q[1 : len(q)-1]
}

// checkFields checks fields of rec against their types; base shifts them
// (the fields after a variable-length part).
func (v *validator) checkFields(rec *Record, raw []byte, fields []*field, base int) {
	for _, f := range fields {
		if f.start+base < 1 || f.end+base > len(raw) {
			v.add(SeverityError, rec, f, base, "", ErrRecordLength, "record too short to hold the field")
			return
		}
		p := raw[f.start-1+base : f.end+base]
		if f.kind == kConst {
			continue
		}
		if allByte(p, ' ') {
			if f.inc&inM != 0 {
				sev := v.strict()
				if f.inc&inCritical != 0 {
					sev = SeverityError
				}
				v.add(sev, rec, f, base, "", ErrMandatory, "mandatory field is blank")
			}
			continue
		}
		bad := byte(0)
		ok := true
		switch f.kind {
		case kB:
			v.add(v.strict(), rec, f, base, shown(p), ErrReserved, "reserved field is not blank")
			continue
		case kN:
			if !allDigits(p) {
				sev := v.strict()
				if f.inc&inCritical != 0 {
					sev = SeverityError
				}
				v.add(sev, rec, f, base, shown(p), ErrNumeric, "must be digits only")
				continue
			}
		case kRTN:
			if !allDigits(p) {
				v.add(v.strict(), rec, f, base, shown(p), ErrNumeric, "routing number must be 9 digits")
				continue
			}
			if cd := checkDigit(p[:8]); cd != int(p[8]-'0') {
				v.add(v.strict(), rec, f, base, string(p), ErrCheckDigit,
					"check digit "+string(p[8])+", calculated "+strconv.Itoa(cd))
				v.expect(strconv.Itoa(cd))
				continue
			}
		case kDate:
			if !validDate(p) {
				v.add(v.strict(), rec, f, base, shown(p), ErrDate, "not a date (YYYYMMDD)")
				continue
			}
		case kTime:
			if !validTime(p) {
				v.add(v.strict(), rec, f, base, shown(p), ErrDate, "not a time (hhmm)")
				continue
			}
		case kNB:
			end := len(p)
			for end > 0 && p[end-1] == ' ' {
				end--
			}
			if !allDigits(p[:end]) {
				v.add(v.strict(), rec, f, base, shown(p), ErrNumeric, "must be digits, left-justified, blank-filled")
				continue
			}
		default:
			bad, ok = badChar(f.kind, p)
		}
		if !ok {
			v.add(v.strict(), rec, f, base, shown(p), ErrCharacter, "invalid character "+strconv.QuoteRuneToASCII(rune(bad))+" for a field of type "+kindNames[f.kind])
			continue
		}
		if f.values != "" && !inValues(p, f.values) {
			v.add(v.strict(), rec, f, base, shown(p), ErrValue, "not a defined value ("+strings.ReplaceAll(f.values, " ", ", ")+")")
		}
	}
}

var kindNames = [...]string{kN: "N", kA: "A", kAN: "AN", kANS: "ANS", kNB: "NB", kNS: "NS", kNBSM: "NBSM",
	kNBSMOS: "NBSMOS", kB: "B", kDate: "date", kTime: "time", kRTN: "routing number", kConst: "N"}

// badChar returns the first byte of p its kind does not allow.
func badChar(k kind, p []byte) (byte, bool) {
	for _, c := range p {
		var ok bool
		switch k {
		case kA:
			ok = c == ' ' || (c|0x20 >= 'a' && c|0x20 <= 'z')
		case kAN:
			ok = c == ' ' || (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9')
		case kANS:
			ok = c >= 0x20 && c <= 0x7e
		case kNS:
			ok = c >= 0x20 && c <= 0x7e && !(c|0x20 >= 'a' && c|0x20 <= 'z')
		case kNBSM:
			ok = c == ' ' || c == '-' || c == '*' || (c >= '0' && c <= '9')
		case kNBSMOS:
			ok = c == ' ' || c == '-' || c == '*' || c == '/' || (c >= '0' && c <= '9')
		default:
			ok = true
		}
		if !ok {
			return c, false
		}
	}
	return 0, true
}

// num reads a field that checkFields has already judged: its number, and
// whether it is one.
func num(raw []byte, start, end int) (int64, bool) {
	if end > len(raw) {
		return 0, false
	}
	return parseDigits(raw[start-1 : end])
}

func fieldOf(l *layout, name string) *field {
	for _, f := range l.fields {
		if f.name == name {
			return f
		}
	}
	panic("rdc: layout " + l.name + " has no field " + name)
}

// record checks one record. rec.raw holds at least the layout's fixed
// length (the Reader pads short records).
func (v *validator) record(rec *Record) {
	v.records++
	lay := rec.lay
	if lay == nil {
		v.add(v.strict(), rec, nil, 0, rec.Type(), ErrRecordType, "unknown record type "+strconv.Quote(rec.Type())+": skipped")
		return
	}
	v.checkFields(rec, rec.raw, lay.fields, 0)
	if v.state == stDone {
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "record after the file control")
		return
	}
	if v.state == stStart && rec.typ != 1 {
		v.add(v.strict(), rec, nil, 0, "", ErrMissing, "the file does not start with a file header (01)")
		v.state = stFile
	}
	switch rec.typ {
	case 27, 34, 62, 68, 85:
		if v.level == "03" {
			v.add(SeverityWarning, rec, nil, 0, "", ErrLevel, "record type "+rec.Type()+" is not defined in DSTU X9.37-2003 (standard level 03)")
		}
	}
	switch rec.typ {
	case 1:
		v.fileHeader(rec)
	case 10:
		v.cashLetterHeader(rec)
	case 20:
		v.bundleHeader(rec)
	case 25, 31:
		v.itemRecord(rec)
	case 61, 62:
		v.creditRecord(rec)
	case 26, 27, 28, 32, 33, 34, 35:
		v.addendum(rec)
	case 50, 52, 54:
		v.view(rec)
	case 68:
		if v.it.typ == 0 {
			v.add(v.strict(), rec, nil, 0, "", ErrSequence, "user record (68) outside an item")
		} else {
			v.it.lastType = 68
		}
	case 70:
		v.bundleControl(rec)
	case 85:
		v.routingSummary(rec)
	case 90:
		v.cashLetterControl(rec)
	case 99:
		v.fileControl(rec)
	}
}

func (v *validator) fileHeader(rec *Record) {
	if v.state != stStart {
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "a second file header")
		return
	}
	v.state = stFile
	v.level = string(rec.raw[2:4])
	v.sum.StandardLevel = v.level
}

func (v *validator) cashLetterHeader(rec *Record) {
	switch v.state {
	case stBundle:
		v.closeBundle(rec, nil)
		fallthrough
	case stCashLetter:
		v.closeCashLetter(rec, nil)
	}
	v.state = stCashLetter
	v.sum.CashLetters++
	cl := &v.cl
	*cl = clState{open: true, collection: string(rec.raw[2:4]), indicator: rec.raw[77], typeInd: upper(rec.raw[42])}
	if v.level == "03" && cl.indicator != 'E' && cl.indicator != 'R' {
		// DSTU files: byte 78 may be a user field (x9.md §9.2).
		cl.indicator = ' '
	}
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func (v *validator) bundleHeader(rec *Record) {
	switch v.state {
	case stBundle:
		v.closeBundle(rec, nil)
	case stCashLetter:
	default:
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "bundle header outside a cash letter")
	}
	v.closeItem(rec)
	v.state = stBundle
	v.sum.Bundles++
	v.cl.bundles++
	v.cl.lastCtl = false
	b := &v.b
	b.open, b.forward, b.returns, b.t = true, 0, 0, totals{}
	b.collection = string(rec.raw[2:4])
	if v.cl.open && v.cl.collection != "99" && b.collection != v.cl.collection {
		v.add(v.strict(), rec, fieldOf(rec.lay, "collection_type_indicator"), 0, b.collection, ErrValue,
			"collection type differs from the cash letter's "+strconv.Quote(v.cl.collection))
		v.expect(v.cl.collection)
	}
	if v.level != "03" && !allByte(rec.raw[54:63], ' ') {
		v.add(v.strict(), rec, fieldOf(rec.lay, "return_location_routing_number"), 0, shown(rec.raw[54:63]), ErrReserved,
			"reserved in standard levels 30 and 35 (return location routing number exists in level 03 only)")
	}
}

// closeItem ends the open item: its addendum count and last view.
func (v *validator) closeItem(rec *Record) {
	it := &v.it
	if it.typ == 0 {
		return
	}
	if it.viewOpen {
		v.add(v.strict(), rec, nil, 0, "", ErrMissing, "image view detail (50) of record "+strconv.Itoa(it.rec)+"'s item has no image view data (52)")
	}
	if (it.typ == 25 || it.typ == 31) && it.declared != it.addenda {
		name := "check_detail_addendum_count"
		if it.typ == 31 {
			name = "return_addendum_count"
		}
		e := &Record{Offset: it.off, Number: it.rec, typ: it.typ, lay: layouts[it.typ]}
		v.add(v.strict(), e, fieldOf(e.lay, name), 0, strconv.Itoa(it.declared), ErrControl,
			"addendum count "+strconv.Itoa(it.declared)+", the item has "+strconv.Itoa(it.addenda)+" addenda")
		v.expect(strconv.Itoa(it.addenda))
	}
	*it = itemState{ret: -1}
}

func (v *validator) itemRecord(rec *Record) {
	v.closeItem(rec)
	raw := rec.raw
	it := &v.it
	it.typ, it.rec, it.off, it.lastType = rec.typ, rec.Number, rec.Offset, rec.typ
	var amount int64
	if rec.typ == 25 {
		amount, _ = num(raw, 48, 57)
		n, _ := num(raw, 77, 78)
		it.declared = int(n)
	} else {
		amount, _ = num(raw, 32, 41)
		n, _ := num(raw, 43, 44)
		it.declared = int(n)
	}
	if v.state != stBundle {
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "item outside a bundle")
	}
	b := &v.b
	if rec.typ == 25 {
		if b.returns > 0 {
			v.add(v.strict(), rec, nil, 0, "", ErrSequence, "forward item (25) in a bundle of return items (31)")
		}
		b.forward++
		v.cl.forward++
		v.sum.Items++
		if raw[74] == '1' {
			b.t.micrValid += amount
		}
	} else {
		if b.forward > 0 {
			v.add(v.strict(), rec, nil, 0, "", ErrSequence, "return item (31) in a bundle of forward items (25)")
		}
		b.returns++
		v.cl.returns++
	}
	b.t.items++
	b.t.amount += amount
	v.sum.TotalCents += amount
	ct := b.collection
	if !b.open {
		ct = v.cl.collection
	}
	switch {
	case ct == "20":
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "item in a cash letter of collection type 20 (no detail)")
	case rec.typ == 25 && isReturnCollection(ct):
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "forward item (25) under return collection type "+ct)
	case rec.typ == 31 && !isReturnCollection(ct) && ct != "99":
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "return item (31) under forward collection type "+ct+"; read as a return")
	}
	if rec.typ == 31 {
		v.returnItem(rec, ct)
	}
}

func (v *validator) returnItem(rec *Record, ct string) {
	raw := rec.raw
	d := ReturnItem{
		Reason: strings.TrimSpace(string(raw[41:42])), ReasonField: "31.6",
		ReturnsIndicator: strings.TrimSpace(string(v.cl.indicator)), CollectionType: ct, StandardLevel: v.level,
		ECEItemSequence: strings.TrimRight(string(raw[53:68]), " "), PayorRouting: string(raw[2:11]),
		OnUs: strings.TrimSpace(decodeText(kNBSMOS, raw[11:31])), ForwardBundleDate: strings.TrimSpace(string(raw[45:53])),
		NotificationIndicator: strings.TrimSpace(string(raw[69:70])), TimesReturned: strings.TrimSpace(string(raw[71:72])),
		RecordNumber: rec.Number, Offset: rec.Offset,
	}
	if v.cl.indicator == 0 {
		d.ReturnsIndicator = ""
	}
	d.Amount, _ = num(raw, 32, 41)
	d.ItemSequence = d.ECEItemSequence
	v.it.ret = len(v.sum.Returns)
	v.sum.Returns = append(v.sum.Returns, d)
	r := upper(raw[41])
	if r == ' ' {
		return // mandatory field, already reported; 35.9 may stand in
	}
	f := fieldOf(rec.lay, "return_reason")
	inCust, inAdmin := strings.IndexByte(customerReasons, r) >= 0, strings.IndexByte(adminReasons, r) >= 0
	switch ind := v.cl.indicator; {
	case !inCust && !inAdmin:
		v.add(v.strict(), rec, f, 0, string(raw[41:42]), ErrReturnReason, "not an X9.100-188 return reason")
	case ind == 'E' && !inAdmin:
		v.add(v.strict(), rec, f, 0, string(raw[41:42]), ErrReturnReason, "reason is not in the administrative list, but the returns indicator is E (administrative)")
	case ind != 'E' && !inCust:
		v.add(v.strict(), rec, f, 0, string(raw[41:42]), ErrReturnReason, "reason exists only in the administrative list, but the returns indicator is "+strconv.Quote(string(ind))+" (not E)")
	}
}

func (v *validator) creditRecord(rec *Record) {
	v.closeItem(rec)
	it := &v.it
	it.typ, it.rec, it.off, it.lastType = rec.typ, rec.Number, rec.Offset, rec.typ
	var amount int64
	if rec.typ == 61 {
		amount, _ = num(rec.raw, 48, 57)
	} else {
		amount, _ = num(rec.raw, 48, 61)
	}
	v.sum.Credits++
	v.sum.CreditCents += amount
	switch v.state {
	case stBundle:
		if v.b.forward+v.b.returns > 0 {
			v.add(SeverityWarning, rec, nil, 0, "", ErrSequence, "credit after the bundle's first item")
		}
		v.b.t.credits++
		v.b.t.creditAmt += amount
	case stCashLetter:
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "credit (record "+rec.Type()+") at cash-letter level; banks expect the deposit ticket inside the bundle")
		v.cl.t.credits++
		v.cl.t.creditAmt += amount
	default:
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "credit outside a cash letter")
	}
}

// addendum order: 26 27 28 after a 25; 32 33 34 35 after a 31.
var addendumOf = [100]struct{ item, phase int }{
	26: {25, 1}, 27: {25, 2}, 28: {25, 3}, 32: {31, 1}, 33: {31, 2}, 34: {31, 3}, 35: {31, 4},
}

func (v *validator) addendum(rec *Record) {
	it := &v.it
	a := addendumOf[rec.typ]
	if it.typ != a.item {
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "addendum "+rec.Type()+" not after a "+typeCode(a.item)+" item")
		return
	}
	it.addenda++
	switch {
	case it.views > 0 || it.viewOpen:
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "addendum after the item's image views")
	case a.phase < it.phase:
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "addendum "+rec.Type()+" after a later addendum kind")
	}
	it.phase, it.lastType = a.phase, rec.typ
	switch rec.typ {
	case 26, 32:
		it.nA++
		if n, ok := num(rec.raw, 3, 3); ok && int(n) != it.nA {
			v.add(v.strict(), rec, fieldOf(rec.lay, "record_number"), 0, string(rec.raw[2:3]), ErrAddendum,
				"addendum record number "+string(rec.raw[2:3])+", expected "+strconv.Itoa(it.nA))
			v.expect(strconv.Itoa(it.nA))
		}
		if rec.typ == 32 && it.nA == 1 && it.ret >= 0 {
			r := &v.sum.Returns[it.ret]
			r.BOFDRouting, r.BOFDDate = string(rec.raw[3:12]), strings.TrimSpace(string(rec.raw[12:20]))
			if seq := strings.TrimRight(string(rec.raw[20:35]), " "); seq != "" {
				r.ItemSequence = seq
			}
		}
	case 28, 35:
		it.nC++
		if n, ok := num(rec.raw, 3, 4); ok && int(n) != it.nC {
			v.add(v.strict(), rec, fieldOf(rec.lay, "record_number"), 0, string(rec.raw[2:4]), ErrAddendum,
				"addendum record number "+string(rec.raw[2:4])+", expected "+twoDigits(it.nC))
			v.expect(twoDigits(it.nC))
		}
		if rec.typ == 35 && it.ret >= 0 {
			r := &v.sum.Returns[it.ret]
			if (r.Reason == "" || r.ReasonField == "35.9") && rec.raw[39] != ' ' {
				r.Reason, r.ReasonField = string(rec.raw[39:40]), "35.9"
			}
		}
	case 27, 34:
		v.checkVariable(rec)
	}
}

// checkVariable checks the variable part of a 27 or 34 record.
func (v *validator) checkVariable(rec *Record) {
	if rec.key == nil {
		return // unreadable length: reported by the Reader
	}
	for _, c := range rec.key {
		if c < 0x20 || c > 0x7e {
			v.add(v.strict(), rec, &field{name: "image_reference_key", start: 23}, 0, shown(rec.key), ErrCharacter, "invalid character in the image reference key")
			break
		}
	}
	if rec.tail() != nil {
		v.checkFields(rec, rec.raw, imageRefTail, 22+len(rec.key))
	}
}

func (v *validator) view(rec *Record) {
	it := &v.it
	if it.typ == 0 {
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "image record outside an item")
		return
	}
	raw := rec.raw
	switch rec.typ {
	case 50:
		if it.viewOpen {
			v.add(v.strict(), rec, nil, 0, "", ErrMissing, "image view detail (50) follows a 50 with no image view data (52)")
		}
		side := raw[31]
		if it.views > 0 && side == '0' && it.lastSide == '1' {
			v.add(v.strict(), rec, fieldOf(rec.lay, "view_side_indicator"), 0, "0", ErrSequence, "front view after the back view")
		}
		it.views++
		it.lastSide, it.viewOpen, it.imgInd = side, true, raw[2]
		it.tiff = raw[20] == ' ' && raw[21] == ' ' || raw[20] == '0' && raw[21] == '0'
		v.sum.Images++
		if v.state == stBundle {
			v.b.t.images++
		}
		v.cl.t.images++
	case 52:
		if !it.viewOpen || it.lastType != 50 {
			v.add(v.strict(), rec, nil, 0, "", ErrSequence, "image view data (52) not right after its image view detail (50)")
		}
		it.viewOpen = false
		v.checkImage(rec)
	case 54:
		if it.lastType != 52 {
			v.add(v.strict(), rec, nil, 0, "", ErrSequence, "image view analysis (54) not right after an image view data (52)")
		}
	}
	it.lastType = rec.typ
}

// checkImage checks a 52 record's key and image against X9.100-181.
func (v *validator) checkImage(rec *Record) {
	for _, c := range rec.key {
		if c < 0x20 || c > 0x7e {
			v.add(v.strict(), rec, &field{name: "image_reference_key", start: 106}, 0, shown(rec.key), ErrCharacter, "invalid character in the image reference key")
			break
		}
	}
	if v.opts.SkipImageChecks || rec.img == nil && rec.sig == nil && len(rec.raw) < 117 {
		return
	}
	col := 118 + len(rec.key) + len(rec.sig)
	f := &field{name: "image_data", start: col}
	if v.it.imgInd == '0' {
		if len(rec.img) > 0 {
			v.add(SeverityWarning, rec, f, 0, "", ErrImage, "image data present although the view's image indicator (50.2) is 0 (no image)")
		}
		return
	}
	if !v.it.tiff {
		return // another format, by agreement: not checked
	}
	if len(rec.img) > 0 && allByte(rec.img, ' ') || len(rec.img) == 0 {
		v.add(v.strict(), rec, f, 0, strconv.Itoa(len(rec.img))+" bytes", ErrImage,
			"image data is a blank placeholder of "+strconv.Itoa(len(rec.img))+" bytes, not a TIFF image")
		return
	}
	info, err := InspectTIFF(rec.img)
	if err != nil {
		v.add(v.strict(), rec, f, 0, "", ErrImage, "image data is not a TIFF image: "+err.Error())
		return
	}
	for _, p := range info.Problems() {
		v.add(v.strict(), rec, f, 0, "", ErrImage, p)
	}
}

// closeBundle ends the open bundle, at its control c (nil when the 70 is
// missing).
func (v *validator) closeBundle(rec *Record, c *BundleControl) {
	v.closeItem(rec)
	b := &v.b
	items, amount := b.t.items, b.t.amount
	if c != nil && c.CreditTotalIndicator == "1" {
		items += b.t.credits
		amount += b.t.creditAmt
	}
	if b.t.items+b.t.credits == 0 {
		v.add(SeverityWarning, rec, nil, 0, "", ErrMissing, "empty bundle: no items")
	}
	if c == nil {
		v.add(v.strict(), rec, nil, 0, "", ErrMissing, "bundle not closed: bundle control (70) missing")
	} else {
		l := rec.lay
		v.compare(rec, fieldOf(l, "items_within_bundle_count"), int64(c.ItemCount), int64(items), "items")
		v.compare(rec, fieldOf(l, "bundle_total_amount"), c.TotalAmount, amount, "total amount")
		if rec.raw[18] != ' ' {
			v.compare(rec, fieldOf(l, "micr_valid_total_amount"), c.MICRValidTotal, b.t.micrValid, "MICR-valid total")
		}
		v.compare(rec, fieldOf(l, "images_within_bundle_count"), int64(c.ImageCount), int64(b.t.images), "image views")
	}
	v.cl.ctlItems += items
	v.cl.ctlAmount += amount
	b.open = false
	v.state = stCashLetter
	v.cl.lastCtl = true
}

// compare checks a control field against what was counted.
func (v *validator) compare(rec *Record, f *field, got, want int64, what string) {
	if got == want {
		return
	}
	v.add(v.strict(), rec, f, 0, strconv.FormatInt(got, 10), ErrControl,
		what+": control says "+strconv.FormatInt(got, 10)+", counted "+strconv.FormatInt(want, 10))
	v.expect(strconv.FormatInt(want, 10))
}

func (v *validator) bundleControl(rec *Record) {
	if v.state != stBundle {
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "bundle control (70) outside a bundle")
		return
	}
	c := rec.BundleControl()
	v.closeBundle(rec, &c)
}

func (v *validator) routingSummary(rec *Record) {
	if v.state == stBundle || !v.cl.lastCtl {
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "routing number summary (85) not after the cash letter's last bundle control")
	}
	if v.cl.open && v.cl.collection != "00" && v.cl.collection != "01" && v.cl.collection != "02" {
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "routing number summary (85) in a cash letter of collection type "+v.cl.collection+"; it belongs to forward cash letters")
	}
}

// closeCashLetter ends the open cash letter at its control c (nil when
// the 90 is missing).
func (v *validator) closeCashLetter(rec *Record, c *CashLetterControl) {
	v.closeItem(rec)
	cl := &v.cl
	items, amount := cl.ctlItems, cl.ctlAmount
	if c != nil && c.CreditTotalIndicator == "1" {
		items += cl.t.credits
		amount += cl.t.creditAmt
	}
	if c == nil {
		v.add(v.strict(), rec, nil, 0, "", ErrMissing, "cash letter not closed: cash letter control (90) missing")
	} else {
		l := rec.lay
		v.compare(rec, fieldOf(l, "bundle_count"), int64(c.BundleCount), int64(cl.bundles), "bundles")
		v.compare(rec, fieldOf(l, "items_within_cash_letter_count"), int64(c.ItemCount), int64(items), "items")
		v.compare(rec, fieldOf(l, "cash_letter_total_amount"), c.TotalAmount, amount, "total amount")
		v.compare(rec, fieldOf(l, "images_within_cash_letter_count"), int64(c.ImageCount), int64(cl.t.images), "image views")
		if cl.bundles == 0 && (cl.collection != "20" || cl.typeInd != 'N') {
			v.add(v.strict(), rec, nil, 0, "", ErrMissing, "cash letter without bundles: only a collection type 20, record type N cash letter may have none")
		}
		switch ind := cl.typeInd; {
		case cl.t.images > 0 && ind != 'I' && ind != 'F':
			v.add(v.strict(), rec, nil, 0, string(ind), ErrValue, "the cash letter has image views but its record type indicator (10.8) is "+strconv.Quote(string(ind))+", not I or F")
		case cl.forward+cl.returns > 0 && ind == 'N':
			v.add(v.strict(), rec, nil, 0, "N", ErrValue, "the cash letter has items but its record type indicator (10.8) is N (no items)")
		}
	}
	v.file.cashLetters++
	v.file.items += items
	v.file.amount += amount
	cl.open = false
	v.state = stFile
}

func (v *validator) cashLetterControl(rec *Record) {
	switch v.state {
	case stBundle:
		v.closeBundle(rec, nil)
	case stCashLetter:
	default:
		v.add(v.strict(), rec, nil, 0, "", ErrSequence, "cash letter control (90) outside a cash letter")
		return
	}
	c := rec.CashLetterControl()
	v.closeCashLetter(rec, &c)
}

func (v *validator) fileControl(rec *Record) {
	switch v.state {
	case stBundle:
		v.closeBundle(rec, nil)
		fallthrough
	case stCashLetter:
		v.closeCashLetter(rec, nil)
	}
	v.state = stDone
	c := rec.FileControl()
	l := rec.lay
	v.compare(rec, fieldOf(l, "cash_letter_count"), int64(c.CashLetterCount), int64(v.file.cashLetters), "cash letters")
	v.compare(rec, fieldOf(l, "total_record_count"), int64(c.RecordCount), int64(v.records), "records")
	v.compare(rec, fieldOf(l, "total_item_count"), int64(c.ItemCount), int64(v.file.items), "items")
	v.compare(rec, fieldOf(l, "file_total_amount"), c.TotalAmount, v.file.amount, "total amount")
	if v.file.cashLetters == 0 {
		v.add(v.strict(), rec, nil, 0, "", ErrMissing, "the file has no cash letter")
	}
}

// finish checks the end of the file: last is where the file ended.
func (v *validator) finish(last *Record) {
	if v.state == stDone || v.state == stStart {
		return
	}
	if v.state == stBundle {
		v.closeBundle(last, nil)
	}
	if v.state == stCashLetter {
		v.closeCashLetter(last, nil)
	}
	v.add(v.strict(), last, nil, 0, "", ErrMissing, "file control (99) missing: the file ends after record "+strconv.Itoa(v.records))
}
