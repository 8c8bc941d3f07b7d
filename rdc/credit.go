package rdc

// Credit is record 61, a deposit ticket in the common vendor / FRB-DSTU
// layout (x9.md §5.16). It is not an X9.100-187 record; files put it at
// cash-letter level (right after the 10) or inside a bundle before the
// items, sometimes with its own image views. Credits count in control
// totals only when the control's CreditTotalIndicator is "1".
type Credit struct {
	AuxiliaryOnUs          string `json:"auxiliary_on_us,omitempty"`
	ExternalProcessingCode string `json:"external_processing_code,omitempty"`
	PostingRouting         string `json:"posting_routing"`
	// Account is the credit account number (on-us).
	Account                    string `json:"account"`
	Amount                     int64  `json:"amount_cents"`
	ItemSequence               string `json:"item_sequence,omitempty"`
	DocumentationTypeIndicator string `json:"documentation_type_indicator,omitempty"`
	TypeOfAccount              string `json:"type_of_account,omitempty"`
	SourceOfWork               string `json:"source_of_work,omitempty"`
	WorkType                   string `json:"work_type,omitempty"`
	DebitCreditIndicator       string `json:"debit_credit_indicator,omitempty"`
}

var creditCodec = newCodec(61, "credit", 80,
	fs("auxiliary_on_us", 3, 17, kNBSM, inC, "", func(c *Credit) *string { return &c.AuxiliaryOnUs }),
	fs("external_processing_code", 18, 18, kNS, inC, "", func(c *Credit) *string { return &c.ExternalProcessingCode }),
	fs("posting_bank_routing_number", 19, 27, kRTN, inM, "", func(c *Credit) *string { return &c.PostingRouting }),
	fs("credit_account_number", 28, 47, kNBSMOS, inM, "", func(c *Credit) *string { return &c.Account }),
	fn("item_amount", 48, 57, func(c *Credit) *int64 { return &c.Amount }),
	fs("ece_institution_item_sequence_number", 58, 72, kNB, inC, "", func(c *Credit) *string { return &c.ItemSequence }),
	fs("documentation_type_indicator", 73, 73, kAN, inC, "", func(c *Credit) *string { return &c.DocumentationTypeIndicator }),
	fs("type_of_account_code", 74, 74, kAN, inC, "", func(c *Credit) *string { return &c.TypeOfAccount }),
	fs("source_of_work_code", 75, 75, kAN, inC, "", func(c *Credit) *string { return &c.SourceOfWork }),
	fs("work_type", 76, 76, kAN, inC, "", func(c *Credit) *string { return &c.WorkType }),
	fs("debit_credit_indicator", 77, 77, kAN, inC, "", func(c *Credit) *string { return &c.DebitCreditIndicator }),
	fb[Credit](78, 80),
)

// CreditItem is record 62, the X9.100-187-2013 credit item (x9.md
// §5.17), 100 bytes long.
type CreditItem struct {
	AuxiliaryOnUs              string `json:"auxiliary_on_us,omitempty"`
	ExternalProcessingCode     string `json:"external_processing_code,omitempty"`
	PostingRouting             string `json:"posting_routing"`
	OnUs                       string `json:"on_us,omitempty"`
	Amount                     int64  `json:"amount_cents"`
	ItemSequence               string `json:"item_sequence,omitempty"`
	DocumentationTypeIndicator string `json:"documentation_type_indicator,omitempty"`
	TypeOfAccount              string `json:"type_of_account,omitempty"`
	SourceOfWork               string `json:"source_of_work,omitempty"`
	UserField                  string `json:"user_field,omitempty"`
}

var creditItemCodec = newCodec(62, "credit_item", 100,
	fs("auxiliary_on_us", 3, 17, kNBSM, inC, "", func(c *CreditItem) *string { return &c.AuxiliaryOnUs }),
	fs("external_processing_code", 18, 18, kNS, inC, "", func(c *CreditItem) *string { return &c.ExternalProcessingCode }),
	fs("posting_bank_routing_number", 19, 27, kRTN, inM, "", func(c *CreditItem) *string { return &c.PostingRouting }),
	fs("on_us", 28, 47, kNBSMOS, inC, "", func(c *CreditItem) *string { return &c.OnUs }),
	fn("item_amount", 48, 61, func(c *CreditItem) *int64 { return &c.Amount }),
	fs("credit_item_sequence_number", 62, 76, kNB, inC, "", func(c *CreditItem) *string { return &c.ItemSequence }),
	fs("documentation_type_indicator", 77, 77, kAN, inC, "A B C D E F G H I J K L M", func(c *CreditItem) *string { return &c.DocumentationTypeIndicator }),
	fs("type_of_account_code", 78, 78, kAN, inC, "0 1 2 3 4 5", func(c *CreditItem) *string { return &c.TypeOfAccount }),
	fs("source_of_work_code", 79, 80, kN, inC, "", func(c *CreditItem) *string { return &c.SourceOfWork }),
	fs("user_field", 81, 96, kANS, inC, "", func(c *CreditItem) *string { return &c.UserField }),
	fb[CreditItem](97, 100),
)

// UserRecord is record 68, data defined by its owner (x9.md §5.19). Its
// length is 45 plus the length of Data. The package keeps Data as text it
// does not interpret; format "001" is the X9 Payee Endorsement.
type UserRecord struct {
	// OwnerIdentifierIndicator is "0" not used, "1" routing number, "2"
	// DUNS, "3" federal tax ID, "4" X9 assignment, "5" other.
	OwnerIdentifierIndicator string `json:"owner_identifier_indicator"`
	OwnerIdentifier          string `json:"owner_identifier,omitempty"`
	OwnerIdentifierModifier  string `json:"owner_identifier_modifier,omitempty"`
	FormatType               string `json:"format_type"`
	FormatTypeVersion        string `json:"format_type_version"`
	Data                     string `json:"data"`
}

var userRecordCodec = newCodec(68, "user_record", 0,
	fs("owner_identifier_indicator", 3, 3, kN, inM, "0 1 2 3 4 5", func(u *UserRecord) *string { return &u.OwnerIdentifierIndicator }),
	fs("owner_identifier", 4, 12, kANS, inC, "", func(u *UserRecord) *string { return &u.OwnerIdentifier }),
	fs("owner_identifier_modifier", 13, 32, kANS, inC, "", func(u *UserRecord) *string { return &u.OwnerIdentifierModifier }),
	fs("user_record_format_type", 33, 35, kAN, inM, "", func(u *UserRecord) *string { return &u.FormatType }),
	fs("format_type_version_level", 36, 38, kN, inM, "", func(u *UserRecord) *string { return &u.FormatTypeVersion }),
	bind[UserRecord]{f: &field{name: "length_of_user_data", start: 39, end: 45, kind: kN, inc: inM | inCritical}},
)
