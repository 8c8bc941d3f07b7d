package railtest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/railyardhq/railyard/ach"
)

// An Item is one answer of the simulated bank to an entry of an outgoing
// file: a return (Code R01…, dishonored and contested codes too) or a
// notification of change (Code C01…, with CorrectedData laid out as the
// change code wants, returns.md §3.1).
type Item struct {
	// Trace is the trace number of the original entry.
	Trace string
	Code  string
	// CorrectedData is a NOC's addenda 98 positions 36-64; empty for a
	// return. With a C code and no CorrectedData, SuggestCorrection's is
	// used.
	CorrectedData string
	// AddendaInformation is a return's addenda 99 positions 36-79.
	AddendaInformation string
}

// ReturnFile answers the entry with trace number trace of original (a
// NACHA file railyard wrote) with the file the RDFI would send back
// through the ACH Operator: a return for an R code, a notification of
// change (with SuggestCorrection's corrected data) for a C code.
func ReturnFile(original []byte, trace, code string) ([]byte, error) {
	return BankFile(original, Item{Trace: trace, Code: code})
}

// NOCFile answers the entry with trace number trace of original with a
// notification of change carrying correctedData.
func NOCFile(original []byte, trace, code, correctedData string) ([]byte, error) {
	return BankFile(original, Item{Trace: trace, Code: code, CorrectedData: correctedData})
}

// BankFile builds one inbound file answering several entries of original.
// Returns keep the original batch header, as the Rules want, with the
// RDFI as the batch's DFI; NOCs go in COR batches. The return entry's
// transaction code is the original's return code (22 → 21, 27 → 26, …),
// its amount the original's (zero for a NOC), its receiving DFI our ODFI,
// and its trace a new one from the RDFI; the addenda carries the original
// trace and RDFI. The file header goes from the original destination back
// to the original origin, dated the original batch's effective date, so
// the bytes depend on the inputs only. The result passes ach's strict
// validation (unassigned codes such as R97 are allowed).
func BankFile(original []byte, items ...Item) ([]byte, error) {
	if len(items) == 0 {
		return nil, fmt.Errorf("railtest: bank file: no items")
	}
	rd := ach.NewReader(bytes.NewReader(original))
	rd.Options = ach.Options{Lenient: true, CustomReturnCodes: true}
	f, err := rd.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("railtest: bank file: original: %w", err)
	}
	type found struct {
		batch *ach.Batch
		entry *ach.Entry
	}
	byTrace := map[string]found{}
	for bi := range f.Batches {
		b := &f.Batches[bi]
		for ei := range b.Entries {
			byTrace[b.Entries[ei].TraceNumber] = found{b, &b.Entries[ei]}
		}
	}
	type group struct {
		key     string
		header  ach.BatchHeader
		rdfi    string
		entries []ach.Entry
	}
	var groups []*group
	index := map[string]*group{}
	eed := ""
	for _, it := range items {
		fd, ok := byTrace[it.Trace]
		if !ok {
			return nil, fmt.Errorf("railtest: bank file: no entry with trace %s in the original", it.Trace)
		}
		code := strings.ToUpper(strings.TrimSpace(it.Code))
		noc := strings.HasPrefix(code, "C")
		if !noc && !strings.HasPrefix(code, "R") {
			return nil, fmt.Errorf("railtest: bank file: code %q is neither a return (R..) nor a change (C..) code", it.Code)
		}
		o := fd.entry
		rdfi := o.RDFIIdentification
		key := fmt.Sprintf("%d/%t/%s", fd.batch.Header.BatchNumber, noc, rdfi)
		g := index[key]
		if g == nil {
			g = &group{key: key, header: fd.batch.Header, rdfi: rdfi}
			g.header.ODFIIdentification = rdfi
			g.header.BatchNumber = 0
			g.header.SettlementDate = ""
			if noc {
				g.header.StandardEntryClass = "COR"
				g.header.CompanyDescriptiveDate = ""
			}
			index[key] = g
			groups = append(groups, g)
		}
		if eed == "" {
			eed = fd.batch.Header.EffectiveEntryDate
		}
		odfi := it.Trace[:8]
		e := ach.Entry{TransactionCode: returnCode(o.TransactionCode), RDFIIdentification: odfi,
			DFIAccountNumber: o.DFIAccountNumber, Amount: o.Amount, IdentificationNumber: o.IdentificationNumber,
			Name: o.Name, DiscretionaryData: o.DiscretionaryData, PaymentTypeCode: o.PaymentTypeCode}
		a := ach.Addenda{Code: code, OriginalTraceNumber: it.Trace, OriginalRDFIIdentification: rdfi}
		if noc {
			e.Amount = 0
			a.TypeCode = "98"
			a.CorrectedData = it.CorrectedData
			if a.CorrectedData == "" {
				a.CorrectedData = SuggestCorrection(code, o)
			}
		} else {
			a.TypeCode = "99"
			a.AddendaInformation = it.AddendaInformation
		}
		e.Addenda = []ach.Addenda{a}
		g.entries = append(g.entries, e)
	}

	var buf bytes.Buffer
	w := ach.NewWriter(&buf)
	w.Options.CustomReturnCodes = true
	if eed == "" {
		eed = f.Header.FileCreationDate
	}
	if err := w.WriteFileHeader(&ach.FileHeader{
		PriorityCode: "01", ImmediateDestination: f.Header.ImmediateOrigin, ImmediateOrigin: f.Header.ImmediateDestination,
		FileCreationDate: eed, FileCreationTime: "0900", FileIDModifier: "A",
		ImmediateDestinationName: f.Header.ImmediateOriginName, ImmediateOriginName: f.Header.ImmediateDestinationName,
	}); err != nil {
		return nil, fmt.Errorf("railtest: bank file: %w", err)
	}
	seq := 0
	for _, g := range groups {
		credit, debit := false, false
		for _, e := range g.entries {
			if ach.IsCredit(e.TransactionCode) {
				credit = true
			} else {
				debit = true
			}
		}
		switch {
		case credit && debit:
			g.header.ServiceClassCode = ach.ServiceMixed
		case credit:
			g.header.ServiceClassCode = ach.ServiceCredits
		default:
			g.header.ServiceClassCode = ach.ServiceDebits
		}
		if err := w.WriteBatchHeader(&g.header); err != nil {
			return nil, fmt.Errorf("railtest: bank file: %w", err)
		}
		for i := range g.entries {
			seq++
			e := &g.entries[i]
			e.TraceNumber = fmt.Sprintf("%s%07d", g.rdfi, seq)
			if err := w.WriteEntry(e); err != nil {
				return nil, fmt.Errorf("railtest: bank file: %w", err)
			}
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("railtest: bank file: %w", err)
	}
	return buf.Bytes(), nil
}

// returnCode is the return (and NOC) transaction code of a forward one:
// 22 → 21, 27 → 26, 23 → 21, 28 → 26, 55 → 56, … (nacha.md §5.6).
func returnCode(code int) int {
	tens, ones := code/10*10, code%10
	switch {
	case code == 55:
		return 56
	case ones >= 1 && ones <= 4:
		return tens + 1
	case ones >= 6 && ones <= 9:
		return tens + 6
	}
	return code
}

// SuggestCorrection returns plausible corrected data for a change code
// and an original entry, laid out as returns.md §3.1 says: C01 a new
// account number, C02 a new routing number, C03 both, C05 a transaction
// code, C06 account and transaction code, C07 all three, C04 a name, C09
// an individual id. Other codes get the account number.
func SuggestCorrection(code string, o *ach.Entry) string {
	acct := o.DFIAccountNumber
	newAcct := acct
	if n := len(acct); n > 0 {
		last := acct[n-1]
		if last >= '0' && last < '9' {
			last++
		} else {
			last = '0'
		}
		newAcct = acct[:n-1] + string(last)
	}
	rtn := "091000019"
	tc := o.TransactionCode
	other := tc + 10 // checking ↔ savings
	if tc/10 == 3 {
		other = tc - 10
	}
	pad := func(s string, n int) string { return s + strings.Repeat(" ", max(0, n-len(s))) }
	switch strings.ToUpper(code) {
	case "C01":
		return newAcct
	case "C02":
		return rtn
	case "C03":
		return pad(rtn, 12) + newAcct
	case "C04":
		return "CORRECTED NAME"
	case "C05":
		return fmt.Sprintf("%02d", other)
	case "C06":
		return pad(newAcct, 20) + fmt.Sprintf("%02d", other)
	case "C07":
		return rtn + pad(newAcct, 17) + fmt.Sprintf("%02d", other)
	case "C09":
		return "ID0001"
	}
	return newAcct
}
