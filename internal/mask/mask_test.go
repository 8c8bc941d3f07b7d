package mask

import (
	"strings"
	"testing"
)

func TestAccount(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"   ", ""},
		{"1", "****"},
		{"12", "****"},
		{"1234", "****"},
		{"12345", "****2345"},
		{"12345678", "****5678"},
		{"12345678901234567", "****4567"},
		{"744-5678-99", "****8-99"},
		{"  12345678       ", "****5678"},
		{"ÄÖÜ12345", "****2345"},
		{"ÄÖÜßé", "****ÖÜßé"},
	}
	for _, tt := range tests {
		if got := Account(tt.in); got != tt.want {
			t.Errorf("Account(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAccountNeverShowsMoreThanFour(t *testing.T) {
	for n := 0; n <= 40; n++ {
		in := strings.Repeat("7", n)
		got := Account(in)
		if strings.Count(got, "7") > 4 {
			t.Errorf("Account(%d digits) = %q shows more than 4 characters", n, got)
		}
		if n > 0 && !strings.HasPrefix(got, Stars) {
			t.Errorf("Account(%d digits) = %q does not start with %q", n, got, Stars)
		}
	}
}

func TestCorrectedData(t *testing.T) {
	tests := []struct {
		code, in, want string
	}{
		{"C01", "1918171614", "****1614"},
		{"C01", "1918171614                   ", "****1614"},
		{"C02", "091000019", "091000019"},
		{"C03", "091000019   1918171614", "091000019 ****1614"},
		{"C03", "0910000191918171614", "091000019 ****1614"},
		{"C05", "32", "32"},
		{"C06", "1918171614          22", "****1614 22"},
		{"C06", "1918171614 22", "****1614 22"},
		{"C06", "1234567890123456722", "****4567 22"},
		{"C06", "1918171614", "****1614"},
		{"C07", "0910000191918171614       22", "091000019 ****1614 22"},
		{"C07", "091000019 1918171614 22", "091000019 ****1614 22"},
		{"C07", "091000019 1918171614", "091000019 ****1614"},
		{"C09", "ID-123456789", "****6789"},
		{"C13", "", ""},
		{"C14", "IAT", "IAT"},
		{"C61", "1918171614", "****1614"},
		{"C92", "1918171614", "****1614"},
		{"C03", "short", "****hort"},
	}
	for _, tt := range tests {
		if got := CorrectedData(tt.code, tt.in); got != tt.want {
			t.Errorf("CorrectedData(%q, %q) = %q, want %q", tt.code, tt.in, got, tt.want)
		}
	}
}
