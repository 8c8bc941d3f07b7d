package main

import (
	"testing"

	"github.com/railyardhq/railyard/ach"
	"github.com/stretchr/testify/assert"
)

func TestDollars(t *testing.T) {
	for cents, want := range map[int64]string{
		0: "$0.00", 5: "$0.05", 100: "$1.00", 123456: "$1,234.56", 100000000: "$1,000,000.00",
		-4565: "-$45.65", 99999999999999: "$999,999,999,999.99",
	} {
		assert.Equal(t, want, dollars(cents), "%d cents", cents)
	}
}

func TestCountAndPlural(t *testing.T) {
	assert.Equal(t, "0", count(0))
	assert.Equal(t, "999", count(999))
	assert.Equal(t, "99,980", count(99980))
	assert.Equal(t, "1,000,000", count(1000000))
	assert.Equal(t, "1 error", plural(1, "error"))
	assert.Equal(t, "0 errors", plural(0, "error"))
	assert.Equal(t, "2 entries", plural(2, "entry"))
	assert.Equal(t, "3 batches", plural(3, "batch"))
}

func TestDates(t *testing.T) {
	assert.Equal(t, "2018-10-17", yymmdd("181017"))
	assert.Equal(t, "1999-12-31", yymmdd("991231"))
	assert.Equal(t, `"000000"`, yymmdd("000000"))
	assert.Equal(t, "(blank)", yymmdd(""))
	assert.Equal(t, "03:06", hhmm("0306"))
}

func TestFindingText(t *testing.T) {
	assert.Equal(t, `line 17 col 21: batch_control.total_debit = "44": does not match`,
		findingText(&ach.ParseError{Line: 17, Column: 21, Record: "batch_control", Field: "total_debit", Value: "44", Msg: "does not match"}))
	assert.Equal(t, `line 3: entry_detail: bad`, findingText(&ach.ParseError{Line: 3, Record: "entry_detail", Msg: "bad"}))
	assert.Equal(t, `file: file is empty`, findingText(&ach.ParseError{Msg: "file is empty"}))
}

func TestSplitFindingsSortsStably(t *testing.T) {
	a := &ach.ParseError{Line: 9, Msg: "a"}
	b := &ach.ParseError{Line: 2, Msg: "b"}
	c := &ach.ParseError{Line: 9, Msg: "c"}
	w := &ach.ParseError{Line: 1, Msg: "w", Severity: ach.SeverityWarning}
	errs, warns := splitFindings([]*ach.ParseError{a, w, b, c})
	assert.Equal(t, []*ach.ParseError{b, a, c}, errs)
	assert.Equal(t, []*ach.ParseError{w}, warns)
}
