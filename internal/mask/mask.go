// Package mask hides sensitive values — account numbers above all — in
// what railyard shows to people: text output, logs, describe listings.
//
// The rule is one for every value: the last four characters stay, and
// everything before them becomes a fixed "****", so that neither the
// digits nor the length of the hidden part leak:
//
//	Account("12345678")          == "****5678"
//	Account("00012345678901234") == "****1234"
//	Account("1234")              == "****"
//	Account("")                  == ""
//
// Machine outputs (JSON meant for other programs, converted files) are data
// and are never masked; callers decide where masking applies.
package mask

import "strings"

// Stars is what replaces the hidden part of a value.
const Stars = "****"

// keep is how many trailing characters Account leaves visible.
const keep = 4

// Account masks an account number, keeping its last four characters after
// a fixed "****". Surrounding blanks (NACHA fields are space-padded) are
// dropped first. A value of four characters or fewer is masked whole as
// "****"; an empty or blank value stays empty.
func Account(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	r := []rune(s)
	if len(r) <= keep {
		return Stars
	}
	return Stars + string(r[len(r)-keep:])
}

// CorrectedData masks the Corrected Data of a notification of change
// (addenda 98) for the change code that says how to read it. Codes whose
// corrected data holds an account or identification number have that part
// masked with Account; the routing number (C03, C07) and transaction code
// (C06, C07) stay readable, and so does the data of codes that carry no
// account (C02 routing number, C05 transaction code, C13, C14). Anything
// else — refused NOCs (C61-C69), unknown codes — is masked whole, since its
// layout cannot be trusted.
//
// Both the fixed positions of the Rules and the space-separated form some
// banks write are understood.
func CorrectedData(code, data string) string {
	data = strings.TrimSpace(data)
	if data == "" {
		return ""
	}
	switch code {
	case "C02", "C04", "C05", "C08", "C13", "C14":
		return data
	case "C01", "C09":
		return Account(data)
	case "C03":
		// Routing number 1-9, blank 10-12, account 13-29.
		if rtn, rest, ok := routingPrefix(data); ok {
			return rtn + " " + Account(rest)
		}
	case "C06":
		// Account 1-17, blank 18-20, transaction code 21-22.
		if acct, tc, ok := trailingCode(data); ok {
			return Account(acct) + " " + tc
		}
	case "C07":
		// Routing number 1-9, account 10-26, transaction code 27-28.
		if rtn, rest, ok := routingPrefix(data); ok {
			if acct, tc, ok := trailingCode(rest); ok {
				return rtn + " " + Account(acct) + " " + tc
			}
			return rtn + " " + Account(rest)
		}
	}
	return Account(data)
}

// routingPrefix splits off a leading nine-digit routing number.
func routingPrefix(s string) (rtn, rest string, ok bool) {
	if len(s) <= 9 || !digits(s[:9]) {
		return "", "", false
	}
	rest = strings.TrimSpace(s[9:])
	return s[:9], rest, rest != ""
}

// trailingCode splits off a two-digit transaction code that ends s after
// at least one blank, or, in the fixed layout, after a 17-character account
// field.
func trailingCode(s string) (acct, tc string, ok bool) {
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		tc = s[i+1:]
		if len(tc) == 2 && digits(tc) {
			return strings.TrimSpace(s[:i]), tc, true
		}
		return "", "", false
	}
	if len(s) == 19 && digits(s[17:]) {
		return s[:17], s[17:], true
	}
	return "", "", false
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
