package ach

// Record is one 94-byte NACHA record as the Reader delivers it: its raw
// bytes, where it was found, and the layout the Reader chose for it from the
// batch it is in. The typed accessors decode Raw with that layout; they
// allocate, so a reader that only needs a field or two can slice Raw instead.
type Record struct {
	// Raw holds the record, padded with spaces or trimmed to 94 bytes if the
	// line was shorter or longer.
	Raw [RecordLength]byte
	// Line is the 1-based physical line the record was read from. Records
	// split out of a file with no line breaks share line 1.
	Line int
	// Offset is the byte offset of the record's first byte in the input.
	Offset int64

	layout  *spec
	entry   *codec[Entry]
	addenda *codec[Addenda]
	iat     bool // batch header in the IAT layout
	adv     bool // control records in the ADV layout
}

// Type returns the record type code, position 01 ('1', '5', '6', '7', '8',
// '9'); block fill records are type '9' too, and IsFill tells them apart.
func (r *Record) Type() byte { return r.Raw[0] }

// IsFill reports whether the record is a block fill record (94 '9's).
func (r *Record) IsFill() bool { return allByte(r.Raw[:], '9') }

// Layout names the record layout the Reader used ("file_header",
// "batch_header", "entry_detail", "addenda_05", "addenda_99_dishonored",
// "batch_control", "file_control", "block_fill"), or "" for a record of
// unknown type.
func (r *Record) Layout() string {
	if r.layout == nil {
		return ""
	}
	return r.layout.name
}

// FileHeader decodes a type 1 record.
func (r *Record) FileHeader() FileHeader {
	var h FileHeader
	fileHeaderCodec.decode(&r.Raw, &h)
	return h
}

// BatchHeader decodes a type 5 record, in the IAT layout when the record
// is an IAT batch header.
func (r *Record) BatchHeader() BatchHeader {
	var h BatchHeader
	if r.iat {
		iatBatchHeaderCodec.decode(&r.Raw, &h)
	} else {
		batchHeaderCodec.decode(&r.Raw, &h)
	}
	return h
}

// Entry decodes a type 6 record with its batch's layout. The Addenda member
// is empty: addenda come as records of their own.
func (r *Record) Entry() Entry {
	var e Entry
	c := r.entry
	if c == nil {
		c = ppdEntry
	}
	c.decode(&r.Raw, &e)
	return e
}

// Addenda decodes a type 7 record. An addenda of unknown type decodes to
// its TypeCode alone.
func (r *Record) Addenda() Addenda {
	var a Addenda
	if r.addenda == nil {
		a.TypeCode = string(r.Raw[1:3])
		return a
	}
	r.addenda.decode(&r.Raw, &a)
	return a
}

// BatchControl decodes a type 8 record.
func (r *Record) BatchControl() BatchControl {
	var c BatchControl
	if r.adv {
		advBatchControlCodec.decode(&r.Raw, &c)
	} else {
		batchControlCodec.decode(&r.Raw, &c)
	}
	return c
}

// FileControl decodes a type 9 record.
func (r *Record) FileControl() FileControl {
	var c FileControl
	if r.adv {
		advFileControlCodec.decode(&r.Raw, &c)
	} else {
		fileControlCodec.decode(&r.Raw, &c)
	}
	return c
}

var fillSpec = &spec{name: "block_fill"}
