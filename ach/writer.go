package ach

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// Writer writes a NACHA file record by record. It computes every derived
// value — check digits, addenda indicators and counts, addenda sequence
// numbers, batch and file controls (entry hash, counts, totals), the block
// count and the 9-filled padding — and runs each record through the same
// strict validation the Reader applies before it writes it. A record that
// fails is not written: the call returns the *ParseError and the Writer
// refuses every later call, so a malformed or unbalanced file is never
// completed. Output is buffered; Close writes the controls and flushes.
//
// The call order is WriteFileHeader, then for each batch WriteBatchHeader
// and WriteEntry per entry, then Close. A batch ends at the next
// WriteBatchHeader or at Close.
type Writer struct {
	// CRLF ends records with "\r\n" instead of "\n".
	CRLF bool
	// Options: CustomReturnCodes lets the writer emit unassigned return and
	// change codes; the strict profile is always used otherwise.
	Options Options

	w        *bufio.Writer
	v        validator
	rec      Record
	started  bool
	inBatch  bool
	header   BatchHeader
	entryC   *codec[Entry]
	mac      string
	extras   *BatchControl // WriteFile: free fields of the read control to keep
	batchN   int
	err      error
	warnings []*ParseError
	next     int64   // offset of the next record
	ent      Entry   // scratch copies: the codecs take pointers, and a
	add      Addenda // local copy would escape to the heap on every call
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 256<<10)}
}

// Warnings returns what the writer changed on the way (free text cut to
// its field) and validation warnings about what it wrote.
func (w *Writer) Warnings() []*ParseError { return w.warnings }

// emit validates the record in w.rec.Raw and writes it.
func (w *Writer) emit() error {
	w.rec.Line++
	w.rec.Offset = w.next
	w.next += int64(RecordLength + 1 + btoi(w.CRLF))
	nErr, nFind := len(w.v.errs), len(w.v.findings)
	w.v.record(&w.rec)
	return w.check(nErr, nFind, true)
}

// check turns validation findings since nErr/nFind into the writer's
// result; with write set it writes the record when there is no error.
func (w *Writer) check(nErr, nFind int, write bool) error {
	for _, f := range w.v.findings[nFind:] {
		if f.Severity == SeverityWarning {
			w.warnings = append(w.warnings, f)
		}
	}
	if len(w.v.errs) > nErr {
		w.err = w.v.errs[nErr]
		return w.err
	}
	if write {
		w.w.Write(w.rec.Raw[:])
		if w.CRLF {
			w.w.WriteByte('\r')
		}
		if err := w.w.WriteByte('\n'); err != nil {
			w.err = err
			return err
		}
	}
	return nil
}

func (w *Writer) warn(f *field, msg string) {
	w.warnings = append(w.warnings, &ParseError{Line: w.rec.Line + 1, Column: f.start, Field: f.name,
		Severity: SeverityWarning, Err: ErrFieldTooLong, Msg: msg})
}

func (w *Writer) encodeErr(err *ParseError) error {
	err.Line = w.rec.Line + 1
	err.Severity = SeverityError
	w.err = err
	return err
}

func (w *Writer) state(ok bool, msg string) error {
	if w.err != nil {
		return w.err
	}
	if !ok {
		return &ParseError{Line: w.rec.Line + 1, Err: ErrWriterState, Msg: msg}
	}
	return nil
}

// WriteFileHeader writes the file header. It must be the first call.
func (w *Writer) WriteFileHeader(h *FileHeader) error {
	if err := w.state(!w.started, "the file header is written once, first"); err != nil {
		return err
	}
	w.started = true
	w.v.opts = Options{CustomReturnCodes: w.Options.CustomReturnCodes, MaxErrors: -1}
	if err := fileHeaderCodec.encode(h, &w.rec.Raw, w.warn); err != nil {
		return w.encodeErr(err)
	}
	return w.emit()
}

// WriteBatchHeader ends the open batch, if any, and starts a new one. A
// zero BatchNumber is replaced by the next number in the file.
func (w *Writer) WriteBatchHeader(h *BatchHeader) error {
	if err := w.state(w.started && w.v.state != stDone, "a batch header follows the file header"); err != nil {
		return err
	}
	if err := w.endBatch(); err != nil {
		return err
	}
	w.header = *h
	if w.header.BatchNumber == 0 {
		w.header.BatchNumber = w.batchN + 1
	}
	w.batchN = w.header.BatchNumber
	c := batchHeaderCodec
	if w.header.IsIAT() {
		c = iatBatchHeaderCodec
	}
	if err := c.encode(&w.header, &w.rec.Raw, w.warn); err != nil {
		return w.encodeErr(err)
	}
	if err := w.emit(); err != nil {
		return err
	}
	w.inBatch = true
	w.entryC = w.v.b.entry
	w.mac, w.extras = "", nil
	return nil
}

// SetMessageAuthenticationCode sets the MAC the open batch's control carries.
func (w *Writer) SetMessageAuthenticationCode(mac string) { w.mac = mac }

// WriteEntry writes an entry and its addenda. The writer sets the check
// digit when it is empty, the addenda record indicator, the corporate and
// IAT Number of Addenda Records, and the addenda sequence numbers and
// traces that link each addenda to the entry; everything else is the
// caller's and is validated as written.
func (w *Writer) WriteEntry(e *Entry) error {
	if err := w.state(w.inBatch, "an entry needs a batch header first"); err != nil {
		return err
	}
	w.ent = *e
	ent := &w.ent
	ent.Addenda = nil
	if ent.CheckDigit == "" {
		if cd := CheckDigit(ent.RDFIIdentification); cd >= 0 {
			ent.CheckDigit = strconv.Itoa(cd)
		}
	}
	ent.AddendaRecordIndicator = 0
	if len(e.Addenda) > 0 {
		ent.AddendaRecordIndicator = 1
	}
	if isCorporateSEC(w.header.StandardEntryClass) || w.header.IsIAT() {
		ent.AddendaRecords = len(e.Addenda)
	}
	if err := w.entryC.encode(ent, &w.rec.Raw, w.warn); err != nil {
		return w.encodeErr(err)
	}
	if err := w.emit(); err != nil {
		return err
	}
	seq, seq18 := 0, 0
	last7 := ""
	if len(ent.TraceNumber) >= 7 {
		last7 = ent.TraceNumber[len(ent.TraceNumber)-7:]
	}
	for i := range e.Addenda {
		w.add = e.Addenda[i]
		a := &w.add
		switch a.TypeCode {
		case "05", "17":
			seq++
			a.SequenceNumber = seq
		case "18":
			seq18++
			a.SequenceNumber = seq18
		}
		switch a.TypeCode {
		case "02", "98", "99":
			if a.TraceNumber == "" {
				a.TraceNumber = ent.TraceNumber
			}
		default:
			if a.EntryDetailSequenceNumber == "" {
				a.EntryDetailSequenceNumber = last7
			}
		}
		c := addendaLayout([]byte(a.TypeCode), []byte(a.Code), w.header.IsIAT())
		if c == nil {
			w.err = &ParseError{Line: w.rec.Line + 1, Record: "addenda", Field: "addenda_type_code", Value: a.TypeCode,
				Err: ErrAddenda, Code: "R25", Msg: "unknown addenda type code"}
			return w.err
		}
		if err := c.encode(a, &w.rec.Raw, w.warn); err != nil {
			return w.encodeErr(err)
		}
		if err := w.emit(); err != nil {
			return err
		}
	}
	return nil
}

// endBatch writes the open batch's control from what the batch held.
func (w *Writer) endBatch() error {
	if !w.inBatch {
		return nil
	}
	w.inBatch = false
	b := &w.v.b
	c := BatchControl{
		ServiceClassCode:          w.header.ServiceClassCode,
		EntryAddendaCount:         b.count,
		EntryHash:                 b.hash % 10_000_000_000,
		TotalDebit:                b.debit,
		TotalCredit:               b.credit,
		CompanyIdentification:     w.header.CompanyIdentification,
		MessageAuthenticationCode: w.mac,
		ODFIIdentification:        w.header.ODFIIdentification,
		BatchNumber:               w.header.BatchNumber,
	}
	if x := w.extras; x != nil {
		// Keep the control's own spelling of the company id (" 123456789")
		// when it is the header's after trimming, as the Reader accepts.
		if strings.TrimSpace(x.CompanyIdentification) == strings.TrimSpace(c.CompanyIdentification) {
			c.CompanyIdentification = x.CompanyIdentification
		}
		c.ACHOperatorData = x.ACHOperatorData
	}
	codec := batchControlCodec
	if b.adv {
		codec = advBatchControlCodec
		c.CompanyIdentification, c.MessageAuthenticationCode = "", ""
	}
	if err := codec.encode(&c, &w.rec.Raw, w.warn); err != nil {
		return w.encodeErr(err)
	}
	return w.emit()
}

// Close ends the open batch, writes the file control and the block fill,
// and flushes. It does not close the underlying writer. A file with no
// batches is refused.
func (w *Writer) Close() error {
	if err := w.state(w.started && w.v.state != stDone, "Close needs a file header and is called once"); err != nil {
		return err
	}
	if err := w.endBatch(); err != nil {
		return err
	}
	if w.v.fileBatches == 0 {
		w.err = &ParseError{Line: w.rec.Line + 1, Record: "file_control", Err: ErrMissing, Msg: "a file needs at least one batch"}
		return w.err
	}
	records := w.v.records + 1
	blocks := (records + 9) / 10
	c := FileControl{
		BatchCount:        w.v.fileBatches,
		BlockCount:        blocks,
		EntryAddendaCount: w.v.fileCount,
		EntryHash:         w.v.fileHash % 10_000_000_000,
		TotalDebit:        w.v.fileDebit,
		TotalCredit:       w.v.fileCredit,
	}
	codec := fileControlCodec
	if w.v.anyADV {
		codec = advFileControlCodec
	}
	if err := codec.encode(&c, &w.rec.Raw, w.warn); err != nil {
		return w.encodeErr(err)
	}
	if err := w.emit(); err != nil {
		return err
	}
	for i := range w.rec.Raw {
		w.rec.Raw[i] = '9'
	}
	for i := records; i < blocks*10; i++ {
		if err := w.emit(); err != nil {
			return err
		}
	}
	nErr, nFind := len(w.v.errs), len(w.v.findings)
	w.v.finish(&w.rec)
	if err := w.check(nErr, nFind, false); err != nil {
		return err
	}
	if err := w.w.Flush(); err != nil {
		w.err = err
		return err
	}
	w.err = &ParseError{Err: ErrWriterState, Msg: "writer is closed"}
	return nil
}

// WriteFile writes a whole File: header, batches, entries and addenda.
// The File's control records are not read: the Writer computes them, and
// keeps only each batch control's Message Authentication Code.
func (w *Writer) WriteFile(f *File) error {
	if err := w.WriteFileHeader(&f.Header); err != nil {
		return err
	}
	for i := range f.Batches {
		b := &f.Batches[i]
		if err := w.WriteBatchHeader(&b.Header); err != nil {
			return err
		}
		w.SetMessageAuthenticationCode(b.Control.MessageAuthenticationCode)
		w.extras = &b.Control
		for j := range b.Entries {
			if err := w.WriteEntry(&b.Entries[j]); err != nil {
				return err
			}
		}
	}
	return w.Close()
}
