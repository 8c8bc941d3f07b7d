// Package cutoffs turns a timestamp into a batch window: which window a
// transaction goes into, when that window is cut, the Effective Entry
// Date, the expected settlement date and, for remote deposits, the day the
// funds become available. It also holds the Federal Reserve banking-day
// calendar and the return deadlines computed from it. It uses the
// standard library only and embeds the time zone database, so it works in
// a bare container.
//
// # Banking days
//
// A banking day is a Monday to Friday on which the Reserve Banks are open.
// They close for eleven holidays: New Year's Day (Jan 1), Martin Luther
// King Jr.'s Birthday (3rd Monday of January), Washington's Birthday (3rd
// Monday of February), Memorial Day (last Monday of May), Juneteenth (June
// 19, from 2022), Independence Day (July 4), Labor Day (1st Monday of
// September), Columbus Day (2nd Monday of October), Veterans Day (Nov 11),
// Thanksgiving (4th Thursday of November) and Christmas (Dec 25). A
// holiday on a Sunday closes the Monday after; a holiday on a Saturday
// closes nothing (the Friday before stays open). Ad-hoc closures and
// openings come from configuration (Schedule.Closed, Schedule.Open).
//
//	2026 closed (10): 01-01 01-19 02-16 05-25 06-19 09-07 10-12 11-11 11-26 12-25
//	2027 closed (9):  01-01 01-18 02-15 05-31 07-05 09-06 10-11 11-11 11-25
//	open Fridays:     2026-07-03, 2027-06-18, 2027-12-24, 2027-12-31
//
// The calendar is precomputed for 1990–2100 (MinYear, MaxYear); dates
// outside follow the same rules, computed on each call. Calendar
// arithmetic works on Date, a civil date with no zone:
//
//	AddBankingDays(d, n)  step one day at a time, count banking days only,
//	                      until n are counted; d itself never counts
//	NextBankingDay(d)     AddBankingDays(d, 1): strictly after d
//	BankingDayOnOrAfter   d if a banking day, else NextBankingDay(d)
//
//	NextBankingDay(Wed 2026-11-25)    = Fri 2026-11-27 (Thanksgiving)
//	AddBankingDays(Thu 2026-12-24, 6) = Tue 2027-01-05
//
// # Platform date and cutoffs
//
// A Schedule has one time zone (America/Los_Angeles by default, with
// daylight-saving time). The platform date of an instant is its date in
// that zone; the host's zone (time.Local) is never used. A window may give
// its cutoff in another zone (FedACH's deadlines are Eastern) as long as
// the cutoff falls on the same platform date. A transaction
// arriving at instant t is in a window when t is at or before the cutoff
// instant HH:MM:00.000: 11:00:00 is in the 11:00 window, 11:00:01 is
// late. Nothing is cut on a non-banking day: a transaction arriving on a
// weekend or holiday goes into the first window of the next banking day.
//
// The default schedule (DefaultSchedule; the platform's documented one):
//
//	rail   window            cutoff (PT)  effective date   settles
//	ach    same_day          11:00        batch date        batch date
//	ach    next_day          15:00        next banking day  next banking day
//	rpps                     13:00        batch date        batch date
//	wire   (Fedwire)         12:00        batch date        batch date
//	swift  (WIRE-INT)        09:00        batch date        batch date
//	check  (printed daily)   15:00        batch date        payee's bank decides
//	rdc                      15:00        deposit day       deposit day + 6 banking days
//	internal, card           no cutoff: near real time (up to 30 minutes)
//
// A Schedule is configuration: a bank's own windows, several same-day
// windows (the FedACH 10:30, 14:45 and 16:45 ET deadlines, each named),
// another zone, another same-day limit or RDC hold. Schedule.Override
// layers a partial Schedule over the default, rail by rail and speed by
// speed, and Schedule.Validate names the field of every problem.
//
// # Resolving a window
//
// For a transaction arriving at t on platform date d, for a rail with one
// speed (rpps, wire, swift, check, rdc) the batch date b is d when d is a
// banking day and a window of d is still open, else the next banking day;
// the window is the earliest one of b whose cutoff is at or after t.
//
// ACH next-day: the batch date b is chosen the same way from the next-day
// windows; the Effective Entry Date and the settlement date are the
// banking day after b.
//
// ACH same-day, when eligible: the earliest same-day window of d still
// open; else, late, the next-day batch of d, keeping the same-day speed
// for pricing (Fallback "late"); else the first same-day window of the
// next banking day. Same-day is refused — the entry goes next day — when
// the amount is over the same-day limit ($1,000,000.00 per entry; Fallback
// "amount"), for IAT and ENR entries ("sec"), and when the wanted
// effective date is in the future ("future_date").
//
// A future-dated ACH entry (Request.ProcessOn after d) is held and
// released into the next-day batch of the last banking day before the
// wanted date, so the Effective Entry Date is the wanted date (moved to
// the next banking day if it is not one). It is never sent more than one
// banking day early, so the rule is safe for debits and credits alike.
// When that batch has already been cut, the entry goes in the next open
// one and its effective date is later than wanted.
//
// Worked examples with the default schedule (PT):
//
//	Fri 2026-03-06 11:00:00  ach same_day  ach-same-day-2026-03-06, effective 03-06 (at the cutoff: in)
//	Fri 2026-03-06 11:00:01  ach same_day  ach-next-day-2026-03-06, effective Mon 03-09, late
//	Fri 2026-03-06 15:00:01  ach same_day  ach-same-day-2026-03-09, effective Mon 03-09
//	Sat 2026-07-04 10:00     ach same_day  ach-same-day-2026-07-06
//	Wed 2026-11-25 16:00     ach next_day  ach-next-day-2026-11-27, effective Mon 11-30
//	Wed 2026-11-25 12:00:01  wire          wire-2026-11-27 (Thanksgiving closed)
//	Tue 2026-11-24 15:00:01  rdc           rdc-2026-11-25, available Fri 12-04
//
// Window ids are unique per batch and stable: "<rail>-<speed>-<date>" for
// ACH (ach-same-day-2026-11-25, ach-next-day-2026-11-25) and
// "<rail>-<date>" for the other rails (wire-2026-11-25). When a rail and
// speed have several windows, each has a name, which goes before the
// date: ach-same-day-sd2-2026-11-25.
//
// # Deadlines
//
// Return windows and the other deadlines of the Nacha Rules are calendar
// math on a Calendar: ReturnDeadline (2 banking days, or the banking day
// after S + 60 calendar days), LateReturn (the platform's late-return
// test, with its 3-banking-day tolerance), DishonorDeadline,
// ContestDeadline, NOCDeadline, NOCApplyDeadline, RefusedNOCDeadline,
// ReversalDeadline, ReinitiationDeadline and the RDC hold.
package cutoffs

import _ "time/tzdata" // a bare container has no zoneinfo
