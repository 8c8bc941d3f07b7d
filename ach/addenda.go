package ach

// Addenda is an Addenda record (type 7). TypeCode ("02", "05", "10"…"18",
// "98", "99") and, for 98 and 99, Code decide the layout:
//
//   - 05, 17: PaymentRelatedInformation, SequenceNumber, EntryDetailSequenceNumber;
//   - 02: terminal data (ReferenceInformation1 … TerminalState) and TraceNumber;
//   - 98: Code is the change code (C01…); C61-C69 make it a refused NOC,
//     whose ChangeCode and CORTraceSequenceNumber are then set;
//   - 99: Code is the return reason code. R61, R62 and R67-R70 use the
//     dishonored layout, R71-R77 the contested layout, anything else the
//     return layout (IAT batches: with OriginalForwardPaymentAmount);
//   - 10-16, 18: the IAT party members (Name, StreetAddress, DFIName, …).
type Addenda struct {
	TypeCode string `json:"type_code"`

	PaymentRelatedInformation string `json:"payment_related_information,omitempty"`
	SequenceNumber            int    `json:"sequence_number,omitempty"`
	EntryDetailSequenceNumber string `json:"entry_detail_sequence_number,omitempty"`

	ReferenceInformation1      string `json:"reference_information_1,omitempty"`
	ReferenceInformation2      string `json:"reference_information_2,omitempty"`
	TerminalIdentificationCode string `json:"terminal_identification_code,omitempty"`
	TransactionSerialNumber    string `json:"transaction_serial_number,omitempty"`
	TransactionDate            string `json:"transaction_date,omitempty"`
	AuthorizationCode          string `json:"authorization_code,omitempty"`
	TerminalLocation           string `json:"terminal_location,omitempty"`
	TerminalCity               string `json:"terminal_city,omitempty"`
	TerminalState              string `json:"terminal_state,omitempty"`

	Code                           string `json:"code,omitempty"`
	OriginalTraceNumber            string `json:"original_trace_number,omitempty"`
	DateOfDeath                    string `json:"date_of_death,omitempty"`
	OriginalRDFIIdentification     string `json:"original_rdfi_identification,omitempty"`
	AddendaInformation             string `json:"addenda_information,omitempty"`
	CorrectedData                  string `json:"corrected_data,omitempty"`
	ChangeCode                     string `json:"change_code,omitempty"`
	CORTraceSequenceNumber         string `json:"cor_trace_sequence_number,omitempty"`
	OriginalForwardPaymentAmount   int64  `json:"original_forward_payment_amount,omitempty"`
	ReturnTraceNumber              string `json:"return_trace_number,omitempty"`
	ReturnSettlementDate           string `json:"return_settlement_date,omitempty"`
	ReturnReasonCode               string `json:"return_reason_code,omitempty"`
	DishonoredReturnTraceNumber    string `json:"dishonored_return_trace_number,omitempty"`
	DishonoredReturnSettlementDate string `json:"dishonored_return_settlement_date,omitempty"`
	DishonoredReturnReasonCode     string `json:"dishonored_return_reason_code,omitempty"`
	DateOriginalEntryReturned      string `json:"date_original_entry_returned,omitempty"`
	OriginalSettlementDate         string `json:"original_settlement_date,omitempty"`

	TransactionTypeCode          string `json:"transaction_type_code,omitempty"`
	ForeignPaymentAmount         int64  `json:"foreign_payment_amount,omitempty"`
	ForeignTraceNumber           string `json:"foreign_trace_number,omitempty"`
	Name                         string `json:"name,omitempty"`
	StreetAddress                string `json:"street_address,omitempty"`
	CityState                    string `json:"city_state,omitempty"`
	CountryPostalCode            string `json:"country_postal_code,omitempty"`
	DFIName                      string `json:"dfi_name,omitempty"`
	DFIIDQualifier               string `json:"dfi_id_qualifier,omitempty"`
	DFIIdentification            string `json:"dfi_identification,omitempty"`
	DFIBranchCountryCode         string `json:"dfi_branch_country_code,omitempty"`
	ReceiverIdentificationNumber string `json:"receiver_identification_number,omitempty"`

	TraceNumber string `json:"trace_number,omitempty"`
}

type ab = bind[Addenda]

func as(name string, start, end int, k kind, inc incl, acc func(*Addenda) *string) ab {
	return fs(name, start, end, k, inc, acc)
}

func addendaCodec(name string, b ...ab) *codec[Addenda] {
	all := []ab{fc[Addenda]("record_type", 1, 1, "7"),
		as("addenda_type_code", 2, 3, kNumeric, inM, func(a *Addenda) *string { return &a.TypeCode })}
	return newCodec(name, append(all, b...)...)
}

var (
	aSeq   = fi("addenda_sequence_number", 84, 87, inM, func(a *Addenda) *int { return &a.SequenceNumber })
	aEDSeq = as("entry_detail_sequence_number", 88, 94, kNumeric, inM, func(a *Addenda) *string { return &a.EntryDetailSequenceNumber })
	aTrace = as("trace_number", 80, 94, kNumeric, inM, func(a *Addenda) *string { return &a.TraceNumber })
	aOrig  = as("original_entry_trace_number", 7, 21, kNumeric, inM, func(a *Addenda) *string { return &a.OriginalTraceNumber })
	aORDFI = as("original_rdfi_identification", 28, 35, kRTN8, inR, func(a *Addenda) *string { return &a.OriginalRDFIIdentification })
	aRetTr = as("return_trace_number", 39, 53, kNumeric, inM, func(a *Addenda) *string { return &a.ReturnTraceNumber })
	aRetSD = as("return_settlement_date", 54, 56, kJulian, inM, func(a *Addenda) *string { return &a.ReturnSettlementDate })
	aRetRC = as("return_reason_code", 57, 58, kNumeric, inM, func(a *Addenda) *string { return &a.ReturnReasonCode })
	aPRI   = as("payment_related_information", 4, 83, kAlpha, inO, func(a *Addenda) *string { return &a.PaymentRelatedInformation })
	aCode  = func(name string) ab { return as(name, 4, 6, kUpper, inM, func(a *Addenda) *string { return &a.Code }) }
	aCorr  = func(end int) ab {
		return as("corrected_data", 36, end, kAlpha, inM, func(a *Addenda) *string { return &a.CorrectedData })
	}
	aInfo = func(start int) ab {
		return as("addenda_information", start, 79, kAlpha, inO, func(a *Addenda) *string { return &a.AddendaInformation })
	}
	aName   = func(n string) ab { return as(n, 4, 38, kAlpha, inM, func(a *Addenda) *string { return &a.Name }) }
	aStreet = func(n string, start, end int) ab {
		return as(n, start, end, kAlpha, inM, func(a *Addenda) *string { return &a.StreetAddress })
	}
	aCity    = func(n string) ab { return as(n, 4, 38, kAlpha, inM, func(a *Addenda) *string { return &a.CityState }) }
	aCountry = func(n string) ab {
		return as(n, 39, 73, kAlpha, inM, func(a *Addenda) *string { return &a.CountryPostalCode })
	}
)

func dfiParty(prefix string) []ab {
	return []ab{
		as(prefix+"_name", 4, 38, kAlpha, inM, func(a *Addenda) *string { return &a.DFIName }),
		as(prefix+"_id_qualifier", 39, 40, kNumeric, inM, func(a *Addenda) *string { return &a.DFIIDQualifier }),
		as(prefix+"_identification", 41, 74, kAlpha, inM, func(a *Addenda) *string { return &a.DFIIdentification }),
		as(prefix+"_branch_country_code", 75, 77, kAlpha, inM, func(a *Addenda) *string { return &a.DFIBranchCountryCode }),
	}
}

var (
	addenda05 = addendaCodec("addenda_05", aPRI, aSeq, aEDSeq)
	addenda02 = addendaCodec("addenda_02",
		as("reference_information_1", 4, 10, kAlpha, inO, func(a *Addenda) *string { return &a.ReferenceInformation1 }),
		as("reference_information_2", 11, 13, kAlpha, inO, func(a *Addenda) *string { return &a.ReferenceInformation2 }),
		as("terminal_identification_code", 14, 19, kAlpha, inR, func(a *Addenda) *string { return &a.TerminalIdentificationCode }),
		as("transaction_serial_number", 20, 25, kAlpha, inR, func(a *Addenda) *string { return &a.TransactionSerialNumber }),
		as("transaction_date", 26, 29, kMonthDay, inR, func(a *Addenda) *string { return &a.TransactionDate }),
		as("authorization_code", 30, 35, kAlpha, inO, func(a *Addenda) *string { return &a.AuthorizationCode }),
		as("terminal_location", 36, 62, kAlpha, inR, func(a *Addenda) *string { return &a.TerminalLocation }),
		as("terminal_city", 63, 77, kAlpha, inR, func(a *Addenda) *string { return &a.TerminalCity }),
		as("terminal_state", 78, 79, kAlpha, inR, func(a *Addenda) *string { return &a.TerminalState }),
		aTrace)
	addenda98 = addendaCodec("addenda_98", aCode("change_code"), aOrig, fr[Addenda](22, 27), aORDFI,
		aCorr(64), fr[Addenda](65, 79), aTrace)
	iatAddenda98 = addendaCodec("addenda_98", aCode("change_code"), aOrig, fr[Addenda](22, 27), aORDFI,
		aCorr(70), fr[Addenda](71, 79), aTrace)
	refusedAddenda98 = addendaCodec("addenda_98_refused", aCode("refused_cor_code"), aOrig, fr[Addenda](22, 27), aORDFI,
		aCorr(64),
		as("change_code", 65, 67, kUpper, inM, func(a *Addenda) *string { return &a.ChangeCode }),
		as("cor_trace_sequence_number", 68, 74, kNumeric, inM, func(a *Addenda) *string { return &a.CORTraceSequenceNumber }),
		fr[Addenda](75, 79), aTrace)
	addenda99 = addendaCodec("addenda_99", aCode("return_reason_code"), aOrig,
		as("date_of_death", 22, 27, kDate, inO, func(a *Addenda) *string { return &a.DateOfDeath }),
		aORDFI, aInfo(36), aTrace)
	iatAddenda99 = addendaCodec("addenda_99", aCode("return_reason_code"), aOrig,
		as("date_of_death", 22, 27, kDate, inO, func(a *Addenda) *string { return &a.DateOfDeath }),
		aORDFI,
		fn("original_forward_payment_amount", 36, 45, inR, func(a *Addenda) *int64 { return &a.OriginalForwardPaymentAmount }),
		aInfo(46), aTrace)
	dishonoredAddenda99 = addendaCodec("addenda_99_dishonored", aCode("dishonored_return_reason_code"), aOrig,
		fr[Addenda](22, 27), aORDFI, fr[Addenda](36, 38), aRetTr, aRetSD, aRetRC, aInfo(59), aTrace)
	contestedAddenda99 = addendaCodec("addenda_99_contested", aCode("contested_dishonored_return_reason_code"), aOrig,
		as("date_original_entry_returned", 22, 27, kDate, inO, func(a *Addenda) *string { return &a.DateOriginalEntryReturned }),
		aORDFI,
		as("original_settlement_date", 36, 38, kJulian, inO, func(a *Addenda) *string { return &a.OriginalSettlementDate }),
		aRetTr, aRetSD, aRetRC,
		as("dishonored_return_trace_number", 59, 73, kNumeric, inM, func(a *Addenda) *string { return &a.DishonoredReturnTraceNumber }),
		as("dishonored_return_settlement_date", 74, 76, kJulian, inM, func(a *Addenda) *string { return &a.DishonoredReturnSettlementDate }),
		as("dishonored_return_reason_code", 77, 78, kNumeric, inM, func(a *Addenda) *string { return &a.DishonoredReturnReasonCode }),
		fr[Addenda](79, 79), aTrace)

	iatAddenda10 = addendaCodec("addenda_10",
		as("transaction_type_code", 4, 6, kUpper, inR, func(a *Addenda) *string { return &a.TransactionTypeCode }),
		fn("foreign_payment_amount", 7, 24, inR, func(a *Addenda) *int64 { return &a.ForeignPaymentAmount }),
		as("foreign_trace_number", 25, 46, kAlpha, inO, func(a *Addenda) *string { return &a.ForeignTraceNumber }),
		as("receiving_name", 47, 81, kAlpha, inM, func(a *Addenda) *string { return &a.Name }),
		fr[Addenda](82, 87), aEDSeq)
	iatAddenda11 = addendaCodec("addenda_11", aName("originator_name"),
		aStreet("originator_street_address", 39, 73), fr[Addenda](74, 87), aEDSeq)
	iatAddenda12 = addendaCodec("addenda_12", aCity("originator_city_state"),
		aCountry("originator_country_postal_code"), fr[Addenda](74, 87), aEDSeq)
	iatAddenda13 = addendaCodec("addenda_13", append(dfiParty("originating_dfi"), fr[Addenda](78, 87), aEDSeq)...)
	iatAddenda14 = addendaCodec("addenda_14", append(dfiParty("receiving_dfi"), fr[Addenda](78, 87), aEDSeq)...)
	iatAddenda15 = addendaCodec("addenda_15",
		as("receiver_identification_number", 4, 18, kAlpha, inO, func(a *Addenda) *string { return &a.ReceiverIdentificationNumber }),
		aStreet("receiver_street_address", 19, 53), fr[Addenda](54, 87), aEDSeq)
	iatAddenda16 = addendaCodec("addenda_16", aCity("receiver_city_state"),
		aCountry("receiver_country_postal_code"), fr[Addenda](74, 87), aEDSeq)
	iatAddenda17 = addendaCodec("addenda_17", aPRI, aSeq, aEDSeq)
	iatAddenda18 = addendaCodec("addenda_18", append(dfiParty("foreign_correspondent_bank"), fr[Addenda](78, 83), aSeq, aEDSeq)...)
)

// addendaLayout picks the layout of an addenda record from its type code
// (positions 02-03), its code (04-06) and the batch it is in. It returns nil
// for an unknown type code.
func addendaLayout(typ, code []byte, iat bool) *codec[Addenda] {
	if len(typ) != 2 {
		return nil
	}
	switch string(typ) {
	case "05":
		return addenda05
	case "02":
		return addenda02
	case "98":
		if len(code) == 3 && code[0] == 'C' && code[1] == '6' && code[2] >= '1' && code[2] <= '9' {
			return refusedAddenda98
		}
		if iat {
			return iatAddenda98
		}
		return addenda98
	case "99":
		switch returnFamily(code) {
		case KindDishonored:
			return dishonoredAddenda99
		case KindContested:
			return contestedAddenda99
		}
		if iat {
			return iatAddenda99
		}
		return addenda99
	case "10":
		return iatAddenda10
	case "11":
		return iatAddenda11
	case "12":
		return iatAddenda12
	case "13":
		return iatAddenda13
	case "14":
		return iatAddenda14
	case "15":
		return iatAddenda15
	case "16":
		return iatAddenda16
	case "17":
		return iatAddenda17
	case "18":
		return iatAddenda18
	}
	return nil
}

// returnFamily tells a 99 addenda's kind by its reason code.
func returnFamily(code []byte) EntryKind {
	if len(code) == 3 && code[0] == 'R' && code[1] >= '6' && code[1] <= '7' {
		n := int(code[1]-'0')*10 + int(code[2]-'0')
		switch {
		case n == 61 || n == 62 || (n >= 67 && n <= 70):
			return KindDishonored
		case n >= 71 && n <= 77:
			return KindContested
		}
	}
	return KindReturn
}
