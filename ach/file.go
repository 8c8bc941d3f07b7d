package ach

// FileHeader is the File Header record (type 1), the first record of a file.
// Record Size, Blocking Factor and Format Code are fixed ("094", "10", "1")
// and are not fields of the struct: the Writer always emits them.
type FileHeader struct {
	PriorityCode string `json:"priority_code"`
	// ImmediateDestination is the 9-digit routing number of the receiving
	// point, without the leading blank the record carries.
	ImmediateDestination string `json:"immediate_destination"`
	// ImmediateOrigin is the sending point's routing number (9 digits), or
	// another 10-character value agreed with the ODFI.
	ImmediateOrigin string `json:"immediate_origin"`
	// FileCreationDate is YYMMDD; FileCreationTime is HHMM or empty.
	FileCreationDate         string `json:"file_creation_date"`
	FileCreationTime         string `json:"file_creation_time,omitempty"`
	FileIDModifier           string `json:"file_id_modifier"`
	ImmediateDestinationName string `json:"immediate_destination_name,omitempty"`
	ImmediateOriginName      string `json:"immediate_origin_name,omitempty"`
	ReferenceCode            string `json:"reference_code,omitempty"`
}

// FileControl is the File Control record (type 9). The Writer computes every
// field; the Reader checks each against what the file holds.
type FileControl struct {
	BatchCount        int   `json:"batch_count"`
	BlockCount        int   `json:"block_count"`
	EntryAddendaCount int   `json:"entry_addenda_count"`
	EntryHash         int64 `json:"entry_hash"`
	// TotalDebit and TotalCredit are in cents.
	TotalDebit  int64 `json:"total_debit"`
	TotalCredit int64 `json:"total_credit"`
}

var fileHeaderCodec = newCodec("file_header",
	fc[FileHeader]("record_type", 1, 1, "1"),
	fs("priority_code", 2, 3, kNumeric, inR, func(h *FileHeader) *string { return &h.PriorityCode }),
	fs("immediate_destination", 4, 13, kDest, inM, func(h *FileHeader) *string { return &h.ImmediateDestination }),
	fs("immediate_origin", 14, 23, kOrigin, inM, func(h *FileHeader) *string { return &h.ImmediateOrigin }),
	fs("file_creation_date", 24, 29, kDate, inM, func(h *FileHeader) *string { return &h.FileCreationDate }),
	fs("file_creation_time", 30, 33, kTime, inO, func(h *FileHeader) *string { return &h.FileCreationTime }),
	fs("file_id_modifier", 34, 34, kUpper, inM, func(h *FileHeader) *string { return &h.FileIDModifier }),
	fc[FileHeader]("record_size", 35, 37, "094"),
	fc[FileHeader]("blocking_factor", 38, 39, "10"),
	fc[FileHeader]("format_code", 40, 40, "1"),
	fs("immediate_destination_name", 41, 63, kAlpha, inO|inTrunc, func(h *FileHeader) *string { return &h.ImmediateDestinationName }),
	fs("immediate_origin_name", 64, 86, kAlpha, inO|inTrunc, func(h *FileHeader) *string { return &h.ImmediateOriginName }),
	fs("reference_code", 87, 94, kAlpha, inO, func(h *FileHeader) *string { return &h.ReferenceCode }),
)

var fileControlCodec = newCodec("file_control",
	fc[FileControl]("record_type", 1, 1, "9"),
	fi("batch_count", 2, 7, inM, func(c *FileControl) *int { return &c.BatchCount }),
	fi("block_count", 8, 13, inM, func(c *FileControl) *int { return &c.BlockCount }),
	fi("entry_addenda_count", 14, 21, inM, func(c *FileControl) *int { return &c.EntryAddendaCount }),
	fn("entry_hash", 22, 31, inM, func(c *FileControl) *int64 { return &c.EntryHash }),
	fn("total_debit", 32, 43, inM, func(c *FileControl) *int64 { return &c.TotalDebit }),
	fn("total_credit", 44, 55, inM, func(c *FileControl) *int64 { return &c.TotalCredit }),
	fr[FileControl](56, 94),
)

// ADV files (service class 280) carry 20-digit totals.
var advFileControlCodec = newCodec("file_control",
	fc[FileControl]("record_type", 1, 1, "9"),
	fi("batch_count", 2, 7, inM, func(c *FileControl) *int { return &c.BatchCount }),
	fi("block_count", 8, 13, inM, func(c *FileControl) *int { return &c.BlockCount }),
	fi("entry_addenda_count", 14, 21, inM, func(c *FileControl) *int { return &c.EntryAddendaCount }),
	fn("entry_hash", 22, 31, inM, func(c *FileControl) *int64 { return &c.EntryHash }),
	fn("total_debit", 32, 51, inM, func(c *FileControl) *int64 { return &c.TotalDebit }),
	fn("total_credit", 52, 71, inM, func(c *FileControl) *int64 { return &c.TotalCredit }),
	fr[FileControl](72, 94),
)
