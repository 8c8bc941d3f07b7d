package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/internal/mask"
	"github.com/spf13/cobra"
)

// describeFlags are the flags of "ach describe".
type describeFlags struct {
	lenient bool
	unmask  bool
	entries int
}

const describeLong = `Describe says what a NACHA file holds: the file header (origin, destination,
creation date and time, file ID modifier), each batch (number, SEC code,
service class, company, entry description, effective date, entry count,
debit and credit totals) with its first entries (transaction code, kind —
forward, prenote, return, dishonored, contested, noc, refused_noc, ack —
RDFI routing number, account, amount, name, trace; the return code and
original trace of a return, the change code and corrected data of a NOC),
then the file control and a summary.

It reads the file as a stream and keeps only what it prints, so it works on
files of any size. --entries N lists at most N entries per batch (default
20, 0 = all).

Describe is for looking at files from banks, so it reads with the lenient
profile by default (--lenient=false for strict). It counts the findings but
does not list them: run "railyard ach validate" for that.

Account numbers, and account numbers in NOC corrected data, are masked
(****1234) in text and JSON unless --unmask.

JSON output (--output json), streamed:

  {"file": "x.ach", "profile": "lenient", "masked": true,
   "file_header": {"line": 1, "immediate_destination": "...", ...} or null,
   "batches": [
     {"line": 2, "number": 1,
      "header": {"service_class_code": 200, "company_name": "...",
                 "standard_entry_class": "WEB", ...},
      "entries": [
        {"line": 3, "transaction_code": 26, "kind": "return",
         "rdfi_routing": "091400606", "account": "****6789",
         "amount_cents": 12354, "name": "Paul Jones",
         "trace": "091000017611242", "addenda": 1,
         "return": {"code": "R01", "original_trace": "091400600000001"}}],
      "entries_omitted": 0,
      "control": {"line": 5, "entry_addenda_count": 2, ...} or null,
      "totals": {"entries": 1, "addenda": 1, "debit_total_cents": 12354,
                 "credit_total_cents": 0, "returns": 1, "nocs": 0}}],
   "file_control": {"line": 10, "batch_count": 2, ...} or null,
   "summary": {"batches": 2, "entries": 2, ..., "returns": [...], "nocs": [...]},
   "findings": {"errors": 0, "warnings": 0, "dropped": 0,
                "see": "railyard ach validate --lenient x.ach"}}

"header" and "control" use the field names of the ach package's JSON (the
same as "railyard ach convert --to json"); "totals" are counted from the
entries, whatever the control records say. A NOC entry has
"noc": {"code", "original_trace", "corrected_data"} instead of "return".`

func newDescribeCmd(g *globals) *cobra.Command {
	f := describeFlags{lenient: true, entries: 20}
	cmd := &cobra.Command{
		Use:   "describe FILE",
		Short: "Show what a NACHA file holds: headers, batches, entries, totals",
		Long:  describeLong,
		Example: `  # An inbound return file
  railyard ach describe returns.ach

  # Every entry, account numbers in full
  railyard ach describe --entries 0 --unmask payroll.ach

  # For a program
  railyard ach describe inbound.ach --output json`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDescribe(g, &f, args[0])
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.lenient, "lenient", true, "accept the deviations real bank files carry (--lenient=false for strict)")
	fl.BoolVar(&f.unmask, "unmask", false, "show account numbers in full")
	fl.IntVar(&f.entries, "entries", 20, "list at most `N` entries per batch (0 = all)")
	return cmd
}

// headerView is the file header as describe shows it.
type headerView struct {
	Line int `json:"line"`
	ach.FileHeader
}

// controlView is a batch control as describe shows it.
type batchControlView struct {
	Line int `json:"line"`
	ach.BatchControl
}

// fileControlView is the file control as describe shows it.
type fileControlView struct {
	Line int `json:"line"`
	ach.FileControl
}

// batchTotals are counted from a batch's entries.
type batchTotals struct {
	Entries     int   `json:"entries"`
	Addenda     int   `json:"addenda"`
	DebitTotal  int64 `json:"debit_total_cents"`
	CreditTotal int64 `json:"credit_total_cents"`
	Returns     int   `json:"returns"`
	NOCs        int   `json:"nocs"`
}

// batchView is one batch as describe shows it.
type batchView struct {
	Line    int
	Number  int // ordinal in the file, from 1
	Header  ach.BatchHeader
	Control *batchControlView
	Totals  batchTotals
	Listed  int
	Omitted int
}

// returnView is the addenda 99 of a return-family entry.
type returnView struct {
	Code          string `json:"code"`
	OriginalTrace string `json:"original_trace"`
}

// nocView is the addenda 98 of a NOC or refused NOC entry.
type nocView struct {
	Code          string `json:"code"`
	OriginalTrace string `json:"original_trace"`
	CorrectedData string `json:"corrected_data"`
	// ChangeCode is the refused NOC's original change code.
	ChangeCode string `json:"change_code,omitempty"`
}

// entryView is one entry as describe shows it; Account is masked unless
// --unmask.
type entryView struct {
	Line            int         `json:"line"`
	TransactionCode int         `json:"transaction_code"`
	Kind            string      `json:"kind"`
	RDFIRouting     string      `json:"rdfi_routing"`
	Account         string      `json:"account"`
	AmountCents     int64       `json:"amount_cents"`
	Name            string      `json:"name"`
	Trace           string      `json:"trace"`
	Addenda         int         `json:"addenda"`
	Return          *returnView `json:"return,omitempty"`
	NOC             *nocView    `json:"noc,omitempty"`
}

// describeEnd is what describe knows once the file is read.
type describeEnd struct {
	FileControl *fileControlView
	Summary     *ach.Summary
	Errors      int
	Warnings    int
	Dropped     int
	See         string // the validate command that lists the findings
	Err         error  // what stopped reading, if not the end of the file
}

// describeSink renders describe's events as they come.
type describeSink interface {
	begin(fh *headerView) // fh is nil when the file has no file header
	batchStart(b *batchView)
	entry(e *entryView)
	batchEnd(b *batchView)
	finish(end *describeEnd)
	Err() error
}

// describer follows the records of a file and feeds a sink, keeping only
// the open batch and the entry being read.
type describer struct {
	r      *ach.Reader
	sink   describeSink
	limit  int // entries listed per batch, 0 = all
	unmask bool

	begun   bool
	batches int
	batch   *batchView
	sec     string
	start   ach.Summary // the reader's summary when the batch began
	entries int         // entries seen in the open batch

	// The entry being read, when it is listed: its addenda follow it.
	pending *ach.Entry
	pendLn  int

	fileControl *fileControlView
}

func (d *describer) ensureBegun(fh *headerView) {
	if !d.begun {
		d.begun = true
		d.sink.begin(fh)
	}
}

func (d *describer) run() {
	for d.r.Next() {
		rec := d.r.Record()
		switch rec.Type() {
		case '1':
			d.endBatch(nil)
			if !d.begun {
				d.ensureBegun(&headerView{Line: rec.Line, FileHeader: rec.FileHeader()})
			}
		case '5':
			d.ensureBegun(nil)
			d.endBatch(nil)
			d.batches++
			d.batch = &batchView{Line: rec.Line, Number: d.batches, Header: rec.BatchHeader()}
			d.sec = d.batch.Header.StandardEntryClass
			d.start = *d.r.Summary()
			d.entries = 0
			d.sink.batchStart(d.batch)
		case '6':
			d.ensureBegun(nil)
			d.flushEntry()
			if d.batch == nil {
				continue // an entry outside any batch: a finding, not shown
			}
			d.entries++
			if d.limit == 0 || d.batch.Listed < d.limit {
				e := rec.Entry()
				d.pending, d.pendLn = &e, rec.Line
				d.batch.Listed++
			}
		case '7':
			if d.pending != nil {
				d.pending.Addenda = append(d.pending.Addenda, rec.Addenda())
			}
		case '8':
			d.ensureBegun(nil)
			d.endBatch(&batchControlView{Line: rec.Line, BatchControl: rec.BatchControl()})
		case '9':
			if rec.IsFill() {
				continue
			}
			d.ensureBegun(nil)
			d.endBatch(nil)
			d.fileControl = &fileControlView{Line: rec.Line, FileControl: rec.FileControl()}
		default:
			d.ensureBegun(nil)
		}
	}
	d.endBatch(nil)
}

func (d *describer) flushEntry() {
	if d.pending == nil {
		return
	}
	d.sink.entry(d.entryView(d.pending, d.pendLn))
	d.pending = nil
}

// endBatch closes the open batch, if any, with its control record (nil
// when the batch has none).
func (d *describer) endBatch(ctl *batchControlView) {
	d.flushEntry()
	b := d.batch
	if b == nil {
		return
	}
	d.batch = nil
	s := d.r.Summary()
	b.Control = ctl
	b.Totals = batchTotals{
		Entries:     d.entries,
		Addenda:     s.Addenda - d.start.Addenda,
		DebitTotal:  s.DebitTotal - d.start.DebitTotal,
		CreditTotal: s.CreditTotal - d.start.CreditTotal,
		Returns:     len(s.Returns) - len(d.start.Returns),
		NOCs:        len(s.NOCs) - len(d.start.NOCs),
	}
	b.Omitted = d.entries - b.Listed
	d.sink.batchEnd(b)
}

func (d *describer) account(s string) string {
	if d.unmask {
		return s
	}
	return mask.Account(s)
}

func (d *describer) entryView(e *ach.Entry, line int) *entryView {
	v := &entryView{
		Line:            line,
		TransactionCode: e.TransactionCode,
		Kind:            e.Kind(d.sec).String(),
		RDFIRouting:     e.RDFIIdentification + e.CheckDigit,
		Account:         d.account(e.DFIAccountNumber),
		AmountCents:     e.Amount,
		Name:            e.Name,
		Trace:           e.TraceNumber,
		Addenda:         len(e.Addenda),
	}
	if v.Trace == "" && e.ACHOperatorRoutingNumber != "" { // ADV
		v.Trace = e.ACHOperatorRoutingNumber + e.JulianDay + e.SequenceNumber
	}
	for i := range e.Addenda {
		a := &e.Addenda[i]
		switch a.TypeCode {
		case "99":
			v.Return = &returnView{Code: a.Code, OriginalTrace: a.OriginalTraceNumber}
		case "98":
			data := a.CorrectedData
			if !d.unmask {
				data = mask.CorrectedData(a.Code, data)
			}
			v.NOC = &nocView{Code: a.Code, OriginalTrace: a.OriginalTraceNumber, CorrectedData: data, ChangeCode: a.ChangeCode}
		case "10": // IAT: the Receiver's name is in the first IAT addenda
			if v.Name == "" {
				v.Name = a.Name
			}
		}
	}
	return v
}

func runDescribe(g *globals, f *describeFlags, name string) error {
	if f.entries < 0 {
		return usageErrorf("invalid --entries %d: must be 0 (all) or more", f.entries)
	}
	in, err := g.openInput(name)
	if err != nil {
		return err
	}
	defer in.Close()

	r := ach.NewReader(in)
	r.Options = achOptions(f.lenient, false, 0)

	w := bufio.NewWriterSize(g.stdout, 64<<10)
	var sink describeSink
	if g.json() {
		sink = &describeJSON{s: newJSONStream(w), file: in.name, profile: profileName(f.lenient), masked: !f.unmask}
	} else {
		sink = &describeText{w: w, file: in.name, profile: profileName(f.lenient), unmask: f.unmask}
	}
	d := &describer{r: r, sink: sink, limit: f.entries, unmask: f.unmask}
	d.run()

	if !d.begun && errors.Is(r.Err(), ach.ErrNotNACHA) {
		// Nothing was shown: say why and stop.
		return failure(fmt.Errorf("%s: %s", in.name, notNACHAMessage(r.Err())))
	}
	fatal := readFailure(r, in.name)
	if !d.begun && fatal != nil {
		return failure(fatal)
	}
	d.ensureBegun(nil)
	errs, warns := splitFindings(r.Findings())
	see := "railyard ach validate " + shellQuote(name)
	if f.lenient {
		see = "railyard ach validate --lenient " + shellQuote(name)
	}
	sum := *r.Summary()
	if !f.unmask && len(sum.NOCs) > 0 {
		nocs := make([]ach.NOCItem, len(sum.NOCs))
		for i, n := range sum.NOCs {
			n.CorrectedData = mask.CorrectedData(n.Code, n.CorrectedData)
			nocs[i] = n
		}
		sum.NOCs = nocs
	}
	sink.finish(&describeEnd{
		FileControl: d.fileControl,
		Summary:     emptySummary(sum),
		Errors:      len(errs),
		Warnings:    len(warns),
		Dropped:     r.Dropped(),
		See:         see,
		Err:         fatal,
	})
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

// notNACHAMessage words the error of input that is not NACHA at all.
func notNACHAMessage(err error) string {
	var pe *ach.ParseError
	if errors.As(err, &pe) {
		if pe.Line > 0 {
			return fmt.Sprintf("line %d: %s", pe.Line, pe.Msg)
		}
		return "not a NACHA file: " + pe.Msg
	}
	return err.Error()
}

// shellQuote quotes s for a shell command line when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+:=@,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// describeText renders describe for people.
type describeText struct {
	w       io.Writer
	file    string
	profile string
	unmask  bool
	header  bool // the entries' column header is printed for this batch
}

func (t *describeText) Err() error { return nil }

func (t *describeText) begin(fh *headerView) {
	fmt.Fprintf(t.w, "%s (NACHA, read with the %s profile)\n\n", t.file, t.profile)
	if fh == nil {
		fmt.Fprintf(t.w, "file header: none\n")
		return
	}
	h := &fh.FileHeader
	fmt.Fprintf(t.w, "file header (line %d):\n", fh.Line)
	fmt.Fprintf(t.w, "  origin         %-10s  %s\n", h.ImmediateOrigin, h.ImmediateOriginName)
	fmt.Fprintf(t.w, "  destination    %-10s  %s\n", h.ImmediateDestination, h.ImmediateDestinationName)
	created := yymmdd(h.FileCreationDate)
	if h.FileCreationTime != "" {
		created += " " + hhmm(h.FileCreationTime)
	}
	fmt.Fprintf(t.w, "  created        %s\n", created)
	fmt.Fprintf(t.w, "  id modifier    %s\n", h.FileIDModifier)
	if h.ReferenceCode != "" {
		fmt.Fprintf(t.w, "  reference      %s\n", h.ReferenceCode)
	}
}

func (t *describeText) batchStart(b *batchView) {
	h := &b.Header
	fmt.Fprintf(t.w, "\nbatch %d (line %d): number %d, %s, service class %d (%s)\n",
		b.Number, b.Line, h.BatchNumber, h.StandardEntryClass, h.ServiceClassCode, serviceClassName(h.ServiceClassCode))
	if h.CompanyName != "" {
		fmt.Fprintf(t.w, "  company        %s, id %s\n", h.CompanyName, h.CompanyIdentification)
	} else {
		fmt.Fprintf(t.w, "  company        id %s\n", h.CompanyIdentification)
	}
	desc := h.CompanyEntryDescription
	if h.CompanyDescriptiveDate != "" {
		desc += " (descriptive date " + strconv.Quote(h.CompanyDescriptiveDate) + ")"
	}
	fmt.Fprintf(t.w, "  description    %s\n", desc)
	eff := yymmdd(h.EffectiveEntryDate)
	if h.SettlementDate != "" {
		eff += ", settlement day " + h.SettlementDate
	}
	fmt.Fprintf(t.w, "  effective      %s\n", eff)
	fmt.Fprintf(t.w, "  odfi           %s\n", h.ODFIIdentification)
	t.header = false
}

const entryRow = "  %6s  %2s  %-11s %-9s  %-17s %14s  %-22s  %-15s  %s"

func (t *describeText) entry(e *entryView) {
	if !t.header {
		t.header = true
		t.row("LINE", "TC", "KIND", "RDFI", "ACCOUNT", "AMOUNT", "NAME", "TRACE", "DETAIL")
	}
	detail := ""
	switch {
	case e.Return != nil:
		detail = e.Return.Code + " original trace " + e.Return.OriginalTrace
	case e.NOC != nil:
		detail = e.NOC.Code + " original trace " + e.NOC.OriginalTrace + " corrected " + strconv.Quote(e.NOC.CorrectedData)
		if e.NOC.ChangeCode != "" {
			detail += " (refusing " + e.NOC.ChangeCode + ")"
		}
	case e.Addenda > 0:
		detail = plural(e.Addenda, "addenda record")
	}
	t.row(strconv.Itoa(e.Line), strconv.Itoa(e.TransactionCode), e.Kind, e.RDFIRouting,
		e.Account, dollars(e.AmountCents), e.Name, e.Trace, detail)
}

// row prints one line of the entries table.
func (t *describeText) row(cols ...any) {
	fmt.Fprintln(t.w, strings.TrimRight(fmt.Sprintf(entryRow, cols...), " "))
}

func (t *describeText) batchEnd(b *batchView) {
	if b.Omitted > 0 {
		word := "entries"
		if b.Omitted == 1 {
			word = "entry"
		}
		fmt.Fprintf(t.w, "  … and %s more %s (--entries 0 lists all)\n", count(b.Omitted), word)
	}
	tot := &b.Totals
	fmt.Fprintf(t.w, "  totals         %s, %s; debits %s, credits %s",
		plural(tot.Entries, "entry"), plural(tot.Addenda, "addenda record"), dollars(tot.DebitTotal), dollars(tot.CreditTotal))
	if tot.Returns > 0 {
		fmt.Fprintf(t.w, "; %s", plural(tot.Returns, "return"))
	}
	if tot.NOCs > 0 {
		fmt.Fprintf(t.w, "; %s", plural(tot.NOCs, "NOC"))
	}
	fmt.Fprintln(t.w)
	if b.Control == nil {
		fmt.Fprintln(t.w, "  control        none")
	} else {
		c := &b.Control.BatchControl
		fmt.Fprintf(t.w, "  control        line %d: %s entries+addenda, debits %s, credits %s\n",
			b.Control.Line, count(c.EntryAddendaCount), dollars(c.TotalDebit), dollars(c.TotalCredit))
	}
}

func (t *describeText) finish(end *describeEnd) {
	fmt.Fprintln(t.w)
	if fc := end.FileControl; fc == nil {
		fmt.Fprintln(t.w, "file control: none")
	} else {
		fmt.Fprintf(t.w, "file control (line %d): %s, %s, %s entries+addenda, debits %s, credits %s\n",
			fc.Line, plural(fc.BatchCount, "batch"), plural(fc.BlockCount, "block"), count(fc.EntryAddendaCount),
			dollars(fc.TotalDebit), dollars(fc.TotalCredit))
	}
	fmt.Fprintln(t.w)
	writeSummaryText(t.w, end.Summary, t.unmask)
	fmt.Fprintln(t.w)
	if end.Errors+end.Warnings+end.Dropped == 0 {
		fmt.Fprintf(t.w, "findings: none (%s profile)\n", t.profile)
	} else {
		more := ""
		if end.Dropped > 0 {
			more = fmt.Sprintf(" (and %s over the cap)", count(end.Dropped))
		}
		fmt.Fprintf(t.w, "findings: %s, %s%s (%s profile); to list them: %s\n",
			plural(end.Errors, "error"), plural(end.Warnings, "warning"), more, t.profile, end.See)
	}
	if end.Err != nil {
		fmt.Fprintf(t.w, "reading stopped: %v\n", end.Err)
	}
}

// describeJSON renders describe as one JSON document, streamed.
type describeJSON struct {
	s       *jsonStream
	file    string
	profile string
	masked  bool
}

func (j *describeJSON) Err() error { return j.s.Err() }

func (j *describeJSON) begin(fh *headerView) {
	j.s.Open("", '{')
	j.s.Value("file", j.file)
	j.s.Value("profile", j.profile)
	j.s.Value("masked", j.masked)
	j.s.Value("file_header", fh)
	j.s.Open("batches", '[')
}

func (j *describeJSON) batchStart(b *batchView) {
	j.s.Open("", '{')
	j.s.Value("line", b.Line)
	j.s.Value("number", b.Number)
	j.s.Value("header", b.Header)
	j.s.Open("entries", '[')
}

func (j *describeJSON) entry(e *entryView) { j.s.Value("", e) }

func (j *describeJSON) batchEnd(b *batchView) {
	j.s.Close() // entries
	j.s.Value("entries_omitted", b.Omitted)
	j.s.Value("control", b.Control)
	j.s.Value("totals", b.Totals)
	j.s.Close()
}

func (j *describeJSON) finish(end *describeEnd) {
	j.s.Close() // batches
	j.s.Value("file_control", end.FileControl)
	j.s.Value("summary", end.Summary)
	j.s.Value("findings", struct {
		Errors   int    `json:"errors"`
		Warnings int    `json:"warnings"`
		Dropped  int    `json:"dropped"`
		See      string `json:"see"`
	}{end.Errors, end.Warnings, end.Dropped, end.See})
	if end.Err != nil {
		j.s.Value("error", end.Err.Error())
	}
	j.s.Close()
}
