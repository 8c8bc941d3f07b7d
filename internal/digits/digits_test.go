package digits

import "testing"

func TestDigits(t *testing.T) {
	for _, tt := range []struct {
		rtn  string
		want bool
	}{{"021000021", true}, {"021000022", false}, {"121042882", true}, {"12104288", false}, {"12104288x", false}, {"", false}} {
		if got := ValidRouting(tt.rtn); got != tt.want {
			t.Errorf("ValidRouting(%q) = %v", tt.rtn, got)
		}
	}
	if CheckDigit([]byte("2310001")) != -1 || CheckDigit([]byte("23138010")) != 4 {
		t.Error("CheckDigit")
	}
	if n, ok := Parse([]byte("0012345")); !ok || n != 12345 {
		t.Error("Parse")
	}
	if _, ok := Parse([]byte("1234567890123456789")); ok {
		t.Error("Parse of 19 digits")
	}
	if _, ok := Parse([]byte("12 4")); ok {
		t.Error("Parse of a blank")
	}
	if !All(nil) || All([]byte("1a")) || !AllByte([]byte("   "), ' ') || AllByte([]byte(" 0"), ' ') {
		t.Error("All/AllByte")
	}
}
