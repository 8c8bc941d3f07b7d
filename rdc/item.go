package rdc

import "io"

// Item is one item with everything that belongs to it: a forward item
// (Check, record 25), a return (Return, record 31) or a credit (Credit 61
// or CreditItem 62) — exactly one of the four is set — followed by its
// addenda, image views and user records.
//
// Records 26 and 32 are both BOFD endorsements, 27 and 34 image
// references, 28 and 35 endorsements: the main record says which. The
// Writer writes them in X9 order: BOFD, Payor (returns only), ImageRefs,
// Endorsements, then the views (50, 52, 54 each) and the user records.
type Item struct {
	Check      *CheckDetail  `json:"check,omitempty"`
	Return     *ReturnDetail `json:"return,omitempty"`
	Credit     *Credit       `json:"credit,omitempty"`
	CreditItem *CreditItem   `json:"credit_item,omitempty"`

	BOFD         []BOFDAddendum           `json:"bofd,omitempty"`         // 26 / 32
	Payor        []PayorAddendum          `json:"payor,omitempty"`        // 33
	ImageRefs    []ImageReferenceAddendum `json:"image_refs,omitempty"`   // 27 / 34
	Endorsements []EndorsementAddendum    `json:"endorsements,omitempty"` // 28 / 35
	Views        []ImageView              `json:"views,omitempty"`        // 50 52 [54]
	UserRecords  []UserRecord             `json:"user_records,omitempty"` // 68

	// CashLetter and Bundle are the headers the item was read under (nil
	// when it was outside one). The Reader shares one value among the
	// items of a bundle; the Writer ignores them.
	CashLetter *CashLetterHeader `json:"-"`
	Bundle     *BundleHeader     `json:"-"`
	// RecordNumber and Offset place the item's first record in the input.
	RecordNumber int   `json:"-"`
	Offset       int64 `json:"-"`
}

// Amount returns the item's amount in cents, whichever kind it is.
func (it *Item) Amount() int64 {
	switch {
	case it.Check != nil:
		return it.Check.Amount
	case it.Return != nil:
		return it.Return.Amount
	case it.Credit != nil:
		return it.Credit.Amount
	case it.CreditItem != nil:
		return it.CreditItem.Amount
	}
	return 0
}

// ItemSequence returns the item's own ECE institution item sequence
// number (25.8, 31.10, 61.7 or 62.7).
func (it *Item) ItemSequence() string {
	switch {
	case it.Check != nil:
		return it.Check.ItemSequence
	case it.Return != nil:
		return it.Return.ItemSequence
	case it.Credit != nil:
		return it.Credit.ItemSequence
	case it.CreditItem != nil:
		return it.CreditItem.ItemSequence
	}
	return ""
}

// ReturnReason returns a return's X9.100-188 reason and the field it came
// from: 31.6, or when that is blank 35.9 of the last 35 record that has
// one ("" and "" for other items, or when no field holds a reason).
func (it *Item) ReturnReason() (reason, field string) {
	if it.Return == nil {
		return "", ""
	}
	if it.Return.ReturnReason != "" {
		return it.Return.ReturnReason, "31.6"
	}
	for i := len(it.Endorsements) - 1; i >= 0; i-- {
		if r := it.Endorsements[i].ReturnReason; r != "" {
			return r, "35.9"
		}
	}
	return "", ""
}

// DepositItemSequence returns the number that finds a returned item's
// deposit: the BOFD item sequence number of its first 32 record (32.5),
// or its own 31.10 when that is blank. For a forward item it is 25.8.
func (it *Item) DepositItemSequence() string {
	if it.Return != nil && len(it.BOFD) > 0 && it.BOFD[0].ItemSequence != "" {
		return it.BOFD[0].ItemSequence
	}
	return it.ItemSequence()
}

// File is a whole X9 file in memory, as ReadAll builds it and WriteFile
// writes it. Streaming code should use Next or ReadItem and a Writer's
// item calls instead: a File holds every image.
type File struct {
	Header      FileHeader   `json:"file_header"`
	CashLetters []CashLetter `json:"cash_letters"`
	Control     FileControl  `json:"file_control"`
}

// CashLetter is a cash letter: its header, the credits found at
// cash-letter level (before its first bundle), its bundles, its routing
// number summaries and its control.
type CashLetter struct {
	Header           CashLetterHeader       `json:"header"`
	Credits          []Item                 `json:"credits,omitempty"`
	Bundles          []Bundle               `json:"bundles"`
	RoutingSummaries []RoutingNumberSummary `json:"routing_summaries,omitempty"`
	Control          CashLetterControl      `json:"control"`
}

// Bundle is a bundle: its header, items (credits in the bundle among
// them) and control.
type Bundle struct {
	Header  BundleHeader  `json:"header"`
	Items   []Item        `json:"items"`
	Control BundleControl `json:"control"`
}

// ReadItem reads up to the end of the next item and returns it with its
// addenda, views and user records; image bytes are copied into the item.
// Headers and controls on the way are validated like every record, and
// the item's CashLetter and Bundle point at the headers it was read under.
// At the end of the file it returns nil and io.EOF; a failure that stops
// reading (I/O, a file that is not X9) is returned as the error. Findings
// do not stop ReadItem: check Err once it returns io.EOF.
//
// ReadItem and Next may be mixed: ReadItem stops after the item's last
// record, so the next Next returns the record that follows it.
func (r *Reader) ReadItem() (*Item, error) {
	for {
		if !r.Next() {
			return nil, r.stopErr()
		}
		switch r.rec.typ {
		case 25, 31, 61, 62:
			it := r.newItem()
			r.itemRecord(it, &r.rec)
			for r.Next() {
				if !r.itemRecord(it, &r.rec) {
					r.pending = true
					break
				}
			}
			return it, nil
		}
	}
}

// stopErr is what ReadItem returns when Next stops.
func (r *Reader) stopErr() error {
	if r.err != nil {
		if _, ok := r.err.(*ParseError); !ok {
			return r.err
		}
		if r.v.records == 0 {
			return r.err
		}
	}
	return io.EOF
}

func (r *Reader) newItem() *Item {
	if !r.ReuseItem {
		return &Item{}
	}
	it := r.item
	if it == nil {
		it = &Item{}
		r.item = it
	}
	views := it.Views[:0]
	*it = Item{BOFD: it.BOFD[:0], Payor: it.Payor[:0], ImageRefs: it.ImageRefs[:0],
		Endorsements: it.Endorsements[:0], UserRecords: it.UserRecords[:0], Views: views,
		Check: it.Check, Return: it.Return, Credit: it.Credit, CreditItem: it.CreditItem}
	return it
}

// itemRecord adds rec to it and reports whether rec belonged to it: a
// main record only when it is the item's first.
func (r *Reader) itemRecord(it *Item, rec *Record) bool {
	first := it.Check == nil && it.Return == nil && it.Credit == nil && it.CreditItem == nil || it.RecordNumber == 0
	switch rec.typ {
	case 25, 31, 61, 62:
		if !first {
			return false
		}
		it.RecordNumber, it.Offset = rec.Number, rec.Offset
		it.CashLetter, it.Bundle = r.clh, r.bh
		// A reused item keeps its structs from the last call.
		chk, ret, cr, ci := it.Check, it.Return, it.Credit, it.CreditItem
		it.Check, it.Return, it.Credit, it.CreditItem = nil, nil, nil, nil
		switch rec.typ {
		case 25:
			it.Check = zeroed(chk)
			checkDetailCodec.decode(rec.raw, it.Check)
		case 31:
			it.Return = zeroed(ret)
			returnDetailCodec.decode(rec.raw, it.Return)
		case 61:
			it.Credit = zeroed(cr)
			creditCodec.decode(rec.raw, it.Credit)
		case 62:
			it.CreditItem = zeroed(ci)
			creditItemCodec.decode(rec.raw, it.CreditItem)
		}
		r.view52 = true
	case 26, 32:
		it.BOFD = append(it.BOFD, rec.BOFDAddendum())
	case 33:
		it.Payor = append(it.Payor, rec.PayorAddendum())
	case 27, 34:
		it.ImageRefs = append(it.ImageRefs, rec.ImageReferenceAddendum())
	case 28, 35:
		it.Endorsements = append(it.Endorsements, rec.EndorsementAddendum())
	case 50:
		it.Views = growView(it.Views)
		v := &it.Views[len(it.Views)-1]
		imageViewDetailCodec.decode(rec.raw, &v.Detail)
		r.view52 = false
	case 52:
		n := len(it.Views)
		if r.view52 {
			it.Views = growView(it.Views) // a 52 without its 50
			n++
		}
		r.view52 = true
		v := &it.Views[n-1]
		img, sig := v.Data.Image[:0], v.Data.DigitalSignature[:0]
		d := rec.ImageViewData()
		d.Image = append(img, rec.img...)
		d.DigitalSignature = nil
		if len(rec.sig) > 0 {
			d.DigitalSignature = append(sig, rec.sig...)
		}
		v.Data = d
	case 54:
		if len(it.Views) == 0 {
			it.Views = growView(it.Views)
		}
		a := rec.ImageViewAnalysis()
		it.Views[len(it.Views)-1].Analysis = &a
	case 68:
		it.UserRecords = append(it.UserRecords, rec.UserRecord())
	default:
		return false
	}
	return true
}

// zeroed returns p cleared, or a new T when p is nil.
func zeroed[T any](p *T) *T {
	if p == nil {
		return new(T)
	}
	var zero T
	*p = zero
	return p
}

// growView appends an empty view, keeping the image buffers of a reused
// slice's spare capacity.
func growView(vs []ImageView) []ImageView {
	if len(vs) < cap(vs) {
		vs = vs[:len(vs)+1]
		last := &vs[len(vs)-1]
		img, sig := last.Data.Image[:0], last.Data.DigitalSignature[:0]
		*last = ImageView{}
		last.Data.Image, last.Data.DigitalSignature = img, sig
		return vs
	}
	return append(vs, ImageView{})
}

// ReadAll reads the whole file into a File, images included, and returns
// it with Err's verdict. Records out of place are kept where they can be
// (a credit before the first bundle in CashLetter.Credits, an item outside
// any bundle in a bundle of its own); with the lenient profile the File of
// an imperfect file is as complete as its records allow.
func (r *Reader) ReadAll() (*File, error) {
	f := &File{}
	var cl *CashLetter
	var b *Bundle
	var it *Item
	ensureCL := func() {
		if cl == nil {
			f.CashLetters = append(f.CashLetters, CashLetter{})
			cl = &f.CashLetters[len(f.CashLetters)-1]
		}
	}
	for r.Next() {
		rec := &r.rec
		switch rec.typ {
		case 1:
			f.Header = rec.FileHeader()
		case 10:
			f.CashLetters = append(f.CashLetters, CashLetter{Header: rec.CashLetterHeader()})
			cl, b, it = &f.CashLetters[len(f.CashLetters)-1], nil, nil
		case 20:
			ensureCL()
			cl.Bundles = append(cl.Bundles, Bundle{Header: rec.BundleHeader()})
			b, it = &cl.Bundles[len(cl.Bundles)-1], nil
		case 25, 31, 61, 62:
			ensureCL()
			var list *[]Item
			switch {
			case b != nil:
				list = &b.Items
			case rec.typ == 61 || rec.typ == 62:
				list = &cl.Credits
			default:
				cl.Bundles = append(cl.Bundles, Bundle{})
				b = &cl.Bundles[len(cl.Bundles)-1]
				list = &b.Items
			}
			*list = append(*list, Item{})
			it = &(*list)[len(*list)-1]
			r.itemRecord(it, rec)
			it.CashLetter, it.Bundle = nil, nil
		case 70:
			if b != nil {
				b.Control = rec.BundleControl()
			}
			b, it = nil, nil
		case 85:
			ensureCL()
			cl.RoutingSummaries = append(cl.RoutingSummaries, rec.RoutingNumberSummary())
		case 90:
			if cl != nil {
				cl.Control = rec.CashLetterControl()
			}
			cl, b, it = nil, nil, nil
		case 99:
			f.Control = rec.FileControl()
		default:
			if it != nil {
				r.itemRecord(it, rec)
			}
		}
	}
	if r.err != nil {
		if _, ok := r.err.(*ParseError); !ok {
			return f, r.err
		}
	}
	return f, r.Err()
}
