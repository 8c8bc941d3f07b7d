package ach

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

const goldenDir = "testdata/golden"

// goldenFile is a fixed multi-batch file: PPD debits and credits, CCD with
// an addenda 05, WEB, IAT with addenda 10-16, a return (addenda 99) and a
// NOC (addenda 98).
func goldenFile() *File {
	h := testFileHeader()
	h.ImmediateOriginName = "RAILYARD GOLDEN"
	h.ReferenceCode = "GOLDEN01"
	hdr := func(svc int, sec, desc string) BatchHeader {
		b := testBatchHeader(svc, sec, desc, "12104288")
		b.CompanyName = "RAILYARD GOLDEN"
		return b
	}
	ccd := hdr(ServiceDebits, "CCD", "INVOICES")
	ccd.CompanyDiscretionaryData = "VENDOR COLLECTIONS"
	web := hdr(ServiceDebits, "WEB", "PURCHASE")
	web.CompanyDescriptiveDate = "NOV 26"
	iat := BatchHeader{
		ServiceClassCode:           ServiceCredits,
		ForeignExchangeIndicator:   "FF",
		ForeignExchangeRefIndictor: "3",
		ISODestinationCountryCode:  "US",
		CompanyIdentification:      "1470000001",
		StandardEntryClass:         "IAT",
		CompanyEntryDescription:    "TRADEPAYMT",
		ISOOriginatingCurrencyCode: "CAD",
		ISODestinationCurrencyCode: "USD",
		EffectiveEntryDate:         "261123",
		OriginatorStatusCode:       "1",
		ODFIIdentification:         "12104288",
	}
	return &File{
		Header: h,
		Batches: []Batch{
			{Header: hdr(ServiceMixed, "PPD", "PAYMENTS"), Entries: []Entry{
				{TransactionCode: 22, RDFIIdentification: "23138010", DFIAccountNumber: "12345678", Amount: 250000,
					IdentificationNumber: "EMP-0001", Name: "JANE DOE", TraceNumber: "121042880000001"},
				{TransactionCode: 32, RDFIIdentification: "07640125", DFIAccountNumber: "987654321", Amount: 125050,
					IdentificationNumber: "EMP-0002", Name: "JOHN ROE", TraceNumber: "121042880000002"},
				{TransactionCode: 27, RDFIIdentification: "09100001", DFIAccountNumber: "555000111", Amount: 8999,
					IdentificationNumber: "CUST-0003", Name: "MARY MAJOR", DiscretionaryData: "01", TraceNumber: "121042880000003"},
				{TransactionCode: 37, RDFIIdentification: "12104288", DFIAccountNumber: "555000222", Amount: 4550,
					IdentificationNumber: "CUST-0004", Name: "RICHARD MINOR", TraceNumber: "121042880000004"},
			}},
			{Header: ccd, Entries: []Entry{
				{TransactionCode: 27, RDFIIdentification: "23138010", DFIAccountNumber: "40001234", Amount: 1234567,
					IdentificationNumber: "INV-2026-0042", Name: "ACME WIDGETS INC", TraceNumber: "121042880000005",
					Addenda: []Addenda{{TypeCode: "05", PaymentRelatedInformation: `RMR*IV*2026-0042**12345.67\`}}},
				{TransactionCode: 27, RDFIIdentification: "99990000", DFIAccountNumber: "40009999", Amount: 50000,
					IdentificationNumber: "INV-2026-0043", Name: "GLOBEX CORPORATION", TraceNumber: "121042880000006"},
			}},
			{Header: web, Entries: []Entry{
				{TransactionCode: 27, RDFIIdentification: "07640125", DFIAccountNumber: "7700112233", Amount: 1999,
					IdentificationNumber: "ORDER-881", Name: "SAM BUYER", PaymentTypeCode: "S", TraceNumber: "121042880000007"},
				{TransactionCode: 37, RDFIIdentification: "09100001", DFIAccountNumber: "7700445566", Amount: 999,
					IdentificationNumber: "SUB-1002", Name: "PAT SUBSCRIBER", PaymentTypeCode: "R", TraceNumber: "121042880000008"},
			}},
			{Header: iat, Entries: []Entry{
				{TransactionCode: 22, RDFIIdentification: "23138010", DFIAccountNumber: "CA7700998877", Amount: 100000,
					GatewayOFACScreening: "0", SecondaryOFACScreening: "0", TraceNumber: "121042880000009",
					Addenda: []Addenda{
						{TypeCode: "10", TransactionTypeCode: "BUS", ForeignPaymentAmount: 137500, ForeignTraceNumber: "CA-TRACE-0001", Name: "NORTHWIND TRADING LLC"},
						{TypeCode: "11", Name: "MAPLE EXPORTS LTD", StreetAddress: "100 KING STREET WEST"},
						{TypeCode: "12", CityState: `TORONTO*ON\`, CountryPostalCode: `CA*M5X1A9\`},
						{TypeCode: "13", DFIName: "BANK OF MAPLE", DFIIDQualifier: "01", DFIIdentification: "000212345", DFIBranchCountryCode: "CA"},
						{TypeCode: "14", DFIName: "FIRST RAILYARD BANK", DFIIDQualifier: "01", DFIIdentification: "231380104", DFIBranchCountryCode: "US"},
						{TypeCode: "15", ReceiverIdentificationNumber: "NW-77", StreetAddress: "1 HARBOR WAY"},
						{TypeCode: "16", CityState: `SEATTLE*WA\`, CountryPostalCode: `US*98101\`},
					}},
			}},
			{Header: hdr(ServiceMixed, "PPD", "BILLPAY"), Entries: []Entry{
				{TransactionCode: 26, RDFIIdentification: "07640125", DFIAccountNumber: "33333333", Amount: 2500,
					IdentificationNumber: "CUST-0003", Name: "CAROL EXAMPLE", TraceNumber: "121042880000010",
					Addenda: []Addenda{{TypeCode: "99", Code: "R01", OriginalTraceNumber: "076401250000123",
						OriginalRDFIIdentification: "12104288", AddendaInformation: "INSUFFICIENT FUNDS"}}},
			}},
			{Header: hdr(ServiceMixed, "COR", "PAYMENTS"), Entries: []Entry{
				{TransactionCode: 21, RDFIIdentification: "23138010", DFIAccountNumber: "11111111",
					IdentificationNumber: "EMP-0009", Name: "ALICE EXAMPLE", TraceNumber: "121042880000011",
					Addenda: []Addenda{{TypeCode: "98", Code: "C01", OriginalTraceNumber: "231380100000077",
						OriginalRDFIIdentification: "12104288", CorrectedData: "1918171614"}}},
			}},
		},
	}
}

func writeFile(t testing.TB, f *File, crlf bool) ([]byte, *Writer) {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.CRLF = crlf
	require.NoError(t, w.WriteFile(f))
	return buf.Bytes(), w
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		t.Logf("wrote %s", path)
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./ach -run %s -update to create it", t.Name())
	if !bytes.Equal(want, got) {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
		for i := 0; i < len(wl) || i < len(gl); i++ {
			var a, b string
			if i < len(wl) {
				a = wl[i]
			}
			if i < len(gl) {
				b = gl[i]
			}
			if a != b {
				t.Fatalf("%s differs at line %d:\nwant %q\ngot  %q\n(run with -update if the change is intended)", path, i+1, a, b)
			}
		}
		t.Fatalf("%s differs", path)
	}
}

func TestGolden(t *testing.T) {
	got, w := writeFile(t, goldenFile(), false)
	assert.Empty(t, w.Warnings())
	path := filepath.Join(goldenDir, "multi-batch.ach")
	golden(t, path, got)

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	r := NewReader(bytes.NewReader(data))
	f, err := r.ReadAll()
	require.NoError(t, err, "golden file must pass strict validation")
	assert.Empty(t, r.Findings(), "findings:%s", dumpFindings(r.Findings()))

	s := r.Summary()
	assert.Equal(t, 6, s.Batches)
	assert.Equal(t, 11, s.Entries)
	assert.Equal(t, 10, s.Addenda)
	require.Len(t, s.Returns, 1)
	assert.Equal(t, "R01", s.Returns[0].Code)
	assert.Equal(t, "076401250000123", s.Returns[0].OriginalTrace)
	require.Len(t, s.NOCs, 1)
	assert.Equal(t, "C01", s.NOCs[0].Code)
	assert.Equal(t, "1918171614", s.NOCs[0].CorrectedData)

	kinds := []EntryKind{}
	for _, b := range f.Batches {
		for i := range b.Entries {
			kinds = append(kinds, b.Entries[i].Kind(b.Header.StandardEntryClass))
		}
	}
	assert.Equal(t, []EntryKind{KindForward, KindForward, KindForward, KindForward, KindForward, KindForward,
		KindForward, KindForward, KindForward, KindReturn, KindNOC}, kinds[:11])

	// Every record is 94 bytes and ends with "\n"; the block is filled.
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	assert.Zero(t, len(lines)%10)
	for i, l := range lines {
		assert.Len(t, l, RecordLength, "line %d", i+1)
	}

	// write(read(golden)) is the golden file again.
	again, _ := writeFile(t, f, false)
	assert.Equal(t, string(data), string(again))
}

func TestGoldenLayout(t *testing.T) {
	data, _ := writeFile(t, goldenFile(), false)
	lines := strings.Split(string(data), "\n")
	find := func(prefix string) string {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
		t.Fatalf("no record starting %q", prefix)
		return ""
	}
	// IAT entry: number of addenda records in 13-16, indicator 1.
	iat := find("6222313801040007")
	assert.Equal(t, "0007", iat[12:16])
	assert.Equal(t, "1", iat[78:79])
	// IAT addenda carry the entry's sequence number in 88-94.
	for typ := 10; typ <= 16; typ++ {
		a := find(fmt.Sprintf("7%d", typ))
		assert.Equal(t, "0000009", a[87:94], "addenda %d", typ)
	}
	// Addenda 05: sequence 0001, entry detail sequence number.
	a05 := find("705")
	assert.Equal(t, "00010000005", a05[83:94])
	// Addenda 99 and 98 carry the entry's full trace.
	assert.Equal(t, "121042880000010", find("799")[79:94])
	assert.Equal(t, "121042880000011", find("798")[79:94])
	// WEB payment type code is left-justified in 77-78.
	web := find("62707640125")
	assert.Equal(t, "S ", web[76:78])
}

func TestWriterCRLF(t *testing.T) {
	lf, _ := writeFile(t, goldenFile(), false)
	crlf, _ := writeFile(t, goldenFile(), true)
	assert.Equal(t, strings.ReplaceAll(string(lf), "\n", "\r\n"), string(crlf))
	assert.True(t, bytes.HasSuffix(crlf, []byte("\r\n")))
	_, r, err := readString(t, string(crlf), Options{})
	require.NoError(t, err)
	assert.Empty(t, r.Findings())
}

// TestWriterControls checks the computed controls of the base file byte by byte.
func TestWriterControls(t *testing.T) {
	lines := baseLines(t)
	// Batch 1: 22 150000 + 32 50000 credits, 27 2500 debit, one addenda.
	bc1 := lines[6]
	assert.Equal(t, "8200", bc1[0:4])
	assert.Equal(t, "000004", bc1[4:10], "entry/addenda count")
	assert.Equal(t, "0042882423", bc1[10:20], "entry hash 23138010+12104288+07640125")
	assert.Equal(t, "000000002500", bc1[20:32], "total debit")
	assert.Equal(t, "000000200000", bc1[32:44], "total credit")
	assert.Equal(t, "1470000001", bc1[44:54], "company id")
	assert.Equal(t, strings.Repeat(" ", 25), bc1[54:79], "MAC and reserved")
	assert.Equal(t, "121042880000001", bc1[79:94])
	bc2 := lines[9]
	assert.Equal(t, "8225"+"000001"+"0009100001"+"000000012345"+"000000000000"+"1470000001", bc2[:54])
	assert.Equal(t, "121042880000002", bc2[79:94])
	fc := lines[10]
	assert.Equal(t, "9", fc[0:1])
	assert.Equal(t, "000002", fc[1:7], "batch count")
	assert.Equal(t, "000002", fc[7:13], "block count: 11 records")
	assert.Equal(t, "00000005", fc[13:21], "entry/addenda count")
	assert.Equal(t, "0051982424", fc[21:31], "entry hash")
	assert.Equal(t, "000000014845", fc[31:43], "total debit")
	assert.Equal(t, "000000200000", fc[43:55], "total credit")
	assert.Equal(t, strings.Repeat(" ", 39), fc[55:94])
	for i := 11; i < 20; i++ {
		assert.Equal(t, strings.Repeat("9", RecordLength), lines[i], "fill line %d", i+1)
	}
}

// TestWriterEntryHash: the entry hash keeps the rightmost 10 digits, in the
// batch and in the file.
func TestWriterEntryHash(t *testing.T) {
	f := validBaseFile()
	for bi := range f.Batches {
		b := &f.Batches[bi]
		b.Header.ServiceClassCode = ServiceCredits
		b.Entries = nil
		for i := 0; i < 101; i++ {
			b.Entries = append(b.Entries, Entry{TransactionCode: 22, RDFIIdentification: "99990000", DFIAccountNumber: "1",
				Amount: 100, Name: "X", TraceNumber: fmt.Sprintf("12104288%07d", i+1)})
		}
	}
	data, _ := writeFile(t, f, false)
	lines := strings.Split(string(data), "\n")
	// 99990000 × 101 = 10098990000 → 0098990000.
	var controls []string
	for _, l := range lines {
		if strings.HasPrefix(l, "8") {
			controls = append(controls, l)
		}
	}
	require.Len(t, controls, 2)
	for _, c := range controls {
		assert.Equal(t, "0098990000", c[10:20])
		assert.Equal(t, "000101", c[4:10])
		assert.Equal(t, "000000010100", c[32:44])
	}
	fc := lines[1+1+101+1+1+101+1]
	require.Equal(t, "9", fc[:1])
	assert.Equal(t, "0197980000", fc[21:31])
	assert.Equal(t, "000021", fc[7:13], "207 records → 21 blocks")
	assert.Equal(t, "00000202", fc[13:21])
	f2, err := NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, int64(98990000), f2.Batches[0].Control.EntryHash)
	assert.Equal(t, int64(197980000), f2.Control.EntryHash)
}

// TestWriterBlockFill: block count and 9-fill for every record count
// around a block boundary.
func TestWriterBlockFill(t *testing.T) {
	for n := 1; n <= 22; n++ {
		f := validBaseFile()
		f.Batches = f.Batches[1:]
		b := &f.Batches[0]
		b.Entries = nil
		for i := 0; i < n; i++ {
			b.Entries = append(b.Entries, Entry{TransactionCode: 27, RDFIIdentification: "09100001", DFIAccountNumber: "1",
				Amount: 1, Name: "X", TraceNumber: fmt.Sprintf("12104288%07d", i+1)})
		}
		data, _ := writeFile(t, f, false)
		lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		recs := 4 + n
		blocks := (recs + 9) / 10
		require.Len(t, lines, blocks*10, "n=%d", n)
		fc := lines[recs-1]
		assert.Equal(t, fmt.Sprintf("%06d", blocks), fc[7:13], "n=%d", n)
		for _, l := range lines[recs:] {
			assert.Equal(t, strings.Repeat("9", RecordLength), l)
		}
		_, r, err := readString(t, string(data), Options{})
		require.NoError(t, err, "n=%d findings:%s", n, dumpFindings(r.Findings()))
	}
}

func TestWriterCheckDigit(t *testing.T) {
	f := validBaseFile()
	f.Batches[0].Entries[0].CheckDigit = ""  // computed: 4
	f.Batches[0].Entries[1].CheckDigit = "2" // given and right
	lines := fileLines(t, f)
	assert.Equal(t, "231380104", lines[2][3:12])
	assert.Equal(t, "121042882", lines[3][3:12])
	assert.Equal(t, "076401251", lines[4][3:12])
}

// TestWriterAddendaNumbering: the writer sets the addenda indicator, the
// number of addenda records, the addenda sequence numbers and the links to
// the entry, whatever the caller put there.
func TestWriterAddendaNumbering(t *testing.T) {
	f := validBaseFile()
	f.Batches = f.Batches[:1]
	b := &f.Batches[0]
	b.Header.StandardEntryClass = "CTX"
	b.Header.ServiceClassCode = ServiceDebits
	b.Entries = []Entry{{TransactionCode: 27, RDFIIdentification: "23138010", DFIAccountNumber: "1", Amount: 100,
		Name: "ACME", TraceNumber: "121042880000042", AddendaRecordIndicator: 0, AddendaRecords: 9,
		Addenda: []Addenda{
			{TypeCode: "05", PaymentRelatedInformation: "ISA*00*", SequenceNumber: 7},
			{TypeCode: "05", PaymentRelatedInformation: "GS*RA*"},
			{TypeCode: "05", PaymentRelatedInformation: "ST*820*"},
		}}}
	lines := fileLines(t, f)
	e := lines[2]
	assert.Equal(t, "0003", e[54:58], "number of addenda records")
	assert.Equal(t, "1", e[78:79], "addenda record indicator")
	for i := 0; i < 3; i++ {
		assert.Equal(t, fmt.Sprintf("%04d0000042", i+1), lines[3+i][83:94], "addenda %d", i+1)
	}
	_, r, err := readString(t, join(lines), Options{})
	require.NoError(t, err, "findings:%s", dumpFindings(r.Findings()))

	// An entry with no addenda gets indicator 0 even if the caller said 1.
	f = validBaseFile()
	f.Batches[0].Entries[0].AddendaRecordIndicator = 1
	assert.Equal(t, "0", fileLines(t, f)[2][78:79])
}

// TestWriterMAC: the batch control carries the MAC given for the batch.
func TestWriterMAC(t *testing.T) {
	f := validBaseFile()
	f.Batches[0].Control.MessageAuthenticationCode = "ABCD1234"
	lines := fileLines(t, f)
	assert.Equal(t, "ABCD1234           ", lines[6][54:73])
	assert.Equal(t, strings.Repeat(" ", 19), lines[9][54:73])
}

// refusal runs a writer through calls until one fails and checks that it
// refuses every later call and never completes the file.
func refusal(t *testing.T, opts Options, calls func(w *Writer) error) *ParseError {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Options = opts
	err := calls(w)
	require.Error(t, err)
	var pe *ParseError
	require.True(t, errors.As(err, &pe), "%T is not a *ParseError", err)
	assert.Equal(t, SeverityError, pe.Severity)
	if !errors.Is(err, ErrWriterState) {
		// Later calls are refused with the same error.
		e := Entry{TransactionCode: 22, RDFIIdentification: "23138010", DFIAccountNumber: "1", Amount: 1, Name: "X", TraceNumber: "121042889999999"}
		assert.Error(t, w.WriteEntry(&e))
		assert.Error(t, w.Close())
		assert.Equal(t, err, w.Close())
		h := testBatchHeader(ServiceMixed, "PPD", "LATER", "12104288")
		assert.Error(t, w.WriteBatchHeader(&h))
	}
	// Whatever reached the output is not a complete valid file (a writer
	// refused after a successful Close has written one, of course).
	if buf.Len() > 0 && !errors.Is(err, ErrWriterState) {
		_, err := NewReader(&buf).ReadAll()
		assert.Error(t, err, "a refused writer produced a valid file")
	}
	return pe
}

func TestWriterRefuses(t *testing.T) {
	fh := testFileHeader()
	bh := testBatchHeader(ServiceMixed, "PPD", "PAYMENTS", "12104288")
	good := Entry{TransactionCode: 22, RDFIIdentification: "23138010", DFIAccountNumber: "12345", Amount: 100,
		Name: "JANE DOE", TraceNumber: "121042880000001"}
	withEntry := func(mod func(e *Entry)) func(w *Writer) error {
		return func(w *Writer) error {
			if err := w.WriteFileHeader(&fh); err != nil {
				return err
			}
			if err := w.WriteBatchHeader(&bh); err != nil {
				return err
			}
			e := good
			mod(&e)
			if err := w.WriteEntry(&e); err != nil {
				return err
			}
			return w.Close()
		}
	}
	withHeaders := func(mf func(h *FileHeader), mb func(h *BatchHeader)) func(w *Writer) error {
		return func(w *Writer) error {
			h, b := fh, bh
			mf(&h)
			mb(&b)
			if err := w.WriteFileHeader(&h); err != nil {
				return err
			}
			if err := w.WriteBatchHeader(&b); err != nil {
				return err
			}
			e := good
			if err := w.WriteEntry(&e); err != nil {
				return err
			}
			return w.Close()
		}
	}
	noop := func(*FileHeader) {}
	noopB := func(*BatchHeader) {}
	cases := []struct {
		name   string
		opts   Options
		calls  func(w *Writer) error
		err    error
		errAlt error // an acceptable second sentinel
		field  string
		code   string
	}{
		{name: "bad RDFI check digit", calls: withEntry(func(e *Entry) { e.CheckDigit = "5" }),
			err: ErrCheckDigit, field: "check_digit", code: "R28"},
		{name: "RDFI not digits", calls: withEntry(func(e *Entry) { e.RDFIIdentification = "2313801X" }),
			err: ErrNumeric, field: "rdfi_identification"},
		{name: "RDFI with its check digit (9 digits)", calls: withEntry(func(e *Entry) { e.RDFIIdentification = "231380104" }),
			err: ErrFieldTooLong, field: "rdfi_identification"},
		{name: "bad immediate destination", calls: withHeaders(func(h *FileHeader) { h.ImmediateDestination = "231380105" }, noopB),
			err: ErrCheckDigit, field: "immediate_destination"},
		{name: "bad ODFI", calls: withHeaders(noop, func(h *BatchHeader) { h.ODFIIdentification = "1210428X" }),
			err: ErrNumeric, field: "odfi_identification"},
		{name: "account number too long", calls: withEntry(func(e *Entry) { e.DFIAccountNumber = "123456789012345678" }),
			err: ErrFieldTooLong, field: "dfi_account_number"},
		{name: "identification number too long", calls: withEntry(func(e *Entry) { e.IdentificationNumber = "1234567890123456" }),
			err: ErrFieldTooLong, field: "identification_number"},
		{name: "trace number too long", calls: withEntry(func(e *Entry) { e.TraceNumber = "1210428800000001" }),
			err: ErrFieldTooLong, field: "trace_number"},
		{name: "company identification too long", calls: withHeaders(noop, func(h *BatchHeader) { h.CompanyIdentification = "14700000012" }),
			err: ErrFieldTooLong, field: "company_identification"},
		{name: "negative amount", calls: withEntry(func(e *Entry) { e.Amount = -100 }),
			err: ErrAmount, errAlt: ErrValue, field: "amount"},
		{name: "amount above 9,999,999,999 cents", calls: withEntry(func(e *Entry) { e.Amount = 10_000_000_000 }),
			err: ErrFieldTooLong, errAlt: ErrAmount, field: "amount"},
		{name: "zero amount on a live entry", calls: withEntry(func(e *Entry) { e.Amount = 0 }),
			err: ErrAmount, field: "amount", code: "R19"},
		{name: "unknown SEC", calls: withHeaders(noop, func(h *BatchHeader) { h.StandardEntryClass = "XYZ" }),
			err: ErrValue, field: "standard_entry_class"},
		{name: "lower-case SEC", calls: withHeaders(noop, func(h *BatchHeader) { h.StandardEntryClass = "ppd" }),
			err: ErrValue, field: "standard_entry_class"},
		{name: "unknown service class", calls: withHeaders(noop, func(h *BatchHeader) { h.ServiceClassCode = 201 }),
			err: ErrValue, field: "service_class_code"},
		{name: "blank company name", calls: withHeaders(noop, func(h *BatchHeader) { h.CompanyName = "" }),
			err: ErrMandatory, field: "company_name", code: "R26"},
		{name: "invalid file creation date", calls: withHeaders(func(h *FileHeader) { h.FileCreationDate = "261332" }, noopB),
			err: ErrDate, field: "file_creation_date"},
		{name: "unknown transaction code", calls: withEntry(func(e *Entry) { e.TransactionCode = 25 }),
			err: ErrValue, field: "transaction_code"},
		{name: "trace prefix not the ODFI", calls: withEntry(func(e *Entry) { e.TraceNumber = "231380100000001" }),
			err: ErrTrace, field: "trace_number", code: "R27"},
		{name: "unknown return code", calls: withEntry(func(e *Entry) {
			e.TransactionCode = 21
			e.Addenda = []Addenda{{TypeCode: "99", Code: "R97", OriginalTraceNumber: "231380100000001", OriginalRDFIIdentification: "23138010"}}
		}), err: ErrUnknownCode, field: "return_reason_code"},
		{name: "unknown change code", calls: withEntry(func(e *Entry) {
			e.TransactionCode, e.Amount = 21, 0
			e.Addenda = []Addenda{{TypeCode: "98", Code: "C92", OriginalTraceNumber: "231380100000001", OriginalRDFIIdentification: "23138010", CorrectedData: "1"}}
		}), err: ErrUnknownCode, field: "change_code"},
		{name: "unknown addenda type", calls: withEntry(func(e *Entry) { e.Addenda = []Addenda{{TypeCode: "03"}} }),
			err: ErrAddenda, field: "addenda_type_code", code: "R25"},
		{name: "two addenda 05 on a PPD entry", calls: withEntry(func(e *Entry) {
			e.Addenda = []Addenda{{TypeCode: "05", PaymentRelatedInformation: "A"}, {TypeCode: "05", PaymentRelatedInformation: "B"}}
		}), err: ErrAddenda, code: "R25"},
		{name: "traces not ascending", calls: func(w *Writer) error {
			w.WriteFileHeader(&fh)
			w.WriteBatchHeader(&bh)
			e := good
			e.TraceNumber = "121042880000005"
			if err := w.WriteEntry(&e); err != nil {
				return err
			}
			e.TraceNumber = "121042880000004"
			return w.WriteEntry(&e)
		}, err: ErrTrace, field: "trace_number", code: "R27"},
		{name: "debit in a credits-only batch", calls: func(w *Writer) error {
			w.WriteFileHeader(&fh)
			b := bh
			b.ServiceClassCode = ServiceCredits
			w.WriteBatchHeader(&b)
			e := good
			e.TransactionCode = 27
			return w.WriteEntry(&e)
		}, err: ErrValue, field: "transaction_code"},
		{name: "control total above 999,999,999,999 cents", calls: func(w *Writer) error {
			w.WriteFileHeader(&fh)
			w.WriteBatchHeader(&bh)
			for i := 0; i < 101; i++ {
				e := good
				e.Amount = 9_999_999_999
				e.TraceNumber = fmt.Sprintf("12104288%07d", i+1)
				if err := w.WriteEntry(&e); err != nil {
					return err
				}
			}
			return w.Close()
		}, err: ErrFieldTooLong, errAlt: ErrAmount, field: "total_credit"},
		{name: "file without batches", calls: func(w *Writer) error {
			if err := w.WriteFileHeader(&fh); err != nil {
				return err
			}
			return w.Close()
		}, err: ErrMissing},

		// Calls out of order.
		{name: "entry before the file header", calls: func(w *Writer) error { e := good; return w.WriteEntry(&e) }, err: ErrWriterState},
		{name: "batch header before the file header", calls: func(w *Writer) error { return w.WriteBatchHeader(&bh) }, err: ErrWriterState},
		{name: "close before the file header", calls: func(w *Writer) error { return w.Close() }, err: ErrWriterState},
		{name: "entry before a batch header", calls: func(w *Writer) error {
			w.WriteFileHeader(&fh)
			e := good
			return w.WriteEntry(&e)
		}, err: ErrWriterState},
		{name: "file header twice", calls: func(w *Writer) error {
			w.WriteFileHeader(&fh)
			return w.WriteFileHeader(&fh)
		}, err: ErrWriterState},
		{name: "entry after close", calls: func(w *Writer) error {
			w.WriteFileHeader(&fh)
			w.WriteBatchHeader(&bh)
			e := good
			w.WriteEntry(&e)
			if err := w.Close(); err != nil {
				return err
			}
			return w.WriteEntry(&e)
		}, err: ErrWriterState},
		{name: "close twice", calls: func(w *Writer) error {
			w.WriteFileHeader(&fh)
			w.WriteBatchHeader(&bh)
			e := good
			w.WriteEntry(&e)
			if err := w.Close(); err != nil {
				return err
			}
			return w.Close()
		}, err: ErrWriterState},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pe := refusal(t, c.opts, c.calls)
			if c.errAlt != nil {
				assert.True(t, errors.Is(pe, c.err) || errors.Is(pe, c.errAlt), "%v is neither %v nor %v", pe, c.err, c.errAlt)
			} else {
				assert.ErrorIs(t, pe, c.err)
			}
			if c.field != "" {
				assert.Equal(t, c.field, pe.Field, "%v", pe)
			}
			if c.code != "" {
				assert.Equal(t, c.code, pe.Code, "%v", pe)
			}
			assert.NotEmpty(t, pe.Error())
		})
	}
}

// TestWriterRefusedRecordNotWritten: a record that fails is not written,
// and what was written before it is not a valid file.
func TestWriterRefusedRecordNotWritten(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	fh := testFileHeader()
	bh := testBatchHeader(ServiceMixed, "PPD", "PAYMENTS", "12104288")
	require.NoError(t, w.WriteFileHeader(&fh))
	require.NoError(t, w.WriteBatchHeader(&bh))
	e := Entry{TransactionCode: 22, RDFIIdentification: "23138010", CheckDigit: "9", DFIAccountNumber: "1", Amount: 1, Name: "X", TraceNumber: "121042880000001"}
	err := w.WriteEntry(&e)
	require.ErrorIs(t, err, ErrCheckDigit)
	var pe *ParseError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, 3, pe.Line, "the refused record would have been line 3")
	assert.Contains(t, pe.Error(), "line 3")
	assert.ErrorIs(t, w.Close(), ErrCheckDigit)
	assert.NotContains(t, buf.String(), "2313801090", "the refused entry reached the output")
}

func TestWriterCustomReturnCodes(t *testing.T) {
	f := validInboundFile()
	f.Batches[0].Entries[0].Addenda[0].Code = "R97"
	f.Batches[1].Entries[0].Addenda[0].Code = "C92"
	var buf bytes.Buffer
	w := NewWriter(&buf)
	require.Error(t, w.WriteFile(f))

	buf.Reset()
	w = NewWriter(&buf)
	w.Options.CustomReturnCodes = true
	require.NoError(t, w.WriteFile(f))
	var codes []string
	for _, wn := range w.Warnings() {
		assert.Equal(t, SeverityWarning, wn.Severity)
		if errors.Is(wn, ErrUnknownCode) {
			codes = append(codes, wn.Value)
		}
	}
	assert.Equal(t, []string{"R97", "C92"}, codes)

	_, r, err := readString(t, buf.String(), Options{})
	assert.ErrorIs(t, err, ErrUnknownCode)
	_, r, err = readString(t, buf.String(), Options{CustomReturnCodes: true})
	require.NoError(t, err)
	assert.Equal(t, "R97", r.Summary().Returns[0].Code)
	assert.Equal(t, "C92", r.Summary().NOCs[0].Code)
}

// TestWriterTruncates: free text longer than its field is cut, with a
// warning naming the field; identifiers are never cut.
func TestWriterTruncates(t *testing.T) {
	f := validBaseFile()
	f.Header.ImmediateOriginName = "RAILYARD SANDBOX ORIGINATOR SERVICES"
	f.Batches[0].Header.CompanyName = "RAILYARD SANDBOX PAYROLL"
	f.Batches[0].Entries[1].Name = "BARTHOLOMEW FITZGERALD-HUNTINGTON III"
	var buf bytes.Buffer
	w := NewWriter(&buf)
	require.NoError(t, w.WriteFile(f))
	lines := strings.Split(buf.String(), "\n")
	assert.Equal(t, "RAILYARD SANDBOX ORIGIN", lines[0][63:86])
	assert.Equal(t, "RAILYARD SANDBOX", lines[1][4:20])
	assert.Equal(t, "BARTHOLOMEW FITZGERALD", lines[3][54:76])

	type got struct {
		line  int
		field string
	}
	var warned []got
	for _, wn := range w.Warnings() {
		assert.Equal(t, SeverityWarning, wn.Severity)
		assert.ErrorIs(t, wn, ErrFieldTooLong)
		assert.Contains(t, wn.Error(), "[warning]")
		warned = append(warned, got{wn.Line, wn.Field})
	}
	assert.Equal(t, []got{{1, "immediate_origin_name"}, {2, "company_name"}, {4, "name"}}, warned)

	_, r, err := readString(t, buf.String(), Options{})
	require.NoError(t, err)
	assert.Empty(t, r.Findings())
}

func TestWriterBatchNumbers(t *testing.T) {
	lines := baseLines(t)
	assert.Equal(t, "0000001", lines[1][87:94])
	assert.Equal(t, "0000001", lines[6][87:94])
	assert.Equal(t, "0000002", lines[7][87:94])
	assert.Equal(t, "0000002", lines[9][87:94])

	// Given numbers are kept, and a zero one continues from the last.
	f := validBaseFile()
	f.Batches[0].Header.BatchNumber = 5
	lines = fileLines(t, f)
	assert.Equal(t, "0000005", lines[1][87:94])
	assert.Equal(t, "0000006", lines[7][87:94])
}

// TestWriterReaderRoundTrip: write → ReadAll → write gives the same bytes
// for the files the tests build.
func TestWriterReaderRoundTrip(t *testing.T) {
	for name, f := range map[string]*File{"base": validBaseFile(), "inbound": validInboundFile(), "golden": goldenFile()} {
		t.Run(name, func(t *testing.T) {
			first, _ := writeFile(t, f, false)
			g, err := NewReader(bytes.NewReader(first)).ReadAll()
			require.NoError(t, err)
			second, _ := writeFile(t, g, false)
			assert.Equal(t, string(first), string(second))
		})
	}
}

// TestWriterShortRoutingNumber: a routing number is an identifier, not a
// quantity. nacha.md §2.3: the writer never reformats identifiers from a
// caller's string; a 7-digit RDFI must be refused, not zero-padded into a
// different, valid-looking routing number.
func TestWriterShortRoutingNumber(t *testing.T) {
	f := validBaseFile()
	e := &f.Batches[0].Entries[0]
	e.RDFIIdentification = "2313801"                  // a digit lost
	e.CheckDigit = fmt.Sprint(CheckDigit("02313801")) // the digit that makes the padded number valid
	var buf bytes.Buffer
	err := NewWriter(&buf).WriteFile(f)
	if err == nil {
		t.Fatalf("Writer zero-padded RDFIIdentification %q to \"02313801\" and wrote routing number 02313801%s (a different bank) instead of refusing it",
			e.RDFIIdentification, e.CheckDigit)
	}
	var pe *ParseError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, "rdfi_identification", pe.Field)
}
