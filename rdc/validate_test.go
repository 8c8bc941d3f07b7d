package rdc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// records splits a length-prefixed file into its records (prefix
// excluded).
func records(data []byte) [][]byte {
	var out [][]byte
	for len(data) >= 4 {
		n := int(binary.BigEndian.Uint32(data))
		out = append(out, append([]byte(nil), data[4:4+n]...))
		data = data[4+n:]
	}
	return out
}

// frame joins records into a length-prefixed file.
func frame(recs [][]byte) []byte {
	var out []byte
	for _, r := range recs {
		out = binary.BigEndian.AppendUint32(out, uint32(len(r)))
		out = append(out, r...)
	}
	return out
}

// twoChecks is a valid ASCII forward file of two checks:
//
//	1 01  2 10  3 20  4 25  5 26  6 50  7 52  8 50  9 52
//	10 25  11 26  12 50  13 52  14 50  15 52  16 70  17 90  18 99
func twoChecks(t testing.TB) [][]byte {
	return records(writeForward(t, 2, ASCII, func(i int) ([]byte, []byte) {
		return stubTIFF(1200, 550, 40+i, 1), stubTIFF(1200, 550, 30+i, 2)
	}))
}

// set writes s into record n (1-based) at column col (1-based).
func set(n, col int, s string) func([][]byte) [][]byte {
	return func(recs [][]byte) [][]byte {
		copy(recs[n-1][col-1:], s)
		return recs
	}
}

func drop(n int) func([][]byte) [][]byte {
	return func(recs [][]byte) [][]byte { return append(recs[:n-1:n-1], recs[n:]...) }
}

func insert(n int, rec string) func([][]byte) [][]byte {
	return func(recs [][]byte) [][]byte {
		out := append(recs[:n-1:n-1], []byte(rec))
		return append(out, recs[n-1:]...)
	}
}

func pad80(s string) string { return s + strings.Repeat(" ", 80-len(s)) }

// credit61 is a credit record (61) in the default layout.
var credit61 = "61" + strings.Repeat(" ", 16) + "121042882" + fmt.Sprintf("%20s", "12345678901/") + "0000001000" +
	strings.Repeat(" ", 15) + "G13" + strings.Repeat(" ", 5)

// userRecord68 is an 80-byte user record (68) with 35 bytes of data.
var userRecord68 = "681" + "121042882" + strings.Repeat(" ", 20) + "ABC" + "001" + "0000035" + fmt.Sprintf("%-35s", "RAILYARD USER DATA")

// aReturn is a valid return file: 4 is its 31 record, 2 its 10.
func aReturn(t testing.TB) [][]byte { return records(returnFile(t, ASCII, "A", "R")) }

func TestValidationRules(t *testing.T) {
	type want struct {
		err     error
		record  int    // record number of the finding
		field   string // "" = any
		lenient Severity
	}
	tests := []struct {
		name   string
		base   func(testing.TB) [][]byte
		change func([][]byte) [][]byte
		want   want
	}{
		{"check digit", twoChecks, set(4, 27, "5"), want{ErrCheckDigit, 4, "payor_bank_routing_number", SeverityWarning}},
		{"amount not numeric", twoChecks, set(4, 48, "00000X0101"), want{ErrNumeric, 4, "item_amount", SeverityError}},
		{"bad business date", twoChecks, set(2, 23, "20261340"), want{ErrDate, 2, "cash_letter_business_date", SeverityWarning}},
		{"bad time", twoChecks, set(1, 32, "2460"), want{ErrDate, 1, "file_creation_time", SeverityWarning}},
		{"undefined value", twoChecks, set(1, 5, "X"), want{ErrValue, 1, "test_file_indicator", SeverityWarning}},
		{"mandatory blank", twoChecks, set(4, 58, strings.Repeat(" ", 15)), want{ErrMandatory, 4, "ece_institution_item_sequence_number", SeverityWarning}},
		{"reserved not blank", twoChecks, set(17, 80, "0"), want{ErrReserved, 17, "reserved", SeverityWarning}},
		{"character class", twoChecks, set(4, 28, "ABC"), want{ErrCharacter, 4, "on_us", SeverityWarning}},
		{"bundle item count", twoChecks, set(16, 3, "0014"), want{ErrControl, 16, "items_within_bundle_count", SeverityWarning}},
		{"bundle total", twoChecks, set(16, 7, "000000000001"), want{ErrControl, 16, "bundle_total_amount", SeverityWarning}},
		{"bundle images", twoChecks, set(16, 31, "00003"), want{ErrControl, 16, "images_within_bundle_count", SeverityWarning}},
		{"cash letter items", twoChecks, set(17, 9, "00000030"), want{ErrControl, 17, "items_within_cash_letter_count", SeverityWarning}},
		{"file record count", twoChecks, set(18, 9, "00000017"), want{ErrControl, 18, "total_record_count", SeverityWarning}},
		{"file total", twoChecks, set(18, 25, "0000000000000001"), want{ErrControl, 18, "file_total_amount", SeverityWarning}},
		{"addendum count", twoChecks, set(4, 77, "02"), want{ErrControl, 4, "check_detail_addendum_count", SeverityWarning}},
		{"addendum record number", twoChecks, set(5, 3, "2"), want{ErrAddendum, 5, "record_number", SeverityWarning}},
		{"52 without 50", twoChecks, drop(6), want{ErrSequence, 6, "", SeverityWarning}},
		{"50 without 52", twoChecks, drop(7), want{ErrMissing, 0, "", SeverityWarning}},
		{"front after back", twoChecks, func(r [][]byte) [][]byte { r[5][31], r[7][31] = '1', '0'; return r }, want{ErrSequence, 8, "view_side_indicator", SeverityWarning}},
		{"bundle control missing", twoChecks, drop(16), want{ErrMissing, 16, "", SeverityWarning}},
		{"file control missing", twoChecks, drop(18), want{ErrMissing, 0, "", SeverityWarning}},
		{"addendum after views", twoChecks, insert(7, pad80("26212104288220261120000000000000001987654321              JANE Q PAYEE   Y2")), want{ErrSequence, 7, "", SeverityWarning}},
		{"unknown record type", twoChecks, insert(16, pad80("40")), want{ErrRecordType, 16, "", SeverityWarning}},
		{"record length", twoChecks, func(r [][]byte) [][]byte { r[4-1] = r[4-1][:79]; return r }, want{ErrRecordLength, 4, "", SeverityWarning}},
		{"bundle collection type", twoChecks, set(3, 3, "02"), want{ErrValue, 3, "collection_type_indicator", SeverityWarning}},
		{"forward item in a return letter", twoChecks, func(r [][]byte) [][]byte { copy(r[1][2:], "03"); copy(r[2][2:], "03"); return r }, want{ErrSequence, 4, "", SeverityWarning}},
		{"images but indicator E", twoChecks, set(2, 43, "E"), want{ErrValue, 17, "", SeverityWarning}},
		{"credit at cash-letter level", twoChecks, insert(3, credit61), want{ErrSequence, 3, "", SeverityWarning}},
		{"record after the file control", twoChecks, func(r [][]byte) [][]byte { return append(r, []byte(pad80("01"))) }, want{ErrSequence, 18, "", SeverityWarning}},
		{"image not TIFF", twoChecks, func(r [][]byte) [][]byte { copy(r[6][117:], "XX"); return r }, want{ErrImage, 7, "image_data", SeverityWarning}},
		{"image placeholder", twoChecks, func(r [][]byte) [][]byte {
			r[6] = append(r[6][:110], "0000001 "...)
			return r
		}, want{ErrImage, 7, "image_data", SeverityWarning}},
		{"image big-endian", twoChecks, func(r [][]byte) [][]byte { copy(r[6][117:], "MM"); return r }, want{ErrImage, 7, "image_data", SeverityWarning}},
		{"reserved 20.10 at level 35", twoChecks, set(3, 55, "121042882"), want{ErrReserved, 3, "return_location_routing_number", SeverityWarning}},
		{"cash letter without bundles", twoChecks, func(r [][]byte) [][]byte { return append(r[:2:2], r[16:]...) }, want{ErrMissing, 3, "", SeverityWarning}},
		{"customer reason under E", aReturn, set(2, 78, "E"), want{ErrReturnReason, 4, "return_reason", SeverityWarning}},
		{"administrative reason under R", aReturn, set(4, 42, "V"), want{ErrReturnReason, 4, "return_reason", SeverityWarning}},
		{"reserved reason", aReturn, set(4, 42, "7"), want{ErrReturnReason, 4, "return_reason", SeverityWarning}},
		{"return under forward collection type", aReturn, func(r [][]byte) [][]byte { copy(r[1][2:], "01"); copy(r[2][2:], "01"); return r }, want{ErrSequence, 4, "", SeverityWarning}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs := tc.base(t)
			if tc.change != nil {
				recs = tc.change(recs)
			}
			data := frame(recs)
			for _, lenient := range []bool{false, true} {
				r := NewReader(bytes.NewReader(data))
				r.Options.Lenient = lenient
				for r.Next() {
				}
				var hit *ParseError
				for _, fe := range r.Findings() {
					if errors.Is(fe, tc.want.err) && (tc.want.record == 0 || fe.RecordNumber == tc.want.record) &&
						(tc.want.field == "" || fe.Field == tc.want.field) {
						hit = fe
						break
					}
				}
				require.NotNil(t, hit, "lenient=%v: no %v at record %d field %q; findings: %v", lenient, tc.want.err, tc.want.record, tc.want.field, r.Findings())
				sev := SeverityError
				if lenient {
					sev = tc.want.lenient
				}
				assert.Equal(t, sev, hit.Severity, "lenient=%v: %v", lenient, hit)
				err := r.Err()
				if sev == SeverityError {
					require.Error(t, err)
					assert.ErrorIs(t, err, tc.want.err)
					var pe *ParseError
					require.ErrorAs(t, err, &pe)
				}
				if lenient && tc.want.lenient == SeverityWarning {
					assert.NoError(t, err, "lenient accepts it")
				}
			}
		})
	}
}

// TestValidBases: the generated files the rules mutate are valid, with
// no finding at all.
func TestValidBases(t *testing.T) {
	for name, data := range map[string][]byte{
		"forward ascii":  frame(twoChecks(t)),
		"forward ebcdic": writeForward(t, 3, EBCDIC, func(int) ([]byte, []byte) { return stubTIFF(10, 10, 5, 1), stubTIFF(10, 10, 5, 2) }),
		"return R":       returnFile(t, ASCII, "A", "R"),
		"return E":       returnFile(t, EBCDIC, "I", "E"),
	} {
		r := NewReader(bytes.NewReader(data))
		for r.Next() {
		}
		assert.NoError(t, r.Err(), name)
		assert.Empty(t, r.Findings(), name)
	}
}

// TestFindingPosition: a finding names the record's offset and number,
// its type and layout, the field and its column, and the values.
func TestFindingPosition(t *testing.T) {
	recs := set(16, 3, "0014")(twoChecks(t))
	data := frame(recs)
	off := 0
	for _, r := range recs[:15] {
		off += 4 + len(r)
	}
	r := NewReader(bytes.NewReader(data))
	for r.Next() {
	}
	err := r.Err()
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, &ParseError{Offset: int64(off), RecordNumber: 16, RecordType: "70", Record: "bundle_control",
		Field: "items_within_bundle_count", Column: 3, Value: "14", Expected: "2", Severity: SeverityError,
		Msg: "items: control says 14, counted 2", Err: ErrControl}, pe)
	assert.Equal(t, "rdc: record 16 (type 70) at offset "+itoa(off)+": bundle_control.items_within_bundle_count (col 3): items: control says 14, counted 2", pe.Error())
	assert.True(t, errors.Is(err, ErrControl))
	var es Errors
	require.ErrorAs(t, err, &es)
	assert.Len(t, es, 1)
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + string(appendInt(nil, n))) }

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

func TestMaxErrors(t *testing.T) {
	recs := twoChecks(t)
	for _, n := range []int{4, 10} {
		copy(recs[n-1][26:], "5") // check digit
	}
	r := NewReader(bytes.NewReader(frame(recs)))
	r.Options.MaxErrors = 1
	for r.Next() {
	}
	assert.Len(t, r.Findings(), 1)
	assert.Equal(t, 1, r.Dropped())
}

func TestLevel03Records(t *testing.T) {
	recs := twoChecks(t)
	copy(recs[0][2:], "03")
	recs = insert(6, userRecord68)(recs)
	recs[len(recs)-1] = []byte(strings.Replace(string(recs[len(recs)-1]), "00000018", "00000019", 1))
	r := NewReader(bytes.NewReader(frame(recs)))
	for r.Next() {
	}
	require.NoError(t, r.Err())
	require.Len(t, r.Findings(), 1, "%v", r.Findings())
	assert.ErrorIs(t, r.Findings()[0], ErrLevel)
	assert.Equal(t, SeverityWarning, r.Findings()[0].Severity)
}
