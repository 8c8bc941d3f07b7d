package returns

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/railyardhq/railyard/cutoffs"
)

// Status is a transaction status of the platform (seed 002, lines
// 20985-21033), numbered by its status_id. The zero Status is not a
// status: it means "no change" in a StatusChange.
type Status int

// The platform's statuses (returns.md §5.1).
const (
	Unchanged        Status = 0
	QueuedBySynapse  Status = -1 // queued for platform review; then CREATED or CANCELED
	Created          Status = 1
	ProcessingDebit  Status = 2 // funds pulled from the sending node
	ProcessingCredit Status = 3 // funds being sent; outgoing ACH is batched here
	Settled          Status = 4
	Canceled         Status = 5
	Returned         Status = 6 // ACH returns, chargebacks, returned wires and the like
)

var statusNames = map[Status]string{
	QueuedBySynapse: "QUEUED-BY-SYNAPSE", Created: "CREATED", ProcessingDebit: "PROCESSING-DEBIT",
	ProcessingCredit: "PROCESSING-CREDIT", Settled: "SETTLED", Canceled: "CANCELED", Returned: "RETURNED",
}

// Statuses lists the platform's statuses in status_id order.
func Statuses() []Status {
	return []Status{QueuedBySynapse, Created, ProcessingDebit, ProcessingCredit, Settled, Canceled, Returned}
}

// String returns the status's name ("RETURNED"); Unchanged is "".
func (s Status) String() string { return statusNames[s] }

// ID returns the status_id as the platform writes it, a string ("6",
// "-1"); Unchanged is "".
func (s Status) ID() string {
	if s == Unchanged {
		return ""
	}
	return strconv.Itoa(int(s))
}

// MarshalText renders the status's name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses a status name ("RETURNED") or id ("6").
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStatus parses a status name ("PROCESSING-CREDIT") or status_id
// ("3"); "" is Unchanged.
func ParseStatus(s string) (Status, error) {
	if s == "" {
		return Unchanged, nil
	}
	for st, name := range statusNames {
		if strings.EqualFold(s, name) || s == st.ID() {
			return st, nil
		}
	}
	return Unchanged, fmt.Errorf("returns: unknown status %q", s)
}

// Side says which side of a transaction the external counterparty is on,
// and so how a return note reads (returns.md §5.3).
type Side string

// Sides.
const (
	// SideDebit: the counterparty is the transaction's from side; money
	// came in (an ACH debit we originated, an RDC deposit, an incoming
	// wire we send back).
	SideDebit Side = "Debit"
	// SideCredit: the counterparty is the to side; money went out (an ACH
	// credit, a wire, an RPPS payment, a mailed check).
	SideCredit Side = "Credit"
)

// ReturnNote formats the note of a returned transaction:
//
//	[Returned on Debit] R01 -- Insufficient Funds
//	[Returned on Credit] WR03 -- Account Closed/Frozen (AC04)
//
// detail, when not empty, is added in parentheses.
func ReturnNote(side Side, code, title, detail string) string {
	if side == "" {
		side = SideDebit
	}
	return note("Returned on "+string(side), code, title, detail)
}

func note(tag, code, title, detail string) string {
	s := "[" + tag + "] " + code + " -- " + title
	if detail != "" {
		s += " (" + detail + ")"
	}
	return s
}

// ParseNote splits a note written by ReturnNote, or by the platform's
// sandbox (which writes RPPS notes with one dash, "R02 - Account Closed",
// and intermediate notes with no tag), into its tag, code and title.
func ParseNote(s string) (tag, code, title string, ok bool) {
	if strings.HasPrefix(s, "[") {
		i := strings.IndexByte(s, ']')
		if i < 0 {
			return "", "", "", false
		}
		tag, s = s[1:i], strings.TrimSpace(s[i+1:])
	}
	for _, sep := range []string{" -- ", " - "} {
		if c, t, found := strings.Cut(s, sep); found && c != "" && !strings.Contains(c, " ") {
			return tag, c, t, true
		}
	}
	return "", "", "", false
}

// RefKind names the identifier an inbound item carries for the
// transaction it concerns.
type RefKind string

// Reference kinds.
const (
	RefTrace        RefKind = "trace"         // ACH original entry trace number
	RefItemSequence RefKind = "item_sequence" // X9 BOFD item sequence number
	RefIMAD         RefKind = "imad"          // Fedwire original IMAD (OrgnlMsgId, FAIM {3500})
	RefUETR         RefKind = "uetr"          // ISO 20022 OrgnlUETR
	RefEndToEnd     RefKind = "end_to_end"    // ISO 20022 OrgnlEndToEndId (our transaction id)
)

// A Ref identifies the transaction an inbound item concerns.
type Ref struct {
	Kind  RefKind `json:"kind"`
	Value string  `json:"value"`
}

// Timeliness is the verdict on when a return arrived.
type Timeliness string

// Verdicts. The empty Timeliness means not judged: the code has no window
// railyard can compute, or the dates were not given.
const (
	Timely  Timeliness = "timely"   // on or before the lateness deadline: honor
	Late    Timeliness = "late"     // a 2-BD code inside 60 days: honor, may be dishonored by hand
	TooLate Timeliness = "too_late" // past the 60-day boundary (or a 60-CD code's deadline)
)

func timeliness(l cutoffs.Lateness) Timeliness {
	switch l {
	case cutoffs.ReturnTimely:
		return Timely
	case cutoffs.ReturnLate:
		return Late
	}
	return TooLate
}

// Action is what the platform must do besides the status change.
type Action string

// Actions.
const (
	ActionNone Action = ""
	// ActionDishonor: reject the return automatically; send the dishonor
	// (DishonorCode, by DishonorBy). The status does not change.
	ActionDishonor Action = "dishonor"
	// ActionDishonorByHand: the return is honored but late; it may be
	// dishonored by hand (DishonorCode) until DishonorBy.
	ActionDishonorByHand Action = "dishonor_by_hand"
	// ActionReview: an operations task (unknown code, R23, R90, a late
	// return that cannot be dishonored, a check reject return, a
	// refused NOC, a NOC queued for review).
	ActionReview Action = "review"
	// ActionRevert: a dishonor of a return we sent: the transaction goes
	// back to the status it had before our return; contest by Deadline
	// if we disagree.
	ActionRevert Action = "revert"
	// ActionResendDishonor: R71, we misrouted our dishonor: send it again
	// to the right routing number, if still inside the 5 banking days.
	ActionResendDishonor Action = "resend_dishonor"
	// ActionExtendHold: a preliminary X9 return notice: extend the hold
	// on the RDC credit.
	ActionExtendHold Action = "extend_hold"
	// ActionBlockRepresentment: CHR20/CHR32: never re-present the item.
	ActionBlockRepresentment Action = "block_representment"
	// ActionApplyCorrection: a NOC whose corrected data is applied to the
	// stored account automatically.
	ActionApplyCorrection Action = "apply_correction"
	// ActionRefuseNOC: the NOC's corrected data is bad: refuse it (C65)
	// by Deadline.
	ActionRefuseNOC Action = "refuse_noc"
)

// StatusChange is what an inbound return-family item does to the
// transaction it refers to, in the platform's vocabulary. Its JSON form
// uses the platform's event keys (status, status_id, note, code,
// lock_node, lock_user, category).
type StatusChange struct {
	Ref    Ref    `json:"ref"`
	Family Family `json:"family"`
	// Status is the new status; Unchanged when the item changes none (a
	// late return rejected with a dishonor, a notice, a contest R71).
	Status Status `json:"status"`
	// Code is the platform code shown in the note and recent_status.code
	// (R01, CHR01, WR03, or the standing return code of a contest); Raw is
	// the reason as the item carried it (R73, the X9 letter, the ISO code).
	Code string `json:"code"`
	Raw  string `json:"raw,omitempty"`
	Note string `json:"note"`
	Side Side   `json:"side,omitempty"`

	LocksNode    bool     `json:"lock_node"`
	LocksUser    bool     `json:"lock_user"`
	Category     Category `json:"category"`
	Unauthorized bool     `json:"unauthorized"`
	Kind         Kind     `json:"kind"`

	// Timeliness and Deadline: the verdict and the lateness deadline it
	// was judged by (ACH: AddBD(S,3) or NBD(S+60); checks: the category
	// window, for reporting only).
	Timeliness Timeliness   `json:"timeliness,omitempty"`
	Deadline   cutoffs.Date `json:"deadline,omitzero"`
	// Action, with DishonorCode and DishonorBy for dishonors.
	Action       Action       `json:"action,omitempty"`
	DishonorCode string       `json:"dishonor_code,omitempty"`
	DishonorBy   cutoffs.Date `json:"dishonor_by,omitzero"`

	// Unknown: the code is in no table; the item was mapped with the
	// family's defaults by a lenient Policy, and needs review.
	Unknown  bool     `json:"unknown,omitempty"`
	Amount   int64    `json:"amount_cents,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// MarshalJSON adds status_id (a string, as the platform writes it) after
// status.
func (c StatusChange) MarshalJSON() ([]byte, error) {
	type plain StatusChange
	return json.Marshal(struct {
		plain
		StatusID string `json:"status_id"`
	}{plain(c), c.Status.ID()})
}

// AccountCorrection is what a notification of change does: it corrects
// the stored external account (node) and leaves the transaction's status
// unchanged (returns.md §3.3).
type AccountCorrection struct {
	Ref     Ref           `json:"ref"`
	Code    string        `json:"code"`
	Title   string        `json:"title"`
	Refused bool          `json:"refused,omitempty"`
	Data    CorrectedData `json:"corrected_data"`
	Raw     string        `json:"raw_corrected_data,omitempty"`
	// Action: apply_correction, review, or refuse_noc (bad corrected data;
	// RefuseCode is C65).
	Action     Action `json:"action"`
	RefuseCode string `json:"refuse_code,omitempty"`
	// Deadline: the day to apply the change by (6 banking days after
	// receipt, or before the next entry, whichever is later), or to refuse
	// it by (15 calendar days after receipt). Zero when no receipt date was
	// given.
	Deadline cutoffs.Date `json:"deadline,omitzero"`
	// Note is the timeline note: "[NOC] C01 -- Incorrect DFI Account Number".
	Note     string   `json:"note"`
	Unknown  bool     `json:"unknown,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}
