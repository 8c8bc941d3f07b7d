package rdc

// CheckDetail is record 25, a forward-presentment item: one check
// (x9.md §5.4).
type CheckDetail struct {
	// AuxiliaryOnUs is the MICR auxiliary on-us field (the serial number
	// of business checks), without its on-us symbols.
	AuxiliaryOnUs          string `json:"auxiliary_on_us,omitempty"`
	ExternalProcessingCode string `json:"external_processing_code,omitempty"`
	// PayorBankRouting is the payor bank's routing number, nine digits:
	// X9 splits it into 25.4 (eight digits) and 25.5 (check digit).
	PayorBankRouting string `json:"payor_bank_routing"`
	// OnUs is the MICR on-us field, "/" standing for the on-us symbol:
	// account number, serial number, transaction code.
	OnUs   string `json:"on_us,omitempty"`
	Amount int64  `json:"amount_cents"`
	// ItemSequence is the ECE institution item sequence number: the key
	// that images (52.5) and returns (32.5) point back to. Leading zeros
	// are significant.
	ItemSequence               string `json:"item_sequence"`
	DocumentationTypeIndicator string `json:"documentation_type_indicator,omitempty"`
	ReturnAcceptanceIndicator  string `json:"return_acceptance_indicator,omitempty"`
	MICRValidIndicator         string `json:"micr_valid_indicator,omitempty"`
	// BOFDIndicator is "Y", "N" or "U".
	BOFDIndicator string `json:"bofd_indicator"`
	// AddendumCount is the number of 26, 27 and 28 records of the item.
	// The Writer computes it.
	AddendumCount        int    `json:"addendum_count"`
	CorrectionIndicator  string `json:"correction_indicator,omitempty"`
	ArchiveTypeIndicator string `json:"archive_type_indicator,omitempty"`
}

var checkDetailCodec = newCodec(25, "check_detail", 80,
	fs("auxiliary_on_us", 3, 17, kNBSM, inC, "", func(c *CheckDetail) *string { return &c.AuxiliaryOnUs }),
	fs("external_processing_code", 18, 18, kNS, inC, "", func(c *CheckDetail) *string { return &c.ExternalProcessingCode }),
	fs("payor_bank_routing_number", 19, 27, kRTN, inM, "", func(c *CheckDetail) *string { return &c.PayorBankRouting }),
	fs("on_us", 28, 47, kNBSMOS, inC, "", func(c *CheckDetail) *string { return &c.OnUs }),
	fn("item_amount", 48, 57, func(c *CheckDetail) *int64 { return &c.Amount }),
	fs("ece_institution_item_sequence_number", 58, 72, kNB, inM, "", func(c *CheckDetail) *string { return &c.ItemSequence }),
	fs("documentation_type_indicator", 73, 73, kAN, inC, "A B C D E F G H I J K L M", func(c *CheckDetail) *string { return &c.DocumentationTypeIndicator }),
	fs("return_acceptance_indicator", 74, 74, kAN, inC, "0 1 2 3 4 5 6 7 8 9 A B C D E F", func(c *CheckDetail) *string { return &c.ReturnAcceptanceIndicator }),
	fs("micr_valid_indicator", 75, 75, kN, inC, "1 2 3 4", func(c *CheckDetail) *string { return &c.MICRValidIndicator }),
	fs("bofd_indicator", 76, 76, kA, inM, "Y N U", func(c *CheckDetail) *string { return &c.BOFDIndicator }),
	fi("check_detail_addendum_count", 77, 78, func(c *CheckDetail) *int { return &c.AddendumCount }),
	fs("correction_indicator", 79, 79, kN, inC, "0 1 2 3 4", func(c *CheckDetail) *string { return &c.CorrectionIndicator }),
	fs("archive_type_indicator", 80, 80, kAN, inC, "A B C D E F G H I", func(c *CheckDetail) *string { return &c.ArchiveTypeIndicator }),
)

// BOFDAddendum is the bank of first deposit's endorsement: record 26
// (Check Detail Addendum A) on a forward item, record 32 (Return Addendum
// A, a copy of the original 26) on a return (x9.md §5.5, §5.9).
type BOFDAddendum struct {
	// RecordNumber is "1" to "9" in order; the Writer fills it when blank.
	RecordNumber string `json:"record_number,omitempty"`
	// ReturnLocationRouting is where returns go: normally the BOFD.
	ReturnLocationRouting string `json:"return_location_routing"`
	EndorsementDate       string `json:"endorsement_date"` // YYYYMMDD
	// ItemSequence is the BOFD's item sequence number; on a return it is
	// the key that finds the deposit.
	ItemSequence        string `json:"item_sequence,omitempty"`
	DepositAccount      string `json:"deposit_account,omitempty"`
	DepositBranch       string `json:"deposit_branch,omitempty"`
	PayeeName           string `json:"payee_name,omitempty"`
	TruncationIndicator string `json:"truncation_indicator"` // Y or N
	ConversionIndicator string `json:"conversion_indicator,omitempty"`
	CorrectionIndicator string `json:"correction_indicator,omitempty"`
	UserField           string `json:"user_field,omitempty"`
}

func bofdBinds() []bind[BOFDAddendum] {
	return []bind[BOFDAddendum]{
		fs("record_number", 3, 3, kN, inM, "1 2 3 4 5 6 7 8 9", func(a *BOFDAddendum) *string { return &a.RecordNumber }),
		fs("return_location_routing_number", 4, 12, kRTN, inM, "", func(a *BOFDAddendum) *string { return &a.ReturnLocationRouting }),
		fs("bofd_endorsement_date", 13, 20, kDate, inM, "", func(a *BOFDAddendum) *string { return &a.EndorsementDate }),
		fs("bofd_item_sequence_number", 21, 35, kNB, inC, "", func(a *BOFDAddendum) *string { return &a.ItemSequence }),
		fs("deposit_account_number", 36, 53, kANS, inC, "", func(a *BOFDAddendum) *string { return &a.DepositAccount }),
		fs("bofd_deposit_branch", 54, 58, kANS, inC, "", func(a *BOFDAddendum) *string { return &a.DepositBranch }),
		fs("payee_name", 59, 73, kANS, inC, "", func(a *BOFDAddendum) *string { return &a.PayeeName }),
		fs("truncation_indicator", 74, 74, kA, inM, "Y N", func(a *BOFDAddendum) *string { return &a.TruncationIndicator }),
		fs("bofd_conversion_indicator", 75, 75, kAN, inC, "0 1 2 3 4 5 6 7 8", func(a *BOFDAddendum) *string { return &a.ConversionIndicator }),
		fs("bofd_correction_indicator", 76, 76, kN, inC, "0 1 2 3 4", func(a *BOFDAddendum) *string { return &a.CorrectionIndicator }),
		fs("user_field", 77, 77, kANS, inC, "", func(a *BOFDAddendum) *string { return &a.UserField }),
		fb[BOFDAddendum](78, 80),
	}
}

var (
	checkAddendumACodec  = newCodec(26, "check_detail_addendum_a", 80, bofdBinds()...)
	returnAddendumACodec = newCodec(32, "return_addendum_a", 80, bofdBinds()...)
)

// ImageReferenceAddendum is record 27 (Check Detail Addendum B) or 34
// (Return Addendum C): where an archived image can be found. Its length is
// 46 plus the length of ImageReferenceKey (x9.md §5.6).
type ImageReferenceAddendum struct {
	// KeyIndicator is "0" (key of the defined length 34 present) or "1".
	KeyIndicator             string `json:"key_indicator"`
	MicrofilmArchiveSequence string `json:"microfilm_archive_sequence"`
	ImageReferenceKey        string `json:"image_reference_key,omitempty"`
	Description              string `json:"description,omitempty"`
	UserField                string `json:"user_field,omitempty"`
}

func imageRefBinds() []bind[ImageReferenceAddendum] {
	return []bind[ImageReferenceAddendum]{
		fs("image_reference_key_indicator", 3, 3, kN, inM, "0 1", func(a *ImageReferenceAddendum) *string { return &a.KeyIndicator }),
		fs("microfilm_archive_sequence_number", 4, 18, kNB, inM, "", func(a *ImageReferenceAddendum) *string { return &a.MicrofilmArchiveSequence }),
		{f: &field{name: "length_of_image_reference_key", start: 19, end: 22, kind: kN, inc: inM | inCritical}},
	}
}

// imageRefTail are the fields after the image reference key, placed
// relative to its end.
var imageRefTail = []*field{
	{name: "description", start: 1, end: 15, kind: kANS, inc: inC},
	{name: "user_field", start: 16, end: 19, kind: kANS, inc: inC},
	{name: "reserved", start: 20, end: 24, kind: kB},
}

var (
	checkAddendumBCodec  = newCodec(27, "check_detail_addendum_b", 0, imageRefBinds()...)
	returnAddendumCCodec = newCodec(34, "return_addendum_c", 0, imageRefBinds()...)
)

// EndorsementAddendum is a later endorsement by a collecting or returning
// bank: record 28 (Check Detail Addendum C) or 35 (Return Addendum D)
// (x9.md §5.7, §5.12).
type EndorsementAddendum struct {
	// RecordNumber is "01" to "99" in order; the Writer fills it when
	// blank.
	RecordNumber        string `json:"record_number,omitempty"`
	EndorsingRouting    string `json:"endorsing_routing"`
	EndorsementDate     string `json:"endorsement_date"` // YYYYMMDD
	ItemSequence        string `json:"item_sequence,omitempty"`
	TruncationIndicator string `json:"truncation_indicator"`
	ConversionIndicator string `json:"conversion_indicator,omitempty"`
	CorrectionIndicator string `json:"correction_indicator,omitempty"`
	// ReturnReason is set when a returned item is presented again; on a
	// return it is the fallback source of the return reason.
	ReturnReason string `json:"return_reason,omitempty"`
	UserField    string `json:"user_field,omitempty"`
	// EndorsingBankIdentifier is "0" BOFD, "1" other collecting bank, "2"
	// other returning bank, "3" payor bank.
	EndorsingBankIdentifier string `json:"endorsing_bank_identifier,omitempty"`
}

func endorsementBinds() []bind[EndorsementAddendum] {
	return []bind[EndorsementAddendum]{
		fs("record_number", 3, 4, kN, inM, "", func(a *EndorsementAddendum) *string { return &a.RecordNumber }),
		fs("endorsing_bank_routing_number", 5, 13, kRTN, inM, "", func(a *EndorsementAddendum) *string { return &a.EndorsingRouting }),
		fs("endorsement_date", 14, 21, kDate, inM, "", func(a *EndorsementAddendum) *string { return &a.EndorsementDate }),
		fs("endorsing_bank_item_sequence_number", 22, 36, kNB, inM, "", func(a *EndorsementAddendum) *string { return &a.ItemSequence }),
		fs("truncation_indicator", 37, 37, kA, inM, "Y N", func(a *EndorsementAddendum) *string { return &a.TruncationIndicator }),
		fs("conversion_indicator", 38, 38, kAN, inC, "0 1 2 3 4 5 6 7 8", func(a *EndorsementAddendum) *string { return &a.ConversionIndicator }),
		fs("correction_indicator", 39, 39, kN, inC, "0 1 2 3 4", func(a *EndorsementAddendum) *string { return &a.CorrectionIndicator }),
		fs("return_reason", 40, 40, kAN, inC, "", func(a *EndorsementAddendum) *string { return &a.ReturnReason }),
		fs("user_field", 41, 59, kANS, inC, "", func(a *EndorsementAddendum) *string { return &a.UserField }),
		fs("endorsing_bank_identifier", 60, 60, kN, inC, "0 1 2 3", func(a *EndorsementAddendum) *string { return &a.EndorsingBankIdentifier }),
		fb[EndorsementAddendum](61, 80),
	}
}

var (
	checkAddendumCCodec  = newCodec(28, "check_detail_addendum_c", 80, endorsementBinds()...)
	returnAddendumDCodec = newCodec(35, "return_addendum_d", 80, endorsementBinds()...)
)
