package cutoffs

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// d parses "YYYY-MM-DD" or fails the test.
func d(t testing.TB, s string) Date {
	t.Helper()
	v, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// dates parses a list of dates.
func dates(t testing.TB, ss ...string) []Date {
	t.Helper()
	out := make([]Date, len(ss))
	for i, s := range ss {
		out[i] = d(t, s)
	}
	return out
}

func TestDateRoundTrip(t *testing.T) {
	// Date arithmetic agrees with the time package (which knows nothing of
	// our algorithm) for every day of 1900-2200.
	tm := time.Date(1900, 1, 1, 12, 0, 0, 0, time.UTC)
	start := DateOf(tm)
	for i := 0; tm.Year() <= 2200; i++ {
		want := DateOf(tm)
		if got := start.AddDays(i); got != want {
			t.Fatalf("AddDays(%d) = %s, want %s", i, got, want)
		}
		if got := want.Weekday(); got != tm.Weekday() {
			t.Fatalf("%s: Weekday = %s, want %s", want, got, tm.Weekday())
		}
		if got := want.Sub(start); got != i {
			t.Fatalf("%s: Sub = %d, want %d", want, got, i)
		}
		if s := want.String(); s != tm.Format("2006-01-02") {
			t.Fatalf("String = %q, want %q", s, tm.Format("2006-01-02"))
		}
		tm = tm.AddDate(0, 0, 1)
	}
}

func TestParseDate(t *testing.T) {
	for _, bad := range []string{"", "2026-1-01", "2026/01/01", "2026-13-01", "2026-02-29", "2026-00-10", "20260101", "abcd-ef-gh"} {
		if _, err := ParseDate(bad); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseDate(%q) error = %v, want ErrInvalidDate", bad, err)
		}
	}
	if got := d(t, "2028-02-29"); got != (Date{2028, time.February, 29}) {
		t.Errorf("ParseDate(2028-02-29) = %v", got)
	}
	var x Date
	if err := x.UnmarshalText([]byte("2026-11-25")); err != nil || x != (Date{2026, 11, 25}) {
		t.Errorf("UnmarshalText = %v, %v", x, err)
	}
	if b, _ := x.MarshalText(); string(b) != "2026-11-25" {
		t.Errorf("MarshalText = %q", b)
	}
	if b, _ := (Date{}).MarshalText(); len(b) != 0 {
		t.Errorf("zero MarshalText = %q, want empty", b)
	}
}

// fedClosed is the Fed's published list of weekday closures (K.8) for
// 2026 and 2027, and for 2021-2025 and 2028 the same lists worked out by
// hand from the rules (not by the code under test).
var fedClosed = map[int][]string{
	2021: {"2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-07-05", "2021-09-06", "2021-10-11", "2021-11-11", "2021-11-25"},
	2022: {"2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-10-10", "2022-11-11", "2022-11-24", "2022-12-26"},
	2023: {"2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-10-09", "2023-11-23", "2023-12-25"},
	2024: {"2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25"},
	2025: {"2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"},
	2026: {"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"},
	2027: {"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-07-05", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25"},
	2028: {"2028-01-17", "2028-02-21", "2028-05-29", "2028-06-19", "2028-07-04", "2028-09-04", "2028-10-09", "2028-11-23", "2028-12-25"},
}

func TestClosed(t *testing.T) {
	c := FedCalendar()
	for year, want := range fedClosed {
		got := c.Closed(year)
		if !slices.Equal(got, dates(t, want...)) {
			t.Errorf("Closed(%d) =\n %v\nwant\n %v", year, got, want)
		}
	}
	if n := len(c.Closed(2026)); n != 10 {
		t.Errorf("2026 has %d closures, want 10", n)
	}
	if n := len(c.Closed(2027)); n != 9 {
		t.Errorf("2027 has %d closures, want 9", n)
	}
}

func TestBankingDaysPerYear(t *testing.T) {
	c := FedCalendar()
	for year, want := range map[int]int{2026: 251, 2027: 252} {
		n := 0
		for x := (Date{year, 1, 1}); x.Year == year; x = x.AddDays(1) {
			if c.IsBankingDay(x) {
				n++
			}
		}
		if n != want {
			t.Errorf("%d has %d banking days, want %d", year, n, want)
		}
	}
}

// TestWeekendHolidayEdges: every Saturday and Sunday holiday of 2021-2028,
// worked out by hand. A Sunday holiday closes the Monday; a Saturday
// holiday leaves the Friday before open.
func TestWeekendHolidayEdges(t *testing.T) {
	c := FedCalendar()
	closedMondays := []string{"2021-07-05", "2022-06-20", "2022-12-26", "2023-01-02", "2027-07-05"}
	openFridays := []string{
		"2021-06-18", // Juneteenth 2021 (Sat) was not yet a Fed holiday either
		"2021-12-24", "2021-12-31", "2023-11-10", "2026-07-03",
		"2027-06-18", "2027-12-24", "2027-12-31", "2028-11-10",
	}
	for _, s := range closedMondays {
		x := d(t, s)
		if x.Weekday() != time.Monday || c.IsBankingDay(x) {
			t.Errorf("%s (%s): want a closed Monday", s, x.Weekday())
		}
		if !c.IsBankingDay(x.AddDays(1)) {
			t.Errorf("%s: the Tuesday after should be open", s)
		}
	}
	for _, s := range openFridays {
		x := d(t, s)
		if x.Weekday() != time.Friday || !c.IsBankingDay(x) {
			t.Errorf("%s (%s): want an open Friday", s, x.Weekday())
		}
		if !c.IsBankingDay(x.AddDays(3)) {
			t.Errorf("%s: the Monday after a Saturday holiday should be open", s)
		}
	}
	// Every weekday closure of 2021-2028 is in the hand lists above, and
	// nothing else is closed: the Monday/Friday edges are all there is.
	var edges []string
	for year := 2021; year <= 2028; year++ {
		for _, h := range Holidays(year) {
			switch h.Date.Weekday() {
			case time.Saturday:
				edges = append(edges, "sat "+h.Date.AddDays(-1).String())
			case time.Sunday:
				edges = append(edges, "sun "+h.Date.AddDays(1).String())
			}
		}
	}
	var want []string
	for _, s := range closedMondays {
		want = append(want, "sun "+s)
	}
	for _, s := range openFridays[1:] {
		want = append(want, "sat "+s)
	}
	slices.SortFunc(edges, func(a, b string) int { return strings.Compare(a[4:], b[4:]) })
	slices.SortFunc(want, func(a, b string) int { return strings.Compare(a[4:], b[4:]) })
	if !slices.Equal(edges, want) {
		t.Errorf("weekend holidays 2021-2028:\n got %v\nwant %v", edges, want)
	}
}

func TestJuneteenth(t *testing.T) {
	for year := MinYear; year <= 2021; year++ {
		for _, h := range Holidays(year) {
			if strings.Contains(h.Name, "Juneteenth") {
				t.Fatalf("%d has Juneteenth", year)
			}
		}
		if n := len(Holidays(year)); n != 10 {
			t.Fatalf("%d has %d holidays, want 10", year, n)
		}
	}
	if FedCalendar().IsBankingDay(d(t, "2022-06-20")) {
		t.Error("2022-06-20 (Juneteenth observed) should be closed")
	}
	if !FedCalendar().IsBankingDay(d(t, "2021-06-18")) {
		t.Error("2021-06-18 should be open (no Juneteenth before 2022)")
	}
	for year := 2022; year <= MaxYear; year++ {
		if n := len(Holidays(year)); n != 11 {
			t.Fatalf("%d has %d holidays, want 11", year, n)
		}
	}
}

// TestCalendarTable is the table of spec §6.3.
func TestCalendarTable(t *testing.T) {
	c := FedCalendar()
	tests := []struct{ in, next, add2, add3, add6 string }{
		{"2026-07-02", "2026-07-03", "2026-07-06", "2026-07-07", "2026-07-10"},
		{"2026-07-03", "2026-07-06", "2026-07-07", "2026-07-08", "2026-07-13"},
		{"2026-06-18", "2026-06-22", "2026-06-23", "2026-06-24", "2026-06-29"},
		{"2026-11-25", "2026-11-27", "2026-11-30", "2026-12-01", "2026-12-04"},
		{"2026-11-10", "2026-11-12", "2026-11-13", "2026-11-16", "2026-11-19"},
		{"2026-12-24", "2026-12-28", "2026-12-29", "2026-12-30", "2027-01-05"},
		{"2026-12-31", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-11"},
		{"2026-01-16", "2026-01-20", "2026-01-21", "2026-01-22", "2026-01-27"},
		{"2027-07-02", "2027-07-06", "2027-07-07", "2027-07-08", "2027-07-13"},
		{"2027-06-17", "2027-06-18", "2027-06-21", "2027-06-22", "2027-06-25"},
		{"2027-12-23", "2027-12-24", "2027-12-27", "2027-12-28", "2027-12-31"},
		{"2027-12-30", "2027-12-31", "2028-01-03", "2028-01-04", "2028-01-07"},
		{"2027-11-24", "2027-11-26", "2027-11-29", "2027-11-30", "2027-12-03"},
	}
	for _, tt := range tests {
		in := d(t, tt.in)
		for _, c2 := range []struct {
			name string
			got  Date
			want string
		}{
			{"NextBankingDay", c.NextBankingDay(in), tt.next},
			{"AddBankingDays(2)", c.AddBankingDays(in, 2), tt.add2},
			{"AddBankingDays(3)", c.AddBankingDays(in, 3), tt.add3},
			{"AddBankingDays(6)", c.AddBankingDays(in, 6), tt.add6},
			{"AddBankingDays(6) back", c.AddBankingDays(d(t, tt.add6), -6), c.BankingDayOnOrBefore(in).String()},
		} {
			if c2.got.String() != c2.want {
				t.Errorf("%s(%s) = %s, want %s", c2.name, tt.in, c2.got, c2.want)
			}
		}
	}
}

func TestCalendarFunctions(t *testing.T) {
	c := FedCalendar()
	tests := []struct {
		name string
		got  Date
		want string
	}{
		{"PreviousBankingDay Mon after Thanksgiving week", c.PreviousBankingDay(d(t, "2026-11-30")), "2026-11-27"},
		{"PreviousBankingDay Fri 11-27", c.PreviousBankingDay(d(t, "2026-11-27")), "2026-11-25"},
		{"PreviousBankingDay 2027-01-04", c.PreviousBankingDay(d(t, "2027-01-04")), "2026-12-31"},
		{"PreviousBankingDay 2028-01-03", c.PreviousBankingDay(d(t, "2028-01-03")), "2027-12-31"},
		{"OnOrAfter banking day", c.BankingDayOnOrAfter(d(t, "2026-11-25")), "2026-11-25"},
		{"OnOrAfter holiday", c.BankingDayOnOrAfter(d(t, "2026-11-26")), "2026-11-27"},
		{"OnOrAfter Saturday", c.BankingDayOnOrAfter(d(t, "2027-07-03")), "2027-07-06"},
		{"OnOrBefore Sunday", c.BankingDayOnOrBefore(d(t, "2027-07-04")), "2027-07-02"},
		{"AddBankingDays 0 of a holiday", c.AddBankingDays(d(t, "2026-12-25"), 0), "2026-12-25"},
		{"AddBankingDays -1 of a Monday", c.AddBankingDays(d(t, "2026-01-20"), -1), "2026-01-16"},
		{"across the table's end", c.AddBankingDays(d(t, "2100-12-30"), 3), "2101-01-04"}, // 2101-01-01 Sat: no closure
		{"across the table's start", c.AddBankingDays(d(t, "1990-01-02"), -1), "1989-12-29"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("%s = %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

// TestYearBounds: inside 1990-2100 the table answers; outside, the same
// rules are computed on the fly and agree with them.
func TestYearBounds(t *testing.T) {
	c := FedCalendar()
	for _, year := range []int{1985, 1989, 2101, 2150} {
		got := c.Closed(year)
		var want []Date
		for _, h := range Holidays(year) {
			if !h.Observed.IsZero() {
				want = append(want, h.Observed)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("Closed(%d) = %v, want the rules' %v", year, got, want)
		}
	}
	// The first day of the table is New Year's Day on a Monday; its last
	// Christmas is a Saturday, so Friday 2100-12-24 stays open.
	if c.IsBankingDay(d(t, "1990-01-01")) || !c.IsBankingDay(d(t, "1990-01-02")) {
		t.Error("1990-01-01 should be closed, 01-02 open")
	}
	if !c.IsBankingDay(d(t, "2100-12-24")) || !c.IsBankingDay(d(t, "2100-12-31")) {
		t.Error("2100-12-24 and 2100-12-31 should be open")
	}
}

func TestCalendarOverrides(t *testing.T) {
	// A day of mourning closes a Thursday; the banks open on Columbus Day.
	c, err := NewCalendar(dates(t, "2026-11-19", "2150-03-04"), dates(t, "2026-10-12", "2150-12-25"))
	if err != nil {
		t.Fatal(err)
	}
	if c.IsBankingDay(d(t, "2026-11-19")) || !c.IsBankingDay(d(t, "2026-10-12")) {
		t.Error("overrides not applied")
	}
	if got := c.NextBankingDay(d(t, "2026-11-18")); got.String() != "2026-11-20" {
		t.Errorf("NextBankingDay(2026-11-18) = %s", got)
	}
	if got := c.Closed(2026); !slices.Contains(got, d(t, "2026-11-19")) || slices.Contains(got, d(t, "2026-10-12")) {
		t.Errorf("Closed(2026) = %v", got)
	}
	// Outside the table too.
	if c.IsBankingDay(d(t, "2150-03-04")) || !c.IsBankingDay(d(t, "2150-12-25")) {
		t.Error("overrides outside the table not applied")
	}
	// The shared Fed calendar is untouched.
	if !FedCalendar().IsBankingDay(d(t, "2026-11-19")) {
		t.Error("FedCalendar changed")
	}
	for _, tc := range []struct {
		closed, opened []Date
		want           string
	}{
		{dates(t, "2026-07-04"), nil, "weekends are always closed"},
		{dates(t, "2026-11-26"), nil, "already a Fed holiday"},
		{nil, dates(t, "2026-11-27"), "not a Fed holiday"},
		{[]Date{{2026, 2, 30}}, nil, "not a valid date"},
	} {
		_, err := NewCalendar(tc.closed, tc.opened)
		if !errors.Is(err, ErrInvalidDate) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewCalendar(%v, %v) error = %v, want %q", tc.closed, tc.opened, err, tc.want)
		}
	}
}

func TestHolidays2026(t *testing.T) {
	var got []string
	for _, h := range Holidays(2026) {
		got = append(got, h.Date.String()+" "+h.Observed.String()+" "+h.Name)
	}
	want := []string{
		"2026-01-01 2026-01-01 New Year's Day",
		"2026-01-19 2026-01-19 Birthday of Martin Luther King, Jr.",
		"2026-02-16 2026-02-16 Washington's Birthday",
		"2026-05-25 2026-05-25 Memorial Day",
		"2026-06-19 2026-06-19 Juneteenth National Independence Day",
		"2026-07-04 0000-00-00 Independence Day",
		"2026-09-07 2026-09-07 Labor Day",
		"2026-10-12 2026-10-12 Columbus Day",
		"2026-11-11 2026-11-11 Veterans Day",
		"2026-11-26 2026-11-26 Thanksgiving Day",
		"2026-12-25 2026-12-25 Christmas Day",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Holidays(2026) =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
