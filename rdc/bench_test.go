package rdc

import (
	"bytes"
	"io"
	"math/rand"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/railyardhq/railyard/rdc/checkimage"
)

// benchItems is the size of the benchmark file: 10,000 checks, each with
// a front and a back image.
const benchItems = 10_000

var (
	benchOnce  sync.Once
	benchFiles map[Encoding][]byte
)

func benchInput(b *testing.B, enc Encoding) []byte {
	benchOnce.Do(func() {
		front, back := benchImage(b, 1700, 800, 60, 0.004), benchImage(b, 1700, 800, 12, 0.001)
		b.Logf("images: front %d bytes, back %d bytes (G4 TIFF, 1700×800, 200 dpi)", len(front), len(back))
		img := func(int) ([]byte, []byte) { return front, back }
		benchFiles = map[Encoding][]byte{ASCII: writeForward(b, benchItems, ASCII, img), EBCDIC: writeForward(b, benchItems, EBCDIC, img)}
	})
	return benchFiles[enc]
}

// benchImage is a G4 TIFF check side: strokes lines of writing and
// speckle noise, as scanned checks have.
func benchImage(b *testing.B, w, h, words int, noise float64) []byte {
	rng := rand.New(rand.NewSource(int64(words)))
	bm := checkimage.NewBitmap(w, h)
	for i := 0; i < words; i++ {
		x0, y0 := rng.Intn(w-200), rng.Intn(h-40)
		for k := 0; k < 6*(5+rng.Intn(6)); k++ {
			sx, sy := x0+rng.Intn(180), y0+rng.Intn(24)
			for y := sy; y < sy+3+rng.Intn(14); y++ {
				for x := sx; x < sx+2+rng.Intn(4); x++ {
					bm.Set(x, y, true)
				}
			}
		}
	}
	for i := 0; i < int(noise*float64(w*h)); i++ {
		bm.Set(rng.Intn(w), rng.Intn(h), true)
	}
	data, err := checkimage.EncodeTIFF(bm, 200)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// sampleHeap records the largest HeapInuse seen every millisecond until
// stop, which returns it.
func sampleHeap() (stop func() uint64) {
	var max uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > max {
				max = m.HeapInuse
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(done); wg.Wait(); return max }
}

func benchRead(b *testing.B, enc Encoding) {
	data := benchInput(b, enc)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop := sampleHeap()
	b.ResetTimer()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data))
		for r.Next() {
		}
		if err := r.Err(); err != nil {
			b.Fatal(err)
		}
		if s := r.Summary(); s.Items != benchItems || s.Images != 2*benchItems {
			b.Fatalf("items %d images %d", s.Items, s.Images)
		}
	}
	b.StopTimer()
	peak := stop()
	b.ReportMetric(float64(peak-min(peak, base.HeapInuse))/1e6, "peak-heap-MB")
	b.ReportMetric(float64(len(data))/1e6, "file-MB")
}

// BenchmarkRead parses and strictly validates a 10,000-item file with
// front and back images. peak-heap-MB is the Go heap in use above what it
// was before (the input file itself is in memory outside the Reader).
func BenchmarkReadASCII(b *testing.B)  { benchRead(b, ASCII) }
func BenchmarkReadEBCDIC(b *testing.B) { benchRead(b, EBCDIC) }

// BenchmarkReadItems assembles every item with its images (ReuseItem).
func BenchmarkReadItems(b *testing.B) {
	data := benchInput(b, EBCDIC)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data))
		r.ReuseItem = true
		n := 0
		for {
			it, err := r.ReadItem()
			if err != nil {
				break
			}
			n += len(it.Views)
		}
		if err := r.Err(); err != nil || n != 2*benchItems {
			b.Fatalf("%d views, %v", n, err)
		}
	}
}

// BenchmarkWrite writes the 10,000-item EBCDIC file.
func BenchmarkWrite(b *testing.B) {
	front, back := benchImage(b, 1700, 800, 60, 0.004), benchImage(b, 1700, 800, 12, 0.001)
	items := make([]*Item, benchItems)
	for i := range items {
		items[i] = sampleCheck(i+1, front, back)
	}
	b.ReportAllocs()
	for b.Loop() {
		w := NewWriter(io.Discard)
		if err := w.WriteFileHeader(sampleHeader()); err != nil {
			b.Fatal(err)
		}
		w.WriteCashLetterHeader(sampleCashLetter("01", ""))
		w.WriteBundleHeader(sampleBundle("01"))
		for _, it := range items {
			if err := w.WriteItem(it); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
