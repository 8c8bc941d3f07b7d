package returns_test

import (
	"fmt"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/returns"
)

func ExampleLookup() {
	in, err := returns.Lookup("R02")
	if err != nil {
		panic(err)
	}
	fmt.Println(in.Code, in.Description, in.Category, in.LocksNode, in.LocksUser, in.Window)
	// Output: R02 Account Closed administrative true false 2 banking days
}

func ExamplePolicy_MapACHReturn() {
	p := returns.DefaultPolicy()
	s := cutoffs.Date{Year: 2026, Month: 11, Day: 25} // Wed; Thanksgiving on Thursday
	for _, recv := range []int{6, 7, 62} {
		sc, err := p.MapACHReturn(returns.ACHReturn{Code: "R01", OriginalTrace: "091400600000001", TransactionCode: 26},
			returns.Context{Settled: s, Received: s.AddDays(recv)})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s %s %q %s %s\n", s.AddDays(recv), sc.Timeliness, sc.Status, sc.Action, sc.Note)
	}
	// Output:
	// 2026-12-01 timely "RETURNED"  [Returned on Debit] R01 -- Insufficient Funds
	// 2026-12-02 late "RETURNED" dishonor_by_hand [Returned on Debit] R01 -- Insufficient Funds
	// 2027-01-26 too_late "" dishonor [Return Dishonored] R68 -- Untimely Return (R01)
}

func ExamplePolicy_CHRCode() {
	p := returns.DefaultPolicy()
	for _, ind := range []string{"R", "E"} {
		code, _, _, _ := p.CHRCode("T", ind)
		fmt.Println(ind, code)
	}
	// Output:
	// R CHR20
	// E CHR32
}

func ExamplePolicy_MapWireReturn() {
	sc, _ := returns.DefaultPolicy().MapWireReturn(returns.WireReturn{Format: returns.ISO20022, Reason: "AC04",
		UETR: "8a562c67-ca16-48ba-b074-65581be6f011"}, returns.Context{})
	fmt.Println(sc.Code, sc.Ref.Kind, sc.Note)
	// Output: WR03 uetr [Returned on Credit] WR03 -- Account Closed/Frozen
}

func ExampleParseCorrectedData() {
	d, warns, err := returns.ParseCorrectedData("C07", "121042882 1234567 22")
	fmt.Println(d.RoutingNumber, d.AccountNumber, d.TransactionCode, d.AccountClass, len(warns), err)
	// Output: 121042882 1234567 22 CHECKING 1 <nil>
}
