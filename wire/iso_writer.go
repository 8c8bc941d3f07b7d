package wire

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Envelope wraps the messages of a file written by an ISOWriter. The
// transport envelope that carries AppHdr and Document together is set by
// each destination's connectivity rules (fedwire.md A4), so it is
// pluggable; readers accept any wrapper.
type Envelope interface {
	// Begin is written before the first message, End after the last.
	Begin(w io.Writer) error
	End(w io.Writer) error
	// BeginMessage and EndMessage are written around each message's
	// AppHdr and Document.
	BeginMessage(w io.Writer, m *ISOMessage) error
	EndMessage(w io.Writer, m *ISOMessage) error
}

// BatchEnvelope is the ISOWriter's default envelope: an XML declaration,
// then
//
//	<Messages>
//	<Message>
//	<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.03">…</AppHdr>
//	<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">…</Document>
//	</Message>
//	…
//	</Messages>
//
// It is railyard's file of a cutoff window, for the connector that hands
// each message to the Fed.
type BatchEnvelope struct{}

// Begin writes the XML declaration and <Messages>.
func (BatchEnvelope) Begin(w io.Writer) error {
	_, err := io.WriteString(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Messages>\n")
	return err
}

// End writes </Messages>.
func (BatchEnvelope) End(w io.Writer) error {
	_, err := io.WriteString(w, "</Messages>\n")
	return err
}

// BeginMessage writes <Message>.
func (BatchEnvelope) BeginMessage(w io.Writer, _ *ISOMessage) error {
	_, err := io.WriteString(w, "<Message>\n")
	return err
}

// EndMessage writes </Message>.
func (BatchEnvelope) EndMessage(w io.Writer, _ *ISOMessage) error {
	_, err := io.WriteString(w, "</Message>\n")
	return err
}

// ISOWriter writes ISO 20022 messages, each as its business application
// header (head.001.001.03) and Document, inside an Envelope. It fills the
// values Fedwire fixes (NbOfTxs 1, SttlmMtd CLRG, ClrSys FDW, the local
// instrument CTRC or BTRC, USD, USABA, the AppHdr of the message), trims
// and collapses the blanks of free text, then reads each message back with
// the strict profile before writing any byte of it: a message with an
// error is not written, Write returns the findings as Errors, and the
// writer stays usable. It never invents identifiers or times: MsgId (the
// IMAD), UETR and creation times come from the caller, so the same input
// always gives the same bytes. A message in ProfileCBPR (WriteCBPR) gets
// the CBPR+ header and defaults instead (see WriteCBPR).
//
// Call Close at the end: it writes the envelope's end and flushes.
type ISOWriter struct {
	// Envelope wraps the file; nil means BatchEnvelope.
	Envelope Envelope
	// Production writes BizSvc PROD; the zero value writes TEST. CBPR+
	// messages get CBPRBusinessService instead.
	Production bool
	// From is the AppHdr sender connection id; empty means the message's
	// instructing agent (or assigner). To is the receiver; empty means
	// the Fedwire Funds Service, FedAccountingABA. Both apply to Fedwire
	// messages only: a CBPR+ header goes from the instructing agent's BIC
	// to the instructed agent's (the correspondent's) unless the
	// message's Header says otherwise.
	From, To string
	// Profile is the practice of messages whose own Profile is empty;
	// the zero value is ProfileFedwire. ProfileCBPR writes pacs.008 only.
	Profile Profile
	// OmitHeader writes the Document alone, without an AppHdr.
	OmitHeader bool

	w     *bufio.Writer
	n     int
	begun bool
	err   error
}

// NewISOWriter returns an ISOWriter that writes to w.
func NewISOWriter(w io.Writer) *ISOWriter {
	return &ISOWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

func (w *ISOWriter) envelope() Envelope {
	if w.Envelope == nil {
		return BatchEnvelope{}
	}
	return w.Envelope
}

// WriteTransfer writes a customer (pacs.008) or bank (pacs.009) transfer;
// typ is Pacs008 or Pacs009.
func (w *ISOWriter) WriteTransfer(typ string, t *CreditTransfer) error {
	if typ != Pacs008 && typ != Pacs009 {
		return fmt.Errorf("%w: WriteTransfer takes pacs.008 or pacs.009, not %q", ErrUnsupported, typ)
	}
	return w.Write(&ISOMessage{Type: typ, Transfer: t})
}

// WriteCBPR writes a customer transfer as a CBPR+ pacs.008.001.08 with a
// head.001.001.02 AppHdr, for a correspondent over SWIFT, whatever the
// writer's Profile. It fills what CBPR+ fixes or railyard defaults
// (NbOfTxs 1, SttlmMtd INDA, InstrId = MsgId, InstdAmt = the settlement
// amount, ChrgBr SHAR, USD, USABA for a member id without a clearing
// system; AppHdr from the instructing agent's BIC to the instructed
// agent's, BizMsgIdr = MsgId, BizSvc CBPRBusinessService, CreDt =
// CreDtTm) and checks the CBPR+ rules (see iso_cbpr.go) before writing.
func (w *ISOWriter) WriteCBPR(t *CreditTransfer) error {
	return w.Write(&ISOMessage{Type: Pacs008, Profile: ProfileCBPR, Transfer: t})
}

// Write writes one message: m.Type and the model of that type (Transfer,
// Return, Status, Recall or Resolution) must be set; m.Header, when set,
// gives the AppHdr, whose empty values take the writer's defaults.
func (w *ISOWriter) Write(m *ISOMessage) error {
	if w.err != nil {
		return w.err
	}
	data, out, err := w.marshal(m)
	if err != nil {
		return err
	}
	env := w.envelope()
	if !w.begun {
		w.begun = true
		if err := env.Begin(w.w); err != nil {
			w.err = err
			return err
		}
	}
	if err := env.BeginMessage(w.w, out); err != nil {
		w.err = err
		return err
	}
	w.w.WriteString(data)
	if err := env.EndMessage(w.w, out); err != nil {
		w.err = err
		return err
	}
	return nil
}

// Close writes the envelope's end (and its beginning, for a file with no
// message) and flushes.
func (w *ISOWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	env := w.envelope()
	if !w.begun {
		w.begun = true
		if err := env.Begin(w.w); err != nil {
			w.err = err
			return err
		}
	}
	if err := env.End(w.w); err != nil {
		w.err = err
		return err
	}
	w.err = w.w.Flush()
	if w.err == nil {
		w.err = errors.New("wire: ISOWriter is closed")
		return nil
	}
	return w.err
}

// MarshalISO returns the AppHdr and Document of m as XML, with the
// defaults and checks of ISOWriter.Write, for callers that wrap messages
// themselves.
func (w *ISOWriter) MarshalISO(m *ISOMessage) ([]byte, error) {
	data, _, err := w.marshal(m)
	return []byte(data), err
}

// marshal normalises m, encodes it and reads it back.
func (w *ISOWriter) marshal(m *ISOMessage) (string, *ISOMessage, error) {
	w.n++
	kind := kindByType(m.Type)
	if kind == nil {
		return "", nil, fmt.Errorf("%w: %q", ErrUnsupported, m.Type)
	}
	profile := cmp.Or(m.Profile, w.Profile, ProfileFedwire)
	switch {
	case profile == ProfileCBPR && kind.typ != Pacs008:
		return "", nil, fmt.Errorf("%w: the CBPR+ profile writes pacs.008 only, not %s", ErrUnsupported, kind.typ)
	case profile != ProfileCBPR && profile != ProfileFedwire:
		return "", nil, fmt.Errorf("%w: profile %q", ErrUnsupported, profile)
	}
	out := &ISOMessage{Type: kind.typ, Version: kind.version, Index: w.n, Profile: profile}
	root := &node{name: kind.root}
	var created time.Time
	var from, to string
	switch kind.typ {
	case Pacs008, Pacs009:
		if m.Transfer == nil {
			return "", nil, fmt.Errorf("wire: %s message without its Transfer", kind.typ)
		}
		t := *m.Transfer
		if profile == ProfileCBPR {
			normCBPR(&t)
			cleanText(cbprPacs008Binds, &t)
			encodeTree(root, cbprPacs008Binds, &t)
			out.Transfer, created, from, to = &t, t.Created, t.InstructingAgent.BIC, t.InstructedAgent.BIC
			break
		}
		normTransfer(&t, kind.typ)
		if kind.typ == Pacs008 {
			cleanText(pacs008Binds, &t)
			encodeTree(root, pacs008Binds, &t)
		} else {
			cleanText(pacs009Binds, &t)
			encodeTree(root, pacs009Binds, &t)
		}
		out.Transfer, created, from = &t, t.Created, t.InstructingAgent.MemberID
	case Pacs004:
		if m.Return == nil {
			return "", nil, errors.New("wire: pacs.004 message without its Return")
		}
		t := *m.Return
		def(&t.SettlementMethod, "CLRG")
		def(&t.ClearingSystem, "FDW")
		def(&t.Currency, "USD")
		if t.InstructedAmount == 0 {
			t.InstructedAmount, t.InstructedCurrency = t.Amount, t.Currency
		}
		def(&t.InstructedCurrency, "USD")
		if t.OriginalAmount != 0 {
			def(&t.OriginalCurrency, "USD")
		}
		for _, pt := range []*Party{&t.InstructingAgent, &t.InstructedAgent, &t.ChainDebtorAgent, &t.ChainDebtorBank, &t.ChainCreditorBank, &t.ChainCreditorAgent} {
			normAgent(pt)
		}
		cleanText(pacs004Binds, &t)
		encodeTree(root, pacs004Binds, &t)
		out.Return, created, from = &t, t.Created, t.InstructingAgent.MemberID
	case Pacs002:
		if m.Status == nil {
			return "", nil, errors.New("wire: pacs.002 message without its Status")
		}
		t := *m.Status
		if t.ReasonCode == "" {
			t.proprietary = t.Reason
		} else {
			t.proprietary = ""
		}
		normAgent(&t.InstructingAgent)
		normAgent(&t.InstructedAgent)
		cleanText(pacs002Binds, &t)
		encodeTree(root, pacs002Binds, &t)
		out.Status, created, from = &t, t.Created, t.InstructingAgent.MemberID
	case Camt056:
		if m.Recall == nil {
			return "", nil, errors.New("wire: camt.056 message without its Recall")
		}
		t := *m.Recall
		def(&t.OriginalCurrency, "USD")
		for _, pt := range []*Party{&t.Assigner, &t.Assignee, &t.CaseCreator} {
			normAgent(pt)
		}
		cleanText(camt056Binds, &t)
		encodeTree(root, camt056Binds, &t)
		out.Recall, created, from = &t, t.Created, t.Assigner.MemberID
	case Camt029:
		if m.Resolution == nil {
			return "", nil, errors.New("wire: camt.029 message without its Resolution")
		}
		t := *m.Resolution
		for _, pt := range []*Party{&t.Assigner, &t.Assignee, &t.CaseCreator} {
			normAgent(pt)
		}
		cleanText(camt029Binds, &t)
		encodeTree(root, camt029Binds, &t)
		out.Resolution, created, from = &t, t.Created, t.Assigner.MemberID
	}
	var b strings.Builder
	if !w.OmitHeader && profile == ProfileCBPR {
		h := AppHeader{}
		if m.Header != nil {
			h = *m.Header
		}
		def(&h.From, from)
		def(&h.To, to)
		def(&h.BusinessMessageID, out.MessageID())
		def(&h.MessageDefinition, kind.version)
		def(&h.BusinessService, CBPRBusinessService)
		h.MarketPractice, h.registry = "", ""
		if h.Created.IsZero() {
			h.Created = created
		}
		hn := &node{name: "AppHdr"}
		encodeTree(hn, cbprHeadBinds, &h)
		hn.encode(&b, 0, nsPrefix+CBPRHeaderVersion)
		out.Header = &h
	} else if !w.OmitHeader {
		h := AppHeader{}
		if m.Header != nil {
			h = *m.Header
		}
		def(&h.From, w.From)
		def(&h.From, from)
		def(&h.To, w.To)
		def(&h.To, FedAccountingABA)
		def(&h.BusinessMessageID, out.MessageID())
		def(&h.MessageDefinition, kind.version)
		if w.Production {
			def(&h.BusinessService, "PROD")
		}
		def(&h.BusinessService, "TEST")
		def(&h.MarketPractice, "frb.fedwire.01")
		h.registry = MarketPracticeRegistry
		if h.Created.IsZero() {
			h.Created = created
		}
		hn := &node{name: "AppHdr"}
		encodeTree(hn, headBinds, &h)
		hn.encode(&b, 0, nsPrefix+Version(Head001))
		out.Header = &h
	}
	doc := &node{name: "Document", kids: []*node{root}}
	doc.encode(&b, 0, nsPrefix+kind.version)
	data := b.String()

	// Read it back: what the writer emits must pass the strict reader.
	r := NewISOReader(strings.NewReader("<M>" + data + "</M>"))
	r.Options = Options{MaxErrors: -1}
	r.forWrite = true
	for r.Next() {
	}
	if errs := r.f.errs; len(errs) > 0 {
		for _, e := range errs {
			e.Message = w.n
		}
		return "", nil, errs
	}
	return data, out, nil
}

func def(s *string, v string) {
	if *s == "" {
		*s = v
	}
}

// normAgent gives a financial institution identified by a member id the
// USABA clearing system.
func normAgent(pt *Party) {
	if pt.MemberID != "" {
		def(&pt.ClearingSystem, "USABA")
	}
}

func normTransfer(t *CreditTransfer, typ string) {
	def(&t.SettlementMethod, "CLRG")
	def(&t.ClearingSystem, "FDW")
	def(&t.Currency, "USD")
	if typ == Pacs008 {
		def(&t.LocalInstrument, "CTRC")
		if t.InstructedAmount == 0 {
			t.InstructedAmount, t.InstructedCurrency = t.Amount, t.Currency
		}
		def(&t.InstructedCurrency, "USD")
		def(&t.ChargeBearer, "SHAR")
	} else {
		def(&t.LocalInstrument, "BTRC")
		t.InstructedAmount, t.InstructedCurrency, t.ChargeBearer = 0, "", ""
	}
	for _, pt := range []*Party{&t.InstructingAgent, &t.InstructedAgent, &t.IntermediaryAgent1, &t.DebtorAgent, &t.CreditorAgent} {
		normAgent(pt)
	}
	if typ == Pacs009 {
		normAgent(&t.Debtor)
		normAgent(&t.Creditor)
	}
	t.Remittance = append([]string(nil), t.Remittance...)
}

// cleanText trims and collapses the blanks of the free-text elements of
// v (a copy the writer owns), dropping repeated elements left empty.
func cleanText[T any](binds []bind[T], v *T) {
	for i := range binds {
		b := &binds[i]
		if b.r.kind != vText && b.r.kind != vXText {
			continue
		}
		switch {
		case b.s != nil:
			s := b.s(v)
			*s = collapse(*s)
		case b.ss != nil:
			ss := b.ss(v)
			out := make([]string, 0, len(*ss))
			for _, s := range *ss {
				if s = collapse(s); s != "" {
					out = append(out, s)
				}
			}
			*ss = out
		}
	}
}

// collapse trims s and turns each run of blanks (CR, LF and tabs among
// them) into one space.
func collapse(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
