package wire

import (
	"strings"
)

// FAIMReturn is what a FAIM message says about a wire it sends back
// (fedwire.md B6). Banks return wires two ways: a structured reversal
// (subtype 02 or 08) that names the original IMAD in {3500}, or, more
// often, a plain new transfer whose reason and references are free text
// in {6500} (sometimes {6000}). The codec extracts what the text holds; it
// does not decide which of our wires a return answers (ingest matches the
// references, then amount and counterparty) nor which platform code the
// reason means (returns.Policy.WRCode maps Code, else the keywords of
// Text).
type FAIMReturn struct {
	// Reversal is true for subtypes 02 (same-day) and 08 (prior-day).
	Reversal bool
	// Code is the ISO 20022 return reason given as "/RETN/AC04" in the
	// text, a convention borrowed from SWIFT MT field 72; "" without one.
	Code string
	// Text is the free text of {6500} then {6000}, elements joined with
	// spaces: the input of the reason keyword table.
	Text string
	// OriginalIMAD is {3500} (of a plain transfer, only when it is an
	// IMAD), else the first IMAD quoted in the text.
	OriginalIMAD string
	// OriginalUETR is a UUID quoted in the text, else the end-to-end id of
	// {3620} when it is a UUID (wire#421).
	OriginalUETR string
	// References are the other references the message quotes: the words
	// after REF markers in the text ("REF", "REF:", "OUR REF", "YOUR REF",
	// "ORIG REF", "REFERENCE"), when they hold a digit, then {4320}, where
	// banks usually echo the original's sender reference.
	References []string
}

// returnMarkers are the words that make a plain transfer's text read as a
// return (upper case, matched as whole words of the text).
var returnMarkers = []string{"RETURN", "RETURNED", "RETURNING", "RTN", "REVERSAL", "REVERSED", "REVERSING", "UNABLE TO APPLY", "/RETN/"}

// Return extracts what the message says about a wire it returns. ok is
// true when the message is a reversal, or its {6500}/{6000} text has a
// /RETN/ code, quotes an IMAD, or holds a return marker (RETURN, RETURNED,
// RTN, REVERSAL, UNABLE TO APPLY …). A message with ok false may still be a
// return a bank wrote without any of these: ingest can match any incoming
// transfer by amount and counterparty and read r.Text all the same.
func (m *FAIMMessage) Return() (r FAIMReturn, ok bool) {
	r.Reversal = reversalSubtype(m.Subtype())
	r.Text = m.Text(TagFIToFI, TagOBI)
	upper := strings.ToUpper(r.Text)
	if i := strings.Index(upper, "/RETN/"); i >= 0 {
		rest := upper[i+len("/RETN/"):]
		if len(rest) >= 4 && alnum(rest[:4], true) && (len(rest) == 4 || !isAlnumByte(rest[4])) {
			r.Code = rest[:4]
		}
	}
	if prev := strings.TrimSpace(m.PreviousIMAD()); r.Reversal {
		r.OriginalIMAD = prev
	} else if _, err := ParseIMAD(prev); err == nil {
		r.OriginalIMAD = prev // a transfer that names a previous message
	}
	if !r.Reversal || r.OriginalIMAD == "" {
		quoted := ""
		forEachWord(r.Text, func(w string) bool {
			if len(w) == 22 {
				if _, err := ParseIMAD(w); err == nil {
					quoted = w
					return false
				}
			}
			return true
		})
		if quoted != "" {
			r.OriginalIMAD = quoted
		}
	}
	forEachWord(r.Text, func(w string) bool {
		if looksUUID(w) {
			r.OriginalUETR = strings.ToLower(w)
			return false
		}
		return true
	})
	if e2e := m.Element(TagPaymentNotification, "end_to_end_identification"); r.OriginalUETR == "" && looksUUID(e2e) {
		r.OriginalUETR = strings.ToLower(e2e)
	}
	r.References = refsAfterMarkers(r.Text, r.OriginalIMAD)
	if ref := strings.TrimSpace(m.Field(TagBeneficiaryRef).Element(0)); ref != "" {
		r.References = appendUnique(r.References, ref)
	}
	marked := false
	for _, mk := range returnMarkers {
		if containsWord(upper, mk) {
			marked = true
			break
		}
	}
	ok = r.Reversal || r.Code != "" || r.OriginalIMAD != "" || marked
	return r, ok
}

func isAlnumByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// forEachWord calls f with each run of letters, digits and '-' of s until
// f returns false.
func forEachWord(s string, f func(string) bool) {
	for i := 0; i < len(s); {
		for i < len(s) && !isAlnumByte(s[i]) && s[i] != '-' {
			i++
		}
		j := i
		for j < len(s) && (isAlnumByte(s[j]) || s[j] == '-') {
			j++
		}
		if j > i && !f(strings.Trim(s[i:j], "-")) {
			return
		}
		i = j
	}
}

// containsWord reports whether upper holds w with no letter or digit on
// either side.
func containsWord(upper, w string) bool {
	for from := 0; ; {
		i := strings.Index(upper[from:], w)
		if i < 0 {
			return false
		}
		i += from
		j := i + len(w)
		if (i == 0 || !isAlnumByte(upper[i-1]) || !isAlnumByte(w[0])) && (j == len(upper) || !isAlnumByte(upper[j]) || !isAlnumByte(w[len(w)-1])) {
			return true
		}
		from = i + 1
	}
}

// refsAfterMarkers returns the words after REF markers that hold a digit.
func refsAfterMarkers(text, skip string) []string {
	var words []string
	forEachWord(text, func(w string) bool { words = append(words, w); return true })
	var out []string
	for i, w := range words {
		u := strings.ToUpper(w)
		if u != "REF" && u != "REFERENCE" && u != "REFNO" {
			continue
		}
		for _, next := range words[i+1 : min(i+3, len(words))] {
			if strings.EqualFold(next, "NO") || strings.EqualFold(next, "NUMBER") {
				continue
			}
			if strings.ContainsAny(next, "0123456789") && next != skip {
				out = appendUnique(out, next)
			}
			break
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}
