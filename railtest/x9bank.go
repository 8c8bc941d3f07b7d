package railtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/railyardhq/railyard/rdc"
)

// X9ReturnFile builds the return cash letter a paying bank sends back for
// the items of our forward cash letter forward whose item sequence numbers
// (25.8) are seqs, each returned with the X9.100-188 reason (A, B, ...): a
// value return (collection type 03), returns indicator R (E for the
// administrative-only reasons V, 1 and 2), one bundle per cash letter of
// ours. Each return item is a 31 (payor routing, on-us, amount, reason,
// forward bundle date) with a 32 that quotes our 26 (return location,
// endorsement date, item sequence number, deposit account), and the
// item's images. A sequence number that is not in forward is an error.
func X9ReturnFile(forward []byte, reason string, seqs ...string) ([]byte, error) {
	if len(seqs) == 0 {
		return nil, errors.New("railtest: X9ReturnFile: no item sequence numbers")
	}
	if len(reason) != 1 {
		return nil, fmt.Errorf("railtest: X9ReturnFile: reason %q: want one character (A, B, ...)", reason)
	}
	want := map[string]bool{}
	for _, s := range seqs {
		want[s] = true
	}
	r := rdc.NewReader(bytes.NewReader(forward))
	var found []*rdc.Item
	for {
		it, err := r.ReadItem()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("railtest: X9ReturnFile: %w", err)
		}
		if it.Check != nil && want[it.Check.ItemSequence] {
			found = append(found, it)
			delete(want, it.Check.ItemSequence)
		}
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("railtest: X9ReturnFile: the forward file is not valid: %w", err)
	}
	if len(want) > 0 {
		var missing []string
		for _, s := range seqs {
			if want[s] {
				missing = append(missing, s)
			}
		}
		return nil, fmt.Errorf("railtest: X9ReturnFile: no item with sequence number %s in the file", strings.Join(missing, ", "))
	}
	indicator := "R"
	if strings.Contains("V12", reason) {
		indicator = "E"
	}
	var buf bytes.Buffer
	w := rdc.NewWriter(&buf)
	w.Encoding = r.Encoding()
	first := found[0]
	ours, payor := first.Bundle.ECERouting, first.Check.PayorBankRouting
	date := first.Bundle.BusinessDate
	steps := []func() error{
		func() error {
			return w.WriteFileHeader(&rdc.FileHeader{StandardLevel: "35", TestIndicator: "T", ImmediateDestination: ours,
				ImmediateOrigin: payor, CreationDate: date, CreationTime: "0800", ResendIndicator: "N", CountryCode: "US"})
		},
		func() error {
			return w.WriteCashLetterHeader(&rdc.CashLetterHeader{CollectionType: "03", DestinationRouting: ours,
				ECERouting: payor, BusinessDate: date, CreationDate: date, CreationTime: "0800", RecordTypeIndicator: "I",
				DocumentationTypeIndicator: "G", CashLetterID: "RETURN01", ReturnsIndicator: indicator})
		},
		func() error {
			return w.WriteBundleHeader(&rdc.BundleHeader{CollectionType: "03", DestinationRouting: ours, ECERouting: payor,
				BusinessDate: date, CreationDate: date, ID: "1", CycleNumber: "01"})
		},
	}
	for i, it := range found {
		c := it.Check
		ret := &rdc.Item{
			Return: &rdc.ReturnDetail{PayorBankRouting: c.PayorBankRouting, OnUs: c.OnUs, Amount: c.Amount,
				ReturnReason: reason, DocumentationTypeIndicator: "G", ForwardBundleDate: it.Bundle.BusinessDate,
				ItemSequence: fmt.Sprintf("%015d", 900001+i), ArchiveTypeIndicator: "B", TimesReturned: "1"},
			Views: it.Views,
		}
		for _, b := range it.BOFD {
			ret.BOFD = append(ret.BOFD, rdc.BOFDAddendum{ReturnLocationRouting: b.ReturnLocationRouting,
				EndorsementDate: b.EndorsementDate, ItemSequence: b.ItemSequence, DepositAccount: b.DepositAccount,
				TruncationIndicator: b.TruncationIndicator, ConversionIndicator: b.ConversionIndicator})
		}
		steps = append(steps, func() error { return w.WriteItem(ret) })
	}
	steps = append(steps, w.Close)
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("railtest: X9ReturnFile: %w", err)
		}
	}
	return buf.Bytes(), nil
}
