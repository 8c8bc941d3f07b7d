package cutoffs

import "testing"

// TestReturnDeadlines is the table of spec §7.3.
func TestReturnDeadlines(t *testing.T) {
	c := FedCalendar()
	tests := []struct{ s, twoBD, platform3, plus60, sixtyCD, dishonor string }{
		{"2026-01-02", "2026-01-06", "2026-01-07", "2026-03-03", "2026-03-04", "2026-01-13"},
		{"2026-05-01", "2026-05-05", "2026-05-06", "2026-06-30", "2026-07-01", "2026-05-12"},
		{"2026-10-16", "2026-10-20", "2026-10-21", "2026-12-15", "2026-12-16", "2026-10-27"},
		{"2026-11-02", "2026-11-04", "2026-11-05", "2027-01-01", "2027-01-04", "2026-11-12"},
		{"2026-11-25", "2026-11-30", "2026-12-01", "2027-01-24", "2027-01-25", "2026-12-07"},
		{"2026-12-31", "2027-01-05", "2027-01-06", "2027-03-01", "2027-03-02", "2027-01-12"},
		{"2027-05-06", "2027-05-10", "2027-05-11", "2027-07-05", "2027-07-06", "2027-05-17"},
		{"2027-10-29", "2027-11-02", "2027-11-03", "2027-12-28", "2027-12-29", "2027-11-09"},
	}
	for _, tt := range tests {
		s := d(t, tt.s)
		rs := c.ReturnDeadline(s, Return2BD) // the dishonor column takes RS = S + 2 BD
		for _, x := range []struct {
			name string
			got  Date
			want string
		}{
			{"2-BD deadline", c.ReturnDeadline(s, Return2BD), tt.twoBD},
			{"NOC deadline", c.NOCDeadline(s), tt.twoBD},
			{"platform 3 BD", c.LatenessDeadline(s, Return2BD), tt.platform3},
			{"S + 60", s.AddDays(60), tt.plus60},
			{"60-CD deadline", c.ReturnDeadline(s, Return60CD), tt.sixtyCD},
			{"60-CD lateness", c.LatenessDeadline(s, Return60CD), tt.sixtyCD},
			{"dishonor", c.DishonorDeadline(rs), tt.dishonor},
		} {
			if x.got.String() != x.want {
				t.Errorf("S=%s: %s = %s, want %s", tt.s, x.name, x.got, x.want)
			}
		}
	}
	if got := c.ReturnDeadline(d(t, "2026-01-02"), 0); !got.IsZero() {
		t.Errorf("unknown window: %s", got)
	}
}

func TestOtherDeadlines(t *testing.T) {
	c := FedCalendar()
	for _, x := range []struct {
		name string
		got  Date
		want string
	}{
		{"contest, DS = Thu 2026-12-24", c.ContestDeadline(d(t, "2026-12-24")), "2026-12-29"},
		{"dishonor, RS = Mon 2026-12-21", c.DishonorDeadline(d(t, "2026-12-21")), "2026-12-29"},
		{"NOC applied, received Thu 2026-06-18", c.NOCApplyDeadline(d(t, "2026-06-18")), "2026-06-29"},
		{"refused NOC, received 2026-06-18", RefusedNOCDeadline(d(t, "2026-06-18")), "2026-07-03"},
		{"reinitiation, S = 2026-01-02", ReinitiationDeadline(d(t, "2026-01-02")), "2026-07-01"},
		{"R11 corrected entry, RS = 2026-11-02", CorrectedEntryDeadline(d(t, "2026-11-02")), "2027-01-01"},
		{"reversal, S = 2026-12-21", c.ReversalDeadline(d(t, "2026-12-21")), "2026-12-29"},
		{"prenote wait, S = 2026-11-24", c.PrenoteWaitEnd(d(t, "2026-11-24")), "2026-11-30"},
		{"RDC return, S = 2026-11-02", RDCReturnDeadline(d(t, "2026-11-02")), "2027-01-01"},
		// §7.4: deposit day → available (+6 BD) and NSF window end (+3 BD).
		{"RDC available 11-24", c.RDCAvailableDate(d(t, "2026-11-24"), DefaultRDCHoldDays), "2026-12-03"},
		{"RDC NSF 11-24", c.RDCNSFWindowEnd(d(t, "2026-11-24")), "2026-11-30"},
		{"RDC NSF 11-25", c.RDCNSFWindowEnd(d(t, "2026-11-25")), "2026-12-01"},
		{"RDC NSF 12-24", c.RDCNSFWindowEnd(d(t, "2026-12-24")), "2026-12-30"},
		{"RDC NSF 2026-01-20", c.RDCNSFWindowEnd(d(t, "2026-01-20")), "2026-01-23"},
		{"RDC NSF 2027-07-06", c.RDCNSFWindowEnd(d(t, "2027-07-06")), "2027-07-09"},
		{"RDC NSF 2027-12-24", c.RDCNSFWindowEnd(d(t, "2027-12-24")), "2027-12-29"},
	} {
		if x.got.String() != x.want {
			t.Errorf("%s = %s, want %s", x.name, x.got, x.want)
		}
	}
}

// TestLateReturn is the platform's late-return test (returns.md §4.2),
// around the boundaries of S = Mon 2026-11-02 (3 BD: Thu 11-05;
// NBD(S+60): Mon 2027-01-04).
func TestLateReturn(t *testing.T) {
	c := FedCalendar()
	s := d(t, "2026-11-02")
	for _, tt := range []struct {
		received string
		w        ReturnWindow
		want     Lateness
	}{
		{"2026-11-04", Return2BD, ReturnTimely}, // the network deadline
		{"2026-11-05", Return2BD, ReturnTimely}, // the platform's tolerance: still timely
		{"2026-11-06", Return2BD, ReturnLate},
		{"2026-11-07", Return2BD, ReturnLate}, // a Saturday: counts as Mon 11-09
		{"2027-01-04", Return2BD, ReturnLate}, // the 60-day boundary
		{"2027-01-01", Return2BD, ReturnLate}, // closed: counts as 01-04
		{"2027-01-05", Return2BD, ReturnTooLate},
		{"2026-12-15", Return60CD, ReturnTimely},
		{"2027-01-04", Return60CD, ReturnTimely}, // received on the deadline: on time
		{"2027-01-02", Return60CD, ReturnTimely}, // Saturday, counts as 01-04
		{"2027-01-05", Return60CD, ReturnTooLate},
	} {
		if got := c.LateReturn(s, d(t, tt.received), tt.w); got != tt.want {
			t.Errorf("LateReturn(S=%s, received %s, %d) = %s, want %s", s, tt.received, tt.w, got, tt.want)
		}
	}
	if ReturnTimely.String() != "timely" || ReturnLate.String() != "late" || ReturnTooLate.String() != "too_late" {
		t.Error("Lateness.String")
	}
}
