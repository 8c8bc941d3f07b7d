package rdc

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func smallImages(int) ([]byte, []byte) { return stubTIFF(100, 50, 30, 1), stubTIFF(100, 50, 20, 2) }

// TestWriterControls: the Writer computes every control, which the
// Reader then finds right.
func TestWriterControls(t *testing.T) {
	data := writeForward(t, 7, ASCII, smallImages)
	f, err := NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	b := f.CashLetters[0].Bundles[0]
	var total, micr int64
	for _, it := range b.Items {
		total += it.Check.Amount
		micr += it.Check.Amount
		assert.Equal(t, 1, it.Check.AddendumCount)
		assert.Equal(t, "1", it.BOFD[0].RecordNumber)
		assert.Equal(t, it.Check.ItemSequence, it.Views[0].Data.ItemSequence, "52.5 filled from 25.8")
		assert.Equal(t, "121042882", it.Views[1].Data.ECERouting, "52.2 filled from 20.4")
		assert.Equal(t, "20261120", it.Views[1].Data.BundleBusinessDate)
		assert.Equal(t, "01", it.Views[1].Data.CycleNumber)
	}
	assert.Equal(t, BundleControl{ItemCount: 7, TotalAmount: total, MICRValidTotal: micr, ImageCount: 14, CreditTotalIndicator: "0"}, b.Control)
	assert.Equal(t, "1", b.Header.SequenceNumber, "20.8 filled")
	assert.Equal(t, CashLetterControl{BundleCount: 1, ItemCount: 7, TotalAmount: total, ImageCount: 14,
		ECEInstitutionName: "RAILYARD BANK", SettlementDate: "20261123"}, f.CashLetters[0].Control)
	assert.Equal(t, FileControl{CashLetterCount: 1, RecordCount: 6 + 7*6, ItemCount: 7, TotalAmount: total, CreditTotalIndicator: "0"}, f.Control)
}

// TestBundleSplit: WriteItem opens a new bundle after BundleSize items.
func TestBundleSplit(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.BundleSize = 3
	require.NoError(t, w.WriteFileHeader(sampleHeader()))
	require.NoError(t, w.WriteCashLetterHeader(sampleCashLetter("01", "")))
	require.NoError(t, w.WriteBundleHeader(sampleBundle("01")))
	for i := 1; i <= 8; i++ {
		f, b := smallImages(i)
		require.NoError(t, w.WriteItem(sampleCheck(i, f, b)))
	}
	require.NoError(t, w.Close())
	f, err := NewReader(&buf).ReadAll()
	require.NoError(t, err)
	bs := f.CashLetters[0].Bundles
	require.Len(t, bs, 3)
	for i, n := range []int{3, 3, 2} {
		assert.Len(t, bs[i].Items, n)
		assert.Equal(t, n, bs[i].Control.ItemCount)
		assert.Equal(t, string(rune('1'+i)), bs[i].Header.SequenceNumber)
		assert.Equal(t, "B1", bs[i].Header.ID)
	}
	assert.Equal(t, 3, f.CashLetters[0].Control.BundleCount)
	assert.Equal(t, 8, f.Control.ItemCount)
}

// TestWriterRejects: a record the strict validator rejects is not
// written, and the Writer refuses every later call.
func TestWriterRejects(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Encoding = ASCII
	require.NoError(t, w.WriteFileHeader(sampleHeader()))
	require.NoError(t, w.WriteCashLetterHeader(sampleCashLetter("01", "")))
	require.NoError(t, w.WriteBundleHeader(sampleBundle("01")))
	before := buf.Len()
	it := sampleCheck(1, stubTIFF(10, 10, 5, 1), stubTIFF(10, 10, 5, 2))
	it.Check.PayorBankRouting = "231380105"
	err := w.WriteItem(it)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.ErrorIs(t, err, ErrCheckDigit)
	assert.Equal(t, 4, pe.RecordNumber)
	assert.Equal(t, "payor_bank_routing_number", pe.Field)
	assert.Equal(t, err, w.WriteItem(sampleCheck(2, stubTIFF(10, 10, 5, 1), stubTIFF(10, 10, 5, 2))))
	assert.Equal(t, err, w.Close())
	assert.Equal(t, before, buf.Len(), "nothing written after the header records (they are buffered)")
}

func TestWriterValueErrors(t *testing.T) {
	for name, change := range map[string]func(*Item){
		"short routing":    func(it *Item) { it.Check.PayorBankRouting = "23138010" },
		"on-us too long":   func(it *Item) { it.Check.OnUs = strings.Repeat("1", 21) },
		"negative amount":  func(it *Item) { it.Check.Amount = -1 },
		"amount over N10":  func(it *Item) { it.Check.Amount = 10_000_000_000 },
		"not Latin-1":      func(it *Item) { it.BOFD[0].PayeeName = "JANE 😀" },
		"two main records": func(it *Item) { it.Return = &ReturnDetail{} },
		"bad image":        func(it *Item) { it.Views[0].SetImage([]byte("not a tiff")) },
	} {
		var buf bytes.Buffer
		w := NewWriter(&buf)
		require.NoError(t, w.WriteFileHeader(sampleHeader()))
		require.NoError(t, w.WriteCashLetterHeader(sampleCashLetter("01", "")))
		require.NoError(t, w.WriteBundleHeader(sampleBundle("01")))
		it := sampleCheck(1, stubTIFF(10, 10, 5, 1), stubTIFF(10, 10, 5, 2))
		change(it)
		err := w.WriteItem(it)
		var pe *ParseError
		assert.ErrorAs(t, err, &pe, name)
	}
}

func TestWriterState(t *testing.T) {
	w := NewWriter(io.Discard)
	assert.ErrorIs(t, w.WriteCashLetterHeader(sampleCashLetter("01", "")), ErrWriterState)
	require.NoError(t, w.WriteFileHeader(sampleHeader()))
	assert.ErrorIs(t, w.WriteFileHeader(sampleHeader()), ErrWriterState)
	assert.ErrorIs(t, w.WriteBundleHeader(sampleBundle("01")), ErrWriterState)
	require.NoError(t, w.WriteCashLetterHeader(sampleCashLetter("01", "")))
	err := w.WriteItem(sampleCheck(1, nil, nil))
	assert.ErrorIs(t, err, ErrWriterState, "an item needs a bundle")
}

// TestWriterEncodings: the EBCDIC file is the ASCII file with its text
// transcoded and its images untouched.
func TestWriterEncodings(t *testing.T) {
	ascii := writeForward(t, 2, ASCII, smallImages)
	ebcdic := writeForward(t, 2, EBCDIC, smallImages)
	require.Equal(t, len(ascii), len(ebcdic))
	a, e := records(ascii), records(ebcdic)
	require.Len(t, e, len(a))
	for i := range a {
		want := bytes.Clone(a[i])
		text := want
		if string(want[:2]) == "52" {
			text = want[:117]
		}
		transcode(text, toEBCDIC)
		assert.Equal(t, want, e[i], "record %d", i+1)
	}
	assert.Equal(t, byte(0xF0), ebcdic[4])
}

// TestWriteFileStreamingSame: WriteFile of what ReadAll read gives the
// bytes the streaming calls gave.
func TestWriteFileStreamingSame(t *testing.T) {
	for _, data := range [][]byte{writeForward(t, 4, EBCDIC, smallImages), returnFile(t, ASCII, "C", "R")} {
		r := NewReader(bytes.NewReader(data))
		f, err := r.ReadAll()
		require.NoError(t, err)
		var buf bytes.Buffer
		w := NewWriter(&buf)
		w.Encoding = r.Encoding()
		require.NoError(t, w.WriteFile(f))
		assert.True(t, bytes.Equal(data, buf.Bytes()))
	}
}

// TestWriterCredits: a credit in a bundle counts in the totals only with
// the credit total indicator 1.
func TestWriterCredits(t *testing.T) {
	for _, ind := range []string{"0", "1"} {
		var buf bytes.Buffer
		w := NewWriter(&buf)
		require.NoError(t, w.WriteFileHeader(sampleHeader()))
		require.NoError(t, w.WriteCashLetterHeader(sampleCashLetter("01", "")))
		require.NoError(t, w.WriteBundleHeader(sampleBundle("01")))
		require.NoError(t, w.WriteItem(&Item{Credit: &Credit{PostingRouting: "121042882", Account: "12345678901/", Amount: 5000}}))
		require.NoError(t, w.WriteItem(sampleCheck(1, stubTIFF(10, 10, 5, 1), stubTIFF(10, 10, 5, 2))))
		require.NoError(t, w.WriteBundleControl(&BundleControl{CreditTotalIndicator: ind}))
		require.NoError(t, w.WriteCashLetterControl(&CashLetterControl{}))
		require.NoError(t, w.Close())
		r := NewReader(&buf)
		f, err := r.ReadAll()
		require.NoError(t, err, ind)
		c := f.CashLetters[0].Bundles[0].Control
		if ind == "1" {
			assert.Equal(t, 2, c.ItemCount)
			assert.Equal(t, int64(5101), c.TotalAmount)
		} else {
			assert.Equal(t, 1, c.ItemCount)
			assert.Equal(t, int64(101), c.TotalAmount)
		}
		assert.Equal(t, 1, r.Summary().Credits)
		assert.Equal(t, int64(5000), r.Summary().CreditCents)
		require.NotNil(t, f.CashLetters[0].Bundles[0].Items[0].Credit)
	}
}

// TestWriterVariableRecords: 27/34 keys, 52 keys and signatures and 68
// user data round-trip.
func TestWriterVariableRecords(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	require.NoError(t, w.WriteFileHeader(sampleHeader()))
	require.NoError(t, w.WriteCashLetterHeader(sampleCashLetter("01", "")))
	require.NoError(t, w.WriteBundleHeader(sampleBundle("01")))
	it := sampleCheck(1, stubTIFF(10, 10, 5, 1), stubTIFF(10, 10, 5, 2))
	it.ImageRefs = []ImageReferenceAddendum{{KeyIndicator: "0", MicrofilmArchiveSequence: "1", ImageReferenceKey: "KEY 0001  ", Description: "ARCHIVE"}}
	it.Endorsements = []EndorsementAddendum{{EndorsingRouting: "061000146", EndorsementDate: "20261120", ItemSequence: "9", TruncationIndicator: "N"}}
	it.Views[0].Data.ImageReferenceKey = "FRONT-KEY"
	it.Views[0].Data.DigitalSignature = []byte{0x00, 0x40, 0xF0, '\n'}
	it.Views[0].Detail.DigitalSignatureIndicator = "1"
	it.Views[1].Analysis = &ImageViewAnalysis{GlobalImageQuality: "2", GlobalImageUsability: "2", ImagingBankSpecificTest: "0"}
	it.UserRecords = []UserRecord{{OwnerIdentifierIndicator: "1", OwnerIdentifier: "121042882", FormatType: "ABC", FormatTypeVersion: "001", Data: "some user data"}}
	require.NoError(t, w.WriteItem(it))
	require.NoError(t, w.Close())
	data := buf.Bytes()
	f, err := NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	got := f.CashLetters[0].Bundles[0].Items[0]
	assert.Equal(t, 3, got.Check.AddendumCount)
	assert.Equal(t, it.ImageRefs[0].ImageReferenceKey, got.ImageRefs[0].ImageReferenceKey)
	assert.Equal(t, "ARCHIVE", got.ImageRefs[0].Description)
	assert.Equal(t, "01", got.Endorsements[0].RecordNumber)
	assert.Equal(t, "FRONT-KEY", got.Views[0].Data.ImageReferenceKey)
	assert.Equal(t, []byte{0x00, 0x40, 0xF0, '\n'}, got.Views[0].Data.DigitalSignature)
	assert.Equal(t, "2", got.Views[1].Analysis.GlobalImageQuality)
	assert.Equal(t, it.UserRecords, got.UserRecords)
	// The same in unframed form reads the same.
	g, err := NewReader(bytes.NewReader(unframe(data, "\r\n"))).ReadAll()
	require.NoError(t, err)
	f.CashLetters[0].Bundles[0].Items[0].Offset = 0
	g.CashLetters[0].Bundles[0].Items[0].Offset = 0
	assert.Equal(t, f, g)
}

func TestEncodingText(t *testing.T) {
	for _, e := range []Encoding{ASCII, EBCDIC, EncodingAuto} {
		b, _ := e.MarshalText()
		var got Encoding
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, e, got)
	}
	for _, f := range []Framing{LengthPrefixed, Unframed, FramingAuto} {
		b, _ := f.MarshalText()
		var got Framing
		require.NoError(t, got.UnmarshalText(b))
		assert.Equal(t, f, got)
	}
	var e Encoding
	assert.Error(t, e.UnmarshalText([]byte("utf8")))
	var f Framing
	assert.Error(t, f.UnmarshalText([]byte("lines")))
	assert.True(t, errors.Is(&ParseError{Err: ErrImage}, ErrImage))
}

func TestCP037(t *testing.T) {
	// Reference bytes of x9.md §3.2.
	for e, a := range map[byte]byte{0x40: ' ', 0xF0: '0', 0xF9: '9', 0xC1: 'A', 0xC9: 'I', 0xD1: 'J', 0xD9: 'R',
		0xE2: 'S', 0xE9: 'Z', 0x81: 'a', 0x89: 'i', 0x91: 'j', 0x99: 'r', 0xA2: 's', 0xA9: 'z', 0x61: '/',
		0x60: '-', 0x5C: '*', 0x4B: '.', 0x6B: ',', 0x50: '&', 0xBA: '[', 0xBB: ']', 0xB0: '^'} {
		assert.Equal(t, a, cp037[e], "%02X", e)
		assert.Equal(t, e, toEBCDIC[a], "%q", a)
	}
	for i := range 256 {
		assert.Equal(t, byte(i), toEBCDIC[cp037[i]])
	}
}

func TestWriterRefusesEmptyBundleAndLevel03Records(t *testing.T) {
	w := NewWriter(io.Discard)
	require.NoError(t, w.WriteFileHeader(sampleHeader()))
	require.NoError(t, w.WriteCashLetterHeader(sampleCashLetter("01", "")))
	require.NoError(t, w.WriteBundleHeader(sampleBundle("01")))
	assert.ErrorIs(t, w.WriteBundleControl(&BundleControl{}), ErrWriterState)

	h := sampleHeader()
	h.StandardLevel = "03"
	w = NewWriter(io.Discard)
	require.NoError(t, w.WriteFileHeader(h))
	require.NoError(t, w.WriteCashLetterHeader(sampleCashLetter("01", "")))
	require.NoError(t, w.WriteBundleHeader(sampleBundle("01")))
	it := sampleCheck(1, stubTIFF(10, 10, 5, 1), stubTIFF(10, 10, 5, 2))
	it.ImageRefs = []ImageReferenceAddendum{{KeyIndicator: "1", MicrofilmArchiveSequence: "1"}}
	assert.ErrorIs(t, w.WriteItem(it), ErrLevel)
}
