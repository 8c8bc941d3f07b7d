package rdc

// ReturnDetail is record 31, a returned item or a return notification
// (x9.md §5.8).
type ReturnDetail struct {
	PayorBankRouting string `json:"payor_bank_routing"` // 31.2 + 31.3
	OnUs             string `json:"on_us,omitempty"`
	Amount           int64  `json:"amount_cents"`
	// ReturnReason is the X9.100-188 reason, one character (x9.md §9).
	ReturnReason string `json:"return_reason"`
	// AddendumCount is the number of 32, 33, 34 and 35 records of the
	// item. The Writer computes it.
	AddendumCount              int    `json:"addendum_count"`
	DocumentationTypeIndicator string `json:"documentation_type_indicator,omitempty"`
	// ForwardBundleDate is the business date of the bundle the item was
	// presented in (20.5 of the forward file).
	ForwardBundleDate string `json:"forward_bundle_date,omitempty"`
	// ItemSequence is the returning institution's item sequence number.
	ItemSequence           string `json:"item_sequence,omitempty"`
	ExternalProcessingCode string `json:"external_processing_code,omitempty"`
	// NotificationIndicator is "1" (preliminary) or "2" (final).
	NotificationIndicator string `json:"notification_indicator,omitempty"`
	ArchiveTypeIndicator  string `json:"archive_type_indicator,omitempty"`
	TimesReturned         string `json:"times_returned,omitempty"`
}

var returnDetailCodec = newCodec(31, "return_detail", 80,
	fs("payor_bank_routing_number", 3, 11, kRTN, inM, "", func(r *ReturnDetail) *string { return &r.PayorBankRouting }),
	fs("on_us", 12, 31, kNBSMOS, inC, "", func(r *ReturnDetail) *string { return &r.OnUs }),
	fn("item_amount", 32, 41, func(r *ReturnDetail) *int64 { return &r.Amount }),
	fs("return_reason", 42, 42, kAN, inM, "", func(r *ReturnDetail) *string { return &r.ReturnReason }),
	fi("return_addendum_count", 43, 44, func(r *ReturnDetail) *int { return &r.AddendumCount }),
	fs("return_documentation_type_indicator", 45, 45, kAN, inC, "A B C D E F G H I J K L M", func(r *ReturnDetail) *string { return &r.DocumentationTypeIndicator }),
	fs("forward_bundle_date", 46, 53, kDate, inC, "", func(r *ReturnDetail) *string { return &r.ForwardBundleDate }),
	fs("ece_institution_item_sequence_number", 54, 68, kNB, inC, "", func(r *ReturnDetail) *string { return &r.ItemSequence }),
	fs("external_processing_code", 69, 69, kNS, inC, "", func(r *ReturnDetail) *string { return &r.ExternalProcessingCode }),
	fs("return_notification_indicator", 70, 70, kN, inC, "1 2", func(r *ReturnDetail) *string { return &r.NotificationIndicator }),
	fs("return_archive_type_indicator", 71, 71, kAN, inC, "A B C D E F G H I", func(r *ReturnDetail) *string { return &r.ArchiveTypeIndicator }),
	fs("number_of_times_returned", 72, 72, kN, inC, "0 1 2 3", func(r *ReturnDetail) *string { return &r.TimesReturned }),
	fb[ReturnDetail](73, 80),
)

// PayorAddendum is record 33 (Return Addendum B): the payor bank's
// information about the returned item (x9.md §5.10).
type PayorAddendum struct {
	PayorBankName    string `json:"payor_bank_name,omitempty"`
	AuxiliaryOnUs    string `json:"auxiliary_on_us,omitempty"`
	ItemSequence     string `json:"item_sequence,omitempty"`
	BusinessDate     string `json:"business_date,omitempty"`
	PayorAccountName string `json:"payor_account_name,omitempty"`
}

var returnAddendumBCodec = newCodec(33, "return_addendum_b", 80,
	fs("payor_bank_name", 3, 20, kANS, inC, "", func(a *PayorAddendum) *string { return &a.PayorBankName }),
	fs("auxiliary_on_us", 21, 35, kNBSM, inC, "", func(a *PayorAddendum) *string { return &a.AuxiliaryOnUs }),
	fs("payor_bank_item_sequence_number", 36, 50, kNB, inC, "", func(a *PayorAddendum) *string { return &a.ItemSequence }),
	fs("payor_bank_business_date", 51, 58, kDate, inC, "", func(a *PayorAddendum) *string { return &a.BusinessDate }),
	fs("payor_account_name", 59, 80, kANS, inC, "", func(a *PayorAddendum) *string { return &a.PayorAccountName }),
)

// Return reasons (X9.100-188): the customer list and the administrative
// list (x9.md §9.1). Nine characters are in both; the cash letter's
// returns indicator says which list applies.
const (
	customerReasons = "ABCDEFGHIJKLMNOPQRSTUWXYZ3456"
	adminReasons    = "IQTUVY123456"
)
