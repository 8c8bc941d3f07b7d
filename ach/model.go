package ach

import (
	"encoding/json"
	"io"
)

// File is a whole NACHA file in memory: what ReadAll returns and WriteFile
// writes. Its JSON form (encoding/json, the struct tags below) is stable and
// round-trips: File → JSON → File → NACHA gives the same records.
type File struct {
	Header  FileHeader  `json:"header"`
	Batches []Batch     `json:"batches"`
	Control FileControl `json:"control"`
}

// Batch is a batch header, its entries with their addenda, and its control.
type Batch struct {
	Header  BatchHeader  `json:"header"`
	Entries []Entry      `json:"entries"`
	Control BatchControl `json:"control"`
}

// Kind classifies the entry as nacha.md §12 says: a 99 or 98 addenda makes
// it return-family and its code picks the kind; otherwise the batch's SEC
// (ACK, ATX) and the transaction code decide.
func (e *Entry) Kind(sec string) EntryKind {
	for i := range e.Addenda {
		a := &e.Addenda[i]
		switch a.TypeCode {
		case "99":
			return returnFamily([]byte(a.Code))
		case "98":
			if len(a.Code) == 3 && a.Code[:2] == "C6" && a.Code[2] >= '1' {
				return KindRefusedNOC
			}
			return KindNOC
		}
	}
	if sec == "ACK" || sec == "ATX" {
		return KindAck
	}
	if e.TransactionCode >= 0 && e.TransactionCode < 100 && txCodes[e.TransactionCode].prenote {
		return KindPrenote
	}
	return KindForward
}

// ReadAll reads the rest of the input into a File. The File holds every
// record that could be placed, even when the file has errors; the error is
// then Errors (or the I/O error that stopped reading). Findings and Summary
// stay available on r.
func (r *Reader) ReadAll() (*File, error) {
	f := &File{}
	var b *Batch
	var e *Entry
	for r.Next() {
		rec := r.Record()
		switch rec.Layout() {
		case "file_header":
			f.Header = rec.FileHeader()
		case "batch_header":
			f.Batches = append(f.Batches, Batch{Header: rec.BatchHeader()})
			b, e = &f.Batches[len(f.Batches)-1], nil
		case "entry_detail":
			if b != nil {
				b.Entries = append(b.Entries, rec.Entry())
				e = &b.Entries[len(b.Entries)-1]
			}
		case "batch_control":
			if b != nil {
				b.Control = rec.BatchControl()
			}
			b, e = nil, nil
		case "file_control":
			f.Control = rec.FileControl()
		default:
			if rec.Type() == '7' && e != nil {
				e.Addenda = append(e.Addenda, rec.Addenda())
			}
		}
	}
	return f, r.Err()
}

// DecodeJSON reads a File from its JSON form.
func DecodeJSON(r io.Reader) (*File, error) {
	var f File
	d := json.NewDecoder(r)
	d.DisallowUnknownFields()
	if err := d.Decode(&f); err != nil {
		return nil, err
	}
	return &f, nil
}
