package main

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/railyardhq/railyard/internal/mask"
	"github.com/railyardhq/railyard/rdc"
	"github.com/railyardhq/railyard/returns"
	"github.com/spf13/cobra"
)

// newX9Cmd is the "x9" noun: X9.100-187 image cash letters.
func newX9Cmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "x9",
		Short: "Validate and describe X9.100-187 image cash letters (check deposits and returns)",
		Long: `The x9 commands work on X9.100-187 (and DSTU X9.37) image cash letters: the
files of check images banks exchange for remote deposit capture and check
returns. Records are length-prefixed (or one per line), in EBCDIC or ASCII;
both are detected.

Two validation profiles:
  strict   (default for validate) the standard as written; what railyard
           writes always passes it.
  lenient  (--lenient; default for describe) accepts what real files get
           wrong — control counts that count records instead of items,
           blank image placeholders, a credit (61) at cash-letter level,
           bad check digits, misnumbered addenda — and reports each as a
           warning.`,
		Example: `  railyard x9 validate deposit.x937
  railyard x9 validate --lenient returns.x937 --output json
  railyard x9 describe returns.x937`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newX9ValidateCmd(g), newX9DescribeCmd(g))
	return cmd
}

// x9Flags are the flags of "x9 validate" and "x9 describe".
type x9Flags struct {
	lenient   bool
	unmask    bool
	maxErrors int
	items     int
}

func newX9ValidateCmd(g *globals) *cobra.Command {
	var f x9Flags
	cmd := &cobra.Command{
		Use:   "validate FILE",
		Short: "Check an X9 image cash letter against X9.100-187 and X9.100-181",
		Long: `Validate reads an X9 file record by record (one record and its image in
memory at a time) and reports every problem with its byte offset, record
number and type, field and column: field types and values, check digits,
record order, addenda, image views, bundle/cash letter/file controls, and
each image against X9.100-181 (bitonal G4 TIFF, 200 or 240 dpi).

Exit status: 0 the file is valid, 1 it is not (or is not X9, or could not
be read), 2 usage error.

JSON output (--output json) is a stable contract; arrays are [] when empty:

  {"valid": false, "file": "x.x937", "profile": "strict",
   "errors":   [{"offset": 1504, "record_number": 18, "record_type": "70",
                 "record": "bundle_control", "field": "items_within_bundle_count",
                 "column": 3, "value": "14", "expected": "2",
                 "message": "...", "severity": "error"}],
   "warnings": [...same shape...],
   "dropped": 0,
   "summary": {"encoding": "ebcdic", "framing": "length-prefixed",
               "standard_level": "35", "cash_letters": 1, "bundles": 1,
               "items": 2, "images": 4, "total_cents": 12345,
               "credits": 0, "credit_cents": 0,
               "returns": [{"reason": "A", "code": "CHR01",
                            "item_sequence": "...", "amount_cents": 12345, ...}]}}

"items" counts forward items (record 25); return items (31) are the
"returns", each with its reason (31.6, or 35.9 when blank), the CHR code the
platform's policy gives it (with the cash letter's returns indicator), and
"item_sequence", the BOFD item sequence number (32.5) that finds the
deposit. JSON is not masked; text output masks account numbers in field
values unless --unmask.`,
		Example: `  # May this cash letter be sent? (strict)
  railyard x9 validate deposit.x937

  # A bank's return file: deviations become warnings
  railyard x9 validate --lenient returns.x937 --output json`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runX9Validate(g, &f, args[0])
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.lenient, "lenient", false, "accept what real files get wrong, as warnings")
	fl.IntVar(&f.maxErrors, "max-errors", rdc.DefaultMaxErrors, "keep at most `N` errors and N warnings (0 = no limit)")
	fl.BoolVar(&f.unmask, "unmask", false, "show account numbers in full (text output)")
	return cmd
}

// x9Finding is one finding in railyard's X9 JSON output. Its keys are a
// contract: always present, empty strings included.
type x9Finding struct {
	Offset       int64  `json:"offset"`
	RecordNumber int    `json:"record_number"`
	RecordType   string `json:"record_type"`
	Record       string `json:"record"`
	Field        string `json:"field"`
	Column       int    `json:"column"`
	Value        string `json:"value"`
	Expected     string `json:"expected,omitempty"`
	Message      string `json:"message"`
	Severity     string `json:"severity"`
}

// x9Return is a return item of the summary, with its CHR code.
type x9Return struct {
	Reason      string `json:"reason"`
	ReasonField string `json:"reason_field"`
	// Code is the CHR code of the platform's policy; "" for a reject
	// return (returns indicator J), which has none.
	Code             string   `json:"code"`
	ReturnsIndicator string   `json:"returns_indicator"`
	CollectionType   string   `json:"collection_type"`
	ItemSequence     string   `json:"item_sequence"`
	ECEItemSequence  string   `json:"ece_item_sequence"`
	AmountCents      int64    `json:"amount_cents"`
	RecordNumber     int      `json:"record_number"`
	Offset           int64    `json:"offset"`
	Notes            []string `json:"notes,omitempty"`
}

// x9Summary is rdc.Summary with CHR codes on the returns.
type x9Summary struct {
	Encoding      string     `json:"encoding"`
	Framing       string     `json:"framing"`
	StandardLevel string     `json:"standard_level"`
	CashLetters   int        `json:"cash_letters"`
	Bundles       int        `json:"bundles"`
	Items         int        `json:"items"`
	Images        int        `json:"images"`
	TotalCents    int64      `json:"total_cents"`
	Credits       int        `json:"credits"`
	CreditCents   int64      `json:"credit_cents"`
	Returns       []x9Return `json:"returns"`
}

// x9ValidateReport is the JSON output of "x9 validate".
type x9ValidateReport struct {
	Valid    bool        `json:"valid"`
	File     string      `json:"file"`
	Profile  string      `json:"profile"`
	Errors   []x9Finding `json:"errors"`
	Warnings []x9Finding `json:"warnings"`
	Dropped  int         `json:"dropped"`
	Error    string      `json:"error,omitempty"`
	Summary  *x9Summary  `json:"summary"`
}

// newX9Summary adds CHR codes to a reader's summary with policy p.
func newX9Summary(s *rdc.Summary, p *returns.Policy) *x9Summary {
	out := &x9Summary{Encoding: s.Encoding.String(), Framing: s.Framing.String(), StandardLevel: s.StandardLevel,
		CashLetters: s.CashLetters, Bundles: s.Bundles, Items: s.Items, Images: s.Images, TotalCents: s.TotalCents,
		Credits: s.Credits, CreditCents: s.CreditCents, Returns: make([]x9Return, 0, len(s.Returns))}
	for _, r := range s.Returns {
		v := x9Return{Reason: r.Reason, ReasonField: r.ReasonField, ReturnsIndicator: r.ReturnsIndicator,
			CollectionType: r.CollectionType, ItemSequence: r.ItemSequence, ECEItemSequence: r.ECEItemSequence,
			AmountCents: r.Amount, RecordNumber: r.RecordNumber, Offset: r.Offset}
		v.Code, v.Notes = chrCode(p, r.Reason, r.ReturnsIndicator)
		out.Returns = append(out.Returns, v)
	}
	return out
}

// chrCode maps an X9 reason with the policy, leniently: an unknown reason
// is CHR15 with a note, a reject return has no code.
func chrCode(p *returns.Policy, reason, indicator string) (string, []string) {
	lp := *p
	lp.Lenient = true
	code, warns, _, err := lp.CHRCode(reason, indicator)
	if errors.Is(err, returns.ErrRejectReturn) {
		return "", []string{"returns indicator J: a return we sent was rejected; no CHR code"}
	}
	if err != nil {
		return "", []string{err.Error()}
	}
	return code, warns
}

func x9Options(lenient bool, maxErrors int) rdc.Options {
	o := rdc.Options{Lenient: lenient, MaxErrors: maxErrors}
	if maxErrors == 0 {
		o.MaxErrors = -1 // rdc: negative is no cap
	}
	return o
}

// x9ReadFailure returns what stopped r if it was not the file's findings
// (an I/O error), naming the input.
func x9ReadFailure(r *rdc.Reader, name string) error { return inputFailure[rdc.Errors](r.Err(), name) }

// splitX9Findings separates errors from warnings, each in file order.
func splitX9Findings(all []*rdc.ParseError) (errs, warns []*rdc.ParseError) {
	for _, e := range all {
		if e.Severity == rdc.SeverityError {
			errs = append(errs, e)
		} else {
			warns = append(warns, e)
		}
	}
	byOffset := func(a, b *rdc.ParseError) int { return cmp.Compare(a.Offset, b.Offset) }
	slices.SortStableFunc(errs, byOffset)
	slices.SortStableFunc(warns, byOffset)
	return errs, warns
}

func toX9Findings(es []*rdc.ParseError) []x9Finding {
	out := make([]x9Finding, 0, len(es))
	for _, e := range es {
		out = append(out, x9Finding{Offset: e.Offset, RecordNumber: e.RecordNumber, RecordType: e.RecordType,
			Record: e.Record, Field: e.Field, Column: e.Column, Value: e.Value, Expected: e.Expected,
			Message: e.Msg, Severity: e.Severity.String()})
	}
	return out
}

// x9AccountFields are the fields whose values are account numbers.
var x9AccountFields = map[string]bool{"on_us": true, "deposit_account_number": true, "credit_account_number": true}

// x9FindingText formats a finding for people:
//
//	record 18 (70) offset 1504 col 3: bundle_control.items_within_bundle_count = "14": <message>
func x9FindingText(e *rdc.ParseError, unmask bool) string {
	var b strings.Builder
	if e.RecordNumber > 0 {
		fmt.Fprintf(&b, "record %d", e.RecordNumber)
		if e.RecordType != "" {
			fmt.Fprintf(&b, " (%s)", e.RecordType)
		}
		fmt.Fprintf(&b, " offset %d", e.Offset)
		if e.Column > 0 {
			fmt.Fprintf(&b, " col %d", e.Column)
		}
	} else {
		b.WriteString("file")
	}
	b.WriteString(": ")
	if e.Record != "" {
		b.WriteString(e.Record)
		if e.Field != "" {
			b.WriteString(".")
			b.WriteString(e.Field)
		}
		if v := e.Value; v != "" {
			if !unmask && x9AccountFields[e.Field] {
				v = maskOnUs(v)
			}
			b.WriteString(" = ")
			b.WriteString(strconv.Quote(v))
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maskOnUs masks the account number of a MICR on-us field, the part
// before the first on-us symbol ("/"), and keeps the rest (serial number,
// transaction code): "5558881001/1001" → "****1001/1001".
func maskOnUs(s string) string {
	acct, rest, found := strings.Cut(strings.TrimSpace(s), "/")
	if !found {
		return mask.Account(acct)
	}
	return mask.Account(acct) + "/" + rest
}

func runX9Validate(g *globals, f *x9Flags, name string) error {
	if f.maxErrors < 0 {
		return usageErrorf("invalid --max-errors %d: must be 0 (no limit) or more", f.maxErrors)
	}
	pol, err := g.returnsPolicy()
	if err != nil {
		return err
	}
	in, err := g.openInput(name)
	if err != nil {
		return err
	}
	defer in.Close()

	r := rdc.NewReader(in)
	r.Options = x9Options(f.lenient, f.maxErrors)
	for r.Next() {
	}
	fatal := x9ReadFailure(r, in.name)
	errs, warns := splitX9Findings(r.Findings())
	rep := &x9ValidateReport{
		Valid:    len(errs) == 0 && r.Err() == nil,
		File:     in.name,
		Profile:  profileName(f.lenient),
		Errors:   toX9Findings(errs),
		Warnings: toX9Findings(warns),
		Dropped:  r.Dropped(),
		Summary:  newX9Summary(r.Summary(), pol),
	}
	if fatal != nil {
		rep.Error = fatal.Error()
	}
	return g.writeReport(rep, func(w io.Writer) { writeX9ValidateText(w, rep, errs, warns, f.unmask) }, fatal, !rep.Valid)
}

func writeX9ValidateText(w io.Writer, rep *x9ValidateReport, errs, warns []*rdc.ParseError, unmask bool) {
	switch {
	case rep.Error != "":
		fmt.Fprintf(w, "INVALID: reading failed; %s, %s before that (%s): %s\n", plural(len(errs), "error"), plural(len(warns), "warning"), rep.Profile, rep.File)
	case rep.Valid && len(warns) == 0:
		fmt.Fprintf(w, "valid (%s): %s\n", rep.Profile, rep.File)
	case rep.Valid:
		fmt.Fprintf(w, "valid (%s), %s: %s\n", rep.Profile, plural(len(warns), "warning"), rep.File)
	default:
		fmt.Fprintf(w, "INVALID: %s, %s (%s): %s\n", plural(len(errs), "error"), plural(len(warns), "warning"), rep.Profile, rep.File)
	}
	if rep.Error != "" {
		fmt.Fprintf(w, "reading stopped: %s\n", rep.Error)
	}
	for _, list := range []struct {
		title string
		es    []*rdc.ParseError
	}{{"errors", errs}, {"warnings", warns}} {
		if len(list.es) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s:\n", list.title)
		for _, e := range list.es {
			fmt.Fprintf(w, "  %s\n", x9FindingText(e, unmask))
		}
	}
	if rep.Dropped > 0 {
		fmt.Fprintf(w, "%s not shown: over the --max-errors cap (use --max-errors 0 to see all)\n", plural(rep.Dropped, "more finding"))
	}
	writeX9SummaryText(w, rep.Summary)
}

// writeX9SummaryText prints what a file holds.
func writeX9SummaryText(w io.Writer, s *x9Summary) {
	fmt.Fprintln(w, "summary:")
	level := s.StandardLevel
	if level == "" {
		level = "?"
	}
	fmt.Fprintf(w, "  format        %s, %s, standard level %s\n", s.Encoding, s.Framing, level)
	fmt.Fprintf(w, "  cash letters  %s\n", count(s.CashLetters))
	fmt.Fprintf(w, "  bundles       %s\n", count(s.Bundles))
	fmt.Fprintf(w, "  items         %s forward, %s returned; %s\n", count(s.Items), count(len(s.Returns)), plural(s.Images, "image view"))
	fmt.Fprintf(w, "  total         %s\n", dollars(s.TotalCents))
	if s.Credits > 0 {
		fmt.Fprintf(w, "  credits       %s, %s\n", count(s.Credits), dollars(s.CreditCents))
	}
	if len(s.Returns) == 0 {
		fmt.Fprintln(w, "  returns       none")
		return
	}
	fmt.Fprintf(w, "  returns       %s\n", count(len(s.Returns)))
	for i, rt := range s.Returns {
		if i == maxTextItems {
			fmt.Fprintf(w, "    … and %s more (--output json lists them all)\n", count(len(s.Returns)-i))
			break
		}
		code := rt.Code
		if code == "" {
			code = "no CHR code"
		}
		ind := rt.ReturnsIndicator
		if ind == "" {
			ind = "blank"
		}
		fmt.Fprintf(w, "    record %d: reason %s (%s, indicator %s, collection %s) → %s, item sequence %s, %s\n",
			rt.RecordNumber, rt.Reason, rt.ReasonField, ind, rt.CollectionType, code, rt.ItemSequence, dollars(rt.AmountCents))
		for _, n := range rt.Notes {
			fmt.Fprintf(w, "      note: %s\n", n)
		}
	}
}

func newX9DescribeCmd(g *globals) *cobra.Command {
	f := x9Flags{lenient: true, items: 20}
	cmd := &cobra.Command{
		Use:   "describe FILE",
		Short: "Show what an X9 image cash letter holds: cash letters, bundles, items, images, returns",
		Long: `Describe says what an X9 file holds: the file header, each cash letter
(collection type, returns indicator, dates) and bundle with its first items
— kind (check, return, credit), payor routing number, on-us (account
masked), amount, item sequence number, addenda, the return reason and its
CHR code, and each image view's side, size, dimensions, resolution and
compression (never the image bytes) — the control records, and a summary.

It reads the file as a stream and keeps only what it prints. --items N lists
at most N items per bundle (default 20, 0 = all). It reads with the lenient
profile (--lenient=false for strict) and counts the findings without listing
them: "railyard x9 validate" lists them.

Account numbers are masked (****1234) in text and JSON unless --unmask.

JSON output (--output json), streamed:

  {"file": "x.x937", "profile": "lenient", "masked": true,
   "file_header": {"record_number": 1, "standard_level": "35", ...} or null,
   "cash_letters": [
     {"record_number": 2, "header": {"collection_type": "03", ...},
      "bundles": [
        {"record_number": 3, "header": {...},
         "items": [{"record_number": 4, "kind": "return", "routing": "...",
                    "on_us": "****8810/", "amount_cents": 12345,
                    "item_sequence": "...", "addenda": 3,
                    "return": {"reason": "A", "code": "CHR01",
                               "deposit_item_sequence": "..."},
                    "images": [{"side": "front", "bytes": 7408, "width": 1200,
                                "height": 550, "dpi": 200, "compression": "G4"}]}],
         "items_omitted": 0, "control": {...} or null}],
      "control": {...} or null}],
   "file_control": {...} or null,
   "summary": {...as x9 validate...},
   "findings": {"errors": 0, "warnings": 0, "dropped": 0, "see": "..."}}`,
		Example: `  railyard x9 describe returns.x937
  railyard x9 describe --items 0 --unmask deposit.x937
  railyard x9 describe deposit.x937 --output json`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runX9Describe(g, &f, args[0])
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.lenient, "lenient", true, "accept what real files get wrong (--lenient=false for strict)")
	fl.BoolVar(&f.unmask, "unmask", false, "show account numbers in full")
	fl.IntVar(&f.items, "items", 20, "list at most `N` items per bundle (0 = all)")
	return cmd
}

// Describe's views of the records.
type (
	x9HeaderView struct {
		RecordNumber int `json:"record_number"`
		rdc.FileHeader
	}
	x9CashLetterView struct {
		RecordNumber int                  `json:"record_number"`
		Number       int                  `json:"-"`
		Header       rdc.CashLetterHeader `json:"header"`
		Control      *x9CashLetterControl `json:"control"`
	}
	x9CashLetterControl struct {
		RecordNumber int `json:"record_number"`
		rdc.CashLetterControl
	}
	x9BundleView struct {
		RecordNumber int              `json:"record_number"`
		Number       int              `json:"-"`
		Header       rdc.BundleHeader `json:"header"`
		Control      *x9BundleControl `json:"control"`
		Omitted      int              `json:"items_omitted"`
		listed       int
	}
	x9BundleControl struct {
		RecordNumber int `json:"record_number"`
		rdc.BundleControl
	}
	x9FileControl struct {
		RecordNumber int `json:"record_number"`
		rdc.FileControl
	}
	x9ItemView struct {
		RecordNumber int              `json:"record_number"`
		Kind         string           `json:"kind"`
		Routing      string           `json:"routing"`
		OnUs         string           `json:"on_us"`
		AmountCents  int64            `json:"amount_cents"`
		ItemSequence string           `json:"item_sequence"`
		Addenda      int              `json:"addenda"`
		Return       *x9ItemReturn    `json:"return,omitempty"`
		Images       []x9ImageSummary `json:"images"`
	}
	x9ItemReturn struct {
		Reason              string `json:"reason"`
		Code                string `json:"code"`
		DepositItemSequence string `json:"deposit_item_sequence"`
	}
	x9ImageSummary struct {
		Side        string `json:"side"`
		Bytes       int    `json:"bytes"`
		Width       int    `json:"width"`
		Height      int    `json:"height"`
		DPI         int    `json:"dpi"`
		Compression string `json:"compression"`
	}
)

// x9Sink renders describe's events as they come.
type x9Sink interface {
	begin(fh *x9HeaderView)
	cashLetterStart(cl *x9CashLetterView)
	bundleStart(b *x9BundleView)
	item(it *x9ItemView)
	bundleEnd(b *x9BundleView)
	cashLetterEnd(cl *x9CashLetterView)
	finish(fc *x9FileControl, sum *x9Summary, errs, warns, dropped int, see string, stop error)
	Err() error
}

// x9Describer follows the records of a file and feeds a sink, holding the
// open cash letter, bundle and item.
type x9Describer struct {
	r      *rdc.Reader
	sink   x9Sink
	pol    *returns.Policy
	limit  int
	unmask bool

	begun      bool
	cls, nb    int
	cl         *x9CashLetterView
	b          *x9BundleView
	it         *x9ItemView // the item being read, when it is listed
	fileCtl    *x9FileControl
	viewSide   string
	viewFormat string
}

func (d *x9Describer) ensureBegun(fh *x9HeaderView) {
	if !d.begun {
		d.begun = true
		d.sink.begin(fh)
	}
}

func (d *x9Describer) run() {
	for d.r.Next() {
		rec := d.r.Record()
		t := rec.Type()
		if t != "01" {
			d.ensureBegun(nil)
		}
		switch t {
		case "01":
			d.ensureBegun(&x9HeaderView{RecordNumber: rec.Number, FileHeader: rec.FileHeader()})
		case "10":
			d.endCashLetter(nil)
			d.cls++
			d.nb = 0
			d.cl = &x9CashLetterView{RecordNumber: rec.Number, Number: d.cls, Header: rec.CashLetterHeader()}
			d.sink.cashLetterStart(d.cl)
		case "20":
			d.endBundle(nil)
			d.ensureCashLetter()
			d.nb++
			d.b = &x9BundleView{RecordNumber: rec.Number, Number: d.nb, Header: rec.BundleHeader()}
			d.sink.bundleStart(d.b)
		case "25", "31", "61", "62":
			d.flushItem()
			d.startItem(rec)
		case "26", "27", "28", "32", "33", "34", "35":
			if d.it != nil {
				d.it.Addenda++
				if t == "32" && d.it.Return != nil && d.it.Return.DepositItemSequence == "" {
					d.it.Return.DepositItemSequence = rec.BOFDAddendum().ItemSequence
				}
			}
		case "50":
			v := rec.ImageViewDetail()
			d.viewSide, d.viewFormat = v.ViewSide, v.ViewFormat
		case "52":
			if d.it != nil {
				d.it.Images = append(d.it.Images, imageSummary(d.viewSide, d.viewFormat, rec.Image()))
			}
		case "70":
			d.endBundle(&x9BundleControl{RecordNumber: rec.Number, BundleControl: rec.BundleControl()})
		case "90":
			d.endCashLetter(&x9CashLetterControl{RecordNumber: rec.Number, CashLetterControl: rec.CashLetterControl()})
		case "99":
			d.endCashLetter(nil)
			d.fileCtl = &x9FileControl{RecordNumber: rec.Number, FileControl: rec.FileControl()}
		}
	}
	d.endCashLetter(nil)
}

// ensureCashLetter opens a cash letter with no header for records found
// outside any (the lenient profile reads on).
func (d *x9Describer) ensureCashLetter() {
	if d.cl == nil {
		d.cls++
		d.nb = 0
		d.cl = &x9CashLetterView{Number: d.cls}
		d.sink.cashLetterStart(d.cl)
	}
}

// startItem begins an item: listed when its bundle's limit allows.
func (d *x9Describer) startItem(rec *rdc.Record) {
	d.ensureCashLetter()
	if d.b != nil {
		if d.limit > 0 && d.b.listed >= d.limit {
			d.b.Omitted++
			return
		}
		d.b.listed++
	}
	v := &x9ItemView{RecordNumber: rec.Number, Images: []x9ImageSummary{}}
	switch rec.Type() {
	case "25":
		c := rec.CheckDetail()
		v.Kind, v.Routing, v.OnUs, v.AmountCents, v.ItemSequence = "check", c.PayorBankRouting, c.OnUs, c.Amount, c.ItemSequence
	case "31":
		c := rec.ReturnDetail()
		v.Kind, v.Routing, v.OnUs, v.AmountCents, v.ItemSequence = "return", c.PayorBankRouting, c.OnUs, c.Amount, c.ItemSequence
		s := d.r.Summary()
		ret := s.Returns[len(s.Returns)-1]
		code, _ := chrCode(d.pol, ret.Reason, ret.ReturnsIndicator)
		v.Return = &x9ItemReturn{Reason: c.ReturnReason, Code: code}
	case "61":
		c := rec.Credit()
		v.Kind, v.Routing, v.OnUs, v.AmountCents, v.ItemSequence = "credit", c.PostingRouting, c.Account, c.Amount, c.ItemSequence
	case "62":
		c := rec.CreditItem()
		v.Kind, v.Routing, v.OnUs, v.AmountCents, v.ItemSequence = "credit_item", c.PostingRouting, c.OnUs, c.Amount, c.ItemSequence
	}
	if !d.unmask {
		v.OnUs = maskOnUs(v.OnUs)
	}
	d.it = v
}

func (d *x9Describer) flushItem() {
	if d.it == nil {
		return
	}
	if r := d.it.Return; r != nil && r.DepositItemSequence == "" {
		r.DepositItemSequence = d.it.ItemSequence
	}
	d.sink.item(d.it)
	d.it = nil
}

func (d *x9Describer) endBundle(ctl *x9BundleControl) {
	d.flushItem()
	if d.b == nil {
		return
	}
	d.b.Control = ctl
	d.sink.bundleEnd(d.b)
	d.b = nil
}

func (d *x9Describer) endCashLetter(ctl *x9CashLetterControl) {
	d.endBundle(nil)
	if d.cl == nil {
		return
	}
	d.cl.Control = ctl
	d.sink.cashLetterEnd(d.cl)
	d.cl = nil
}

// imageSummary says what an image is without showing it.
func imageSummary(side, format string, img []byte) x9ImageSummary {
	s := x9ImageSummary{Side: "front", Bytes: len(img)}
	if side == rdc.Back {
		s.Side = "back"
	}
	if format != "" && format != "00" {
		s.Compression = "format " + format
		return s
	}
	info, err := rdc.InspectTIFF(img)
	if err != nil {
		s.Compression = "not a TIFF"
		return s
	}
	s.Width, s.Height, s.DPI = info.Width, info.Height, info.XDPI
	switch info.Compression {
	case 4:
		s.Compression = "G4"
	case 3:
		s.Compression = "G3"
	case 1:
		s.Compression = "none"
	default:
		s.Compression = "TIFF compression " + strconv.Itoa(info.Compression)
	}
	return s
}

func runX9Describe(g *globals, f *x9Flags, name string) error {
	if f.items < 0 {
		return usageErrorf("invalid --items %d: must be 0 (all) or more", f.items)
	}
	pol, err := g.returnsPolicy()
	if err != nil {
		return err
	}
	in, err := g.openInput(name)
	if err != nil {
		return err
	}
	defer in.Close()

	r := rdc.NewReader(in)
	r.Options = x9Options(f.lenient, 0)
	w := bufio.NewWriterSize(g.stdout, 64<<10)
	var sink x9Sink
	if g.json() {
		sink = &x9DescribeJSON{s: newJSONStream(w), file: in.name, profile: profileName(f.lenient), masked: !f.unmask}
	} else {
		sink = &x9DescribeText{w: w, file: in.name, profile: profileName(f.lenient)}
	}
	d := &x9Describer{r: r, sink: sink, pol: pol, limit: f.items, unmask: f.unmask}
	d.run()

	if !d.begun && errors.Is(r.Err(), rdc.ErrNotX9) {
		var pe *rdc.ParseError
		errors.As(r.Err(), &pe)
		return failure(fmt.Errorf("%s: %s", in.name, strings.TrimPrefix(pe.Msg, "rdc: ")))
	}
	fatal := x9ReadFailure(r, in.name)
	if !d.begun && fatal != nil {
		return failure(fatal)
	}
	d.ensureBegun(nil)
	errs, warns := splitX9Findings(r.Findings())
	see := "railyard x9 validate " + shellQuote(name)
	if f.lenient {
		see = "railyard x9 validate --lenient " + shellQuote(name)
	}
	sink.finish(d.fileCtl, newX9Summary(r.Summary(), pol), len(errs), len(warns), r.Dropped(), see, fatal)
	err = sink.Err()
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if fatal != nil {
		return failure(fatal)
	}
	if err != nil {
		return failure(err)
	}
	return nil
}

// ymd renders an X9 date (YYYYMMDD) as 2006-01-02, or quotes it.
func ymd(s string) string {
	if len(s) != 8 || !isDigits(s) {
		if s == "" {
			return "(blank)"
		}
		return strconv.Quote(s)
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:]
}

// collectionNames says what a collection type indicator means.
var collectionNames = map[string]string{
	"00": "preliminary forward information", "01": "forward presentment", "02": "forward presentment, same-day settlement",
	"03": "return", "04": "return notification", "05": "preliminary return notification", "06": "final return notification",
	"20": "no detail", "99": "bundles of different types",
}

// x9DescribeText renders describe for people.
type x9DescribeText struct {
	w       io.Writer
	file    string
	profile string
	header  bool
}

func (t *x9DescribeText) Err() error { return nil }

func (t *x9DescribeText) begin(fh *x9HeaderView) {
	fmt.Fprintf(t.w, "%s (X9 image cash letter, read with the %s profile)\n\n", t.file, t.profile)
	if fh == nil {
		fmt.Fprintln(t.w, "file header: none")
		return
	}
	h := &fh.FileHeader
	kind := "test indicator " + strconv.Quote(h.TestIndicator)
	switch h.TestIndicator {
	case "T":
		kind = "test file"
	case "P":
		kind = "production file"
	}
	fmt.Fprintf(t.w, "file header (record %d): standard level %s, %s\n", fh.RecordNumber, h.StandardLevel, kind)
	fmt.Fprintf(t.w, "  origin         %-10s  %s\n", h.ImmediateOrigin, h.ImmediateOriginName)
	fmt.Fprintf(t.w, "  destination    %-10s  %s\n", h.ImmediateDestination, h.ImmediateDestinationName)
	fmt.Fprintf(t.w, "  created        %s %s\n", ymd(h.CreationDate), hhmm(h.CreationTime))
	fmt.Fprintf(t.w, "  resend         %s\n", h.ResendIndicator)
}

func (t *x9DescribeText) cashLetterStart(cl *x9CashLetterView) {
	h := &cl.Header
	ind := h.ReturnsIndicator
	if ind == "" {
		ind = "blank"
	}
	fmt.Fprintf(t.w, "\ncash letter %d (record %d): id %s, collection type %s (%s), returns indicator %s\n",
		cl.Number, cl.RecordNumber, h.CashLetterID, h.CollectionType, collectionNames[h.CollectionType], ind)
	fmt.Fprintf(t.w, "  from           %s to %s\n", h.ECERouting, h.DestinationRouting)
	fmt.Fprintf(t.w, "  business date  %s, created %s %s, record type %s\n", ymd(h.BusinessDate), ymd(h.CreationDate), hhmm(h.CreationTime), h.RecordTypeIndicator)
}

func (t *x9DescribeText) bundleStart(b *x9BundleView) {
	h := &b.Header
	fmt.Fprintf(t.w, "\n  bundle %d (record %d): id %q, sequence %s, collection type %s, business date %s, cycle %q\n",
		b.Number, b.RecordNumber, h.ID, h.SequenceNumber, h.CollectionType, ymd(h.BusinessDate), h.CycleNumber)
	t.header = false
}

const x9ItemRow = "    %6s  %-6s  %-9s  %-20s %14s  %-15s  %s"

func (t *x9DescribeText) row(cols ...any) {
	fmt.Fprintln(t.w, strings.TrimRight(fmt.Sprintf(x9ItemRow, cols...), " "))
}

func (t *x9DescribeText) item(it *x9ItemView) {
	if !t.header {
		t.header = true
		t.row("RECORD", "KIND", "ROUTING", "ON-US", "AMOUNT", "ITEM SEQUENCE", "DETAIL")
	}
	var detail []string
	if r := it.Return; r != nil {
		code := r.Code
		if code == "" {
			code = "no CHR code"
		}
		detail = append(detail, "reason "+r.Reason+" → "+code+", deposit item "+r.DepositItemSequence)
	}
	if it.Addenda > 0 {
		detail = append(detail, plural(it.Addenda, "addenda record"))
	}
	for _, im := range it.Images {
		s := fmt.Sprintf("%s %s B", im.Side, count(im.Bytes))
		if im.Width > 0 {
			s += fmt.Sprintf(" %d×%d %d dpi", im.Width, im.Height, im.DPI)
		}
		detail = append(detail, s+" "+im.Compression)
	}
	kind := it.Kind
	if kind == "credit_item" {
		kind = "credit"
	}
	t.row(strconv.Itoa(it.RecordNumber), kind, it.Routing, it.OnUs, dollars(it.AmountCents), it.ItemSequence, strings.Join(detail, "; "))
}

func (t *x9DescribeText) bundleEnd(b *x9BundleView) {
	if b.Omitted > 0 {
		word := "items"
		if b.Omitted == 1 {
			word = "item"
		}
		fmt.Fprintf(t.w, "    … and %s more %s (--items 0 lists all)\n", count(b.Omitted), word)
	}
	if c := b.Control; c == nil {
		fmt.Fprintln(t.w, "    control: none")
	} else {
		fmt.Fprintf(t.w, "    control (record %d): %s, %s, %s\n", c.RecordNumber, plural(c.ItemCount, "item"), dollars(c.TotalAmount), plural(c.ImageCount, "image"))
	}
}

func (t *x9DescribeText) cashLetterEnd(cl *x9CashLetterView) {
	if c := cl.Control; c == nil {
		fmt.Fprintln(t.w, "  cash letter control: none")
	} else {
		fmt.Fprintf(t.w, "  cash letter control (record %d): %s, %s, %s, %s", c.RecordNumber, plural(c.BundleCount, "bundle"),
			plural(c.ItemCount, "item"), dollars(c.TotalAmount), plural(c.ImageCount, "image"))
		if c.SettlementDate != "" {
			fmt.Fprintf(t.w, ", settlement %s", ymd(c.SettlementDate))
		}
		fmt.Fprintln(t.w)
	}
}

func (t *x9DescribeText) finish(fc *x9FileControl, sum *x9Summary, errs, warns, dropped int, see string, stop error) {
	fmt.Fprintln(t.w)
	if fc == nil {
		fmt.Fprintln(t.w, "file control: none")
	} else {
		fmt.Fprintf(t.w, "file control (record %d): %s, %s, %s, %s\n", fc.RecordNumber, plural(fc.CashLetterCount, "cash letter"),
			plural(fc.RecordCount, "record"), plural(fc.ItemCount, "item"), dollars(fc.TotalAmount))
	}
	fmt.Fprintln(t.w)
	writeX9SummaryText(t.w, sum)
	fmt.Fprintln(t.w)
	if errs+warns+dropped == 0 {
		fmt.Fprintf(t.w, "findings: none (%s profile)\n", t.profile)
	} else {
		more := ""
		if dropped > 0 {
			more = fmt.Sprintf(" (and %s over the cap)", count(dropped))
		}
		fmt.Fprintf(t.w, "findings: %s, %s%s (%s profile); to list them: %s\n", plural(errs, "error"), plural(warns, "warning"), more, t.profile, see)
	}
	if stop != nil {
		fmt.Fprintf(t.w, "reading stopped: %v\n", stop)
	}
}

// x9DescribeJSON renders describe as one JSON document, streamed.
type x9DescribeJSON struct {
	s       *jsonStream
	file    string
	profile string
	masked  bool
	// The open array of the open cash letter: "credits" (items before its
	// first bundle) or "bundles"; "" when none is open yet.
	array   string
	bundles bool // the cash letter's "bundles" array was written
}

// openArray makes name the open array of the cash letter.
func (j *x9DescribeJSON) openArray(name string) {
	if j.array == name {
		return
	}
	if j.array != "" {
		j.s.Close()
	}
	j.s.Open(name, '[')
	j.array = name
	if name == "bundles" {
		j.bundles = true
	}
}

func (j *x9DescribeJSON) Err() error { return j.s.Err() }

func (j *x9DescribeJSON) begin(fh *x9HeaderView) {
	j.s.Open("", '{')
	j.s.Value("file", j.file)
	j.s.Value("profile", j.profile)
	j.s.Value("masked", j.masked)
	j.s.Value("file_header", fh)
	j.s.Open("cash_letters", '[')
}

func (j *x9DescribeJSON) cashLetterStart(cl *x9CashLetterView) {
	j.s.Open("", '{')
	j.s.Value("record_number", cl.RecordNumber)
	j.s.Value("header", cl.Header)
	j.array, j.bundles = "", false
}

func (j *x9DescribeJSON) bundleStart(b *x9BundleView) {
	j.openArray("bundles")
	j.s.Open("", '{')
	j.s.Value("record_number", b.RecordNumber)
	j.s.Value("header", b.Header)
	j.s.Open("items", '[')
}

func (j *x9DescribeJSON) item(it *x9ItemView) {
	if j.array != "bundles" { // a credit before the cash letter's first bundle
		j.openArray("credits")
	}
	j.s.Value("", it)
}

func (j *x9DescribeJSON) bundleEnd(b *x9BundleView) {
	j.s.Close() // items
	j.s.Value("items_omitted", b.Omitted)
	j.s.Value("control", b.Control)
	j.s.Close()
}

func (j *x9DescribeJSON) cashLetterEnd(cl *x9CashLetterView) {
	if j.array != "" {
		j.s.Close()
	}
	if !j.bundles {
		j.s.Value("bundles", []struct{}{})
	}
	j.array = ""
	j.s.Value("control", cl.Control)
	j.s.Close()
}

func (j *x9DescribeJSON) finish(fc *x9FileControl, sum *x9Summary, errs, warns, dropped int, see string, stop error) {
	j.s.Close() // cash letters
	j.s.Value("file_control", fc)
	j.s.Value("summary", sum)
	j.s.Value("findings", struct {
		Errors   int    `json:"errors"`
		Warnings int    `json:"warnings"`
		Dropped  int    `json:"dropped"`
		See      string `json:"see"`
	}{errs, warns, dropped, see})
	if stop != nil {
		j.s.Value("error", stop.Error())
	}
	j.s.Close()
}
