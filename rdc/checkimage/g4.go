package checkimage

import "math/bits"

// bitWriter packs codes most significant bit first (TIFF FillOrder 1).
type bitWriter struct {
	out  []byte
	acc  uint64 // pending bits, right-aligned
	nacc uint   // number of pending bits
}

func (w *bitWriter) put(k code) {
	w.acc = w.acc<<k.n | uint64(k.bits)
	w.nacc += uint(k.n)
	for w.nacc >= 8 {
		w.nacc -= 8
		w.out = append(w.out, byte(w.acc>>w.nacc))
	}
}

// flush writes the pending bits, padding the last byte with zeros.
func (w *bitWriter) flush() {
	if w.nacc > 0 {
		w.out = append(w.out, byte(w.acc<<(8-w.nacc)))
		w.acc, w.nacc = 0, 0
	}
}

// run writes a run of n pixels of a colour (black when black) in the
// modified Huffman code: make-up codes, then a terminating code.
func (w *bitWriter) run(n int, black bool) {
	term, makeup := &whiteTerm, &whiteMakeup
	if black {
		term, makeup = &blackTerm, &blackMakeup
	}
	for n >= 2560 {
		w.put(extMakeup[len(extMakeup)-1])
		n -= 2560
	}
	if n >= 64 {
		m := n / 64
		if m >= 28 {
			w.put(extMakeup[m-28])
		} else {
			w.put(makeup[m-1])
		}
		n -= m * 64
	}
	w.put(term[n])
}

// changes appends to out the changing elements of a row of width pixels
// (packed, most significant bit first, 1 = black): the positions where
// the colour differs from the pixel before, the line starting white. It
// then appends width twice, the imaginary changing elements past the end.
func changes(row []byte, width int, out []int32) []int32 {
	out = out[:0]
	var fill byte // the colour being run, as a byte: 0x00 white, 0xFF black
	x := 0
	for x < width {
		i := x >> 3
		b := (row[i] ^ fill) & (0xFF >> uint(x&7))
		for b == 0 {
			i++
			if i<<3 >= width {
				break
			}
			b = row[i] ^ fill
		}
		if b == 0 {
			break
		}
		p := i<<3 + bits.LeadingZeros8(b)
		if p >= width {
			break
		}
		out = append(out, int32(p))
		fill = ^fill
		x = p
	}
	return append(out, int32(width), int32(width))
}

// EncodeG4 returns the CCITT Group 4 (ITU-T T.6) coding of b, ending with
// EOFB and padded to a whole byte: the strip of a TIFF with Compression 4,
// FillOrder 1. Black pixels are the ones set in b.
func EncodeG4(b *Bitmap) []byte {
	w := &bitWriter{out: make([]byte, 0, b.Width*b.Height/40+64)}
	width := b.Width
	ref := make([]int32, 0, 64)
	cur := make([]int32, 0, 64)
	ref = append(ref, int32(width), int32(width)) // the imaginary white line above the first
	for y := 0; y < b.Height; y++ {
		cur = changes(b.Pix[y*b.Stride:(y+1)*b.Stride], width, cur)
		encodeRow(w, cur, ref, width)
		ref, cur = cur, ref
	}
	w.put(codeEOL)
	w.put(codeEOL)
	w.flush()
	return w.out
}

// encodeRow codes one row (changing elements cur) against the row above
// (ref), T.6 §2.2. Both lists end with width, width.
func encodeRow(w *bitWriter, cur, ref []int32, width int) {
	a0, black := int32(-1), false
	ci, ri := 0, 0
	for a0 < int32(width) {
		for cur[ci] <= a0 {
			ci++
		}
		a1 := cur[ci]
		// b1: the first changing element of the reference line right of
		// a0 whose colour is the opposite of a0's. Element j of a line
		// turns it black when j is even.
		for ref[ri] <= a0 && ri < len(ref)-2 {
			ri++
		}
		j := ri
		if (j&1 == 1) != black {
			j++
		}
		b1, b2 := ref[j], ref[min(j+1, len(ref)-1)]
		switch d := a1 - b1; {
		case b2 < a1:
			w.put(codePass)
			a0 = b2
		case d >= -3 && d <= 3:
			w.put(codeVertical[d+3])
			a0 = a1
			black = !black
		default:
			a2 := cur[min(ci+1, len(cur)-1)]
			w.put(codeHorizontal)
			w.run(int(a1-max(a0, 0)), black)
			w.run(int(a2-a1), !black)
			a0 = a2
		}
	}
}
