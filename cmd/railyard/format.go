package main

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/railyardhq/railyard/ach"
)

// dollars formats cents as "$1,234.56".
func dollars(cents int64) string {
	sign := ""
	u := uint64(cents)
	if cents < 0 {
		sign = "-"
		u = -u
	}
	return fmt.Sprintf("%s$%s.%02d", sign, groupDigits(strconv.FormatUint(u/100, 10)), u%100)
}

// count formats n with thousands separators: 99,980.
func count(n int) string {
	if n < 0 {
		return "-" + groupDigits(strconv.Itoa(-n))
	}
	return groupDigits(strconv.Itoa(n))
}

func groupDigits(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(s[:head])
	for i := head; i < len(s); i += 3 {
		b.WriteByte(',')
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// plural returns "1 error" or "3 errors" ("1 entry", "2 entries").
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	switch {
	case strings.HasSuffix(word, "y"):
		word = word[:len(word)-1] + "ie"
	case strings.HasSuffix(word, "ch"):
		word += "e"
	}
	return count(n) + " " + word + "s"
}

// yymmdd renders a NACHA date (YYMMDD) as 2006-01-02, or quotes it as it
// is when it is not a date. NACHA dates have no century: 00-69 are read
// as 20xx, 70-99 as 19xx.
func yymmdd(s string) string {
	if len(s) != 6 || !isDigits(s) {
		if s == "" {
			return "(blank)"
		}
		return strconv.Quote(s)
	}
	m, d := atoi(s[2:4]), atoi(s[4:6])
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return strconv.Quote(s)
	}
	century := "20"
	if atoi(s[:2]) >= 70 {
		century = "19"
	}
	return century + s[:2] + "-" + s[2:4] + "-" + s[4:6]
}

// hhmm renders a NACHA time (HHMM) as 15:04.
func hhmm(s string) string {
	if len(s) != 4 || !isDigits(s) {
		return s
	}
	return s[:2] + ":" + s[2:]
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// serviceClassName says what a service class code means.
func serviceClassName(c int) string {
	switch c {
	case ach.ServiceMixed:
		return "debits and credits"
	case ach.ServiceCredits:
		return "credits only"
	case ach.ServiceDebits:
		return "debits only"
	case ach.ServiceADV:
		return "accounting advices"
	}
	return "unknown"
}

// finding is one validation finding in railyard's JSON output. Its keys
// line, record, field, value and message are a contract: they are always
// present, empty strings included.
type finding struct {
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Record string `json:"record"`
	Field  string `json:"field"`
	Value  string `json:"value"`
	// Expected is the value the rule wanted, when there is one.
	Expected string `json:"expected,omitempty"`
	Message  string `json:"message"`
	Severity string `json:"severity"`
	// Code is the ACH Operator's return reason code for this kind of
	// problem (R25, R26, …), when there is one.
	Code string `json:"code,omitempty"`
}

func newFinding(e *ach.ParseError) finding {
	return finding{Line: e.Line, Column: e.Column, Record: e.Record, Field: e.Field,
		Value: e.Value, Expected: e.Expected, Message: e.Msg, Severity: e.Severity.String(), Code: e.Code}
}

// splitFindings separates errors from warnings, each sorted by line (stable,
// so findings on one line keep the order the reader found them in).
func splitFindings(all []*ach.ParseError) (errs, warns []*ach.ParseError) {
	for _, e := range all {
		if e.Severity == ach.SeverityError {
			errs = append(errs, e)
		} else {
			warns = append(warns, e)
		}
	}
	byLine := func(a, b *ach.ParseError) int { return cmp.Compare(a.Line, b.Line) }
	slices.SortStableFunc(errs, byLine)
	slices.SortStableFunc(warns, byLine)
	return errs, warns
}

func toFindings(es []*ach.ParseError) []finding {
	out := make([]finding, 0, len(es))
	for _, e := range es {
		out = append(out, newFinding(e))
	}
	return out
}

// findingText formats a finding for people:
//
//	line 17 col 21: batch_control.total_debit = "44": <message>
func findingText(e *ach.ParseError) string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, " col %d", e.Column)
		}
	} else {
		b.WriteString("file")
	}
	b.WriteString(": ")
	if e.Record != "" {
		b.WriteString(e.Record)
		if e.Field != "" {
			b.WriteString(".")
			b.WriteString(e.Field)
		}
		if e.Value != "" {
			b.WriteString(" = ")
			b.WriteString(strconv.Quote(e.Value))
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxTextItems caps the returns and NOCs listed in text summaries; JSON
// lists them all.
const maxTextItems = 20
