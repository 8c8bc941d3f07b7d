package cutoffs_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
)

func ExampleResolver_Resolve() {
	r := cutoffs.Default()
	at, _ := time.Parse(time.RFC3339, "2026-11-25T11:00:01-08:00") // 1 s after the same-day cutoff
	res, err := r.Resolve(cutoffs.Request{Rail: cutoffs.ACH, Speed: cutoffs.SameDay, At: at})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.WindowID(), res.Cutoff.Format(time.RFC3339))
	fmt.Println("effective", res.EffectiveDate, "settles", res.SettlementDate, "same day:", res.SameDay, "fallback:", res.Fallback)
	// Output:
	// ach-next-day-2026-11-25 2026-11-25T15:00:00-08:00
	// effective 2026-11-27 settles 2026-11-27 same day: false fallback: late
}

func ExampleResolver_Resolve_rdc() {
	at, _ := time.Parse(time.RFC3339, "2026-12-24T10:00:00-08:00")
	res, _ := cutoffs.Default().Resolve(cutoffs.Request{Rail: cutoffs.RDC, At: at})
	fmt.Println(res.WindowID(), "available", res.AvailableDate)
	// Output: rdc-2026-12-24 available 2027-01-05
}

func ExampleCalendar_AddBankingDays() {
	c := cutoffs.FedCalendar()
	d := cutoffs.Date{Year: 2026, Month: time.December, Day: 24}
	fmt.Println(c.NextBankingDay(d), c.AddBankingDays(d, 6), c.AddBankingDays(d, -1))
	// Output: 2026-12-28 2027-01-05 2026-12-23
}

func ExampleCalendar_Closed() {
	fmt.Println(cutoffs.FedCalendar().Closed(2027))
	// Output: [2027-01-01 2027-01-18 2027-02-15 2027-05-31 2027-07-05 2027-09-06 2027-10-11 2027-11-11 2027-11-25]
}

func ExampleCalendar_LateReturn() {
	c := cutoffs.FedCalendar()
	s := cutoffs.Date{Year: 2026, Month: time.November, Day: 2} // original settlement
	for _, received := range []cutoffs.Date{{Year: 2026, Month: 11, Day: 5}, {Year: 2026, Month: 11, Day: 6}, {Year: 2027, Month: 1, Day: 5}} {
		fmt.Println(received, c.LateReturn(s, received, cutoffs.Return2BD))
	}
	fmt.Println("60-day deadline:", c.ExtendedReturnDeadline(s))
	// Output:
	// 2026-11-05 timely
	// 2026-11-06 late
	// 2027-01-05 too_late
	// 60-day deadline: 2027-01-04
}

// A bank's configuration: the three FedACH same-day deadlines (Eastern
// time) instead of the platform's single 11:00 PT window.
func ExampleSchedule_Override() {
	var bank cutoffs.Schedule
	_ = json.Unmarshal([]byte(`{"windows": [
		{"rail": "ach", "speed": "same_day", "name": "sd1", "cutoff": "10:30", "zone": "America/New_York"},
		{"rail": "ach", "speed": "same_day", "name": "sd2", "cutoff": "14:45", "zone": "America/New_York"},
		{"rail": "ach", "speed": "same_day", "name": "sd3", "cutoff": "16:45", "zone": "America/New_York"}]}`), &bank)
	r, err := cutoffs.New(cutoffs.DefaultSchedule().Override(bank))
	if err != nil {
		panic(err)
	}
	at, _ := time.Parse(time.RFC3339, "2026-11-25T08:00:00-08:00")
	res, _ := r.Resolve(cutoffs.Request{Rail: cutoffs.ACH, Speed: cutoffs.SameDay, At: at})
	fmt.Println(res.WindowID(), res.Cutoff.Format(time.Kitchen), res.Cutoff.Location())
	// Output: ach-same-day-sd2-2026-11-25 11:45AM America/Los_Angeles
}

func ExampleSchedule_Validate() {
	s := cutoffs.DefaultSchedule()
	s.Windows[3].Cutoff = "12h00"
	fmt.Println(s.Validate())
	// Output: cutoffs: windows[3].cutoff = "12h00" (wire window): want a 24-hour time HH:MM, 00:00 to 23:59
}
