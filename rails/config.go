package rails

import (
	"errors"
	"fmt"
	"strings"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/returns"
	"github.com/railyardhq/railyard/wire"
)

// Defaults of Config (DefaultConfig).
const (
	// DefaultMaxFileEntries is the largest number of entry detail records
	// (6 records, balancing offsets included) railyard puts in one file.
	// Larger windows are split into several files, up to 36 a day per
	// destination and origin (the File ID Modifiers A-Z, 0-9), so the
	// default allows 360,000 entries a day. A file of 10,000 entries with
	// addenda has about 20,000 lines: an ODFI that caps files at 10,000
	// lines (moov-io/ach's NACHAFileLineLimit) wants 4,900 or less.
	DefaultMaxFileEntries = 10_000
	// DefaultMaxFileAmountCents caps the sum of a file's transaction
	// amounts: $99,999,999.99, the largest single entry amount, so any
	// entry fits in a file of its own.
	DefaultMaxFileAmountCents = 9_999_999_999
	// DefaultEntryDescription is the Company Entry Description of every
	// batch (nacha.md §9.1: not a reserved value).
	DefaultEntryDescription = "PAYMENT"
	// DefaultOutbox is the outbox directory, relative to the working
	// directory.
	DefaultOutbox = "outbox"

	// maxEntryAmountCents is the largest amount an entry's 10-digit field
	// holds; maxFileTotalCents the largest a file control's 12-digit total
	// holds.
	maxEntryAmountCents = 9_999_999_999
	maxFileTotalCents   = 999_999_999_999
)

// Config is the engine's configuration: the originator and its ODFI, the
// file headers, the outbox, the file limits and the cutoff schedule. It
// is plain data; its JSON names are the keys of railyard's --config file.
// Zero values mean the default where one is documented; Validate names
// every bad field.
type Config struct {
	// CompanyName (batch header 05-20, ≤ 16) and CompanyID (41-50, 10
	// characters, usually "1" + the EIN) identify the originator.
	CompanyName string `json:"company_name"`
	CompanyID   string `json:"company_id"`
	// ODFIRouting is the originating bank's routing number (9 digits);
	// its first eight digits open every trace number and batch header
	// 80-87.
	ODFIRouting string `json:"odfi_routing"`
	// ImmediateDestination and ImmediateOrigin are the file header's
	// routing numbers (9 digits), with their names (≤ 23).
	ImmediateDestination     string `json:"immediate_destination"`
	ImmediateDestinationName string `json:"immediate_destination_name,omitempty"`
	ImmediateOrigin          string `json:"immediate_origin"`
	ImmediateOriginName      string `json:"immediate_origin_name,omitempty"`
	// EntryDescription is the Company Entry Description of every batch
	// (≤ 10, upper case); default "PAYMENT".
	EntryDescription string `json:"entry_description,omitempty"`
	// SameDayDescriptiveDate, when set ("SD1700"), is the Company
	// Descriptive Date of same-day batches (nacha.md §9.2); the ODFI says
	// whether it wants one.
	SameDayDescriptiveDate string `json:"same_day_descriptive_date,omitempty"`
	// Outbox is the directory files are written under:
	// <outbox>/ach/<batch date>/<window>-<seq>.ach. Default "outbox".
	Outbox string `json:"outbox,omitempty"`
	// MaxFileEntries is the most entry detail records in one file
	// (default DefaultMaxFileEntries); MaxFileAmountCents the largest sum
	// of a file's transaction amounts, debits and credits together,
	// balancing offsets not counted (default DefaultMaxFileAmountCents).
	// A window that exceeds either is split into several files.
	MaxFileEntries     int   `json:"max_file_entries,omitempty"`
	MaxFileAmountCents int64 `json:"max_file_amount_cents,omitempty"`
	// Offset, when set, balances every batch with an entry to the
	// originator's own account (service class 200): a debit for the
	// batch's credits, a credit for its debits. Some ODFIs require it.
	Offset *OffsetAccount `json:"offset,omitempty"`
	// Wire configures Fedwire messages.
	Wire WireConfig `json:"wire,omitzero"`
	// X9 configures the image cash letters of RDC deposits.
	X9 X9Config `json:"x9,omitzero"`
	// Schedule is laid over cutoffs.DefaultSchedule() with
	// cutoffs.Schedule.Override.
	Schedule cutoffs.Schedule `json:"cutoffs,omitzero"`
	// Returns configures the returns policy. Ingest always maps unknown
	// codes leniently (flagged for review, never dropped).
	Returns returns.PolicyConfig `json:"returns,omitzero"`
}

// X9Config is what an X9.100-187 cash letter says about its sender and
// receiver. Zero fields take the defaults withDefaults documents.
type X9Config struct {
	// Destination is the routing number the cash letters go to (01.3,
	// 10.3, 20.3): default the ACH ImmediateDestination. DestinationName
	// (≤ 18) defaults to ImmediateDestinationName.
	Destination     string `json:"destination,omitempty"`
	DestinationName string `json:"destination_name,omitempty"`
	// Production marks files as production (01.5 P); by default they are
	// test files (T).
	Production bool `json:"production,omitempty"`
	// ContactName (≤ 14, default the first 14 characters of CompanyName)
	// and ContactPhone (10 digits) are the cash letter header's contact.
	ContactName  string `json:"contact_name,omitempty"`
	ContactPhone string `json:"contact_phone,omitempty"`
	// BundleSize is the most items in a bundle (default 300).
	BundleSize int `json:"bundle_size,omitempty"`
}

// WireConfig is what railyard's Fedwire messages say about the sender.
type WireConfig struct {
	// Source is the 8-character Fedwire input source of IMADs (default
	// "RAILYRD1").
	Source string `json:"source,omitempty"`
	// Production marks messages BizSvc PROD (FAIM: test/production P);
	// by default TEST.
	Production bool `json:"production,omitempty"`
	// Format of Fedwire files: "iso20022" (the default) or "faim", the
	// legacy tag format many bank bulk interfaces still take.
	Format string `json:"format,omitempty"`
	// OriginatorAccount is the originator's account at the ODFI (default
	// CompanyID); OriginatorAddress its address lines (≤ 3 of ≤ 35).
	OriginatorAccount string   `json:"originator_account,omitempty"`
	OriginatorAddress []string `json:"originator_address,omitempty"`
	// For SWIFT (CBPR+): our bank's BIC, the correspondent's BIC the
	// messages go to, and the originator's town and country.
	BIC               string `json:"bic,omitempty"`
	CorrespondentBIC  string `json:"correspondent_bic,omitempty"`
	OriginatorTown    string `json:"originator_town,omitempty"`
	OriginatorCountry string `json:"originator_country,omitempty"`
}

// OffsetAccount is the originator's account that balances each batch.
type OffsetAccount struct {
	Name          string      `json:"name,omitempty"`
	RoutingNumber string      `json:"routing_number"`
	AccountNumber string      `json:"account_number"`
	AccountType   AccountType `json:"account_type"`
}

// DefaultConfig returns the sandbox originator: RAILYARD SANDBOX (company
// id 1470000001) at ODFI 121042882, sending to the Federal Reserve Bank
// (231380104), writing under ./outbox.
func DefaultConfig() Config {
	return Config{
		CompanyName:              "RAILYARD SANDBOX",
		CompanyID:                "1470000001",
		ODFIRouting:              "121042882",
		ImmediateDestination:     "231380104",
		ImmediateDestinationName: "FEDERAL RESERVE BANK",
		ImmediateOrigin:          "121042882",
		ImmediateOriginName:      "RAILYARD SANDBOX",
		EntryDescription:         DefaultEntryDescription,
		Outbox:                   DefaultOutbox,
		MaxFileEntries:           DefaultMaxFileEntries,
		MaxFileAmountCents:       DefaultMaxFileAmountCents,
		Returns:                  returns.PolicyConfig{Lenient: true},
	}
}

// withDefaults fills the zero fields that have a default.
func (c Config) withDefaults() Config {
	if c.EntryDescription == "" {
		c.EntryDescription = DefaultEntryDescription
	}
	if c.Outbox == "" {
		c.Outbox = DefaultOutbox
	}
	if c.MaxFileEntries == 0 {
		c.MaxFileEntries = DefaultMaxFileEntries
	}
	if c.MaxFileAmountCents == 0 {
		c.MaxFileAmountCents = DefaultMaxFileAmountCents
	}
	if c.Wire.Source == "" {
		c.Wire.Source = "RAILYRD1"
	}
	if c.Wire.OriginatorAccount == "" {
		c.Wire.OriginatorAccount = c.CompanyID
	}
	if c.Wire.Format == "" {
		c.Wire.Format = "iso20022"
	}
	if c.Wire.BIC == "" {
		c.Wire.BIC = "RLYDUS6SXXX" // the sandbox's
	}
	if c.Wire.CorrespondentBIC == "" {
		c.Wire.CorrespondentBIC = "CRSPUS33XXX"
	}
	if c.Wire.OriginatorTown == "" {
		c.Wire.OriginatorTown = "SAN FRANCISCO"
	}
	if c.Wire.OriginatorCountry == "" {
		c.Wire.OriginatorCountry = "US"
	}
	if c.X9.Destination == "" {
		c.X9.Destination = c.ImmediateDestination
	}
	if c.X9.DestinationName == "" {
		c.X9.DestinationName = c.ImmediateDestinationName[:min(18, len(c.ImmediateDestinationName))]
	}
	if c.X9.ContactName == "" {
		c.X9.ContactName = strings.TrimSpace(c.CompanyName[:min(14, len(c.CompanyName))])
	}
	if c.X9.BundleSize == 0 {
		c.X9.BundleSize = 300
	}
	return c
}

// ConfigError is one bad field of a Config, named by its JSON path.
type ConfigError struct {
	Field  string
	Value  string
	Reason string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("rails: config %s %q: %s", e.Field, e.Value, e.Reason)
}

// Validate checks c (after defaults) and returns nil, or every problem
// found joined (errors.Join), each a *ConfigError naming the field.
func (c Config) Validate() error {
	c = c.withDefaults()
	var errs []error
	bad := func(field, value, reason string) {
		errs = append(errs, &ConfigError{Field: field, Value: value, Reason: reason})
	}
	text := func(field, v string, max int, required bool) {
		switch {
		case required && strings.TrimSpace(v) == "":
			bad(field, v, "required")
		case len(v) > max:
			bad(field, v, fmt.Sprintf("longer than %d characters", max))
		case !printableASCII(v):
			bad(field, v, "only printable ASCII characters are allowed")
		}
	}
	text("company_name", c.CompanyName, 16, true)
	text("company_id", c.CompanyID, 10, true)
	if strings.Trim(c.CompanyID, "0 ") == "" && c.CompanyID != "" {
		bad("company_id", c.CompanyID, "must not be all zeros")
	}
	text("immediate_destination_name", c.ImmediateDestinationName, 23, false)
	text("immediate_origin_name", c.ImmediateOriginName, 23, false)
	for _, f := range []struct{ name, v string }{
		{"odfi_routing", c.ODFIRouting},
		{"immediate_destination", c.ImmediateDestination},
		{"immediate_origin", c.ImmediateOrigin},
	} {
		if !ach.ValidRoutingNumber(f.v) {
			bad(f.name, f.v, "not a routing number (9 digits with a valid check digit)")
		}
	}
	text("entry_description", c.EntryDescription, 10, true)
	if strings.ToUpper(c.EntryDescription) != c.EntryDescription {
		bad("entry_description", c.EntryDescription, "must be upper case")
	}
	if d := c.SameDayDescriptiveDate; d != "" {
		text("same_day_descriptive_date", d, 6, false)
	}
	if c.MaxFileEntries < 1 {
		bad("max_file_entries", fmt.Sprint(c.MaxFileEntries), "must be at least 1")
	} else if c.Offset != nil && c.MaxFileEntries < 2 {
		bad("max_file_entries", fmt.Sprint(c.MaxFileEntries), "must be at least 2 with an offset account")
	}
	if c.MaxFileAmountCents < 1 || c.MaxFileAmountCents > maxFileTotalCents {
		bad("max_file_amount_cents", fmt.Sprint(c.MaxFileAmountCents), fmt.Sprintf("must be 1 to %d", int64(maxFileTotalCents)))
	}
	if o := c.Offset; o != nil {
		text("offset.name", o.Name, 22, false)
		if !ach.ValidRoutingNumber(o.RoutingNumber) {
			bad("offset.routing_number", o.RoutingNumber, "not a routing number (9 digits with a valid check digit)")
		}
		if !validAccountNumber(o.AccountNumber) {
			bad("offset.account_number", o.AccountNumber, "1 to 17 letters, digits or hyphens")
		}
		switch o.AccountType {
		case Checking, Savings, GeneralLedger:
		default:
			bad("offset.account_type", string(o.AccountType), "checking, savings or general_ledger")
		}
	}
	if s := c.Wire.Source; len(s) != 8 || strings.Trim(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		bad("wire.source", s, "8 upper-case letters or digits")
	}
	text("wire.originator_account", c.Wire.OriginatorAccount, 34, true)
	if c.Wire.Format != "iso20022" && c.Wire.Format != "faim" {
		bad("wire.format", c.Wire.Format, "iso20022 or faim")
	}
	if len(c.Wire.OriginatorAddress) > 3 {
		bad("wire.originator_address", strings.Join(c.Wire.OriginatorAddress, " / "), "at most 3 lines")
	}
	for _, l := range c.Wire.OriginatorAddress {
		text("wire.originator_address", l, 35, true)
	}
	for _, f := range []struct{ name, v string }{{"wire.bic", c.Wire.BIC}, {"wire.correspondent_bic", c.Wire.CorrespondentBIC}} {
		if !validBIC(f.v) {
			bad(f.name, f.v, "not a BIC (8 or 11 letters and digits, the 5th and 6th a country)")
		}
	}
	text("wire.originator_town", c.Wire.OriginatorTown, 35, true)
	if !wire.ValidCountry(c.Wire.OriginatorCountry) {
		bad("wire.originator_country", c.Wire.OriginatorCountry, "not an ISO 3166 alpha-2 country code")
	}
	if !ach.ValidRoutingNumber(c.X9.Destination) {
		bad("x9.destination", c.X9.Destination, "not a routing number (9 digits with a valid check digit)")
	}
	text("x9.destination_name", c.X9.DestinationName, 18, false)
	text("x9.contact_name", c.X9.ContactName, 14, false)
	if p := c.X9.ContactPhone; p != "" && (len(p) != 10 || strings.Trim(p, "0123456789") != "") {
		bad("x9.contact_phone", p, "10 digits")
	}
	if c.X9.BundleSize < 1 || c.X9.BundleSize > 9999 {
		bad("x9.bundle_size", fmt.Sprint(c.X9.BundleSize), "must be 1 to 9999")
	}
	if err := cutoffs.DefaultSchedule().Override(c.Schedule).Validate(); err != nil {
		errs = append(errs, fmt.Errorf("rails: config cutoffs: %w", err))
	}
	if err := c.Returns.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("rails: config returns: %w", err))
	}
	return errors.Join(errs...)
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// validAccountNumber: 1 to 17 letters, digits or hyphens (a DFI account
// number keeps digits and hyphens from a MICR line; some banks use letters).
func validAccountNumber(s string) bool {
	if len(s) == 0 || len(s) > 17 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}

// validBIC: 4 letters or digits (the bank), a country, 2 letters or
// digits (the location), and optionally 3 more (the branch).
func validBIC(s string) bool {
	if len(s) != 8 && len(s) != 11 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter, digit := c >= 'A' && c <= 'Z', c >= '0' && c <= '9'
		if (i == 4 || i == 5) && !letter || !letter && !digit {
			return false
		}
	}
	return wire.ValidCountry(s[4:6])
}
