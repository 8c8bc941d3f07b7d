package cutoffs

// Deadlines of returns, dishonors, NOCs and the like, as calendar math on
// a Calendar (spec cutoffs.md §7). S is the original entry's Settlement
// Date; a deadline day itself is on time.

// A ReturnWindow is the time frame of an ACH return reason code; which
// code has which is the returns package's business.
type ReturnWindow int

// Return time frames.
const (
	// Return2BD: the ODFI must have the return by opening of business on
	// the 2nd banking day after S (most codes; R29 too).
	Return2BD ReturnWindow = iota + 1
	// Return60CD: the extended return (unauthorized consumer debits): by
	// opening of business on the banking day after S + 60 calendar days.
	Return60CD
)

// ReturnDeadline returns the network's deadline of a return of an entry
// that settled on s: AddBankingDays(s, 2) for Return2BD,
// ExtendedReturnDeadline(s) for Return60CD, and the zero Date for any
// other value.
func (c *Calendar) ReturnDeadline(s Date, w ReturnWindow) Date {
	switch w {
	case Return2BD:
		return c.AddBankingDays(s, 2)
	case Return60CD:
		return c.ExtendedReturnDeadline(s)
	}
	return Date{}
}

// ExtendedReturnDeadline returns the 60-calendar-day deadline: the first
// banking day strictly after s + 60 calendar days.
func (c *Calendar) ExtendedReturnDeadline(s Date) Date {
	return c.NextBankingDay(s.AddDays(60))
}

// PlatformReturnTolerance is the platform's window for Administrative and
// Other returns, "within 3 business days of settlement" (seed 002): a
// tolerance on top of the network's 2 banking days.
const PlatformReturnTolerance = 3

// LatenessDeadline returns the day after which the platform treats a
// return as late: AddBankingDays(s, 3) for Return2BD (the network's 2
// banking days plus the platform's tolerance) and the network deadline
// for Return60CD.
func (c *Calendar) LatenessDeadline(s Date, w ReturnWindow) Date {
	if w == Return2BD {
		return c.AddBankingDays(s, PlatformReturnTolerance)
	}
	return c.ReturnDeadline(s, w)
}

// Lateness is the platform's verdict on when a return arrived.
type Lateness int

// Verdicts of LateReturn.
const (
	// ReturnTimely: received on or before the lateness deadline; honor it.
	ReturnTimely Lateness = iota
	// ReturnLate: a 2-BD code received after its deadline but not after
	// the 60-day boundary. Honor it, flag it late_return, and allow a
	// dishonor by hand until DishonorDeadline of the return.
	ReturnLate
	// ReturnTooLate: received after the 60-day boundary (or after the
	// deadline of a 60-CD code). Reject it automatically: dishonor (R68)
	// if still within DishonorDeadline of the return.
	ReturnTooLate
)

func (l Lateness) String() string {
	switch l {
	case ReturnTimely:
		return "timely"
	case ReturnLate:
		return "late"
	case ReturnTooLate:
		return "too_late"
	}
	return "Lateness(?)"
}

// LateReturn is the platform's late-return test (returns.md §4.2): a
// return of an entry that settled on s, with time frame w, received on
// received. A return received on a non-banking day counts as received on
// the next banking day. ReturnTimely when it is not late.
func (c *Calendar) LateReturn(s, received Date, w ReturnWindow) Lateness {
	r := c.BankingDayOnOrAfter(received)
	if !r.After(c.LatenessDeadline(s, w)) {
		return ReturnTimely
	}
	if w == Return2BD && !r.After(c.ExtendedReturnDeadline(s)) {
		return ReturnLate
	}
	return ReturnTooLate
}

// DishonorDeadline returns the last day to dishonor a return that settled
// on returnSettlement: 5 banking days after it.
func (c *Calendar) DishonorDeadline(returnSettlement Date) Date {
	return c.AddBankingDays(returnSettlement, 5)
}

// ContestDeadline returns the last day to contest a dishonored return (or
// send a corrected return, R74) that settled on dishonorSettlement: 2
// banking days after it.
func (c *Calendar) ContestDeadline(dishonorSettlement Date) Date {
	return c.AddBankingDays(dishonorSettlement, 2)
}

// NOCDeadline returns the RDFI's deadline to send a notification of
// change for an entry that settled on s: 2 banking days after it.
func (c *Calendar) NOCDeadline(s Date) Date { return c.AddBankingDays(s, 2) }

// NOCApplyDeadline returns the day by which the originator must apply a
// NOC received on received: 6 banking days after it (or the next entry,
// whichever is later; the caller knows the next entry).
func (c *Calendar) NOCApplyDeadline(received Date) Date { return c.AddBankingDays(received, 6) }

// ReversalDeadline returns the day by which a reversal of an erroneous
// entry that settled on s must be available to the RDFI: 5 banking days
// after s (and within 24 hours of discovering the error).
func (c *Calendar) ReversalDeadline(s Date) Date { return c.AddBankingDays(s, 5) }

// PrenoteWaitEnd returns the first day a live entry may follow a prenote
// that settled on s, if no return or NOC came in: 3 banking days after s.
func (c *Calendar) PrenoteWaitEnd(s Date) Date { return c.AddBankingDays(s, 3) }

// RDCAvailableDate returns the day an RDC credit deposited on depositDay
// becomes available after a hold of holdDays banking days (the platform's
// default is DefaultRDCHoldDays).
func (c *Calendar) RDCAvailableDate(depositDay Date, holdDays int) Date {
	return c.AddBankingDays(depositDay, holdDays)
}

// RDCNSFWindowEnd returns the last day NSF returns (CHR01) of a deposit
// made on depositDay usually arrive: 3 banking days after it.
func (c *Calendar) RDCNSFWindowEnd(depositDay Date) Date { return c.AddBankingDays(depositDay, 3) }

// Deadlines counted in calendar days; they need no calendar.

// RefusedNOCDeadline returns the last day to refuse a NOC received on
// received: 15 calendar days after it.
func RefusedNOCDeadline(received Date) Date { return received.AddDays(15) }

// ReinitiationDeadline returns the last day to reinitiate an entry (after
// R01 or R09, for example) that settled on s: 180 calendar days after it.
func ReinitiationDeadline(s Date) Date { return s.AddDays(180) }

// CorrectedEntryDeadline returns the last day to send a corrected new
// entry after an R11 return that settled on returnSettlement: 60 calendar
// days after it.
func CorrectedEntryDeadline(returnSettlement Date) Date { return returnSettlement.AddDays(60) }

// RDCReturnDeadline returns the last day a deposited check that settled on
// s may be returned, other than for forgery (CHR25, no limit): 60 calendar
// days after it.
func RDCReturnDeadline(s Date) Date { return s.AddDays(60) }
