package cutoffs

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// A Resolver answers "which window does this transaction go into" for one
// validated Schedule. It is immutable and safe for concurrent use; Resolve
// does not allocate.
type Resolver struct {
	sched Schedule
	*compiled
}

// New validates s (see Schedule.Validate) and returns its Resolver.
func New(s Schedule) (*Resolver, error) {
	c, err := s.compile()
	if err != nil {
		return nil, err
	}
	s.Windows = slices.Clone(s.Windows)
	s.Closed = slices.Clone(s.Closed)
	s.Open = slices.Clone(s.Open)
	return &Resolver{sched: s, compiled: c}, nil
}

var defaultResolver = sync.OnceValue(func() *Resolver {
	r, err := New(DefaultSchedule())
	if err != nil {
		panic(err) // unreachable: DefaultSchedule is valid (tested)
	}
	return r
})

// Default returns the Resolver of DefaultSchedule, built once and shared.
func Default() *Resolver { return defaultResolver() }

// Schedule returns the Schedule r was built from.
func (r *Resolver) Schedule() Schedule {
	s := r.sched
	s.Windows = slices.Clone(s.Windows)
	s.Closed = slices.Clone(s.Closed)
	s.Open = slices.Clone(s.Open)
	return s
}

// Calendar returns the banking-day calendar of the schedule (the Fed
// calendar with the schedule's ad-hoc closures and openings).
func (r *Resolver) Calendar() *Calendar { return r.cal }

// Location returns the schedule's zone.
func (r *Resolver) Location() *time.Location { return r.loc }

// DateOf returns the platform date of t: its date in the schedule's zone.
func (r *Resolver) DateOf(t time.Time) Date { return DateOf(t.In(r.loc)) }

// A Request describes a transaction to place in a window.
type Request struct {
	Rail Rail
	// Speed is the requested ACH speed; empty means NextDay. It must be
	// empty for every other rail.
	Speed Speed
	// At is the eligibility instant: when railyard accepted the
	// transaction. Any location; it is read in the schedule's zone.
	At time.Time
	// ProcessOn, when set and after At's platform date, defers the
	// transaction. For ACH it is the wanted Effective Entry Date: the
	// entry is held and released into the next-day batch of the last
	// banking day before it (never same day). For other rails it is the
	// day to process on: the first window of that day, or of the next
	// banking day. A ProcessOn on or before At's date changes nothing.
	ProcessOn Date
	// AmountCents is the entry's amount; 0 means unknown. ACH entries over
	// the schedule's same-day limit go next day.
	AmountCents int64
	// SEC is the ACH Standard Entry Class code, if known. IAT and ENR
	// entries never go same day.
	SEC string
}

// A Fallback says why a same-day ACH request does not settle same day.
type Fallback string

// Fallbacks. FallbackLate keeps same-day pricing (seed 002: "Same-Day
// pricing will still apply"); for the others pricing is the product's
// decision.
const (
	FallbackNone       Fallback = ""
	FallbackLate       Fallback = "late"        // after the last same-day cutoff: next-day batch of the same day
	FallbackAmount     Fallback = "amount"      // over the same-day limit
	FallbackSEC        Fallback = "sec"         // IAT or ENR
	FallbackFutureDate Fallback = "future_date" // ProcessOn in the future
)

// A Result is where a transaction goes. Dates are banking days of the
// schedule's calendar; Cutoff is in the schedule's zone.
type Result struct {
	Rail Rail
	// Speed is the requested ACH speed, which decides pricing: a late
	// same-day entry keeps SameDay here while it goes in a next-day batch.
	// Empty for other rails.
	Speed Speed
	// RealTime is true for rails with no cutoff (Internal, Card): they
	// settle in near real time (up to 30 minutes), and every other field
	// but Rail is zero.
	RealTime bool
	// WindowName is the name of the window, when the schedule names it.
	WindowName string
	// Cutoff is the instant the window is cut; At ≤ Cutoff.
	Cutoff time.Time
	// BatchDate is the platform date of Cutoff: the day the batch is sent
	// (wires sent, checks printed, RDC deposits counted).
	BatchDate Date
	// EffectiveDate is the Effective Entry Date of ACH entries; for the
	// other rails it is BatchDate.
	EffectiveDate Date
	// SettlementDate is the expected settlement date; zero for checks,
	// whose settlement depends on the payee's bank. For RDC it is
	// AvailableDate.
	SettlementDate Date
	// AvailableDate is, for RDC, the day the credit becomes available:
	// the schedule's hold (6 banking days) after BatchDate.
	AvailableDate Date
	// SameDay reports whether the transaction settles on BatchDate: an ACH
	// same-day window, or a wire, SWIFT or RPPS window.
	SameDay bool
	// Fallback says why a same-day ACH request does not go same day.
	Fallback Fallback
}

// WindowID returns the window's id: "<rail>-<speed>-<date>" for ACH
// ("ach-same-day-2026-11-25", "ach-next-day-2026-11-25") and
// "<rail>-<date>" for the other rails ("wire-2026-11-25"). A named window
// has its name before the date: "ach-same-day-sd2-2026-11-25". The id is
// unique per batch; "" for real-time rails.
func (r Result) WindowID() string {
	if r.RealTime || r.BatchDate.IsZero() {
		return ""
	}
	b := make([]byte, 0, 40)
	b = append(b, r.Rail...)
	b = append(b, '-')
	if r.Rail == ACH {
		sp := NextDay
		if r.SameDay {
			sp = SameDay
		}
		b = append(b, sp.idPart()...)
		b = append(b, '-')
	}
	if r.WindowName != "" {
		b = append(b, r.WindowName...)
		b = append(b, '-')
	}
	return string(r.BatchDate.AppendFormat(b))
}

// Resolve places a transaction in its window, following the rules of the
// package documentation. It returns an error for an unknown rail or
// speed, a speed on a rail other than ACH, a zero At, an At or ProcessOn
// outside 1990–2100, an invalid ProcessOn, or a negative amount.
func (r *Resolver) Resolve(req Request) (Result, error) {
	ri := req.Rail.index()
	if ri < 0 {
		return Result{}, fmt.Errorf("%w %q", ErrUnknownRail, req.Rail)
	}
	if req.Rail != ACH && req.Speed != "" {
		return Result{}, fmt.Errorf("%w (%s with speed %q)", ErrSpeedNotACH, req.Rail, req.Speed)
	}
	if req.Speed != "" && req.Speed != SameDay && req.Speed != NextDay {
		return Result{}, fmt.Errorf("%w %q", ErrUnknownSpeed, req.Speed)
	}
	if req.At.IsZero() {
		return Result{}, ErrNoTime
	}
	if req.AmountCents < 0 {
		return Result{}, fmt.Errorf("%w: %d cents", ErrNegativeAmount, req.AmountCents)
	}
	d := r.DateOf(req.At)
	if d.Year < MinYear || d.Year > MaxYear {
		return Result{}, fmt.Errorf("%w: %s", ErrOutOfRange, d)
	}
	if !req.ProcessOn.IsZero() {
		if !req.ProcessOn.IsValid() {
			return Result{}, fmt.Errorf("%w: process-on %s", ErrInvalidDate, req.ProcessOn)
		}
		if y := req.ProcessOn.Year; y < MinYear || y > MaxYear {
			return Result{}, fmt.Errorf("%w: process-on %s", ErrOutOfRange, req.ProcessOn)
		}
	}
	res := Result{Rail: req.Rail}
	if !req.Rail.HasCutoff() {
		res.RealTime = true
		return res, nil
	}
	future := !req.ProcessOn.IsZero() && req.ProcessOn.After(d)
	if req.Rail != ACH {
		g := r.groups[ri][0]
		b, w, cut := r.pick(g, d, req.At)
		if future {
			if p := r.cal.BankingDayOnOrAfter(req.ProcessOn); p.After(b) {
				b = p
				w, cut = earliest(g, p)
			}
		}
		res.setWindow(g[w], b, cut, r.loc)
		res.EffectiveDate = b
		switch req.Rail {
		case Wire, SWIFT, RPPS:
			res.SettlementDate, res.SameDay = b, true
		case RDC:
			res.AvailableDate = r.cal.AddBankingDays(b, r.rdcHold)
			res.SettlementDate = res.AvailableDate
		}
		return res, nil
	}

	// ACH.
	res.Speed = req.Speed
	if res.Speed == "" {
		res.Speed = NextDay
	}
	if res.Speed == SameDay {
		switch {
		case req.AmountCents > r.sameDayLimit:
			res.Fallback = FallbackAmount
		case strings.EqualFold(req.SEC, "IAT") || strings.EqualFold(req.SEC, "ENR"):
			res.Fallback = FallbackSEC
		case future:
			res.Fallback = FallbackFutureDate
		}
	}
	sd, nd := r.groups[ri][SameDay.index()], r.groups[ri][NextDay.index()]
	if res.Speed == SameDay && res.Fallback == FallbackNone {
		if r.cal.IsBankingDay(d) {
			if w, cut, ok := earliestAfter(sd, d, req.At); ok {
				res.setWindow(sd[w], d, cut, r.loc)
				res.EffectiveDate, res.SettlementDate, res.SameDay = d, d, true
				return res, nil
			}
			if w, cut, ok := earliestAfter(nd, d, req.At); ok {
				res.setWindow(nd[w], d, cut, r.loc)
				res.EffectiveDate = r.cal.NextBankingDay(d)
				res.SettlementDate = res.EffectiveDate
				res.Fallback = FallbackLate
				return res, nil
			}
		}
		b := r.cal.NextBankingDay(d)
		w, cut := earliest(sd, b)
		res.setWindow(sd[w], b, cut, r.loc)
		res.EffectiveDate, res.SettlementDate, res.SameDay = b, b, true
		return res, nil
	}
	b, w, cut := r.pick(nd, d, req.At)
	eed := r.cal.NextBankingDay(b)
	if future {
		want := r.cal.BankingDayOnOrAfter(req.ProcessOn)
		if pb := r.cal.PreviousBankingDay(want); pb.After(b) {
			b, eed = pb, want
			w, cut = earliest(nd, pb)
		}
	}
	res.setWindow(nd[w], b, cut, r.loc)
	res.EffectiveDate, res.SettlementDate = eed, eed
	return res, nil
}

func (res *Result) setWindow(w cwindow, b Date, cut time.Time, loc *time.Location) {
	res.WindowName = w.name
	res.BatchDate = b
	res.Cutoff = cut.In(loc)
}

// pick returns the window of g that takes a transaction arriving at t on
// platform date d: the earliest of d whose cutoff is at or after t when d
// is a banking day, else the first of the next banking day.
func (r *Resolver) pick(g []cwindow, d Date, t time.Time) (Date, int, time.Time) {
	if r.cal.IsBankingDay(d) {
		if w, cut, ok := earliestAfter(g, d, t); ok {
			return d, w, cut
		}
	}
	b := r.cal.NextBankingDay(d)
	w, cut := earliest(g, b)
	return b, w, cut
}

// earliestAfter returns the window of g with the earliest cutoff on d that
// is at or after t.
func earliestAfter(g []cwindow, d Date, t time.Time) (int, time.Time, bool) {
	best, bestCut := -1, time.Time{}
	for i, w := range g {
		cut := d.At(w.hour, w.min, w.loc)
		if cut.Before(t) {
			continue
		}
		if best < 0 || cut.Before(bestCut) {
			best, bestCut = i, cut
		}
	}
	return best, bestCut, best >= 0
}

// earliest returns the first window of g on d (g is never empty in a
// valid schedule).
func earliest(g []cwindow, d Date) (int, time.Time) {
	w, cut, _ := earliestAfter(g, d, time.Time{})
	return w, cut
}
