package wire

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Profile names the market practice an ISO 20022 message follows: the
// rules it is read against and the values the writer fills.
type Profile string

const (
	// ProfileFedwire is the Fedwire Funds Service's practice (fedwire.md
	// A): head.001.001.03 between connection ids, the IMAD as MsgId,
	// SttlmMtd CLRG in FDW, agents by USABA routing number. A message
	// without a Profile is written in it.
	ProfileFedwire Profile = "fedwire"
	// ProfileCBPR is SWIFT's Cross-Border Payments and Reporting Plus
	// (CBPR+) practice for a pacs.008 sent to a correspondent over SWIFT
	// (fedwire.md D3): head.001.001.02 between BICs, SttlmMtd INDA or
	// INGA, agents by BIC. railyard reads and writes pacs.008 in it.
	ProfileCBPR Profile = "cbpr+"
)

const (
	// CBPRHeaderVersion is the business application header CBPR+ uses.
	CBPRHeaderVersion = "head.001.001.02"
	// CBPRBusinessService is the AppHdr BizSvc the writer puts on a CBPR+
	// message whose header gives none. The value is the correspondent's
	// to give (fedwire.md D3: swift.cbprplus.NN; swift.cbprplus.03 in its
	// example and in published CBPR+ pacs.008 guides); set
	// AppHeader.BusinessService to send another.
	CBPRBusinessService = "swift.cbprplus.03"
)

// The CBPR+ profile of pacs.008.001.08, as railyard writes and reads it.
// Sources: the CBPR+ pacs.008 usage guideline (SR2024, "Principles" 1A:
// agents with a BICFI carry no name or postal address, instructing and
// instructed agents are identified by BICFI; SLEV is not a CBPR+ charge
// bearer), SR2025's hybrid postal address (TwnNm and Ctry structured, at
// most two AdrLine of 70), the FIN X character sets (identifiers:
// a-z A-Z 0-9 / - ? : ( ) . , ' + space; text: that set extended with
// ! " # $ % & * ; < = > @ [ \ ] ^ _ ` { | } ~, as cpmi), MT field 20's
// reference rule (no leading or trailing '/', no "//"), ISO 13616 and
// 7064 for IBANs, ISO 9362 for BICs, ISO 3166 for countries, ISO 4217 for
// USD's two decimals; fedwire.md D1-D3 for what railyard fixes (USD only,
// IBAN countries).

// cbprHeadBinds binds a head.001.001.02 AppHdr between BICs.
var cbprHeadBinds = []bind[AppHeader]{
	bs("Fr/FIId/FinInstnId/BICFI", mand(vBICFI, 11), func(h *AppHeader) *string { return &h.From }),
	bs("To/FIId/FinInstnId/BICFI", mand(vBICFI, 11), func(h *AppHeader) *string { return &h.To }),
	bs("BizMsgIdr", mand(vFINXRef, 35), func(h *AppHeader) *string { return &h.BusinessMessageID }),
	bs("MsgDefIdr", mand(vMsgDef, 35), func(h *AppHeader) *string { return &h.MessageDefinition }),
	bs("BizSvc", mand(vCBPRSvc, 35), func(h *AppHeader) *string { return &h.BusinessService }),
	btime("CreDt", mand(vDateTime, 0), func(h *AppHeader) *time.Time { return &h.Created }),
	bs("CpyDplct", codes(false, "CODU COPY DUPL"), func(h *AppHeader) *string { return &h.CopyDuplicate }),
	bs("PssblDplct", opt(vBool, 5), func(h *AppHeader) *string { return &h.PossibleDuplicate }),
}

// cbprAgentBinds binds a CBPR+ BranchAndFinancialInstitutionIdentification6:
// a BIC, or a name and postal address, with an optional clearing member
// id (CBPR+ caps MmbId at 28 characters).
func cbprAgentBinds[T any](prefix string, acc func(*T) *Party) []bind[T] {
	fi := prefix + "/FinInstnId/"
	return append([]bind[T]{
		bs(fi+"BICFI", opt(vBICFI, 11), func(t *T) *string { return &acc(t).BIC }),
		bs(fi+"ClrSysMmbId/ClrSysId/Cd", opt(vCode4, 5), func(t *T) *string { return &acc(t).ClearingSystem }),
		bs(fi+"ClrSysMmbId/MmbId", inParent(vMember, 28), func(t *T) *string { return &acc(t).MemberID }),
		bs(fi+"Nm", opt(vXText, 140), func(t *T) *string { return &acc(t).Name }),
	}, addressBindsOf(fi+"PstlAdr", func(t *T) *Address { return &acc(t).Address }, vXText, vCtryISO, 3)...)
}

// cbprPartyBinds binds the debtor or creditor: name and postal address.
func cbprPartyBinds[T any](prefix string, acc func(*T) *Party) []bind[T] {
	return append([]bind[T]{bs(prefix+"/Nm", opt(vXText, 140), func(t *T) *string { return &acc(t).Name })},
		addressBindsOf(prefix+"/PstlAdr", func(t *T) *Address { return &acc(t).Address }, vXText, vCtryISO, 3)...)
}

func cbprAccountBinds[T any](prefix string, acc func(*T) *Account) []bind[T] {
	return []bind[T]{
		bs(prefix+"/Id/IBAN", opt(vIBAN, 34), func(t *T) *string { return &acc(t).IBAN }),
		bs(prefix+"/Id/Othr/Id", inParent(vFINX, 34), func(t *T) *string { return &acc(t).ID }),
	}
}

var cbprPacs008Binds = joinBinds(
	[]bind[CreditTransfer]{
		bs("GrpHdr/MsgId", mand(vFINXRef, 35), func(c *CreditTransfer) *string { return &c.MessageID }),
		btime("GrpHdr/CreDtTm", mand(vDateTime, 0), func(c *CreditTransfer) *time.Time { return &c.Created }),
		bconst[CreditTransfer]("GrpHdr/NbOfTxs", "1"),
		bs("GrpHdr/SttlmInf/SttlmMtd", codes(true, "INDA INGA"), func(c *CreditTransfer) *string { return &c.SettlementMethod }),
		bs("CdtTrfTxInf/PmtId/InstrId", opt(vFINXRef, 35), func(c *CreditTransfer) *string { return &c.InstructionID }),
		bs("CdtTrfTxInf/PmtId/EndToEndId", mand(vFINXRef, 35), func(c *CreditTransfer) *string { return &c.EndToEndID }),
		bs("CdtTrfTxInf/PmtId/TxId", opt(vFINXRef, 35), func(c *CreditTransfer) *string { return &c.TransactionID }),
		bs("CdtTrfTxInf/PmtId/UETR", mand(vUETR, 36), func(c *CreditTransfer) *string { return &c.UETR }),
		bs("CdtTrfTxInf/PmtTpInf/LclInstrm/Prtry", opt(vFINX, 35), func(c *CreditTransfer) *string { return &c.LocalInstrument }),
	},
	bamt("CdtTrfTxInf/IntrBkSttlmAmt", rule{kind: vAmountCBPR, mand: true}, func(c *CreditTransfer) *int64 { return &c.Amount }, func(c *CreditTransfer) *string { return &c.Currency }, vUSD),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/IntrBkSttlmDt", mand(vDate, 0), func(c *CreditTransfer) *string { return &c.SettlementDate }),
	},
	bamt("CdtTrfTxInf/InstdAmt", rule{kind: vAmountCBPR}, func(c *CreditTransfer) *int64 { return &c.InstructedAmount }, func(c *CreditTransfer) *string { return &c.InstructedCurrency }, vUSD),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/ChrgBr", codes(true, "DEBT CRED SHAR"), func(c *CreditTransfer) *string { return &c.ChargeBearer }),
	},
	cbprAgentBinds("CdtTrfTxInf/InstgAgt", func(c *CreditTransfer) *Party { return &c.InstructingAgent }),
	cbprAgentBinds("CdtTrfTxInf/InstdAgt", func(c *CreditTransfer) *Party { return &c.InstructedAgent }),
	cbprAgentBinds("CdtTrfTxInf/IntrmyAgt1", func(c *CreditTransfer) *Party { return &c.IntermediaryAgent1 }),
	cbprPartyBinds("CdtTrfTxInf/Dbtr", func(c *CreditTransfer) *Party { return &c.Debtor }),
	cbprAccountBinds("CdtTrfTxInf/DbtrAcct", func(c *CreditTransfer) *Account { return &c.DebtorAccount }),
	cbprAgentBinds("CdtTrfTxInf/DbtrAgt", func(c *CreditTransfer) *Party { return &c.DebtorAgent }),
	cbprAgentBinds("CdtTrfTxInf/CdtrAgt", func(c *CreditTransfer) *Party { return &c.CreditorAgent }),
	cbprPartyBinds("CdtTrfTxInf/Cdtr", func(c *CreditTransfer) *Party { return &c.Creditor }),
	cbprAccountBinds("CdtTrfTxInf/CdtrAcct", func(c *CreditTransfer) *Account { return &c.CreditorAccount }),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/Purp/Cd", opt(vCode4, 4), func(c *CreditTransfer) *string { return &c.Purpose }),
		bss("CdtTrfTxInf/RmtInf/Ustrd", rule{kind: vXText, max: 140, repeat: 1}, func(c *CreditTransfer) *[]string { return &c.Remittance }),
	},
)

// finx is the FIN X character set of SWIFT identifiers.
var finx = func() (t [128]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "/-?:().,'+ " {
		t[c] = true
	}
	return t
}()

// ValidFINX reports whether s is a CBPR+ reference (MsgId, InstrId,
// EndToEndId, TxId, BizMsgIdr): 1-35 characters of the FIN X set
// (a-z A-Z 0-9 / - ? : ( ) . , ' + space), not starting or ending with
// '/' and without "//". railyard's transaction ids ("tx_0001") hold '_',
// which it does not allow: a rail maps them before writing a CBPR+
// message and keeps the mapping to match what comes back.
func ValidFINX(s string) bool {
	return s != "" && len(s) <= 35 && badFINX(s) < 0 && badSlash(s) == "" && strings.TrimSpace(s) == s
}

// badFINX returns the index of the first byte of s outside FIN X, or -1.
func badFINX(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 128 || !finx[s[i]] {
			return i
		}
	}
	return -1
}

// badSlash says how s breaks the reference rule of MT field 20, or "".
func badSlash(s string) string {
	switch {
	case strings.HasPrefix(s, "/"):
		return "starts with '/'"
	case strings.HasSuffix(s, "/"):
		return "ends with '/'"
	case strings.Contains(s, "//"):
		return "holds \"//\""
	}
	return ""
}

// checkFINX applies vFINX and vFINXRef.
func (c *isoChecker) checkFINX(n *node, path []string, name, text string, r rule) {
	bad := func(sev Severity, err error, msg string) { c.report(n, path, text, sev, err, msg) }
	if l := utf8.RuneCountInString(text); l > r.max {
		bad(SeverityError, ErrLength, name+" is "+strconv.Itoa(l)+" characters, more than "+strconv.Itoa(r.max))
		return
	}
	if strings.TrimSpace(text) != text {
		bad(SeverityError, ErrValue, name+" has leading or trailing blanks")
		return
	}
	if i := badFINX(text); i >= 0 {
		ch, _ := utf8.DecodeRuneInString(text[i:])
		bad(c.lenientSev(), ErrCharacter, name+": character "+strconv.QuoteRune(ch)+" is outside the FIN X set (a-z A-Z 0-9 / - ? : ( ) . , ' + space)")
		return
	}
	if r.kind == vFINXRef {
		if why := badSlash(text); why != "" {
			bad(c.lenientSev(), ErrValue, name+" "+why+": a SWIFT reference must not start or end with '/' or hold \"//\"")
		}
	}
}

// isCBPRHeader tells a CBPR+ AppHdr from a Fedwire one: by its namespace,
// or, without one, by a BICFI sender or a swift.cbprplus BizSvc.
func isCBPRHeader(h *node) bool {
	switch h.space {
	case nsPrefix + CBPRHeaderVersion:
		return true
	case nsPrefix + Version(Head001):
		return false
	}
	if h.find(p("Fr/FIId/FinInstnId/BICFI")) != nil {
		return true
	}
	svc := h.child("BizSvc")
	return svc != nil && strings.HasPrefix(svc.text, "swift.cbprplus")
}

// isCBPRDocument tells a CBPR+ pacs.008 without an AppHdr by its
// settlement method: Fedwire settles CLRG; CBPR+ INDA, INGA or COVE.
func isCBPRDocument(root *node) bool {
	m := root.find(p("GrpHdr/SttlmInf/SttlmMtd"))
	return m != nil && inCodes(m.text, "INDA INGA COVE")
}

// checkCBPR applies the CBPR+ rules that bindings cannot state.
func checkCBPR(c *isoChecker) {
	const tx = "CdtTrfTxInf/"
	missing := func(path, msg string) {
		pp := p(path)
		c.report(c.root.deepest(pp), pp, "", SeverityError, ErrMissing, msg)
	}
	need := func(path, msg string) bool {
		if c.root.find(p(path)) == nil {
			missing(path, msg)
			return false
		}
		return true
	}
	// Principle 1A: the instructing and instructed agents by BICFI.
	need(tx+"InstgAgt/FinInstnId/BICFI", "the instructing agent (InstgAgt) must be identified by its BIC (BICFI) in CBPR+")
	need(tx+"InstdAgt/FinInstnId/BICFI", "the instructed agent (InstdAgt) must be identified by its BIC (BICFI) in CBPR+")
	need(tx+"DbtrAgt", "the debtor agent (DbtrAgt) is mandatory")
	need(tx+"CdtrAgt", "the creditor agent (CdtrAgt) is mandatory")
	for _, agt := range []string{"InstgAgt", "InstdAgt", "IntrmyAgt1", "DbtrAgt", "CdtrAgt"} {
		c.cbprAgent(tx + agt)
	}
	for _, pty := range []string{"Dbtr", "Cdtr"} {
		if !need(tx+pty, "the "+map[string]string{"Dbtr": "debtor (Dbtr)", "Cdtr": "creditor (Cdtr)"}[pty]+" is mandatory") {
			continue
		}
		need(tx+pty+"/Nm", "the "+pty+" name (Nm) is mandatory")
		if need(tx+pty+"/PstlAdr", "the "+pty+" postal address (PstlAdr) is mandatory: at least TwnNm and Ctry") {
			c.cbprAddress(tx+pty+"/PstlAdr", true)
		}
	}
	need(tx+"CdtrAcct", "the creditor account (CdtrAcct) is mandatory: an IBAN or Othr/Id")
	for _, acct := range []string{"DbtrAcct", "CdtrAcct"} {
		a := c.root.find(p(tx + acct))
		if a == nil {
			continue
		}
		iban, othr := a.find(p("Id/IBAN")), a.find(p("Id/Othr"))
		switch {
		case iban == nil && othr == nil:
			missing(tx+acct+"/Id/IBAN", acct+" must be identified by an IBAN or Othr/Id")
		case iban != nil && othr != nil:
			pp := p(tx + acct + "/Id/Othr")
			c.report(othr, pp, "", SeverityError, ErrNotPermitted, acct+"/Id is a choice: an IBAN or Othr, not both")
		}
	}
	// The IBAN countries of seed 002 (IBANRequired), by the creditor
	// agent's BIC country, or the creditor's when the agent has no BIC.
	country, byBIC := "", false
	if b := c.root.find(p(tx + "CdtrAgt/FinInstnId/BICFI")); b != nil && validBIC(b.text) {
		country, byBIC = b.text[4:6], true
	} else if ct := c.root.find(p(tx + "Cdtr/PstlAdr/Ctry")); ct != nil {
		country = ct.text
	}
	if a := c.root.find(p(tx + "CdtrAcct")); a != nil && IBANRequired(country) {
		switch iban := a.find(p("Id/IBAN")); {
		case iban == nil:
			if a.find(p("Id/Othr")) != nil {
				pp := p(tx + "CdtrAcct/Id/Othr/Id")
				c.report(c.root.deepest(pp), pp, "", SeverityError, ErrMissing,
					"the beneficiary country ("+country+") requires that the bank account be provided in IBAN format")
			}
		case byBIC && len(iban.text) >= 2 && iban.text[:2] != country && iban.text[:2] != ibanParent[country]:
			pp := p(tx + "CdtrAcct/Id/IBAN")
			c.report(iban, pp, iban.text, SeverityError, ErrValue,
				"the IBAN is of "+iban.text[:2]+" but the creditor agent's BIC is of "+country)
		}
	}
}

// cbprAgent applies principle 1A to the agent at prefix: with a BICFI no
// name or postal address; without one, a name and postal address, or a
// clearing member id alone (allowed when all agents are in one country).
func (c *isoChecker) cbprAgent(prefix string) {
	a := c.root.find(p(prefix))
	if a == nil {
		return
	}
	fi := a.child("FinInstnId")
	if fi == nil {
		pp := p(prefix + "/FinInstnId")
		c.report(a, pp, "", SeverityError, ErrMissing, "mandatory element FinInstnId is missing")
		return
	}
	if mmb := fi.child("ClrSysMmbId"); mmb != nil && mmb.find(p("ClrSysId/Cd")) == nil {
		pp := p(prefix + "/FinInstnId/ClrSysMmbId/ClrSysId/Cd")
		c.report(c.root.deepest(pp), pp, "", SeverityError, ErrMissing, "a clearing member id needs its clearing system code (ClrSysId/Cd)")
	}
	nm, adr := fi.child("Nm"), fi.child("PstlAdr")
	switch {
	case fi.child("BICFI") != nil:
		for _, k := range []*node{nm, adr} {
			if k != nil {
				pp := p(prefix + "/FinInstnId/" + k.name)
				c.report(k, pp, "", SeverityError, ErrNotPermitted, "an agent identified by BICFI carries no "+k.name+" in CBPR+")
			}
		}
	case nm != nil && adr != nil:
		c.cbprAddress(prefix+"/FinInstnId/PstlAdr", false)
	case nm == nil && adr == nil && fi.child("ClrSysMmbId") != nil:
	default:
		pp := p(prefix + "/FinInstnId/BICFI")
		c.report(fi, pp, "", SeverityError, ErrMissing, "an agent without BICFI needs Nm and PstlAdr (or a clearing member id alone) in CBPR+")
	}
}

// cbprAddress applies the structured and hybrid address rules: with any
// structured element, TwnNm and Ctry are mandatory and AdrLine may occur
// twice; party says the address must be structured or hybrid (debtor and
// creditor), not lines alone.
func (c *isoChecker) cbprAddress(path string, party bool) {
	adr := c.root.find(p(path))
	if adr == nil {
		return
	}
	structured := false
	var lines []*node
	for _, k := range adr.kids {
		switch k.name {
		case "AdrLine":
			lines = append(lines, k)
		case "AdrTp":
		default:
			structured = true
		}
	}
	if !structured && !party {
		if len(lines) == 0 {
			c.report(adr, p(path), "", SeverityError, ErrMissing, "PstlAdr holds no address: TwnNm and Ctry, or AdrLine")
		}
		return
	}
	for _, el := range []string{"TwnNm", "Ctry"} {
		if adr.child(el) == nil {
			pp := p(path + "/" + el)
			c.report(adr, pp, "", SeverityError, ErrMissing, el+" is mandatory in a structured or hybrid postal address")
		}
	}
	if len(lines) > 2 {
		pp := p(path + "/AdrLine")
		c.report(lines[2], pp, "", SeverityError, ErrNotPermitted, "a structured or hybrid postal address has at most 2 AdrLine")
	}
}

// normCBPR fills what the CBPR+ profile fixes or defaults.
func normCBPR(t *CreditTransfer) {
	def(&t.SettlementMethod, "INDA")
	t.ClearingSystem = ""
	def(&t.Currency, "USD")
	def(&t.InstructionID, t.MessageID)
	if t.InstructedAmount == 0 {
		t.InstructedAmount, t.InstructedCurrency = t.Amount, t.Currency
	}
	def(&t.InstructedCurrency, "USD")
	def(&t.ChargeBearer, "SHAR")
	for _, pt := range []*Party{&t.InstructingAgent, &t.InstructedAgent, &t.IntermediaryAgent1, &t.DebtorAgent, &t.CreditorAgent} {
		normAgent(pt)
	}
	t.Remittance = append([]string(nil), t.Remittance...)
}
