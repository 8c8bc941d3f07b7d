package returns

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/railyardhq/railyard/cutoffs"
)

// A Policy maps inbound items to status changes with the catalogues and
// the platform's policy, as configuration adjusts them. The zero Policy
// (and DefaultPolicy) is the documented policy in strict mode. A Policy is
// not modified by its methods and is safe for concurrent use once built.
type Policy struct {
	// Lenient maps an item with an unknown code with the family's
	// defaults and sets StatusChange.Unknown, instead of returning an
	// error wrapping ErrUnknownCode. Either way no item is dropped: a
	// strict caller stores and reports the item it could not map.
	Lenient bool
	// ApplyC04 applies C04 (name) corrections automatically instead of
	// queueing them for review.
	ApplyC04 bool
	// Calendar is the banking calendar of deadlines; nil means
	// cutoffs.Default().Calendar() (the Fed calendar of the default
	// schedule).
	Calendar *cutoffs.Calendar
	// Keywords is the free-text table of FAIM returns without a usable
	// /RETN/ code (see Keyword for how rows match and which wins); nil
	// means FAIMKeywords().
	Keywords []Keyword

	codes map[string]CodeConfig // key: family + ":" + code
	iso   map[string]string     // ISO code → WR code
}

// DefaultPolicy returns the documented policy, strict.
func DefaultPolicy() *Policy { return &Policy{} }

// PolicyConfig is the configuration of a Policy: plain data whose JSON
// names are the keys of the "returns" section of railyard's --config.
//
//	[returns]
//	lenient = true
//	[returns.codes.R02]           # or "ACH:R02", "RPPS:R21", "CHR14", "WR03"
//	locks_node = false
//	[returns.codes.R29]
//	window = "60cd"
//	[returns.iso]
//	AC07 = "WR03"
type PolicyConfig struct {
	Lenient  bool                  `json:"lenient,omitempty"`
	ApplyC04 bool                  `json:"apply_c04,omitempty"`
	Codes    map[string]CodeConfig `json:"codes,omitempty"`
	// ISO maps more ISO 20022 return reasons to WR codes, or remaps the
	// default ones.
	ISO map[string]string `json:"iso,omitempty"`
}

// CodeConfig overrides the policy of one code. Unset fields keep the
// default.
type CodeConfig struct {
	LocksNode *bool `json:"locks_node,omitempty"`
	LocksUser *bool `json:"locks_user,omitempty"`
	// Category: unauthorized, administrative or other (ach, rpps, check).
	Category string `json:"category,omitempty"`
	// Window: ach return codes 2bd, 60cd, next_file, agreed or none; check
	// codes 3bd, 60cd or no_limit.
	Window string `json:"window,omitempty"`
	// Dishonor: ach return codes auto, by_hand, no or never.
	Dishonor string `json:"dishonor,omitempty"`
}

var isoCodeRE = regexp.MustCompile(`^[A-Z0-9]{4}$`)

// Validate checks c and returns nil or every problem found: one
// *ConfigError, or several in an error whose Unwrap() []error lists them.
// Fields are named by their path: codes.R02.window, iso.AC07.
func (c PolicyConfig) Validate() error {
	var errs []error
	bad := func(field, value, msg string, sentinel error) {
		errs = append(errs, &ConfigError{Field: field, Value: value, Msg: msg, Err: sentinel})
	}
	for _, key := range sortedKeys(c.Codes) {
		cc := c.Codes[key]
		field := "codes." + key
		fam, code, ok := SplitCode(key)
		if !ok || !exists(fam, code) {
			bad(field, "", "no such code (write R02, C01, CHR14, WR03, or RPPS:R21, SWIFT:R69 for the rail-scoped ones)", ErrUnknownCode)
			continue
		}
		if fam == FamilyNOC && (cc.LocksNode != nil || cc.LocksUser != nil || cc.Category != "" || cc.Window != "" || cc.Dishonor != "") {
			bad(field, "", "a NOC changes no status: it has no locks, category, window or dishonor to configure", nil)
			continue
		}
		var row ACHCode
		if fam == FamilyACH {
			row = achIndex[code]
		}
		if cc.Category != "" {
			if _, err := ParseCategory(cc.Category); err != nil {
				bad(field+".category", cc.Category, "want unauthorized, administrative or other", nil)
			} else if fam == FamilyWire {
				bad(field+".category", cc.Category, "wire codes have no category", nil)
			}
		}
		if cc.Window != "" {
			w, err := ParseWindow(cc.Window)
			switch {
			case err != nil:
				bad(field+".window", cc.Window, "want 2bd, 60cd, 3bd, no_limit, next_file, agreed or none", nil)
			case fam == FamilyACH && (row.Kind == KindDishonored || row.Kind == KindContested):
				bad(field+".window", cc.Window, "the time frame of a dishonor or contest is the network's", nil)
			case fam == FamilyACH && !slices.Contains([]Window{Window2BD, Window60CD, WindowNextFile, WindowAgreed, WindowNone}, w):
				bad(field+".window", cc.Window, "an ach code's window is 2bd, 60cd, next_file, agreed or none", nil)
			case fam == FamilyCheck && !slices.Contains([]Window{Window3BD, Window60CD, WindowNoLimit}, w):
				bad(field+".window", cc.Window, "a check code's window is 3bd, 60cd or no_limit", nil)
			case fam == FamilyRPPS || fam == FamilyWire:
				bad(field+".window", cc.Window, "rpps and wire codes have no window", nil)
			}
		}
		if cc.Dishonor != "" {
			d := Dishonor(strings.ToLower(cc.Dishonor))
			switch {
			case fam != FamilyACH || row.Kind == KindDishonored || row.Kind == KindContested:
				bad(field+".dishonor", cc.Dishonor, "dishonor applies to ach return codes only", nil)
			case !slices.Contains([]Dishonor{DishonorAuto, DishonorByHand, DishonorNo, DishonorNever}, d):
				bad(field+".dishonor", cc.Dishonor, "want auto, by_hand, no or never", nil)
			case row.Kind == KindOperatorReject && d != DishonorNever:
				bad(field+".dishonor", cc.Dishonor, "an ACH Operator reject cannot be dishonored", nil)
			}
		}
	}
	for _, key := range sortedKeys(c.ISO) {
		wr := c.ISO[key]
		if !isoCodeRE.MatchString(key) {
			bad("iso."+key, "", "an ISO 20022 return reason is 4 upper-case letters or digits (AC04)", nil)
		}
		if w, ok := wireIndex[strings.ToUpper(wr)]; !ok || w.Kind != KindWireReturn {
			bad("iso."+key, wr, "want a WR code, WR01 to WR20", ErrUnknownCode)
		}
	}
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// NewPolicy validates c and returns its Policy.
func NewPolicy(c PolicyConfig) (*Policy, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	p := &Policy{Lenient: c.Lenient, ApplyC04: c.ApplyC04}
	if len(c.Codes) > 0 {
		p.codes = map[string]CodeConfig{}
		for key, cc := range c.Codes {
			fam, code, _ := SplitCode(key)
			p.codes[string(fam)+":"+code] = cc
		}
	}
	if len(c.ISO) > 0 {
		p.iso = map[string]string{}
		for k, v := range c.ISO {
			p.iso[k] = strings.ToUpper(v)
		}
	}
	return p, nil
}

func (p *Policy) calendar() *cutoffs.Calendar {
	if p.Calendar != nil {
		return p.Calendar
	}
	return cutoffs.Default().Calendar()
}

func (p *Policy) keywords() []Keyword {
	if p.Keywords != nil {
		return p.Keywords
	}
	return faimKeywords
}

func (p *Policy) override(f Family, code string) (CodeConfig, bool) {
	cc, ok := p.codes[string(f)+":"+code]
	return cc, ok
}

// Indexes of the tables, built once.
var (
	achIndex   = index(achTable, func(c ACHCode) string { return c.Code })
	nocIndex   = index(nocTable, func(c NOCCode) string { return c.Code })
	rppsIndex  = index(rppsTable, func(c RPPSCode) string { return c.Code })
	checkIndex = index(checkTable, func(c CheckCode) string { return c.Code })
	wireIndex  = index(wireTable, func(c WireCode) string { return c.Code })
	isoIndex   = index(isoTable, func(c ISOReason) string { return c.Code })
)

func index[T any](rows []T, key func(T) string) map[string]T {
	m := make(map[string]T, len(rows))
	for _, r := range rows {
		m[key(r)] = r
	}
	return m
}

func exists(f Family, code string) bool {
	var ok bool
	switch f {
	case FamilyACH:
		_, ok = achIndex[code]
	case FamilyNOC:
		_, ok = nocIndex[code]
	case FamilyRPPS:
		_, ok = rppsIndex[code]
	case FamilyCheck:
		_, ok = checkIndex[code]
	case FamilyWire:
		_, ok = wireIndex[code]
	}
	return ok
}

// ACH returns the effective policy of an ACH code: its catalogue row with
// the configuration's overrides applied.
func (p *Policy) ACH(code string) (ACHCode, bool) {
	c, ok := achIndex[strings.ToUpper(code)]
	if !ok {
		return c, false
	}
	if o, ok := p.override(FamilyACH, c.Code); ok {
		setBool(&c.LocksNode, o.LocksNode)
		setBool(&c.LocksUser, o.LocksUser)
		if o.Category != "" {
			c.Category, _ = ParseCategory(o.Category)
		}
		if o.Window != "" {
			c.Window, _ = ParseWindow(o.Window)
		}
		if o.Dishonor != "" {
			c.Dishonor = Dishonor(strings.ToLower(o.Dishonor))
		}
	}
	return c, true
}

// Check returns the effective policy of a CHR code.
func (p *Policy) Check(code string) (CheckCode, bool) {
	c, ok := checkIndex[strings.ToUpper(code)]
	if !ok {
		return c, false
	}
	if o, ok := p.override(FamilyCheck, c.Code); ok {
		setBool(&c.LocksUser, o.LocksUser)
		if o.Category != "" {
			c.Category, _ = ParseCategory(o.Category)
		}
		if o.Window != "" {
			c.Window, _ = ParseWindow(o.Window)
		}
	}
	return c, true
}

// RPPS returns the effective policy of an RPPS code.
func (p *Policy) RPPS(code string) (RPPSCode, bool) {
	c, ok := rppsIndex[strings.ToUpper(code)]
	if ok {
		if o, ok := p.override(FamilyRPPS, c.Code); ok {
			setBool(&c.LocksNode, o.LocksNode)
		}
	}
	return c, ok
}

// Wire returns the wire code (WR01–WR20, R69, R83).
func (p *Policy) Wire(code string) (WireCode, bool) {
	c, ok := wireIndex[strings.ToUpper(code)]
	return c, ok
}

// NOC returns the change or refused-NOC code.
func (p *Policy) NOC(code string) (NOCCode, bool) {
	c, ok := nocIndex[strings.ToUpper(code)]
	return c, ok
}

// ISO returns the WR code an ISO 20022 return reason maps to, with the
// configuration's additions; fallback is true for the known codes that
// have no WR of their own (WR02).
func (p *Policy) ISO(code string) (wr string, fallback, ok bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if w, found := p.iso[code]; found {
		return w, false, true
	}
	r, found := isoIndex[code]
	return r.WR, r.Fallback, found
}

func setBool(dst *bool, v *bool) {
	if v != nil {
		*dst = *v
	}
}

// Info returns a code of a family as the policy applies it. An unknown
// code is an error wrapping ErrUnknownCode, or, with Lenient, the family's
// defaults with Unknown set.
func (p *Policy) Info(f Family, code string) (Info, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	var in Info
	var ok bool
	switch f {
	case FamilyACH:
		var c ACHCode
		if c, ok = p.ACH(code); ok {
			in = c.info()
		}
	case FamilyNOC:
		var c NOCCode
		if c, ok = p.NOC(code); ok {
			in = c.info()
		}
	case FamilyRPPS:
		var c RPPSCode
		if c, ok = p.RPPS(code); ok {
			in = c.info()
		}
	case FamilyCheck:
		var c CheckCode
		if c, ok = p.Check(code); ok {
			in = c.info()
		}
	case FamilyWire:
		var c WireCode
		if c, ok = p.Wire(code); ok {
			in = c.info()
		}
	default:
		return Info{}, fmt.Errorf("%w %q", ErrUnknownFamily, f)
	}
	if !ok {
		if !p.Lenient {
			return Info{}, fmt.Errorf("%w: no %s code %q", ErrUnknownCode, f, code)
		}
		return unknownInfo(f, code), nil
	}
	if _, over := p.override(f, code); over {
		in.Source = "override"
	}
	return in, nil
}

// unknownInfo is the family's defaults for a code no table lists.
func unknownInfo(f Family, code string) Info {
	in := Info{Code: code, Family: f, Description: "Unknown " + string(f) + " code", Category: CategoryOther,
		Window: WindowNone, Title: "Unknown " + string(f) + " code", Source: "network default", Unknown: true}
	switch f {
	case FamilyACH:
		in.Kind, in.Window, in.Dishonor = KindReturn, unknownACH.Window, unknownACH.Dishonor
		in.Description, in.Title = unknownACH.Title, unknownACH.Title
	case FamilyNOC:
		in.Kind = KindNOC
	case FamilyRPPS:
		in.Kind = KindReturn
	case FamilyCheck:
		in.Kind, in.Window = KindCheckReturn, Window3BD
	case FamilyWire:
		in.Kind = KindWireReturn
	}
	return in
}

// List returns every code of a family as the policy applies it, in
// catalogue order; f == "" lists every family.
func (p *Policy) List(f Family) ([]Info, error) {
	fams := Families()
	if f != "" {
		if !slices.Contains(fams, f) {
			return nil, fmt.Errorf("%w %q", ErrUnknownFamily, f)
		}
		fams = []Family{f}
	}
	var out []Info
	for _, fam := range fams {
		var codes []string
		switch fam {
		case FamilyACH:
			for _, c := range achTable {
				codes = append(codes, c.Code)
			}
		case FamilyNOC:
			for _, c := range nocTable {
				codes = append(codes, c.Code)
			}
		case FamilyRPPS:
			for _, c := range rppsTable {
				codes = append(codes, c.Code)
			}
		case FamilyCheck:
			for _, c := range checkTable {
				codes = append(codes, c.Code)
			}
		case FamilyWire:
			for _, c := range wireTable {
				codes = append(codes, c.Code)
			}
		}
		for _, c := range codes {
			in, err := p.Info(fam, c)
			if err != nil {
				return nil, err
			}
			out = append(out, in)
		}
	}
	return out, nil
}

// Lookup returns a code as the default policy applies it. The code may be
// rail-scoped ("RPPS:R05", "SWIFT:R69"); a bare R-code is an ACH code.
func Lookup(code string) (Info, error) {
	f, c, ok := SplitCode(code)
	if !ok {
		return Info{}, fmt.Errorf("%w %q: want R01, C01, CHR01, WR01, or RPPS:R05, SWIFT:R69", ErrUnknownCode, code)
	}
	return DefaultPolicy().Info(f, c)
}
