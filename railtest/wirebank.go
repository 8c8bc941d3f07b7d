package railtest

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/railyardhq/railyard/wire"
)

// WireReturnFile builds the pacs.004 the beneficiary's bank sends back
// through Fedwire for the pacs.008 of our file outgoing whose UETR is
// uetr: the whole amount returned with the ISO 20022 reason (AC04, ...),
// quoting the original IMAD, end-to-end id and UETR, sent one hour after
// the original (its IMAD from the returning bank's source BANKRET1). A
// UETR that is not in outgoing is an error.
func WireReturnFile(outgoing []byte, uetr, reason string) ([]byte, error) {
	t, err := findTransfer(outgoing, uetr)
	if err != nil {
		return nil, err
	}
	created := t.Created.Add(time.Hour)
	imad, err := wire.NewIMAD(created.In(wire.FedLocation), "BANKRET1", 1)
	if err != nil {
		return nil, err
	}
	return writeISO(&wire.ISOMessage{Type: wire.Pacs004, Return: &wire.PaymentReturn{
		MessageID: imad.String(), Created: created, OriginalRef: ref(t),
		OriginalAmount: t.Amount, Amount: t.Amount, SettlementDate: created.In(wire.FedLocation).Format(time.DateOnly),
		ChargeBearer: "CRED", InstructingAgent: t.CreditorAgent, InstructedAgent: t.DebtorAgent,
		ChainDebtor: wire.Party{Name: t.Creditor.Name}, ChainCreditor: wire.Party{Name: t.Debtor.Name},
		ChainCreditorAcct: t.DebtorAccount, Reason: reason, OriginalLocalInstrument: "CTRC"}})
}

// WireStatusFile builds the Fed's pacs.002 for the pacs.008 of outgoing
// whose UETR is uetr: status ACSC (settled), or RJCT with the Fed's reason
// (E433, ...) and its text.
func WireStatusFile(outgoing []byte, uetr, status, reason, text string) ([]byte, error) {
	t, err := findTransfer(outgoing, uetr)
	if err != nil {
		return nil, err
	}
	created := t.Created.Add(time.Minute)
	st := &wire.PaymentStatus{MessageID: "FDW" + strings.ReplaceAll(t.MessageID, " ", ""), Created: created, OriginalRef: ref(t),
		Status: status, InstructingAgent: wire.Party{MemberID: wire.FedAccountingABA}, InstructedAgent: t.InstructingAgent}
	if status == "ACSC" {
		st.Accepted, st.EffectiveDate = created, t.SettlementDate
	} else {
		st.Reason = reason
		if text != "" {
			st.AdditionalInfo = []string{text}
		}
	}
	return writeISO(&wire.ISOMessage{Type: wire.Pacs002, Status: st})
}

func findTransfer(outgoing []byte, uetr string) (*wire.CreditTransfer, error) {
	msgs, err := wire.NewISOReader(bytes.NewReader(outgoing)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("railtest: not an ISO 20022 file of ours: %w", err)
	}
	for _, m := range msgs {
		if m.Transfer != nil && m.Transfer.UETR == uetr {
			return m.Transfer, nil
		}
	}
	return nil, fmt.Errorf("railtest: no transfer with UETR %s in the file", uetr)
}

func ref(t *wire.CreditTransfer) wire.OriginalRef {
	return wire.OriginalRef{OriginalMessageID: t.MessageID, OriginalMessageType: "pacs.008.001.08", OriginalCreated: t.Created,
		OriginalEndToEndID: t.EndToEndID, OriginalUETR: t.UETR}
}

func writeISO(m *wire.ISOMessage) ([]byte, error) {
	var buf bytes.Buffer
	w := wire.NewISOWriter(&buf)
	if err := w.Write(m); err != nil {
		return nil, fmt.Errorf("railtest: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("railtest: %w", err)
	}
	return buf.Bytes(), nil
}
