package wire

import (
	"strings"
)

// The message rules of FAIM format version 30 (fedwire.md B3, B4): the
// mandatory tags, the type/subtype combinations each business function
// allows, the tags each business function requires or forbids, and the
// tags that depend on others.

// allowedTypes lists, per business function code, the type codes and the
// subtype codes it may carry (B3; [WIRE] associatedTypeSubTypes.go).
var allowedTypes = map[string][]struct{ types, subtypes string }{
	"BTR": {{"10 15 16", "00 02 08"}},
	"CTR": {{"10 15 16", "00 02 08"}},
	"CTP": {{"10 15 16", "00 01 02 07 08"}},
	"CKS": {{"16", "00 02 08"}},
	"DEP": {{"16", "00 02 08"}},
	"FFR": {{"16", "00 02 08"}},
	"FFS": {{"16", "00 02 08"}},
	"DRW": {{"10 16", "32"}},
	"DRB": {{"16", "31 33"}},
	"DRC": {{"10", "31 33"}},
	"SVC": {{"10 16", "01 07 33 90"}, {"15", "01 07 90"}},
}

// mandatoryTags are required in every message (B4), with the profile
// exceptions handled in checkMessage.
var mandatoryTags = []Tag{TagSenderSupplied, TagTypeSubtype, TagIMAD, TagAmount, TagSenderDI, TagReceiverDI, TagBusinessFunction}

// tagDeps: if the key tag is present, each group needs one of its tags.
var tagDeps = []struct {
	tag   Tag
	needs [][]Tag
}{
	{4000, [][]Tag{{4100}, {4200}}},
	{4100, [][]Tag{{4200}}},
	{5100, [][]Tag{{5000, 5010}}},
	{5200, [][]Tag{{5000, 5010}, {5100}}},
	{6000, [][]Tag{{4200}, {5000, 5010}}},
	{6200, [][]Tag{{4000}, {4100}, {4200}}},
	{6210, [][]Tag{{4000}, {4100}, {4200}}},
	{6300, [][]Tag{{4100}, {4200}}},
	{6310, [][]Tag{{4100}, {4200}}},
	{6400, [][]Tag{{4200}}},
	{6410, [][]Tag{{4200}}},
	{6420, [][]Tag{{6410}, {4200}}},
}

// reversalSubtype reports whether a subtype is a reversal (02 same day,
// 08 prior day): it must name the original in {3500}.
func reversalSubtype(st string) bool { return st == "02" || st == "08" }

// checkMessage applies the message rules.
func (p *msgParser) checkMessage() {
	m := p.m
	if len(m.Fields) == 0 {
		return
	}
	for _, t := range mandatoryTags {
		if m.Has(t) {
			continue
		}
		switch {
		case t == TagSenderSupplied && m.Has(TagMessageDisposition):
			continue // Fed-delivered messages carry {1100}, not {1500}
		case t == TagIMAD && p.opts.AllowMissingIMAD:
			continue
		}
		p.missing(t, "mandatory tag "+t.String()+" ("+t.Name()+") is missing", SeverityError)
	}
	ts := m.Field(TagTypeSubtype)
	bf := m.Field(TagBusinessFunction)
	typ, sub := ts.Element(0), ts.Element(1)
	bfc := bf.Element(0)
	if bf != nil && bf.Raw == "" && ts != nil && ts.Raw == "" && len(ts.Elements) == 2 {
		if rules, ok := allowedTypes[bfc]; ok {
			fits := false
			for _, r := range rules {
				if inCodes(typ, r.types) && inCodes(sub, r.subtypes) {
					fits = true
				}
			}
			if !fits {
				p.tagFinding(ts, -1, 0, typ+sub, SeverityError, ErrValue,
					"type/subtype "+typ+sub+" is not allowed with business function "+bfc)
			}
		}
	}
	if amt := m.Field(TagAmount); amt != nil && amt.Element(0) == "000000000000" && sub != "90" {
		p.tagFinding(amt, 0, 0, amt.Element(0), SeverityError, ErrAmount, "amount is zero; only service messages (subtype 90) carry a zero amount")
	}
	if reversalSubtype(sub) {
		prev := m.Field(TagPreviousMessage)
		switch {
		case prev == nil:
			p.missing(TagPreviousMessage, "a reversal (subtype "+sub+") must name the original message's IMAD in {3500}", SeverityError)
		case prev.Raw == "":
			if _, err := ParseIMAD(prev.Element(0)); err != nil {
				p.tagFinding(prev, 0, 0, prev.Element(0), SeverityError, ErrValue, "previous message identifier of a reversal is not an IMAD")
			}
		}
	}
	if ttc := strings.TrimSpace(bf.Element(1)); ttc == "COV" && bfc != "BTR" {
		// Other values are reported as unknown codes with the tag.
		p.tagFinding(bf, 1, 3, ttc, p.f.strict(), ErrNotPermitted, "transaction type code COV (cover payment) is not permitted with "+bfc)
	}
	if li := m.Field(TagLocalInstrument); li != nil && li.Raw == "" {
		prop := strings.TrimSpace(li.Element(1))
		switch {
		case li.Element(0) == "PROP" && prop == "":
			p.tagFinding(li, 1, 4, "", p.f.strict(), ErrMissing, "local instrument PROP needs its proprietary code")
		case li.Element(0) != "PROP" && prop != "":
			p.tagFinding(li, 1, 4, prop, p.f.strict(), ErrNotPermitted, "a proprietary code goes only with local instrument PROP")
		}
	}
	p.checkBusinessFunction(bfc)
	for _, d := range tagDeps {
		dep := m.Field(d.tag)
		if dep == nil {
			continue
		}
		for _, group := range d.needs {
			if p.hasAny(group...) {
				continue
			}
			names := make([]string, len(group))
			for i, t := range group {
				names[i] = t.String()
			}
			e := &ParseError{Line: dep.Line, Column: dep.Column, Offset: dep.Offset, Tag: group[0].String(), Severity: SeverityError,
				Err: ErrMissing, Msg: "tag " + strings.Join(names, " or ") + " is missing; " + d.tag.String() + " (" + d.tag.Name() + ") needs it"}
			p.keep(e)
		}
	}
	if st := m.Status(); st == "3" && !m.Has(TagError) {
		p.missing(TagError, "message status 3 (rejected) without its error tag {1130}", SeverityWarning)
	}
}

func (p *msgParser) hasAny(ts ...Tag) bool {
	for _, t := range ts {
		if p.m.Has(t) {
			return true
		}
	}
	return false
}

// missing records a missing tag at the message's first tag.
func (p *msgParser) missing(t Tag, msg string, sev Severity) {
	e := &ParseError{Line: p.m.Line, Offset: p.m.Offset, Tag: t.String(), Severity: sev, Err: ErrMissing, Msg: msg}
	if len(p.m.Fields) > 0 {
		e.Column = p.m.Fields[0].Column
		for _, f := range p.m.Fields {
			if f.Line > 0 && (f.Offset < e.Offset || e.Line == 0) {
				e.Line, e.Column, e.Offset = f.Line, f.Column, f.Offset
			}
		}
	}
	p.keep(e)
}

// forbid reports every present tag for which bad returns true.
func (p *msgParser) forbid(bfc string, bad func(t Tag) bool) {
	for i := range p.m.Fields {
		f := &p.m.Fields[i]
		if bad(f.Tag) {
			p.tagFinding(f, -1, 0, "", p.f.strict(), ErrNotPermitted, "tag "+f.Tag.String()+" is not permitted with business function "+bfc)
		}
	}
}

// forbidT reports identification code T in {4200} and {5000}.
func (p *msgParser) forbidT(bfc string) {
	for _, t := range []Tag{TagBeneficiary, TagOriginator} {
		if f := p.m.Field(t); f != nil && f.Element(0) == "T" {
			p.tagFinding(f, 0, 0, "T", p.f.strict(), ErrNotPermitted, "identification code T is not permitted with business function "+bfc)
		}
	}
}

func is7(t Tag) bool { return t >= 7000 && t < 8000 }
func is8(t Tag) bool { return t >= 8000 && t < 9000 }

// codes8200 are the local instruments whose remittance travels in {8200}.
const codes8200 = "ANSI GXML IXML NARR S820 SWIF UEDI"

// checkBusinessFunction applies the required and forbidden tags of the
// business function (B4).
func (p *msgParser) checkBusinessFunction(bfc string) {
	m := p.m
	need := func(ts ...Tag) {
		for _, t := range ts {
			if !m.Has(t) {
				p.missing(t, "tag "+t.String()+" ("+t.Name()+") is mandatory with business function "+bfc, SeverityError)
			}
		}
	}
	switch bfc {
	case "BTR":
		p.forbid(bfc, func(t Tag) bool {
			return t == 3610 || t == 3700 || t == 3710 || t == 3720 || t == 4400 || t == 5010 || t == 5400 || t == 6110 || is7(t) || is8(t) || t == 9000
		})
		p.forbidT(bfc)
	case "CTR":
		need(TagBeneficiary, TagOriginator)
		p.forbid(bfc, func(t Tag) bool {
			return t == 3610 || t == 3620 || t == 4400 || t == 5010 || t == 5400 || t == 6110 || is7(t) || is8(t) || t == 9000
		})
	case "CTP":
		need(TagBeneficiary)
		if !p.hasAny(TagOriginator, TagOriginatorOptionF) {
			p.missing(TagOriginator, "tag {5000} or {5010} is mandatory with business function CTP", SeverityError)
		}
		li := m.Field(TagLocalInstrument).Element(0)
		switch {
		case li == "COVS":
			need(TagBeneficiaryRef, 7050, 7059)
		case li == "RRMT":
			need(8250)
		case li == "RMTS":
			need(8300, 8350, 8400, 8450)
		case li != "" && inCodes(li, codes8200):
			need(TagUnstructuredAddenda)
		}
		p.forbid(bfc, func(t Tag) bool {
			switch {
			case t == 4400 || t == 5400 || t == 6110 || t == 9000:
				return true
			case li == "COVS" && (t == 3700 || t == 3710 || t == 3720):
				return true
			case is7(t):
				return li != "COVS"
			case t == 8200:
				return li == "" || !inCodes(li, codes8200)
			case t == 8250:
				return li != "RRMT"
			case t >= 8300 && t <= 8750:
				return li != "RMTS"
			}
			return false
		})
	case "CKS", "DEP", "FFR", "FFS", "DRW", "DRB", "DRC":
		drawdown := bfc == "DRW" || bfc == "DRB" || bfc == "DRC"
		switch bfc {
		case "DRW":
			need(TagBeneficiary, TagOriginator)
		case "DRB":
			need(4400, 5400)
		case "DRC":
			need(TagBeneficiary, 4400, 5400)
		}
		p.forbid(bfc, func(t Tag) bool {
			switch {
			case t == 3610 || t == 3620 || t == 3700 || t == 3710 || t == 3720 || t == 5010 || t == 9000 || is7(t) || is8(t):
				return true
			case t == 4400 || t == 5400 || t == 6110:
				return !drawdown
			}
			return false
		})
		p.forbidT(bfc)
	case "SVC":
		if p.forWrite {
			need(TagServiceMessage)
		}
		p.forbid(bfc, func(t Tag) bool {
			return t == 3610 || t == 3620 || t == 3700 || t == 3710 || t == 3720 || t == 5010 || is7(t) || is8(t)
		})
		p.forbidT(bfc)
	}
}
