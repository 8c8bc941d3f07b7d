package wire

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

func TestNewUETR(t *testing.T) {
	src := bytes.NewReader([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	u, err := NewUETR(src)
	if err != nil || u != "00010203-0405-4607-8809-0a0b0c0d0e0f" {
		t.Fatalf("NewUETR = %q, %v", u, err)
	}
	if !ValidUETR(u) {
		t.Errorf("%s is not valid", u)
	}
	if _, err := NewUETR(bytes.NewReader([]byte{1, 2, 3})); err == nil {
		t.Error("a short source gave a UETR")
	}
	a, _ := NewUETR(nil)
	b, _ := NewUETR(nil)
	if a == b || !ValidUETR(a) || !ValidUETR(b) {
		t.Errorf("crypto/rand UETRs %s %s", a, b)
	}
	for _, bad := range []string{"", "8A562C67-CA16-48BA-B074-65581BE6F011", "8a562c67-ca16-38ba-b074-65581be6f011",
		"8a562c67-ca16-48ba-c074-65581be6f011", "8a562c67ca16-48ba-b074-65581be6f0111"} {
		if ValidUETR(bad) {
			t.Errorf("ValidUETR(%q) = true", bad)
		}
	}
}

func TestInputCycleDate(t *testing.T) {
	et := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, FedLocation)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	pt, _ := time.LoadLocation("America/Los_Angeles")
	mlk := func(d time.Time) bool {
		return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && d.Format("2006-01-02") != "2026-01-19"
	}
	tests := []struct {
		name string
		at   time.Time
		open func(time.Time) bool
		want string
	}{
		{"morning", et("2026-01-20 10:00"), nil, "2026-01-20"},
		{"20:59 ET", et("2026-01-20 20:59"), nil, "2026-01-20"},
		{"21:00 ET opens the next day", et("2026-01-20 21:00"), nil, "2026-01-21"},
		{"Friday night is Monday", et("2026-01-23 21:30"), nil, "2026-01-26"},
		{"Saturday is Monday", et("2026-01-24 10:00"), nil, "2026-01-26"},
		{"holiday skipped", et("2026-01-18 22:00"), mlk, "2026-01-20"},
		{"Pacific input", time.Date(2026, 1, 20, 18, 30, 0, 0, pt), nil, "2026-01-21"},
		{"DST start Sunday night", time.Date(2026, 3, 9, 1, 30, 0, 0, time.UTC), nil, "2026-03-09"},
		{"before DST, 20:59 EST", time.Date(2026, 3, 6, 1, 59, 0, 0, time.UTC), nil, "2026-03-05"},
		{"after DST, 21:00 EDT", time.Date(2026, 3, 10, 1, 0, 0, 0, time.UTC), nil, "2026-03-10"},
	}
	for _, tt := range tests {
		if got := InputCycleDate(tt.at, tt.open).Format("2006-01-02"); got != tt.want {
			t.Errorf("%s: InputCycleDate(%v) = %s, want %s", tt.name, tt.at, got, tt.want)
		}
	}
}

func TestIMAD(t *testing.T) {
	day := time.Date(2026, 1, 20, 0, 0, 0, 0, FedLocation)
	m, err := NewIMAD(day, "RAILYRD1", 42)
	if err != nil || m.String() != "20260120RAILYRD1000042" || !ValidISOIMAD(m.String()) {
		t.Fatalf("NewIMAD = %v, %v", m, err)
	}
	for _, c := range []struct {
		src string
		seq int
	}{{"railyrd1", 1}, {"RAILYRD", 1}, {"RAILYRD1", 0}, {"RAILYRD1", 1000000}, {"RAIL-RD1", 1}} {
		if _, err := NewIMAD(day, c.src, c.seq); !errors.Is(err, ErrIMAD) {
			t.Errorf("NewIMAD(%q, %d): %v", c.src, c.seq, err)
		}
	}
	p, err := ParseIMAD("20190410Source08000001")
	if err != nil || p.Source != "Source08" || p.Sequence != 1 || p.CycleDate != "20190410" {
		t.Errorf("ParseIMAD: %+v %v", p, err)
	}
	if ValidISOIMAD("20190410Source08000001") {
		t.Error("the ISO pattern wants an upper-case source")
	}
	for _, bad := range []string{"", "20190230SOURCE08000001", "2019041OSOURCE08000001", "20190410SOURCE0800000A", "20190410SOURCE08000001X"} {
		if _, err := ParseIMAD(bad); err == nil {
			t.Errorf("ParseIMAD(%q) succeeded", bad)
		}
	}
}

func TestAmounts(t *testing.T) {
	for cents, want := range map[int64]string{0: "0.00", 5: "0.05", 150000: "1500.00", 51000074: "510000.74", -150: "-1.50"} {
		if got := FormatAmount(cents); got != want {
			t.Errorf("FormatAmount(%d) = %q, want %q", cents, got, want)
		}
	}
	tests := []struct {
		in    string
		cents int64
		frac  int
		ok    bool
	}{
		{"510000.74", 51000074, 2, true},
		{"100", 10000, 0, true},
		{"1.5", 150, 1, true},
		{"1.50000", 150, 5, true},
		{"0.01", 1, 2, true},
		{"9999999999999999.99", 999999999999999999, 2, true},
		{"1.501", 0, 0, false},
		{"1.000001", 0, 0, false},
		{"", 0, 0, false},
		{".5", 0, 0, false},
		{"1.", 0, 0, false},
		{"1e5", 0, 0, false},
		{"-1.00", 0, 0, false},
		{"12345678901234567.00", 0, 0, false},
	}
	for _, tt := range tests {
		cents, frac, err := ParseAmount(tt.in)
		if (err == nil) != tt.ok || tt.ok && (cents != tt.cents || frac != tt.frac) {
			t.Errorf("ParseAmount(%q) = %d, %d, %v", tt.in, cents, frac, err)
		}
		if err != nil && !errors.Is(err, ErrAmount) {
			t.Errorf("ParseAmount(%q): %v does not wrap ErrAmount", tt.in, err)
		}
	}
}

func TestValidABA(t *testing.T) {
	for s, want := range map[string]bool{"121042882": true, "231380104": true, "021151080": true, "121042883": false, "12104288": false, "12104288x": false} {
		if ValidABA(s) != want {
			t.Errorf("ValidABA(%q) = %v", s, !want)
		}
	}
}

func TestDetectFormat(t *testing.T) {
	for in, want := range map[string]Format{
		"\xef\xbb\xbf <?xml version=\"1.0\"?>": FormatISO20022,
		"\n\n{1500}30":                         FormatFAIM,
		"YFT811 {1500}":                        FormatFAIM,
		"101 231380104":                        "",
		"":                                     "",
	} {
		if got, _ := DetectFormat([]byte(in)); got != want {
			t.Errorf("DetectFormat(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReaderNotFedwire(t *testing.T) {
	r := NewReader(bytes.NewReader([]byte("101 231380104 121042882")))
	if r.Next() || !errors.Is(r.Err(), ErrFormat) || len(r.Findings()) != 1 || r.Format() != "" {
		t.Errorf("err %v, findings %v, format %q", r.Err(), r.Findings(), r.Format())
	}
	r = NewReader(bytes.NewReader([]byte(" \n\t")))
	if r.Next() || r.Err() != nil {
		t.Errorf("blank input: %v", r.Err())
	}
}
