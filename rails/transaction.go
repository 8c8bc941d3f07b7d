package rails

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/returns"
)

// Rail and Speed are the cutoffs package's: ach, rpps, wire, swift, check,
// rdc, internal, card; same_day, next_day.
type (
	Rail  = cutoffs.Rail
	Speed = cutoffs.Speed
)

// Status is the platform's transaction status (CREATED 1 … RETURNED 6).
type Status = returns.Status

// Direction says whether railyard sends money to the counterparty (credit)
// or pulls it (debit).
type Direction string

// Directions.
const (
	Credit Direction = "credit"
	Debit  Direction = "debit"
)

// AccountType is the counterparty account's type; it picks the ACH
// transaction code (22/27 checking, 32/37 savings, 42/47 general ledger,
// 52/55 loan).
type AccountType string

// Account types.
const (
	Checking      AccountType = "checking"
	Savings       AccountType = "savings"
	GeneralLedger AccountType = "general_ledger"
	Loan          AccountType = "loan"
)

// Counterparty is the other side of a transaction. AccountNumber is
// sensitive: it is masked in logs and human output.
type Counterparty struct {
	Name          string      `json:"name"`
	RoutingNumber string      `json:"routing_number"`
	AccountNumber string      `json:"account_number"`
	AccountType   AccountType `json:"account_type"`
}

// Transaction is one payment as the platform submits it, plus what railyard
// has decided about it. The caller sets the fields above Window; the Engine
// sets the rest.
type Transaction struct {
	// ID is the caller's id, unique across railyard; resubmitting it is
	// idempotent.
	ID           string       `json:"id"`
	Rail         Rail         `json:"rail"`
	Speed        Speed        `json:"speed,omitempty"`
	Direction    Direction    `json:"direction"`
	AmountCents  int64        `json:"amount_cents"`
	Currency     string       `json:"currency"`
	Counterparty Counterparty `json:"counterparty"`
	// SECCode is the ACH Standard Entry Class: PPD, CCD, WEB, TEL or CTX.
	SECCode string `json:"sec_code,omitempty"`
	// Memo (≤ 80 characters) and Addenda (payment-related information for
	// an 05 addenda, ≤ 80) travel with the entry.
	Memo        string       `json:"memo,omitempty"`
	Addenda     string       `json:"addenda,omitempty"`
	SubmittedAt time.Time    `json:"submitted_at"`
	ProcessOn   cutoffs.Date `json:"process_on,omitzero"`
	// Check is the deposited check of an RDC transaction (rail rdc),
	// whose Counterparty is the depositor: the account at the bank of
	// first deposit that the check credits. Nil on every other rail.
	Check *CheckDeposit `json:"check,omitempty"`
	// Wire is what a Fedwire transfer (rail wire) says beyond its
	// Counterparty, the beneficiary. Nil on every other rail.
	Wire *WireTransfer `json:"wire,omitempty"`

	// Window is where the transaction goes, resolved at submission.
	Window Window `json:"window"`
	// Status is the current status; Timeline every change, oldest first.
	Status   Status          `json:"status"`
	Timeline []TimelineEntry `json:"timeline,omitempty"`
	// Trace is the ACH trace number (or the rail's item reference) given
	// when the window was claimed; File the outgoing file's name.
	Trace string `json:"trace,omitempty"`
	File  string `json:"file,omitempty"`
}

// CheckDeposit is a check deposited by photo: what its MICR line says and
// its images. The engine stores the images as it will send them: bitonal
// CCITT Group 4 TIFF at 200 dpi (X9.100-181), converted at submission from
// the JPEG, PNG or TIFF given.
type CheckDeposit struct {
	// RoutingNumber is the payor bank's routing number (MICR transit
	// field, 9 digits with a valid check digit).
	RoutingNumber string `json:"routing_number"`
	// AccountNumber is the MICR on-us account number; CheckNumber the
	// serial number (on the on-us field of a personal check, or the
	// auxiliary on-us field of a business check when AuxOnUs is set).
	AccountNumber string `json:"account_number"`
	CheckNumber   string `json:"check_number,omitempty"`
	// AuxOnUs is the auxiliary on-us field of a business check; EPC the
	// external processing code (MICR position 44); both usually empty.
	AuxOnUs string `json:"aux_on_us,omitempty"`
	EPC     string `json:"epc,omitempty"`
	// MICRAmountCents, when the amount was read from the check, must equal
	// the transaction's amount.
	MICRAmountCents int64 `json:"micr_amount_cents,omitempty"`
	// FrontImage and BackImage are the check's sides (base64 in JSON).
	FrontImage []byte `json:"front_image"`
	BackImage  []byte `json:"back_image"`
}

// WireTransfer is the beneficiary's address and the routing of a wire.
type WireTransfer struct {
	// Address is the beneficiary's address: 1 to 3 lines of at most 35
	// characters.
	Address []string `json:"address"`
	// IntermediaryRouting, when set, is the ABA routing number of the
	// bank the wire goes through to reach the beneficiary's bank.
	IntermediaryRouting string `json:"intermediary_routing,omitempty"`
	// Purpose (≤ 140) travels to the beneficiary as remittance
	// information (the originator to beneficiary information).
	Purpose string `json:"purpose,omitempty"`
	// For an international wire (rail swift): the beneficiary bank's BIC,
	// and the beneficiary's town and country (ISO 3166 alpha-2), which
	// CBPR+ wants apart from the address lines (then at most 2). The
	// account (Counterparty.AccountNumber) is an IBAN in the IBAN
	// countries.
	BankBIC string `json:"bank_bic,omitempty"`
	Town    string `json:"town,omitempty"`
	Country string `json:"country,omitempty"`
}

func sameWire(a, b *WireTransfer) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.Address, b.Address) && a.IntermediaryRouting == b.IntermediaryRouting && a.Purpose == b.Purpose &&
		a.BankBIC == b.BankBIC && a.Town == b.Town && a.Country == b.Country
}

func sameCheck(a, b *CheckDeposit) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.RoutingNumber == b.RoutingNumber && a.AccountNumber == b.AccountNumber && a.CheckNumber == b.CheckNumber &&
		a.AuxOnUs == b.AuxOnUs && a.EPC == b.EPC && a.MICRAmountCents == b.MICRAmountCents &&
		bytes.Equal(a.FrontImage, b.FrontImage) && bytes.Equal(a.BackImage, b.BackImage)
}

// Window is a transaction's place in the schedule (from cutoffs.Resolve).
type Window struct {
	ID             string       `json:"id"`
	Cutoff         time.Time    `json:"cutoff"`
	BatchDate      cutoffs.Date `json:"batch_date"`
	EffectiveDate  cutoffs.Date `json:"effective_date"`
	SettlementDate cutoffs.Date `json:"settlement_date,omitzero"`
	SameDay        bool         `json:"same_day"`
	// Fallback says why a same-day request goes next day ("late",
	// "amount", "sec", "future_date").
	Fallback string `json:"same_day_fallback,omitempty"`
	// Group is the rail's batching key ("PPD/0/20261125/0" for ACH: SEC,
	// credits first, effective date, same day first). A store hands a
	// window's transactions to its Planner ordered by Group, then ID, so
	// entries that share a batch arrive together. Opaque to the store.
	Group string `json:"group,omitempty"`
}

// TimelineEntry is one status change of a transaction.
type TimelineEntry struct {
	Status Status    `json:"status"`
	Note   string    `json:"note,omitempty"`
	Code   string    `json:"code,omitempty"`
	At     time.Time `json:"at"`
}

// Event is a status change in the outbox, in the platform's vocabulary.
// Seq is assigned by the Store, strictly increasing: a reader resumes
// after the last Seq it saw.
type Event struct {
	Seq           int64     `json:"seq"`
	TransactionID string    `json:"transaction_id"`
	Status        Status    `json:"status"`
	Note          string    `json:"note,omitempty"`
	Code          string    `json:"code,omitempty"`
	LockNode      bool      `json:"lock_node"`
	LockUser      bool      `json:"lock_user"`
	Category      string    `json:"category,omitempty"`
	At            time.Time `json:"at"`
}

// SameContent reports whether a and b carry the same submitted content:
// the fields a caller sets (ID through ProcessOn), with instants compared
// as instants. What railyard sets (Window, Status, …) is ignored.
func SameContent(a, b *Transaction) bool {
	return a.ID == b.ID && a.Rail == b.Rail && a.Speed == b.Speed && a.Direction == b.Direction &&
		a.AmountCents == b.AmountCents && a.Currency == b.Currency && a.Counterparty == b.Counterparty &&
		a.SECCode == b.SECCode && a.Memo == b.Memo && a.Addenda == b.Addenda &&
		a.SubmittedAt.Equal(b.SubmittedAt) && a.ProcessOn == b.ProcessOn && sameCheck(a.Check, b.Check) && sameWire(a.Wire, b.Wire)
}

// MarshalJSON renders the event in the platform's vocabulary, with the
// status's id beside its name: {"status":"RETURNED","status_id":"6",…}.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	return json.Marshal(struct {
		plain
		StatusID string `json:"status_id"`
	}{plain(e), e.Status.ID()})
}
