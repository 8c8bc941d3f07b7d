package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/spf13/cobra"
)

// now is the clock of the cutoffs commands when --at is not given.
var now = time.Now

const cutoffsLong = `The cutoffs commands answer "which window does this transaction go into,
when is it cut, what is its effective date, when does it settle" with the
platform's schedule and the Federal Reserve banking calendar.

  railyard cutoffs window    place one transaction (rail, speed, time)
  railyard cutoffs show      the next window of every rail and the time left
  railyard cutoffs calendar  the Fed's closed weekdays of a year

Default schedule (America/Los_Angeles, daylight-saving time included):

  ach same-day  11:00  effective and settles the same banking day; after
                       11:00 the 15:00 next-day batch of the same day, at
                       the same-day price
  ach next-day  15:00  effective and settles the next banking day
  rpps          13:00  wire 12:00  swift 09:00   settle the same banking day
  check         15:00  printed once a day; settlement depends on the payee's bank
  rdc           15:00  credits available 6 banking days after the deposit day
  internal, card       no cutoff: near real time (up to 30 minutes)

A transaction arriving at the cutoff second (11:00:00) is in; one second
later it is late. Nothing is cut on a weekend or Fed holiday: it goes into
the first window of the next banking day. Same-day ACH is refused (the
entry goes next day) over $1,000,000.00 per entry, for IAT and ENR, and for
a future effective date (--process-on).

Window ids: ach-same-day-2026-11-25, ach-next-day-2026-11-25,
wire-2026-11-25; a named window (several per rail and speed) adds its name:
ach-same-day-sd2-2026-11-25.

Configuration (--config FILE, TOML, YAML or JSON): a [cutoffs] section laid
over the default schedule. Set keys replace the defaults; the windows
listed for a rail and speed replace that rail and speed's windows, and the
other rails keep theirs.

  [cutoffs]
  zone = "America/Los_Angeles"        # IANA zone of the platform date and of
                                      # windows that name none
  same_day_limit_cents = 100000000    # largest same-day ACH entry
  rdc_hold_days = 6                   # banking days until RDC funds are available
  closed = ["2026-11-19"]             # ad-hoc closures (weekdays)
  open = []                           # Fed holidays on which the banks open

  # The FedACH same-day deadlines (Eastern) instead of 11:00 PT.
  [[cutoffs.windows]]
  rail = "ach"                        # ach rpps wire swift check rdc
  speed = "same_day"                  # ach only: same_day or next_day
  name = "sd1"                        # needed when a rail and speed have several
  cutoff = "10:30"                    # HH:MM, 24-hour
  zone = "America/New_York"           # optional; default the schedule's zone

  [[cutoffs.windows]]
  rail = "ach"
  speed = "same_day"
  name = "sd2"
  cutoff = "14:45"
  zone = "America/New_York"

The same in YAML:

  cutoffs:
    windows:
      - {rail: ach, speed: same_day, name: sd1, cutoff: "10:30", zone: America/New_York}
      - {rail: ach, speed: same_day, name: sd2, cutoff: "14:45", zone: America/New_York}

An invalid configuration is a usage error (exit 2) naming the file and the
field, e.g. "cutoffs.windows[1].cutoff = "25:00" (ach same_day window
"sd2"): want a 24-hour time HH:MM".`

func newCutoffsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cutoffs",
		Short: "Cutoff windows, effective and settlement dates, the Fed banking calendar",
		Long:  cutoffsLong,
		Example: `  railyard cutoffs window --rail ach --speed same-day --at 2026-11-25T10:59:00-08:00
  railyard cutoffs show
  railyard cutoffs calendar --year 2027 --output json
  railyard --config testdata/config/fedach-windows.toml cutoffs show`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newCutoffsWindowCmd(g), newCutoffsShowCmd(g), newCutoffsCalendarCmd(g))
	return cmd
}

// windowFlags are the flags of "cutoffs window".
type windowFlags struct {
	rail, speed, at, processOn, sec string
	amountCents                     int64
}

func newCutoffsWindowCmd(g *globals) *cobra.Command {
	var f windowFlags
	cmd := &cobra.Command{
		Use:   "window --rail RAIL [--speed SPEED] [--at TIME]",
		Short: "Place a transaction in its cutoff window",
		Long: `Window says which window a transaction submitted at --at goes into: the
window id, the cutoff instant, the effective date, the expected settlement
date and whether it settles the same day.

--rail: ach, rpps, wire, swift, check, rdc, internal, card; also the node
types ach-us, rpps-us, wire-us and fedwire (wire), wire-int (swift),
check-us (check), interchange-us (card).
--speed (ach only; default next-day): same-day or next-day (also
same_day, sameday, SAMEDAY ...).
--at: RFC 3339 (2026-11-25T10:59:00-08:00, or ...Z); without an offset
(2026-11-25T10:59) it is read in the schedule's zone. Default: now.
--process-on: for ACH the wanted effective date: the entry is held and goes
in the next-day batch of the banking day before it; for other rails the day
to process on.

JSON output (--output json) is a contract:

  {"rail":"ach","speed":"same_day","window":"ach-same-day-2026-11-25",
   "cutoff":"2026-11-25T11:00:00-08:00","effective_date":"2026-11-25",
   "settlement_date":"2026-11-25","same_day":true}

speed is same_day or next_day, for ACH only: the requested speed, which
decides pricing (a late same-day entry keeps same_day but same_day is
false). same_day_fallback is added when a same-day request does not go same
day: late, amount, sec or future_date. rdc adds available_date; a check's
settlement_date is null (the payee's bank decides). internal and card have
no cutoff:

  {"rail":"internal","window":null,"cutoff":null,"real_time":true,
   "settlement":"near real time (up to 30 minutes)"}`,
		Example: `  railyard cutoffs window --rail ach --speed same-day --at 2026-11-25T10:59:00-08:00
  railyard cutoffs window --rail ach --speed same-day --amount-cents 100000001 --output json
  railyard cutoffs window --rail wire-us --at 2026-11-25T12:00:01-08:00
  railyard cutoffs window --rail ach --process-on 2026-12-01
  railyard cutoffs window --rail rdc --at 2026-12-24T10:00:00-08:00`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCutoffsWindow(g, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.rail, "rail", "", "`RAIL`: ach, rpps, wire, swift, check, rdc, internal, card (required)")
	fl.StringVar(&f.speed, "speed", "", "ACH `SPEED`: same-day or next-day (default next-day)")
	fl.StringVar(&f.at, "at", "", "submission `TIME`, RFC 3339 (default now)")
	fl.StringVar(&f.processOn, "process-on", "", "process-on / wanted effective `DATE`, YYYY-MM-DD")
	fl.StringVar(&f.sec, "sec", "", "ACH SEC `CODE` (IAT and ENR never go same day)")
	fl.Int64Var(&f.amountCents, "amount-cents", 0, "entry amount in cents `N` (over 100000000 never goes same day)")
	return cmd
}

func runCutoffsWindow(g *globals, f *windowFlags) error {
	if f.rail == "" {
		return usageErrorf("missing --rail (ach, rpps, wire, swift, check, rdc, internal or card)")
	}
	rail, err := cutoffs.ParseRail(f.rail)
	if err != nil {
		return usageErrorf("invalid --rail %q: want ach, rpps, wire, swift, check, rdc, internal or card", f.rail)
	}
	req := cutoffs.Request{Rail: rail, SEC: f.sec, AmountCents: f.amountCents}
	if f.speed != "" {
		if rail != cutoffs.ACH {
			return usageErrorf("--speed applies to --rail ach only (%s has one speed)", rail)
		}
		if req.Speed, err = cutoffs.ParseSpeed(f.speed); err != nil {
			return usageErrorf("invalid --speed %q: want same-day or next-day", f.speed)
		}
	}
	if f.amountCents < 0 {
		return usageErrorf("invalid --amount-cents %d: must be 0 or more", f.amountCents)
	}
	if f.sec != "" && !validSEC(f.sec) {
		return usageErrorf("invalid --sec %q: want a 3-letter SEC code such as PPD, CCD, IAT", f.sec)
	}
	if f.processOn != "" {
		if req.ProcessOn, err = cutoffs.ParseDate(f.processOn); err != nil {
			return usageErrorf("invalid --process-on %q: want a date YYYY-MM-DD", f.processOn)
		}
	}
	r, err := g.resolver()
	if err != nil {
		return err
	}
	if req.At, err = parseAt(f.at, r.Location()); err != nil {
		return err
	}
	res, err := r.Resolve(req)
	if err != nil {
		return usageErrorf("%s", strings.TrimPrefix(err.Error(), "cutoffs: "))
	}
	return g.emit(windowDoc(res), func(w io.Writer) { writeWindowText(w, r, req, res) })
}

// emit writes a cutoffs command's result to stdout: doc as one line of
// JSON with --output json, else what text writes.
func (g *globals) emit(doc any, text func(io.Writer)) error {
	w := bufio.NewWriter(g.stdout)
	var err error
	if g.json() {
		err = writeJSONLine(w, doc)
	} else {
		text(w)
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return failure(err)
	}
	return nil
}

// validSEC reports whether s looks like a SEC code: 3 ASCII letters or
// digits (PPD, CCD, IAT, ...; case does not matter).
func validSEC(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// parseAt parses --at: RFC 3339, or a wall-clock time without offset in
// the schedule's zone; "" is now.
func parseAt(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return now().In(loc), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageErrorf("invalid --at %q: want RFC 3339 such as 2026-11-25T10:59:00-08:00 (or 2026-11-25T10:59 in %s)", s, loc)
}

// windowJSON is the JSON contract of "cutoffs window" (and of each window
// in "cutoffs show"). Field names and order are fixed; window and cutoff
// are null for real-time rails, settlement_date is null for checks.
type windowJSON struct {
	Rail            string          `json:"rail"`
	Speed           string          `json:"speed,omitempty"`
	Window          *string         `json:"window"`
	Cutoff          *string         `json:"cutoff"`
	EffectiveDate   string          `json:"effective_date,omitempty"`
	SettlementDate  json.RawMessage `json:"settlement_date,omitempty"`
	SameDay         *bool           `json:"same_day,omitempty"`
	AvailableDate   string          `json:"available_date,omitempty"`
	SameDayFallback string          `json:"same_day_fallback,omitempty"`
	RealTime        bool            `json:"real_time,omitempty"`
	Settlement      string          `json:"settlement,omitempty"`
	// "cutoffs show" only:
	TimeLeft        string `json:"time_left,omitempty"`
	TimeLeftSeconds *int64 `json:"time_left_seconds,omitempty"`
}

const realTimeSettlement = "near real time (up to 30 minutes)"

func windowDoc(res cutoffs.Result) windowJSON {
	if res.RealTime {
		return windowJSON{Rail: string(res.Rail), RealTime: true, Settlement: realTimeSettlement}
	}
	id := res.WindowID()
	cut := res.Cutoff.Format(time.RFC3339)
	settle := json.RawMessage("null") // a check: the payee's bank decides
	if !res.SettlementDate.IsZero() {
		settle = json.RawMessage(`"` + res.SettlementDate.String() + `"`)
	}
	doc := windowJSON{
		Rail:            string(res.Rail),
		Speed:           string(res.Speed),
		Window:          &id,
		Cutoff:          &cut,
		EffectiveDate:   res.EffectiveDate.String(),
		SettlementDate:  settle,
		SameDay:         &res.SameDay,
		SameDayFallback: string(res.Fallback),
	}
	if !res.AvailableDate.IsZero() {
		doc.AvailableDate = res.AvailableDate.String()
	}
	return doc
}

// writeJSONLine writes v as one line of JSON.
func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// day formats a date with its weekday: "Wed 2026-11-25".
func day(d cutoffs.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.Weekday().String()[:3] + " " + d.String()
}

// clock formats an instant for people: "Wed 2026-11-25 11:00:00 PST".
func clock(t time.Time) string { return t.Format("Mon 2006-01-02 15:04:05 MST") }

// fallbackNote explains a same-day fallback.
func fallbackNote(f cutoffs.Fallback) string {
	switch f {
	case cutoffs.FallbackLate:
		return "late for same day: next-day batch of the same day, same-day pricing still applies"
	case cutoffs.FallbackAmount:
		return "over the $1,000,000.00 same-day limit: sent next day"
	case cutoffs.FallbackSEC:
		return "IAT and ENR entries never go same day: sent next day"
	case cutoffs.FallbackFutureDate:
		return "future effective date: held and sent next day"
	}
	return ""
}

func writeWindowText(w io.Writer, r *cutoffs.Resolver, req cutoffs.Request, res cutoffs.Result) {
	what := res.Rail.Title()
	if res.Speed != "" {
		what += " " + strings.ReplaceAll(string(res.Speed), "_", "-")
	}
	fmt.Fprintf(w, "%s submitted %s\n", what, clock(req.At.In(r.Location())))
	if res.RealTime {
		fmt.Fprintf(w, "  no cutoff: settles in %s\n", realTimeSettlement)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  window\t%s\n", res.WindowID())
	fmt.Fprintf(tw, "  cutoff\t%s (in %s)\n", clock(res.Cutoff), timeLeft(res.Cutoff.Sub(req.At)))
	label := "effective"
	if res.Rail == cutoffs.Check {
		label = "printed"
	} else if res.Rail == cutoffs.RDC {
		label = "deposit day"
	}
	fmt.Fprintf(tw, "  %s\t%s\n", label, day(res.EffectiveDate))
	switch {
	case res.Rail == cutoffs.Check:
		fmt.Fprintf(tw, "  settles\tdepends on the payee's bank\n")
	case res.Rail == cutoffs.RDC:
		fmt.Fprintf(tw, "  available\t%s\n", day(res.AvailableDate))
	default:
		fmt.Fprintf(tw, "  settles\t%s\n", day(res.SettlementDate))
	}
	fmt.Fprintf(tw, "  same day\t%s\n", yesNo(res.SameDay))
	if res.Fallback != "" {
		fmt.Fprintf(tw, "  note\t%s\n", fallbackNote(res.Fallback))
	}
	tw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// timeLeft formats a duration until a cutoff: "59s", "45m", "2h14m",
// "1d23h00m". Minutes are truncated.
func timeLeft(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%ds", int(d/time.Second))
	}
	m := int(d / time.Minute)
	days, h, min := m/1440, m%1440/60, m%60
	switch {
	case days > 0:
		return fmt.Sprintf("%dd%dh%02dm", days, h, min)
	case h > 0:
		return fmt.Sprintf("%dh%02dm", h, min)
	}
	return fmt.Sprintf("%dm", min)
}

func newCutoffsShowCmd(g *globals) *cobra.Command {
	var at string
	cmd := &cobra.Command{
		Use:   "show [--at TIME]",
		Short: "Show the next window of every rail and the time left until its cutoff",
		Long: `Show lists, for every rail (ACH same-day and next-day separately), where a
transaction submitted now (or at --at) goes: its window, the cutoff and the
time left until it, the effective and settlement dates. A same-day entry
after the same-day cutoffs shows the next-day batch it falls back to.

JSON output (--output json):

  {"at":"2026-11-25T10:00:00-08:00","zone":"America/Los_Angeles",
   "windows":[{...as "cutoffs window"..., "time_left":"1h00m",
               "time_left_seconds":3600}, ...]}`,
		Example: `  railyard cutoffs show
  railyard cutoffs show --at 2026-11-25T10:00:00-08:00
  railyard --config bank.toml cutoffs show --output json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCutoffsShow(g, at)
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "as of `TIME`, RFC 3339 (default now)")
	return cmd
}

// showRow is one row of "cutoffs show".
type showRow struct {
	req cutoffs.Request
	res cutoffs.Result
}

func runCutoffsShow(g *globals, atFlag string) error {
	r, err := g.resolver()
	if err != nil {
		return err
	}
	at, err := parseAt(atFlag, r.Location())
	if err != nil {
		return err
	}
	var rows []showRow
	for _, rail := range cutoffs.Rails() {
		speeds := []cutoffs.Speed{""}
		if rail == cutoffs.ACH {
			speeds = []cutoffs.Speed{cutoffs.SameDay, cutoffs.NextDay}
		}
		for _, sp := range speeds {
			req := cutoffs.Request{Rail: rail, Speed: sp, At: at}
			res, err := r.Resolve(req)
			if err != nil {
				return usageErrorf("%s", strings.TrimPrefix(err.Error(), "cutoffs: "))
			}
			rows = append(rows, showRow{req, res})
		}
	}
	doc := struct {
		At      string       `json:"at"`
		Zone    string       `json:"zone"`
		Windows []windowJSON `json:"windows"`
	}{At: at.In(r.Location()).Format(time.RFC3339), Zone: r.Location().String()}
	for _, row := range rows {
		doc.Windows = append(doc.Windows, showDoc(row))
	}
	return g.emit(doc, func(w io.Writer) { writeShowText(w, r, at, rows) })
}

// showDoc is a window's JSON with the time left added.
func showDoc(row showRow) windowJSON {
	doc := windowDoc(row.res)
	if !row.res.RealTime {
		left := row.res.Cutoff.Sub(row.req.At)
		secs := int64(left / time.Second)
		doc.TimeLeft, doc.TimeLeftSeconds = timeLeft(left), &secs
	}
	return doc
}

func writeShowText(w io.Writer, r *cutoffs.Resolver, at time.Time, rows []showRow) {
	fmt.Fprintf(w, "Next cutoffs as of %s (%s)\n\n", clock(at.In(r.Location())), r.Location())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RAIL\tSPEED\tWINDOW\tCUTOFF\tLEFT\tEFFECTIVE\tSETTLES\tNOTE")
	for _, row := range rows {
		res := row.res
		speed := "-"
		if row.req.Speed != "" {
			speed = strings.ReplaceAll(string(row.req.Speed), "_", "-")
		}
		if res.RealTime {
			fmt.Fprintf(tw, "%s\t%s\t-\tnone\t-\t-\t-\tno cutoff: %s\n", res.Rail, speed, realTimeSettlement)
			continue
		}
		settles, note := day(res.SettlementDate), fallbackNote(res.Fallback)
		switch res.Rail {
		case cutoffs.Check:
			settles, note = "-", "printed once a day; settlement depends on the payee's bank"
		case cutoffs.RDC:
			note = "funds available " + day(res.AvailableDate)
		}
		if res.Fallback == cutoffs.FallbackLate {
			note = "late for same day: next-day batch, same-day price"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s", res.Rail, speed, res.WindowID(),
			res.Cutoff.Format("Mon 01-02 15:04 MST"), timeLeft(res.Cutoff.Sub(at)), day(res.EffectiveDate), settles)
		if note != "" {
			fmt.Fprintf(tw, "\t%s", note) // no empty last cell: no trailing blanks
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

func newCutoffsCalendarCmd(g *globals) *cobra.Command {
	var year int
	cmd := &cobra.Command{
		Use:   "calendar [--year YYYY]",
		Short: "List the Federal Reserve's closed weekdays of a year",
		Long: `Calendar lists the weekdays of a year on which the Reserve Banks are
closed (weekends are always closed and are not listed): the observed Fed
holidays and the configuration's ad-hoc closures, less its ad-hoc
openings. A holiday on a Sunday closes the Monday after; a holiday on a
Saturday closes nothing, and the Friday before stays open. Years 1990 to
2100; default the current year.

JSON output (--output json) is a contract:

  {"year":2027,"closed":["2027-01-01","2027-01-18",...]}`,
		Example: `  railyard cutoffs calendar --year 2027
  railyard cutoffs calendar --year 2026 --output json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCutoffsCalendar(g, cmd.Flags().Changed("year"), year)
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "the `YEAR`, 1990 to 2100 (default the current year)")
	return cmd
}

func runCutoffsCalendar(g *globals, yearSet bool, year int) error {
	r, err := g.resolver()
	if err != nil {
		return err
	}
	if !yearSet {
		year = r.DateOf(now()).Year
	}
	if year < cutoffs.MinYear || year > cutoffs.MaxYear {
		return usageErrorf("invalid --year %d: the calendar covers %d to %d", year, cutoffs.MinYear, cutoffs.MaxYear)
	}
	cal := r.Calendar()
	closed := cal.Closed(year)
	doc := struct {
		Year   int            `json:"year"`
		Closed []cutoffs.Date `json:"closed"`
	}{year, closed}
	if doc.Closed == nil {
		doc.Closed = []cutoffs.Date{} // [], never null
	}
	return g.emit(doc, func(w io.Writer) { writeCalendarText(w, cal, year, closed) })
}

func writeCalendarText(w io.Writer, cal *cutoffs.Calendar, year int, closed []cutoffs.Date) {
	hs := cutoffs.Holidays(year)
	why := map[cutoffs.Date]string{}
	for _, h := range hs {
		switch {
		case h.Observed.IsZero():
		case h.Observed == h.Date:
			why[h.Observed] = h.Name
		default:
			why[h.Observed] = fmt.Sprintf("%s (%s, %s)", h.Name, h.Date.Weekday(), h.Date)
		}
	}
	fmt.Fprintf(w, "Federal Reserve banking calendar %d\n\n", year)
	fmt.Fprintf(w, "Closed weekdays (%d):\n", len(closed))
	for _, d := range closed {
		reason, ok := why[d]
		if !ok {
			reason = "ad-hoc closure (configuration)"
		}
		fmt.Fprintf(w, "  %s  %s\n", day(d), reason)
	}
	// Saturday holidays leave the Friday before open; so does next year's
	// New Year's Day on a Saturday for December 31.
	var fridays, opened []string
	for _, h := range hs {
		if h.Date.Weekday() == time.Saturday && h.Date.AddDays(-1).Year == year {
			fridays = append(fridays, fmt.Sprintf("  %s  %s is on Saturday %s", day(h.Date.AddDays(-1)), h.Name, h.Date))
		}
		if !h.Observed.IsZero() && cal.IsBankingDay(h.Observed) {
			opened = append(opened, fmt.Sprintf("  %s  %s", day(h.Observed), h.Name))
		}
	}
	if ny := (cutoffs.Date{Year: year + 1, Month: time.January, Day: 1}); ny.Weekday() == time.Saturday {
		fridays = append(fridays, fmt.Sprintf("  %s  New Year's Day %d is on Saturday %s", day(ny.AddDays(-1)), year+1, ny))
	}
	if len(fridays) > 0 {
		fmt.Fprintln(w, "\nOpen Fridays (the holiday is on a Saturday; only the Board of Governors closes):")
		for _, s := range fridays {
			fmt.Fprintln(w, s)
		}
	}
	if len(opened) > 0 {
		fmt.Fprintln(w, "\nHolidays opened by configuration:")
		for _, s := range opened {
			fmt.Fprintln(w, s)
		}
	}
	n := 0
	for d := (cutoffs.Date{Year: year, Month: time.January, Day: 1}); d.Year == year; d = d.AddDays(1) {
		if cal.IsBankingDay(d) {
			n++
		}
	}
	fmt.Fprintf(w, "\nBanking days: %d\n", n)
}
