package wire

import (
	"strings"
	"time"
)

// ISO 20022 message types railyard reads (and, for transfers, returns,
// statuses and recalls, writes), named by their family without the
// variant and version.
const (
	Pacs008 = "pacs.008" // customer credit transfer (FAIM CTR)
	Pacs009 = "pacs.009" // financial institution credit transfer (FAIM BTR)
	Pacs004 = "pacs.004" // payment return
	Pacs002 = "pacs.002" // payment status report (ACSC / RJCT)
	Camt056 = "camt.056" // return request (recall)
	Camt029 = "camt.029" // resolution of investigation (answer to a recall)
	Head001 = "head.001" // business application header
)

// isoKind describes one message type: its Fedwire version, namespace root
// element and binding table.
type isoKind struct {
	typ     string
	version string // the version Fedwire uses
	root    string // the element under Document
}

var isoKinds = []isoKind{
	{Pacs008, "pacs.008.001.08", "FIToFICstmrCdtTrf"},
	{Pacs009, "pacs.009.001.08", "FICdtTrf"},
	{Pacs004, "pacs.004.001.10", "PmtRtr"},
	{Pacs002, "pacs.002.001.10", "FIToFIPmtStsRpt"},
	{Camt056, "camt.056.001.08", "FIToFIPmtCxlReq"},
	{Camt029, "camt.029.001.09", "RsltnOfInvstgtn"},
}

const nsPrefix = "urn:iso:std:iso:20022:tech:xsd:"

// Version returns the version of the message type that Fedwire uses
// ("pacs.008.001.08" for "pacs.008"), or "".
func Version(typ string) string {
	for _, k := range isoKinds {
		if k.typ == typ {
			return k.version
		}
	}
	if typ == Head001 {
		return "head.001.001.03"
	}
	return ""
}

func kindByRoot(root string) *isoKind {
	for i := range isoKinds {
		if isoKinds[i].root == root {
			return &isoKinds[i]
		}
	}
	return nil
}

func kindByType(typ string) *isoKind {
	for i := range isoKinds {
		if isoKinds[i].typ == typ {
			return &isoKinds[i]
		}
	}
	return nil
}

// ISOMessage is one ISO 20022 message: its business application header
// (when the file has one before the Document) and the Document's content
// in the model of its type. Exactly one of the message pointers is set for
// a supported type; Type says which.
type ISOMessage struct {
	Header *AppHeader `json:"header,omitempty"`
	// Type is the message family ("pacs.004"); Version the full
	// identifier of the Document's namespace or, without one, of the
	// header's MsgDefIdr ("pacs.004.001.10").
	Type    string `json:"type"`
	Version string `json:"version"`
	// Profile is the practice the message follows: ProfileFedwire, or
	// ProfileCBPR for a SWIFT CBPR+ pacs.008 (told by its AppHdr, or,
	// without one, by a settlement method other than CLRG). The writer
	// takes an empty Profile as its own ISOWriter.Profile.
	Profile Profile `json:"profile,omitempty"`

	Transfer   *CreditTransfer   `json:"transfer,omitempty"`   // pacs.008, pacs.009
	Return     *PaymentReturn    `json:"return,omitempty"`     // pacs.004
	Status     *PaymentStatus    `json:"status,omitempty"`     // pacs.002
	Recall     *RecallRequest    `json:"recall,omitempty"`     // camt.056
	Resolution *RecallResolution `json:"resolution,omitempty"` // camt.029

	// Index is the 1-based ordinal of the message in its file; Line,
	// Column and Offset locate its Document element.
	Index  int   `json:"index"`
	Line   int   `json:"line"`
	Column int   `json:"column"`
	Offset int64 `json:"offset"`
	// Findings are the message's findings that the reader kept; Valid
	// tells whether it had errors, kept or not.
	Findings []*ParseError `json:"-"`

	errs int
}

// Valid reports whether the reader found no error in the message
// (warnings allowed).
func (m *ISOMessage) Valid() bool { return m.errs == 0 }

// MessageID returns the message's own identifier: GrpHdr/MsgId (the IMAD
// of a Fedwire payment message) or, for camt messages, Assgnmt/Id.
func (m *ISOMessage) MessageID() string {
	switch {
	case m.Transfer != nil:
		return m.Transfer.MessageID
	case m.Return != nil:
		return m.Return.MessageID
	case m.Status != nil:
		return m.Status.MessageID
	case m.Recall != nil:
		return m.Recall.AssignmentID
	case m.Resolution != nil:
		return m.Resolution.AssignmentID
	}
	return ""
}

// AppHeader is the business application header (head.001.001.03) that
// precedes every Fedwire message. Fedwire identifies the parties by a
// 9-character connection id (normally the routing number). A CBPR+
// message has a head.001.001.02 header whose parties are BICs
// (Fr|To/FIId/FinInstnId/BICFI), BizSvc swift.cbprplus.NN and no
// MktPrctc.
type AppHeader struct {
	From string `json:"from"` // Fr/FIId/FinInstnId/ClrSysMmbId/MmbId (CBPR+: Fr/FIId/FinInstnId/BICFI)
	To   string `json:"to"`   // To/FIId/FinInstnId/ClrSysMmbId/MmbId (CBPR+: To/FIId/FinInstnId/BICFI)
	// BusinessMessageID is BizMsgIdr: railyard writes the message's IMAD.
	BusinessMessageID string `json:"business_message_id"`
	// MessageDefinition is MsgDefIdr ("pacs.008.001.08").
	MessageDefinition string `json:"message_definition"`
	// BusinessService is BizSvc: TEST or PROD (CBPR+: swift.cbprplus.NN).
	BusinessService string `json:"business_service"`
	// MarketPractice is MktPrctc/Id (frb.fedwire.01); its registry is
	// fixed and written by the writer.
	MarketPractice string    `json:"market_practice"`
	Created        time.Time `json:"created"` // CreDt, UTC
	// CopyDuplicate is CpyDplct (DUPL) and PossibleDuplicate PssblDplct
	// ("true"/"false"), both optional.
	CopyDuplicate     string `json:"copy_duplicate,omitempty"`
	PossibleDuplicate string `json:"possible_duplicate,omitempty"`

	registry string
}

// MarketPracticeRegistry is the registry Fedwire's AppHdr names
// (MktPrctc/Regy).
const MarketPracticeRegistry = "www2.swift.com/mystandards/#/group/Federal_Reserve_Financial_Services/Fedwire_Funds_Service"

var headBinds = []bind[AppHeader]{
	bs("Fr/FIId/FinInstnId/ClrSysMmbId/MmbId", mand(vMember9, 9), func(h *AppHeader) *string { return &h.From }),
	bs("To/FIId/FinInstnId/ClrSysMmbId/MmbId", mand(vMember9, 9), func(h *AppHeader) *string { return &h.To }),
	bs("BizMsgIdr", mand(vID, 35), func(h *AppHeader) *string { return &h.BusinessMessageID }),
	bs("MsgDefIdr", mand(vMsgDef, 35), func(h *AppHeader) *string { return &h.MessageDefinition }),
	bs("BizSvc", codes(true, "TEST PROD"), func(h *AppHeader) *string { return &h.BusinessService }),
	bs("MktPrctc/Regy", rule{kind: vConst, codes: MarketPracticeRegistry, mand: true}, func(h *AppHeader) *string { return &h.registry }),
	bs("MktPrctc/Id", mand(vMktID, 18), func(h *AppHeader) *string { return &h.MarketPractice }),
	btime("CreDt", mand(vDateTime, 0), func(h *AppHeader) *time.Time { return &h.Created }),
	bs("CpyDplct", codes(false, "CODU COPY DUPL"), func(h *AppHeader) *string { return &h.CopyDuplicate }),
	bs("PssblDplct", opt(vBool, 5), func(h *AppHeader) *string { return &h.PossibleDuplicate }),
}

// typeOf returns "pacs.008" of "pacs.008.001.08".
func typeOf(version string) string {
	if len(version) >= 8 {
		return version[:8]
	}
	return version
}

// versionOfNamespace returns "pacs.008.001.08" of the namespace
// "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08", or "".
func versionOfNamespace(ns string) string {
	if v, ok := strings.CutPrefix(ns, nsPrefix); ok && validMsgDef(v) {
		return v
	}
	return ""
}
