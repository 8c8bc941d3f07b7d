package ach

// Entry is an Entry Detail record (type 6) with the addenda records that
// follow it. One struct serves every layout; which members a layout uses
// depends on the batch's Standard Entry Class:
//
//   - standard (PPD, CCD, WEB, TEL, CIE, …): positions 40-78 hold the
//     SEC-specific members (IdentificationNumber, Name, CheckSerialNumber, …);
//   - corporate (CTX, ENR, TRX, ATX): AddendaRecords is 55-58 and Name 59-74;
//   - IAT: AddendaRecords is 13-16, DFIAccountNumber 40-74;
//   - ADV: DFIAccountNumber is 13-27, Amount 28-39, and the trace number is
//     replaced by ACHOperatorRoutingNumber, JulianDay and SequenceNumber.
//
// Amount is in cents.
type Entry struct {
	TransactionCode    int    `json:"transaction_code"`
	RDFIIdentification string `json:"rdfi_identification"`
	CheckDigit         string `json:"check_digit"`
	DFIAccountNumber   string `json:"dfi_account_number"`
	Amount             int64  `json:"amount"`

	IdentificationNumber        string `json:"identification_number,omitempty"`
	Name                        string `json:"name,omitempty"`
	DiscretionaryData           string `json:"discretionary_data,omitempty"`
	PaymentTypeCode             string `json:"payment_type_code,omitempty"`
	CardTransactionTypeCode     string `json:"card_transaction_type_code,omitempty"`
	ItemTypeIndicator           string `json:"item_type_indicator,omitempty"`
	CheckSerialNumber           string `json:"check_serial_number,omitempty"`
	TerminalCity                string `json:"terminal_city,omitempty"`
	TerminalState               string `json:"terminal_state,omitempty"`
	CardExpirationDate          string `json:"card_expiration_date,omitempty"`
	DocumentReferenceNumber     string `json:"document_reference_number,omitempty"`
	IndividualCardAccountNumber string `json:"individual_card_account_number,omitempty"`
	ProcessControlField         string `json:"process_control_field,omitempty"`
	ItemResearchNumber          string `json:"item_research_number,omitempty"`
	OriginalEntryTraceNumber    string `json:"original_entry_trace_number,omitempty"`
	AddendaRecords              int    `json:"addenda_records,omitempty"`
	GatewayOFACScreening        string `json:"gateway_ofac_screening,omitempty"`
	SecondaryOFACScreening      string `json:"secondary_ofac_screening,omitempty"`
	AdviceRoutingNumber         string `json:"advice_routing_number,omitempty"`
	FileIdentification          string `json:"file_identification,omitempty"`
	ACHOperatorData             string `json:"ach_operator_data,omitempty"`
	ACHOperatorRoutingNumber    string `json:"ach_operator_routing_number,omitempty"`
	JulianDay                   string `json:"julian_day,omitempty"`
	SequenceNumber              string `json:"sequence_number,omitempty"`

	AddendaRecordIndicator int    `json:"addenda_record_indicator"`
	TraceNumber            string `json:"trace_number,omitempty"`

	Addenda []Addenda `json:"addenda,omitempty"`
}

type eb = bind[Entry]

func es(name string, start, end int, k kind, inc incl, acc func(*Entry) *string) eb {
	return fs(name, start, end, k, inc, acc)
}

var (
	eRecordType = fc[Entry]("record_type", 1, 1, "6")
	eTxCode     = fi("transaction_code", 2, 3, inM|inCritical, func(e *Entry) *int { return &e.TransactionCode })
	eRDFI       = es("rdfi_identification", 4, 11, kRTN8, inM|inCritical, func(e *Entry) *string { return &e.RDFIIdentification })
	eCheck      = es("check_digit", 12, 12, kNumeric, inM, func(e *Entry) *string { return &e.CheckDigit })
	eAccount    = es("dfi_account_number", 13, 29, kAlpha, inR, func(e *Entry) *string { return &e.DFIAccountNumber })
	eAmount     = fn("amount", 30, 39, inM|inCritical, func(e *Entry) *int64 { return &e.Amount })
	eIndicator  = fi("addenda_record_indicator", 79, 79, inM, func(e *Entry) *int { return &e.AddendaRecordIndicator })
	eTrace      = es("trace_number", 80, 94, kNumeric, inM, func(e *Entry) *string { return &e.TraceNumber })
)

func idNum(start, end int, inc incl) eb {
	return es("identification_number", start, end, kAlpha, inc, func(e *Entry) *string { return &e.IdentificationNumber })
}
func name(start, end int, inc incl) eb {
	return es("name", start, end, kAlpha, inc|inTrunc, func(e *Entry) *string { return &e.Name })
}
func discretionary() eb {
	return es("discretionary_data", 77, 78, kAlpha, inO, func(e *Entry) *string { return &e.DiscretionaryData })
}
func checkSerial(end int, inc incl) eb {
	return es("check_serial_number", 40, end, kAlpha, inc, func(e *Entry) *string { return &e.CheckSerialNumber })
}
func paymentType(inc incl) eb {
	return es("payment_type_code", 77, 78, kAlpha, inc, func(e *Entry) *string { return &e.PaymentTypeCode })
}
func cardType() eb {
	return es("card_transaction_type_code", 77, 78, kAlpha, inM, func(e *Entry) *string { return &e.CardTransactionTypeCode })
}

func standardEntry(mid ...eb) *codec[Entry] {
	b := []eb{eRecordType, eTxCode, eRDFI, eCheck, eAccount, eAmount}
	b = append(b, mid...)
	b = append(b, eIndicator, eTrace)
	return newCodec("entry_detail", b...)
}

var (
	ppdEntry = standardEntry(idNum(40, 54, inO), name(55, 76, inR), discretionary())
	ccdEntry = ppdEntry
	webEntry = standardEntry(idNum(40, 54, inO), name(55, 76, inM), paymentType(inR))
	telEntry = standardEntry(idNum(40, 54, inO), name(55, 76, inM), paymentType(inO))
	cieEntry = standardEntry(name(40, 54, inR), idNum(55, 76, inM), discretionary())
	mteEntry = standardEntry(name(40, 54, inM), idNum(55, 76, inM), discretionary())
	arcEntry = standardEntry(checkSerial(54, inM), name(55, 76, inO), discretionary())
	rckEntry = standardEntry(checkSerial(54, inM), name(55, 76, inR), discretionary())
	popEntry = standardEntry(checkSerial(48, inM),
		es("terminal_city", 49, 52, kAlpha, inM, func(e *Entry) *string { return &e.TerminalCity }),
		es("terminal_state", 53, 54, kAlpha, inM, func(e *Entry) *string { return &e.TerminalState }),
		name(55, 76, inO), discretionary())
	posEntry = standardEntry(idNum(40, 54, inO), name(55, 76, inR), cardType())
	shrEntry = standardEntry(
		es("card_expiration_date", 40, 43, kMonthYr, inR, func(e *Entry) *string { return &e.CardExpirationDate }),
		es("document_reference_number", 44, 54, kNumeric, inR, func(e *Entry) *string { return &e.DocumentReferenceNumber }),
		es("individual_card_account_number", 55, 76, kNumeric, inR, func(e *Entry) *string { return &e.IndividualCardAccountNumber }),
		cardType())
	processControl = es("process_control_field", 55, 60, kAlpha, inR, func(e *Entry) *string { return &e.ProcessControlField })
	itemResearch   = es("item_research_number", 61, 76, kAlpha, inR, func(e *Entry) *string { return &e.ItemResearchNumber })
	trcEntry       = standardEntry(checkSerial(54, inO), processControl, itemResearch,
		es("item_type_indicator", 77, 78, kAlpha, inO, func(e *Entry) *string { return &e.ItemTypeIndicator }))
	xckEntry = standardEntry(checkSerial(54, inM), processControl, itemResearch, discretionary())
	ackEntry = standardEntry(
		es("original_entry_trace_number", 40, 54, kNumeric, inM, func(e *Entry) *string { return &e.OriginalEntryTraceNumber }),
		name(55, 76, inR), discretionary())

	corporateEntry = corporate(idNum(40, 54, inO), discretionary())
	atxEntry       = corporate(es("original_entry_trace_number", 40, 54, kNumeric, inM, func(e *Entry) *string { return &e.OriginalEntryTraceNumber }), discretionary())
	trxEntry       = corporate(idNum(40, 54, inO), es("item_type_indicator", 77, 78, kAlpha, inO, func(e *Entry) *string { return &e.ItemTypeIndicator }))

	iatEntry = newCodec("entry_detail", eRecordType, eTxCode, eRDFI, eCheck,
		fi("addenda_records", 13, 16, inM, func(e *Entry) *int { return &e.AddendaRecords }),
		fr[Entry](17, 29),
		eAmount,
		es("dfi_account_number", 40, 74, kAlpha, inM, func(e *Entry) *string { return &e.DFIAccountNumber }),
		fr[Entry](75, 76),
		es("gateway_ofac_screening", 77, 77, kAlpha, inO, func(e *Entry) *string { return &e.GatewayOFACScreening }),
		es("secondary_ofac_screening", 78, 78, kAlpha, inO, func(e *Entry) *string { return &e.SecondaryOFACScreening }),
		eIndicator, eTrace)

	advEntry = newCodec("entry_detail", eRecordType, eTxCode, eRDFI, eCheck,
		es("dfi_account_number", 13, 27, kAlpha, inR, func(e *Entry) *string { return &e.DFIAccountNumber }),
		fn("amount", 28, 39, inM|inCritical, func(e *Entry) *int64 { return &e.Amount }),
		es("advice_routing_number", 40, 48, kRTN9, inM, func(e *Entry) *string { return &e.AdviceRoutingNumber }),
		es("file_identification", 49, 53, kAlpha, inO, func(e *Entry) *string { return &e.FileIdentification }),
		es("ach_operator_data", 54, 54, kAlpha, inO, func(e *Entry) *string { return &e.ACHOperatorData }),
		name(55, 76, inR), discretionary(), eIndicator,
		es("ach_operator_routing_number", 80, 87, kRTN8, inM, func(e *Entry) *string { return &e.ACHOperatorRoutingNumber }),
		es("julian_day", 88, 90, kNumeric, inM, func(e *Entry) *string { return &e.JulianDay }),
		es("sequence_number", 91, 94, kNumeric, inM, func(e *Entry) *string { return &e.SequenceNumber }))
)

func corporate(first, last eb) *codec[Entry] {
	return newCodec("entry_detail", eRecordType, eTxCode, eRDFI, eCheck, eAccount, eAmount, first,
		fi("addenda_records", 55, 58, inM, func(e *Entry) *int { return &e.AddendaRecords }),
		name(59, 74, inR), fr[Entry](75, 76), last, eIndicator, eTrace)
}

// entryCodec returns the entry layout for a batch. sec is the batch's
// Standard Entry Class; iat and adv come from the batch header.
func entryCodec(sec string, iat, adv bool) *codec[Entry] {
	if iat {
		return iatEntry
	}
	if adv {
		return advEntry
	}
	switch sec {
	case "PPD", "DNE", "COR":
		return ppdEntry
	case "CCD":
		return ccdEntry
	case "WEB":
		return webEntry
	case "TEL":
		return telEntry
	case "CIE":
		return cieEntry
	case "MTE":
		return mteEntry
	case "ARC", "BOC":
		return arcEntry
	case "RCK":
		return rckEntry
	case "POP":
		return popEntry
	case "POS":
		return posEntry
	case "SHR":
		return shrEntry
	case "TRC":
		return trcEntry
	case "XCK":
		return xckEntry
	case "ACK":
		return ackEntry
	case "CTX", "ENR":
		return corporateEntry
	case "ATX":
		return atxEntry
	case "TRX":
		return trxEntry
	}
	return ppdEntry
}

// isCorporateSEC reports whether entries of the SEC carry 55-58 Number of Addenda Records.
func isCorporateSEC(sec string) bool {
	switch sec {
	case "CTX", "ENR", "TRX", "ATX":
		return true
	}
	return false
}
