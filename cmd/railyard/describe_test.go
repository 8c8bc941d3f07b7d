package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/railyardhq/railyard/ach"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDescribeGoldenReturn(t *testing.T) {
	path := corpus(t, "inbound/return-WEB.ach")
	r := railyard(t, "", "ach", "describe", path)
	require.Equal(t, exitOK, r.code, r.stderr)
	for _, want := range []string{"R01 original trace 091400600000001", "R03 original trace 091400600000003", "return"} {
		assert.Contains(t, r.stdout, want)
	}
	golden(t, "describe-return-WEB.txt", r.stdout)
}

func TestDescribeGoldenGenerated(t *testing.T) {
	data := string(encode(t, ppdFile()))
	r := railyard(t, data, "ach", "describe", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	golden(t, "describe-generated.txt", r.stdout)
	r = railyard(t, data, "ach", "describe", "-", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	golden(t, "describe-generated.json", r.stdout)
}

func TestDescribeMasksAccounts(t *testing.T) {
	path := validPPD(t)
	for _, output := range []string{"text", "json"} {
		r := railyard(t, "", "ach", "describe", path, "--output", output)
		require.Equal(t, exitOK, r.code, r.stderr)
		for _, acct := range []string{acctCredit, acctDebit} {
			assert.NotContains(t, r.stdout, acct, "%s output shows a whole account number", output)
			assert.NotContains(t, r.stdout, acct[:len(acct)-4], "%s output shows the hidden part of an account number", output)
		}
		assert.Contains(t, r.stdout, "****1234")
		assert.Contains(t, r.stdout, "****5678")

		r = railyard(t, "", "ach", "describe", path, "--output", output, "--unmask")
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Contains(t, r.stdout, acctCredit)
		assert.Contains(t, r.stdout, acctDebit)
	}
}

// A NOC's corrected account number is masked too.
func TestDescribeMasksNOC(t *testing.T) {
	noc := corpus(t, "inbound/cor-example.ach")
	for _, output := range []string{"text", "json"} {
		r := railyard(t, "", "ach", "describe", noc, "--output", output)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.NotContains(t, r.stdout, "1918171614", output)
		assert.NotContains(t, r.stdout, "744-5678-99", output)
		r = railyard(t, "", "ach", "describe", noc, "--output", output, "--unmask")
		assert.Contains(t, r.stdout, "1918171614", output)
	}
}

// bigBatch is a valid file with one batch of n credits.
func bigBatch(t *testing.T, n int) []byte {
	f := ppdFile()
	b := &f.Batches[0]
	b.Header.ServiceClassCode = ach.ServiceCredits
	b.Entries = nil
	for i := range n {
		b.Entries = append(b.Entries, ach.Entry{TransactionCode: 22, RDFIIdentification: "23138010",
			DFIAccountNumber: acctCredit, Amount: 100, Name: "PAYEE", IdentificationNumber: "ID",
			TraceNumber: fmt.Sprintf("1210428800%05d", i+1)})
	}
	return encode(t, f)
}

func TestDescribeEntriesLimit(t *testing.T) {
	data := string(bigBatch(t, 25))
	r := railyard(t, data, "ach", "describe", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, 20, strings.Count(r.stdout, " forward "), r.stdout)
	assert.Contains(t, r.stdout, "… and 5 more entries (--entries 0 lists all)")
	assert.Contains(t, r.stdout, "totals         25 entries")

	r = railyard(t, data, "ach", "describe", "-", "--entries", "0")
	assert.Equal(t, 25, strings.Count(r.stdout, " forward "))
	assert.NotContains(t, r.stdout, "more entries")

	r = railyard(t, data, "ach", "describe", "-", "--entries", "3", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var doc struct {
		Masked     bool `json:"masked"`
		FileHeader *struct {
			Line                 int    `json:"line"`
			ImmediateDestination string `json:"immediate_destination"`
		} `json:"file_header"`
		Batches []struct {
			Line    int `json:"line"`
			Number  int `json:"number"`
			Header  ach.BatchHeader
			Entries []entryView `json:"entries"`
			Omitted int         `json:"entries_omitted"`
			Control *struct {
				Line int `json:"line"`
			} `json:"control"`
			Totals batchTotals `json:"totals"`
		} `json:"batches"`
		FileControl *struct {
			Line       int `json:"line"`
			BatchCount int `json:"batch_count"`
		} `json:"file_control"`
		Summary  ach.Summary `json:"summary"`
		Findings struct {
			Errors   int    `json:"errors"`
			Warnings int    `json:"warnings"`
			See      string `json:"see"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc), r.stdout)
	assert.True(t, doc.Masked)
	require.NotNil(t, doc.FileHeader)
	assert.Equal(t, "231380104", doc.FileHeader.ImmediateDestination)
	require.Len(t, doc.Batches, 1)
	b := doc.Batches[0]
	assert.Equal(t, "PPD", b.Header.StandardEntryClass)
	assert.Len(t, b.Entries, 3)
	assert.Equal(t, 22, b.Omitted)
	assert.Equal(t, batchTotals{Entries: 25, CreditTotal: 2500}, b.Totals)
	require.NotNil(t, b.Control)
	assert.Equal(t, 28, b.Control.Line)
	e := b.Entries[0]
	assert.Equal(t, entryView{Line: 3, TransactionCode: 22, Kind: "forward", RDFIRouting: "231380104",
		Account: "****1234", AmountCents: 100, Name: "PAYEE", Trace: "121042880000001"}, e)
	require.NotNil(t, doc.FileControl)
	assert.Equal(t, 1, doc.FileControl.BatchCount)
	assert.Equal(t, 25, doc.Summary.Entries)
	assert.Equal(t, "railyard ach validate --lenient -", doc.Findings.See)
}

func TestDescribeFindingsHint(t *testing.T) {
	path := invalidPPD(t)
	r := railyard(t, "", "ach", "describe", path)
	require.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "findings: 0 errors, 1 warning (lenient profile); to list them: railyard ach validate --lenient "+path)
	r = railyard(t, "", "ach", "describe", "--lenient=false", path)
	require.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, "findings: 1 error, 0 warnings (strict profile); to list them: railyard ach validate "+path)
}

func TestDescribeReturnEntries(t *testing.T) {
	path := corpus(t, "inbound/return-WEB.ach")
	r := railyard(t, "", "ach", "describe", path, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var doc struct {
		Batches []struct {
			Entries []entryView `json:"entries"`
		} `json:"batches"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &doc))
	require.Len(t, doc.Batches, 2)
	require.Len(t, doc.Batches[0].Entries, 1)
	e := doc.Batches[0].Entries[0]
	assert.Equal(t, "return", e.Kind)
	require.NotNil(t, e.Return)
	assert.Equal(t, returnView{Code: "R01", OriginalTrace: "091400600000001"}, *e.Return)
	assert.Equal(t, "091400600000003", doc.Batches[1].Entries[0].Return.OriginalTrace)
}
