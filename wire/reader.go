package wire

import (
	"bufio"
	"bytes"
	"io"
	"strings"
)

// Format is the format of a Fedwire file.
type Format string

// The two formats.
const (
	FormatISO20022 Format = "iso20022"
	FormatFAIM     Format = "faim"
)

// DetectFormat tells the format from the first bytes of a file: after an
// optional UTF-8 byte order mark and blanks, '<' is ISO 20022 (XML), '{'
// or a "YFT811 " prefix is FAIM. ok is false for anything else.
func DetectFormat(head []byte) (f Format, ok bool) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(head) == 0:
		return "", false
	case head[0] == '<':
		return FormatISO20022, true
	case head[0] == '{', bytes.HasPrefix(head, []byte("YFT811")):
		return FormatFAIM, true
	}
	return "", false
}

// Reader reads a Fedwire file of either format, detected from its first
// bytes, one message at a time: a FAIMReader or an ISOReader underneath.
// An empty file is read as FAIM (zero messages, no error); a file that is
// neither format fails at once: Err returns Errors holding one *ParseError
// wrapping ErrFormat.
//
// Set Options before the first call to Next.
type Reader struct {
	// Options select the strict (zero value) or lenient profile.
	Options Options

	br      *bufio.Reader
	format  Format
	faim    *FAIMReader
	iso     *ISOReader
	started bool
	err     error
	bad     []*ParseError // the finding of a file in neither format
}

// NewReader returns a Reader that reads from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, 64<<10)}
}

func (r *Reader) start() {
	r.started = true
	head, err := r.br.Peek(512)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		r.err = err
		return
	}
	f, ok := DetectFormat(head)
	if body := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"); !ok && len(body) > 0 {
		e := &ParseError{Line: 1, Column: 1, Severity: SeverityError, Err: ErrFormat, Value: quoteStart(body),
			Msg: "neither ISO 20022 XML nor FAIM tags: not a Fedwire file"}
		r.bad = []*ParseError{e}
		r.err = Errors(r.bad)
		return
	}
	if f == "" {
		f = FormatFAIM // blank: no messages
	}
	r.format = f
	if f == FormatISO20022 {
		r.iso = NewISOReader(r.br)
		r.iso.Options = r.Options
	} else {
		r.faim = NewFAIMReader(&bomSkipper{r: r.br})
		r.faim.Options = r.Options
	}
}

// bomSkipper drops a leading UTF-8 byte order mark.
type bomSkipper struct {
	r    *bufio.Reader
	done bool
}

// Read reads from the underlying reader, minus a leading byte order mark.
func (b *bomSkipper) Read(p []byte) (int, error) {
	if !b.done {
		b.done = true
		if head, _ := b.r.Peek(3); string(head) == "\xef\xbb\xbf" {
			b.r.Discard(3)
		}
	}
	return b.r.Read(p)
}

// Format returns the detected format ("" before the first Next).
func (r *Reader) Format() Format { return r.format }

// Next advances to the next message; see FAIMReader.Next and
// ISOReader.Next.
func (r *Reader) Next() bool {
	if !r.started {
		r.start()
	}
	switch {
	case r.err != nil:
		return false
	case r.iso != nil:
		return r.iso.Next()
	}
	return r.faim.Next()
}

// FAIM returns the current message of a FAIM file, or nil.
func (r *Reader) FAIM() *FAIMMessage {
	if r.faim == nil {
		return nil
	}
	return r.faim.Message()
}

// ISO returns the current message of an ISO 20022 file, or nil.
func (r *Reader) ISO() *ISOMessage {
	if r.iso == nil {
		return nil
	}
	return r.iso.Message()
}

// Summary returns the current message's summary.
func (r *Reader) Summary() Summary {
	if m := r.ISO(); m != nil {
		return m.Summary()
	}
	if m := r.FAIM(); m != nil {
		return m.Summary()
	}
	return Summary{}
}

// Err returns what ended reading; see FAIMReader.Err and ISOReader.Err.
func (r *Reader) Err() error {
	switch {
	case r.err != nil:
		return r.err
	case r.iso != nil:
		return r.iso.Err()
	case r.faim != nil:
		return r.faim.Err()
	}
	return nil
}

// Findings returns every finding so far, errors and warnings.
func (r *Reader) Findings() []*ParseError {
	switch {
	case r.bad != nil:
		return r.bad
	case r.iso != nil:
		return r.iso.Findings()
	case r.faim != nil:
		return r.faim.Findings()
	}
	return nil
}

// Dropped returns how many findings were over the cap and not kept.
func (r *Reader) Dropped() int {
	switch {
	case r.iso != nil:
		return r.iso.Dropped()
	case r.faim != nil:
		return r.faim.Dropped()
	}
	return 0
}

// Summary is the view of one message that describe, validate and ingest
// share, whatever the format. Amounts are cents; ids are as read.
type Summary struct {
	// Type is the ISO 20022 message type ("pacs.004") or "faim".
	Type string `json:"type"`
	// Kind says what the message does: transfer, return, status, recall,
	// recall_answer; for FAIM also reversal, reject, request (for
	// reversal or drawdown), service; "" for an unsupported message.
	Kind string `json:"kind"`
	// IMAD is the message's own id: GrpHdr/MsgId (the IMAD of a Fedwire
	// payment; for camt messages Assgnmt/Id), or FAIM {1520}.
	IMAD string `json:"imad"`
	UETR string `json:"uetr"` // PmtId/UETR of a transfer; FAIM has none
	// EndToEndID is PmtId/EndToEndId, or FAIM {3620} element 7.
	EndToEndID string `json:"end_to_end_id,omitempty"`
	// AmountCents is the settlement amount; for a return the returned
	// amount, for a recall the original amount.
	AmountCents int64 `json:"amount_cents"`
	// Status is pacs.002 TxSts (ACSC, RJCT), camt.029 Conf (CNCL, RJCR,
	// PECR), or FAIM {1100}'s message status indicator.
	Status string `json:"status,omitempty"`
	// Reason is the network's reason code: pacs.004 Rsn/Cd, pacs.002 Rsn
	// (E433 …), camt.056/029 Rsn/Cd, a FAIM return's /RETN/ code, or a FAIM
	// reject's {1130} category and code.
	Reason string `json:"reason,omitempty"`
	// ReasonText is the reason in words: AddtlInf lines, or a FAIM return's
	// {6500}/{6000} text, or {1130}'s description.
	ReasonText string `json:"reason_text,omitempty"`
	// The payment the message is about (returns, statuses, recalls).
	OriginalIMAD       string `json:"original_imad,omitempty"`
	OriginalUETR       string `json:"original_uetr,omitempty"`
	OriginalEndToEndID string `json:"original_end_to_end_id,omitempty"`
	// References are other references a FAIM return quotes.
	References []string `json:"references,omitempty"`
	// FAIM only: {1510} and {3600}.
	TypeSubtype      string `json:"type_subtype,omitempty"`
	BusinessFunction string `json:"business_function,omitempty"`
	// Index is the 1-based ordinal of the message in its file, Line the
	// line it starts on; Valid is false when it has errors.
	Index int  `json:"index"`
	Line  int  `json:"line"`
	Valid bool `json:"valid"`
}

// IsReturn reports whether the message sends a wire back: a pacs.004, or
// a FAIM reversal or return.
func (s *Summary) IsReturn() bool { return s.Kind == "return" || s.Kind == "reversal" }

// Summary returns the message's summary.
func (m *ISOMessage) Summary() Summary {
	s := Summary{Type: m.Type, Index: m.Index, Line: m.Line, Valid: m.Valid()}
	switch {
	case m.Transfer != nil:
		t := m.Transfer
		s.Kind, s.IMAD, s.UETR, s.EndToEndID, s.AmountCents = "transfer", t.MessageID, t.UETR, t.EndToEndID, t.Amount
	case m.Return != nil:
		t := m.Return
		s.Kind, s.IMAD, s.AmountCents = "return", t.MessageID, t.Amount
		s.Reason, s.ReasonText = t.Reason, strings.Join(t.AdditionalInfo, " ")
		s.setOriginal(&t.OriginalRef)
	case m.Status != nil:
		t := m.Status
		s.Kind, s.IMAD, s.Status = "status", t.MessageID, t.Status
		s.Reason, s.ReasonText = t.Reason, strings.Join(t.AdditionalInfo, " ")
		s.setOriginal(&t.OriginalRef)
	case m.Recall != nil:
		t := m.Recall
		s.Kind, s.IMAD, s.AmountCents = "recall", t.AssignmentID, t.OriginalAmount
		s.Reason, s.ReasonText = t.Reason, strings.Join(t.AdditionalInfo, " ")
		s.setOriginal(&t.OriginalRef)
	case m.Resolution != nil:
		t := m.Resolution
		s.Kind, s.IMAD, s.Status = "recall_answer", t.AssignmentID, t.Status
		s.Reason, s.ReasonText = t.Reason, strings.Join(t.AdditionalInfo, " ")
		s.setOriginal(&t.OriginalRef)
	}
	return s
}

func (s *Summary) setOriginal(r *OriginalRef) {
	s.OriginalIMAD, s.OriginalUETR, s.OriginalEndToEndID = r.OriginalMessageID, r.OriginalUETR, r.OriginalEndToEndID
}

// Summary returns the message's summary.
func (m *FAIMMessage) Summary() Summary {
	s := Summary{Type: "faim", Index: m.Index, Line: m.Line, Valid: m.Valid(),
		IMAD: m.IMAD(), TypeSubtype: m.TypeSubtype(), BusinessFunction: m.BusinessFunction(), Status: m.Status()}
	s.AmountCents, _ = m.Amount()
	s.EndToEndID = m.Element(TagPaymentNotification, "end_to_end_identification")
	sub := m.Subtype()
	switch {
	case s.Status == "3" || m.Has(TagError):
		s.Kind = "reject"
		e := m.Field(TagError)
		s.Reason = strings.TrimSpace(e.Element(0) + e.Element(1))
		s.ReasonText = e.Element(2)
	case s.BusinessFunction == "SVC" || sub == "90":
		s.Kind = "service"
	case sub == "01" || sub == "07" || sub == "31" || sub == "33":
		s.Kind = "request"
	default:
		s.Kind = "transfer"
	}
	if ret, ok := m.Return(); ok && (s.Kind == "transfer" || s.Kind == "request") {
		if ret.Reversal {
			s.Kind = "reversal"
		} else if s.Kind == "transfer" {
			s.Kind = "return"
		}
		s.Reason, s.ReasonText = ret.Code, ret.Text
		s.OriginalIMAD, s.OriginalUETR, s.References = ret.OriginalIMAD, ret.OriginalUETR, ret.References
	}
	return s
}
