package returns

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/railyardhq/railyard/ach"
)

// A Field is one field of a NOC's corrected data, 1-based positions within
// the 29 characters of addenda 98 positions 36-64.
type Field struct {
	Name       string // account_number, routing_number, transaction_code, individual_id, name, receiving_dfi_id, sec
	Start, End int
}

// NOCCode is one change code (C01–C14) or refused-NOC code (C61–C69)
// (returns.md §3).
type NOCCode struct {
	Code        string
	Title       string // Nacha title, as notes show it
	Meaning     string
	Kind        Kind // noc or refused_noc
	Initiator   string
	Window      Window
	Layout      []Field // fixed positions of the corrected data (none for C13 and refused NOCs)
	IATLayout   string  // what the 35-character IAT corrected data holds
	Action      Action  // what railyard does with it (returns.md §3.3)
	Description string  // the layout as a phrase, for people
	Notes       string
}

const (
	fAccount = "account_number"
	fRouting = "routing_number"
	fTxCode  = "transaction_code"
	fIndID   = "individual_id"
	fName    = "name"
	fDFIID   = "receiving_dfi_id"
	fSEC     = "sec"
)

// nocTable lists the valid change codes and refused-NOC codes. C10–C12
// appear only in old lists and are not valid codes.
var nocTable = []NOCCode{
	{Code: "C01", Title: "Incorrect DFI Account Number", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionApplyCorrection,
		Layout: []Field{{fAccount, 1, 17}}, Description: "1-17 account number", IATLayout: "1-35 foreign receiver's account number"},
	{Code: "C02", Title: "Incorrect Routing Number", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionApplyCorrection,
		Layout: []Field{{fRouting, 1, 9}}, Description: "1-9 routing number with check digit", IATLayout: "the Gateway's routing number"},
	{Code: "C03", Title: "Incorrect Routing Number and DFI Account Number", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionApplyCorrection,
		Layout: []Field{{fRouting, 1, 9}, {fAccount, 13, 29}}, Description: "1-9 routing number, 10-12 blank, 13-29 account number", IATLayout: "not for outbound IAT"},
	{Code: "C04", Title: "Incorrect Individual Name/Receiving Company Name", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionReview,
		Layout: []Field{{fName, 1, 22}}, Description: "1-22 name", IATLayout: "1-35 name",
		Notes: "removed from the Rules 2015-03-20: still parsed, never expected; applied only with the apply-c04 option"},
	{Code: "C05", Title: "Incorrect Transaction Code", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionApplyCorrection,
		Layout: []Field{{fTxCode, 1, 2}}, Description: "1-2 transaction code", IATLayout: "—"},
	{Code: "C06", Title: "Incorrect DFI Account Number and Transaction Code", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionApplyCorrection,
		Layout: []Field{{fAccount, 1, 17}, {fTxCode, 21, 22}}, Description: "1-17 account number, 18-20 blank, 21-22 transaction code", IATLayout: "not for outbound IAT"},
	{Code: "C07", Title: "Incorrect Routing Number, DFI Account Number and Transaction Code", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionApplyCorrection,
		Layout: []Field{{fRouting, 1, 9}, {fAccount, 10, 26}, {fTxCode, 27, 28}}, Description: "1-9 routing number, 10-26 account number, 27-28 transaction code", IATLayout: "not for outbound IAT"},
	{Code: "C08", Title: "Incorrect Receiving DFI Identification (IAT Only)", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionReview,
		Layout: []Field{{fDFIID, 1, 34}}, Description: "IAT only: 1-34 receiving DFI identification", IATLayout: "1-34 receiving DFI identification"},
	{Code: "C09", Title: "Incorrect Individual Identification Number", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionApplyCorrection,
		Layout: []Field{{fIndID, 1, 22}}, Description: "1-22 identification number", IATLayout: "1-15 receiver identification number"},
	{Code: "C13", Title: "Addenda Format Error", Kind: KindNOC, Initiator: rdfi, Window: WindowNOC, Action: ActionReview,
		Description: "none", IATLayout: "—", Notes: "the entry posted, but the addenda was unclear or badly formatted"},
	{Code: "C14", Title: "Incorrect SEC Code for Outbound International Payment", Kind: KindNOC, Initiator: gateway, Window: WindowNOC, Action: ActionReview,
		Layout: []Field{{fSEC, 1, 3}}, Description: "1-3 \"IAT\"", IATLayout: "—", Notes: "send future entries to this Receiver as IAT"},
	{Code: "C61", Title: "Misrouted Notification of Change", Kind: KindRefusedNOC, Initiator: odfi, Window: WindowRefusedNOC, Action: ActionReview},
	{Code: "C62", Title: "Incorrect Trace Number", Kind: KindRefusedNOC, Initiator: odfi, Window: WindowRefusedNOC, Action: ActionReview},
	{Code: "C63", Title: "Incorrect Company Identification Number", Kind: KindRefusedNOC, Initiator: odfi, Window: WindowRefusedNOC, Action: ActionReview},
	{Code: "C64", Title: "Incorrect Individual Identification Number/Identification Number", Kind: KindRefusedNOC, Initiator: odfi, Window: WindowRefusedNOC, Action: ActionReview},
	{Code: "C65", Title: "Incorrectly Formatted Corrected Data", Kind: KindRefusedNOC, Initiator: odfi, Window: WindowRefusedNOC, Action: ActionReview},
	{Code: "C66", Title: "Incorrect Discretionary Data", Kind: KindRefusedNOC, Initiator: odfi, Window: WindowRefusedNOC, Action: ActionReview},
	{Code: "C67", Title: "Routing Number Not From Original Entry Detail Record", Kind: KindRefusedNOC, Initiator: odfi, Window: WindowRefusedNOC, Action: ActionReview},
	{Code: "C68", Title: "DFI Account Number Not From Original Entry Detail Record", Kind: KindRefusedNOC, Initiator: odfi, Window: WindowRefusedNOC, Action: ActionReview},
	{Code: "C69", Title: "Incorrect Transaction Code", Kind: KindRefusedNOC, Initiator: odfi, Window: WindowRefusedNOC, Action: ActionReview},
}

// NOCCodes returns the NOC catalogue in code order.
func NOCCodes() []NOCCode { return append([]NOCCode(nil), nocTable...) }

func (c NOCCode) info() Info {
	return Info{
		Code: c.Code, Family: FamilyNOC, Description: c.Title, Category: CategoryOther, Window: c.Window,
		Title: c.Title, Kind: c.Kind, Source: "network default", Initiator: c.Initiator,
		CorrectedData: c.Description, Notes: c.Notes,
	}
}

// AccountClass is the kind of account a transaction code names.
type AccountClass string

// Account classes (transaction codes 2x, 3x, 4x, 5x).
const (
	Checking      AccountClass = "CHECKING"
	Savings       AccountClass = "SAVINGS"
	GeneralLedger AccountClass = "GENERAL_LEDGER"
	Loan          AccountClass = "LOAN"
)

// AccountClassOf returns the account class of a transaction code, or "".
func AccountClassOf(txCode int) AccountClass {
	switch txCode / 10 {
	case 2:
		return Checking
	case 3:
		return Savings
	case 4:
		return GeneralLedger
	case 5:
		return Loan
	}
	return ""
}

// CorrectedData is a NOC's corrected data, parsed by its change code.
// Only the fields the code corrects are set.
type CorrectedData struct {
	AccountNumber   string       `json:"account_number,omitempty"`
	RoutingNumber   string       `json:"routing_number,omitempty"`
	TransactionCode int          `json:"transaction_code,omitempty"`
	AccountClass    AccountClass `json:"account_class,omitempty"`
	IndividualID    string       `json:"individual_id,omitempty"`
	Name            string       `json:"name,omitempty"`
	ReceivingDFIID  string       `json:"receiving_dfi_id,omitempty"`
	SEC             string       `json:"sec,omitempty"`
}

// LayoutWarning is the warning ParseCorrectedData returns when the fixed
// positions failed and the space-split fallback succeeded.
const LayoutWarning = "corrected_data_layout"

// ParseCorrectedData parses the corrected data of a NOC (addenda 98
// positions 36-64, trailing blanks may be trimmed) by its change code.
//
// It reads the fixed positions of returns.md §3.1 first. When they fail
// validation — a routing number whose check digit fails, a transaction code
// not in the Nacha table, blanks where the layout wants them missing or
// data where it wants blanks — it splits the data on runs of spaces
// (moov-io/ach writes C03, C06 and C07 with a variable gap) and, if that
// gives valid fields, returns them with a warning beginning
// "corrected_data_layout". When neither reading is valid it returns an
// error: the NOC must be refused with C65.
func ParseCorrectedData(code, data string) (CorrectedData, []string, error) {
	c, ok := nocIndex[strings.ToUpper(code)]
	if !ok {
		return CorrectedData{}, nil, fmt.Errorf("%w: change code %q", ErrUnknownCode, code)
	}
	if c.Kind != KindNOC || len(c.Layout) == 0 {
		return CorrectedData{}, nil, nil // C13 and refused NOCs carry no corrected data
	}
	fixed, ferr := parseFixed(c, data)
	if ferr == nil {
		return fixed, nil, nil
	}
	if len(c.Layout) > 1 {
		if split, err := parseSplit(c, data); err == nil {
			return split, []string{fmt.Sprintf("%s: %s corrected data %q is not at the fixed positions (%s); read by splitting on spaces",
				LayoutWarning, c.Code, strings.TrimRight(data, " "), c.Description)}, nil
		}
	}
	return CorrectedData{}, nil, fmt.Errorf("returns: %s corrected data %q: %v (layout: %s)", c.Code, strings.TrimRight(data, " "), ferr, c.Description)
}

// parseFixed reads the fixed positions and checks every field, and that
// what lies between and after the fields is blank.
func parseFixed(c NOCCode, data string) (CorrectedData, error) {
	width := 29
	if c.Code == "C08" {
		width = 35
	}
	padded := data
	if len(padded) < width {
		padded += strings.Repeat(" ", width-len(padded))
	}
	var vals []string
	covered := make([]bool, len(padded))
	for _, f := range c.Layout {
		vals = append(vals, strings.TrimRight(padded[f.Start-1:f.End], " "))
		for i := f.Start - 1; i < f.End; i++ {
			covered[i] = true
		}
	}
	for i := range padded {
		if !covered[i] && padded[i] != ' ' {
			return CorrectedData{}, fmt.Errorf("position %d is %q, want a blank", i+1, padded[i])
		}
	}
	return fill(c, vals)
}

// parseSplit splits on runs of spaces and needs exactly one token per
// field.
func parseSplit(c NOCCode, data string) (CorrectedData, error) {
	toks := strings.Fields(data)
	if len(toks) != len(c.Layout) {
		return CorrectedData{}, fmt.Errorf("%d fields, want %d", len(toks), len(c.Layout))
	}
	return fill(c, toks)
}

func fill(c NOCCode, vals []string) (CorrectedData, error) {
	var d CorrectedData
	for i, f := range c.Layout {
		v := vals[i]
		if v == "" {
			return CorrectedData{}, fmt.Errorf("%s is blank", f.Name)
		}
		switch f.Name {
		case fAccount:
			if strings.ContainsRune(v, ' ') {
				return CorrectedData{}, fmt.Errorf("account number %q has blanks inside", v)
			}
			d.AccountNumber = v
		case fRouting:
			if !ach.ValidRoutingNumber(v) {
				return CorrectedData{}, fmt.Errorf("routing number %q: not 9 digits with a valid check digit", v)
			}
			d.RoutingNumber = v
		case fTxCode:
			n, err := strconv.Atoi(v)
			if err != nil || len(v) != 2 || !ach.ValidTransactionCode(n) {
				return CorrectedData{}, fmt.Errorf("transaction code %q is not in the Nacha table", v)
			}
			d.TransactionCode, d.AccountClass = n, AccountClassOf(n)
		case fIndID:
			d.IndividualID = strings.TrimSpace(v)
		case fName:
			d.Name = strings.TrimSpace(v)
		case fDFIID:
			d.ReceivingDFIID = strings.TrimSpace(v)
		case fSEC:
			if v != "IAT" {
				return CorrectedData{}, fmt.Errorf("SEC %q, want IAT", v)
			}
			d.SEC = v
		}
	}
	return d, nil
}
