package rdc

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"
)

// stubTIFF returns a little-endian, single-strip, bitonal G4 TIFF header
// and directory around size bytes of strip data (not real G4: the codec
// never decodes images). It passes InspectTIFF and Problems.
func stubTIFF(width, height, size int, seed byte) []byte {
	const entries = 12
	ifd := 8 + size
	if ifd%2 == 1 {
		ifd++
	}
	res := ifd + 2 + 12*entries + 4
	b := make([]byte, res+16)
	copy(b, "II*\x00")
	binary.LittleEndian.PutUint32(b[4:], uint32(ifd))
	for i := 0; i < size; i++ {
		b[8+i] = byte(i*7) ^ seed
	}
	le := binary.LittleEndian
	le.PutUint16(b[ifd:], entries)
	e := ifd + 2
	put := func(tag, typ uint16, count, val uint32) {
		le.PutUint16(b[e:], tag)
		le.PutUint16(b[e+2:], typ)
		le.PutUint32(b[e+4:], count)
		if typ == 3 {
			le.PutUint16(b[e+8:], uint16(val))
		} else {
			le.PutUint32(b[e+8:], val)
		}
		e += 12
	}
	put(256, 4, 1, uint32(width))
	put(257, 4, 1, uint32(height))
	put(258, 3, 1, 1)
	put(259, 3, 1, 4)
	put(262, 3, 1, 0)
	put(273, 4, 1, 8)
	put(277, 3, 1, 1)
	put(278, 4, 1, uint32(height))
	put(279, 4, 1, uint32(size))
	put(282, 5, 1, uint32(res))
	put(283, 5, 1, uint32(res+8))
	put(296, 3, 1, 2)
	le.PutUint32(b[e:], 0)
	for _, off := range []int{res, res + 8} {
		le.PutUint32(b[off:], 200)
		le.PutUint32(b[off+4:], 1)
	}
	return b
}

// sampleHeader and friends are the headers of generated test files.
func sampleHeader() *FileHeader {
	return &FileHeader{StandardLevel: "35", TestIndicator: "T", ImmediateDestination: "061000146",
		ImmediateOrigin: "121042882", CreationDate: "20261120", CreationTime: "1500", ResendIndicator: "N",
		ImmediateDestinationName: "FRB ATLANTA", ImmediateOriginName: "RAILYARD SANDBOX", CountryCode: "US"}
}

func sampleCashLetter(ct, ind string) *CashLetterHeader {
	return &CashLetterHeader{CollectionType: ct, DestinationRouting: "061000146", ECERouting: "121042882",
		BusinessDate: "20261120", CreationDate: "20261120", CreationTime: "1500", RecordTypeIndicator: "I",
		DocumentationTypeIndicator: "G", CashLetterID: "RY000001", OriginatorContactName: "RAILYARD OPS",
		OriginatorContactPhone: "4155550100", ReturnsIndicator: ind}
}

func sampleBundle(ct string) *BundleHeader {
	return &BundleHeader{CollectionType: ct, DestinationRouting: "061000146", ECERouting: "121042882",
		BusinessDate: "20261120", CreationDate: "20261120", ID: "B1", CycleNumber: "01"}
}

// sampleCheck is forward item n with front and back images.
func sampleCheck(n int, front, back []byte) *Item {
	seq := fmt.Sprintf("%015d", n)
	it := &Item{
		Check: &CheckDetail{PayorBankRouting: "231380104", OnUs: fmt.Sprintf("5558881%04d/%d", n%10000, 1000+n%9000),
			Amount: int64(100 + n%100000), ItemSequence: seq, DocumentationTypeIndicator: "G",
			MICRValidIndicator: "1", BOFDIndicator: "Y", CorrectionIndicator: "0", ArchiveTypeIndicator: "B"},
		BOFD: []BOFDAddendum{{ReturnLocationRouting: "121042882", EndorsementDate: "20261120", ItemSequence: seq,
			DepositAccount: "987654321", PayeeName: "JANE Q PAYEE", TruncationIndicator: "Y", ConversionIndicator: "2"}},
	}
	for i, img := range [][]byte{front, back} {
		v := ImageView{Detail: ImageViewDetail{ImageIndicator: "1", CreatorRouting: "121042882", CreatorDate: "20261120",
			ViewFormat: "00", Compression: "00", ViewSide: fmt.Sprint(i), ViewDescriptor: "00",
			DigitalSignatureIndicator: "0", ImageRecreateIndicator: "0"}}
		v.Data.ClippingOrigin = "0"
		v.SetImage(img)
		it.Views = append(it.Views, v)
	}
	return it
}

// writeForward writes a forward file of n items, images from img.
func writeForward(t testing.TB, n int, enc Encoding, img func(i int) (front, back []byte)) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Encoding = enc
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.WriteFileHeader(sampleHeader()))
	must(w.WriteCashLetterHeader(sampleCashLetter("01", "")))
	must(w.WriteBundleHeader(sampleBundle("01")))
	for i := 1; i <= n; i++ {
		f, b := img(i)
		must(w.WriteItem(sampleCheck(i, f, b)))
	}
	must(w.WriteCashLetterControl(&CashLetterControl{ECEInstitutionName: "RAILYARD BANK", SettlementDate: "20261123"}))
	must(w.Close())
	return buf.Bytes()
}

// conformanceDir is the shared corpus; tests skip when it is absent.
const conformanceDir = "../../shared/conformance/x9"

// returnFile is a value-return cash letter (10.2 03) with one return of
// reason reason under returns indicator ind, a 32, 33, 35 and two views.
func returnFile(t testing.TB, enc Encoding, reason, ind string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Encoding = enc
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.WriteFileHeader(sampleHeader()))
	must(w.WriteCashLetterHeader(sampleCashLetter("03", ind)))
	must(w.WriteBundleHeader(sampleBundle("03")))
	it := &Item{
		Return: &ReturnDetail{PayorBankRouting: "231380104", OnUs: "55588810/", Amount: 12345, ReturnReason: reason,
			DocumentationTypeIndicator: "G", ForwardBundleDate: "20261115", ItemSequence: "000000000900001",
			NotificationIndicator: "2", ArchiveTypeIndicator: "B", TimesReturned: "1"},
		BOFD: []BOFDAddendum{{ReturnLocationRouting: "121042882", EndorsementDate: "20261115",
			ItemSequence: "000000000000042", DepositAccount: "987654321", TruncationIndicator: "Y", ConversionIndicator: "2"}},
		Payor:        []PayorAddendum{{PayorBankName: "CITADEL", ItemSequence: "000000000900001", BusinessDate: "20261120"}},
		Endorsements: []EndorsementAddendum{{EndorsingRouting: "231380104", EndorsementDate: "20261120", ItemSequence: "000000000900001", TruncationIndicator: "N", ReturnReason: reason, EndorsingBankIdentifier: "3"}},
	}
	front := sampleCheck(1, stubTIFF(64, 32, 20, 3), stubTIFF(64, 32, 10, 4))
	it.Views = front.Views
	must(w.WriteItem(it))
	must(w.Close())
	return buf.Bytes()
}
