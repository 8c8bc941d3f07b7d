package cutoffs

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// The years the calendar is built for. Dates outside them follow the same
// rules, computed on each call (slower), but the rules are not the Fed's
// history before 1990 and nobody knows its future after 2100; Resolve
// refuses instants outside this range.
const (
	MinYear = 1990
	MaxYear = 2100
)

var (
	firstDay = Date{MinYear, time.January, 1}.days()
	lastDay  = Date{MaxYear, time.December, 31}.days()
)

// A Holiday is one of the eleven Federal Reserve holidays of a year.
type Holiday struct {
	Name string
	// Date is the holiday itself (for Juneteenth, June 19).
	Date Date
	// Observed is the weekday the Reserve Banks close for it: Date itself
	// on a weekday, the Monday after when Date is a Sunday, and the zero
	// Date when Date is a Saturday (the Reserve Banks stay open on the
	// Friday before; only the Board of Governors closes).
	Observed Date
}

// Holidays returns the Federal Reserve holidays of year in calendar order,
// computed from the rules: New Year's Day (January 1), Birthday of Martin
// Luther King, Jr. (third Monday of January), Washington's Birthday (third
// Monday of February), Memorial Day (last Monday of May), Juneteenth
// National Independence Day (June 19, from 2022), Independence Day (July
// 4), Labor Day (first Monday of September), Columbus Day (second Monday of
// October), Veterans Day (November 11), Thanksgiving Day (fourth Thursday
// of November) and Christmas Day (December 25).
func Holidays(year int) []Holiday {
	hs, n := fedHolidays(year)
	return slices.Clone(hs[:n])
}

// fedHolidays is Holidays without allocating.
func fedHolidays(y int) (hs [11]Holiday, n int) {
	add := func(name string, d Date) {
		obs := d
		switch d.Weekday() {
		case time.Saturday:
			obs = Date{}
		case time.Sunday:
			obs = d.AddDays(1)
		}
		hs[n] = Holiday{name, d, obs}
		n++
	}
	add("New Year's Day", Date{y, time.January, 1})
	add("Birthday of Martin Luther King, Jr.", nthWeekday(y, time.January, time.Monday, 3))
	add("Washington's Birthday", nthWeekday(y, time.February, time.Monday, 3))
	add("Memorial Day", lastWeekday(y, time.May, time.Monday))
	if y >= 2022 {
		add("Juneteenth National Independence Day", Date{y, time.June, 19})
	}
	add("Independence Day", Date{y, time.July, 4})
	add("Labor Day", nthWeekday(y, time.September, time.Monday, 1))
	add("Columbus Day", nthWeekday(y, time.October, time.Monday, 2))
	add("Veterans Day", Date{y, time.November, 11})
	add("Thanksgiving Day", nthWeekday(y, time.November, time.Thursday, 4))
	add("Christmas Day", Date{y, time.December, 25})
	return hs, n
}

// nthWeekday returns the n-th (1-based) wd of month m of year y.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) Date {
	first := Date{y, m, 1}
	off := (int(wd) - int(first.Weekday()) + 7) % 7
	return Date{y, m, 1 + off + 7*(n-1)}
}

// lastWeekday returns the last wd of month m of year y.
func lastWeekday(y int, m time.Month, wd time.Weekday) Date {
	last := Date{y, m, daysIn(y, m)}
	off := (int(last.Weekday()) - int(wd) + 7) % 7
	return Date{y, m, last.Day - off}
}

// ruleClosed reports whether the Fed rules alone close the weekday z: it
// is the observed day of a holiday.
func ruleClosed(z int) bool {
	d := dateOfDays(z)
	hs, n := fedHolidays(d.Year)
	for _, h := range hs[:n] {
		if h.Observed == d {
			return true
		}
	}
	return false
}

func isWeekend(z int) bool {
	wd := weekdayOf(z)
	return wd == time.Saturday || wd == time.Sunday
}

// A Calendar is the Federal Reserve banking-day calendar: Monday to
// Friday, less the observed Fed holidays (see Holidays), less ad-hoc
// closures, plus ad-hoc openings. It is immutable and safe for concurrent
// use. Banking-day queries for 1990–2100 read a precomputed bit table and
// do not allocate.
type Calendar struct {
	open   []uint64 // bit z-firstDay: day z is a banking day
	closed []Date   // ad-hoc closures, sorted
	opened []Date   // ad-hoc openings, sorted
}

var fedCalendar = sync.OnceValue(func() *Calendar {
	c, err := NewCalendar(nil, nil)
	if err != nil {
		panic(err) // unreachable: no overrides
	}
	return c
})

// FedCalendar returns the calendar of the Fed rules with no overrides. It
// is built once, on first use, and shared.
func FedCalendar() *Calendar { return fedCalendar() }

// NewCalendar returns the Fed calendar with ad-hoc overrides: closed adds
// closures (a national day of mourning), opened removes holiday closures.
// Each date must be a valid weekday; a closure must not already be a Fed
// holiday, an opening must be one, and no date may be in both lists.
func NewCalendar(closed, opened []Date) (*Calendar, error) {
	for _, d := range closed {
		if p := overrideProblem(d, true); p != "" {
			return nil, fmt.Errorf("%w %s: %s", ErrInvalidDate, d, p)
		}
	}
	for _, d := range opened {
		if p := overrideProblem(d, false); p != "" {
			return nil, fmt.Errorf("%w %s: %s", ErrInvalidDate, d, p)
		}
	}
	c := &Calendar{
		open:   make([]uint64, (lastDay-firstDay)/64+1),
		closed: slices.Clone(closed),
		opened: slices.Clone(opened),
	}
	slices.SortFunc(c.closed, Date.Compare)
	slices.SortFunc(c.opened, Date.Compare)
	for z := firstDay; z <= lastDay; z++ {
		if !isWeekend(z) {
			c.setOpen(z, true)
		}
	}
	for y := MinYear; y <= MaxYear; y++ {
		hs, n := fedHolidays(y)
		for _, h := range hs[:n] {
			if !h.Observed.IsZero() {
				c.setOpen(h.Observed.days(), false)
			}
		}
	}
	for _, d := range c.closed {
		c.setOpen(d.days(), false)
	}
	for _, d := range c.opened {
		c.setOpen(d.days(), true)
	}
	return c, nil
}

// overrideProblem says what is wrong with an ad-hoc closure (close) or
// opening (!close), or returns "". A date cannot pass as both.
func overrideProblem(d Date, close bool) string {
	if !d.IsValid() {
		return "not a valid date"
	}
	z := d.days()
	switch rc := ruleClosed(z); {
	case isWeekend(z):
		return fmt.Sprintf("a %s: weekends are always closed", d.Weekday())
	case close && rc:
		return "already a Fed holiday"
	case !close && !rc:
		return "not a Fed holiday: nothing to open"
	}
	return ""
}

func (c *Calendar) setOpen(z int, open bool) {
	if z < firstDay || z > lastDay {
		return
	}
	i := z - firstDay
	if open {
		c.open[i/64] |= 1 << (i % 64)
	} else {
		c.open[i/64] &^= 1 << (i % 64)
	}
}

// isOpen reports whether day number z is a banking day.
func (c *Calendar) isOpen(z int) bool {
	if z >= firstDay && z <= lastDay {
		i := z - firstDay
		return c.open[i/64]&(1<<(i%64)) != 0
	}
	// Outside the table: the same rules, computed.
	if isWeekend(z) {
		return false
	}
	d := dateOfDays(z)
	if _, ok := slices.BinarySearchFunc(c.closed, d, Date.Compare); ok {
		return false
	}
	if _, ok := slices.BinarySearchFunc(c.opened, d, Date.Compare); ok {
		return true
	}
	return !ruleClosed(z)
}

// IsBankingDay reports whether d is a banking day: a Monday to Friday on
// which the Reserve Banks are open.
func (c *Calendar) IsBankingDay(d Date) bool { return c.isOpen(d.days()) }

// AddBankingDays steps from d one calendar day at a time, counting only
// banking days, and returns the day on which the n-th is counted; d itself
// is never counted. A negative n steps backwards: AddBankingDays(d, -1) is
// the last banking day before d. n == 0 returns d, banking day or not.
func (c *Calendar) AddBankingDays(d Date, n int) Date {
	z := d.days()
	for n > 0 {
		z++
		if c.isOpen(z) {
			n--
		}
	}
	for n < 0 {
		z--
		if c.isOpen(z) {
			n++
		}
	}
	return dateOfDays(z)
}

// NextBankingDay returns the first banking day strictly after d.
func (c *Calendar) NextBankingDay(d Date) Date { return c.AddBankingDays(d, 1) }

// PreviousBankingDay returns the last banking day strictly before d.
func (c *Calendar) PreviousBankingDay(d Date) Date { return c.AddBankingDays(d, -1) }

// BankingDayOnOrAfter returns d if it is a banking day, else the next one.
func (c *Calendar) BankingDayOnOrAfter(d Date) Date {
	if c.IsBankingDay(d) {
		return d
	}
	return c.NextBankingDay(d)
}

// BankingDayOnOrBefore returns d if it is a banking day, else the previous
// one.
func (c *Calendar) BankingDayOnOrBefore(d Date) Date {
	if c.IsBankingDay(d) {
		return d
	}
	return c.PreviousBankingDay(d)
}

// Closed returns the weekdays of year on which the Reserve Banks are
// closed, in order: the observed Fed holidays and the ad-hoc closures,
// less the ad-hoc openings. Weekends are not listed; they are always
// closed.
func (c *Calendar) Closed(year int) []Date {
	var out []Date
	for z, end := (Date{year, time.January, 1}).days(), (Date{year, time.December, 31}).days(); z <= end; z++ {
		if !isWeekend(z) && !c.isOpen(z) {
			out = append(out, dateOfDays(z))
		}
	}
	return out
}
