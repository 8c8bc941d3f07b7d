package wire

import "time"

// OriginalRef is how a return, status or recall names the payment it is
// about: the original message (OrgnlGrpInf) and transaction ids. Join a
// return to our wire by OriginalUETR, else OriginalMessageID (our IMAD),
// else OriginalEndToEndID (our transaction id).
type OriginalRef struct {
	OriginalMessageID   string    `json:"original_message_id"`   // OrgnlGrpInf/OrgnlMsgId: the original IMAD
	OriginalMessageType string    `json:"original_message_type"` // OrgnlGrpInf/OrgnlMsgNmId: pacs.008.001.08
	OriginalCreated     time.Time `json:"original_created"`      // OrgnlGrpInf/OrgnlCreDtTm
	OriginalInstrID     string    `json:"original_instruction_id,omitempty"`
	OriginalEndToEndID  string    `json:"original_end_to_end_id,omitempty"`
	OriginalTxID        string    `json:"original_transaction_id,omitempty"`
	OriginalUETR        string    `json:"original_uetr"`
}

// refBinds binds an OriginalRef under prefix (TxInf, TxInfAndSts …).
// mandatory says which parts the message requires.
func refBinds[T any](prefix string, acc func(*T) *OriginalRef, mandatory bool) []bind[T] {
	f := func(get func(*OriginalRef) *string) func(*T) *string {
		return func(t *T) *string { return get(acc(t)) }
	}
	mk := func(k vkind, max int) rule { return rule{kind: k, max: max, mand: mandatory} }
	return []bind[T]{
		bs(prefix+"/OrgnlGrpInf/OrgnlMsgId", mk(vID, 35), f(func(r *OriginalRef) *string { return &r.OriginalMessageID })),
		bs(prefix+"/OrgnlGrpInf/OrgnlMsgNmId", mk(vID, 35), f(func(r *OriginalRef) *string { return &r.OriginalMessageType })),
		btime(prefix+"/OrgnlGrpInf/OrgnlCreDtTm", rule{mandIn: true}, func(t *T) *time.Time { return &acc(t).OriginalCreated }),
		bs(prefix+"/OrgnlInstrId", opt(vID, 35), f(func(r *OriginalRef) *string { return &r.OriginalInstrID })),
		bs(prefix+"/OrgnlEndToEndId", opt(vID, 35), f(func(r *OriginalRef) *string { return &r.OriginalEndToEndID })),
		bs(prefix+"/OrgnlTxId", opt(vID, 35), f(func(r *OriginalRef) *string { return &r.OriginalTxID })),
		bs(prefix+"/OrgnlUETR", mk(vUETR, 36), f(func(r *OriginalRef) *string { return &r.OriginalUETR })),
	}
}

// PaymentReturn is a Fedwire payment return (pacs.004.001.10): a wire
// sent back, in full or in part (fees deducted).
type PaymentReturn struct {
	MessageID string    `json:"message_id"` // GrpHdr/MsgId: the return's own IMAD
	Created   time.Time `json:"created"`
	// SettlementMethod and ClearingSystem: "CLRG" and "FDW" (the writer's
	// defaults).
	SettlementMethod string `json:"settlement_method"`
	ClearingSystem   string `json:"clearing_system"`
	ReturnID         string `json:"return_id,omitempty"` // TxInf/RtrId
	OriginalRef
	// OriginalAmount is OrgnlIntrBkSttlmAmt, when given.
	OriginalAmount   int64  `json:"original_amount_cents,omitempty"`
	OriginalCurrency string `json:"original_currency,omitempty"`
	// Amount is RtrdIntrBkSttlmAmt in cents: what comes back, which may
	// be less than the original.
	Amount         int64  `json:"amount_cents"`
	Currency       string `json:"currency"`
	SettlementDate string `json:"settlement_date"` // IntrBkSttlmDt
	// InstructedAmount is RtrdInstdAmt (the writer repeats Amount).
	InstructedAmount   int64  `json:"instructed_amount_cents,omitempty"`
	InstructedCurrency string `json:"instructed_currency,omitempty"`
	ChargeBearer       string `json:"charge_bearer,omitempty"`
	InstructingAgent   Party  `json:"instructing_agent"`
	InstructedAgent    Party  `json:"instructed_agent"`
	// The return chain: who is paid back (Cdtr: our originator, for a
	// return of our wire) by whom (Dbtr). Fedwire requires both; each is a
	// party (…Party) or, for bank transfers, an agent (…Agent).
	ChainDebtor        Party   `json:"chain_debtor"`
	ChainDebtorAgent   Party   `json:"chain_debtor_agent_party"`
	ChainDebtorAccount Account `json:"chain_debtor_account"`
	ChainDebtorBank    Party   `json:"chain_debtor_bank"`
	ChainCreditorBank  Party   `json:"chain_creditor_bank"`
	ChainCreditor      Party   `json:"chain_creditor"`
	ChainCreditorAgent Party   `json:"chain_creditor_agent_party"`
	ChainCreditorAcct  Account `json:"chain_creditor_account"`
	// Reason is RtrRsnInf/Rsn/Cd, an ExternalReturnReason1Code (AC04,
	// DUPL, FOCR …); Fedwire allows Cd only. AdditionalInfo is AddtlInf
	// (0-2 lines of ≤105).
	Reason         string   `json:"reason"`
	AdditionalInfo []string `json:"additional_info,omitempty"`
	// OriginalLocalInstrument is OrgnlTxRef/PmtTpInf/LclInstrm/Prtry:
	// CTRC, BTRC … of the returned wire.
	OriginalLocalInstrument string `json:"original_local_instrument"`
}

var pacs004Binds = joinBinds(
	[]bind[PaymentReturn]{
		bs("GrpHdr/MsgId", mand(vIMAD, 22), func(r *PaymentReturn) *string { return &r.MessageID }),
		btime("GrpHdr/CreDtTm", mand(vDateTime, 0), func(r *PaymentReturn) *time.Time { return &r.Created }),
		bconst[PaymentReturn]("GrpHdr/NbOfTxs", "1"),
		bs("GrpHdr/SttlmInf/SttlmMtd", rule{kind: vConst, codes: "CLRG", mand: true}, func(r *PaymentReturn) *string { return &r.SettlementMethod }),
		bs("GrpHdr/SttlmInf/ClrSys/Cd", rule{kind: vConst, codes: "FDW", mand: true}, func(r *PaymentReturn) *string { return &r.ClearingSystem }),
		bs("TxInf/RtrId", opt(vID, 35), func(r *PaymentReturn) *string { return &r.ReturnID }),
	},
	refBinds("TxInf", func(r *PaymentReturn) *OriginalRef { return &r.OriginalRef }, true),
	bamt("TxInf/OrgnlIntrBkSttlmAmt", rule{}, func(r *PaymentReturn) *int64 { return &r.OriginalAmount }, func(r *PaymentReturn) *string { return &r.OriginalCurrency }, vCcy),
	bamt("TxInf/RtrdIntrBkSttlmAmt", rule{mand: true}, func(r *PaymentReturn) *int64 { return &r.Amount }, func(r *PaymentReturn) *string { return &r.Currency }, vUSD),
	[]bind[PaymentReturn]{
		bs("TxInf/IntrBkSttlmDt", mand(vDate, 0), func(r *PaymentReturn) *string { return &r.SettlementDate }),
	},
	bamt("TxInf/RtrdInstdAmt", rule{mand: true}, func(r *PaymentReturn) *int64 { return &r.InstructedAmount }, func(r *PaymentReturn) *string { return &r.InstructedCurrency }, vCcy),
	[]bind[PaymentReturn]{
		bs("TxInf/ChrgBr", codes(false, "CRED SHAR SLEV DEBT"), func(r *PaymentReturn) *string { return &r.ChargeBearer }),
	},
	agentBinds("TxInf/InstgAgt", func(r *PaymentReturn) *Party { return &r.InstructingAgent }),
	agentBinds("TxInf/InstdAgt", func(r *PaymentReturn) *Party { return &r.InstructedAgent }),
	personBinds("TxInf/RtrChain/Dbtr/Pty", func(r *PaymentReturn) *Party { return &r.ChainDebtor }),
	agentBinds("TxInf/RtrChain/Dbtr/Agt", func(r *PaymentReturn) *Party { return &r.ChainDebtorAgent }),
	accountBinds("TxInf/RtrChain/DbtrAcct", func(r *PaymentReturn) *Account { return &r.ChainDebtorAccount }),
	agentBinds("TxInf/RtrChain/DbtrAgt", func(r *PaymentReturn) *Party { return &r.ChainDebtorBank }),
	agentBinds("TxInf/RtrChain/CdtrAgt", func(r *PaymentReturn) *Party { return &r.ChainCreditorBank }),
	personBinds("TxInf/RtrChain/Cdtr/Pty", func(r *PaymentReturn) *Party { return &r.ChainCreditor }),
	agentBinds("TxInf/RtrChain/Cdtr/Agt", func(r *PaymentReturn) *Party { return &r.ChainCreditorAgent }),
	accountBinds("TxInf/RtrChain/CdtrAcct", func(r *PaymentReturn) *Account { return &r.ChainCreditorAcct }),
	[]bind[PaymentReturn]{
		bs("TxInf/RtrRsnInf/Rsn/Cd", mand(vCode4, 4), func(r *PaymentReturn) *string { return &r.Reason }),
		bss("TxInf/RtrRsnInf/AddtlInf", rule{kind: vText, max: 105, repeat: 2}, func(r *PaymentReturn) *[]string { return &r.AdditionalInfo }),
		bs("TxInf/OrgnlTxRef/PmtTpInf/LclInstrm/Prtry", mand(vID, 35), func(r *PaymentReturn) *string { return &r.OriginalLocalInstrument }),
	},
)

func checkReturn(c *isoChecker) {
	for _, side := range []string{"Dbtr", "Cdtr"} {
		pp := p("TxInf/RtrChain/" + side)
		n := c.root.find(pp)
		switch {
		case n == nil:
			c.report(c.root.deepest(pp), pp, "", SeverityError, ErrMissing, "the return chain's "+side+" (a party or an agent) is mandatory")
		case n.child("Pty") == nil && n.child("Agt") == nil:
			c.report(n, pp, "", SeverityError, ErrMissing, side+" must hold Pty or Agt")
		case n.child("Pty") != nil && n.child("Agt") != nil:
			c.report(n, pp, "", SeverityError, ErrNotPermitted, side+" holds both Pty and Agt")
		}
	}
	if n := c.root.find(p("TxInf/RtrRsnInf/Rsn/Prtry")); n != nil {
		c.report(n, p("TxInf/RtrRsnInf/Rsn/Prtry"), n.text, SeverityError, ErrNotPermitted, "Fedwire allows only Rsn/Cd in a return reason")
	}
}

// PaymentStatus is a payment status report from the Fed
// (pacs.002.001.10): ACSC, the wire was accepted and settled, or RJCT,
// rejected with a reason.
type PaymentStatus struct {
	// MessageID is GrpHdr/MsgId: for ACSC it has the shape of the OMAD.
	MessageID string    `json:"message_id"`
	Created   time.Time `json:"created"`
	OriginalRef
	// Status is TxSts: ACSC or RJCT (other codes are kept as read).
	Status string `json:"status"`
	// Reason is StsRsnInf/Rsn/Prtry or Cd (the Fed's E433 …), with
	// AdditionalInfo its AddtlInf lines.
	Reason         string   `json:"reason,omitempty"`
	AdditionalInfo []string `json:"additional_info,omitempty"`
	// ReasonCode is StsRsnInf/Rsn/Cd when the reason is a code rather
	// than proprietary; Reason holds whichever is present.
	ReasonCode       string    `json:"reason_code,omitempty"`
	Accepted         time.Time `json:"accepted"`                 // AccptncDtTm (ACSC)
	EffectiveDate    string    `json:"effective_date,omitempty"` // FctvIntrBkSttlmDt/Dt
	InstructingAgent Party     `json:"instructing_agent"`        // the Fed, 021151080
	InstructedAgent  Party     `json:"instructed_agent"`

	proprietary string
}

var pacs002Binds = joinBinds(
	[]bind[PaymentStatus]{
		bs("GrpHdr/MsgId", mand(vID, 35), func(s *PaymentStatus) *string { return &s.MessageID }),
		btime("GrpHdr/CreDtTm", mand(vDateTime, 0), func(s *PaymentStatus) *time.Time { return &s.Created }),
	},
	refBinds("TxInfAndSts", func(s *PaymentStatus) *OriginalRef { return &s.OriginalRef }, true),
	[]bind[PaymentStatus]{
		bs("TxInfAndSts/TxSts", mand(vCode4, 4), func(s *PaymentStatus) *string { return &s.Status }),
		bs("TxInfAndSts/StsRsnInf/Rsn/Cd", opt(vCode4, 4), func(s *PaymentStatus) *string { return &s.ReasonCode }),
		bs("TxInfAndSts/StsRsnInf/Rsn/Prtry", opt(vID, 35), func(s *PaymentStatus) *string { return &s.proprietary }),
		bss("TxInfAndSts/StsRsnInf/AddtlInf", rule{kind: vText, max: 105, repeat: 2}, func(s *PaymentStatus) *[]string { return &s.AdditionalInfo }),
		btime("TxInfAndSts/AccptncDtTm", opt(vDateTime, 0), func(s *PaymentStatus) *time.Time { return &s.Accepted }),
		bs("TxInfAndSts/FctvIntrBkSttlmDt/Dt", opt(vDate, 0), func(s *PaymentStatus) *string { return &s.EffectiveDate }),
	},
	agentBinds("TxInfAndSts/InstgAgt", func(s *PaymentStatus) *Party { return &s.InstructingAgent }),
	agentBinds("TxInfAndSts/InstdAgt", func(s *PaymentStatus) *Party { return &s.InstructedAgent }),
)

func checkStatus(c *isoChecker, s *PaymentStatus) {
	if s.Status == "RJCT" && s.ReasonCode == "" && s.proprietary == "" {
		pp := p("TxInfAndSts/StsRsnInf/Rsn")
		c.report(c.root.deepest(pp), pp, "", SeverityError, ErrMissing, "a rejection (RJCT) must give its reason")
	}
}
