package ach

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleFile is the sample PPD file at the repository root's testdata (the
// file the README's first command reads). go test ./ach -run TestSampleFile
// -update rewrites it.
const sampleFile = "../testdata/ach/sample-ppd.ach"

// sampleModel is a sandbox payroll run and a bill-pay collection, as an
// originator would send them to its ODFI. Everything is fixed, so the
// output is byte-for-byte reproducible.
func sampleModel() *File {
	const (
		odfi      = "12104288" // the ODFI's routing number 121042882, without its check digit
		companyID = "1470000001"
		company   = "RAILYARD SANDBOX"
	)
	entry := func(tx int, rtn, account string, cents int64, id, name string, seq int) Entry {
		return Entry{TransactionCode: tx, RDFIIdentification: rtn[:8], CheckDigit: rtn[8:], DFIAccountNumber: account,
			Amount: cents, IdentificationNumber: id, Name: name, TraceNumber: odfi + "000000" + string(rune('0'+seq))}
	}
	return &File{
		Header: FileHeader{
			PriorityCode:             "01",
			ImmediateDestination:     "231380104",
			ImmediateOrigin:          "121042882",
			FileCreationDate:         "261120",
			FileCreationTime:         "1530",
			FileIDModifier:           "A",
			ImmediateDestinationName: "FEDERAL RESERVE BANK",
			ImmediateOriginName:      company,
		},
		Batches: []Batch{
			{
				Header: BatchHeader{
					ServiceClassCode:         ServiceCredits,
					CompanyName:              company,
					CompanyDiscretionaryData: "BIWEEKLY PAY 47",
					CompanyIdentification:    companyID,
					StandardEntryClass:       "PPD",
					CompanyEntryDescription:  "PAYROLL",
					CompanyDescriptiveDate:   "NOV 23",
					EffectiveEntryDate:       "261123",
					OriginatorStatusCode:     "1",
					ODFIIdentification:       odfi,
				},
				Entries: []Entry{
					entry(22, "231380104", "4820175539", 214567, "EMP-00017", "ALICE JOHNSON", 1),
					entry(22, "121042882", "0093314421", 338012, "EMP-00023", "BRIAN NGUYEN", 2),
					entry(32, "091000019", "6654100987", 187500, "EMP-00031", "CARMEN DIAZ", 3),
					entry(22, "076401251", "2211009876", 296045, "EMP-00042", "DAVID OKAFOR", 4),
				},
			},
			{
				Header: BatchHeader{
					ServiceClassCode:         ServiceDebits,
					CompanyName:              company,
					CompanyDiscretionaryData: "UTILITY BILLING",
					CompanyIdentification:    companyID,
					StandardEntryClass:       "PPD",
					CompanyEntryDescription:  "BILLPAY",
					CompanyDescriptiveDate:   "NOV 26",
					EffectiveEntryDate:       "261123",
					OriginatorStatusCode:     "1",
					ODFIIdentification:       odfi,
				},
				Entries: []Entry{
					entry(27, "231380104", "7781234500", 8999, "ACCT-558201", "EMMA WILSON", 5),
					entry(27, "121042882", "3319087766", 14250, "ACCT-558347", "FRANK MORALES", 6),
				},
			},
		},
	}
}

func TestSampleFile(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	require.NoError(t, w.WriteFile(sampleModel()))
	require.Empty(t, w.Warnings())
	golden(t, sampleFile, buf.Bytes())

	data, err := os.ReadFile(sampleFile)
	require.NoError(t, err)
	r := NewReader(bytes.NewReader(data))
	f, err := r.ReadAll()
	require.NoError(t, err, "the sample must pass strict validation")
	assert.Empty(t, r.Findings(), "findings:%s", dumpFindings(r.Findings()))

	s := r.Summary()
	assert.Equal(t, 2, s.Batches)
	assert.Equal(t, 6, s.Entries)
	assert.Equal(t, int64(214567+338012+187500+296045), s.CreditTotal)
	assert.Equal(t, int64(8999+14250), s.DebitTotal)
	assert.Equal(t, 20, len(bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))), "12 records and 8 fill: two blocks")
	assert.Equal(t, "PAYROLL", f.Batches[0].Header.CompanyEntryDescription)
	assert.Equal(t, "RAILYARD SANDBOX", f.Batches[1].Header.CompanyName)
	for _, b := range f.Batches {
		for _, e := range b.Entries {
			assert.True(t, ValidRoutingNumber(e.RDFIIdentification+e.CheckDigit), e.RDFIIdentification)
		}
	}
}
