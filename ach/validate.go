package ach

import (
	"bytes"
	"strconv"
	"strings"
)

// Options select the validation profile. The zero value is the strict
// profile used for everything railyard writes. Options are plain data: they
// can be stored and sent as JSON, and one value travels with a Reader.
type Options struct {
	// Lenient accepts the deviations real bank files carry (nacha.md §12):
	// no file header or control, no batch controls, no block fill, short or
	// long lines, no line breaks, wrong control totals. Each is kept as a
	// warning; only what cannot be interpreted stays an error.
	Lenient bool `json:"lenient"`
	// CustomReturnCodes accepts unassigned return and change codes (R97,
	// C92) with a warning instead of an error.
	CustomReturnCodes bool `json:"custom_return_codes"`
	// RequireABAOrigin makes an Immediate Origin that is not a blank and a
	// routing number an error rather than a warning.
	RequireABAOrigin bool `json:"require_aba_origin"`
	// MaxErrors caps the findings kept (errors and warnings counted
	// separately); 0 means DefaultMaxErrors, a negative value no cap.
	MaxErrors int `json:"max_errors"`
}

// DefaultMaxErrors is the cap on kept findings when Options.MaxErrors is 0.
const DefaultMaxErrors = 1000

// Summary is what a file holds, counted as it is read.
type Summary struct {
	Batches int `json:"batches"`
	Entries int `json:"entries"`
	Addenda int `json:"addenda"`
	// DebitTotal and CreditTotal add up the entries' amounts (in cents) by
	// the side of their transaction codes, whatever the controls say.
	DebitTotal  int64 `json:"debit_total_cents"`
	CreditTotal int64 `json:"credit_total_cents"`
	// Returns lists plain, dishonored and contested returns in file order.
	Returns []ReturnItem `json:"returns"`
	// NOCs lists notifications of change and refused NOCs in file order.
	NOCs []NOCItem `json:"nocs"`
}

// ReturnItem is one return-family entry: its addenda 99's code and the
// trace of the entry it returns.
type ReturnItem struct {
	Kind          EntryKind `json:"kind"`
	Code          string    `json:"code"`
	OriginalTrace string    `json:"original_trace"`
	TraceNumber   string    `json:"trace_number"`
	// TransactionCode is the return entry's: it tells a returned credit
	// (21, 31, …) from a returned debit (26, 36, …).
	TransactionCode int   `json:"transaction_code"`
	Amount          int64 `json:"amount_cents"`
	Line            int   `json:"line"`
}

// NOCItem is one notification of change (or refused NOC).
type NOCItem struct {
	Code          string `json:"code"`
	OriginalTrace string `json:"original_trace"`
	CorrectedData string `json:"corrected_data"`
	Refused       bool   `json:"refused,omitempty"`
	Line          int    `json:"line"`
}

type vstate uint8

const (
	stStart vstate = iota
	stFile         // after the file header, between batches
	stBatch        // inside a batch
	stDone         // after the file control
)

type batchState struct {
	line         int
	raw          [RecordLength]byte
	sec          string
	iat, adv     bool
	corporate    bool
	entry        *codec[Entry]
	serviceClass int
	number       int
	count        int
	hash         int64
	debit        int64
	credit       int64
	lastTrace    int64
	kinds        [8]int // entries per EntryKind
	amount       *field // the entry layout's amount field
	desc         string // company entry description, right-trimmed
}

type entryState struct {
	active    bool
	line      int
	raw       [RecordLength]byte
	txCode    int
	amount    int64
	addenda   int
	kind      EntryKind
	family    bool // 98 or 99 seen
	lastSeq   int  // last 05/17/18 addenda sequence number
	nextIAT   int  // next mandatory IAT addenda type (10..16, then 17)
	n17, n18  int
	n99, n98  int
	n02, n05  int
	badLayout bool
}

// validator checks records one at a time: each record's fields, the record
// order, and every batch and file control. It is the one place where NACHA
// rules live; the Reader runs it on what it reads and the Writer on what it
// writes.
type validator struct {
	opts     Options
	findings []*ParseError
	errs     Errors
	nWarn    int
	dropped  int
	sum      Summary

	state      vstate
	sawHeader  bool
	anyADV     bool
	records    int
	fill       int
	fcLine     int
	fcSeen     bool
	fcExpect   int // fill records the file control implies
	doneNoted  bool
	lastBatchN int

	fileBatches int
	fileCount   int
	fileHash    int64
	fileDebit   int64
	fileCredit  int64

	b    batchState
	e    entryState
	last *ParseError // the finding add kept last, nil if it was dropped
}

// expect sets the expected value of the finding just added.
func (v *validator) expect(want string) {
	if v.last != nil {
		v.last.Expected = want
	}
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

// add records a finding.
func (v *validator) add(sev Severity, rec *Record, layout string, f *field, value string, sentinel error, code, msg string) {
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
	e := &ParseError{Severity: sev, Record: layout, Value: value, Err: sentinel, Code: code, Msg: msg}
	v.last = e
	if rec != nil {
		e.Line, e.Offset = rec.Line, rec.Offset
	}
	if f != nil {
		e.Field, e.Column = f.name, f.start
	}
	if sev == SeverityError {
		v.errs = append(v.errs, e)
	}
	v.findings = append(v.findings, e)
}

// strict is the severity of a rule the lenient profile relaxes.
func (v *validator) strict() Severity {
	if v.opts.Lenient {
		return SeverityWarning
	}
	return SeverityError
}

// at reports a problem with a line but no record (used for whole-batch checks).
func (v *validator) at(sev Severity, line int, layout string, f *field, value string, sentinel error, code, msg string) {
	v.add(sev, &Record{Line: line}, layout, f, value, sentinel, code, msg)
}

func fieldValue(f *field, raw *[RecordLength]byte) string {
	p := f.bytes(raw)
	if f.kind == kNumeric && allDigits(p) {
		n, _ := parseDigits(p)
		if len(p) > 9 || f.name == "amount" || strings.HasPrefix(f.name, "total_") || strings.HasSuffix(f.name, "_count") || f.name == "entry_hash" {
			return strconv.FormatInt(n, 10)
		}
	}
	return strings.TrimRight(string(p), " ")
}

// printable reports whether every byte of the record is ASCII 0x20-0x7E.
func printable(raw *[RecordLength]byte) bool {
	for _, c := range raw {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// fields checks every field of rec against its layout.
func (v *validator) fields(rec *Record, s *spec) {
	raw := &rec.Raw
	clean := printable(raw)
	for _, f := range s.fields {
		p := f.bytes(raw)
		blank := allByte(p, ' ')
		switch f.kind {
		case kReserved:
			if !blank {
				v.add(SeverityWarning, rec, s.name, f, fieldValue(f, raw), ErrReserved, "", "reserved field is not blank")
			}
			continue
		case kConst:
			if string(p) != f.want {
				v.add(v.strict(), rec, s.name, f, string(p), ErrValue, "R26", "must be "+strconv.Quote(f.want))
				v.expect(f.want)
			}
			continue
		}
		if blank {
			if f.inc&(inM|inR) != 0 {
				sev := v.strict()
				if f.inc&inCritical != 0 {
					sev = SeverityError
				}
				code := ""
				if f.inc&inM != 0 {
					code = "R26"
				}
				v.add(sev, rec, s.name, f, "", ErrMandatory, code, "mandatory field is blank")
			}
			continue
		}
		switch f.kind {
		case kAlpha, kUpper:
			if !clean {
				for _, c := range p {
					if c < 0x20 || c > 0x7e {
						v.add(v.strict(), rec, s.name, f, strconv.QuoteToASCII(string(p)), ErrCharacter, "", "invalid character "+strconv.QuoteRuneToASCII(rune(c)))
						break
					}
				}
			}
			if f.kind == kUpper {
				for _, c := range p {
					if c >= 'a' && c <= 'z' {
						v.add(v.strict(), rec, s.name, f, string(p), ErrValue, "", "must be upper case")
						break
					}
				}
			}
		case kNumeric, kRTN8, kRTN9:
			if !allDigits(p) {
				sev := v.strict()
				code := ""
				if f.inc&inCritical != 0 {
					sev = SeverityError
				}
				if f.name == "amount" {
					code = "R19"
				}
				v.add(sev, rec, s.name, f, fieldValue(f, raw), ErrNumeric, code, "must be digits only")
			} else if f.kind == kRTN9 && checkDigit(p[:8]) != int(p[8]-'0') {
				v.add(v.strict(), rec, s.name, f, string(p), ErrCheckDigit, "R28",
					"check digit "+string(p[8])+", calculated "+strconv.Itoa(checkDigit(p[:8])))
				v.expect(strconv.Itoa(checkDigit(p[:8])))
			}
		case kDate, kTime, kMonthDay, kMonthYr, kJulian:
			if r := timeRules[f.kind]; !r.ok(p) {
				v.add(v.strict(), rec, s.name, f, string(p), ErrDate, "", r.msg)
			}
		case kDest:
			if p[0] != ' ' || !allDigits(p[1:]) {
				v.add(v.strict(), rec, s.name, f, string(p), ErrValue, "", "must be a blank and a 9-digit routing number")
			} else {
				v.routing(rec, s, f, p[1:])
			}
		case kOrigin:
			if p[0] == ' ' && allDigits(p[1:]) {
				v.routing(rec, s, f, p[1:])
			} else {
				sev := SeverityWarning
				if v.opts.RequireABAOrigin {
					sev = SeverityError
				}
				v.add(sev, rec, s.name, f, string(p), ErrValue, "", "not a blank and a routing number")
			}
		}
	}
}

// timeRules check the date and time kinds of field.
var timeRules = map[kind]struct {
	ok  func([]byte) bool
	msg string
}{
	kDate:     {validDate, "not a valid YYMMDD date"},
	kTime:     {validTime, "not a valid HHMM time"},
	kMonthDay: {validMonthDay, "not a valid MMDD date"},
	kMonthYr:  {validMonthYear, "not a valid MMYY date"},
	kJulian:   {validJulian, "not a Julian day 001-366"},
}

// routing checks the check digit of the 9-digit routing number rtn, held in
// field f of a file header.
func (v *validator) routing(rec *Record, s *spec, f *field, rtn []byte) {
	if cd := checkDigit(rtn[:8]); cd != int(rtn[8]-'0') {
		v.add(v.strict(), rec, s.name, f, string(rtn), ErrCheckDigit, "", "routing number check digit "+string(rtn[8])+", calculated "+strconv.Itoa(cd))
		v.expect(strconv.Itoa(cd))
	}
}

// record validates one record in file order and sets its layout.
func (v *validator) record(rec *Record) {
	if v.state == stDone {
		if rec.IsFill() {
			rec.layout = fillSpec
			v.fill++
			return
		}
		if !v.doneNoted {
			v.doneNoted = true
			v.add(SeverityError, rec, "", nil, "", ErrSequence, "", "record after the file control")
		}
		return
	}
	switch rec.Raw[0] {
	case '1':
		v.fileHeader(rec)
	case '5':
		v.batchHeader(rec)
	case '6':
		v.entry(rec)
	case '7':
		v.addenda(rec)
	case '8':
		v.batchControl(rec)
	case '9':
		if rec.IsFill() {
			rec.layout = fillSpec
			v.records++ // not a fill here: a misplaced record
			v.add(SeverityError, rec, "block_fill", nil, "", ErrSequence, "", "block fill before the file control")
			return
		}
		v.fileControl(rec)
	default:
		v.add(SeverityError, rec, "", nil, string(rec.Raw[:1]), ErrRecordType, "", "unknown record type "+strconv.QuoteToASCII(string(rec.Raw[:1])))
	}
}

func (v *validator) fileHeader(rec *Record) {
	rec.layout = fileHeaderCodec.spec
	v.records++
	if v.sawHeader || v.state != stStart {
		v.add(SeverityError, rec, "file_header", nil, "", ErrSequence, "", "file header is not the first record")
		return
	}
	v.sawHeader = true
	v.state = stFile
	v.fields(rec, fileHeaderCodec.spec)
	fid := rec.Raw[33]
	if !(fid >= 'A' && fid <= 'Z' || fid >= '0' && fid <= '9') {
		v.add(v.strict(), rec, "file_header", fileHeaderCodec.spec.field("file_id_modifier"), string(fid), ErrValue, "", "must be A-Z or 0-9")
	}
}

// begin makes sure a file header was seen before a batch starts.
func (v *validator) begin(rec *Record) {
	if v.state == stStart {
		v.add(v.strict(), rec, "file_header", nil, "", ErrMissing, "", "file has no file header")
		v.state = stFile
	}
}

func (v *validator) batchHeader(rec *Record) {
	v.records++
	v.begin(rec)
	if v.state == stBatch {
		v.missingBatchControl(rec)
	}
	raw := &rec.Raw
	sec := string(raw[50:53])
	iat := sec == "IAT" || (sec == "COR" && strings.TrimRight(string(raw[4:20]), " ") == "IATCOR")
	c := batchHeaderCodec
	if iat {
		c = iatBatchHeaderCodec
	}
	rec.layout, rec.iat = c.spec, iat
	v.fields(rec, c.spec)
	svc, _ := parseDigits(raw[1:4])
	adv := svc == ServiceADV || sec == "ADV"
	v.b = batchState{line: rec.Line, raw: *raw, sec: sec, iat: iat, adv: adv, corporate: isCorporateSEC(sec),
		entry: entryCodec(sec, iat, adv), serviceClass: int(svc)}
	v.b.number = int(mustDigits(raw[87:94]))
	v.b.amount = v.b.entry.spec.field("amount")
	v.b.desc = strings.TrimRight(string(raw[53:63]), " ")
	v.state = stBatch
	if adv {
		v.anyADV = true
	}
	if !ValidSEC(sec) {
		v.add(SeverityError, rec, c.spec.name, c.spec.field("standard_entry_class"), sec, ErrValue, "", "unknown Standard Entry Class code")
	}
	switch svc {
	case ServiceMixed, ServiceCredits, ServiceDebits, ServiceADV:
	default:
		v.add(v.strict(), rec, c.spec.name, c.spec.field("service_class_code"), string(raw[1:4]), ErrValue, "", "service class must be 200, 220, 225 or 280")
	}
	if (sec == "ACK" || sec == "ATX") && svc != ServiceMixed {
		v.add(v.strict(), rec, c.spec.name, c.spec.field("service_class_code"), string(raw[1:4]), ErrValue, "", sec+" batches use service class 200")
	}
	if !iat {
		for _, name := range []string{"company_name", "company_identification", "company_entry_description"} {
			f := c.spec.field(name)
			if p := bytes.TrimRight(f.bytes(raw), " "); len(p) > 0 && allByte(p, '0') {
				v.add(v.strict(), rec, c.spec.name, f, string(p), ErrMandatory, "R26", "is all zeros")
			}
		}
	}
	desc := strings.TrimRight(string(raw[53:63]), " ")
	switch sec {
	case "XCK":
		if desc != "NO CHECK" {
			v.add(v.strict(), rec, c.spec.name, c.spec.field("company_entry_description"), desc, ErrValue, "", `XCK batches must be described "NO CHECK"`)
		}
		if name := strings.TrimRight(string(raw[4:20]), " "); name != "CHECK DESTROYED" {
			v.add(v.strict(), rec, c.spec.name, c.spec.field("company_name"), name, ErrValue, "", `XCK company name must be "CHECK DESTROYED"`)
		}
	case "RCK":
		if desc != "REDEPCHECK" {
			v.add(v.strict(), rec, c.spec.name, c.spec.field("company_entry_description"), desc, ErrValue, "", `RCK batches must be described "REDEPCHECK"`)
		}
	case "ENR":
		if desc != "AUTOENROLL" {
			v.add(v.strict(), rec, c.spec.name, c.spec.field("company_entry_description"), desc, ErrValue, "", `ENR batches must be described "AUTOENROLL"`)
		}
	}
	if v.lastBatchN != 0 && v.b.number <= v.lastBatchN {
		v.add(v.strict(), rec, c.spec.name, c.spec.field("batch_number"), strconv.Itoa(v.b.number), ErrSequence, "",
			"batch numbers must ascend (previous "+strconv.Itoa(v.lastBatchN)+")")
	}
	v.lastBatchN = v.b.number
	v.fileBatches++
	v.sum.Batches++
}

func mustDigits(p []byte) int64 {
	n, _ := parseDigits(p)
	return n
}

func (v *validator) missingBatchControl(rec *Record) {
	v.finishEntry()
	v.add(v.strict(), rec, "batch_control", nil, "", ErrMissing, "", "batch "+strconv.Itoa(v.b.number)+" (line "+strconv.Itoa(v.b.line)+") has no batch control")
	v.closeBatch(nil)
}

func (v *validator) entry(rec *Record) {
	v.records++
	if v.state != stBatch {
		v.add(SeverityError, rec, "entry_detail", nil, "", ErrSequence, "", "entry detail before any batch header")
		return
	}
	v.finishEntry()
	b := &v.b
	rec.layout, rec.entry = b.entry.spec, b.entry
	v.fields(rec, b.entry.spec)
	raw := &rec.Raw
	tx := int(mustDigits(raw[1:3]))
	amount := mustDigits(b.amount.bytes(raw))
	b.count++
	b.hash += mustDigits(raw[3:11])
	info := txCodes[tx]
	if !info.valid {
		v.add(SeverityError, rec, "entry_detail", eTxCode.f, string(raw[1:3]), ErrValue, "", "transaction code not in the Nacha table")
	} else {
		if info.credit {
			b.credit += amount
			v.sum.CreditTotal += amount
		} else {
			b.debit += amount
			v.sum.DebitTotal += amount
		}
		if info.adv != b.adv {
			v.add(v.strict(), rec, "entry_detail", eTxCode.f, string(raw[1:3]), ErrValue, "", "ADV codes 81-88 only in ADV batches")
		}
		if b.serviceClass == ServiceCredits && !info.credit {
			v.add(v.strict(), rec, "entry_detail", eTxCode.f, string(raw[1:3]), ErrValue, "", "debit in a credits-only (220) batch")
		} else if b.serviceClass == ServiceDebits && info.credit {
			v.add(v.strict(), rec, "entry_detail", eTxCode.f, string(raw[1:3]), ErrValue, "", "credit in a debits-only (225) batch")
		}
	}
	if allDigits(raw[3:12]) {
		if cd := checkDigit(raw[3:11]); cd != int(raw[11]-'0') {
			v.add(v.strict(), rec, "entry_detail", eCheck.f, string(raw[11]), ErrCheckDigit, "R28",
				"RDFI routing check digit "+string(raw[11])+", calculated "+strconv.Itoa(cd))
			v.expect(strconv.Itoa(cd))
		}
	}
	if !b.adv {
		trace := raw[79:94]
		if allDigits(trace) {
			if string(trace[:8]) != string(b.raw[79:87]) {
				v.add(v.strict(), rec, "entry_detail", eTrace.f, string(trace), ErrTrace, "R27",
					"trace prefix "+string(trace[:8])+" differs from the batch ODFI "+string(b.raw[79:87]))
			}
			t := mustDigits(trace)
			if t <= b.lastTrace {
				v.add(v.strict(), rec, "entry_detail", eTrace.f, string(trace), ErrTrace, "R27", "trace numbers must ascend within a batch")
			}
			b.lastTrace = t
		}
	}
	v.e = entryState{active: true, line: rec.Line, raw: *raw, txCode: tx, amount: amount, nextIAT: 10}
	v.sum.Entries++
}

func (v *validator) addenda(rec *Record) {
	v.records++
	raw := &rec.Raw
	if v.state != stBatch || !v.e.active {
		v.add(SeverityError, rec, "addenda", nil, "", ErrSequence, "R25", "addenda record without an entry detail before it")
		if v.state == stBatch {
			v.b.count++
		}
		return
	}
	b, e := &v.b, &v.e
	b.count++
	e.addenda++
	v.sum.Addenda++
	typ := raw[1:3]
	c := addendaLayout(typ, raw[3:6], b.iat)
	if c == nil {
		v.add(SeverityError, rec, "addenda", nil, string(typ), ErrAddenda, "R25", "unknown addenda type code")
		e.badLayout = true
		return
	}
	rec.layout, rec.addenda = c.spec, c
	v.fields(rec, c.spec)
	name := c.spec.name
	last7 := e.raw[87:94]
	switch string(typ) {
	case "05", "17", "18":
		if string(typ) == "05" {
			e.n05++
		} else if string(typ) == "17" {
			e.n17++
		} else {
			e.n18++
		}
		seq := int(mustDigits(raw[83:87]))
		want := e.lastSeq + 1
		if string(typ) == "18" && e.n18 == 1 {
			want = 1 // 17s and 18s are numbered each on its own
		}
		if seq != want {
			v.add(v.strict(), rec, name, c.spec.field("addenda_sequence_number"), strconv.Itoa(seq), ErrAddenda, "R25",
				"addenda sequence number must be "+strconv.Itoa(want))
		}
		e.lastSeq = seq
		if string(raw[87:94]) != string(last7) {
			v.add(v.strict(), rec, name, c.spec.field("entry_detail_sequence_number"), string(raw[87:94]), ErrTrace, "R27",
				"must be the entry trace's last 7 digits "+string(last7))
		}
		if string(typ) != "05" && e.nextIAT <= 16 {
			v.add(v.strict(), rec, name, nil, string(typ), ErrAddenda, "R25", "IAT addenda 17/18 before addenda 10-16 are complete")
		}
	case "10", "11", "12", "13", "14", "15", "16":
		t := int(mustDigits(typ))
		if t != e.nextIAT {
			v.add(v.strict(), rec, name, nil, string(typ), ErrAddenda, "R25", "IAT addenda out of order: expected "+strconv.Itoa(e.nextIAT))
		}
		e.nextIAT = t + 1
		if string(raw[87:94]) != string(last7) {
			v.add(v.strict(), rec, name, c.spec.field("entry_detail_sequence_number"), string(raw[87:94]), ErrTrace, "R27",
				"must be the entry trace's last 7 digits "+string(last7))
		}
	case "02", "98", "99":
		if string(typ) == "02" {
			e.n02++
		}
		if string(raw[79:94]) != string(e.raw[79:94]) {
			v.add(SeverityWarning, rec, name, aTrace.f, string(raw[79:94]), ErrTrace, "R27",
				"addenda trace differs from the entry's "+string(e.raw[79:94]))
		}
	}
	if string(typ) == "98" || string(typ) == "99" {
		v.familyAddenda(rec, c)
	}
}

func (v *validator) familyAddenda(rec *Record, c *codec[Addenda]) {
	raw := &rec.Raw
	e := &v.e
	code := string(raw[3:6])
	codeField := c.spec.fields[2]
	e.family = true
	if raw[1] == '9' && raw[2] == '9' {
		e.n99++
		e.kind = returnFamily(raw[3:6])
		if !KnownReturnCode(code) {
			sev := SeverityError
			if v.opts.CustomReturnCodes {
				sev = SeverityWarning
			}
			v.add(sev, rec, c.spec.name, codeField, code, ErrUnknownCode, "", "unknown return reason code "+code)
		}
		v.sum.Returns = append(v.sum.Returns, ReturnItem{Kind: e.kind, Code: code,
			OriginalTrace: strings.TrimSpace(string(raw[6:21])), TraceNumber: string(e.raw[79:94]), TransactionCode: e.txCode, Amount: e.amount, Line: rec.Line})
		return
	}
	e.n98++
	e.kind = KindNOC
	if c == refusedAddenda98 {
		e.kind = KindRefusedNOC
	}
	if !KnownChangeCode(code) {
		sev := SeverityError
		if v.opts.CustomReturnCodes {
			sev = SeverityWarning
		}
		v.add(sev, rec, c.spec.name, codeField, code, ErrUnknownCode, "", "unknown change code "+code)
	}
	corr := c.spec.field("corrected_data")
	v.sum.NOCs = append(v.sum.NOCs, NOCItem{Code: code, OriginalTrace: strings.TrimSpace(string(raw[6:21])),
		CorrectedData: strings.TrimRight(string(corr.bytes(raw)), " "), Refused: e.kind == KindRefusedNOC, Line: rec.Line})
}

// finishEntry checks what needs the entry's addenda: its kind, its amount
// rule, its addenda count and indicator.
func (v *validator) finishEntry() {
	e := &v.e
	if !e.active {
		return
	}
	e.active = false
	b := &v.b
	info := txCodes[e.txCode]
	if !e.family {
		switch {
		case b.sec == "ACK" || b.sec == "ATX":
			e.kind = KindAck
		case info.prenote:
			e.kind = KindPrenote
		default:
			e.kind = KindForward
		}
	}
	b.kinds[e.kind]++
	rec := &Record{Line: e.line, Offset: 0}
	spec := b.entry.spec
	ind := int(e.raw[78] - '0')
	if ind != 0 && ind != 1 {
		ind = -1
	}
	if (e.addenda > 0) != (ind == 1) {
		v.add(v.strict(), rec, spec.name, eIndicator.f, string(e.raw[78]), ErrAddenda, "R25",
			"addenda record indicator "+string(e.raw[78])+" but "+strconv.Itoa(e.addenda)+" addenda follow")
	}
	if b.corporate || b.iat {
		f := spec.field("addenda_records")
		declared, ok := parseDigits(f.bytes(&e.raw))
		if ok && int(declared) != e.addenda {
			v.add(v.strict(), rec, spec.name, f, strconv.Itoa(int(declared)), ErrAddenda, "R25",
				"number of addenda records says "+strconv.Itoa(int(declared))+" but "+strconv.Itoa(e.addenda)+" follow")
		}
	}
	if e.badLayout {
		return
	}
	// Return-family entries: one 99 or one 98, transaction code of the return kind.
	if e.family {
		want := 1
		if b.iat && e.n99 == 1 {
			want = 8 // 10-16 and the 99
		}
		if e.n98+e.n99 != 1 || (e.addenda != want && !(b.iat && e.n98 == 1)) {
			v.add(v.strict(), rec, spec.name, nil, strconv.Itoa(e.addenda), ErrAddenda, "R25",
				"a "+e.kind.String()+" entry carries exactly one 98/99 addenda"+iatNote(b.iat))
		}
		if info.valid && !info.ret {
			v.add(SeverityWarning, rec, spec.name, eTxCode.f, strconv.Itoa(e.txCode), ErrValue, "",
				e.kind.String()+" entry carries a forward transaction code")
		}
		if (e.kind == KindNOC || e.kind == KindRefusedNOC) && e.amount != 0 {
			v.add(v.strict(), rec, spec.name, b.amount, strconv.FormatInt(e.amount, 10), ErrAmount, "R19", "a NOC's amount must be zero")
		}
		return
	}
	// Forward entries.
	mustZero := info.prenote || info.zero || b.sec == "DNE" || b.sec == "ENR" || e.kind == KindAck
	if mustZero && e.amount != 0 {
		v.add(v.strict(), rec, spec.name, b.amount, strconv.FormatInt(e.amount, 10), ErrAmount, "R19", "amount must be zero for this entry")
	} else if !mustZero && e.amount == 0 && info.valid && !info.ret && allDigits(b.amount.bytes(&e.raw)) {
		v.add(v.strict(), rec, spec.name, b.amount, "0", ErrAmount, "R19", "amount must not be zero")
	}
	if info.ret && b.sec != "COR" {
		v.add(v.strict(), rec, spec.name, eTxCode.f, strconv.Itoa(e.txCode), ErrValue, "", "return transaction code on an entry with no 98/99 addenda")
	}
	v.directionRule(rec, spec, info)
	limit, op := int64(0), ""
	switch b.sec {
	case "ARC", "BOC", "POP":
		limit, op = 2500000, "at most $25,000.00"
	case "RCK", "XCK":
		limit, op = 249999, "less than $2,500.00"
	}
	if limit > 0 && e.amount > limit {
		v.add(v.strict(), rec, spec.name, b.amount, strconv.FormatInt(e.amount, 10), ErrAmount, "", b.sec+" entries must be "+op)
	}
	v.addendaRule(rec, spec, info)
}

// directionRule applies the Rules' limits on debits and credits outside
// reversals (nacha.md §10.2): loan debits (55) and CIE debits are returned
// R35; ARC, BOC, POP, RCK, TEL and XCK credits R36.
func (v *validator) directionRule(rec *Record, spec *spec, info txInfo) {
	b, e := &v.b, &v.e
	if !info.valid || info.prenote || b.desc == "REVERSAL" {
		return
	}
	switch {
	case e.txCode == 55:
		v.add(v.strict(), rec, spec.name, eTxCode.f, "55", ErrValue, "R35", "loan debits (55) are allowed only in REVERSAL batches")
	case b.sec == "CIE" && !info.credit:
		v.add(v.strict(), rec, spec.name, eTxCode.f, strconv.Itoa(e.txCode), ErrValue, "R35", "CIE entries are credits (debits only in REVERSAL batches)")
	case info.credit && !info.zero:
		switch b.sec {
		case "ARC", "BOC", "POP", "RCK", "TEL", "XCK":
			v.add(v.strict(), rec, spec.name, eTxCode.f, strconv.Itoa(e.txCode), ErrValue, "R36", b.sec+" entries are debits (credits only in REVERSAL batches)")
		}
	}
}

func iatNote(iat bool) string {
	if iat {
		return " (IAT returns: addenda 10-16 and the 99)"
	}
	return ""
}

// addendaRule checks how many addenda of which type a forward entry carries (nacha.md §7.10).
func (v *validator) addendaRule(rec *Record, spec *spec, info txInfo) {
	b, e := &v.b, &v.e
	bad := func(msg string) {
		v.add(v.strict(), rec, spec.name, nil, strconv.Itoa(e.addenda), ErrAddenda, "R25", msg)
	}
	other := e.addenda - e.n05
	switch {
	case b.iat:
		if e.nextIAT != 17 {
			bad("IAT entries carry addenda 10 to 16, in order")
		}
		if e.n17 > 2 || e.n18 > 5 || e.addenda > 12 || e.n05+e.n02 > 0 {
			bad("IAT entries carry at most two 17s, five 18s and 12 addenda in all")
		}
	case b.sec == "MTE" || b.sec == "POS" || b.sec == "SHR":
		if !info.prenote && (e.n02 != 1 || e.addenda != 1) {
			bad(b.sec + " entries carry exactly one 02 addenda")
		}
	case b.sec == "ARC" || b.sec == "BOC" || b.sec == "POP" || b.sec == "RCK" || b.sec == "TEL" || b.sec == "TRC" || b.sec == "XCK":
		if e.addenda != 0 {
			bad(b.sec + " entries carry no addenda")
		}
	case b.sec == "DNE":
		if e.n05 != 1 || other != 0 {
			bad("DNE entries carry exactly one 05 addenda")
		}
	case b.sec == "ENR":
		if e.n05 < 1 || other != 0 {
			bad("ENR entries carry at least one 05 addenda")
		}
	case b.corporate:
		if other != 0 {
			bad(b.sec + " entries carry 05 addenda only")
		}
	case b.adv:
		if e.addenda != 0 {
			bad("ADV entries carry no addenda")
		}
	default: // PPD, CCD, WEB, CIE, ACK
		if e.n05 > 1 || other != 0 {
			bad(b.sec + " entries carry at most one 05 addenda")
		}
		if info.zero && e.n05 == 0 {
			bad("zero-dollar remittance entries carry an 05 addenda")
		}
	}
}

func (v *validator) batchControl(rec *Record) {
	v.records++
	if v.state != stBatch {
		v.add(SeverityError, rec, "batch_control", nil, "", ErrSequence, "", "batch control without a batch header")
		return
	}
	v.finishEntry()
	c := batchControlCodec
	if v.b.adv {
		c = advBatchControlCodec
	}
	rec.layout, rec.adv = c.spec, v.b.adv
	v.fields(rec, c.spec)
	v.closeBatch(rec)
}

// closeBatch checks the batch against its control (nil when the control is
// missing) and adds it to the file totals.
func (v *validator) closeBatch(rec *Record) {
	b := &v.b
	v.state = stFile
	hash := b.hash % 10_000_000_000
	if rec != nil {
		c := batchControlCodec
		if b.adv {
			c = advBatchControlCodec
		}
		raw := &rec.Raw
		cmp := func(name string, want int64) { v.compare(rec, c.spec, name, want, "the entries") }
		cmp("service_class_code", int64(b.serviceClass))
		cmp("entry_addenda_count", int64(b.count))
		cmp("entry_hash", hash)
		cmp("total_debit", b.debit)
		cmp("total_credit", b.credit)
		cmp("batch_number", int64(b.number))
		if odfi := string(raw[79:87]); odfi != string(b.raw[79:87]) {
			v.add(v.strict(), rec, c.spec.name, c.spec.field("odfi_identification"), odfi, ErrControl, "", "ODFI differs from the batch header's "+string(b.raw[79:87]))
		}
		if !b.adv {
			got := strings.TrimSpace(string(raw[44:54]))
			want := strings.TrimSpace(string(b.raw[40:50]))
			if got != "" && got != want {
				v.add(v.strict(), rec, c.spec.name, c.spec.field("company_identification"), got, ErrControl, "", "company identification differs from the batch header's "+strconv.Quote(want))
			}
		}
	}
	if b.count == 0 {
		v.at(v.strict(), b.line, "batch_header", nil, "", ErrMissing, "", "batch "+strconv.Itoa(b.number)+" has no entries")
	}
	// The effective entry date is edited for forward batches only.
	fam := b.kinds[KindReturn] + b.kinds[KindDishonored] + b.kinds[KindContested] + b.kinds[KindNOC] + b.kinds[KindRefusedNOC]
	fwd := b.kinds[KindForward] + b.kinds[KindPrenote] + b.kinds[KindAck]
	if fam == 0 && b.sec != "ENR" && b.sec != "COR" && b.sec != "TRC" && b.sec != "TRX" && !b.adv {
		eedF := batchHeaderCodec.spec.field("effective_entry_date")
		switch eed := b.raw[69:75]; {
		case allByte(eed, '0'):
			// A placeholder many generators write; the ACH Operator
			// settles such entries at the next opportunity.
			v.at(SeverityWarning, b.line, "batch_header", eedF, string(eed), ErrDate, "", "effective entry date is 000000; the ACH Operator will use the next settlement date")
		case !validDate(eed):
			v.at(v.strict(), b.line, "batch_header", eedF, string(eed), ErrDate, "R18", "effective entry date is not a valid YYMMDD date")
		}
	}
	if b.sec == "TEL" && b.desc == "REVERSAL" && b.debit > 0 {
		v.at(SeverityWarning, b.line, "batch_header", nil, b.desc, ErrValue, "", "TEL REVERSAL batch carries debits")
	}
	if b.sec == "PPD" && b.credit > 0 && b.desc != "PAYROLL" && fam == 0 {
		up := strings.ToUpper(b.desc)
		if strings.Contains(up, "PAYROLL") || strings.Contains(up, "SALARY") || strings.Contains(up, "WAGE") {
			v.at(SeverityWarning, b.line, "batch_header", batchHeaderCodec.spec.field("company_entry_description"), b.desc, ErrValue, "",
				`PPD wage credits are described exactly "PAYROLL" from 2026-03-20`)
		}
	}
	if fam > 0 && fwd > 0 {
		v.at(v.strict(), b.line, "batch_header", nil, "", ErrSequence, "", "batch mixes forward entries with returns or NOCs")
	}
	if kinds := btoi(b.kinds[KindReturn] > 0) + btoi(b.kinds[KindDishonored] > 0) + btoi(b.kinds[KindContested] > 0); kinds > 1 {
		v.at(v.strict(), b.line, "batch_header", nil, "", ErrSequence, "", "returns, dishonored returns and contested dishonored returns share a batch")
	}
	v.fileCount += b.count
	v.fileHash += hash
	v.fileDebit += b.debit
	v.fileCredit += b.credit
}

// compare reports a control field whose value differs from want, the
// value recomputed from what (the batch's entries, or the file).
func (v *validator) compare(rec *Record, s *spec, name string, want int64, what string) {
	f := s.field(name)
	got, ok := parseDigits(f.bytes(&rec.Raw))
	if ok && got != want {
		v.add(v.strict(), rec, s.name, f, strconv.FormatInt(got, 10), ErrControl, "",
			strings.ReplaceAll(name, "_", " ")+" "+strconv.FormatInt(got, 10)+" does not match "+what+" ("+strconv.FormatInt(want, 10)+")")
		v.expect(strconv.FormatInt(want, 10))
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (v *validator) fileControl(rec *Record) {
	v.records++
	v.begin(rec)
	if v.state == stBatch {
		v.missingBatchControl(rec)
	}
	c := fileControlCodec
	if v.anyADV {
		c = advFileControlCodec
	}
	rec.layout, rec.adv = c.spec, v.anyADV
	v.fields(rec, c.spec)
	blocks := (v.records + 9) / 10
	cmp := func(name string, want int64) { v.compare(rec, c.spec, name, want, "the file") }
	cmp("batch_count", int64(v.fileBatches))
	cmp("block_count", int64(blocks))
	cmp("entry_addenda_count", int64(v.fileCount))
	cmp("entry_hash", v.fileHash%10_000_000_000)
	cmp("total_debit", v.fileDebit)
	cmp("total_credit", v.fileCredit)
	v.state = stDone
	v.fcSeen = true
	v.fcLine = rec.Line
	v.fcExpect = blocks*10 - v.records
}

// finish runs the end-of-file checks.
func (v *validator) finish(last *Record) {
	if last == nil {
		last = &Record{}
	}
	if v.state == stBatch {
		v.missingBatchControl(last)
	}
	if !v.fcSeen {
		if v.records > 0 {
			v.add(v.strict(), last, "file_control", nil, "", ErrMissing, "", "file has no file control")
		}
		return
	}
	if v.fileBatches == 0 {
		v.at(v.strict(), v.fcLine, "file_control", nil, "", ErrMissing, "", "file has no batches")
	}
	if v.fill != v.fcExpect {
		v.at(v.strict(), v.fcLine, "block_fill", nil, strconv.Itoa(v.fill), ErrBlockFill, "",
			strconv.Itoa(v.fill)+" block fill records; the file needs "+strconv.Itoa(v.fcExpect)+" to fill its last block of 10")
	}
}
