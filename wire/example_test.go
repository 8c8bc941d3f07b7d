package wire_test

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/railyardhq/railyard/wire"
)

// Two messages of a bank's FAIM file, one per line: a transfer, then a
// return sent as a new transfer whose reason is free text.
const bankFile = `{1500}30BANKRET1P {1510}1000{1520}20260120RETBANK1000041{2000}000000250000{3100}231380104CITADEL*{3400}121042882WELLS FARGO NA*{3600}CTR{4200}D98765432101234*RAILYARD SANDBOX INC*{5000}D5647772655*JANE Q PAYEE*
{1500}30BANKRET1P {1510}1000{1520}20260120RETBANK1000043{2000}000000099500{3100}231380104CITADEL*{3400}121042882WELLS FARGO NA*{3600}CTR{4200}D98765432101234*RAILYARD SANDBOX INC*{5000}D5647772655*JANE Q PAYEE*{6500}RETURN OF YOUR WIRE*ACCOUNT NUMBER INVALID*REF 20260119RAILYRD1000008*
`

func ExampleFAIMReader() {
	r := wire.NewFAIMReader(strings.NewReader(bankFile))
	for r.Next() {
		m := r.Message()
		amount, _ := m.Amount()
		fmt.Println(m.Index, m.IMAD(), m.TypeSubtype(), m.BusinessFunction(), amount, m.Element(wire.TagBeneficiary, "name"))
		if ret, ok := m.Return(); ok {
			fmt.Printf("  returns %s: %q\n", ret.OriginalIMAD, ret.Text)
		}
	}
	if err := r.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 1 20260120RETBANK1000041 1000 CTR 250000 RAILYARD SANDBOX INC
	// 2 20260120RETBANK1000043 1000 CTR 99500 RAILYARD SANDBOX INC
	//   returns 20260119RAILYRD1000008: "RETURN OF YOUR WIRE ACCOUNT NUMBER INVALID REF 20260119RAILYRD1000008"
}

func ExampleFAIMWriter() {
	m := &wire.FAIMMessage{}
	m.Set(wire.TagSenderSupplied, "30", "RAILYARD", "T", " ")
	m.Set(wire.TagTypeSubtype, "10", "00")
	m.Set(wire.TagIMAD, "20260119", "RAILYRD1", "000001")
	m.Set(wire.TagAmount, "000000150000")
	m.Set(wire.TagSenderDI, "121042882")
	m.Set(wire.TagReceiverDI, "231380104")
	m.Set(wire.TagBusinessFunction, "CTR")
	m.Set(wire.TagBeneficiary, "D", "5647772655", "JANE Q PAYEE")
	m.Set(wire.TagOriginator, "D", "98765432101234", "RAILYARD SANDBOX INC")

	// One message per line (the default); {1500} ends with a significant
	// space: message duplication code " ", an original message.
	w := wire.NewFAIMWriter(os.Stdout)
	if err := w.Write(m); err != nil {
		log.Fatal(err)
	}
	w.Flush()
	// Output:
	// {1500}30RAILYARDT {1510}1000{1520}20260119RAILYRD1000001{2000}000000150000{3100}121042882{3400}231380104{3600}CTR{4200}D5647772655*JANE Q PAYEE*{5000}D98765432101234*RAILYARD SANDBOX INC*
}

func ExampleISOWriter() {
	// The IMAD and UETR are allocated and stored before the file is
	// written: the writer never invents them.
	cycle := wire.InputCycleDate(time.Date(2026, 1, 19, 16, 30, 0, 0, time.UTC), nil)
	imad, _ := wire.NewIMAD(cycle, "RAILYRD1", 1)
	uetr, _ := wire.NewUETR(bytes.NewReader(bytes.Repeat([]byte{0x5a}, 16))) // crypto/rand in production
	t := &wire.CreditTransfer{
		MessageID: imad.String(), UETR: uetr, EndToEndID: "tx_0001",
		Created: time.Date(2026, 1, 19, 16, 30, 0, 0, time.UTC), SettlementDate: "2026-01-19",
		Amount:           150000,
		InstructingAgent: wire.Party{MemberID: "121042882"}, InstructedAgent: wire.Party{MemberID: "231380104"},
		Debtor: wire.Party{Name: "Railyard Sandbox Inc"}, DebtorAccount: wire.Account{ID: "98765432101234"},
		DebtorAgent: wire.Party{MemberID: "121042882"}, CreditorAgent: wire.Party{MemberID: "231380104"},
		Creditor: wire.Party{Name: "Jane Q Payee"}, CreditorAccount: wire.Account{ID: "5647772655"},
	}
	var buf bytes.Buffer
	w := wire.NewISOWriter(&buf)
	if err := w.WriteTransfer(wire.Pacs008, t); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		for _, el := range []string{"<MsgDefIdr>", "<BizSvc>", "<MsgId>", "<CreDtTm>", "<UETR>", "<Prtry>", "IntrBkSttlmAmt", "<ChrgBr>"} {
			if strings.Contains(line, el) {
				fmt.Println(strings.TrimSpace(line))
			}
		}
	}
	// Output:
	// <MsgDefIdr>pacs.008.001.08</MsgDefIdr>
	// <BizSvc>TEST</BizSvc>
	// <MsgId>20260119RAILYRD1000001</MsgId>
	// <CreDtTm>2026-01-19T11:30:00-05:00</CreDtTm>
	// <UETR>5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a</UETR>
	// <Prtry>CTRC</Prtry>
	// <IntrBkSttlmAmt Ccy="USD">1500.00</IntrBkSttlmAmt>
	// <ChrgBr>SHAR</ChrgBr>
}

func ExampleReader() {
	r := wire.NewReader(strings.NewReader(bankFile))
	for r.Next() {
		s := r.Summary()
		fmt.Println(r.Format(), s.Index, s.Kind, s.IMAD, s.AmountCents)
		if s.IsReturn() {
			fmt.Println("  original", s.OriginalIMAD)
		}
	}
	if err := r.Err(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// faim 1 transfer 20260120RETBANK1000041 250000
	// faim 2 return 20260120RETBANK1000043 99500
	//   original 20260119RAILYRD1000008
}

func ExampleInputCycleDate() {
	// The Fedwire funds-transfer day opens at 9:00 p.m. Eastern the day
	// before: an instruction at 6:30 p.m. Pacific on Friday 23 January 2026
	// (9:30 p.m. Eastern) belongs to Monday's cycle.
	pt, _ := time.LoadLocation("America/Los_Angeles")
	at := time.Date(2026, 1, 23, 18, 30, 0, 0, pt)
	fmt.Println(wire.InputCycleDate(at, nil).Format("2006-01-02 Monday"))
	// Output: 2026-01-26 Monday
}

func ExampleISOWriter_WriteCBPR() {
	// A SWIFT wire: our bank (WFBIUS6S) instructs its correspondent
	// (CHASUS33) to pay an account at BNP Paribas. The rail checks the
	// $1,000 minimum (WR17) and the beneficiary's IBAN before this.
	const iban = "FR7630006000011234567890189"
	if err := wire.CheckBeneficiaryIBAN("FR", iban); err != nil {
		log.Fatal(err) // WR04 with the seed's words
	}
	t := &wire.CreditTransfer{
		MessageID: "RY20260119SWIFT000001", EndToEndID: "tx-0001", // FIN X: no '_'
		UETR:    "6f9619ff-8b86-4d11-b42d-00c04fc964ff",
		Created: time.Date(2026, 1, 19, 16, 30, 0, 0, time.UTC), SettlementDate: "2026-01-19",
		Amount: 250000, ChargeBearer: "SHAR",
		InstructingAgent: wire.Party{BIC: "WFBIUS6SXXX"}, InstructedAgent: wire.Party{BIC: "CHASUS33XXX"},
		Debtor:      wire.Party{Name: "Railyard Sandbox Inc", Address: wire.Address{TownName: "San Francisco", Country: "US"}},
		DebtorAgent: wire.Party{BIC: "WFBIUS6SXXX"}, CreditorAgent: wire.Party{BIC: "BNPAFRPPXXX"},
		Creditor:        wire.Party{Name: "Jeanne Dupont", Address: wire.Address{TownName: "Paris", Country: "FR"}},
		CreditorAccount: wire.Account{IBAN: iban},
	}
	var buf bytes.Buffer
	w := wire.NewISOWriter(&buf)
	if err := w.WriteCBPR(t); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		for _, el := range []string{"<AppHdr", "<BICFI>", "<BizSvc>", "<SttlmMtd>", "IntrBkSttlmAmt", "<ChrgBr>", "<IBAN>"} {
			if strings.Contains(line, el) {
				fmt.Println(strings.TrimSpace(line))
			}
		}
	}
	r := wire.NewReader(&buf)
	for r.Next() {
		s := r.Summary()
		fmt.Println(r.ISO().Profile, s.Type, s.Kind, s.IMAD, s.UETR, s.AmountCents, s.Valid)
	}
	// Output:
	// <AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">
	// <BICFI>WFBIUS6SXXX</BICFI>
	// <BICFI>CHASUS33XXX</BICFI>
	// <BizSvc>swift.cbprplus.03</BizSvc>
	// <SttlmMtd>INDA</SttlmMtd>
	// <IntrBkSttlmAmt Ccy="USD">2500.00</IntrBkSttlmAmt>
	// <ChrgBr>SHAR</ChrgBr>
	// <BICFI>WFBIUS6SXXX</BICFI>
	// <BICFI>CHASUS33XXX</BICFI>
	// <BICFI>WFBIUS6SXXX</BICFI>
	// <BICFI>BNPAFRPPXXX</BICFI>
	// <IBAN>FR7630006000011234567890189</IBAN>
	// cbpr+ pacs.008 transfer RY20260119SWIFT000001 6f9619ff-8b86-4d11-b42d-00c04fc964ff 250000 true
}

func ExampleValidIBAN() {
	for _, s := range []string{"GB29NWBK60161331926819", "GB28NWBK60161331926819", "DE8937040044053201300"} {
		fmt.Println(s, wire.ValidIBAN(s))
	}
	fmt.Println(wire.IBANRequired("FR"), wire.IBANRequired("US"))
	// Output:
	// GB29NWBK60161331926819 <nil>
	// GB28NWBK60161331926819 wire: IBAN "GB28NWBK60161331926819" fails the mod 97 check digits
	// DE8937040044053201300 wire: IBAN "DE8937040044053201300" has 21 characters; an IBAN of DE has 22
	// true false
}
