package returns

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/cutoffs"
)

// Context is what the caller (the rails engine, which owns the stored
// transaction) knows about an inbound item. Every field is optional: a
// zero date leaves timeliness unjudged.
type Context struct {
	// Side overrides the side of the note. By default it comes from the
	// item: an ACH return's transaction code (21, 31, … return a credit),
	// Credit for RPPS and wires, Debit for X9 returns of RDC deposits.
	Side Side
	// Settled is the original entry's (or deposit's) settlement date, S.
	Settled cutoffs.Date
	// Received is the day the file was received; a non-banking day counts
	// as the next banking day.
	Received cutoffs.Date
	// ItemSettled is the settlement date of the inbound item itself (the
	// return, the dishonor); zero means Received. Dishonor and contest
	// deadlines count from it.
	ItemSettled cutoffs.Date
	// AlreadyReturned: the transaction is already RETURNED (a second
	// return: kept, flagged for an R67 dishonor by hand).
	AlreadyReturned bool
}

func (x Context) itemSettled() cutoffs.Date {
	if x.ItemSettled.IsZero() {
		return x.Received
	}
	return x.ItemSettled
}

// ACHReturn is an ACH return-family entry (an addenda 99: return,
// dishonored return or contested dishonored return) in the terms the
// policy needs. ACHReturnFromEntry and ACHReturnFromItem build it from
// what the ach package decodes.
type ACHReturn struct {
	Kind          ach.EntryKind // as the ach package classified it; informational: the code decides
	Code          string        // the addenda 99 code (R01, R68, R73)
	OriginalTrace string        // the trace of the entry returned: the transaction reference
	Trace         string        // the trace of this entry
	// TransactionCode of the return entry (21, 26, …): it says whether a
	// credit or a debit was returned. 0 when unknown.
	TransactionCode int
	Amount          int64
	// ReturnReasonCode: in a dishonor, the code of the return dishonored;
	// in a contest, the original return's code (both as written, "01" or
	// "R01").
	ReturnReasonCode string
	// DishonoredReturnReasonCode: in a contest, the dishonor's code ("68").
	DishonoredReturnReasonCode string
	AddendaInformation         string
	Line                       int
}

// ACHReturnFromEntry returns the return of an entry carrying an addenda
// 99, or an error wrapping ErrNotReturn.
func ACHReturnFromEntry(e *ach.Entry) (ACHReturn, error) {
	for _, a := range e.Addenda {
		if a.TypeCode != "99" {
			continue
		}
		r := ACHReturn{Code: a.Code, OriginalTrace: a.OriginalTraceNumber, Trace: e.TraceNumber,
			TransactionCode: e.TransactionCode, Amount: e.Amount, ReturnReasonCode: a.ReturnReasonCode,
			DishonoredReturnReasonCode: a.DishonoredReturnReasonCode, AddendaInformation: a.AddendaInformation}
		r.Kind = e.Kind("")
		return r, nil
	}
	return ACHReturn{}, fmt.Errorf("%w: entry %s has no addenda 99", ErrNotReturn, e.TraceNumber)
}

// ACHReturnFromItem converts an ach.Summary return item; its transaction
// code tells a returned credit from a returned debit.
func ACHReturnFromItem(it ach.ReturnItem) ACHReturn {
	return ACHReturn{Kind: it.Kind, Code: it.Code, OriginalTrace: it.OriginalTrace, Trace: it.TraceNumber,
		TransactionCode: it.TransactionCode, Amount: it.Amount, Line: it.Line}
}

func sideOf(ctx Context, txCode int, def Side) Side {
	switch {
	case ctx.Side != "":
		return ctx.Side
	case txCode != 0 && ach.IsCredit(txCode):
		return SideCredit
	case txCode != 0:
		return SideDebit
	}
	return def
}

// rcode turns "01" or "R01" into "R01"; "" stays "".
func rcode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) == 2 && s[0] >= '0' && s[0] <= '9' {
		return "R" + s
	}
	return s
}

// MapACHReturn maps an ACH return, dishonored return or contested
// dishonored return to its status change (returns.md §4.2, §5.4):
//
//   - a return is honored (RETURNED, locks, category) when timely; late
//     inside 60 days it is honored and may be dishonored by hand (R68);
//     too late it is rejected with an automatic R68 dishonor (status
//     unchanged) while the 5-banking-day dishonor deadline lasts, else
//     honored and flagged for review;
//   - a dishonor of a return we sent reverts the transaction (ActionRevert);
//   - a contest R72–R77 of our dishonor lets the original return stand
//     (RETURNED with the original code); R71 asks us to resend the dishonor.
func (p *Policy) MapACHReturn(r ACHReturn, ctx Context) (StatusChange, error) {
	code := strings.ToUpper(strings.TrimSpace(r.Code))
	row, ok := p.ACH(code)
	sc := StatusChange{
		Ref: Ref{Kind: RefTrace, Value: r.OriginalTrace}, Family: FamilyACH, Code: code, Raw: code,
		Side: sideOf(ctx, r.TransactionCode, SideDebit), Amount: r.Amount,
	}
	if !ok {
		if !p.Lenient {
			return sc, fmt.Errorf("%w: ACH return code %q (original trace %s)", ErrUnknownCode, r.Code, r.OriginalTrace)
		}
		row = unknownACH
		row.Code = code
		sc.Unknown = true
		sc.Warnings = append(sc.Warnings, fmt.Sprintf("unknown ACH return code %q: mapped as Other with the 2-banking-day window; review by hand", r.Code))
	}
	switch row.Kind {
	case KindDishonored:
		return p.achDishonor(sc, row, r, ctx), nil
	case KindContested:
		return p.achContest(sc, row, r, ctx), nil
	}
	p.applyACH(&sc, row)
	sc.Status = Returned
	sc.Note = ReturnNote(sc.Side, code, row.desc(), "")
	if ctx.AlreadyReturned {
		sc.Status = Unchanged
		sc.Note = note("Second Return", code, row.desc(), "")
		sc.Action, sc.DishonorCode = ActionDishonorByHand, "R67"
		sc.DishonorBy = p.dateOrZero(ctx.itemSettled(), func(c *cutoffs.Calendar, d cutoffs.Date) cutoffs.Date { return c.DishonorDeadline(d) })
		return sc, nil
	}
	p.judgeACH(&sc, row, ctx)
	if sc.Unknown && sc.Action == ActionNone {
		sc.Action = ActionReview
	}
	if (row.Dishonor == DishonorNo) && sc.Action == ActionNone {
		sc.Action = ActionReview // R23, R90: reviewed by hand
	}
	return sc, nil
}

func (p *Policy) applyACH(sc *StatusChange, row ACHCode) {
	sc.LocksNode, sc.LocksUser = row.LocksNode, row.LocksUser
	sc.Category, sc.Unauthorized = row.Category, row.Unauthorized
	sc.Kind = row.Kind
}

func (p *Policy) dateOrZero(d cutoffs.Date, f func(*cutoffs.Calendar, cutoffs.Date) cutoffs.Date) cutoffs.Date {
	if d.IsZero() {
		return d
	}
	return f(p.calendar(), d)
}

// judgeACH applies the late-return rules of returns.md §4.2.
func (p *Policy) judgeACH(sc *StatusChange, row ACHCode, ctx Context) {
	var w cutoffs.ReturnWindow
	switch row.Window {
	case Window2BD:
		w = cutoffs.Return2BD
	case Window60CD:
		w = cutoffs.Return60CD
	default:
		return // next file, agreed, after refusal, own, none: no lateness
	}
	if ctx.Settled.IsZero() || ctx.Received.IsZero() {
		return
	}
	cal := p.calendar()
	sc.Deadline = cal.LatenessDeadline(ctx.Settled, w)
	sc.Timeliness = timeliness(cal.LateReturn(ctx.Settled, ctx.Received, w))
	dishonorBy := cal.DishonorDeadline(ctx.itemSettled())
	switch sc.Timeliness {
	case Late:
		if row.Dishonor == DishonorAuto {
			sc.Action, sc.DishonorCode, sc.DishonorBy = ActionDishonorByHand, "R68", dishonorBy
		} else {
			sc.Action = ActionReview
		}
	case TooLate:
		received := cal.BankingDayOnOrAfter(ctx.Received)
		if row.Dishonor == DishonorAuto && !received.After(dishonorBy) {
			sc.Status = Unchanged
			sc.Action, sc.DishonorCode, sc.DishonorBy = ActionDishonor, "R68", dishonorBy
			sc.Note = note("Return Dishonored", "R68", achIndex["R68"].desc(), row.Code)
			return
		}
		// Past the dishonor deadline (or not dishonorable): the return
		// must be honored; flag it.
		sc.Action = ActionReview
		sc.Warnings = append(sc.Warnings, fmt.Sprintf("late return honored: received %s after the lateness deadline %s, and it can no longer be dishonored", ctx.Received, sc.Deadline))
	}
}

// achDishonor: a dishonor (R61, R62, R67–R70) of a return we sent, as
// the RDFI: the transaction goes back to its status before our return.
func (p *Policy) achDishonor(sc StatusChange, row ACHCode, r ACHReturn, ctx Context) StatusChange {
	sc.Kind, sc.Category = KindDishonored, row.Category
	sc.Status = Unchanged
	sc.Action = ActionRevert
	sc.Note = note("Return Dishonored", row.Code, row.desc(), rcode(r.ReturnReasonCode))
	sc.Deadline = p.dateOrZero(ctx.itemSettled(), func(c *cutoffs.Calendar, d cutoffs.Date) cutoffs.Date { return c.ContestDeadline(d) })
	return sc
}

// achContest: a contest (R71–R77) of a dishonor we sent.
func (p *Policy) achContest(sc StatusChange, row ACHCode, r ACHReturn, ctx Context) StatusChange {
	sc.Kind, sc.Category = KindContested, row.Category
	if row.Code == "R71" {
		sc.Status = Unchanged
		sc.Action = ActionResendDishonor
		sc.Note = note("Dishonor Contested", row.Code, row.desc(), rcode(r.DishonoredReturnReasonCode))
		return sc
	}
	orig := rcode(r.ReturnReasonCode)
	origRow, ok := p.ACH(orig)
	if !ok || origRow.Kind == KindDishonored || origRow.Kind == KindContested {
		// No usable original code: the contest stands on its own.
		sc.Status = Returned
		sc.Note = ReturnNote(sc.Side, row.Code, row.desc(), "")
		sc.Action = ActionReview
		sc.Warnings = append(sc.Warnings, fmt.Sprintf("contest %s without a valid original return code (%q)", row.Code, r.ReturnReasonCode))
		return sc
	}
	detail := "contested " + row.Code
	if row.Code == "R74" {
		detail = "corrected"
	}
	p.applyACH(&sc, origRow)
	sc.Kind = KindContested
	sc.Status = Returned
	sc.Code = orig
	sc.Note = ReturnNote(sc.Side, orig, origRow.desc(), detail)
	return sc
}

// MapRPPSReturn maps an RPPS return (a NACHA return entry from the RPPS
// network) with the RPPS table: every RPPS return moves the transaction
// to RETURNED, side Credit; R02, R03, R04, R21 and R22 lock the biller
// node; there are no lateness rules (returns.md §6).
func (p *Policy) MapRPPSReturn(r ACHReturn, ctx Context) (StatusChange, error) {
	code := strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(strings.ToUpper(r.Code), "RPPS:")))
	row, ok := p.RPPS(code)
	sc := StatusChange{
		Ref: Ref{Kind: RefTrace, Value: r.OriginalTrace}, Family: FamilyRPPS, Code: code, Raw: r.Code,
		Side: SideCredit, Status: Returned, Category: CategoryOther, Kind: KindReturn, Amount: r.Amount,
	}
	if ctx.Side != "" {
		sc.Side = ctx.Side
	}
	if !ok {
		if !p.Lenient {
			return sc, fmt.Errorf("%w: RPPS return code %q (original trace %s)", ErrUnknownCode, r.Code, r.OriginalTrace)
		}
		row = RPPSCode{Code: code, Description: "Unknown RPPS return reason"}
		sc.Unknown, sc.Action = true, ActionReview
		sc.Warnings = append(sc.Warnings, fmt.Sprintf("unknown RPPS return code %q: mapped as other, raw code kept; review by hand", r.Code))
	}
	sc.LocksNode = row.LocksNode
	sc.Note = ReturnNote(sc.Side, code, row.Description, "")
	return sc, nil
}

// NOC is a notification of change (or refused NOC) in the terms the
// policy needs.
type NOC struct {
	Code          string // C01 … C14, C61 … C69
	OriginalTrace string
	CorrectedData string // addenda 98 positions 36-64 (IAT: 36-70)
	Line          int
}

// NOCFromEntry returns the NOC of an entry carrying an addenda 98, or an
// error wrapping ErrNotReturn.
func NOCFromEntry(e *ach.Entry) (NOC, error) {
	for _, a := range e.Addenda {
		if a.TypeCode == "98" {
			return NOC{Code: a.Code, OriginalTrace: a.OriginalTraceNumber, CorrectedData: a.CorrectedData}, nil
		}
	}
	return NOC{}, fmt.Errorf("%w: entry %s has no addenda 98", ErrNotReturn, e.TraceNumber)
}

// NOCFromItem converts an ach.Summary NOC item.
func NOCFromItem(it ach.NOCItem) NOC {
	return NOC{Code: it.Code, OriginalTrace: it.OriginalTrace, CorrectedData: it.CorrectedData, Line: it.Line}
}

// MapNOC maps a notification of change to the account correction it
// asks for (returns.md §3.3). A NOC changes no transaction status.
// ctx.Received, when given, sets the deadline to apply (6 banking days)
// or to refuse (15 calendar days).
func (p *Policy) MapNOC(n NOC, ctx Context) (AccountCorrection, error) {
	code := strings.ToUpper(strings.TrimSpace(n.Code))
	ac := AccountCorrection{Ref: Ref{Kind: RefTrace, Value: n.OriginalTrace}, Code: code, Raw: strings.TrimRight(n.CorrectedData, " ")}
	row, ok := p.NOC(code)
	if !ok {
		if !p.Lenient {
			return ac, fmt.Errorf("%w: change code %q (original trace %s)", ErrUnknownCode, n.Code, n.OriginalTrace)
		}
		ac.Title, ac.Unknown, ac.Action = "Unknown change code", true, ActionReview
		ac.Note = note("NOC", code, ac.Title, "")
		ac.Warnings = append(ac.Warnings, fmt.Sprintf("unknown change code %q: queued for review", n.Code))
		return ac, nil
	}
	ac.Title = row.Title
	ac.Note = note("NOC", code, row.Title, "")
	ac.Action = row.Action
	if row.Kind == KindRefusedNOC {
		ac.Refused, ac.Note = true, note("Refused NOC", code, row.Title, "")
		return ac, nil
	}
	data, warns, err := ParseCorrectedData(code, n.CorrectedData)
	ac.Data, ac.Warnings = data, append(ac.Warnings, warns...)
	if err != nil {
		ac.Action, ac.RefuseCode = ActionRefuseNOC, "C65"
		ac.Warnings = append(ac.Warnings, strings.TrimPrefix(err.Error(), "returns: "))
		if !ctx.Received.IsZero() {
			ac.Deadline = cutoffs.RefusedNOCDeadline(ctx.Received)
		}
		return ac, nil
	}
	if code == "C04" && p.ApplyC04 {
		ac.Action = ActionApplyCorrection
	}
	if ac.Action == ActionApplyCorrection && !ctx.Received.IsZero() {
		ac.Deadline = p.calendar().NOCApplyDeadline(ctx.Received)
	}
	return ac, nil
}

// CheckReturn is an X9 return item (record 31 and its cash letter) in
// the terms the policy needs. The rdc codec, when it exists, converts its
// records into it.
type CheckReturn struct {
	// ItemSequence is our BOFD item sequence number (32.5): the
	// transaction reference.
	ItemSequence string
	// ReturnReason is the one-character X9.100-188 reason: 31.6, or when
	// blank the last 35.9, else 28.9.
	ReturnReason string
	// ReturnsIndicator is the cash letter header's 10.14 (position 78):
	// R customer, E administrative, N altered/fictitious, J reject return,
	// blank forward.
	ReturnsIndicator string
	// CollectionType is 10.2: 03 return, 04 return notification, 05
	// preliminary notification, 06 final notification ("" means 03).
	CollectionType string
	// NotificationIndicator is 31.12: 1 preliminary, 2 final (read when
	// CollectionType is 04).
	NotificationIndicator string
	TimesReturned         int // 31.14
	Amount                int64
}

// CHRCode chooses the CHR code of an X9 return reason (returns.md §7.3):
//
//	indicator J                    → ErrRejectReturn (not a CHR code)
//	reason V, 1 or 2               → administrative list (they exist only there)
//	indicator E, reason in admin   → administrative list (CHR30–CHR41)
//	indicator E, otherwise         → customer list, with a warning
//	otherwise (R, N, blank, other) → customer list (CHR01–CHR29)
//
// A reason in neither list (7, 8, 9, 0, …) is an error wrapping
// ErrUnknownCode; a lenient Policy maps it to CHR15 (unable to process)
// with a warning and unknown set.
func (p *Policy) CHRCode(reason, indicator string) (code string, warnings []string, unknown bool, err error) {
	reason = strings.ToUpper(strings.TrimSpace(reason))
	ind := strings.ToUpper(strings.TrimSpace(indicator))
	if ind == "J" {
		return "", nil, false, fmt.Errorf("%w (reason %q)", ErrRejectReturn, reason)
	}
	list := X9Customer
	_, inAdmin := CHRFor(reason, X9Administrative)
	switch {
	case reason == "V" || reason == "1" || reason == "2":
		list = X9Administrative
	case ind == "E" && inAdmin:
		list = X9Administrative
	case ind == "E" && reason != "":
		warnings = append(warnings, fmt.Sprintf("reason %q not in administrative list: read in the customer list", reason))
	}
	if c, ok := CHRFor(reason, list); ok {
		return c, warnings, false, nil
	}
	if !p.Lenient {
		return "", warnings, false, fmt.Errorf("%w: X9 return reason %q (returns indicator %q)", ErrUnknownCode, reason, indicator)
	}
	warnings = append(warnings, fmt.Sprintf("X9 return reason %q is in neither X9.100-188 list: mapped to CHR15 (unable to process)", reason))
	return "CHR15", warnings, true, nil
}

// MapCheckReturn maps an X9 return of an RDC deposit (side Debit) to its
// status change (returns.md §7.3): a value return → RETURNED; a
// preliminary notice → unchanged, extend the hold; a final notice →
// unchanged; CHR20/CHR32 → never re-present. A check return is never
// rejected for lateness; with ctx.Settled and ctx.Received the verdict
// against the category window is reported for holds and risk. A reject
// return (indicator J) changes nothing and is an operations task.
func (p *Policy) MapCheckReturn(r CheckReturn, ctx Context) (StatusChange, error) {
	sc := StatusChange{Ref: Ref{Kind: RefItemSequence, Value: r.ItemSequence}, Family: FamilyCheck,
		Raw: r.ReturnReason, Side: SideDebit, Kind: KindCheckReturn, Amount: r.Amount}
	if ctx.Side != "" {
		sc.Side = ctx.Side
	}
	code, warns, unknown, err := p.CHRCode(r.ReturnReason, r.ReturnsIndicator)
	sc.Warnings, sc.Unknown = warns, unknown
	if errors.Is(err, ErrRejectReturn) {
		sc.Status, sc.Action = Unchanged, ActionReview
		sc.Note = fmt.Sprintf("[Return Rejected] X9 reason %s (returns indicator J)", strings.TrimSpace(r.ReturnReason))
		sc.Warnings = append(sc.Warnings, "a return we sent was rejected: not a CHR code; status unchanged")
		return sc, nil
	}
	if err != nil {
		return sc, err
	}
	row, _ := p.Check(code)
	sc.Code, sc.Category, sc.Unauthorized = code, row.Category, row.Unauthorized
	sc.LocksUser = row.LocksUser
	switch ct := strings.TrimSpace(r.CollectionType); {
	case ct == "05" || ct == "04" && strings.TrimSpace(r.NotificationIndicator) == "1":
		sc.Status, sc.Action = Unchanged, ActionExtendHold
		sc.Note = note("Return Notice", code, row.Description, "")
	case ct == "06" || ct == "04" && strings.TrimSpace(r.NotificationIndicator) == "2":
		sc.Status = Unchanged
		sc.Note = note("Return Notice Final", code, row.Description, "")
	default:
		sc.Status = Returned
		sc.Note = ReturnNote(sc.Side, code, row.Description, "")
	}
	if code == "CHR20" || code == "CHR32" {
		sc.Action = ActionBlockRepresentment
	}
	if unknown {
		sc.Action = ActionReview
	}
	if !ctx.Settled.IsZero() && !ctx.Received.IsZero() {
		var deadline cutoffs.Date
		switch row.Window {
		case Window3BD:
			deadline = p.calendar().AddBankingDays(ctx.Settled, 3)
		case Window60CD:
			deadline = cutoffs.RDCReturnDeadline(ctx.Settled)
		}
		sc.Timeliness, sc.Deadline = Timely, deadline
		if !deadline.IsZero() && ctx.Received.After(deadline) {
			sc.Timeliness = Late // reported only: a check return is always accepted
		}
	}
	return sc, nil
}

// WireFormat is the format a wire return arrived in.
type WireFormat string

// Wire return formats.
const (
	ISO20022 WireFormat = "iso20022" // Fedwire pacs.004: Reason is TxInf/RtrRsnInf/Rsn/Cd
	FAIM     WireFormat = "faim"     // legacy FAIM: Reason from /RETN/ in {6500}, else keywords of the free text
	SWIFT    WireFormat = "swift"    // the SWIFT provider's failure: Reason is a WR code, R69 or R83
)

// WireReturn is a returned or failed wire in the terms the policy needs.
// Package wire reads pacs.004 and FAIM messages; the caller (ingest, the
// railyard command) fills a WireReturn from a wire.Summary: Reason from
// Reason, AdditionalInfo from ReasonText. returns does not import wire
// (nor wire returns): the conversion belongs to the caller.
type WireReturn struct {
	Format WireFormat
	// Reason: the ISO 20022 code (AC04), or for SWIFT the provider's code
	// (WR03, R69). For FAIM it is the /RETN/ code when the codec found one,
	// and may be empty: the /RETN/ code of AdditionalInfo, else its
	// keywords, decide.
	Reason string
	// AdditionalInfo is AddtlInf, or FAIM's {6500}/{6000} text, or the
	// SWIFT provider's message.
	AdditionalInfo string
	// References, best first: OrgnlUETR, OrgnlMsgId / {3500} (the original
	// IMAD), OrgnlEndToEndId.
	UETR, IMAD, EndToEndID string
	Amount                 int64 // RtrdIntrBkSttlmAmt in cents (may be less than the original)
}

// WRCode maps a wire return's reason to a WR code (returns.md §8.2,
// fedwire.md Part C). raw is the network reason it was read from (the ISO
// code, or the FAIM text). Known ISO codes without a WR of their own map
// to WR02; an unknown ISO code is an error wrapping ErrUnknownCode, or
// with Lenient WR02 with unknown set.
//
// FAIM: the /RETN/ code (Reason, else read from the text after "/RETN/")
// decides when it is a known ISO 20022 reason. A /RETN/ code that is not
// usable (too short, too long, not letters and digits, not a known reason)
// falls back to the keyword table (Keyword) with a warning; when no
// keyword matches either, the code is unknown, as an unknown ISO code is.
// Text without /RETN/ is mapped by the keyword table, WR02 when nothing
// matches.
func (p *Policy) WRCode(r WireReturn) (code, raw string, warnings []string, unknown bool, err error) {
	reason := strings.ToUpper(strings.TrimSpace(r.Reason))
	switch r.Format {
	case SWIFT:
		reason = strings.TrimPrefix(reason, "SWIFT:")
		if _, ok := p.Wire(reason); ok {
			return reason, reason, nil, false, nil
		}
		if !p.Lenient {
			return "", reason, nil, false, fmt.Errorf("%w: SWIFT failure code %q", ErrUnknownCode, r.Reason)
		}
		return "WR02", reason, []string{fmt.Sprintf("unknown SWIFT failure code %q: mapped to WR02", r.Reason)}, true, nil
	case FAIM:
		return p.faimWRCode(reason, r.AdditionalInfo)
	case ISO20022:
	default:
		return "", reason, nil, false, fmt.Errorf("%w: wire format %q: want iso20022, faim or swift", ErrUnknownFamily, r.Format)
	}
	return p.isoWRCode(reason)
}

// isoWRCode maps an ISO 20022 return reason.
func (p *Policy) isoWRCode(reason string) (code, raw string, warnings []string, unknown bool, err error) {
	wr, fallback, ok := p.ISO(reason)
	switch {
	case ok && fallback:
		return wr, reason, []string{fmt.Sprintf("ISO 20022 reason %s has no WR code of its own: WR02, raw code kept", reason)}, false, nil
	case ok:
		return wr, reason, nil, false, nil
	case !p.Lenient:
		return "", reason, nil, false, fmt.Errorf("%w: ISO 20022 return reason %q", ErrUnknownCode, reason)
	}
	return "WR02", reason, []string{fmt.Sprintf("unknown ISO 20022 return reason %q: mapped to WR02, raw code kept", reason)}, true, nil
}

// faimWRCode maps a FAIM return: reason is the codec's /RETN/ code,
// upper-cased, or "".
func (p *Policy) faimWRCode(reason, text string) (code, raw string, warnings []string, unknown bool, err error) {
	retn := reason != ""
	if !retn {
		reason, retn = retnCode(text)
	}
	if !retn {
		if wr, ok := matchKeywords(p.keywords(), text); ok {
			return wr, text, nil, false, nil
		}
		return "WR02", text, nil, false, nil
	}
	why := "not a known ISO 20022 return reason"
	if len(reason) != 4 || strings.IndexFunc(reason, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
		why = "an ISO 20022 return reason is 4 letters or digits"
	} else if _, _, ok := p.ISO(reason); ok {
		return p.isoWRCode(reason)
	}
	if wr, ok := matchKeywords(p.keywords(), text); ok {
		return wr, text, []string{fmt.Sprintf("FAIM /RETN/ code %q is not usable (%s): %s from the free-text keywords", reason, why, wr)}, false, nil
	}
	raw = reason
	if raw == "" {
		raw = text
	}
	if !p.Lenient {
		return "", raw, nil, false, fmt.Errorf("%w: FAIM /RETN/ code %q (%s) and no keyword in the text %q", ErrUnknownCode, reason, why, text)
	}
	return "WR02", raw, []string{fmt.Sprintf("FAIM /RETN/ code %q is not usable (%s) and no keyword matches the text: mapped to WR02, raw code kept", reason, why)}, true, nil
}

// retnCode finds "/RETN/" in a FAIM text (any case) and returns the run of
// letters and digits after it, upper-cased: "" when something else
// follows. ok is false when the text has no /RETN/.
func retnCode(text string) (code string, ok bool) {
	upper := strings.ToUpper(text)
	i := strings.Index(upper, "/RETN/")
	if i < 0 {
		return "", false
	}
	rest := upper[i+len("/RETN/"):]
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if end < 0 {
		end = len(rest)
	}
	return rest[:end], true
}

// MapWireReturn maps a returned wire (pacs.004, FAIM) or a SWIFT failure
// to its status change: RETURNED, side Credit for our outgoing wire (give
// Context.Side Debit for an incoming wire we send back). WR codes have no
// locks and no windows. SWIFT R69/R83 are provider failures, not returns:
// the provider's message is the note's detail.
func (p *Policy) MapWireReturn(r WireReturn, ctx Context) (StatusChange, error) {
	sc := StatusChange{Family: FamilyWire, Side: SideCredit, Category: CategoryOther, Amount: r.Amount}
	switch {
	case r.UETR != "":
		sc.Ref = Ref{Kind: RefUETR, Value: r.UETR}
	case r.IMAD != "":
		sc.Ref = Ref{Kind: RefIMAD, Value: r.IMAD}
	default:
		sc.Ref = Ref{Kind: RefEndToEnd, Value: r.EndToEndID}
	}
	if ctx.Side != "" {
		sc.Side = ctx.Side
	}
	code, raw, warns, unknown, err := p.WRCode(r)
	sc.Raw, sc.Warnings, sc.Unknown = raw, warns, unknown
	if err != nil {
		return sc, err
	}
	row, _ := p.Wire(code)
	sc.Code, sc.Kind, sc.Status = code, row.Kind, Returned
	detail := ""
	if row.Kind == KindProviderError {
		detail = strings.TrimSpace(r.AdditionalInfo)
	}
	sc.Note = ReturnNote(sc.Side, code, row.Title, detail)
	if unknown {
		sc.Action = ActionReview
	}
	return sc, nil
}
