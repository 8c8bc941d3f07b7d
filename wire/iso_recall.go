package wire

import "time"

// RecallRequest is a return request (camt.056.001.08, FIToFIPmtCxlReq):
// the debtor's bank asks the creditor's bank to send a wire back.
type RecallRequest struct {
	// AssignmentID is Assgnmt/Id: a new IMAD for this message.
	AssignmentID string    `json:"assignment_id"`
	Assigner     Party     `json:"assigner"` // Assgnmt/Assgnr/Agt: our bank
	Assignee     Party     `json:"assignee"` // Assgnmt/Assgne/Agt: their bank
	Created      time.Time `json:"created"`  // Assgnmt/CreDtTm
	CaseID       string    `json:"case_id"`  // Case/Id
	// CaseCreator is Case/Cretr/Agt; CaseCreatorName Case/Cretr/Pty/Nm
	// when a party opened the case.
	CaseCreator     Party  `json:"case_creator"`
	CaseCreatorName string `json:"case_creator_name,omitempty"`
	OriginalRef
	// OriginalAmount is OrgnlIntrBkSttlmAmt, OriginalSettlementDate
	// OrgnlIntrBkSttlmDt.
	OriginalAmount         int64  `json:"original_amount_cents"`
	OriginalCurrency       string `json:"original_currency"`
	OriginalSettlementDate string `json:"original_settlement_date"`
	// Reason is CxlRsnInf/Rsn/Cd: CUST, DUPL, FRAD, TECH, AM09, AC03,
	// UPAY …; AdditionalInfo its AddtlInf lines.
	Reason         string   `json:"reason"`
	AdditionalInfo []string `json:"additional_info,omitempty"`
	// Originator is CxlRsnInf/Orgtr/Nm, who asked for the recall.
	Originator string `json:"originator,omitempty"`
}

var camt056Binds = joinBinds(
	[]bind[RecallRequest]{
		bs("Assgnmt/Id", mand(vIMAD, 22), func(r *RecallRequest) *string { return &r.AssignmentID }),
	},
	agentBinds("Assgnmt/Assgnr/Agt", func(r *RecallRequest) *Party { return &r.Assigner }),
	agentBinds("Assgnmt/Assgne/Agt", func(r *RecallRequest) *Party { return &r.Assignee }),
	[]bind[RecallRequest]{
		btime("Assgnmt/CreDtTm", mand(vDateTime, 0), func(r *RecallRequest) *time.Time { return &r.Created }),
		bs("Case/Id", mand(vID, 35), func(r *RecallRequest) *string { return &r.CaseID }),
		bs("Case/Cretr/Pty/Nm", opt(vText, 140), func(r *RecallRequest) *string { return &r.CaseCreatorName }),
	},
	agentBinds("Case/Cretr/Agt", func(r *RecallRequest) *Party { return &r.CaseCreator }),
	refBinds("Undrlyg/TxInf", func(r *RecallRequest) *OriginalRef { return &r.OriginalRef }, true),
	bamt("Undrlyg/TxInf/OrgnlIntrBkSttlmAmt", rule{mand: true}, func(r *RecallRequest) *int64 { return &r.OriginalAmount }, func(r *RecallRequest) *string { return &r.OriginalCurrency }, vCcy),
	[]bind[RecallRequest]{
		bs("Undrlyg/TxInf/OrgnlIntrBkSttlmDt", mand(vDate, 0), func(r *RecallRequest) *string { return &r.OriginalSettlementDate }),
		bs("Undrlyg/TxInf/CxlRsnInf/Orgtr/Nm", opt(vText, 140), func(r *RecallRequest) *string { return &r.Originator }),
		bs("Undrlyg/TxInf/CxlRsnInf/Rsn/Cd", mand(vCode4, 4), func(r *RecallRequest) *string { return &r.Reason }),
		bss("Undrlyg/TxInf/CxlRsnInf/AddtlInf", rule{kind: vText, max: 105, repeat: 2}, func(r *RecallRequest) *[]string { return &r.AdditionalInfo }),
	},
)

// RecallResolution answers a recall (camt.029.001.09,
// RsltnOfInvstgtn): Status CNCL (cancelled as requested: a pacs.004
// follows), RJCR (rejected, with a reason) or PECR (partially executed).
type RecallResolution struct {
	AssignmentID    string    `json:"assignment_id"` // Assgnmt/Id
	Assigner        Party     `json:"assigner"`
	Assignee        Party     `json:"assignee"`
	Created         time.Time `json:"created"`
	CaseID          string    `json:"case_id,omitempty"` // RslvdCase/Id
	CaseCreator     Party     `json:"case_creator"`
	CaseCreatorName string    `json:"case_creator_name,omitempty"`
	// Status is Sts/Conf.
	Status string `json:"status"`
	OriginalRef
	// Reason is CxlStsRsnInf/Rsn/Cd (NARR, CUST, AGNT, LEGL, NOAS, ARDT …)
	// with AdditionalInfo its AddtlInf lines.
	Reason         string   `json:"reason,omitempty"`
	AdditionalInfo []string `json:"additional_info,omitempty"`
}

var camt029Binds = joinBinds(
	[]bind[RecallResolution]{
		bs("Assgnmt/Id", mand(vID, 35), func(r *RecallResolution) *string { return &r.AssignmentID }),
	},
	agentBinds("Assgnmt/Assgnr/Agt", func(r *RecallResolution) *Party { return &r.Assigner }),
	agentBinds("Assgnmt/Assgne/Agt", func(r *RecallResolution) *Party { return &r.Assignee }),
	[]bind[RecallResolution]{
		btime("Assgnmt/CreDtTm", mand(vDateTime, 0), func(r *RecallResolution) *time.Time { return &r.Created }),
		bs("RslvdCase/Id", opt(vID, 35), func(r *RecallResolution) *string { return &r.CaseID }),
		bs("RslvdCase/Cretr/Pty/Nm", opt(vText, 140), func(r *RecallResolution) *string { return &r.CaseCreatorName }),
	},
	agentBinds("RslvdCase/Cretr/Agt", func(r *RecallResolution) *Party { return &r.CaseCreator }),
	[]bind[RecallResolution]{
		bs("Sts/Conf", mand(vCode4, 4), func(r *RecallResolution) *string { return &r.Status }),
	},
	refBinds("CxlDtls/TxInfAndSts", func(r *RecallResolution) *OriginalRef { return &r.OriginalRef }, false),
	[]bind[RecallResolution]{
		bs("CxlDtls/TxInfAndSts/CxlStsRsnInf/Rsn/Cd", opt(vCode4, 4), func(r *RecallResolution) *string { return &r.Reason }),
		bss("CxlDtls/TxInfAndSts/CxlStsRsnInf/AddtlInf", rule{kind: vText, max: 105, repeat: 2}, func(r *RecallResolution) *[]string { return &r.AdditionalInfo }),
	},
)

func checkResolution(c *isoChecker, r *RecallResolution) {
	if r.Status == "RJCR" && r.Reason == "" {
		pp := p("CxlDtls/TxInfAndSts/CxlStsRsnInf/Rsn/Cd")
		c.report(c.root.deepest(pp), pp, "", c.lenientSev(), ErrMissing, "a rejected recall (RJCR) should give its reason")
	}
	if r.OriginalMessageID == "" && r.OriginalUETR == "" {
		pp := p("CxlDtls/TxInfAndSts")
		c.report(c.root.deepest(pp), pp, "", SeverityError, ErrMissing, "the answer names no original payment (OrgnlGrpInf or OrgnlUETR)")
	}
}
