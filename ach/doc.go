// Package ach reads, validates and writes NACHA ACH files.
//
// A NACHA file is a sequence of 94-byte records, one per line. The first
// byte of a record is its type:
//
//	1  File Header            exactly one, first
//	5  Company/Batch Header   opens a batch
//	6  Entry Detail           one or more per batch
//	7  Addenda                zero or more after an entry (02, 05, 10-18, 98, 99)
//	8  Company/Batch Control  closes a batch
//	9  File Control           exactly one, last; then 9-filled records up to a
//	                          multiple of ten (block fill)
//
// so a one-entry file reads
//
//	101 231380104 1210428822611201500A094101FEDERAL RESERVE BANK   RAILYARD SANDBOX
//	5220RAILYARD SANDBOX                    1234567890PPDPAYROLL         261123   1121042880000001
//	62223138010412345678901      0000150000EMP0001        JANE Q PAYEE            0121042880000001
//	822000000100231380100000000000000000001500001234567890                         121042880000001
//	9000001000001000000010023138010000000000000000000150000
//	9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999
//	…
//
// (trailing blanks not shown). Fields are fixed-width and 1-based:
// alphameric fields are left-justified and blank-filled, numeric fields
// right-justified and zero-filled, amounts are cents with no decimal point.
// Which fields a 6 or 7 record has depends on the batch's Standard Entry
// Class (PPD, CCD, CTX, IAT, …) and, for addenda, on the type code and the
// return or change code; the Reader picks the layout from the batch it is in.
//
// # Reading
//
// A Reader returns one Record at a time and validates it in the same pass:
// field contents, record order, addenda linkage, batch and file controls.
// It never holds more than the current record and the open batch's totals,
// so memory does not grow with the file. Problems are *ParseError values
// carrying the line, column, record layout name, field name, offending
// value and the ACH Operator's return code where one applies; the Reader
// keeps going after a problem and reports all of them, up to
// Options.MaxErrors. ReadAll builds the whole File on top of the same loop.
//
// Two profiles exist. Strict, the zero Options, checks every rule and is
// used for what railyard writes. Lenient (Options.Lenient) is for files
// banks send: it accepts partial files (no file header or control, no batch
// controls), no block fill, no line breaks, CRLF, lines shorter or longer
// than 94 bytes, and wrong control totals, keeping each as a warning; what
// cannot be interpreted (a non-numeric amount, an unknown transaction or
// return code, records after the file control) stays an error.
//
// Entries are classified (EntryKind) as forward, prenote, return,
// dishonored, contested, noc, refused_noc or ack. Returns of all three
// return kinds are listed together in Summary.Returns.
//
// # Writing
//
// A Writer takes a FileHeader, then BatchHeaders and Entries (with their
// Addenda), and computes everything derived: check digits, addenda
// indicators, counts and sequence numbers, batch and file controls, block
// count and fill. Every record it produces passes through the strict
// validator first; a record that fails is not written and the Writer stops,
// so it never completes a malformed or unbalanced file.
//
// # Money and text
//
// Amounts are int64 cents. Text fields are returned with trailing blanks
// removed; numeric identifiers (routing numbers, traces, dates) as the
// digits found. The File model's JSON form round-trips.
package ach
