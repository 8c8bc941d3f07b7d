package wire

import (
	"fmt"

	"strings"
)

// FAIMConfig holds the {1500} values of FAIM messages made by
// TransferToFAIM: they belong to the sender's connection, not to the
// transfer.
type FAIMConfig struct {
	// UserRequestCorrelation is {1500}'s 8-character correlation value
	// (blank-padded).
	UserRequestCorrelation string
	// Production writes test/production code P; the zero value writes T.
	Production bool
}

// TransferToFAIM renders a credit transfer as a FAIM message of format
// version 30 by the map of fedwire.md A5.2: pacs.008 → CTR, pacs.009 →
// BTR, type/subtype 1000; MsgId → {1520}; InstgAgt/InstdAgt → {3100}/
// {3400}; InstrId (else EndToEndId) → {3320}; IntrmyAgt1 → {4000};
// CdtrAgt → {4100}; Cdtr with CdtrAcct → {4200}; Dbtr with DbtrAcct →
// {5000}; DbtrAgt → {5100}; RmtInf/Ustrd → {6000}. Structured addresses
// become up to three address lines. Elements longer than their FAIM
// maximum are an error (never cut), except names and address lines,
// which FAIM caps at 35 characters and are cut there; the UETR has no
// FAIM tag on CTR and is dropped. The result is not validated: write it
// with a FAIMWriter.
func TransferToFAIM(typ string, t *CreditTransfer, cfg FAIMConfig) (*FAIMMessage, error) {
	if typ != Pacs008 && typ != Pacs009 {
		return nil, fmt.Errorf("%w: TransferToFAIM takes pacs.008 or pacs.009, not %q", ErrUnsupported, typ)
	}
	imad, err := ParseIMAD(t.MessageID)
	if err != nil {
		return nil, err
	}
	if t.Amount <= 0 || t.Amount > 999_999_999_999 {
		return nil, fmt.Errorf("%w: %d cents does not fit {2000}", ErrAmount, t.Amount)
	}
	m := &FAIMMessage{}
	tp := "T"
	if cfg.Production {
		tp = "P"
	}
	corr := cfg.UserRequestCorrelation
	if len(corr) > 8 {
		return nil, fmt.Errorf("%w: user request correlation %q is longer than 8", ErrLength, corr)
	}
	m.Set(TagSenderSupplied, "30", corr+strings.Repeat(" ", 8-len(corr)), tp, " ")
	m.Set(TagTypeSubtype, "10", "00")
	m.Set(TagIMAD, imad.CycleDate, imad.Source, fmt.Sprintf("%06d", imad.Sequence))
	m.Set(TagAmount, fmt.Sprintf("%012d", t.Amount))
	m.Set(TagSenderDI, t.InstructingAgent.MemberID)
	m.Set(TagReceiverDI, t.InstructedAgent.MemberID)
	ref := t.InstructionID
	if ref == "" {
		ref = t.EndToEndID
	}
	if len(ref) > 16 {
		return nil, fmt.Errorf("%w: sender reference %q is longer than {3320}'s 16 characters", ErrLength, ref)
	}
	if ref != "" {
		m.Set(TagSenderReference, ref)
	}
	bfc := "CTR"
	if typ == Pacs009 {
		bfc = "BTR"
	}
	m.Set(TagBusinessFunction, bfc)
	if !isZeroParty(&t.IntermediaryAgent1) {
		m.Set(TagIntermediaryFI, fiElements(&t.IntermediaryAgent1, "")...)
	}
	if !isZeroParty(&t.CreditorAgent) {
		m.Set(TagBeneficiaryFI, fiElements(&t.CreditorAgent, "")...)
	}
	if typ == Pacs009 {
		m.Set(TagBeneficiary, fiElements(&t.Creditor, t.CreditorAccount.ID)...)
		m.Set(TagOriginator, fiElements(&t.Debtor, t.DebtorAccount.ID)...)
	} else {
		m.Set(TagBeneficiary, partyElements(&t.Creditor, &t.CreditorAccount)...)
		m.Set(TagOriginator, partyElements(&t.Debtor, &t.DebtorAccount)...)
	}
	if !isZeroParty(&t.DebtorAgent) {
		m.Set(TagOriginatorFI, fiElements(&t.DebtorAgent, "")...)
	}
	if len(t.Remittance) > 0 {
		m.Set(TagOBI, splitLines(strings.Join(t.Remittance, " "), 4, 35)...)
	}
	return m, nil
}

func isZeroParty(pt *Party) bool {
	return pt.Name == "" && pt.BIC == "" && pt.MemberID == "" && isZeroAddress(&pt.Address)
}

// fiElements identifies a bank: F + routing number, else B + BIC, else D
// + account.
func fiElements(pt *Party, account string) []string {
	code, id := "", ""
	switch {
	case pt.MemberID != "":
		code, id = "F", pt.MemberID
	case pt.BIC != "":
		code, id = "B", pt.BIC
	case account != "":
		code, id = "D", account
	}
	return append([]string{code, id, cut(pt.Name, 35)}, addressLines(&pt.Address)...)
}

// partyElements identifies a customer by account (D), or by IBAN as an
// "other" identifier (9) when there is no account number.
func partyElements(pt *Party, acct *Account) []string {
	code, id := "", ""
	switch {
	case acct.ID != "":
		code, id = "D", acct.ID
	case acct.IBAN != "":
		code, id = "9", acct.IBAN
	}
	return append([]string{code, id, cut(pt.Name, 35)}, addressLines(&pt.Address)...)
}

// addressLines renders an address as at most three FAIM lines of 35.
func addressLines(a *Address) []string {
	if len(a.Lines) > 0 {
		out := make([]string, 0, 3)
		for _, l := range a.Lines {
			if len(out) == 3 {
				break
			}
			out = append(out, cut(l, 35))
		}
		return out
	}
	join := func(parts ...string) string {
		var nonEmpty []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				nonEmpty = append(nonEmpty, p)
			}
		}
		return cut(strings.Join(nonEmpty, " "), 35)
	}
	lines := []string{
		join(a.BuildingNumber, a.StreetName, a.Room, a.Floor),
		join(a.TownName, a.CountrySubDivision, a.PostCode),
		join(a.Country),
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// splitLines breaks text into at most n lines of width characters at
// blanks (words longer than a line are split).
func splitLines(text string, n, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(text) {
		for len(w) > width {
			if line != "" {
				out, line = append(out, line), ""
			}
			out, w = append(out, w[:width]), w[width:]
		}
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) <= width:
			line += " " + w
		default:
			out, line = append(out, line), w
		}
	}
	if line != "" {
		out = append(out, line)
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// cut shortens s to n bytes.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.TrimRight(s[:n], " ")
}
