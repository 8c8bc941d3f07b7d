package rdc

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readRecords reads data and returns each record's type and bytes (image
// included), the summary and the error.
func readRecords(t *testing.T, data []byte, opts Options) ([]string, *Summary, error) {
	t.Helper()
	r := NewReader(bytes.NewReader(data))
	r.Options = opts
	var out []string
	for r.Next() {
		rec := r.Record()
		out = append(out, rec.Type()+":"+string(rec.Bytes())+string(rec.Image()))
	}
	return out, r.Summary(), r.Err()
}

// TestFraming: the length-prefixed, newline-delimited, CRLF and unframed
// variants of a file, ASCII and EBCDIC, read to the same records. The
// images hold line feeds and carriage returns.
func TestFraming(t *testing.T) {
	img := func(i int) ([]byte, []byte) {
		f, b := stubTIFF(100, 50, 300, byte(i)), stubTIFF(100, 50, 200, byte(i+1))
		require.True(t, bytes.ContainsAny(f, "\r\n"))
		return f, b
	}
	ascii := writeForward(t, 3, ASCII, img)
	ebcdic := writeForward(t, 3, EBCDIC, img)
	want, wantSum, err := readRecords(t, ascii, Options{})
	require.NoError(t, err)
	require.Len(t, want, 24)
	for name, data := range map[string][]byte{
		"ebcdic":            ebcdic,
		"ascii newline":     unframe(ascii, "\n"),
		"ascii crlf":        unframe(ascii, "\r\n"),
		"ascii unframed":    unframe(ascii, ""),
		"ebcdic unframed":   unframe(ebcdic, ""),
		"ebcdic nl":         unframe(ebcdic, "\x15"),
		"one byte at once":  ascii,
		"ebcdic slow input": ebcdic,
	} {
		t.Run(name, func(t *testing.T) {
			var r io.Reader = bytes.NewReader(data)
			if strings.Contains(name, "one byte") || strings.Contains(name, "slow") {
				r = iotest.OneByteReader(r)
			}
			rd := NewReader(r)
			var got []string
			for rd.Next() {
				rec := rd.Record()
				got = append(got, rec.Type()+":"+string(rec.Bytes())+string(rec.Image()))
			}
			require.NoError(t, rd.Err())
			require.Len(t, got, len(want))
			for i := range want {
				if want[i] != got[i] {
					t.Fatalf("record %d differs:\nwant %.120q\ngot  %.120q", i+1, want[i], got[i])
				}
			}
			s := rd.Summary()
			assert.Equal(t, wantSum.Items, s.Items)
			assert.Equal(t, wantSum.TotalCents, s.TotalCents)
			if strings.Contains(name, "ebcdic") {
				assert.Equal(t, EBCDIC, s.Encoding)
			}
			if strings.Contains(name, "unframed") || strings.Contains(name, "line") || strings.Contains(name, "crlf") || strings.Contains(name, "nl") {
				assert.Equal(t, Unframed, s.Framing)
				require.NotEmpty(t, rd.Findings())
				assert.ErrorIs(t, rd.Findings()[0], ErrFraming, "unframed files get a warning")
			}
		})
	}
}

// TestImagesNotTranscoded: the image bytes of an EBCDIC file are the
// caller's bytes, whatever they are.
func TestImagesNotTranscoded(t *testing.T) {
	front := stubTIFF(100, 50, 256, 0) // holds every byte value
	data := writeForward(t, 1, EBCDIC, func(int) ([]byte, []byte) { return front, front })
	assert.True(t, bytes.Contains(data, front), "the file carries the image as given")
	r := NewReader(bytes.NewReader(data))
	n := 0
	for r.Next() {
		if img := r.Record().Image(); img != nil {
			assert.Equal(t, front, img)
			n++
		}
	}
	require.NoError(t, r.Err())
	assert.Equal(t, 2, n)
}

func TestNotX9(t *testing.T) {
	for name, data := range map[string]string{
		"empty":   "",
		"nacha":   "101 231380104 1210428822611200900A094101FEDERAL RESERVE BANK",
		"json":    `{"file_header": {}}`,
		"tiny":    "0",
		"garbage": "\xff\xfe\x00\x01\x02\x03\x04\x05",
	} {
		r := NewReader(strings.NewReader(data))
		assert.False(t, r.Next(), name)
		err := r.Err()
		assert.ErrorIs(t, err, ErrNotX9, name)
		_, err = NewReader(strings.NewReader(data)).ReadItem()
		assert.ErrorIs(t, err, ErrNotX9, name)
	}
}

func TestTruncated(t *testing.T) {
	data := frame(twoChecks(t))
	for _, n := range []int{7, 84 + 40, 300, len(data) - 10} {
		r := NewReader(bytes.NewReader(data[:n]))
		r.Options.Lenient = true
		for r.Next() {
		}
		err := r.Err()
		require.Error(t, err, "cut at %d", n)
		assert.ErrorIs(t, err, ErrTruncated, "cut at %d", n)
		var pe *ParseError
		require.ErrorAs(t, err, &pe)
	}
}

// TestBadLengthPrefix: a prefix that is no record length ends reading,
// without allocating what it claims.
func TestBadLengthPrefix(t *testing.T) {
	recs := twoChecks(t)
	data := frame(recs[:3])
	data = append(data, 0x7f, 0xff, 0xff, 0xff, '2', '5')
	r := NewReader(bytes.NewReader(data))
	for r.Next() {
	}
	assert.ErrorIs(t, r.Err(), ErrRecordLength)

	// A plausible prefix (9 MB) on a short input: truncated, with little
	// memory spent.
	data = append(frame(recs[:3]), 0x00, 0x90, 0x00, 0x00, '5', '2')
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r = NewReader(bytes.NewReader(data))
	for r.Next() {
	}
	runtime.ReadMemStats(&after)
	assert.ErrorIs(t, r.Err(), ErrTruncated)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(2<<20), "bytes allocated for a 9 MB claim on a short input")
}

func TestUnknownRecordUnframed(t *testing.T) {
	data := unframe(frame(insert(4, pad80("40"))(twoChecks(t))), "\n")
	r := NewReader(bytes.NewReader(data))
	r.Options.Lenient = true
	n := 0
	for r.Next() {
		n++
	}
	assert.Equal(t, 3, n)
	assert.ErrorIs(t, r.Err(), ErrRecordType)
}

func TestTrailer(t *testing.T) {
	data := frame(twoChecks(t))
	for name, tc := range map[string]struct {
		tail   string
		strict bool // still valid in strict
	}{
		"newline":  {"\n", true},
		"padding":  {strings.Repeat("\x00", 100), true},
		"garbage":  {"HELLO", false},
		"a record": {"\x00\x00\x00\x5001", false},
	} {
		r := NewReader(bytes.NewReader(append(bytes.Clone(data), tc.tail...)))
		for r.Next() {
		}
		if tc.strict {
			assert.NoError(t, r.Err(), name)
			require.Len(t, r.Findings(), 1, name)
			assert.ErrorIs(t, r.Findings()[0], ErrFraming, name)
		} else {
			assert.ErrorIs(t, r.Err(), ErrSequence, name)
		}
	}
}

func TestForcedOptions(t *testing.T) {
	data := writeForward(t, 1, EBCDIC, func(int) ([]byte, []byte) { return stubTIFF(10, 10, 5, 1), stubTIFF(10, 10, 5, 2) })
	r := NewReader(bytes.NewReader(data))
	r.Options.Encoding = ASCII
	for r.Next() {
	}
	assert.Error(t, r.Err(), "EBCDIC read as ASCII is not valid")

	r = NewReader(bytes.NewReader(data))
	r.Options.Encoding, r.Options.Framing = EBCDIC, LengthPrefixed
	for r.Next() {
	}
	assert.NoError(t, r.Err())
}

// TestIBM1047: with the option, AD, BD and 5F read as [ ] ^.
func TestIBM1047(t *testing.T) {
	recs := twoChecks(t)
	copy(recs[0][36:], "[X]^")
	data := frame(recs)
	var enc bytes.Buffer
	for _, r := range records(data) {
		out := bytes.Clone(r)
		if out[0] == '5' && out[1] == '2' {
			transcode(out[:117], toEBCDIC)
		} else {
			transcode(out, toEBCDIC)
		}
		enc.Write(frame([][]byte{out}))
	}
	raw := bytes.Replace(enc.Bytes(), []byte{0xBA, 0xE7, 0xBB, 0xB0}, []byte{0xAD, 0xE7, 0xBD, 0x5F}, 1)
	for _, on := range []bool{false, true} {
		r := NewReader(bytes.NewReader(raw))
		r.Options.IBM1047 = on
		require.True(t, r.Next())
		name := r.Record().FileHeader().ImmediateDestinationName
		if on {
			assert.Equal(t, "[X]^", name[:4])
		} else {
			assert.Equal(t, "ÝX¨¬", name[:len("ÝX¨¬")])
		}
	}
}

func TestReadItem(t *testing.T) {
	data := returnFile(t, EBCDIC, "A", "R")
	for _, reuse := range []bool{false, true} {
		r := NewReader(bytes.NewReader(data))
		r.ReuseItem = reuse
		it, err := r.ReadItem()
		require.NoError(t, err)
		require.NotNil(t, it.Return)
		reason, field := it.ReturnReason()
		assert.Equal(t, "A", reason)
		assert.Equal(t, "31.6", field)
		assert.Equal(t, "000000000000042", it.DepositItemSequence())
		assert.Equal(t, "000000000900001", it.ItemSequence())
		assert.Equal(t, int64(12345), it.Amount())
		require.NotNil(t, it.CashLetter)
		assert.Equal(t, "R", it.CashLetter.ReturnsIndicator)
		assert.Equal(t, "03", it.Bundle.CollectionType)
		assert.Len(t, it.Views, 2)
		assert.Len(t, it.BOFD, 1)
		assert.Len(t, it.Payor, 1)
		assert.Len(t, it.Endorsements, 1)
		info, err := InspectTIFF(it.Views[0].Data.Image)
		require.NoError(t, err)
		assert.Equal(t, 64, info.Width)
		// The record after the item is the bundle control.
		require.True(t, r.Next())
		assert.Equal(t, "70", r.Record().Type())
		_, err = r.ReadItem()
		assert.Equal(t, io.EOF, err)
		assert.NoError(t, r.Err())
		require.Len(t, r.Summary().Returns, 1)
		assert.Equal(t, ReturnItem{Reason: "A", ReasonField: "31.6", ReturnsIndicator: "R", CollectionType: "03",
			StandardLevel: "35", ItemSequence: "000000000000042", ECEItemSequence: "000000000900001",
			BOFDRouting: "121042882", BOFDDate: "20261115", PayorRouting: "231380104", OnUs: "55588810/",
			Amount: 12345, ForwardBundleDate: "20261115", NotificationIndicator: "2", TimesReturned: "1",
			RecordNumber: 4, Offset: 252}, r.Summary().Returns[0])
	}
}

// TestReasonFallback: a blank 31.6 takes 35.9.
func TestReasonFallback(t *testing.T) {
	recs := set(4, 42, " ")(aReturn(t))
	r := NewReader(bytes.NewReader(frame(recs)))
	r.Options.Lenient = true
	it, err := r.ReadItem()
	require.NoError(t, err)
	reason, field := it.ReturnReason()
	assert.Equal(t, "A", reason)
	assert.Equal(t, "35.9", field)
	for r.Next() {
	}
	assert.Equal(t, "35.9", r.Summary().Returns[0].ReasonField)
	assert.Equal(t, "A", r.Summary().Returns[0].Reason)
}

// TestReuseItemKeepsImages: with ReuseItem the item and its image buffers
// are reused; without, every item is its own.
func TestReuseItemKeepsImages(t *testing.T) {
	data := writeForward(t, 5, ASCII, func(i int) ([]byte, []byte) {
		return stubTIFF(10, 10, 50, byte(i)), stubTIFF(10, 10, 40, byte(i))
	})
	for _, reuse := range []bool{false, true} {
		r := NewReader(bytes.NewReader(data))
		r.ReuseItem = reuse
		var items []*Item
		var fronts [][]byte
		for {
			it, err := r.ReadItem()
			if err == io.EOF {
				break
			}
			require.NoError(t, err)
			items = append(items, it)
			fronts = append(fronts, bytes.Clone(it.Views[0].Data.Image))
		}
		require.NoError(t, r.Err())
		require.Len(t, items, 5)
		assert.Equal(t, reuse, items[0] == items[4], "reuse=%v", reuse)
		if !reuse {
			for i, it := range items {
				assert.Equal(t, fronts[i], it.Views[0].Data.Image)
			}
		}
		assert.NotEqual(t, fronts[0], fronts[1])
	}
}

// TestMemoryBounded: the Reader's allocations do not grow with the
// number of items.
func TestMemoryBounded(t *testing.T) {
	img := func(int) ([]byte, []byte) { return stubTIFF(1700, 800, 8000, 1), stubTIFF(1700, 800, 3000, 2) }
	alloc := func(data []byte) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r := NewReader(bytes.NewReader(data))
		for r.Next() {
		}
		runtime.ReadMemStats(&after)
		require.NoError(t, r.Err())
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(writeForward(t, 50, ASCII, img)), alloc(writeForward(t, 2000, ASCII, img))
	t.Logf("bytes allocated: 50 items %d, 2,000 items %d", small, large)
	assert.Less(t, large, small+64<<10, "reading 40 times more items allocates more than 64 KiB more")
	assert.Less(t, large, uint64(1<<20))
}

func TestErrorsType(t *testing.T) {
	var es Errors
	assert.Equal(t, "rdc: no errors", es.Error())
	es = Errors{{Msg: "a", Err: ErrValue}, {Msg: "b", Err: ErrControl}}
	assert.Equal(t, "rdc: a (and 1 more errors)", es.Error())
	assert.ErrorIs(t, es, ErrControl)
	assert.True(t, errors.Is(es, ErrValue))
	b, _ := SeverityWarning.MarshalText()
	var s Severity
	require.NoError(t, s.UnmarshalText(b))
	assert.Equal(t, SeverityWarning, s)
	assert.Error(t, s.UnmarshalText([]byte("fatal")))
}
