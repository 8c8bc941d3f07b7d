// Package digits holds the byte-level digit helpers railyard's codecs
// share: routing number check digits and the all-digits and all-blank
// tests of fixed-width fields. Standard library only; nothing allocates.
package digits

// All reports whether every byte of p is an ASCII digit (true for empty p).
func All(p []byte) bool {
	for _, c := range p {
		if c-'0' > 9 {
			return false
		}
	}
	return true
}

// AllByte reports whether every byte of p is b (true for empty p).
func AllByte(p []byte, b byte) bool {
	for _, c := range p {
		if c != b {
			return false
		}
	}
	return true
}

// Parse returns the number p's digits spell: 1 to 18 ASCII digits, else
// ok is false.
func Parse(p []byte) (n int64, ok bool) {
	if len(p) == 0 || len(p) > 18 {
		return 0, false
	}
	for _, c := range p {
		d := c - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int64(d)
	}
	return n, true
}

// CheckDigit returns the ABA routing number check digit (weights 3 7 1,
// mod 10) of the eight digits p, or -1 if p is not eight digits.
func CheckDigit(p []byte) int {
	if len(p) != 8 || !All(p) {
		return -1
	}
	sum := 3*int(p[0]-'0') + 7*int(p[1]-'0') + int(p[2]-'0') +
		3*int(p[3]-'0') + 7*int(p[4]-'0') + int(p[5]-'0') +
		3*int(p[6]-'0') + 7*int(p[7]-'0')
	return (10 - sum%10) % 10
}

// ValidRouting reports whether s is nine digits whose last is the check
// digit of the first eight.
func ValidRouting(s string) bool {
	if len(s) != 9 || !All([]byte(s)) {
		return false
	}
	return CheckDigit([]byte(s[:8])) == int(s[8]-'0')
}
