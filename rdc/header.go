package rdc

// FileHeader is record 01, the first record of a file (x9.md §5.1).
type FileHeader struct {
	// StandardLevel is "03" (DSTU X9.37-2003), "30" (X9.100-187-2008) or
	// "35" (X9.100-187-2013/2016, the Writer's default when blank).
	StandardLevel string `json:"standard_level"`
	// TestIndicator is "T" (test) or "P" (production).
	TestIndicator        string `json:"test_indicator"`
	ImmediateDestination string `json:"immediate_destination"` // routing number
	ImmediateOrigin      string `json:"immediate_origin"`      // routing number
	CreationDate         string `json:"creation_date"`         // YYYYMMDD
	CreationTime         string `json:"creation_time"`         // hhmm
	// ResendIndicator is "Y" or "N".
	ResendIndicator            string `json:"resend_indicator"`
	ImmediateDestinationName   string `json:"immediate_destination_name,omitempty"`
	ImmediateOriginName        string `json:"immediate_origin_name,omitempty"`
	FileIDModifier             string `json:"file_id_modifier,omitempty"`
	CountryCode                string `json:"country_code,omitempty"`
	UserField                  string `json:"user_field,omitempty"`
	CompanionDocumentIndicator string `json:"companion_document_indicator,omitempty"`
}

var fileHeaderCodec = newCodec(1, "file_header", 80,
	fs("standard_level", 3, 4, kN, inM, "03 30 35", func(h *FileHeader) *string { return &h.StandardLevel }),
	fs("test_file_indicator", 5, 5, kA, inM, "T P", func(h *FileHeader) *string { return &h.TestIndicator }),
	fs("immediate_destination_routing_number", 6, 14, kRTN, inM, "", func(h *FileHeader) *string { return &h.ImmediateDestination }),
	fs("immediate_origin_routing_number", 15, 23, kRTN, inM, "", func(h *FileHeader) *string { return &h.ImmediateOrigin }),
	fs("file_creation_date", 24, 31, kDate, inM, "", func(h *FileHeader) *string { return &h.CreationDate }),
	fs("file_creation_time", 32, 35, kTime, inM, "", func(h *FileHeader) *string { return &h.CreationTime }),
	fs("resend_indicator", 36, 36, kA, inM, "Y N", func(h *FileHeader) *string { return &h.ResendIndicator }),
	fs("immediate_destination_name", 37, 54, kANS, inC, "", func(h *FileHeader) *string { return &h.ImmediateDestinationName }),
	fs("immediate_origin_name", 55, 72, kANS, inC, "", func(h *FileHeader) *string { return &h.ImmediateOriginName }),
	fs("file_id_modifier", 73, 73, kAN, inC, "", func(h *FileHeader) *string { return &h.FileIDModifier }),
	fs("country_code", 74, 75, kA, inC, "", func(h *FileHeader) *string { return &h.CountryCode }),
	fs("user_field", 76, 79, kANS, inC, "", func(h *FileHeader) *string { return &h.UserField }),
	fs("companion_document_indicator", 80, 80, kAN, inC, "", func(h *FileHeader) *string { return &h.CompanionDocumentIndicator }),
)

// Collection Type Indicator values (10.2, 20.2).
const (
	CollectionPreliminaryForward = "00"
	CollectionForward            = "01"
	CollectionForwardSameDay     = "02"
	CollectionReturn             = "03" // value return
	CollectionReturnNotification = "04" // no value; 31.12 says preliminary or final
	CollectionPreliminaryReturn  = "05" // no value
	CollectionFinalReturn        = "06" // no value
	CollectionNoDetail           = "20"
	CollectionMixed              = "99"
)

// CashLetterHeader is record 10, which opens a cash letter (x9.md §5.2).
type CashLetterHeader struct {
	// CollectionType is the Collection Type Indicator (Collection*
	// constants): forward presentment, returns and notifications.
	CollectionType     string `json:"collection_type"`
	DestinationRouting string `json:"destination_routing"`
	ECERouting         string `json:"ece_routing"`
	BusinessDate       string `json:"business_date"` // YYYYMMDD
	CreationDate       string `json:"creation_date"` // YYYYMMDD
	CreationTime       string `json:"creation_time"` // hhmm
	// RecordTypeIndicator is "N" (no items), "E" (items, no images), "I"
	// (items with images) or "F" (images for an earlier E letter).
	RecordTypeIndicator        string `json:"record_type_indicator"`
	DocumentationTypeIndicator string `json:"documentation_type_indicator,omitempty"`
	CashLetterID               string `json:"cash_letter_id"`
	OriginatorContactName      string `json:"originator_contact_name,omitempty"`
	OriginatorContactPhone     string `json:"originator_contact_phone,omitempty"`
	FedWorkType                string `json:"fed_work_type,omitempty"`
	// ReturnsIndicator is blank (forward), "R" (customer returns), "E"
	// (administrative returns), "J" (reject returns) or "N" (altered or
	// fictitious). In level 03 files this byte may be a user field.
	ReturnsIndicator string `json:"returns_indicator,omitempty"`
	UserField        string `json:"user_field,omitempty"`
}

var cashLetterHeaderCodec = newCodec(10, "cash_letter_header", 80,
	fs("collection_type_indicator", 3, 4, kN, inM, "00 01 02 03 04 05 06 20 99", func(h *CashLetterHeader) *string { return &h.CollectionType }),
	fs("destination_routing_number", 5, 13, kRTN, inM, "", func(h *CashLetterHeader) *string { return &h.DestinationRouting }),
	fs("ece_institution_routing_number", 14, 22, kRTN, inM, "", func(h *CashLetterHeader) *string { return &h.ECERouting }),
	fs("cash_letter_business_date", 23, 30, kDate, inM, "", func(h *CashLetterHeader) *string { return &h.BusinessDate }),
	fs("cash_letter_creation_date", 31, 38, kDate, inM, "", func(h *CashLetterHeader) *string { return &h.CreationDate }),
	fs("cash_letter_creation_time", 39, 42, kTime, inM, "", func(h *CashLetterHeader) *string { return &h.CreationTime }),
	fs("cash_letter_record_type_indicator", 43, 43, kA, inM, "N E I F", func(h *CashLetterHeader) *string { return &h.RecordTypeIndicator }),
	fs("cash_letter_documentation_type_indicator", 44, 44, kAN, inC, "A B C D E F G H I J K L M Z", func(h *CashLetterHeader) *string { return &h.DocumentationTypeIndicator }),
	fs("cash_letter_id", 45, 52, kAN, inM, "", func(h *CashLetterHeader) *string { return &h.CashLetterID }),
	fs("originator_contact_name", 53, 66, kANS, inC, "", func(h *CashLetterHeader) *string { return &h.OriginatorContactName }),
	fs("originator_contact_phone_number", 67, 76, kN, inC, "", func(h *CashLetterHeader) *string { return &h.OriginatorContactPhone }),
	fs("fed_work_type", 77, 77, kAN, inC, "", func(h *CashLetterHeader) *string { return &h.FedWorkType }),
	fs("returns_indicator", 78, 78, kA, inC, "E R J N", func(h *CashLetterHeader) *string { return &h.ReturnsIndicator }),
	fs("user_field", 79, 79, kANS, inC, "", func(h *CashLetterHeader) *string { return &h.UserField }),
	fb[CashLetterHeader](80, 80),
)

// IsReturn reports whether the cash letter carries returns or return
// notifications (collection type 03, 04, 05 or 06).
func (h *CashLetterHeader) IsReturn() bool { return isReturnCollection(h.CollectionType) }

func isReturnCollection(ct string) bool {
	return ct == "03" || ct == "04" || ct == "05" || ct == "06"
}

// BundleHeader is record 20, which opens a bundle (x9.md §5.3).
type BundleHeader struct {
	// CollectionType equals the cash letter's unless that is "99".
	CollectionType     string `json:"collection_type"`
	DestinationRouting string `json:"destination_routing"`
	ECERouting         string `json:"ece_routing"`
	BusinessDate       string `json:"business_date"` // YYYYMMDD
	CreationDate       string `json:"creation_date"` // YYYYMMDD
	ID                 string `json:"bundle_id,omitempty"`
	// SequenceNumber is the bundle's position in the cash letter; the
	// Writer fills it ("1", "2", …, left-justified) when blank.
	SequenceNumber string `json:"sequence_number,omitempty"`
	CycleNumber    string `json:"cycle_number,omitempty"`
	// ReturnLocationRouting is defined in level 03 files only (20.10);
	// later levels reserve the field.
	ReturnLocationRouting string `json:"return_location_routing,omitempty"`
	UserField             string `json:"user_field,omitempty"`
}

var bundleHeaderCodec = newCodec(20, "bundle_header", 80,
	fs("collection_type_indicator", 3, 4, kN, inM, "00 01 02 03 04 05 06", func(h *BundleHeader) *string { return &h.CollectionType }),
	fs("destination_routing_number", 5, 13, kRTN, inM, "", func(h *BundleHeader) *string { return &h.DestinationRouting }),
	fs("ece_institution_routing_number", 14, 22, kRTN, inM, "", func(h *BundleHeader) *string { return &h.ECERouting }),
	fs("bundle_business_date", 23, 30, kDate, inM, "", func(h *BundleHeader) *string { return &h.BusinessDate }),
	fs("bundle_creation_date", 31, 38, kDate, inM, "", func(h *BundleHeader) *string { return &h.CreationDate }),
	fs("bundle_id", 39, 48, kAN, inC, "", func(h *BundleHeader) *string { return &h.ID }),
	fs("bundle_sequence_number", 49, 52, kNB, inC, "", func(h *BundleHeader) *string { return &h.SequenceNumber }),
	fs("cycle_number", 53, 54, kAN, inC, "", func(h *BundleHeader) *string { return &h.CycleNumber }),
	fs("return_location_routing_number", 55, 63, kN, inC, "", func(h *BundleHeader) *string { return &h.ReturnLocationRouting }),
	fs("user_field", 64, 68, kANS, inC, "", func(h *BundleHeader) *string { return &h.UserField }),
	fb[BundleHeader](69, 80),
)
