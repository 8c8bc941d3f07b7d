package ach

// Service class codes (batch header and control, positions 02-04).
const (
	ServiceMixed   = 200 // debits and credits
	ServiceCredits = 220 // credits only
	ServiceDebits  = 225 // debits only
	ServiceADV     = 280 // automated accounting advices
)

// BatchHeader is the Company/Batch Header record (type 5). One struct serves
// both layouts: the standard one, and the IAT one (SEC "IAT", or an IAT NOC
// whose IATIndicator is "IATCOR"), whose IAT-only fields are empty otherwise.
// In the IAT layout CompanyIdentification holds the Originator Identification.
type BatchHeader struct {
	ServiceClassCode           int    `json:"service_class_code"`
	CompanyName                string `json:"company_name,omitempty"`
	CompanyDiscretionaryData   string `json:"company_discretionary_data,omitempty"`
	CompanyIdentification      string `json:"company_identification"`
	StandardEntryClass         string `json:"standard_entry_class"`
	CompanyEntryDescription    string `json:"company_entry_description"`
	CompanyDescriptiveDate     string `json:"company_descriptive_date,omitempty"`
	EffectiveEntryDate         string `json:"effective_entry_date"`
	SettlementDate             string `json:"settlement_date,omitempty"`
	OriginatorStatusCode       string `json:"originator_status_code"`
	ODFIIdentification         string `json:"odfi_identification"`
	BatchNumber                int    `json:"batch_number"`
	IATIndicator               string `json:"iat_indicator,omitempty"`
	ForeignExchangeIndicator   string `json:"foreign_exchange_indicator,omitempty"`
	ForeignExchangeRefIndictor string `json:"foreign_exchange_reference_indicator,omitempty"`
	ForeignExchangeReference   string `json:"foreign_exchange_reference,omitempty"`
	ISODestinationCountryCode  string `json:"iso_destination_country_code,omitempty"`
	ISOOriginatingCurrencyCode string `json:"iso_originating_currency_code,omitempty"`
	ISODestinationCurrencyCode string `json:"iso_destination_currency_code,omitempty"`
}

// IsIAT reports whether the header uses the IAT layout.
func (h *BatchHeader) IsIAT() bool {
	return h.StandardEntryClass == "IAT" || (h.StandardEntryClass == "COR" && h.IATIndicator == "IATCOR")
}

// BatchControl is the Company/Batch Control record (type 8). The Writer
// computes it; the Reader checks it against the batch.
type BatchControl struct {
	ServiceClassCode      int    `json:"service_class_code"`
	EntryAddendaCount     int    `json:"entry_addenda_count"`
	EntryHash             int64  `json:"entry_hash"`
	TotalDebit            int64  `json:"total_debit"`
	TotalCredit           int64  `json:"total_credit"`
	CompanyIdentification string `json:"company_identification,omitempty"`
	// MessageAuthenticationCode is kept as read and written as given.
	MessageAuthenticationCode string `json:"message_authentication_code,omitempty"`
	// ACHOperatorData is the ADV control's 61-79.
	ACHOperatorData    string `json:"ach_operator_data,omitempty"`
	ODFIIdentification string `json:"odfi_identification"`
	BatchNumber        int    `json:"batch_number"`
}

func bhs(name string, start, end int, k kind, inc incl, acc func(*BatchHeader) *string) bind[BatchHeader] {
	return fs(name, start, end, k, inc, acc)
}

var batchHeaderCodec = newCodec("batch_header",
	fc[BatchHeader]("record_type", 1, 1, "5"),
	fi("service_class_code", 2, 4, inM, func(h *BatchHeader) *int { return &h.ServiceClassCode }),
	bhs("company_name", 5, 20, kAlpha, inM|inTrunc, func(h *BatchHeader) *string { return &h.CompanyName }),
	bhs("company_discretionary_data", 21, 40, kAlpha, inO|inTrunc, func(h *BatchHeader) *string { return &h.CompanyDiscretionaryData }),
	bhs("company_identification", 41, 50, kAlpha, inM, func(h *BatchHeader) *string { return &h.CompanyIdentification }),
	bhs("standard_entry_class", 51, 53, kUpper, inM, func(h *BatchHeader) *string { return &h.StandardEntryClass }),
	bhs("company_entry_description", 54, 63, kAlpha, inM, func(h *BatchHeader) *string { return &h.CompanyEntryDescription }),
	bhs("company_descriptive_date", 64, 69, kAlpha, inO, func(h *BatchHeader) *string { return &h.CompanyDescriptiveDate }),
	bhs("effective_entry_date", 70, 75, kAlpha, inO, func(h *BatchHeader) *string { return &h.EffectiveEntryDate }),
	bhs("settlement_date", 76, 78, kJulian, inO, func(h *BatchHeader) *string { return &h.SettlementDate }),
	bhs("originator_status_code", 79, 79, kNumeric, inM, func(h *BatchHeader) *string { return &h.OriginatorStatusCode }),
	bhs("odfi_identification", 80, 87, kRTN8, inM|inCritical, func(h *BatchHeader) *string { return &h.ODFIIdentification }),
	fi("batch_number", 88, 94, inM, func(h *BatchHeader) *int { return &h.BatchNumber }),
)

var iatBatchHeaderCodec = newCodec("batch_header",
	fc[BatchHeader]("record_type", 1, 1, "5"),
	fi("service_class_code", 2, 4, inM, func(h *BatchHeader) *int { return &h.ServiceClassCode }),
	bhs("iat_indicator", 5, 20, kAlpha, inO, func(h *BatchHeader) *string { return &h.IATIndicator }),
	bhs("foreign_exchange_indicator", 21, 22, kUpper, inM, func(h *BatchHeader) *string { return &h.ForeignExchangeIndicator }),
	bhs("foreign_exchange_reference_indicator", 23, 23, kNumeric, inR, func(h *BatchHeader) *string { return &h.ForeignExchangeRefIndictor }),
	bhs("foreign_exchange_reference", 24, 38, kAlpha, inO, func(h *BatchHeader) *string { return &h.ForeignExchangeReference }),
	bhs("iso_destination_country_code", 39, 40, kUpper, inM, func(h *BatchHeader) *string { return &h.ISODestinationCountryCode }),
	bhs("originator_identification", 41, 50, kAlpha, inM, func(h *BatchHeader) *string { return &h.CompanyIdentification }),
	bhs("standard_entry_class", 51, 53, kUpper, inM, func(h *BatchHeader) *string { return &h.StandardEntryClass }),
	bhs("company_entry_description", 54, 63, kAlpha, inM, func(h *BatchHeader) *string { return &h.CompanyEntryDescription }),
	bhs("iso_originating_currency_code", 64, 66, kUpper, inM, func(h *BatchHeader) *string { return &h.ISOOriginatingCurrencyCode }),
	bhs("iso_destination_currency_code", 67, 69, kUpper, inM, func(h *BatchHeader) *string { return &h.ISODestinationCurrencyCode }),
	bhs("effective_entry_date", 70, 75, kAlpha, inO, func(h *BatchHeader) *string { return &h.EffectiveEntryDate }),
	bhs("settlement_date", 76, 78, kJulian, inO, func(h *BatchHeader) *string { return &h.SettlementDate }),
	bhs("originator_status_code", 79, 79, kNumeric, inM, func(h *BatchHeader) *string { return &h.OriginatorStatusCode }),
	bhs("odfi_identification", 80, 87, kRTN8, inM|inCritical, func(h *BatchHeader) *string { return &h.ODFIIdentification }),
	fi("batch_number", 88, 94, inM, func(h *BatchHeader) *int { return &h.BatchNumber }),
)

var batchControlCodec = newCodec("batch_control",
	fc[BatchControl]("record_type", 1, 1, "8"),
	fi("service_class_code", 2, 4, inM, func(c *BatchControl) *int { return &c.ServiceClassCode }),
	fi("entry_addenda_count", 5, 10, inM, func(c *BatchControl) *int { return &c.EntryAddendaCount }),
	fn("entry_hash", 11, 20, inM, func(c *BatchControl) *int64 { return &c.EntryHash }),
	fn("total_debit", 21, 32, inM, func(c *BatchControl) *int64 { return &c.TotalDebit }),
	fn("total_credit", 33, 44, inM, func(c *BatchControl) *int64 { return &c.TotalCredit }),
	fs("company_identification", 45, 54, kAlpha, inR, func(c *BatchControl) *string { return &c.CompanyIdentification }),
	fs("message_authentication_code", 55, 73, kAlpha, inO, func(c *BatchControl) *string { return &c.MessageAuthenticationCode }),
	fr[BatchControl](74, 79),
	fs("odfi_identification", 80, 87, kRTN8, inM, func(c *BatchControl) *string { return &c.ODFIIdentification }),
	fi("batch_number", 88, 94, inM, func(c *BatchControl) *int { return &c.BatchNumber }),
)

var advBatchControlCodec = newCodec("batch_control",
	fc[BatchControl]("record_type", 1, 1, "8"),
	fi("service_class_code", 2, 4, inM, func(c *BatchControl) *int { return &c.ServiceClassCode }),
	fi("entry_addenda_count", 5, 10, inM, func(c *BatchControl) *int { return &c.EntryAddendaCount }),
	fn("entry_hash", 11, 20, inM, func(c *BatchControl) *int64 { return &c.EntryHash }),
	fn("total_debit", 21, 40, inM, func(c *BatchControl) *int64 { return &c.TotalDebit }),
	fn("total_credit", 41, 60, inM, func(c *BatchControl) *int64 { return &c.TotalCredit }),
	fs("ach_operator_data", 61, 79, kAlpha, inO, func(c *BatchControl) *string { return &c.ACHOperatorData }),
	fs("odfi_identification", 80, 87, kRTN8, inM, func(c *BatchControl) *string { return &c.ODFIIdentification }),
	fi("batch_number", 88, 94, inM, func(c *BatchControl) *int { return &c.BatchNumber }),
)
