package wire

import (
	"encoding/xml"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// vkind is the shape an ISO 20022 element's text must have.
type vkind uint8

const (
	vText     vkind = iota // free text, 1..max characters: no CR/LF, not blank
	vID                    // identifier text, 1..max characters
	vIMAD                  // [0-9]{8}[A-Z0-9]{8}[0-9]{6}
	vUETR                  // lower-case UUID v4
	vABA                   // 9-digit routing number with its check digit
	vMember                // clearing member id: USABA → vABA, else 1..35
	vCode                  // one of codes
	vCode4                 // external code: [A-Z0-9]{1,4}
	vCtry                  // [A-Z]{2}
	vCcy                   // [A-Z]{3}
	vUSD                   // "USD"
	vBIC                   // [A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?
	vDate                  // YYYY-MM-DD
	vDateTime              // ISO date-time, zone optional (Eastern when absent)
	vAmount                // decimal: Fedwire wants exactly 2 fraction digits, ≤ 14 digits
	vMsgDef                // [a-z]{4}.[0-9]{3}.[0-9]{3}.[0-9]{2}
	vConst                 // exactly codes
	vBool                  // true | false
	vMember9               // [A-Z0-9]{9} (AppHdr connection party)
	vMktID                 // frb.fedwire[.xxx].01

	// CBPR+ kinds (iso_cbpr.go).
	vXText      // CBPR+ extended text: vText in the FIN X extended character set, on reading too
	vFINX       // FIN X identifier: [0-9a-zA-Z/-?:().,'+ ], 1..max
	vFINXRef    // vFINX reference: not starting or ending with '/', no "//"
	vIBAN       // ValidIBAN
	vCtryISO    // ISO 3166-1 alpha-2 code (ValidCountry)
	vBICFI      // vBIC whose country letters are an ISO 3166 code
	vAmountCBPR // decimal > 0, at most 2 fraction digits and 12 integer digits
	vCBPRSvc    // swift.cbprplus.NN
)

// rule is the check an element gets, on reading and (through reading
// back) on writing.
type rule struct {
	kind  vkind
	max   int    // vText, vID: maximum length in characters
	codes string // vCode: allowed values, space-separated; vConst: the value
	// mand: the element is required; mandIn: it is required when its
	// parent element is present.
	mand, mandIn bool
	// repeat caps a repeated element (AdrLine 3, AddtlInf 2).
	repeat int
}

// bind ties an element (path below the message root) to a member of T.
// Exactly one accessor is set, or none for a vConst element.
type bind[T any] struct {
	path []string
	attr string // the binding reads this attribute of the element
	r    rule
	s    func(*T) *string
	ss   func(*T) *[]string
	n    func(*T) *int64
	t    func(*T) *time.Time
}

func p(path string) []string { return strings.Split(path, "/") }

func bs[T any](path string, r rule, acc func(*T) *string) bind[T] {
	return bind[T]{path: p(path), r: r, s: acc}
}
func bss[T any](path string, r rule, acc func(*T) *[]string) bind[T] {
	return bind[T]{path: p(path), r: r, ss: acc}
}
func bamt[T any](path string, r rule, cents func(*T) *int64, ccy func(*T) *string, ccyRule vkind) []bind[T] {
	if r.kind != vAmountCBPR {
		r.kind = vAmount
	}
	return []bind[T]{{path: p(path), r: r, n: cents}, {path: p(path), attr: "Ccy", r: rule{kind: ccyRule, mand: true}, s: ccy}}
}
func btime[T any](path string, r rule, acc func(*T) *time.Time) bind[T] {
	r.kind = vDateTime
	return bind[T]{path: p(path), r: r, t: acc}
}
func bconst[T any](path, value string) bind[T] {
	return bind[T]{path: p(path), r: rule{kind: vConst, codes: value, mand: true}}
}

// mand is a mandatory rule of kind k; opt an optional one; inParent one
// required when its parent is present.
func mand(k vkind, max int) rule     { return rule{kind: k, max: max, mand: true} }
func opt(k vkind, max int) rule      { return rule{kind: k, max: max} }
func inParent(k vkind, max int) rule { return rule{kind: k, max: max, mandIn: true} }
func codes(mand bool, cs string) rule {
	return rule{kind: vCode, codes: cs, mand: mand}
}

// Party and address bindings, shared by every message.

// Address is a PostalAddress24: structured elements, or unstructured
// lines (AdrLine; Fedwire allows three of 35). Each field is the element
// of the same meaning: Department Dept, SubDepartment SubDept, StreetName
// StrtNm, BuildingNumber BldgNb, BuildingName BldgNm, Floor Flr, PostBox
// PstBx, Room, PostCode PstCd, TownName TwnNm, TownLocationName TwnLctnNm,
// DistrictName DstrctNm, CountrySubDivision CtrySubDvsn (a state),
// Country Ctry (ISO 3166 two letters), Lines AdrLine.
type Address struct {
	Department         string   `json:"department,omitempty"`
	SubDepartment      string   `json:"sub_department,omitempty"`
	StreetName         string   `json:"street_name,omitempty"`
	BuildingNumber     string   `json:"building_number,omitempty"`
	BuildingName       string   `json:"building_name,omitempty"`
	Floor              string   `json:"floor,omitempty"`
	PostBox            string   `json:"post_box,omitempty"`
	Room               string   `json:"room,omitempty"`
	PostCode           string   `json:"post_code,omitempty"`
	TownName           string   `json:"town_name,omitempty"`
	TownLocationName   string   `json:"town_location_name,omitempty"`
	DistrictName       string   `json:"district_name,omitempty"`
	CountrySubDivision string   `json:"country_sub_division,omitempty"`
	Country            string   `json:"country,omitempty"`
	Lines              []string `json:"lines,omitempty"`
}

// Party is a person, an organisation or a financial institution as ISO
// 20022 identifies them. A person or organisation has a Name and an
// Address; a financial institution has a BIC, a clearing-system member id
// (for Fedwire: ClearingSystem "USABA" and MemberID the routing number),
// and may have a Name and Address.
type Party struct {
	Name    string  `json:"name,omitempty"` // Nm
	Address Address `json:"address"`        // PstlAdr
	BIC     string  `json:"bic,omitempty"`  // FinInstnId/BICFI
	// ClearingSystem is ClrSysMmbId/ClrSysId/Cd; the writers put "USABA"
	// when MemberID is set and this is empty.
	ClearingSystem string `json:"clearing_system,omitempty"`
	MemberID       string `json:"member_id,omitempty"` // ClrSysMmbId/MmbId: the routing number under USABA
}

// Account identifies an account by IBAN or by another identifier
// (Id/Othr/Id: the US account number).
type Account struct {
	IBAN string `json:"iban,omitempty"` // Id/IBAN
	ID   string `json:"id,omitempty"`   // Id/Othr/Id
}

func isZeroAddress(a *Address) bool {
	return a.Department == "" && a.SubDepartment == "" && a.StreetName == "" && a.BuildingNumber == "" && a.BuildingName == "" &&
		a.Floor == "" && a.PostBox == "" && a.Room == "" && a.PostCode == "" && a.TownName == "" && a.TownLocationName == "" &&
		a.DistrictName == "" && a.CountrySubDivision == "" && a.Country == "" && len(a.Lines) == 0
}

func addressBinds[T any](prefix string, acc func(*T) *Address) []bind[T] {
	return addressBindsOf(prefix, acc, vText, vCtry, 7)
}

// addressBindsOf binds a PostalAddress24 whose free text has kind text,
// whose country has kind ctry and which holds at most lines AdrLine.
func addressBindsOf[T any](prefix string, acc func(*T) *Address, text, ctry vkind, lines int) []bind[T] {
	f := func(get func(*Address) *string) func(*T) *string {
		return func(t *T) *string { return get(acc(t)) }
	}
	p := prefix + "/"
	return []bind[T]{
		bs(p+"Dept", opt(text, 70), f(func(a *Address) *string { return &a.Department })),
		bs(p+"SubDept", opt(text, 70), f(func(a *Address) *string { return &a.SubDepartment })),
		bs(p+"StrtNm", opt(text, 70), f(func(a *Address) *string { return &a.StreetName })),
		bs(p+"BldgNb", opt(text, 16), f(func(a *Address) *string { return &a.BuildingNumber })),
		bs(p+"BldgNm", opt(text, 35), f(func(a *Address) *string { return &a.BuildingName })),
		bs(p+"Flr", opt(text, 70), f(func(a *Address) *string { return &a.Floor })),
		bs(p+"PstBx", opt(text, 16), f(func(a *Address) *string { return &a.PostBox })),
		bs(p+"Room", opt(text, 70), f(func(a *Address) *string { return &a.Room })),
		bs(p+"PstCd", opt(text, 16), f(func(a *Address) *string { return &a.PostCode })),
		bs(p+"TwnNm", opt(text, 35), f(func(a *Address) *string { return &a.TownName })),
		bs(p+"TwnLctnNm", opt(text, 35), f(func(a *Address) *string { return &a.TownLocationName })),
		bs(p+"DstrctNm", opt(text, 35), f(func(a *Address) *string { return &a.DistrictName })),
		bs(p+"CtrySubDvsn", opt(text, 35), f(func(a *Address) *string { return &a.CountrySubDivision })),
		bs(p+"Ctry", opt(ctry, 2), f(func(a *Address) *string { return &a.Country })),
		bss(p+"AdrLine", rule{kind: text, max: 70, repeat: lines}, func(t *T) *[]string { return &acc(t).Lines }),
	}
}

// personBinds binds a PartyIdentification135 (Nm, PstlAdr).
func personBinds[T any](prefix string, acc func(*T) *Party) []bind[T] {
	return append([]bind[T]{bs(prefix+"/Nm", opt(vText, 140), func(t *T) *string { return &acc(t).Name })},
		addressBinds(prefix+"/PstlAdr", func(t *T) *Address { return &acc(t).Address })...)
}

// agentBinds binds a BranchAndFinancialInstitutionIdentification6 at
// prefix (the element that holds FinInstnId).
func agentBinds[T any](prefix string, acc func(*T) *Party) []bind[T] {
	fi := prefix + "/FinInstnId/"
	return append([]bind[T]{
		bs(fi+"BICFI", opt(vBIC, 11), func(t *T) *string { return &acc(t).BIC }),
		bs(fi+"ClrSysMmbId/ClrSysId/Cd", opt(vCode4, 5), func(t *T) *string { return &acc(t).ClearingSystem }),
		bs(fi+"ClrSysMmbId/MmbId", inParent(vMember, 35), func(t *T) *string { return &acc(t).MemberID }),
		bs(fi+"Nm", opt(vText, 140), func(t *T) *string { return &acc(t).Name }),
	}, addressBinds(fi+"PstlAdr", func(t *T) *Address { return &acc(t).Address })...)
}

func accountBinds[T any](prefix string, acc func(*T) *Account) []bind[T] {
	return []bind[T]{
		bs(prefix+"/Id/IBAN", opt(vID, 34), func(t *T) *string { return &acc(t).IBAN }),
		bs(prefix+"/Id/Othr/Id", opt(vID, 34), func(t *T) *string { return &acc(t).ID }),
	}
}

// joinBinds concatenates binding lists.
func joinBinds[T any](parts ...[]bind[T]) []bind[T] {
	var out []bind[T]
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// isoChecker reads bindings from a tree and reports findings.
type isoChecker struct {
	f        *findings
	msg      *ISOMessage // findings are kept on it
	root     *node       // the message root (FIToFICstmrCdtTrf …) or AppHdr
	rootPath string      // prefix of reported paths
	opts     Options
	forWrite bool // reading back what a writer produced: writer-only rules apply
}

func (c *isoChecker) report(n *node, path []string, value string, sev Severity, err error, msg string) {
	e := &ParseError{Line: n.line, Column: n.col, Offset: n.off, Path: strings.TrimSuffix(c.rootPath+strings.Join(path, "/"), "/"),
		Value: value, Severity: sev, Err: err, Msg: msg}
	if len(e.Value) > 64 {
		e.Value = e.Value[:64] + "…"
	}
	c.keep(e)
}

func (c *isoChecker) keep(e *ParseError) {
	if c.msg != nil {
		e.Message = c.msg.Index
		if e.Severity == SeverityError {
			c.msg.errs++
		}
	}
	if c.f.add(e) && c.msg != nil {
		c.msg.Findings = append(c.msg.Findings, e)
	}
}

func (c *isoChecker) lenientSev() Severity { return c.f.strict() }

// decode fills v from the tree by the bindings, checking each element.
func decode[T any](c *isoChecker, binds []bind[T], v *T) {
	for i := range binds {
		b := &binds[i]
		parentPath := b.path[:len(b.path)-1]
		if b.ss != nil {
			parent := c.root.find(parentPath)
			if parent == nil {
				continue
			}
			last := b.path[len(b.path)-1]
			var vals []string
			for _, k := range parent.kids {
				if k.name != last {
					continue
				}
				if b.r.repeat > 0 && len(vals) == b.r.repeat {
					c.report(k, b.path, "", SeverityError, ErrNotPermitted, "more than "+strconv.Itoa(b.r.repeat)+" "+last+" elements")
					break
				}
				c.checkRule(k, b.path, "", b.r, k.text)
				vals = append(vals, k.text)
			}
			*b.ss(v) = vals
			continue
		}
		n := c.root.find(b.path)
		if n == nil {
			if b.attr != "" {
				continue // the element's own binding reports it
			}
			if b.r.mand || b.r.mandIn && c.root.find(parentPath) != nil {
				c.report(c.root.deepest(b.path), b.path, "", SeverityError, ErrMissing, "mandatory element "+b.path[len(b.path)-1]+" is missing")
			}
			continue
		}
		text := n.text
		if b.attr != "" {
			a, ok := n.attr(b.attr)
			if !ok {
				if b.r.mand {
					c.report(n, b.path, "", SeverityError, ErrMissing, "mandatory attribute "+b.attr+" of "+b.path[len(b.path)-1]+" is missing")
				}
				continue
			}
			text = a
		}
		if len(n.kids) > 0 && b.attr == "" {
			c.report(n, b.path, "", SeverityError, ErrValue, b.path[len(b.path)-1]+" holds elements where text is expected")
			continue
		}
		c.checkRule(n, b.path, b.attr, b.r, text)
		switch {
		case b.s != nil:
			*b.s(v) = text
		case b.n != nil:
			if cents, _, err := ParseAmount(text); err == nil {
				*b.n(v) = cents
			}
		case b.t != nil:
			if tm, err := parseDateTime(text); err == nil {
				*b.t(v) = tm
			}
		}
	}
}

// checkRule applies r to text, found at n (path, attr for an attribute).
func (c *isoChecker) checkRule(n *node, path []string, attr string, r rule, text string) {
	name := path[len(path)-1]
	if attr != "" {
		name += "@" + attr
	}
	bad := func(sev Severity, err error, msg string) {
		c.report(n, path, text, sev, err, msg)
	}
	if text == "" && r.kind != vText && r.kind != vXText {
		bad(SeverityError, ErrMissing, name+" is empty")
		return
	}
	switch r.kind {
	case vFINX, vFINXRef:
		c.checkFINX(n, path, name, text, r)
	case vXText:
		switch {
		case text == "":
			bad(SeverityError, ErrMissing, name+" is empty")
		case utf8.RuneCountInString(text) > r.max:
			bad(SeverityError, ErrLength, name+" is "+strconv.Itoa(utf8.RuneCountInString(text))+" characters, more than "+strconv.Itoa(r.max))
		case strings.TrimSpace(text) == "":
			bad(c.lenientSev(), ErrValue, name+" holds only blanks: omit the element instead")
		default:
			if i := badCPMI(text); i >= 0 {
				r, _ := utf8.DecodeRuneInString(text[i:])
				bad(c.lenientSev(), ErrCharacter, name+": character "+strconv.QuoteRune(r)+" is outside the CBPR+ character set (FIN X extended)")
			}
		}
	case vIBAN:
		if err := ValidIBAN(text); err != nil {
			sentinel := ErrValue
			for _, s := range []error{ErrCheckDigit, ErrLength, ErrCode} {
				if errors.Is(err, s) {
					sentinel = s
				}
			}
			bad(SeverityError, sentinel, name+": "+strings.TrimPrefix(err.Error(), "wire: "))
		}
	case vCtryISO:
		if !ValidCountry(text) {
			bad(SeverityError, ErrCode, name+" "+strconv.Quote(text)+" is not an ISO 3166 alpha-2 country code")
		}
	case vBICFI:
		switch {
		case !validBIC(text):
			bad(SeverityError, ErrValue, name+" "+strconv.Quote(text)+" is not a BIC ([A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?)")
		case !ValidCountry(text[4:6]):
			bad(SeverityError, ErrCode, name+" "+text+": "+text[4:6]+" is not an ISO 3166 country code")
		}
	case vAmountCBPR:
		cents, frac, err := ParseAmount(text)
		intDigits := len(strings.TrimLeft(strings.SplitN(text, ".", 2)[0], "0"))
		switch {
		case err != nil:
			bad(SeverityError, ErrAmount, name+": "+strings.TrimPrefix(err.Error(), "wire: invalid amount: "))
		case intDigits > 12:
			bad(SeverityError, ErrAmount, name+" has more than 12 digits before the decimal point")
		case cents <= 0:
			bad(SeverityError, ErrAmount, name+" is zero: it must be more than 0")
		case frac > 2:
			bad(c.lenientSev(), ErrAmount, name+" has "+strconv.Itoa(frac)+" decimals; USD has 2")
		}
	case vCBPRSvc:
		if d, ok := strings.CutPrefix(text, "swift.cbprplus."); !ok || len(d) != 2 || !allDigits(d) {
			bad(SeverityError, ErrValue, name+" "+strconv.Quote(text)+" is not swift.cbprplus.NN")
		}
	case vText, vID:
		switch {
		case text == "":
			bad(SeverityError, ErrMissing, name+" is empty")
		case utf8.RuneCountInString(text) > r.max:
			bad(SeverityError, ErrLength, name+" is "+strconv.Itoa(utf8.RuneCountInString(text))+" characters, more than "+strconv.Itoa(r.max))
		case strings.TrimSpace(text) == "":
			bad(c.lenientSev(), ErrValue, name+" holds only blanks: omit the element instead")
		case strings.ContainsAny(text, "\r\n"):
			bad(c.lenientSev(), ErrCharacter, name+" holds CR or LF, which Fedwire free text must not")
		case !utf8.ValidString(text):
			bad(SeverityError, ErrCharacter, name+" is not valid UTF-8")
		case r.kind == vID && text != strings.TrimSpace(text):
			bad(SeverityError, ErrValue, name+" has leading or trailing blanks")
		case c.forWrite && r.kind == vText:
			if i := badCPMI(text); i >= 0 {
				r, _ := utf8.DecodeRuneInString(text[i:])
				bad(SeverityError, ErrCharacter, name+": character "+strconv.QuoteRune(r)+" is outside the permitted character set")
			}
		}
	case vIMAD:
		if !ValidISOIMAD(text) {
			bad(SeverityError, ErrValue, name+" is not an IMAD (CCYYMMDD date, 8 letters or digits, 6-digit sequence)")
		}
	case vUETR:
		if !ValidUETR(text) {
			bad(SeverityError, ErrValue, name+" is not a lower-case version 4 UUID")
		}
	case vABA:
		c.checkABA(n, path, name, text)
	case vMember:
		sys := c.root.find(append(path[:len(path)-1:len(path)-1], "ClrSysId", "Cd"))
		switch {
		case sys == nil || sys.text == "USABA":
			c.checkABA(n, path, name, text)
		case len(text) > max(r.max, 1):
			bad(SeverityError, ErrLength, name+" is longer than "+strconv.Itoa(max(r.max, 1))+" characters")
		}
	case vMember9:
		if len(text) != 9 || !alnum(text, true) {
			bad(SeverityError, ErrValue, name+" must be 9 upper-case letters or digits")
		}
	case vCode, vConst:
		if !inCodes(text, r.codes) {
			bad(SeverityError, ErrCode, name+" "+strconv.Quote(text)+" is not "+orList(r.codes))
		}
	case vCode4:
		if max := max(r.max, 4); len(text) > max || !alnum(text, true) {
			bad(SeverityError, ErrCode, name+" "+strconv.Quote(text)+" is not a code of 1-"+strconv.Itoa(max)+" upper-case letters or digits")
		}
	case vCtry:
		if len(text) != 2 || !upperLetters(text) {
			bad(SeverityError, ErrValue, name+" must be a 2-letter country code")
		}
	case vCcy:
		if len(text) != 3 || !upperLetters(text) {
			bad(SeverityError, ErrValue, name+" must be a 3-letter currency code")
		}
	case vUSD:
		if text != "USD" {
			bad(SeverityError, ErrValue, name+" is "+strconv.Quote(text)+": Fedwire settles in USD only")
		}
	case vBIC:
		if !validBIC(text) {
			bad(SeverityError, ErrValue, name+" is not a BIC")
		}
	case vDate:
		if d, err := time.Parse("2006-01-02", text); err != nil || !inRange(d) {
			bad(SeverityError, ErrDate, name+" is not a YYYY-MM-DD date")
		}
	case vDateTime:
		if t, err := parseDateTime(text); err != nil || !inRange(t) {
			bad(SeverityError, ErrDate, name+" is not an ISO date and time of 1970-2999 (2025-03-10T09:00:00-04:00)")
		}
	case vAmount:
		cents, frac, err := ParseAmount(text)
		intDigits := len(strings.TrimLeft(strings.SplitN(text, ".", 2)[0], "0"))
		switch {
		case err != nil:
			bad(SeverityError, ErrAmount, name+": "+strings.TrimPrefix(err.Error(), "wire: invalid amount: "))
		case intDigits > 12:
			bad(SeverityError, ErrAmount, name+" has more than 14 digits")
		case frac != 2:
			bad(c.lenientSev(), ErrAmount, name+" has "+strconv.Itoa(frac)+" decimals; Fedwire wants exactly 2")
		case cents <= 0 && r.mand:
			bad(SeverityError, ErrAmount, name+" is zero")
		}
	case vMsgDef:
		if !validMsgDef(text) {
			bad(SeverityError, ErrValue, name+" is not a message identifier (pacs.008.001.08)")
		}
	case vBool:
		if text != "true" && text != "false" {
			bad(SeverityError, ErrValue, name+" must be true or false")
		}
	case vMktID:
		if len(text) < 14 || len(text) > 18 || !strings.HasPrefix(text, "frb.fedwire.") || !strings.HasSuffix(text, ".01") {
			bad(SeverityError, ErrValue, name+" is not frb.fedwire[.xxx].01")
		}
	}
}

func (c *isoChecker) checkABA(n *node, path []string, name, text string) {
	switch {
	case len(text) != 9 || !allDigits(text):
		c.report(n, path, text, SeverityError, ErrValue, name+" must be a 9-digit routing number")
	case !ValidABA(text):
		c.report(n, path, text, SeverityError, ErrCheckDigit, name+" "+text+" fails the routing number check digit")
	}
}

// cpmi is the character set Fedwire asks free text to keep to (the CPMI
// permissible set, fedwire.md A5.1).
var cpmi = func() (t [128]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range " /-?:().,'+!#&%*=^_`{|}~\";@[\\]$><" {
		t[c] = true
	}
	return t
}()

// badCPMI returns the index of the first character of s outside the CPMI
// set, or -1.
func badCPMI(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 128 || !cpmi[s[i]] {
			return i
		}
	}
	return -1
}

// CleanText prepares free text for an ISO 20022 element the way Fedwire
// asks (fedwire.md A5.1): CR, LF and tabs become spaces, runs of blanks
// collapse to one, the ends are trimmed, and characters outside the CPMI
// permissible set become '?'. The writers reject what CleanText would
// change; callers clean their text first.
func CleanText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\r' || r == '\n':
			space = b.Len() > 0
			continue
		case r >= 128 || !cpmi[r]:
			r = '?'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func orList(codes string) string {
	f := strings.Fields(codes)
	if len(f) == 1 {
		return f[0]
	}
	return "one of " + strings.Join(f, ", ")
}

func validBIC(s string) bool {
	if len(s) != 8 && len(s) != 11 || !alnum(s, true) {
		return false
	}
	return upperLetters(s[4:6])
}

func validMsgDef(s string) bool {
	// [a-z]{4}.[0-9]{3}.[0-9]{3}.[0-9]{2}
	if len(s) != 15 || s[4] != '.' || s[8] != '.' || s[12] != '.' {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return allDigits(s[5:8]) && allDigits(s[9:12]) && allDigits(s[13:])
}

// parseDateTime reads an ISODateTime: 2025-03-10T09:00:00, optional
// fraction, optional zone (Z or ±hh:mm). Without a zone it is Eastern time,
// as the Fed's samples mean it. The result is UTC.
func parseDateTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, FedLocation)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// inRange reports whether t is a plausible Fedwire time, 1970-2999; the
// range keeps times clear of the zone database's local mean time, whose
// offsets have seconds an ISO offset cannot write.
func inRange(t time.Time) bool {
	return t.Year() >= 1970 && t.Year() <= 2999
}

// formatDateTime renders t in Eastern time with its offset, as the Fed
// samples do: 2025-03-10T09:00:00-04:00.
func formatDateTime(t time.Time) string {
	return t.In(FedLocation).Format("2006-01-02T15:04:05.999999999-07:00")
}

// encodeTree builds the element tree of v by the bindings (in schema
// order). Empty strings, zero amounts and zero times are omitted; vConst
// elements are always written.
func encodeTree[T any](root *node, binds []bind[T], v *T) {
	for i := range binds {
		b := &binds[i]
		switch {
		case b.r.kind == vConst && b.s == nil:
			root.ensure(b.path).text = b.r.codes
		case b.ss != nil:
			vals := *b.ss(v)
			if len(vals) == 0 {
				continue
			}
			parent := root.ensure(b.path[:len(b.path)-1])
			for _, val := range vals {
				parent.kids = append(parent.kids, &node{name: b.path[len(b.path)-1], text: val})
			}
		case b.attr != "":
			val := *b.s(v)
			if n := root.find(b.path); n != nil && val != "" {
				n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: b.attr}, Value: val})
			}
		case b.s != nil:
			if val := *b.s(v); val != "" {
				root.ensure(b.path).text = val
			}
		case b.n != nil:
			if val := *b.n(v); val != 0 || b.r.mand {
				root.ensure(b.path).text = FormatAmount(val)
			}
		case b.t != nil:
			if val := *b.t(v); !val.IsZero() {
				root.ensure(b.path).text = formatDateTime(val)
			}
		}
	}
}
