package wire

import (
	"bufio"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// ISOReader reads the ISO 20022 messages of a file one at a time: a bare
// Document, an AppHdr followed by its Document, or any number of such
// pairs inside wrapper elements of any name (the transport envelope is
// not part of the standard). Elements are matched by local name, so
// namespace prefixes are fine. Each message is checked against the
// Fedwire rules as it is read (a CBPR+ pacs.008, told by its AppHdr or its
// settlement method, against the CBPR+ rules; see ProfileCBPR); a message
// with errors is still returned, with its findings, and reading goes on.
// Memory holds one message.
//
// Set Options before the first call to Next.
type ISOReader struct {
	// Options select the strict (zero value) or lenient profile.
	Options Options

	td       treeDecoder
	f        findings
	msg      *ISOMessage
	hdr      *node // an AppHdr waiting for its Document
	n        int
	started  bool
	done     bool
	err      error
	forWrite bool
}

// NewISOReader returns an ISOReader that reads from r.
func NewISOReader(r io.Reader) *ISOReader {
	d := xml.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	return &ISOReader{td: treeDecoder{d: d}}
}

// Message returns the message Next read. It stays valid after later
// calls to Next.
func (r *ISOReader) Message() *ISOMessage { return r.msg }

// Findings returns every finding so far, errors and warnings.
func (r *ISOReader) Findings() []*ParseError { return r.f.all }

// Dropped returns how many findings were over the cap and not kept.
func (r *ISOReader) Dropped() int { return r.f.dropped }

// Err returns the error that ended reading: an I/O error, or, once Next
// has returned false, the file's error-severity findings as Errors
// (malformed XML among them, wrapping ErrSyntax). It returns nil for a
// valid file.
func (r *ISOReader) Err() error {
	if r.err != nil {
		var pe *ParseError
		if errors.As(r.err, &pe) {
			return r.f.errs
		}
		return r.err
	}
	if r.done && len(r.f.errs) > 0 {
		return r.f.errs
	}
	return nil
}

// ReadAll reads every remaining message; it returns those read, valid or
// not, and Err.
func (r *ISOReader) ReadAll() ([]*ISOMessage, error) {
	var out []*ISOMessage
	for r.Next() {
		out = append(out, r.Message())
	}
	return out, r.Err()
}

// Next advances to the next message, which Message then returns. It
// returns false at the end of the input or when the XML is malformed; Err
// tells which.
func (r *ISOReader) Next() bool {
	if r.done {
		return false
	}
	if !r.started {
		r.started = true
		r.f.opts = r.Options
	}
	for {
		l, c, o := r.td.pos()
		tok, err := r.td.d.Token()
		if err == io.EOF {
			r.done = true
			if r.hdr != nil {
				r.fileFinding(r.hdr, ErrMissing, "AppHdr is not followed by a Document")
			}
			if r.n == 0 && r.hdr == nil {
				r.fileFinding(&node{line: l, col: c, off: o}, ErrFormat, "no ISO 20022 Document in the input")
			}
			return false
		}
		if err != nil {
			r.fatal(err, l, c, o, true)
			return false
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "AppHdr":
			n, err := r.td.tree(start, l, c, o)
			if err != nil {
				r.fatal(err, l, c, o, false)
				return false
			}
			if r.hdr != nil {
				r.fileFinding(r.hdr, ErrMissing, "AppHdr is not followed by a Document")
			}
			r.hdr = n
		case "Document":
			n, err := r.td.tree(start, l, c, o)
			if err != nil {
				r.fatal(err, l, c, o, false)
				return false
			}
			r.msg = r.message(n)
			return true
		}
	}
}

// fatal records malformed XML (or an I/O error) and ends reading. atToken
// says the error came from the token at l, c, o, not from inside an
// element read from there.
func (r *ISOReader) fatal(err error, l, c int, o int64, atToken bool) {
	r.done = true
	var se *xml.SyntaxError
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
		sentinel := ErrSyntax
		msg := "malformed XML: " + strings.TrimPrefix(err.Error(), "XML syntax error on line ")
		if se != nil {
			msg = "malformed XML: " + se.Msg
			if se.Line > 0 {
				l, c = se.Line, 0
			}
		}
		if atToken && r.n == 0 && r.hdr == nil && o == 0 {
			sentinel, msg = ErrFormat, "not XML: "+msg
		}
		e := &ParseError{Line: l, Column: c, Offset: o, Message: r.n, Severity: SeverityError, Err: sentinel, Msg: msg}
		r.f.add(e)
		r.err = e
		return
	}
	r.err = err
}

func (r *ISOReader) fileFinding(n *node, err error, msg string) {
	r.f.add(&ParseError{Line: n.line, Column: n.col, Offset: n.off, Severity: SeverityError, Err: err, Msg: msg})
}

// message turns a Document tree (and the pending AppHdr) into a message.
func (r *ISOReader) message(doc *node) *ISOMessage {
	r.n++
	m := &ISOMessage{Index: r.n, Line: doc.line, Column: doc.col, Offset: doc.off, Profile: ProfileFedwire}
	c := &isoChecker{f: &r.f, msg: m, opts: r.Options, forWrite: r.forWrite}
	if r.hdr != nil {
		h := new(AppHeader)
		c.root, c.rootPath = r.hdr, "AppHdr/"
		if isCBPRHeader(r.hdr) {
			m.Profile = ProfileCBPR
			decode(c, cbprHeadBinds, h)
		} else {
			decode(c, headBinds, h)
		}
		m.Header = h
		r.hdr = nil
	}
	if len(doc.kids) != 1 {
		c.root, c.rootPath = doc, "Document/"
		c.report(doc, nil, "", SeverityError, ErrFormat, "Document must hold exactly one message element")
		return m
	}
	root := doc.kids[0]
	kind := kindByRoot(root.name)
	m.Version = versionOfNamespace(doc.space)
	if m.Version == "" && m.Header != nil {
		m.Version = m.Header.MessageDefinition
	}
	c.root, c.rootPath = root, root.name+"/"
	switch {
	case kind == nil:
		m.Type = typeOf(m.Version)
		if m.Type == "" {
			m.Type = root.name
		}
		c.report(root, nil, "", c.lenientSev(), ErrUnsupported, "message "+root.name+" ("+m.Version+") is not one railyard reads")
		return m
	case m.Version == "":
		m.Type, m.Version = kind.typ, kind.version
		c.report(doc, nil, "", c.lenientSev(), ErrValue, "Document has no ISO 20022 namespace; read as "+kind.version)
	case typeOf(m.Version) != kind.typ:
		m.Type = kind.typ
		c.report(doc, nil, m.Version, SeverityError, ErrValue, "namespace says "+m.Version+" but the message element is "+root.name+" ("+kind.typ+")")
	default:
		m.Type = kind.typ
		if m.Version != kind.version {
			c.report(doc, nil, m.Version, c.lenientSev(), ErrUnsupported, "version "+m.Version+"; Fedwire uses "+kind.version)
		}
	}
	if m.Header == nil && kind.typ == Pacs008 && isCBPRDocument(root) {
		m.Profile = ProfileCBPR
	}
	if m.Profile == ProfileCBPR && kind.typ != Pacs008 {
		c.report(root, nil, "", c.lenientSev(), ErrUnsupported, "a CBPR+ "+kind.typ+" is not one railyard reads: it reads CBPR+ pacs.008 only")
		return m
	}
	switch kind.typ {
	case Pacs008, Pacs009:
		t := new(CreditTransfer)
		switch {
		case m.Profile == ProfileCBPR:
			decode(c, cbprPacs008Binds, t)
			checkCBPR(c)
		case kind.typ == Pacs008:
			decode(c, pacs008Binds, t)
			checkTransfer(c, kind.typ)
		default:
			decode(c, pacs009Binds, t)
			checkTransfer(c, kind.typ)
		}
		m.Transfer = t
	case Pacs004:
		t := new(PaymentReturn)
		decode(c, pacs004Binds, t)
		checkReturn(c)
		m.Return = t
	case Pacs002:
		t := new(PaymentStatus)
		decode(c, pacs002Binds, t)
		t.Reason = t.proprietary
		if t.Reason == "" {
			t.Reason = t.ReasonCode
		}
		checkStatus(c, t)
		m.Status = t
	case Camt056:
		t := new(RecallRequest)
		decode(c, camt056Binds, t)
		m.Recall = t
	case Camt029:
		t := new(RecallResolution)
		decode(c, camt029Binds, t)
		checkResolution(c, t)
		m.Resolution = t
	}
	if h := m.Header; h != nil {
		c.rootPath = "AppHdr/"
		hn := &node{line: m.Line, col: m.Column, off: m.Offset}
		if h.MessageDefinition != "" && h.MessageDefinition != m.Version {
			c.report(hn, p("MsgDefIdr"), h.MessageDefinition, SeverityError, ErrValue, "AppHdr names "+h.MessageDefinition+" but the Document is "+m.Version)
		}
		if id := m.MessageID(); id != "" && h.BusinessMessageID != "" && h.BusinessMessageID != id {
			c.report(hn, p("BizMsgIdr"), h.BusinessMessageID, SeverityWarning, ErrValue, "BizMsgIdr differs from the message id "+id)
		}
		if t := m.Transfer; m.Profile == ProfileCBPR && t != nil {
			if h.From != "" && t.InstructingAgent.BIC != "" && h.From != t.InstructingAgent.BIC {
				c.report(hn, p("Fr/FIId/FinInstnId/BICFI"), h.From, SeverityWarning, ErrValue, "the sender BIC differs from the instructing agent's "+t.InstructingAgent.BIC)
			}
			if h.To != "" && t.InstructedAgent.BIC != "" && h.To != t.InstructedAgent.BIC {
				c.report(hn, p("To/FIId/FinInstnId/BICFI"), h.To, SeverityWarning, ErrValue, "the receiver BIC differs from the instructed agent's "+t.InstructedAgent.BIC)
			}
		}
	}
	return m
}
