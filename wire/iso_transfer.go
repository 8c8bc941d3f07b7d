package wire

import "time"

// CreditTransfer is a Fedwire customer transfer (pacs.008.001.08, local
// instrument CTRC) or bank transfer (pacs.009.001.08, BTRC): one
// transaction per message. The ISOMessage's Type tells which; the
// elements marked pacs.008 are not written in a pacs.009.
type CreditTransfer struct {
	// MessageID is GrpHdr/MsgId: the IMAD of a message we send.
	MessageID string    `json:"message_id"`
	Created   time.Time `json:"created"` // GrpHdr/CreDtTm, UTC
	// SettlementMethod is SttlmInf/SttlmMtd and ClearingSystem
	// SttlmInf/ClrSys/Cd; the writer puts "CLRG" and "FDW" when empty.
	SettlementMethod string `json:"settlement_method"`
	ClearingSystem   string `json:"clearing_system"`

	InstructionID string `json:"instruction_id,omitempty"` // PmtId/InstrId
	EndToEndID    string `json:"end_to_end_id"`            // PmtId/EndToEndId: railyard's transaction id
	TransactionID string `json:"transaction_id,omitempty"` // PmtId/TxId
	UETR          string `json:"uetr"`                     // PmtId/UETR
	// LocalInstrument is PmtTpInf/LclInstrm/Prtry; the writer puts CTRC
	// (pacs.008) or BTRC (pacs.009) when empty.
	LocalInstrument string `json:"local_instrument"`

	// Amount is IntrBkSttlmAmt in cents, in Currency (USD).
	Amount         int64  `json:"amount_cents"`
	Currency       string `json:"currency"`
	SettlementDate string `json:"settlement_date"` // IntrBkSttlmDt, YYYY-MM-DD
	// InstructedAmount is InstdAmt (pacs.008); the writer repeats the
	// settlement amount when it is zero.
	InstructedAmount   int64  `json:"instructed_amount_cents,omitempty"`
	InstructedCurrency string `json:"instructed_currency,omitempty"`
	// ChargeBearer is ChrgBr (pacs.008): DEBT, CRED, SHAR or SLEV; the
	// writer puts SHAR, the Fed's recommendation, when empty.
	ChargeBearer string `json:"charge_bearer,omitempty"`

	InstructingAgent   Party `json:"instructing_agent"` // InstgAgt: the sender's ABA
	InstructedAgent    Party `json:"instructed_agent"`  // InstdAgt: the receiver's ABA
	IntermediaryAgent1 Party `json:"intermediary_agent_1"`
	// Debtor is Dbtr: the originator (pacs.008) or the debtor bank
	// (pacs.009, identified as a financial institution).
	Debtor          Party   `json:"debtor"`
	DebtorAccount   Account `json:"debtor_account"`
	DebtorAgent     Party   `json:"debtor_agent"` // DbtrAgt: the originator's bank
	CreditorAgent   Party   `json:"creditor_agent"`
	Creditor        Party   `json:"creditor"` // Cdtr: the beneficiary (bank in pacs.009)
	CreditorAccount Account `json:"creditor_account"`
	// Purpose is Purp/Cd; Remittance the RmtInf/Ustrd lines (≤140 each).
	Purpose    string   `json:"purpose,omitempty"`
	Remittance []string `json:"remittance,omitempty"`
}

func transferHead[T any](acc func(*T) *CreditTransfer) []bind[T] {
	f := func(get func(*CreditTransfer) *string) func(*T) *string {
		return func(t *T) *string { return get(acc(t)) }
	}
	return []bind[T]{
		bs("GrpHdr/MsgId", mand(vIMAD, 22), f(func(c *CreditTransfer) *string { return &c.MessageID })),
		btime("GrpHdr/CreDtTm", mand(vDateTime, 0), func(t *T) *time.Time { return &acc(t).Created }),
		bconst[T]("GrpHdr/NbOfTxs", "1"),
		bs("GrpHdr/SttlmInf/SttlmMtd", rule{kind: vConst, codes: "CLRG", mand: true}, f(func(c *CreditTransfer) *string { return &c.SettlementMethod })),
		bs("GrpHdr/SttlmInf/ClrSys/Cd", rule{kind: vConst, codes: "FDW", mand: true}, f(func(c *CreditTransfer) *string { return &c.ClearingSystem })),
		bs("CdtTrfTxInf/PmtId/InstrId", opt(vID, 35), f(func(c *CreditTransfer) *string { return &c.InstructionID })),
		bs("CdtTrfTxInf/PmtId/EndToEndId", mand(vID, 35), f(func(c *CreditTransfer) *string { return &c.EndToEndID })),
		bs("CdtTrfTxInf/PmtId/TxId", opt(vID, 35), f(func(c *CreditTransfer) *string { return &c.TransactionID })),
		bs("CdtTrfTxInf/PmtId/UETR", mand(vUETR, 36), f(func(c *CreditTransfer) *string { return &c.UETR })),
	}
}

var pacs008Binds = joinBinds(
	transferHead(func(c *CreditTransfer) *CreditTransfer { return c }),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/PmtTpInf/LclInstrm/Prtry", codes(true, "CTRC CTRD CTRS"), func(c *CreditTransfer) *string { return &c.LocalInstrument }),
	},
	bamt("CdtTrfTxInf/IntrBkSttlmAmt", rule{mand: true}, func(c *CreditTransfer) *int64 { return &c.Amount }, func(c *CreditTransfer) *string { return &c.Currency }, vUSD),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/IntrBkSttlmDt", mand(vDate, 0), func(c *CreditTransfer) *string { return &c.SettlementDate }),
	},
	bamt("CdtTrfTxInf/InstdAmt", rule{mand: true}, func(c *CreditTransfer) *int64 { return &c.InstructedAmount }, func(c *CreditTransfer) *string { return &c.InstructedCurrency }, vCcy),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/ChrgBr", codes(true, "DEBT CRED SHAR SLEV"), func(c *CreditTransfer) *string { return &c.ChargeBearer }),
	},
	agentBinds("CdtTrfTxInf/InstgAgt", func(c *CreditTransfer) *Party { return &c.InstructingAgent }),
	agentBinds("CdtTrfTxInf/InstdAgt", func(c *CreditTransfer) *Party { return &c.InstructedAgent }),
	agentBinds("CdtTrfTxInf/IntrmyAgt1", func(c *CreditTransfer) *Party { return &c.IntermediaryAgent1 }),
	personBinds("CdtTrfTxInf/Dbtr", func(c *CreditTransfer) *Party { return &c.Debtor }),
	accountBinds("CdtTrfTxInf/DbtrAcct", func(c *CreditTransfer) *Account { return &c.DebtorAccount }),
	agentBinds("CdtTrfTxInf/DbtrAgt", func(c *CreditTransfer) *Party { return &c.DebtorAgent }),
	agentBinds("CdtTrfTxInf/CdtrAgt", func(c *CreditTransfer) *Party { return &c.CreditorAgent }),
	personBinds("CdtTrfTxInf/Cdtr", func(c *CreditTransfer) *Party { return &c.Creditor }),
	accountBinds("CdtTrfTxInf/CdtrAcct", func(c *CreditTransfer) *Account { return &c.CreditorAccount }),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/Purp/Cd", opt(vCode4, 4), func(c *CreditTransfer) *string { return &c.Purpose }),
		bss("CdtTrfTxInf/RmtInf/Ustrd", rule{kind: vText, max: 140}, func(c *CreditTransfer) *[]string { return &c.Remittance }),
	},
)

var pacs009Binds = joinBinds(
	transferHead(func(c *CreditTransfer) *CreditTransfer { return c }),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/PmtTpInf/LclInstrm/Prtry", codes(true, "BTRC BTRS BTRD COVC COVS"), func(c *CreditTransfer) *string { return &c.LocalInstrument }),
	},
	bamt("CdtTrfTxInf/IntrBkSttlmAmt", rule{mand: true}, func(c *CreditTransfer) *int64 { return &c.Amount }, func(c *CreditTransfer) *string { return &c.Currency }, vUSD),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/IntrBkSttlmDt", mand(vDate, 0), func(c *CreditTransfer) *string { return &c.SettlementDate }),
	},
	agentBinds("CdtTrfTxInf/InstgAgt", func(c *CreditTransfer) *Party { return &c.InstructingAgent }),
	agentBinds("CdtTrfTxInf/InstdAgt", func(c *CreditTransfer) *Party { return &c.InstructedAgent }),
	agentBinds("CdtTrfTxInf/IntrmyAgt1", func(c *CreditTransfer) *Party { return &c.IntermediaryAgent1 }),
	agentBinds("CdtTrfTxInf/Dbtr", func(c *CreditTransfer) *Party { return &c.Debtor }),
	accountBinds("CdtTrfTxInf/DbtrAcct", func(c *CreditTransfer) *Account { return &c.DebtorAccount }),
	agentBinds("CdtTrfTxInf/DbtrAgt", func(c *CreditTransfer) *Party { return &c.DebtorAgent }),
	agentBinds("CdtTrfTxInf/CdtrAgt", func(c *CreditTransfer) *Party { return &c.CreditorAgent }),
	agentBinds("CdtTrfTxInf/Cdtr", func(c *CreditTransfer) *Party { return &c.Creditor }),
	accountBinds("CdtTrfTxInf/CdtrAcct", func(c *CreditTransfer) *Account { return &c.CreditorAccount }),
	[]bind[CreditTransfer]{
		bs("CdtTrfTxInf/Purp/Cd", opt(vCode4, 4), func(c *CreditTransfer) *string { return &c.Purpose }),
		bss("CdtTrfTxInf/RmtInf/Ustrd", rule{kind: vText, max: 140}, func(c *CreditTransfer) *[]string { return &c.Remittance }),
	},
)

// checkTransfer applies the rules bindings cannot state: the elements
// Fedwire requires of the parties (fedwire.md A5, A6).
func checkTransfer(c *isoChecker, typ string) {
	need := func(path string, msg string) {
		if c.root.find(p(path)) == nil {
			pp := p(path)
			c.report(c.root.deepest(pp), pp, "", SeverityError, ErrMissing, msg)
		}
	}
	need("CdtTrfTxInf/InstgAgt/FinInstnId/ClrSysMmbId/MmbId", "the instructing agent's routing number (InstgAgt ClrSysMmbId USABA) is mandatory")
	need("CdtTrfTxInf/InstdAgt/FinInstnId/ClrSysMmbId/MmbId", "the instructed agent's routing number (InstdAgt ClrSysMmbId USABA) is mandatory")
	if typ == Pacs008 {
		need("CdtTrfTxInf/Dbtr", "the debtor (Dbtr) is mandatory")
		need("CdtTrfTxInf/DbtrAgt/FinInstnId", "the debtor agent (DbtrAgt) is mandatory")
		need("CdtTrfTxInf/CdtrAgt/FinInstnId", "the creditor agent (CdtrAgt) is mandatory")
		need("CdtTrfTxInf/Cdtr", "the creditor (Cdtr) is mandatory")
	} else {
		need("CdtTrfTxInf/Dbtr/FinInstnId", "the debtor bank (Dbtr/FinInstnId) is mandatory")
		need("CdtTrfTxInf/Cdtr/FinInstnId", "the creditor bank (Cdtr/FinInstnId) is mandatory")
	}
	for _, agt := range []string{"InstgAgt", "InstdAgt"} {
		pp := p("CdtTrfTxInf/" + agt + "/FinInstnId/ClrSysMmbId/ClrSysId/Cd")
		if n := c.root.find(pp); n != nil && n.text != "USABA" {
			c.report(n, pp, n.text, SeverityError, ErrCode, agt+" must be identified in the USABA clearing system")
		}
	}
}
