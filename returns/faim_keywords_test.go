package returns

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// faimCase is one FAIM return text and the WR code it must map to. row is
// the keyword row (its WR code) the case exercises: a positive when want
// is row, a near miss when it is not.
type faimCase struct {
	row, text, want string
}

// faimCases are bank texts as they arrive in {6500}/{6000} (elements
// joined by '*' or blanks), for every WR code of the default keyword
// table: positives, and near misses that must not map to that row.
var faimCases = []faimCase{
	// WR03: closed, frozen, blocked.
	{"WR03", "ACCOUNT CLOSED", "WR03"},
	{"WR03", "/BNF/ACCT CLOSED - RETURN OF FUNDS", "WR03"},
	{"WR03", "BENEFICIARY ACCOUNT HAS BEEN CLOSED*ORIG IMAD 20260119RAILYRD1000007*", "WR03"},
	{"WR03", "RTN FUNDS - ACCT FROZEN BY COURT ORDER", "WR03"},
	{"WR03", "Account blocked per bank policy", "WR03"},
	{"WR03", "ACCOUNT NUMBER 12345678 IS CLOSED", "WR03"},
	{"WR03", "ACCOUNT   -   CLOSED", "WR03"},
	{"WR03", "account,closed.", "WR03"},
	{"WR03", "RESTRICTED ACCOUNT", "WR03"},
	{"WR03", "ACCOUNT CLOSED PER BENEFICIARY BANK", "WR03"}, // ties with WR01's PER BENEFICIARY: the earlier row
	{"WR03", "AS DISCLOSED", "WR02"},
	{"WR03", "AMOUNT AS DISCLOSED IN OUR MT199 OF 01/19", "WR02"},
	{"WR03", "ENCLOSED PLEASE FIND OUR RETURN OF FUNDS", "WR02"},
	{"WR03", "FUNDS UNBLOCKED AND SENT BACK", "WR02"},
	{"WR03", "RESTRICTED COUNTRY", "WR02"},
	{"WR03", "NAME DOES NOT MATCH - ACCOUNT CLOSED", "WR08"},

	// WR08: name mismatch.
	{"WR08", "BENEFICIARY NAME DOES NOT MATCH", "WR08"},
	{"WR08", "NAME DOES NOT MATCH ACCOUNT NUMBER", "WR08"},
	{"WR08", "BENEFICIARY NAME AND ACCOUNT NUMBER DO NOT MATCH", "WR08"},
	{"WR08", "NAME/ACCOUNT MISMATCH", "WR08"},
	{"WR08", "ACCOUNT NAME MISMATCH*OUR REF 7781*", "WR08"},
	{"WR08", "Beneficiary name doesn't match our records", "WR08"},
	{"WR08", "NAMES DO NOT MATCH", "WR08"},
	{"WR08", "NAME MISMATCH - INVALID ACCOUNT", "WR08"}, // ties with WR10: the earlier row
	{"WR08", "FILENAME MISMATCH", "WR02"},
	{"WR08", "AMOUNT DOES NOT MATCH INVOICE", "WR02"},
	{"WR08", "RENAMED PAYEE - NOT MATCHED", "WR02"},
	{"WR08", "NAME MATCHES - ACCOUNT CLOSED", "WR03"},

	// WR10: invalid account number, no account.
	{"WR10", "OUR REF*FED*ACC*NUMBER IS INVALID*", "WR10"},
	{"WR10", "RETURN OF YOUR WIRE ACCOUNT NUMBER INVALID REF 20260119RAILYRD1000008", "WR10"},
	{"WR10", "INVALID ACCT NO", "WR10"},
	{"WR10", "INVALID A/C", "WR10"},
	{"WR10", "NO SUCH ACCOUNT", "WR10"},
	{"WR10", "NO ACCOUNT ON FILE", "WR10"},
	{"WR10", "UNABLE TO LOCATE ACCOUNT", "WR10"},
	{"WR10", "UNABLE TO LOCATE BENEFICIARY", "WR10"},
	{"WR10", "ACCOUNT NOT FOUND", "WR10"},
	{"WR10", "ACCOUNT NUMBER DOES NOT EXIST", "WR10"},
	{"WR10", "WRONG ACCOUNT NUMBER", "WR10"},
	{"WR10", "Incorrect account number - please resend", "WR10"},
	{"WR10", "INVALID ACCOUNTING REFERENCE", "WR02"},
	{"WR10", "RETURN OF FUNDS TO ACCOUNT NUMBER 12345678", "WR02"},
	{"WR10", "DUPLICATE PAYMENT TO ACCOUNT NUMBER 12345678", "WR11"},
	{"WR10", "ACCOUNT NUMBER 12345678 IS DORMANT", "WR09"},
	{"WR10", "NO ACCOUNTS PAYABLE CONTACT", "WR02"},

	// WR11: duplicate.
	{"WR11", "DUPLICATE PAYMENT", "WR11"},
	{"WR11", "DUPLICATE WIRE - ALREADY CREDITED", "WR11"},
	{"WR11", "Duplicate transfer, returning 2nd wire", "WR11"},
	{"WR11", "PAYMENT DUPLICATED", "WR11"},
	{"WR11", "OUR REF DUPLICATE7781", "WR02"},
	{"WR11", "NONDUPLICATED REFERENCE", "WR02"},

	// WR13: recall, returned at our (the sending FI's) request.
	{"WR13", "RETURNED PER YOUR REQUEST", "WR13"},
	{"WR13", "AS PER YOUR RECALL REQUEST", "WR13"},
	{"WR13", "RECALLED BY ORIGINATOR", "WR13"},
	{"WR13", "RETURN PER ORIGINATOR", "WR13"},
	{"WR13", "PER YOUR CANCELLATION REQUEST OF 01/19", "WR13"},
	{"WR13", "Returned at your request", "WR13"},
	{"WR13", "PER YOUR EMAIL OF 01/19", "WR02"},
	{"WR13", "PRECALL VERIFICATION FAILED", "WR02"},
	{"WR13", "REQUEST PER YOUR", "WR02"},

	// WR01: per customer (beneficiary) request.
	{"WR01", "RETURN PER CUSTOMER REQUEST", "WR01"},
	{"WR01", "RETURNED PER BENEFICIARY", "WR01"},
	{"WR01", "AT BENEFICIARY'S REQUEST", "WR01"},
	{"WR01", "REFUSED BY BENEFICIARY", "WR01"},
	{"WR01", "Customer requested return of funds", "WR01"},
	{"WR01", "CUSTOMER SERVICE REQUEST 4471", "WR02"},
	{"WR01", "SUPER BENEFICIARYCO LLC", "WR02"},

	// WR09: inactive, dormant.
	{"WR09", "ACCOUNT INACTIVE", "WR09"},
	{"WR09", "DORMANT ACCOUNT", "WR09"},
	{"WR09", "BENEFICIARY ACCOUNT IS DORMANT", "WR09"},
	{"WR09", "ACCOUNT NOT ACTIVE", "WR09"},
	{"WR09", "ACCOUNT IS ACTIVE", "WR02"},
	{"WR09", "INACTIVITY FEE REFUND", "WR02"},

	// WR04: compliance.
	{"WR04", "COMPLIANCE REASONS", "WR04"},
	{"WR04", "OFAC REVIEW", "WR04"},
	{"WR04", "Returned due to regulatory requirements", "WR04"},
	{"WR04", "SANCTIONS SCREENING", "WR04"},
	{"WR04", "ADDITIONAL DOCUMENTS REQUIRED", "WR04"},
	{"WR04", "ADDITIONAL INFO TO FOLLOW*DOCUMENTS ATTACHED*", "WR02"},
	{"WR04", "PROOFACCOUNTING LTD", "WR02"},

	// Nothing matches: WR02.
	{"", "no reason given", "WR02"},
	{"", "", "WR02"},
}

// TestFAIMKeywordCases maps every case through WRCode, as a FAIM return
// without /RETN/.
func TestFAIMKeywordCases(t *testing.T) {
	p := DefaultPolicy()
	for _, c := range faimCases {
		code, raw, warns, unknown, err := p.WRCode(WireReturn{Format: FAIM, AdditionalInfo: c.text})
		require.NoError(t, err, c.text)
		assert.Equal(t, c.want, code, "%q (row %s)", c.text, c.row)
		assert.Equal(t, c.text, raw, c.text)
		assert.Empty(t, warns, c.text)
		assert.False(t, unknown, c.text)
	}
}

// TestFAIMKeywordCoverage: every WR code of the default table has a
// positive case and a near miss.
func TestFAIMKeywordCoverage(t *testing.T) {
	pos, neg := map[string]int{}, map[string]int{}
	for _, c := range faimCases {
		if c.want == c.row {
			pos[c.row]++
		} else {
			neg[c.row]++
		}
	}
	for _, k := range FAIMKeywords() {
		assert.NotZero(t, pos[k.WR], "no positive case for %s", k.WR)
		assert.NotZero(t, neg[k.WR], "no near miss for %s", k.WR)
	}
}

// TestFAIMKeywordWords: keywords match whole words and word sequences,
// whatever the case, blanks and punctuation.
func TestFAIMKeywordWords(t *testing.T) {
	table := []Keyword{{Any: []string{"ACCOUNT CLOSED"}, WR: "WR03"}}
	p := &Policy{Keywords: table}
	for text, want := range map[string]string{
		"ACCOUNT CLOSED":          "WR03",
		"account closed":          "WR03",
		"  Account\t  Closed  ":   "WR03",
		"ACCOUNT*CLOSED*":         "WR03",
		"ACCOUNT-CLOSED":          "WR03",
		"(ACCOUNT) CLOSED.":       "WR03",
		"ACCOUNTCLOSED":           "WR02",
		"SUBACCOUNT CLOSED":       "WR02",
		"ACCOUNT CLOSEDOUT":       "WR02",
		"ACCOUNT WAS CLOSED":      "WR02",
		"CLOSED ACCOUNT":          "WR02",
		"ACCOUNT 2 CLOSED":        "WR02",
		"ACCOUNT CLOSED2":         "WR02",
		"ÉACCOUNT CLOSED":         "WR02",
		"MULTI: ACCOUNT, CLOSED!": "WR03",
	} {
		code, _, _, _, err := p.WRCode(WireReturn{Format: FAIM, AdditionalInfo: text})
		require.NoError(t, err, text)
		assert.Equal(t, want, code, "%q", text)
	}
	// A keyword is read as words too: punctuation in it is a separator.
	p.Keywords = []Keyword{{Any: []string{"A/C  closed"}, WR: "WR03"}}
	code, _, _, _, _ := p.WRCode(WireReturn{Format: FAIM, AdditionalInfo: "A C CLOSED"})
	assert.Equal(t, "WR03", code)
}

// TestFAIMKeywordSpecificity: the row with the longest match wins; rows
// matching with as many words keep table order.
func TestFAIMKeywordSpecificity(t *testing.T) {
	wr := func(table []Keyword, text string) string {
		code, _, _, _, err := (&Policy{Keywords: table}).WRCode(WireReturn{Format: FAIM, AdditionalInfo: text})
		require.NoError(t, err)
		return code
	}
	closed := Keyword{Any: []string{"CLOSED"}, WR: "WR03"}
	frozen := Keyword{Any: []string{"FROZEN"}, WR: "WR09"}
	acctNo := Keyword{Any: []string{"ACCOUNT NUMBER"}, WR: "WR10"}
	name := Keyword{Words: []string{"NAME"}, Any: []string{"MISMATCH", "DOES NOT MATCH"}, WR: "WR08"}

	assert.Equal(t, "WR03", wr([]Keyword{closed, frozen}, "CLOSED FROZEN"))
	assert.Equal(t, "WR09", wr([]Keyword{frozen, closed}, "CLOSED FROZEN"))
	assert.Equal(t, "WR10", wr([]Keyword{closed, acctNo}, "ACCOUNT NUMBER CLOSED"))
	// Words and the longest phrase of Any count: NAME + DOES NOT MATCH is 4.
	assert.Equal(t, "WR08", wr([]Keyword{acctNo, name}, "NAME DOES NOT MATCH ACCOUNT NUMBER"))
	// NAME + MISMATCH is 2, as long as ACCOUNT NUMBER: table order.
	assert.Equal(t, "WR10", wr([]Keyword{acctNo, name}, "NAME MISMATCH ACCOUNT NUMBER"))
	assert.Equal(t, "WR08", wr([]Keyword{name, acctNo}, "NAME MISMATCH ACCOUNT NUMBER"))
	// Words without Any: all of them must be there.
	both := Keyword{Words: []string{"ACCOUNT", "CLOSED"}, WR: "WR03"}
	assert.Equal(t, "WR03", wr([]Keyword{both}, "CLOSED: ACCOUNT 1234"))
	assert.Equal(t, "WR02", wr([]Keyword{both}, "ACCOUNT 1234"))
	// A row without phrases matches any text, with no words: a default.
	assert.Equal(t, "WR01", wr([]Keyword{{WR: "WR01"}}, "anything"))
	assert.Equal(t, "WR03", wr([]Keyword{{WR: "WR01"}, closed}, "CLOSED"))
	// An empty table maps everything to WR02.
	assert.Equal(t, "WR02", wr([]Keyword{}, "CLOSED"))
}

// TestFAIMUnusableRETN: a /RETN/ code that is too short, malformed or not
// a known ISO reason falls back to the keywords, with a warning; with no
// keyword either the code is unknown.
func TestFAIMUnusableRETN(t *testing.T) {
	strict, lenient := DefaultPolicy(), &Policy{Lenient: true}
	for _, tt := range []struct {
		r    WireReturn
		want string
		bad  string // the code the warning names
	}{
		{WireReturn{Format: FAIM, AdditionalInfo: "/RETN/AC*ACCOUNT CLOSED*"}, "WR03", `"AC"`},
		{WireReturn{Format: FAIM, AdditionalInfo: "/RETN/AC0 DUPLICATE PAYMENT"}, "WR11", `"AC0"`},
		{WireReturn{Format: FAIM, AdditionalInfo: "/RETN/AC04X*NAME DOES NOT MATCH*"}, "WR08", `"AC04X"`},
		{WireReturn{Format: FAIM, AdditionalInfo: "/RETN/*NO SUCH ACCOUNT*"}, "WR10", `""`},
		{WireReturn{Format: FAIM, AdditionalInfo: "/RETN/??*ACCOUNT FROZEN"}, "WR03", `""`},
		{WireReturn{Format: FAIM, AdditionalInfo: "/RETN/ZZ99*DORMANT ACCOUNT*"}, "WR09", `"ZZ99"`},
		{WireReturn{Format: FAIM, AdditionalInfo: "/retn/xx*per your request"}, "WR13", `"XX"`},
		// The codec's Reason, when a caller hands over a bad one.
		{WireReturn{Format: FAIM, Reason: "AC", AdditionalInfo: "ACCOUNT CLOSED"}, "WR03", `"AC"`},
		{WireReturn{Format: FAIM, Reason: "ZZ99", AdditionalInfo: "/RETN/ZZ99 OFAC"}, "WR04", `"ZZ99"`},
	} {
		for _, p := range []*Policy{strict, lenient} {
			code, raw, warns, unknown, err := p.WRCode(tt.r)
			require.NoError(t, err, tt.r.AdditionalInfo)
			assert.Equal(t, tt.want, code, tt.r.AdditionalInfo)
			assert.False(t, unknown, tt.r.AdditionalInfo)
			assert.Equal(t, tt.r.AdditionalInfo, raw, "the text decided")
			require.Len(t, warns, 1, tt.r.AdditionalInfo)
			assert.Contains(t, warns[0], "/RETN/ code "+tt.bad+" is not usable", tt.r.AdditionalInfo)
			assert.Contains(t, warns[0], "keywords", tt.r.AdditionalInfo)
		}
	}

	// Neither the code nor the keywords: unknown.
	for text, raw := range map[string]string{
		"/RETN/ZZ*NO REASON GIVEN*":   "ZZ",
		"/RETN/ZZ99*NO REASON GIVEN*": "ZZ99",
		"/RETN/":                      "/RETN/",
	} {
		_, _, _, _, err := strict.WRCode(WireReturn{Format: FAIM, AdditionalInfo: text})
		assert.ErrorIs(t, err, ErrUnknownCode, text)
		code, gotRaw, warns, unknown, err := lenient.WRCode(WireReturn{Format: FAIM, AdditionalInfo: text})
		require.NoError(t, err, text)
		assert.Equal(t, "WR02", code, text)
		assert.True(t, unknown, text)
		assert.Equal(t, raw, gotRaw, text)
		require.Len(t, warns, 1, text)
		assert.Contains(t, warns[0], "not usable", text)
		sc, err := lenient.MapWireReturn(WireReturn{Format: FAIM, AdditionalInfo: text, IMAD: "20260120RETBANK1000042"}, Context{})
		require.NoError(t, err)
		assert.True(t, sc.Unknown)
		assert.Equal(t, ActionReview, sc.Action)
		assert.Equal(t, Returned, sc.Status)
	}

	// A usable code decides and the text is not read.
	code, raw, warns, unknown, err := strict.WRCode(WireReturn{Format: FAIM, AdditionalInfo: "/RETN/AC04*DUPLICATE*"})
	require.NoError(t, err)
	assert.Equal(t, "WR03", code)
	assert.Equal(t, "AC04", raw)
	assert.Empty(t, warns)
	assert.False(t, unknown)
	code, raw, _, _, err = strict.WRCode(WireReturn{Format: FAIM, Reason: "be01", AdditionalInfo: "ACCOUNT CLOSED"})
	require.NoError(t, err)
	assert.Equal(t, "WR08", code)
	assert.Equal(t, "BE01", raw)
	// A known code without a WR of its own keeps today's fallback.
	code, _, warns, _, err = strict.WRCode(WireReturn{Format: FAIM, AdditionalInfo: "/RETN/NARR*ACCOUNT CLOSED"})
	require.NoError(t, err)
	assert.Equal(t, "WR02", code)
	require.Len(t, warns, 1)
	assert.True(t, strings.Contains(warns[0], "NARR"))
}
