package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/railyardhq/railyard/internal/mask"
	"github.com/railyardhq/railyard/returns"
	"github.com/railyardhq/railyard/wire"
	"github.com/spf13/cobra"
)

// newWireCmd is the "wire" noun: Fedwire message files, ISO 20022 or FAIM.
func newWireCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "wire",
		Short: "Validate and describe Fedwire message files (ISO 20022 and FAIM)",
		Long: `The wire commands work on Fedwire Funds message files, in either format,
told apart by their first bytes:

  iso20022  XML: business application headers (head.001) and Documents —
            pacs.008 customer and pacs.009 bank transfers, pacs.004 returns,
            pacs.002 statuses from the Fed, camt.056 recalls and their
            camt.029 answers — bare, or inside any wrapper element.
  faim      the legacy tag format ({1500}30…{1510}1000{1520}…), one message
            per line or one tag per line, any number of messages per file.

Two validation profiles:
  strict   (default for validate) the Fedwire rules as written; what
           railyard itself writes always passes it.
  lenient  (--lenient; default for describe) accepts what real files get
           wrong — a missing '*' delimiter, elements padded to their maximum,
           a blank identification code, another ISO version — and reports
           each as a warning.

Every message is listed, even in an invalid file: one bad message never
hides the others.`,
		Example: `  railyard wire validate outbox/wire/2026-01-19.xml
  railyard wire describe --output json returns.txt`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newWireValidateCmd(g), newWireDescribeCmd(g))
	return cmd
}

// wireFlags are the flags of "wire validate" and "wire describe".
type wireFlags struct {
	lenient   bool
	maxErrors int
	unmask    bool
}

const wireJSONContract = `JSON output (--output json) is a stable contract; arrays are [] when empty:

  {"valid": false, "format": "iso20022", "file": "x.xml", "profile": "strict",
   "messages": [
     {"index": 1, "line": 2, "type": "pacs.004", "kind": "return",
      "imad": "20250310B1QDRCQR000433", "uetr": "", "amount_cents": 44691578,
      "reason": "FOCR", "code": "WR13",
      "original_imad": "20250310B1QDRCQR000400",
      "original_uetr": "8a562c67-ca16-48ba-b074-65581be6f011", "valid": true}],
   "errors":   [{"message_index": 1, "line": 30, "column": 98,
                 "location": "{8350}.country", "value": "...",
                 "message": "...", "severity": "error"}],
   "warnings": [...same shape...],
   "dropped": 0}

"imad" is the message's own id: GrpHdr/MsgId for ISO 20022 (Assgnmt/Id for
camt messages), {1520} for FAIM. FAIM messages have "type": "faim" and also
"type_subtype" ("1000") and "business_function" ("CTR"). "kind" is
transfer, return, status, recall or recall_answer, and for FAIM also
reversal, reject, request or service. "code" is the platform's code: the
WR code a return's reason maps to (returns policy, --config), or the Fed's
reject code of a rejection (pacs.002 RJCT, FAIM {1130}); "" otherwise.`

func newWireValidateCmd(g *globals) *cobra.Command {
	var f wireFlags
	cmd := &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a Fedwire message file (ISO 20022 or FAIM) against the Fedwire rules",
		Long: `Validate reads a Fedwire message file one message at a time and reports
every problem with its message, line and column, and the FAIM tag and
element or the ISO 20022 element path.

The strict profile (default) is the rules as written. --lenient accepts
what real files get wrong and reports it as warnings instead.

Exit status: 0 the file is valid, 1 it is not (or is not a Fedwire file,
or could not be read), 2 usage error (bad flag, missing FILE, FILE does
not exist).

` + wireJSONContract,
		Example: `  # May this file be sent?
  railyard wire validate outbox/wire/2026-01-19.xml

  # A bank's FAIM file: deviations become warnings
  railyard wire validate --lenient returns.txt

  # For a program; read from standard input
  cat returns.txt | railyard wire validate - --output json`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWire(g, &f, args[0], true)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.lenient, "lenient", false, "accept what real files get wrong, as warnings")
	fl.IntVar(&f.maxErrors, "max-errors", wire.DefaultMaxErrors, "keep at most `N` errors and N warnings (0 = no limit)")
	return cmd
}

func newWireDescribeCmd(g *globals) *cobra.Command {
	f := wireFlags{lenient: true}
	cmd := &cobra.Command{
		Use:   "describe FILE",
		Short: "Show what a Fedwire message file holds, message by message",
		Long: `Describe says what each message of a Fedwire file is: its type (and for
FAIM its type/subtype and business function), IMAD, UETR, amount, the
parties of a transfer, and for returns, statuses and recalls the original
IMAD and UETR, the reason and the platform's code.

Describe is for looking at files from banks, so it reads with the lenient
profile by default (--lenient=false for strict). It counts the findings but
does not list them: run "railyard wire validate" for that.

Account numbers are masked (****1234) in text and JSON unless --unmask.

Exit status: 0 the file could be read (valid or not), 1 it is not a
Fedwire file or could not be read, 2 usage error.

` + wireJSONContract + `

Describe's JSON adds, for transfers, "debtor", "debtor_account", "creditor"
and "creditor_account" (accounts masked unless --unmask), and has
"findings" counts instead of the lists.`,
		Example: `  # A bank's return file
  railyard wire describe returns.txt

  # What railyard wrote at the 12:00 PT cutoff, for a program
  railyard wire describe --output json outbox/wire/2026-01-19.xml`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWire(g, &f, args[0], false)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.lenient, "lenient", true, "accept what real files get wrong (--lenient=false for strict)")
	fl.BoolVar(&f.unmask, "unmask", false, "show account numbers in full")
	return cmd
}

// wireMessage is one message in the JSON output. The keys without
// omitempty are always present.
type wireMessage struct {
	Index            int      `json:"index"`
	Line             int      `json:"line"`
	Type             string   `json:"type"`
	Kind             string   `json:"kind"`
	IMAD             string   `json:"imad"`
	UETR             string   `json:"uetr"`
	EndToEndID       string   `json:"end_to_end_id,omitempty"`
	AmountCents      int64    `json:"amount_cents"`
	Status           string   `json:"status,omitempty"`
	Reason           string   `json:"reason"`
	ReasonText       string   `json:"reason_text,omitempty"`
	Code             string   `json:"code"`
	OriginalIMAD     string   `json:"original_imad"`
	OriginalUETR     string   `json:"original_uetr"`
	References       []string `json:"references,omitempty"`
	TypeSubtype      *string  `json:"type_subtype,omitempty"`
	BusinessFunction *string  `json:"business_function,omitempty"`
	// Parties, describe only (accounts masked unless --unmask).
	Sender          string `json:"sender,omitempty"`
	Receiver        string `json:"receiver,omitempty"`
	Debtor          string `json:"debtor,omitempty"`
	DebtorAccount   string `json:"debtor_account,omitempty"`
	Creditor        string `json:"creditor,omitempty"`
	CreditorAccount string `json:"creditor_account,omitempty"`
	Valid           bool   `json:"valid"`

	codeTitle string // the WR code's title, for text output
}

// wireFinding is one finding in the JSON output.
type wireFinding struct {
	MessageIndex int    `json:"message_index"`
	Line         int    `json:"line"`
	Column       int    `json:"column"`
	Location     string `json:"location"`
	Value        string `json:"value"`
	Expected     string `json:"expected,omitempty"`
	Message      string `json:"message"`
	Severity     string `json:"severity"`
}

// wireCounts are describe's finding counts.
type wireCounts struct {
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
	Dropped  int    `json:"dropped"`
	See      string `json:"see"`
}

// wireReport is the JSON output of "wire validate" and "wire describe".
type wireReport struct {
	Valid    bool           `json:"valid"`
	Format   string         `json:"format"`
	File     string         `json:"file"`
	Profile  string         `json:"profile"`
	Messages []wireMessage  `json:"messages"`
	Errors   *[]wireFinding `json:"errors,omitempty"`
	Warnings *[]wireFinding `json:"warnings,omitempty"`
	Dropped  *int           `json:"dropped,omitempty"`
	Findings *wireCounts    `json:"findings,omitempty"`
	// Error is the error that stopped reading (not a Fedwire file, I/O).
	Error string `json:"error,omitempty"`
}

func runWire(g *globals, f *wireFlags, name string, validate bool) error {
	if f.maxErrors < 0 {
		return usageErrorf("invalid --max-errors %d: must be 0 (no limit) or more", f.maxErrors)
	}
	policy, err := g.returnsPolicy()
	if err != nil {
		return err
	}
	// Describe and validate show the code a reason maps to; an unknown
	// reason maps to WR02 here rather than failing the listing.
	lp := *policy
	lp.Lenient = true
	in, err := g.openInput(name)
	if err != nil {
		return err
	}
	defer in.Close()

	r := wire.NewReader(in)
	r.Options = wire.Options{Lenient: f.lenient, MaxErrors: f.maxErrors}
	if f.maxErrors == 0 {
		r.Options.MaxErrors = -1
	}
	rep := &wireReport{File: in.name, Profile: profileName(f.lenient), Messages: []wireMessage{}}
	for r.Next() {
		rep.Messages = append(rep.Messages, wireView(r, &lp, !validate, !f.unmask))
	}
	rep.Format = string(r.Format())
	errs, warns := wireSplit(r.Findings())
	fatal := wireFatal(r.Err(), in.name)
	rep.Valid = len(errs) == 0 && r.Err() == nil
	if fatal != nil {
		rep.Error = fatal.Error()
	}
	if validate {
		e, w, d := wireFindings(errs), wireFindings(warns), r.Dropped()
		rep.Errors, rep.Warnings, rep.Dropped = &e, &w, &d
	} else {
		see := "railyard wire validate " + in.name
		if f.lenient {
			see = "railyard wire validate --lenient " + in.name
		}
		rep.Findings = &wireCounts{Errors: len(errs), Warnings: len(warns), Dropped: r.Dropped(), See: see}
	}
	if !validate && fatal != nil && len(rep.Messages) == 0 {
		return failure(fatal) // not a Fedwire file: nothing to describe
	}

	text := func(w io.Writer) { writeWireDescribeText(w, rep) }
	if validate {
		text = func(w io.Writer) { writeWireValidateText(w, rep, errs, warns, r.Dropped()) }
	}
	return g.writeReport(rep, text, fatal, validate && !rep.Valid)
}

// wireFatal returns what stopped reading when it was not a finding about
// a message: not a Fedwire file, or an I/O error.
func wireFatal(err error, name string) error {
	if err == nil {
		return nil
	}
	var es wire.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			if errors.Is(e, wire.ErrFormat) {
				return fmt.Errorf("%s: %s", name, strings.TrimPrefix(e.Error(), "wire: "))
			}
		}
		return nil
	}
	return fmt.Errorf("read %s: %w", name, err)
}

// wireView builds the JSON view of the reader's current message; parties
// adds the sender, receiver, debtor and creditor (describe), their
// accounts masked when masked is set.
func wireView(r *wire.Reader, p *returns.Policy, parties, masked bool) wireMessage {
	s := r.Summary()
	v := wireMessage{Index: s.Index, Line: s.Line, Type: s.Type, Kind: s.Kind, IMAD: s.IMAD, UETR: s.UETR,
		EndToEndID: s.EndToEndID, AmountCents: s.AmountCents, Status: s.Status, Reason: s.Reason, ReasonText: s.ReasonText,
		OriginalIMAD: s.OriginalIMAD, OriginalUETR: s.OriginalUETR, References: s.References, Valid: s.Valid}
	if s.Type == "faim" {
		ts, bf := s.TypeSubtype, s.BusinessFunction
		v.TypeSubtype, v.BusinessFunction = &ts, &bf
	}
	format := returns.ISO20022
	if s.Type == "faim" {
		format = returns.FAIM
	}
	switch {
	case s.IsReturn():
		code, _, _, _, err := p.WRCode(returns.WireReturn{Format: format, Reason: s.Reason, AdditionalInfo: s.ReasonText})
		if err == nil {
			v.Code = code
			if c, ok := p.Wire(code); ok {
				v.codeTitle = c.Title
			}
		}
	case s.Kind == "reject", s.Kind == "status" && s.Status == "RJCT":
		v.Code = s.Reason // the Fed's reject code: not a WR code (returns.md §8.3)
	}
	if !parties {
		return v
	}
	acct := func(a string) string {
		if masked {
			return mask.Account(a)
		}
		return a
	}
	if m := r.ISO(); m != nil && m.Transfer != nil {
		t := m.Transfer
		v.Sender, v.Receiver = t.InstructingAgent.MemberID, t.InstructedAgent.MemberID
		v.Debtor, v.Creditor = t.Debtor.Name, t.Creditor.Name
		v.DebtorAccount = acct(cmp.Or(t.DebtorAccount.ID, t.DebtorAccount.IBAN))
		v.CreditorAccount = acct(cmp.Or(t.CreditorAccount.ID, t.CreditorAccount.IBAN))
	}
	if m := r.FAIM(); m != nil {
		join := func(tag wire.Tag) string {
			return strings.TrimSpace(m.Element(tag, "aba") + " " + m.Element(tag, "short_name"))
		}
		v.Sender, v.Receiver = join(wire.TagSenderDI), join(wire.TagReceiverDI)
		v.Debtor, v.DebtorAccount = m.Element(wire.TagOriginator, "name"), acct(m.Element(wire.TagOriginator, "identifier"))
		v.Creditor, v.CreditorAccount = m.Element(wire.TagBeneficiary, "name"), acct(m.Element(wire.TagBeneficiary, "identifier"))
	}
	return v
}

func wireSplit(all []*wire.ParseError) (errs, warns []*wire.ParseError) {
	for _, e := range all {
		if e.Severity == wire.SeverityError {
			errs = append(errs, e)
		} else {
			warns = append(warns, e)
		}
	}
	order := func(a, b *wire.ParseError) int {
		return cmp.Or(cmp.Compare(a.Message, b.Message), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	}
	slices.SortStableFunc(errs, order)
	slices.SortStableFunc(warns, order)
	return errs, warns
}

func wireFindings(es []*wire.ParseError) []wireFinding {
	out := make([]wireFinding, 0, len(es))
	for _, e := range es {
		out = append(out, wireFinding{MessageIndex: e.Message, Line: e.Line, Column: e.Column, Location: e.Location(),
			Value: e.Value, Expected: e.Expected, Message: e.Msg, Severity: e.Severity.String()})
	}
	return out
}

// wireFindingText formats a finding for people:
//
//	message 1, line 30 col 98: {8350}.country = "Address Line One": <text>
func wireFindingText(e *wire.ParseError) string {
	var b strings.Builder
	if e.Message > 0 {
		fmt.Fprintf(&b, "message %d, ", e.Message)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, " col %d", e.Column)
		}
	} else {
		b.WriteString("file")
	}
	b.WriteString(": ")
	if loc := e.Location(); loc != "" {
		b.WriteString(loc)
		if e.Value != "" {
			b.WriteString(" = ")
			b.WriteString(strconv.Quote(e.Value))
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func writeWireValidateText(w io.Writer, rep *wireReport, errs, warns []*wire.ParseError, dropped int) {
	what := plural(len(rep.Messages), "message")
	if rep.Format != "" {
		what += ", " + rep.Format
	}
	switch {
	case rep.Error != "":
		fmt.Fprintf(w, "INVALID: reading failed; %s, %s before that (%s): %s\n", plural(len(errs), "error"), plural(len(warns), "warning"), rep.Profile, rep.File)
		fmt.Fprintf(w, "reading stopped: %s\n", rep.Error)
	case rep.Valid && len(warns) == 0:
		fmt.Fprintf(w, "valid (%s): %s (%s)\n", rep.Profile, rep.File, what)
	case rep.Valid:
		fmt.Fprintf(w, "valid (%s), %s: %s (%s)\n", rep.Profile, plural(len(warns), "warning"), rep.File, what)
	default:
		fmt.Fprintf(w, "INVALID: %s, %s (%s): %s (%s)\n", plural(len(errs), "error"), plural(len(warns), "warning"), rep.Profile, rep.File, what)
	}
	for _, list := range []struct {
		title string
		es    []*wire.ParseError
	}{{"errors", errs}, {"warnings", warns}} {
		if len(list.es) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s:\n", list.title)
		for _, e := range list.es {
			fmt.Fprintf(w, "  %s\n", wireFindingText(e))
		}
	}
	if dropped > 0 {
		fmt.Fprintf(w, "%s not shown: over the --max-errors cap (use --max-errors 0 to see all)\n", plural(dropped, "more finding"))
	}
	if len(rep.Messages) > 0 {
		fmt.Fprintln(w, "messages:")
		for i, m := range rep.Messages {
			if i == maxTextItems {
				fmt.Fprintf(w, "  … and %s more (--output json lists them all)\n", count(len(rep.Messages)-i))
				break
			}
			fmt.Fprintf(w, "  %s\n", wireOneLine(&m))
		}
	}
}

// wireOneLine is a message in one line:
//
//	1  line 1  faim 1000 CTR transfer  imad 20220324000000000000001  $222.00
func wireOneLine(m *wireMessage) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d  line %d  %s", m.Index, m.Line, m.Type)
	if m.TypeSubtype != nil {
		fmt.Fprintf(&b, " %s %s", *m.TypeSubtype, *m.BusinessFunction)
	}
	if m.Kind != "" {
		fmt.Fprintf(&b, " %s", m.Kind)
	}
	if m.IMAD != "" {
		fmt.Fprintf(&b, "  imad %s", m.IMAD)
	}
	if m.AmountCents != 0 || m.Kind != "status" && m.Kind != "recall_answer" {
		fmt.Fprintf(&b, "  %s", dollars(m.AmountCents))
	}
	if m.Status != "" {
		fmt.Fprintf(&b, "  status %s", m.Status)
	}
	if m.Reason != "" || m.Code != "" {
		fmt.Fprintf(&b, "  reason %s", cmp.Or(m.Reason, "(text)"))
		if m.Code != "" && m.Code != m.Reason {
			fmt.Fprintf(&b, " → %s", m.Code)
		}
	}
	if !m.Valid {
		b.WriteString("  (has errors)")
	}
	return b.String()
}

func writeWireDescribeText(w io.Writer, rep *wireReport) {
	c := rep.Findings
	fmt.Fprintf(w, "%s: %s, %s (%s)\n", rep.File, rep.Format, plural(len(rep.Messages), "message"), rep.Profile)
	if c.Errors+c.Warnings+c.Dropped > 0 {
		fmt.Fprintf(w, "findings: %s, %s — %s lists them\n", plural(c.Errors, "error"), plural(c.Warnings, "warning"), c.See)
	}
	if rep.Error != "" {
		fmt.Fprintf(w, "reading stopped: %s\n", rep.Error)
	}
	for _, m := range rep.Messages {
		fmt.Fprintln(w)
		head := m.Type
		if m.TypeSubtype != nil {
			head = "FAIM " + *m.TypeSubtype + " " + *m.BusinessFunction
		}
		valid := ""
		if !m.Valid {
			valid = " — has errors"
		}
		fmt.Fprintf(w, "message %d (line %d): %s %s%s\n", m.Index, m.Line, head, m.Kind, valid)
		row := func(label, value string) {
			if value != "" {
				fmt.Fprintf(w, "  %-17s %s\n", label, value)
			}
		}
		row("imad", m.IMAD)
		row("uetr", m.UETR)
		row("end-to-end id", m.EndToEndID)
		if m.AmountCents != 0 || m.Kind != "status" && m.Kind != "recall_answer" {
			row("amount", dollars(m.AmountCents))
		}
		row("sender", m.Sender)
		row("receiver", m.Receiver)
		row("debtor", strings.TrimSpace(m.Debtor+" "+m.DebtorAccount))
		row("creditor", strings.TrimSpace(m.Creditor+" "+m.CreditorAccount))
		row("status", m.Status)
		if m.Reason != "" || m.Code != "" {
			reason := cmp.Or(m.Reason, "(free text)")
			if m.Code != "" && m.Code != m.Reason {
				reason += " → " + m.Code
				if m.codeTitle != "" {
					reason += " (" + m.codeTitle + ")"
				}
			}
			row("reason", reason)
		}
		row("reason text", m.ReasonText)
		row("original imad", m.OriginalIMAD)
		row("original uetr", m.OriginalUETR)
		row("references", strings.Join(m.References, ", "))
	}
}
