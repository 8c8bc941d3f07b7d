package wire

import (
	"strconv"
	"strings"
)

// Tag is a FAIM tag number: 1500 for {1500}.
type Tag uint16

// The FAIM tags of format version 30 (fedwire.md B2) that railyard reads
// by name; every tag of the table is read and written, named or not.
const (
	TagMessageDisposition  Tag = 1100 // Fed-appended
	TagReceiptTimeStamp    Tag = 1110 // Fed-appended
	TagOMAD                Tag = 1120 // Fed-appended
	TagError               Tag = 1130 // Fed-appended
	TagSenderSupplied      Tag = 1500
	TagTypeSubtype         Tag = 1510
	TagIMAD                Tag = 1520
	TagAmount              Tag = 2000
	TagSenderDI            Tag = 3100
	TagSenderReference     Tag = 3320
	TagReceiverDI          Tag = 3400
	TagPreviousMessage     Tag = 3500
	TagBusinessFunction    Tag = 3600
	TagLocalInstrument     Tag = 3610
	TagPaymentNotification Tag = 3620
	TagCharges             Tag = 3700
	TagInstructedAmount    Tag = 3710
	TagExchangeRate        Tag = 3720
	TagIntermediaryFI      Tag = 4000
	TagBeneficiaryFI       Tag = 4100
	TagBeneficiary         Tag = 4200
	TagBeneficiaryRef      Tag = 4320
	TagOriginator          Tag = 5000
	TagOriginatorOptionF   Tag = 5010
	TagOriginatorFI        Tag = 5100
	TagInstructingFI       Tag = 5200
	TagOBI                 Tag = 6000
	TagFIToFI              Tag = 6500
	TagUnstructuredAddenda Tag = 8200
	TagServiceMessage      Tag = 9000
)

// String renders the tag as it appears in a file: "{1500}".
func (t Tag) String() string {
	var b [6]byte
	b[0], b[5] = '{', '}'
	n := int(t)
	for i := 4; i >= 1; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[:])
}

// Name returns the tag's name from the Format Reference Guide ("Sender
// Supplied Information"), or "" for a tag outside format version 30.
func (t Tag) Name() string {
	if s := specOf(t); s != nil {
		return s.name
	}
	return ""
}

// Known reports whether t is a tag of format version 30.
func (t Tag) Known() bool { return specOf(t) != nil }

// FedAppended reports whether t is one of the tags {1100}-{1130} the Fed
// adds before delivering a message.
func (t Tag) FedAppended() bool { return t >= 1100 && t <= 1130 }

// Elements returns the names of the tag's elements in order ("aba",
// "short_name" for {3100}); nil for an unknown tag.
func (t Tag) Elements() []string {
	s := specOf(t)
	if s == nil {
		return nil
	}
	out := make([]string, len(s.elems))
	for i, e := range s.elems {
		out[i] = e.name
	}
	return out
}

// ekind is how an element's text is checked.
type ekind uint8

const (
	eText     ekind = iota // free text
	eDigits                // digits only
	eAlnum                 // letters and digits
	eABA                   // 9-digit routing number with its check digit
	eDate                  // CCYYMMDD
	eMMDD                  // MMDD
	eHHMM                  // HHMM
	eCode                  // one of codes (blank allowed when optional)
	eCurAmt                // "USD1234,56": currency and amount with a decimal comma
	eDecComma              // "1234,56"
	eDecPoint              // "1234.56", up to 5 fraction digits
	eCurrency              // [A-Z]{3}
	eIDCode                // identification code of an FI or party tag
	eIMAD                  // 22-character IMAD
)

// elem is one element of a tag layout.
type elem struct {
	name  string
	width int  // exact width of a fixed element, maximum of a variable one
	fixed bool // Fn: exact width, no delimiter
	// opt marks an optional fixed element: it may be empty, written as a
	// lone '*' ([FRG]; wire#257).
	opt   bool
	kind  ekind
	codes string // eCode: the allowed values, space-separated
}

// tagSpec is a tag's layout and role.
type tagSpec struct {
	tag   Tag
	name  string
	elems []elem
	// critical tags are those a message cannot be understood without:
	// a value they cannot hold stays an error in the lenient profile,
	// and the tag is never kept as raw text.
	critical bool
	fiOnly   bool // FI tag: id codes B C D F T U only
	// lead is the number of leading fixed, non-optional elements: a tag
	// present must hold them.
	lead int
}

func fx(name string, n int, k ekind) elem { return elem{name: name, width: n, fixed: true, kind: k} }
func fo(name string, n int, k ekind) elem {
	return elem{name: name, width: n, fixed: true, opt: true, kind: k}
}
func fcode(name string, n int, codes string) elem {
	return elem{name: name, width: n, fixed: true, kind: eCode, codes: codes}
}
func vx(name string, n int) elem { return elem{name: name, width: n} }
func vk(name string, n int, k ekind) elem {
	return elem{name: name, width: n, kind: k}
}
func vcode(name string, n int, codes string) elem {
	return elem{name: name, width: n, kind: eCode, codes: codes}
}

// lines returns count variable elements name_1 … name_count of width n.
func lines(name string, count, n int) []elem {
	out := make([]elem, count)
	for i := range out {
		out[i] = vx(name+"_"+strconv.Itoa(i+1), n)
	}
	return out
}

func cat(parts ...any) []elem {
	var out []elem
	for _, p := range parts {
		switch p := p.(type) {
		case elem:
			out = append(out, p)
		case []elem:
			out = append(out, p...)
		}
	}
	return out
}

const (
	fiIDCodes    = "B C D F T U"
	partyIDCodes = "B C D F T U 1 2 3 4 5 9"
	adviceCodes  = "HLD LTR PHN TLX WRE"
	docTypeCodes = "AROI BOLD CINV CMCN CNFA CREN DEBN DISP DNFA HIRI MSIN PROP PUOR SBIN SOAC TSUT VCHR"
	addrTypes    = "ADDR HOME BIZZ MLTO DLVY PBOX"
)

func partySpec(t Tag, name string, fiOnly bool) tagSpec {
	return tagSpec{tag: t, name: name, fiOnly: fiOnly, elems: cat(
		fo("id_code", 1, eIDCode), vx("identifier", 34), vx("name", 35), lines("address", 3, 35))}
}

func advice(t Tag, name string) tagSpec {
	return tagSpec{tag: t, name: name, elems: cat(fcode("advice_code", 3, adviceCodes), vx("line_1", 26), lines("line", 6, 33)[1:])}
}

func info(t Tag, name string) tagSpec {
	return tagSpec{tag: t, name: name, elems: cat(vx("line_1", 30), lines("line", 6, 33)[1:])}
}

func swiftSpec(t Tag, name string, n int) tagSpec {
	return tagSpec{tag: t, name: name, elems: cat(vx("swift_field_tag", 5), lines("line", n, 35))}
}

// address returns the structured-address elements shared by {8250},
// {8300} and {8350}: address type through address line 7.
func address() []elem {
	return cat(vcode("address_type", 4, addrTypes), vx("department", 70), vx("sub_department", 70),
		vx("street_name", 70), vx("building_number", 16), vx("post_code", 16), vx("town_name", 35),
		vx("country_sub_division", 35), vx("country", 2), lines("address_line", 7, 70))
}

// tagTable is every tag of format version 30 with its elements
// (fedwire.md B2, [FRG]). Layouts are the library's single source for
// reading, validating and writing FAIM.
var tagTable = []tagSpec{
	{tag: 1100, name: "Message Disposition", critical: true, elems: []elem{
		fcode("format_version", 2, "30"), fcode("test_production_code", 1, "T P"),
		fcode("message_duplication_code", 1, "  R P"), fcode("message_status_indicator", 1, "0 2 3 7 N S")}},
	{tag: 1110, name: "Receipt Time Stamp", elems: []elem{fx("receipt_date", 4, eMMDD), fx("receipt_time", 4, eHHMM), fx("receipt_application_id", 4, eText)}},
	{tag: 1120, name: "Output Message Accountability Data (OMAD)", critical: true, elems: []elem{
		fx("output_cycle_date", 8, eDate), fx("output_destination_id", 8, eText), fx("output_sequence_number", 6, eDigits),
		fx("output_date", 4, eMMDD), fx("output_time", 4, eHHMM), fx("output_frb_application_id", 4, eText)}},
	{tag: 1130, name: "Error", critical: true, elems: []elem{fcode("error_category", 1, "E F H I W X"), fx("error_code", 3, eText), vx("error_description", 35)}},
	{tag: 1500, name: "Sender Supplied Information", critical: true, elems: []elem{
		fcode("format_version", 2, "30"), fx("user_request_correlation", 8, eText),
		fcode("test_production_code", 1, "T P"), fcode("message_duplication_code", 1, "  R P")}},
	{tag: 1510, name: "Type/Subtype", critical: true, elems: []elem{
		fcode("type_code", 2, "10 15 16"), fcode("subtype_code", 2, "00 01 02 07 08 31 32 33 90")}},
	{tag: 1520, name: "Input Message Accountability Data (IMAD)", critical: true, elems: []elem{
		fx("input_cycle_date", 8, eDate), fx("input_source", 8, eAlnum), fx("input_sequence_number", 6, eDigits)}},
	{tag: 2000, name: "Amount", critical: true, elems: []elem{fx("amount", 12, eDigits)}},
	{tag: 3100, name: "Sender Depository Institution", critical: true, elems: []elem{fx("aba", 9, eABA), vx("short_name", 18)}},
	{tag: 3320, name: "Sender Reference", elems: []elem{vx("sender_reference", 16)}},
	{tag: 3400, name: "Receiver Depository Institution", critical: true, elems: []elem{fx("aba", 9, eABA), vx("short_name", 18)}},
	{tag: 3500, name: "Previous Message Identifier", critical: true, elems: []elem{fx("previous_message_identifier", 22, eText)}},
	{tag: 3600, name: "Business Function Code", critical: true, elems: []elem{
		fcode("business_function_code", 3, "BTR CTR CTP CKS DEP FFR FFS DRB DRC DRW SVC"), vcode("transaction_type_code", 3, "COV")}},
	{tag: 3610, name: "Local Instrument", elems: []elem{
		fcode("local_instrument_code", 4, "ANSI COVS GXML IXML NARR PROP RMTS RRMT S820 SWIF UEDI"), vx("proprietary_code", 35)}},
	{tag: 3620, name: "Payment Notification", elems: []elem{
		fo("payment_notification_indicator", 1, eDigits), vx("contact_notification_electronic_address", 2048), vx("contact_name", 140),
		vx("contact_phone_number", 35), vx("contact_mobile_number", 35), vx("contact_fax_number", 35), vx("end_to_end_identification", 35)}},
	{tag: 3700, name: "Charges", elems: []elem{
		fcode("charge_details", 1, "B S"), vk("senders_charges_1", 15, eCurAmt), vk("senders_charges_2", 15, eCurAmt),
		vk("senders_charges_3", 15, eCurAmt), vk("senders_charges_4", 15, eCurAmt)}},
	{tag: 3710, name: "Instructed Amount", elems: []elem{fx("currency_code", 3, eCurrency), vk("amount", 15, eDecComma)}},
	{tag: 3720, name: "Exchange Rate", elems: []elem{vk("exchange_rate", 12, eDecComma)}},
	partySpec(4000, "Intermediary FI", true),
	partySpec(4100, "Beneficiary FI", true),
	partySpec(4200, "Beneficiary", false),
	{tag: 4320, name: "Reference for Beneficiary", elems: []elem{vx("reference", 16)}},
	partySpec(4400, "Account Debited in Drawdown", false),
	partySpec(5000, "Originator", false),
	{tag: 5010, name: "Originator Option F", elems: cat(vx("party_identifier", 35), vx("name", 35), lines("line", 3, 35))},
	partySpec(5100, "Originator FI", true),
	partySpec(5200, "Instructing FI", true),
	{tag: 5400, name: "Account Credited in Drawdown", elems: []elem{fx("drawdown_credit_account_number", 9, eABA)}},
	{tag: 6000, name: "Originator to Beneficiary Information", elems: lines("line", 4, 35)},
	info(6100, "Receiver FI Information"),
	advice(6110, "Drawdown Debit Account Advice Information"),
	info(6200, "Intermediary FI Information"),
	advice(6210, "Intermediary FI Advice Information"),
	info(6300, "Beneficiary's FI Information"),
	advice(6310, "Beneficiary's FI Advice Information"),
	info(6400, "Beneficiary Information"),
	advice(6410, "Beneficiary Advice Information"),
	{tag: 6420, name: "Method of Payment to Beneficiary", elems: []elem{fcode("method", 5, "CHECK"), vx("additional_information", 30)}},
	{tag: 6500, name: "FI to FI Information", elems: lines("line", 6, 35)},
	{tag: 7033, name: "Currency Instructed Amount", elems: []elem{vx("swift_field_tag", 5), vx("instructed_amount", 18)}},
	swiftSpec(7050, "Ordering Customer", 5),
	swiftSpec(7052, "Ordering Institution", 5),
	swiftSpec(7056, "Intermediary Institution", 5),
	swiftSpec(7057, "Account With Institution", 5),
	swiftSpec(7059, "Beneficiary Customer", 5),
	swiftSpec(7070, "Remittance Information", 4),
	swiftSpec(7072, "Sender to Receiver Information", 6),
	{tag: 8200, name: "Unstructured Addenda Information", elems: []elem{vx("addenda_information", 9000)}},
	{tag: 8250, name: "Related Remittance Information", elems: cat(vx("remittance_identification", 35),
		vcode("remittance_location_method", 4, "EDIC EMAL FAXI POST SMSM URID"), vx("remittance_location_electronic_address", 2048),
		vx("name", 140), address())},
	{tag: 8300, name: "Remittance Originator", elems: cat(fcode("identification_type", 2, "OI PI"),
		fcode("identification_code", 4, "ARNU BANK CCPT CUST DPOB DUNS EMPL GS1G NIDN PROP SOSE SWBB TXID"),
		vx("name", 140), vx("identification_number", 35), vx("identification_number_issuer", 35), vx("date_place_of_birth", 82),
		address(), vx("country_of_residence", 2), vx("contact_name", 140), vx("contact_phone_number", 35),
		vx("contact_mobile_number", 35), vx("contact_fax_number", 35), vx("contact_electronic_address", 2048), vx("contact_other", 35))},
	{tag: 8350, name: "Remittance Beneficiary", elems: cat(vx("name", 140), vcode("identification_type", 2, "OI PI"),
		vx("identification_code", 4), vx("identification_number", 35), vx("identification_number_issuer", 35),
		vx("date_place_of_birth", 82), address(), vx("country_of_residence", 2))},
	{tag: 8400, name: "Primary Remittance Document Information", elems: []elem{fcode("document_type_code", 4, docTypeCodes),
		vx("proprietary_document_type_code", 35), vx("document_identification_number", 35), vx("issuer", 35)}},
	{tag: 8450, name: "Actual Amount Paid", elems: []elem{fx("currency_code", 3, eCurrency), vk("amount", 19, eDecPoint)}},
	{tag: 8500, name: "Gross Amount of Remittance Document", elems: []elem{fx("currency_code", 3, eCurrency), vk("amount", 19, eDecPoint)}},
	{tag: 8550, name: "Amount of Negotiated Discount", elems: []elem{fx("currency_code", 3, eCurrency), vk("amount", 19, eDecPoint)}},
	{tag: 8600, name: "Adjustment Information", elems: []elem{fcode("adjustment_reason_code", 2, "01 03 04 05 06 07 11 12 59 75 81 CM"),
		fcode("credit_debit_indicator", 4, "CRDT DBIT"), fx("currency_code", 3, eCurrency), vk("amount", 19, eDecPoint), vx("additional_information", 140)}},
	{tag: 8650, name: "Date of Remittance Document", elems: []elem{fx("date", 8, eDate)}},
	{tag: 8700, name: "Secondary Remittance Document Information", elems: []elem{fcode("document_type_code", 4, docTypeCodes),
		vx("proprietary_document_type_code", 35), vx("document_identification_number", 35), vx("issuer", 35)}},
	{tag: 8750, name: "Remittance Free Text", elems: lines("line", 3, 140)},
	{tag: 9000, name: "Service Message Information", elems: lines("line", 12, 35)},
}

// tagIndex maps a tag number to its position in tagTable plus one.
var tagIndex = func() (idx [10000]uint8) {
	for i := range tagTable {
		s := &tagTable[i]
		idx[s.tag] = uint8(i + 1)
		for s.lead < len(s.elems) && s.elems[s.lead].fixed && !s.elems[s.lead].opt {
			s.lead++
		}
	}
	return idx
}()

func specOf(t Tag) *tagSpec {
	if int(t) >= len(tagIndex) || tagIndex[t] == 0 {
		return nil
	}
	return &tagTable[tagIndex[t]-1]
}

// inCodes reports whether v is one of the space-separated codes. A code of
// blanks is written as blanks of the element's width ("  R P" allows " ").
func inCodes(v, codes string) bool {
	if v == "" {
		return false
	}
	if strings.TrimSpace(v) == "" {
		return strings.HasPrefix(codes, " ")
	}
	for codes != "" {
		var c string
		c, codes, _ = strings.Cut(strings.TrimLeft(codes, " "), " ")
		if c == v {
			return true
		}
	}
	return false
}
