package rdc_test

import (
	"bytes"
	"fmt"
	"io"
	"log"

	"github.com/railyardhq/railyard/rdc"
	"github.com/railyardhq/railyard/rdc/checkimage"
)

// checkSide is a stand-in for a scanned check side: a small bitonal
// image with a bar of ink, as an X9 TIFF.
func checkSide(ink int) []byte {
	b := checkimage.NewBitmap(600, 275)
	for y := 100; y < 100+ink; y++ {
		for x := 50; x < 550; x++ {
			b.Set(x, y, true)
		}
	}
	tiff, err := checkimage.EncodeTIFF(b, 200)
	if err != nil {
		log.Fatal(err)
	}
	return tiff
}

// writeDeposit writes a forward cash letter of one check, ASCII so that
// the examples can show it.
func writeDeposit(w io.Writer) error {
	x9 := rdc.NewWriter(w)
	x9.Encoding = rdc.ASCII
	if err := x9.WriteFileHeader(&rdc.FileHeader{TestIndicator: "T", ImmediateDestination: "061000146",
		ImmediateOrigin: "121042882", CreationDate: "20261120", CreationTime: "1500", ResendIndicator: "N",
		ImmediateDestinationName: "FRB ATLANTA", ImmediateOriginName: "RAILYARD BANK", CountryCode: "US"}); err != nil {
		return err
	}
	if err := x9.WriteCashLetterHeader(&rdc.CashLetterHeader{CollectionType: rdc.CollectionForward,
		DestinationRouting: "061000146", ECERouting: "121042882", BusinessDate: "20261120",
		CreationDate: "20261120", CreationTime: "1500", RecordTypeIndicator: "I",
		DocumentationTypeIndicator: "G", CashLetterID: "RY000001"}); err != nil {
		return err
	}
	if err := x9.WriteBundleHeader(&rdc.BundleHeader{DestinationRouting: "061000146", ECERouting: "121042882",
		BusinessDate: "20261120", CreationDate: "20261120", CycleNumber: "01"}); err != nil {
		return err
	}
	item := &rdc.Item{
		Check: &rdc.CheckDetail{PayorBankRouting: "231380104", OnUs: "5558881001/1001", Amount: 123456,
			ItemSequence: "000000000000001", DocumentationTypeIndicator: "G", MICRValidIndicator: "1",
			BOFDIndicator: "Y", CorrectionIndicator: "0", ArchiveTypeIndicator: "B"},
		BOFD: []rdc.BOFDAddendum{{ReturnLocationRouting: "121042882", EndorsementDate: "20261120",
			ItemSequence: "000000000000001", DepositAccount: "987654321", PayeeName: "JANE Q PAYEE",
			TruncationIndicator: "Y", ConversionIndicator: "2"}},
	}
	for _, side := range []struct {
		side string
		img  []byte
	}{{rdc.Front, checkSide(40)}, {rdc.Back, checkSide(10)}} {
		v := rdc.ImageView{Detail: rdc.ImageViewDetail{ImageIndicator: "1", CreatorRouting: "121042882",
			CreatorDate: "20261120", ViewFormat: "00", Compression: "00", ViewSide: side.side, ViewDescriptor: "00"}}
		v.Data.ClippingOrigin = "0"
		v.SetImage(side.img)
		item.Views = append(item.Views, v)
	}
	if err := x9.WriteItem(item); err != nil {
		return err
	}
	return x9.Close() // bundle, cash letter and file controls
}

func ExampleWriter() {
	var buf bytes.Buffer
	if err := writeDeposit(&buf); err != nil {
		log.Fatal(err)
	}
	r := rdc.NewReader(&buf)
	for r.Next() {
		rec := r.Record()
		switch rec.Type() {
		case "70":
			c := rec.BundleControl()
			fmt.Println(rec.Name(), c.ItemCount, c.TotalAmount, c.ImageCount)
		case "99":
			c := rec.FileControl()
			fmt.Println(rec.Name(), c.RecordCount, c.ItemCount, c.TotalAmount)
		}
	}
	fmt.Println(r.Err())
	// Output:
	// bundle_control 1 123456 2
	// file_control 12 1 123456
	// <nil>
}

func ExampleReader() {
	var buf bytes.Buffer
	if err := writeDeposit(&buf); err != nil {
		log.Fatal(err)
	}
	r := rdc.NewReader(&buf)
	for r.Next() {
		rec := r.Record()
		switch rec.Type() {
		case "25":
			c := rec.CheckDetail()
			fmt.Println(rec.Number, rec.Name(), c.PayorBankRouting, c.OnUs, c.Amount, c.ItemSequence)
		case "52":
			info, err := rdc.InspectTIFF(rec.Image()) // the image is not copied
			if err != nil {
				log.Fatal(err)
			}
			fmt.Println(rec.Number, rec.Name(), len(rec.Image()), "bytes", info.Width, "x", info.Height, info.XDPI, "dpi")
		default:
			fmt.Println(rec.Number, rec.Name())
		}
	}
	s := r.Summary()
	fmt.Println(s.Encoding, s.CashLetters, s.Bundles, s.Items, s.Images, s.TotalCents, r.Err())
	// Output:
	// 1 file_header
	// 2 cash_letter_header
	// 3 bundle_header
	// 4 check_detail 231380104 5558881001/1001 123456 000000000000001
	// 5 check_detail_addendum_a
	// 6 image_view_detail
	// 7 image_view_data 238 bytes 600 x 275 200 dpi
	// 8 image_view_detail
	// 9 image_view_data 232 bytes 600 x 275 200 dpi
	// 10 bundle_control
	// 11 cash_letter_control
	// 12 file_control
	// ascii 1 1 1 2 123456 <nil>
}

// A bank's return file, read item by item: the reason, the returns
// indicator that selects the list it belongs to, and the BOFD item
// sequence number (32.5) that finds the deposit.
func ExampleReader_ReadItem() {
	var buf bytes.Buffer
	w := rdc.NewWriter(&buf)
	w.WriteFileHeader(&rdc.FileHeader{TestIndicator: "T", ImmediateDestination: "121042882", ImmediateOrigin: "231380104",
		CreationDate: "20261124", CreationTime: "0930", ResendIndicator: "N"})
	w.WriteCashLetterHeader(&rdc.CashLetterHeader{CollectionType: rdc.CollectionReturn, DestinationRouting: "121042882",
		ECERouting: "231380104", BusinessDate: "20261124", CreationDate: "20261124", CreationTime: "0930",
		RecordTypeIndicator: "E", CashLetterID: "R0000001", ReturnsIndicator: "R"})
	w.WriteBundleHeader(&rdc.BundleHeader{DestinationRouting: "121042882", ECERouting: "231380104",
		BusinessDate: "20261124", CreationDate: "20261124"})
	for i, reason := range []string{"A", "D"} {
		seq := fmt.Sprintf("%015d", i+1)
		err := w.WriteItem(&rdc.Item{
			Return: &rdc.ReturnDetail{PayorBankRouting: "231380104", OnUs: "5558881001/", Amount: int64(10000 * (i + 1)),
				ReturnReason: reason, ForwardBundleDate: "20261120", ItemSequence: "9" + seq[1:], NotificationIndicator: "2"},
			BOFD: []rdc.BOFDAddendum{{ReturnLocationRouting: "121042882", EndorsementDate: "20261120",
				ItemSequence: seq, TruncationIndicator: "Y"}},
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	r := rdc.NewReader(&buf)
	for {
		it, err := r.ReadItem()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		reason, field := it.ReturnReason()
		fmt.Println(reason, field, it.CashLetter.ReturnsIndicator, it.Bundle.CollectionType, it.DepositItemSequence(), it.Amount())
	}
	fmt.Println(r.Err())
	// Output:
	// A 31.6 R 03 000000000000001 10000
	// D 31.6 R 03 000000000000002 20000
	// <nil>
}
