package cutoffs

import (
	"testing"
	"time"
)

// BenchmarkResolve resolves same-day ACH requests at instants spread over
// a year (so that every kind of day comes up).
func BenchmarkResolve(b *testing.B) {
	r := Default()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ats := make([]time.Time, 1024)
	for i := range ats {
		ats[i] = start.Add(time.Duration(i)*8*time.Hour + 37*time.Minute)
	}
	b.ReportAllocs()
	var i int
	for b.Loop() {
		res, err := r.Resolve(Request{Rail: ACH, Speed: SameDay, At: ats[i%len(ats)], AmountCents: 12345})
		if err != nil || res.BatchDate.IsZero() {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkResolveFedACH is BenchmarkResolve with three named same-day
// windows in New York time.
func BenchmarkResolveFedACH(b *testing.B) {
	r, err := New(fedachSchedule(b))
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	var i int
	for b.Loop() {
		at := start.Add(time.Duration(i%1024)*8*time.Hour + 37*time.Minute)
		if _, err := r.Resolve(Request{Rail: ACH, Speed: SameDay, At: at}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkAddBankingDays(b *testing.B) {
	c := FedCalendar()
	start := Date{2026, 1, 1}
	b.ReportAllocs()
	var i int
	for b.Loop() {
		_ = c.AddBankingDays(start.AddDays(i%730), 6)
		i++
	}
}

func BenchmarkExtendedReturnDeadline(b *testing.B) {
	c := FedCalendar()
	start := Date{2026, 1, 1}
	b.ReportAllocs()
	var i int
	for b.Loop() {
		_ = c.ExtendedReturnDeadline(start.AddDays(i % 730))
		i++
	}
}

func BenchmarkNewCalendar(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewCalendar(nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}
