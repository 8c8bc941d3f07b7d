package rdc

// BundleControl is record 70, which closes a bundle (x9.md §5.20). The
// Writer computes its counts and totals; the caller sets only the user
// field and the credit total indicator.
type BundleControl struct {
	// ItemCount counts the bundle's 25 and 31 records (and its credits when
	// CreditTotalIndicator is "1").
	ItemCount   int   `json:"item_count"`
	TotalAmount int64 `json:"total_amount_cents"`
	// MICRValidTotal adds up the forward items whose MICR valid indicator
	// is "1".
	MICRValidTotal int64  `json:"micr_valid_total_cents"`
	ImageCount     int    `json:"image_count"` // 50 records
	UserField      string `json:"user_field,omitempty"`
	// CreditTotalIndicator is "1" when credits are included in the
	// totals, "0" or blank when not.
	CreditTotalIndicator string `json:"credit_total_indicator,omitempty"`
}

var bundleControlCodec = newCodec(70, "bundle_control", 80,
	fi("items_within_bundle_count", 3, 6, func(c *BundleControl) *int { return &c.ItemCount }),
	fn("bundle_total_amount", 7, 18, func(c *BundleControl) *int64 { return &c.TotalAmount }),
	bind[BundleControl]{f: &field{name: "micr_valid_total_amount", start: 19, end: 30, kind: kN, inc: inC}, n: func(c *BundleControl) *int64 { return &c.MICRValidTotal }},
	fi("images_within_bundle_count", 31, 35, func(c *BundleControl) *int { return &c.ImageCount }),
	fs("user_field", 36, 55, kANS, inC, "", func(c *BundleControl) *string { return &c.UserField }),
	fs("credit_total_indicator", 56, 56, kN, inC, "0 1", func(c *BundleControl) *string { return &c.CreditTotalIndicator }),
	fb[BundleControl](57, 80),
)

// RoutingNumberSummary is record 85: the total of a cash letter's items
// for one routing number (x9.md §5.21). Which routing numbers are
// summarised is agreed with the receiver; the Writer writes these records
// as given.
type RoutingNumberSummary struct {
	Routing     string `json:"routing"`
	TotalAmount int64  `json:"total_amount_cents"`
	ItemCount   int    `json:"item_count"`
	UserField   string `json:"user_field,omitempty"`
}

var routingNumberSummaryCodec = newCodec(85, "routing_number_summary", 80,
	fs("routing_number_within_cash_letter", 3, 11, kRTN, inM, "", func(s *RoutingNumberSummary) *string { return &s.Routing }),
	fn("routing_number_total_amount", 12, 25, func(s *RoutingNumberSummary) *int64 { return &s.TotalAmount }),
	fi("routing_number_item_count", 26, 31, func(s *RoutingNumberSummary) *int { return &s.ItemCount }),
	fs("user_field", 32, 55, kANS, inC, "", func(s *RoutingNumberSummary) *string { return &s.UserField }),
	fb[RoutingNumberSummary](56, 80),
)

// CashLetterControl is record 90, which closes a cash letter (x9.md
// §5.22). The Writer computes the counts and the total.
type CashLetterControl struct {
	BundleCount          int    `json:"bundle_count"`
	ItemCount            int    `json:"item_count"`
	TotalAmount          int64  `json:"total_amount_cents"`
	ImageCount           int    `json:"image_count"`
	ECEInstitutionName   string `json:"ece_institution_name,omitempty"`
	SettlementDate       string `json:"settlement_date,omitempty"` // YYYYMMDD
	CreditTotalIndicator string `json:"credit_total_indicator,omitempty"`
}

var cashLetterControlCodec = newCodec(90, "cash_letter_control", 80,
	fi("bundle_count", 3, 8, func(c *CashLetterControl) *int { return &c.BundleCount }),
	fi("items_within_cash_letter_count", 9, 16, func(c *CashLetterControl) *int { return &c.ItemCount }),
	fn("cash_letter_total_amount", 17, 30, func(c *CashLetterControl) *int64 { return &c.TotalAmount }),
	fi("images_within_cash_letter_count", 31, 39, func(c *CashLetterControl) *int { return &c.ImageCount }),
	fs("ece_institution_name", 40, 57, kANS, inC, "", func(c *CashLetterControl) *string { return &c.ECEInstitutionName }),
	fs("settlement_date", 58, 65, kDate, inC, "", func(c *CashLetterControl) *string { return &c.SettlementDate }),
	fs("credit_total_indicator", 66, 66, kN, inC, "0 1", func(c *CashLetterControl) *string { return &c.CreditTotalIndicator }),
	fb[CashLetterControl](67, 80),
)

// FileControl is record 99, the last record of a file (x9.md §5.23). The
// Writer computes the counts and the total.
type FileControl struct {
	CashLetterCount int `json:"cash_letter_count"`
	// RecordCount counts every record of the file, 01 and 99 included.
	RecordCount          int    `json:"record_count"`
	ItemCount            int    `json:"item_count"`
	TotalAmount          int64  `json:"total_amount_cents"`
	ContactName          string `json:"contact_name,omitempty"`
	ContactPhone         string `json:"contact_phone,omitempty"`
	CreditTotalIndicator string `json:"credit_total_indicator,omitempty"`
}

var fileControlCodec = newCodec(99, "file_control", 80,
	fi("cash_letter_count", 3, 8, func(c *FileControl) *int { return &c.CashLetterCount }),
	fi("total_record_count", 9, 16, func(c *FileControl) *int { return &c.RecordCount }),
	fi("total_item_count", 17, 24, func(c *FileControl) *int { return &c.ItemCount }),
	fn("file_total_amount", 25, 40, func(c *FileControl) *int64 { return &c.TotalAmount }),
	fs("immediate_origin_contact_name", 41, 54, kANS, inC, "", func(c *FileControl) *string { return &c.ContactName }),
	fs("immediate_origin_contact_phone_number", 55, 64, kN, inC, "", func(c *FileControl) *string { return &c.ContactPhone }),
	fs("credit_total_indicator", 65, 65, kN, inC, "0 1", func(c *FileControl) *string { return &c.CreditTotalIndicator }),
	fb[FileControl](66, 80),
)
