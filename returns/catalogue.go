package returns

import (
	"fmt"
	"strings"
)

// A Family is a code list. Its value is the name used in JSON, in
// configuration and by the CLI.
type Family string

// Code families. ACH, RPPS and SWIFT share the R prefix with different
// meanings, so a code is always looked up in its family (returns.md §9 #12).
const (
	FamilyACH   Family = "ach"   // Nacha return, dishonored and contested codes R01–R90
	FamilyNOC   Family = "noc"   // Nacha change codes C01–C14 and refused NOC codes C61–C69
	FamilyRPPS  Family = "rpps"  // RPPS (bill payment) return codes, R-prefixed
	FamilyCheck Family = "check" // CHR01–CHR41: check issuance and RDC returns
	FamilyWire  Family = "wire"  // WR01–WR20 and the SWIFT provider codes R69, R83
)

// Families lists the code families in catalogue order.
func Families() []Family {
	return []Family{FamilyACH, FamilyNOC, FamilyRPPS, FamilyCheck, FamilyWire}
}

// ParseFamily parses a family name (case-insensitive; "x9" and "rdc" mean
// check, "swift" and "fedwire" mean wire, "nacha" means ach).
func ParseFamily(s string) (Family, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ach", "nacha":
		return FamilyACH, nil
	case "noc", "cor":
		return FamilyNOC, nil
	case "rpps":
		return FamilyRPPS, nil
	case "check", "chr", "rdc", "x9":
		return FamilyCheck, nil
	case "wire", "wr", "swift", "fedwire":
		return FamilyWire, nil
	}
	return "", fmt.Errorf("%w %q: want ach, noc, rpps, check or wire", ErrUnknownFamily, s)
}

// A Category is the platform's return category (seed 002): it decides
// the window the platform expects and how returns are reported.
type Category string

// Categories.
const (
	CategoryUnauthorized   Category = "unauthorized"   // the account holder disputes the item (60 days)
	CategoryAdministrative Category = "administrative" // account data errors (3 business days)
	CategoryOther          Category = "other"          // every other code (3 business days)
)

// ParseCategory parses a category name.
func ParseCategory(s string) (Category, error) {
	switch c := Category(strings.ToLower(strings.TrimSpace(s))); c {
	case CategoryUnauthorized, CategoryAdministrative, CategoryOther:
		return c, nil
	}
	return "", fmt.Errorf("unknown category %q: want unauthorized, administrative or other", s)
}

// A Window is the time frame of a code, as a phrase for people and JSON.
// For ACH codes it is the network's time frame (returns.md §1), which
// lateness is judged by; for check codes the platform's category window.
type Window string

// Windows.
const (
	Window2BD          Window = "2 banking days"                 // ACH: by opening of business on the 2nd banking day after S
	Window60CD         Window = "60 calendar days"               // ACH extended return; checks: unauthorized
	Window3BD          Window = "3 banking days"                 // checks: administrative and other
	WindowNoLimit      Window = "no limit"                       // checks: forgery
	WindowNextFile     Window = "next file"                      // ACH Operator rejects
	WindowAgreed       Window = "agreed"                         // R06, R31: as the ODFI and RDFI agree
	WindowAfterRefusal Window = "2 banking days after refusal"   // R23: counts from when the RDFI learns of it
	WindowOwn          Window = "its own time frame"             // R90 (not yet published)
	WindowDishonor     Window = "5 banking days (dishonor)"      // R61, R62, R67–R70: after the return settles
	WindowContest      Window = "2 banking days (contest)"       // R71–R77: after the dishonor settles
	WindowNOC          Window = "2 banking days (NOC)"           // C01–C14: after the original entry settles
	WindowRefusedNOC   Window = "15 calendar days (refused NOC)" // C61–C69: after the NOC is received
	WindowNone         Window = "none"                           // no time frame: ENR, RPPS, wires
)

var windowAliases = map[string]Window{
	"2bd": Window2BD, "2 banking days": Window2BD,
	"60cd": Window60CD, "60d": Window60CD, "60 days": Window60CD, "60 calendar days": Window60CD,
	"3bd": Window3BD, "3 banking days": Window3BD,
	"no_limit": WindowNoLimit, "no limit": WindowNoLimit, "nolimit": WindowNoLimit,
	"next_file": WindowNextFile, "next file": WindowNextFile,
	"agreed": WindowAgreed,
	"none":   WindowNone,
}

// ParseWindow parses a window as a configuration writes it: "2bd",
// "60cd", "3bd", "no_limit", "next_file", "agreed", "none", or the
// phrase itself ("2 banking days").
func ParseWindow(s string) (Window, error) {
	if w, ok := windowAliases[strings.ToLower(strings.TrimSpace(s))]; ok {
		return w, nil
	}
	return "", fmt.Errorf("unknown window %q: want 2bd, 60cd, 3bd, no_limit, next_file, agreed or none", s)
}

// A Kind says what an item with the code is.
type Kind string

// Kinds.
const (
	KindReturn         Kind = "return"           // an ACH or RPPS return
	KindOperatorReject Kind = "operator_reject"  // an ACH return made by the Operator (R13, R18, …): cannot be dishonored
	KindDishonored     Kind = "dishonored"       // a dishonored return (R61, R62, R67–R70)
	KindContested      Kind = "contested"        // a contested dishonored return (R71–R77)
	KindNOC            Kind = "noc"              // a notification of change
	KindRefusedNOC     Kind = "refused_noc"      // a refused NOC
	KindCheckReturn    Kind = "check_return"     // a CHR code
	KindWireReturn     Kind = "wire_return"      // a WR code
	KindProviderError  Kind = "provider_failure" // SWIFT R69/R83: transport or provider error, not a return
)

// Info is one code of a catalogue as the platform applies it: the
// network's facts and the policy's effective values (after overrides).
// Its JSON form is the contract of "railyard returns show": the first
// eight keys are fixed, in this order; the others are added when they
// apply.
type Info struct {
	Code         string   `json:"code"`
	Family       Family   `json:"family"`
	Description  string   `json:"description"`
	Category     Category `json:"category"`
	LocksNode    bool     `json:"locks_node"`
	LocksUser    bool     `json:"locks_user"`
	Window       Window   `json:"window"`
	Unauthorized bool     `json:"unauthorized"`

	// Title is the network's title (Nacha, X9.100-188, RPPS, the seed's
	// risk page for WR codes); Description is the platform's wording.
	Title string `json:"title"`
	Kind  Kind   `json:"kind"`
	// Source says where the policy values come from: "seed" (seed 002's
	// table), "network default" (a code the seed does not list), or
	// "override" (configuration).
	Source    string `json:"source"`
	Initiator string `json:"initiator,omitempty"`
	// Dishonor says what happens to a late ACH return (auto, by_hand,
	// no, never).
	Dishonor Dishonor `json:"dishonor,omitempty"`
	// X9Reason and X9List: the X9.100-188 return reason a CHR code comes
	// from and the list it is in (customer, administrative).
	X9Reason string `json:"x9_reason,omitempty"`
	X9List   X9List `json:"x9_list,omitempty"`
	// ISOSend is the ISO 20022 return reason railyard writes for a WR code;
	// ISOReceived the reasons that map to it.
	ISOSend     string   `json:"iso_send,omitempty"`
	ISOReceived []string `json:"iso_received,omitempty"`
	Direction   string   `json:"direction,omitempty"`
	// CorrectedData describes a NOC's corrected-data layout.
	CorrectedData string `json:"corrected_data,omitempty"`
	// SandboxAmount is the amount that triggers the code in the platform's
	// sandbox ("222.23"), when it has one.
	SandboxAmount string `json:"sandbox_amount,omitempty"`
	Notes         string `json:"notes,omitempty"`
	// Unknown: no table lists the code; the values are the family's
	// defaults (a lenient Policy only).
	Unknown bool `json:"unknown,omitempty"`
}

// sandbox formats cents as "222.23"; 0 is "".
func sandbox(cents int64) string {
	if cents == 0 {
		return ""
	}
	return fmt.Sprintf("%d.%02d", cents/100, cents%100)
}

// SplitCode splits a rail-scoped code ("RPPS:R05", "SWIFT:R69",
// "ACH:R02", "X9:CHR01", "WIRE:WR03") into its family and bare code. A
// bare code gets its family from its prefix: C → noc, CHR → check, WR →
// wire, R → ach; ok is false when neither says.
func SplitCode(s string) (Family, string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if i := strings.IndexByte(s, ':'); i >= 0 {
		scope, code := s[:i], s[i+1:]
		switch scope {
		case "ACH", "NACHA":
			if strings.HasPrefix(code, "C") {
				return FamilyNOC, code, true
			}
			return FamilyACH, code, true
		case "NOC":
			return FamilyNOC, code, true
		case "RPPS":
			return FamilyRPPS, code, true
		case "X9", "CHR", "CHECK", "RDC":
			return FamilyCheck, code, true
		case "SWIFT", "WIRE", "FEDWIRE":
			return FamilyWire, code, true
		}
		return "", s, false
	}
	switch {
	case strings.HasPrefix(s, "CHR"):
		return FamilyCheck, s, true
	case strings.HasPrefix(s, "WR"):
		return FamilyWire, s, true
	case strings.HasPrefix(s, "C"):
		return FamilyNOC, s, true
	case strings.HasPrefix(s, "R"):
		return FamilyACH, s, true
	}
	return "", s, false
}
