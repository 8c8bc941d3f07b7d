package ach_test

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/railyardhq/railyard/ach"
)

// payrollFile is a small PPD file: one batch, a payroll credit and a
// bill-pay debit with an addenda 05.
const payrollFile = "" +
	"101 231380104 1210428822611200900A094101FEDERAL RESERVE BANK   RAILYARD TEST                  \n" +
	"5200RAILYARD TEST                       1470000001PPDPAYROLL         261123   1121042880000001\n" +
	"6222313801044820175539       0000214567EMP-00017      ALICE JOHNSON           0121042880000001\n" +
	"6270764012512211009876       0000008999ACCT-558201    EMMA WILSON             1121042880000002\n" +
	"705NOVEMBER UTILITY BILL                                                           00010000002\n" +
	"820000000300307781350000000089990000002145671470000001                         121042880000001\n" +
	"9000001000001000000030030778135000000008999000000214567                                       \n" +
	"9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999\n" +
	"9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999\n" +
	"9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999\n"

func ExampleReader() {
	r := ach.NewReader(strings.NewReader(payrollFile))
	for r.Next() {
		rec := r.Record()
		switch rec.Layout() {
		case "file_header":
			h := rec.FileHeader()
			fmt.Println(rec.Line, rec.Layout(), h.ImmediateDestination, h.FileCreationDate)
		case "batch_header":
			h := rec.BatchHeader()
			fmt.Println(rec.Line, rec.Layout(), h.StandardEntryClass, h.CompanyEntryDescription)
		case "entry_detail":
			e := rec.Entry()
			fmt.Println(rec.Line, rec.Layout(), e.TransactionCode, e.Amount, e.Name, e.TraceNumber)
		case "addenda_05":
			fmt.Println(rec.Line, rec.Layout(), rec.Addenda().PaymentRelatedInformation)
		case "batch_control":
			c := rec.BatchControl()
			fmt.Println(rec.Line, rec.Layout(), c.EntryAddendaCount, c.TotalDebit, c.TotalCredit)
		case "file_control":
			c := rec.FileControl()
			fmt.Println(rec.Line, rec.Layout(), c.BatchCount, c.BlockCount, c.EntryHash)
		default:
			fmt.Println(rec.Line, rec.Layout())
		}
	}
	if err := r.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 1 file_header 231380104 261120
	// 2 batch_header PPD PAYROLL
	// 3 entry_detail 22 214567 ALICE JOHNSON 121042880000001
	// 4 entry_detail 27 8999 EMMA WILSON 121042880000002
	// 5 addenda_05 NOVEMBER UTILITY BILL
	// 6 batch_control 3 8999 214567
	// 7 file_control 1 1 30778135
	// 8 block_fill
	// 9 block_fill
	// 10 block_fill
}

func ExampleWriter() {
	var buf bytes.Buffer
	w := ach.NewWriter(&buf)
	check := func(err error) {
		if err != nil {
			log.Fatal(err)
		}
	}
	check(w.WriteFileHeader(&ach.FileHeader{
		PriorityCode:             "01",
		ImmediateDestination:     "231380104",
		ImmediateOrigin:          "121042882",
		FileCreationDate:         "261120",
		FileCreationTime:         "1530",
		FileIDModifier:           "A",
		ImmediateDestinationName: "FEDERAL RESERVE BANK",
		ImmediateOriginName:      "RAILYARD SANDBOX",
		ReferenceCode:            "PAY47",
	}))
	check(w.WriteBatchHeader(&ach.BatchHeader{
		ServiceClassCode:        ach.ServiceCredits,
		CompanyName:             "RAILYARD SANDBOX",
		CompanyIdentification:   "1470000001",
		StandardEntryClass:      "PPD",
		CompanyEntryDescription: "PAYROLL",
		EffectiveEntryDate:      "261123",
		OriginatorStatusCode:    "1",
		ODFIIdentification:      "12104288",
	}))
	// The check digit, the addenda indicator and every control are computed.
	check(w.WriteEntry(&ach.Entry{
		TransactionCode:      22,
		RDFIIdentification:   "23138010",
		DFIAccountNumber:     "4820175539",
		Amount:               214567, // $2,145.67
		IdentificationNumber: "EMP-00017",
		Name:                 "ALICE JOHNSON",
		TraceNumber:          "121042880000001",
	}))
	check(w.Close())

	// Records are 94 bytes; the file control ends in 39 blanks, which an
	// example's output cannot show, so trim them before printing.
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		os.Stdout.WriteString(strings.TrimRight(line, " \n") + "\n")
	}
	// Output:
	// 101 231380104 1210428822611201530A094101FEDERAL RESERVE BANK   RAILYARD SANDBOX       PAY47
	// 5220RAILYARD SANDBOX                    1470000001PPDPAYROLL         261123   1121042880000001
	// 6222313801044820175539       0000214567EMP-00017      ALICE JOHNSON           0121042880000001
	// 822000000100231380100000000000000000002145671470000001                         121042880000001
	// 9000001000001000000010023138010000000000000000000214567
	// 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
	// 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
	// 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
	// 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
	// 9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
}

// returnFile is what an RDFI sends back: two returned bill-pay debits.
const returnFile = "" +
	"101 121042882 2313801042611200900A094101FEDERAL RESERVE BANK   RAILYARD TEST                  \n" +
	"5200RAILYARD SANDBOX                    1470000001PPDBILLPAY         261123   1231380100000001\n" +
	"6261210428822211009876       0000008999ACCT-558201    EMMA WILSON             1231380100000001\n" +
	"799R01121042880000005      23138010                                            231380100000001\n" +
	"6261210428823319087766       0000014250ACCT-558347    FRANK MORALES           1231380100000002\n" +
	"799R03121042880000006      12104288NO ACCOUNT                                  231380100000002\n" +
	"820000000400242085760000000232490000000000001470000001                         231380100000001\n" +
	"9000001000001000000040024208576000000023249000000000000                                       \n" +
	"9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999\n" +
	"9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999\n"

func ExampleReader_ReadAll() {
	r := ach.NewReader(strings.NewReader(returnFile))
	r.Options = ach.Options{Lenient: true} // inbound bank files: accept the usual quirks
	f, err := r.ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range f.Batches {
		for _, e := range b.Entries {
			if !e.Kind(b.Header.StandardEntryClass).IsReturn() {
				continue
			}
			a := e.Addenda[0]
			fmt.Printf("%s %s original trace %s, $%d.%02d\n", e.Kind(b.Header.StandardEntryClass), a.Code,
				a.OriginalTraceNumber, e.Amount/100, e.Amount%100)
		}
	}
	// The Summary lists the same returns while the file streams.
	for _, ret := range r.Summary().Returns {
		fmt.Println(ret.Code, ret.OriginalTrace, "line", ret.Line)
	}
	// Output:
	// return R01 original trace 121042880000005, $89.99
	// return R03 original trace 121042880000006, $142.50
	// R01 121042880000005 line 4
	// R03 121042880000006 line 6
}
