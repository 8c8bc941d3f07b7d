package cutoffs

import (
	"math/rand/v2"
	"testing"
	"time"
)

// The instants the properties are checked over: 2020-01-01 to 2031-01-01.
var (
	propStart = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	propSpan  = time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - propStart
)

var secCodes = [...]string{"", "PPD", "CCD", "WEB", "IAT", "ENR", "iat"}

// request builds a Request from fuzzer-chosen numbers.
func request(sec int64, nsec uint32, rail, speed uint8, amount int64, processIn int16, code uint8) Request {
	s := sec % propSpan
	if s < 0 {
		s += propSpan
	}
	req := Request{
		Rail: rails[int(rail)%len(rails)],
		At:   time.Unix(propStart+s, int64(nsec%1e9)),
		SEC:  secCodes[int(code)%len(secCodes)],
	}
	if req.Rail == ACH {
		req.Speed = [...]Speed{"", SameDay, NextDay}[int(speed)%3]
	}
	if amount < 0 {
		amount = -(amount + 1)
	}
	req.AmountCents = amount % 200_000_000 // around the same-day limit
	if processIn != 0 {
		// -30 to +60 days around the submission date.
		req.ProcessOn = DateOf(req.At).AddDays(int(processIn)%91 - 30)
	}
	return req
}

// checkResolve resolves req with r and checks the properties every result
// must have.
func checkResolve(t *testing.T, r *Resolver, req Request) {
	t.Helper()
	res, err := r.Resolve(req)
	if err != nil {
		t.Fatalf("Resolve(%+v): %v", req, err)
	}
	fail := func(format string, a ...any) {
		t.Helper()
		t.Fatalf("Resolve(%+v) = %+v (window %s):\n"+format, append([]any{req, res, res.WindowID()}, a...)...)
	}
	if !req.Rail.HasCutoff() {
		if !res.RealTime || !res.Cutoff.IsZero() || !res.BatchDate.IsZero() || res.WindowID() != "" {
			fail("a real-time rail has no window")
		}
		return
	}
	cal := r.Calendar()
	d := r.DateOf(req.At)
	if res.Cutoff.Before(req.At) {
		fail("cutoff before the submission")
	}
	if res.Cutoff.Location() != r.Location() {
		fail("cutoff not in the schedule's zone")
	}
	if got := r.DateOf(res.Cutoff); got != res.BatchDate {
		fail("the cutoff falls on %s, not on the batch date", got)
	}
	if res.BatchDate.Before(d) {
		fail("batch date before the submission date %s", d)
	}
	for name, x := range map[string]Date{"batch": res.BatchDate, "effective": res.EffectiveDate, "settlement": res.SettlementDate, "available": res.AvailableDate} {
		if !x.IsZero() && !cal.IsBankingDay(x) {
			fail("%s date %s (%s) is not a banking day", name, x, x.Weekday())
		}
	}
	if res.EffectiveDate.Before(res.BatchDate) {
		fail("effective date before the batch date")
	}
	if !res.SettlementDate.IsZero() && res.SettlementDate.Before(res.EffectiveDate) {
		fail("settlement before the effective date")
	}
	if (req.Rail == Check) != res.SettlementDate.IsZero() {
		fail("only checks have no settlement date")
	}
	if (req.Rail == RDC) != !res.AvailableDate.IsZero() {
		fail("only RDC has an available date")
	}
	if id := res.WindowID(); len(id) < 11 || id[len(id)-10:] != res.BatchDate.String() {
		fail("window id does not end with the batch date")
	}
	future := !req.ProcessOn.IsZero() && req.ProcessOn.After(d)

	// Minimality: no earlier banking day had a window of the group still
	// open at the submission, unless the entry was held for ProcessOn.
	group := r.groups[req.Rail.index()][0]
	if req.Rail == ACH && res.SameDay {
		group = r.groups[0][SameDay.index()]
	}
	if !future {
		for x := d; x.Before(res.BatchDate); x = x.AddDays(1) {
			if _, _, ok := earliestAfter(group, x, req.At); ok && cal.IsBankingDay(x) {
				fail("the window of %s was still open", x)
			}
		}
	}
	if req.Rail != ACH {
		if res.EffectiveDate != res.BatchDate || res.Fallback != FallbackNone || res.Speed != "" {
			fail("a %s result is effective on its batch date", req.Rail)
		}
		if future && res.BatchDate.Before(cal.BankingDayOnOrAfter(req.ProcessOn)) {
			fail("processed before the process-on date")
		}
		return
	}

	// ACH.
	if res.SameDay != (res.EffectiveDate == res.BatchDate) || res.SettlementDate != res.EffectiveDate {
		fail("same-day settles on the batch date, next-day on a later day")
	}
	if !res.SameDay && res.EffectiveDate != cal.NextBankingDay(res.BatchDate) && !future {
		fail("a next-day batch is effective the next banking day")
	}
	wantSpeed := req.Speed
	if wantSpeed == "" {
		wantSpeed = NextDay
	}
	if res.Speed != wantSpeed {
		fail("speed changed")
	}
	if wantSpeed == NextDay && (res.SameDay || res.Fallback != FallbackNone) {
		fail("a next-day request went same day")
	}
	ineligible := req.AmountCents > DefaultSameDayLimitCents || req.SEC == "IAT" || req.SEC == "ENR" || req.SEC == "iat" || future
	if wantSpeed == SameDay {
		switch {
		case ineligible && (res.SameDay || res.Fallback == FallbackNone || res.Fallback == FallbackLate):
			fail("an ineligible same-day request must fall back")
		case !ineligible && !res.SameDay && res.Fallback != FallbackLate:
			fail("an eligible same-day request goes same day or late")
		case res.Fallback == FallbackLate && res.BatchDate != d:
			fail("a late same-day entry goes in the next-day batch of the same day")
		}
	}
	if future {
		want := cal.BankingDayOnOrAfter(req.ProcessOn)
		if res.EffectiveDate.Before(want) {
			fail("effective before the wanted date %s", want)
		}
		if res.EffectiveDate != want && res.BatchDate != d && res.BatchDate != cal.NextBankingDay(d) {
			fail("missed the wanted date %s though an earlier batch was open", want)
		}
		if res.EffectiveDate == want && res.BatchDate != cal.PreviousBankingDay(want) {
			fail("sent more than one banking day before the wanted date")
		}
	}
}

// propertySchedules are the schedules the properties are checked with:
// the default and one with three named same-day windows in another zone.
func propertySchedules(t testing.TB) []*Resolver {
	fed, err := New(fedachSchedule(t))
	if err != nil {
		t.Fatal(err)
	}
	return []*Resolver{Default(), fed}
}

// FuzzResolve checks the properties of checkResolve on instants of
// 2020-2030, every rail and speed, amounts around the same-day limit, SEC
// codes and process-on dates. Run it for real with
//
//	go test ./cutoffs -run '^$' -fuzz FuzzResolve -fuzztime 3m -parallel 1
func FuzzResolve(f *testing.F) {
	for _, v := range append(specVectors, edgeVectors...) {
		at := instant(f, v.at)
		speed := map[Speed]uint8{"": 0, SameDay: 1, NextDay: 2}[v.speed]
		f.Add(at.Unix()-propStart, uint32(0), uint8(v.rail.index()), speed, v.amount, int16(0), uint8(0))
	}
	f.Add(int64(0), uint32(999_999_999), uint8(0), uint8(1), int64(100_000_001), int16(35), uint8(4))
	f.Add(int64(-1), uint32(1), uint8(7), uint8(0), int64(-5), int16(-1), uint8(5))
	rs := propertySchedules(f)
	f.Fuzz(func(t *testing.T, sec int64, nsec uint32, rail, speed uint8, amount int64, processIn int16, code uint8) {
		req := request(sec, nsec, rail, speed, amount, processIn, code)
		for _, r := range rs {
			checkResolve(t, r, req)
		}
	})
}

// TestResolveProperties checks the same properties on random requests
// (seeded, so a failure repeats), for every rail and speed, in a normal
// test run.
func TestResolveProperties(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 5_000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rs := propertySchedules(t)
	for range n {
		req := request(rng.Int64(), rng.Uint32(), uint8(rng.IntN(256)), uint8(rng.IntN(3)), rng.Int64(),
			int16(rng.IntN(3)*rng.IntN(91)), uint8(rng.IntN(256)))
		for _, r := range rs {
			checkResolve(t, r, req)
		}
	}
	// Seconds around every cutoff of 2026 for every rail.
	for x := (Date{2026, 1, 1}); x.Year == 2026; x = x.AddDays(1) {
		for _, w := range DefaultSchedule().Windows {
			h, m, _ := parseClock(w.Cutoff)
			cut := x.At(h, m, Default().Location())
			for _, off := range []time.Duration{-time.Second, 0, time.Nanosecond, time.Second} {
				for _, r := range rs {
					checkResolve(t, r, Request{Rail: w.Rail, Speed: w.Speed, At: cut.Add(off)})
				}
			}
		}
	}
}
