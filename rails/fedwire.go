package rails

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/returns"
	"github.com/railyardhq/railyard/wire"
)

// The Fedwire adapter: how a window's domestic wires become one ISO 20022
// file of pacs.008 customer credit transfers (fedwire.md).
//
// Submission. A wire (rail wire) is a credit to the beneficiary in
// Counterparty (name, ABA routing number, account) with the details of
// Wire (address lines, an optional intermediary bank, the purpose). Submit
// runs the pre-flight checks that would otherwise come back as a return,
// and names the platform's WR code in the reason: WR16 for the
// beneficiary's name, WR15 for its address, WR10 for the account number.
//
// Files. One file per window, "wire/<batch date>/<window>.xml": a batch
// envelope of head.001 + pacs.008 messages, one per wire, in the window's
// ID order, BizSvc TEST unless Config.Wire.Production. Each message's
// MsgId is its IMAD: the Fedwire input cycle date of the cutoff, the
// configured input source and a sequence from the counter
// "imad:<source>:<cycle date>", which is the transaction's Trace. Its
// UETR is a version 4 UUID made from the SHA-256 of the IMAD and the
// transaction ID: unique, and the same on a rebuild. The creation time is
// the cutoff, so the bytes are a pure function of the claim.

// wireParams is Plan.Params of a wire window.
type wireParams struct {
	Kind       string `json:"kind"` // "pacs.008"
	Production bool   `json:"production,omitempty"`
	Cycle      string `json:"cycle_date"` // YYYYMMDD
	Created    string `json:"created"`    // RFC 3339
	Settlement string `json:"settlement_date"`
	Messages   int    `json:"messages"`
	TotalCents int64  `json:"total_cents"`
	SHA256     string `json:"sha256"`
	// The originator, as configured when the window was claimed.
	ODFI       string   `json:"odfi"`
	Originator string   `json:"originator"`
	Account    string   `json:"originator_account"`
	Address    []string `json:"originator_address"`
	// SWIFT (Kind "cbpr"): our BIC, the correspondent's, our town and
	// country.
	BIC           string `json:"bic,omitempty"`
	Correspondent string `json:"correspondent_bic,omitempty"`
	Town          string `json:"originator_town,omitempty"`
	Country       string `json:"originator_country,omitempty"`
}

// wireParams.Kind: CBPR+ pacs.008 (a SWIFT window), FAIM (a Fedwire
// window with Config.Wire.Format "faim"); a Fedwire pacs.008 otherwise.
const (
	kindCBPR = "cbpr"
	kindFAIM = "faim"
)

// validateWire runs the pre-flight checks of a Fedwire transfer.
func (e *Engine) validateWire(tx *Transaction, bad func(string, ...any)) {
	if tx.Direction != Credit {
		bad("direction: a wire is a credit to the beneficiary")
	}
	if n := tx.Counterparty.Name; len(n) > 140 || strings.ContainsAny(n, "\r\n{}") {
		bad("counterparty.name: WR16 invalid beneficiary name: at most 140 characters, no line breaks or braces")
	}
	if a := tx.Counterparty.AccountNumber; len(a) > 34 || strings.Trim(a, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") != "" {
		bad("counterparty.account_number: WR10 invalid account number format: 1 to 34 letters, digits or hyphens")
	}
	w := tx.Wire
	if w == nil || len(w.Address) == 0 {
		bad("wire.address: WR15 invalid beneficiary address: 1 to 3 lines required")
		return
	}
	if len(w.Address) > 3 {
		bad("wire.address: WR15 invalid beneficiary address: at most 3 lines")
	}
	for i, l := range w.Address {
		if strings.TrimSpace(l) == "" || len(l) > 35 || !printableASCII(l) || strings.ContainsAny(l, "{}") {
			bad("wire.address[%d]: WR15 invalid beneficiary address: 1 to 35 printable characters, no braces", i)
		}
	}
	if r := w.IntermediaryRouting; r != "" && !validABA(r) {
		bad("wire.intermediary_routing: %q is not a routing number (9 digits with a valid check digit)", r)
	}
	if len(w.Purpose) > 140 || !printableASCII(w.Purpose) {
		bad("wire.purpose: at most 140 printable ASCII characters")
	}
}

func validABA(s string) bool { return wire.ValidABA(s) }

// planWire returns the Planner of a Fedwire or SWIFT window.
func (e *Engine) planWire(key WindowKey, sp *spool) Planner {
	cfg := e.cfg
	loc := e.resolver.Location()
	cal := e.resolver.Calendar()
	return func(txs TxSeq, counters Counters) (*Plan, error) {
		sp.discard()
		cutoff := key.Cutoff.In(loc)
		cycle := wire.InputCycleDate(cutoff, func(d time.Time) bool { return cal.IsBankingDay(cutoffs.DateOf(d)) })
		p := &wireParams{Kind: wire.Pacs008, Production: cfg.Wire.Production, Cycle: cycle.Format("20060102"),
			Created: cutoff.Format(time.RFC3339), Settlement: cutoffs.DateOf(cutoff).String(), ODFI: cfg.ODFIRouting,
			Originator: cfg.CompanyName, Account: cfg.Wire.OriginatorAccount, Address: cfg.Wire.OriginatorAddress}
		swift := key.Rail == cutoffs.SWIFT
		if !swift && cfg.Wire.Format == "faim" {
			p.Kind = kindFAIM
		}
		if swift {
			p.Kind, p.BIC, p.Correspondent = kindCBPR, cfg.Wire.BIC, cfg.Wire.CorrespondentBIC
			p.Town, p.Country = cfg.Wire.OriginatorTown, cfg.Wire.OriginatorCountry
		}
		plan := &Plan{Status: returns.ProcessingCredit, Note: "Sent in " + key.ID + ".", Assignments: []Assignment{}, Files: []FilePlan{}}
		src, empty, stop, err := pullSource(txs)
		defer stop()
		if err != nil {
			return nil, fmt.Errorf("rails: plan %s: %w", key.ID, err)
		}
		if empty {
			return plan, storeJSON(plan, p)
		}
		imad := func(tx *Transaction) (string, error) {
			if swift {
				v, err := counters.Next("swiftref:"+p.Settlement, 1)
				if err != nil {
					return "", err
				}
				ref := fmt.Sprintf("RYSW%s%06d", strings.ReplaceAll(p.Settlement, "-", ""), v)
				plan.Assignments = append(plan.Assignments, Assignment{TransactionID: tx.ID, File: 1, Trace: ref})
				return ref, nil
			}
			v, err := counters.Next("imad:"+cfg.Wire.Source+":"+p.Cycle, 1)
			if err != nil {
				return "", err
			}
			m, err := wire.NewIMAD(cycle, cfg.Wire.Source, int(v))
			if err != nil {
				return "", err
			}
			plan.Assignments = append(plan.Assignments, Assignment{TransactionID: tx.ID, File: 1, Trace: m.String()})
			return m.String(), nil
		}
		ext := ".xml"
		if p.Kind == kindFAIM {
			ext = ".txt"
		}
		name := string(key.Rail) + "/" + cutoffs.DateOf(cutoff).String() + "/" + key.ID + ext
		digest, err := sp.write(1, name, func(w io.Writer) error {
			n, total, err := renderWire(w, p, src, imad)
			p.Messages, p.TotalCents = n, total
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("rails: plan %s: %w", key.ID, err)
		}
		p.SHA256 = digest
		plan.Files = append(plan.Files, FilePlan{Seq: 1, Name: name})
		return plan, storeJSON(plan, p)
	}
}

// WireUETR returns the UETR railyard sent a claimed Fedwire or SWIFT
// transaction with (derived from its trace and ID, so it is never stored
// apart), or "" for another rail or a wire not yet sent.
func WireUETR(tx *Transaction) string {
	if tx == nil || (tx.Rail != cutoffs.Wire && tx.Rail != cutoffs.SWIFT) || tx.Trace == "" {
		return ""
	}
	return wireUETR(tx.Trace, tx.ID)
}

// wireUETR is the UETR of the wire with IMAD imad: a version 4 UUID of
// the SHA-256 of the IMAD and the transaction ID.
func wireUETR(imad, id string) string {
	sum := sha256.Sum256([]byte(imad + "\x00" + id))
	u, _ := wire.NewUETR(bytes.NewReader(sum[:16])) // reading 16 of 32 bytes cannot fail
	return u
}

// renderWire writes a window's pacs.008 file: one message per wire that
// next gives (nil at the end), imad numbering each.
func renderWire(out io.Writer, p *wireParams, next func() (*Transaction, error), imad func(*Transaction) (string, error)) (n int, total int64, err error) {
	created, err := time.Parse(time.RFC3339, p.Created)
	if err != nil {
		return 0, 0, err
	}
	w := wire.NewISOWriter(out)
	w.Production = p.Production
	var fw *wire.FAIMWriter
	if p.Kind == kindFAIM {
		fw = wire.NewFAIMWriter(out)
	}
	for {
		tx, err := next()
		if err != nil {
			return n, total, err
		}
		if tx == nil {
			break
		}
		if tx.Rail != cutoffs.Wire && tx.Rail != cutoffs.SWIFT || tx.Wire == nil {
			return n, total, fmt.Errorf("transaction %s is not a wire", tx.ID)
		}
		id, err := imad(tx)
		if err != nil {
			return n, total, err
		}
		switch p.Kind {
		case kindCBPR:
			err = w.WriteCBPR(cbprTransfer(p, tx, id, created))
		case kindFAIM:
			var m *wire.FAIMMessage
			if m, err = wire.TransferToFAIM(wire.Pacs008, fedwireTransfer(p, tx, id, created), wire.FAIMConfig{Production: p.Production}); err == nil {
				err = fw.Write(m)
			}
		default:
			err = w.WriteTransfer(wire.Pacs008, fedwireTransfer(p, tx, id, created))
		}
		if err != nil {
			return n, total, fmt.Errorf("transaction %s: %w", tx.ID, err)
		}
		n++
		total += tx.AmountCents
	}
	if fw != nil {
		return n, total, fw.Flush()
	}
	return n, total, w.Close()
}

// fedwireTransfer is the Fedwire pacs.008 of tx, whose IMAD is imad.
func fedwireTransfer(p *wireParams, tx *Transaction, imad string, created time.Time) *wire.CreditTransfer {
	t := &wire.CreditTransfer{MessageID: imad, Created: created.UTC(), EndToEndID: tx.ID, UETR: wireUETR(imad, tx.ID),
		Amount: tx.AmountCents, Currency: "USD", SettlementDate: p.Settlement,
		InstructingAgent: wire.Party{MemberID: p.ODFI}, InstructedAgent: wire.Party{MemberID: tx.Counterparty.RoutingNumber},
		Debtor:          wire.Party{Name: p.Originator, Address: wire.Address{Lines: p.Address}},
		DebtorAccount:   wire.Account{ID: p.Account},
		DebtorAgent:     wire.Party{MemberID: p.ODFI},
		CreditorAgent:   wire.Party{MemberID: tx.Counterparty.RoutingNumber},
		Creditor:        wire.Party{Name: tx.Counterparty.Name, Address: wire.Address{Lines: tx.Wire.Address}},
		CreditorAccount: wire.Account{ID: tx.Counterparty.AccountNumber},
	}
	if r := tx.Wire.IntermediaryRouting; r != "" {
		t.InstructedAgent = wire.Party{MemberID: r}
		t.IntermediaryAgent1 = wire.Party{MemberID: r}
	}
	if tx.Wire.Purpose != "" {
		t.Remittance = []string{tx.Wire.Purpose}
	}
	return t
}

// cbprTransfer is the CBPR+ pacs.008 of the international wire tx for
// our correspondent, whose message id is ref.
func cbprTransfer(p *wireParams, tx *Transaction, ref string, created time.Time) *wire.CreditTransfer {
	acct := wire.Account{ID: tx.Counterparty.AccountNumber}
	if wire.ValidIBAN(tx.Counterparty.AccountNumber) == nil {
		acct = wire.Account{IBAN: tx.Counterparty.AccountNumber}
	}
	t := &wire.CreditTransfer{MessageID: ref, Created: created.UTC(), EndToEndID: finxID(tx.ID), UETR: wireUETR(ref, tx.ID),
		Amount: tx.AmountCents, Currency: "USD", SettlementDate: p.Settlement, ChargeBearer: "SHAR",
		InstructingAgent: wire.Party{BIC: p.BIC}, InstructedAgent: wire.Party{BIC: p.Correspondent},
		Debtor:          wire.Party{Name: p.Originator, Address: wire.Address{Lines: p.Address[:min(2, len(p.Address))], TownName: p.Town, Country: p.Country}},
		DebtorAccount:   wire.Account{ID: p.Account},
		DebtorAgent:     wire.Party{BIC: p.BIC},
		CreditorAgent:   wire.Party{BIC: tx.Wire.BankBIC},
		Creditor:        wire.Party{Name: tx.Counterparty.Name, Address: wire.Address{Lines: tx.Wire.Address, TownName: tx.Wire.Town, Country: tx.Wire.Country}},
		CreditorAccount: acct,
	}
	if tx.Wire.Purpose != "" {
		t.Remittance = []string{tx.Wire.Purpose}
	}
	return t
}

// finxID is id as a SWIFT reference: itself when SWIFT allows it, with
// '_' as '-' when that does, else "RY" and 16 hexadecimal digits of its
// SHA-256.
func finxID(id string) string {
	if wire.ValidFINX(id) && len(id) <= 35 {
		return id
	}
	if d := strings.ReplaceAll(id, "_", "-"); wire.ValidFINX(d) && len(d) <= 35 {
		return d
	}
	sum := sha256.Sum256([]byte(id))
	return fmt.Sprintf("RY%x", sum[:8])
}

// validateSWIFT runs the pre-flight checks of an international wire.
func (e *Engine) validateSWIFT(tx *Transaction, bad func(string, ...any)) {
	if tx.Direction != Credit {
		bad("direction: a wire is a credit to the beneficiary")
	}
	if tx.AmountCents < 1_000_00 {
		bad("amount_cents: WR17 below the $1,000 USD minimum of international wires")
	}
	if n := tx.Counterparty.Name; len(n) > 140 || strings.ContainsAny(n, "\r\n{}") {
		bad("counterparty.name: WR16 invalid beneficiary name: at most 140 characters, no line breaks or braces")
	}
	w := tx.Wire
	if w == nil {
		bad("wire: required for rail swift (bank_bic, town, country)")
		return
	}
	if !validBIC(w.BankBIC) {
		bad("wire.bank_bic: %q is not a BIC", w.BankBIC)
	}
	if strings.TrimSpace(w.Town) == "" || len(w.Town) > 35 {
		bad("wire.town: WR15 invalid beneficiary address: the town is required (≤ 35)")
	}
	if !wire.ValidCountry(w.Country) {
		bad("wire.country: WR15 invalid beneficiary address: %q is not an ISO 3166 alpha-2 country", w.Country)
	}
	if len(w.Address) > 2 {
		bad("wire.address: WR15 invalid beneficiary address: at most 2 lines beside the town and country")
	}
	for i, l := range w.Address {
		if strings.TrimSpace(l) == "" || len(l) > 35 || !printableASCII(l) || strings.ContainsAny(l, "{}") {
			bad("wire.address[%d]: WR15 invalid beneficiary address: 1 to 35 printable characters, no braces", i)
		}
	}
	acct := tx.Counterparty.AccountNumber
	if len(acct) > 34 || strings.Trim(acct, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") != "" {
		bad("counterparty.account_number: WR10 invalid account number format: 1 to 34 letters, digits or hyphens")
	} else if validBIC(w.BankBIC) {
		if err := wire.CheckBeneficiaryIBAN(w.BankBIC[4:6], acct); err != nil {
			bad("counterparty.account_number: WR04 %s", strings.TrimPrefix(err.Error(), "wire: "))
		}
	}
	if w.IntermediaryRouting != "" {
		bad("wire.intermediary_routing: not for rail swift (the correspondent is configured)")
	}
	if len(w.Purpose) > 140 || !printableASCII(w.Purpose) {
		bad("wire.purpose: at most 140 printable ASCII characters")
	}
}

// renderClaimedWire writes the file of a claimed wire window from the
// store's ClaimedTransactions.
func (e *Engine) renderClaimedWire(ctx context.Context, w io.Writer, key WindowKey, p *wireParams) error {
	next, stop := e.claimedSource(ctx, key, 1)
	defer stop()
	if _, _, err := renderWire(w, p, next, func(tx *Transaction) (string, error) { return tx.Trace, nil }); err != nil {
		return fmt.Errorf("rails: window %s: %w", key.ID, err)
	}
	return nil
}

// isWireFile reports whether an inbound file is a Fedwire file: ISO 20022
// XML, or FAIM tags.
func isWireFile(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return bytes.HasPrefix(t, []byte("<")) || bytes.HasPrefix(t, []byte("{1500}")) || bytes.HasPrefix(t, []byte("{1100}"))
}

// parseWire reads a Fedwire file leniently and lists its messages. A
// message with errors is kept (it will be reported unmatched), so one bad
// message never hides the others; a file that is not Fedwire at all is an
// error.
func parseWire(data []byte) ([]wire.Summary, error) {
	r := wire.NewReader(bytes.NewReader(data))
	r.Options.Lenient = true
	var out []wire.Summary
	for r.Next() {
		out = append(out, r.Summary())
	}
	if len(out) == 0 {
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("not a readable Fedwire file: %w", err)
		}
		return nil, fmt.Errorf("a Fedwire file with no message")
	}
	return out, nil
}

// mapWire matches and maps the messages of a Fedwire file (fedwire.md,
// returns.md §8.2-8.3): pacs.004 returns and FAIM returns and reversals
// become RETURNED with their WR code; a pacs.002 RJCT or a FAIM reject
// becomes RETURNED with the Fed's code (the funds never left); a pacs.002
// ACSC settles the wire. A message is matched by the IMAD it quotes (our
// trace), else by its end-to-end id (our transaction ID), and must agree
// with the wire's UETR when it quotes one. Anything else (an invalid
// message, a transfer to us, a recall) is kept unmatched, with its kind
// as the code.
func (e *Engine) mapWire(ctx context.Context, name, digest string, msgs []wire.Summary, at time.Time) (*IngestResult, *Inbound, error) {
	res, in := newIngest(name, digest, FormatWire, at)
	received := e.resolver.DateOf(at)
	var traces []string
	for _, s := range msgs {
		traces = append(append(traces, s.OriginalIMAD, s.IMAD), s.References...)
	}
	byTrace, err := e.st.TransactionsByTraces(ctx, traces)
	if err != nil {
		return nil, nil, fmt.Errorf("rails: ingest %s: %w", name, err)
	}
	status := map[string]Status{}
	for _, s := range msgs {
		tx, err := e.matchWire(ctx, s, byTrace)
		if err != nil {
			return nil, nil, fmt.Errorf("rails: ingest %s: %w", name, err)
		}
		if tx == nil {
			kind := s.Kind
			if !s.Valid {
				kind = "invalid " + s.Type
			}
			u := Unmatched{Line: s.Line, Trace: firstOf(s.OriginalIMAD, s.IMAD), Code: firstOf(s.Reason, kind)}
			res.Unmatched, in.Unmatched = append(res.Unmatched, u), append(in.Unmatched, u)
			continue
		}
		cur, ok := status[tx.ID]
		if !ok {
			cur = tx.Status
		}
		var sc returns.StatusChange
		switch {
		case s.IsReturn():
			format := returns.ISO20022
			if s.Type == "faim" {
				format = returns.FAIM
			}
			sc, err = e.policy.MapWireReturn(returns.WireReturn{Format: format, Reason: s.Reason, AdditionalInfo: s.ReasonText,
				UETR: s.OriginalUETR, IMAD: s.OriginalIMAD, EndToEndID: s.OriginalEndToEndID, Amount: s.AmountCents},
				returns.Context{Settled: tx.Window.SettlementDate, Received: received, AlreadyReturned: cur == returns.Returned})
			if err != nil {
				return nil, nil, fmt.Errorf("rails: ingest %s: message %d: %w", name, s.Index, err)
			}
		case s.Kind == "recall_answer":
			sc = returns.StatusChange{Status: returns.Unchanged, Code: s.Status,
				Note: strings.TrimSpace("[Recall answer] " + s.Status + " " + s.Reason)}
		case s.Status == "ACSC":
			sc = returns.StatusChange{Status: returns.Settled, Note: NoteAdvance}
		default: // RJCT, a FAIM reject
			sc = returns.StatusChange{Status: returns.Returned, Code: s.Reason,
				Note: strings.TrimSpace("[Rejected by Fedwire] " + s.Reason + " -- " + s.ReasonText)}
		}
		status[tx.ID] = addChange(res, in, tx, s.Line, firstOf(s.OriginalIMAD, s.IMAD), cur, sc, at)
	}
	return res, in, nil
}

// matchWire finds the wire a message is about, or nil: returns and
// statuses by the original IMAD, a FAIM reject by its own (the Fed echoes
// ours), else by the original end-to-end id; the wire's UETR must agree
// when the message quotes one.
func (e *Engine) matchWire(ctx context.Context, s wire.Summary, byTrace map[string][]*Transaction) (*Transaction, error) {
	if !s.Valid {
		return nil, nil
	}
	keys := []string{}
	switch {
	case s.IsReturn():
		// A FAIM return sent as a new transfer may quote our IMAD or
		// reference only in its text.
		keys = append(append(keys, s.OriginalIMAD), s.References...)
	case s.Kind == "status", s.Kind == "recall_answer":
		keys = append(keys, s.OriginalIMAD)
	case s.Kind == "reject":
		keys = append(keys, s.IMAD)
	default:
		return nil, nil
	}
	agree := func(tx *Transaction) bool {
		return (tx.Rail == cutoffs.Wire || tx.Rail == cutoffs.SWIFT) && tx.Trace != "" &&
			(s.OriginalUETR == "" || wireUETR(tx.Trace, tx.ID) == s.OriginalUETR) &&
			(s.OriginalIMAD != "" || s.OriginalUETR != "" || s.AmountCents == tx.AmountCents) // a reference in free text: the amount too
	}
	for _, k := range keys {
		for _, tx := range byTrace[k] {
			if agree(tx) {
				return tx, nil
			}
		}
	}
	ids := []string{s.OriginalEndToEndID}
	if d := strings.ReplaceAll(s.OriginalEndToEndID, "-", "_"); d != s.OriginalEndToEndID {
		ids = append(ids, d) // a SWIFT end-to-end id: '_' went out as '-' (finxID)
	}
	if s.IsReturn() {
		ids = append(ids, s.References...) // a FAIM return quoting our {3320}, the transaction ID
	}
	for _, id := range ids {
		if id == "" {
			continue
		}
		tx, err := e.st.Transaction(ctx, id)
		switch {
		case err == nil && agree(tx):
			return tx, nil
		case err != nil && !errors.Is(err, ErrNotFound):
			return nil, err
		}
	}
	return nil, nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
