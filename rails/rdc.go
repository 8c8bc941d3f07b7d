package rails

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/railyardhq/railyard/ach"
	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rdc"
	"github.com/railyardhq/railyard/rdc/checkimage"
	"github.com/railyardhq/railyard/returns"
)

// The RDC adapter: how a window's check deposits become one X9.100-187
// image cash letter file (x9.md §10).
//
// Submission. An RDC transaction is a credit to the depositor
// (Counterparty: name, account at the bank of first deposit, that bank's
// routing number) for the check in Check. Submit checks the MICR routing
// number, the amount against the MICR amount when one was read, and
// converts both images to the bitonal Group 4 TIFF at 200 dpi the file
// carries; an image that cannot be decoded rejects the transaction. The
// converted images are what is stored, so the file is a pure function of
// the stored transactions.
//
// Files. One file per window, "rdc/<batch date>/<window>.x937", EBCDIC
// with length prefixes: one forward cash letter (collection type 01) per
// bank of first deposit (the depositor's routing number, the
// transaction's Window.Group), bundles of Config.X9.BundleSize items. Each
// item is a 25 with one 26 (the BOFD endorsement: return location,
// business date, item sequence number, depositor account, payee name) and
// a front and back 50/52. The item sequence number, 15 digits, is the
// business date (YYMMDD) and a 9-digit count from the counter
// "x9item:<date>": unique for ever; it is the transaction's Trace, and a
// returned item's 32.5 finds its deposit by it. Cash letter IDs come
// from the counter "x9cl:<date>". Dates and times are the cutoff's in the
// schedule's zone. The credit becomes available (Window.SettlementDate,
// when Settle moves it to SETTLED) the schedule's RDC hold of banking
// days after the deposit day.

// rdcParams is Plan.Params of an RDC window.
type rdcParams struct {
	Kind        string        `json:"kind"` // "x9"
	Destination string        `json:"destination"`
	DestName    string        `json:"destination_name,omitempty"`
	Origin      string        `json:"origin"`
	OriginName  string        `json:"origin_name,omitempty"`
	Test        bool          `json:"test"`
	Date        string        `json:"date"` // YYYYMMDD
	Time        string        `json:"time"` // HHMM
	ContactName string        `json:"contact_name,omitempty"`
	Phone       string        `json:"contact_phone,omitempty"`
	BundleSize  int           `json:"bundle_size"`
	Institution string        `json:"institution_name,omitempty"`
	CashLetters []rdcCashLine `json:"cash_letters"`
	SHA256      string        `json:"sha256"`
	Items       int           `json:"items"`
	TotalCents  int64         `json:"total_cents"`
}

// rdcCashLine is one cash letter: its bank of first deposit and ID.
type rdcCashLine struct {
	BOFD string `json:"bofd"`
	ID   string `json:"cash_letter_id"`
}

func rdcFileName(key WindowKey, batchDate cutoffs.Date) string {
	return "rdc/" + batchDate.String() + "/" + key.ID + ".x937"
}

// validateRDC returns the problems of an RDC deposit and converts its
// images to what the file carries.
func (e *Engine) validateRDC(tx *Transaction, bad func(string, ...any)) {
	if tx.Direction != Credit {
		bad("direction: an RDC deposit is a credit to the depositor")
	}
	c := tx.Check
	if c == nil {
		bad("check: required for rail rdc (routing_number, account_number, front_image, back_image)")
		return
	}
	if !ach.ValidRoutingNumber(c.RoutingNumber) {
		bad("check.routing_number: %q is not a routing number (9 digits with a valid check digit)", c.RoutingNumber)
	}
	onUs := func(field, v string, max int) {
		if len(v) > max || strings.Trim(v, "0123456789- ") != "" {
			bad("check.%s: at most %d digits, hyphens or spaces", field, max)
		}
	}
	if c.AccountNumber == "" {
		bad("check.account_number: required (the MICR on-us account)")
	}
	onUs("account_number", c.AccountNumber, 17)
	onUs("check_number", c.CheckNumber, 15)
	onUs("aux_on_us", c.AuxOnUs, 15)
	if len(c.EPC) > 1 || strings.Trim(c.EPC, "0123456789") != "" {
		bad("check.epc: one digit or empty")
	}
	if c.MICRAmountCents != 0 && c.MICRAmountCents != tx.AmountCents {
		bad("check.micr_amount_cents: %d differs from amount_cents %d (courtesy and legal amounts must agree)", c.MICRAmountCents, tx.AmountCents)
	}
	for _, side := range []struct {
		name string
		img  *[]byte
	}{{"front_image", &c.FrontImage}, {"back_image", &c.BackImage}} {
		if len(*side.img) == 0 {
			bad("check.%s: required", side.name)
			continue
		}
		tiff, err := x9Image(*side.img)
		if err != nil {
			bad("check.%s: %v", side.name, err)
			continue
		}
		*side.img = tiff
	}
}

// x9Image returns img as the file carries it: unchanged when it already
// is an X9.100-181 TIFF (a resubmission of what was stored), else
// converted to one at 200 dpi, 6 inches wide.
func x9Image(img []byte) ([]byte, error) {
	if info, err := rdc.InspectTIFF(img); err == nil && len(info.Problems()) == 0 {
		return img, nil
	}
	return checkimage.Convert(bytes.NewReader(img), checkimage.Options{DPI: 200, WidthInches: 6})
}

// planRDC returns the Planner of an RDC window: it writes the window's
// file into sp as the deposits stream by, one item in memory at a time.
func (e *Engine) planRDC(key WindowKey, sp *spool) Planner {
	cfg := e.cfg
	loc := e.resolver.Location()
	return func(txs TxSeq, counters Counters) (*Plan, error) {
		sp.discard()
		cutoff := key.Cutoff.In(loc)
		date := cutoffs.DateOf(cutoff)
		plan := &Plan{Status: returns.ProcessingCredit, Note: "Deposited in " + key.ID + ".",
			Assignments: []Assignment{}, Files: []FilePlan{}}
		p := &rdcParams{Kind: "x9", Destination: cfg.X9.Destination, DestName: cfg.X9.DestinationName,
			Origin: cfg.ODFIRouting, OriginName: cfg.ImmediateOriginName, Test: !cfg.X9.Production,
			Date: cutoff.Format("20060102"), Time: cutoff.Format("1504"), ContactName: cfg.X9.ContactName,
			Phone: cfg.X9.ContactPhone, BundleSize: cfg.X9.BundleSize, Institution: cfg.CompanyName,
			CashLetters: []rdcCashLine{}}
		src, empty, stop, err := pullSource(txs)
		defer stop()
		if err != nil {
			return nil, fmt.Errorf("rails: plan %s: %w", key.ID, err)
		}
		if empty {
			return plan, storeJSON(plan, p)
		}
		seqPrefix := cutoff.Format("060102")
		itemSeq := func(tx *Transaction) (string, error) {
			v, err := counters.Next("x9item:"+date.String(), 1)
			if err != nil {
				return "", err
			}
			if v > 999_999_999 {
				return "", fmt.Errorf("more than 999,999,999 items on %s", date)
			}
			trace := fmt.Sprintf("%s%09d", seqPrefix, v)
			plan.Assignments = append(plan.Assignments, Assignment{TransactionID: tx.ID, File: 1, Trace: trace})
			return trace, nil
		}
		clID := func(i int, bofd string) (string, error) {
			v, err := counters.Next("x9cl:"+date.String(), 1)
			if err != nil {
				return "", err
			}
			id := fmt.Sprintf("%08d", v%100_000_000)
			p.CashLetters = append(p.CashLetters, rdcCashLine{BOFD: bofd, ID: id})
			return id, nil
		}
		name := rdcFileName(key, date)
		digest, err := sp.write(1, name, func(w io.Writer) error {
			items, total, err := renderRDC(w, p, src, itemSeq, clID)
			p.Items, p.TotalCents = items, total
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("rails: plan %s: %w", key.ID, err)
		}
		p.SHA256 = digest
		plan.Files = append(plan.Files, FilePlan{Seq: 1, Name: name})
		return plan, storeJSON(plan, p)
	}
}

func storeJSON(plan *Plan, p any) error {
	raw, err := json.Marshal(p)
	if err != nil {
		return err
	}
	plan.Params = raw
	return nil
}

// renderRDC writes a window's cash letter file: the deposits next gives
// (nil at the end), a cash letter per run of one bank of first deposit.
// itemSeq gives each deposit its item sequence number and clID each cash
// letter its ID (drawn from counters when planning, read back from the
// claim when rebuilding).
func renderRDC(out io.Writer, p *rdcParams, next func() (*Transaction, error),
	itemSeq func(*Transaction) (string, error), clID func(int, string) (string, error)) (items int, total int64, err error) {
	w := rdc.NewWriter(out)
	w.BundleSize = p.BundleSize
	test := "P"
	if p.Test {
		test = "T"
	}
	if err := w.WriteFileHeader(&rdc.FileHeader{StandardLevel: "35", TestIndicator: test,
		ImmediateDestination: p.Destination, ImmediateOrigin: p.Origin, CreationDate: p.Date, CreationTime: p.Time,
		ResendIndicator: "N", ImmediateDestinationName: p.DestName, ImmediateOriginName: trim(p.OriginName, 18),
		CountryCode: "US"}); err != nil {
		return 0, 0, err
	}
	bofd, letters := "", 0
	closeLetter := func() error {
		if letters == 0 {
			return nil
		}
		return w.WriteCashLetterControl(&rdc.CashLetterControl{ECEInstitutionName: trim(p.Institution, 18), SettlementDate: p.Date})
	}
	for {
		tx, err := next()
		if err != nil {
			return items, total, err
		}
		if tx == nil {
			break
		}
		if tx.Rail != cutoffs.RDC || tx.Check == nil {
			return items, total, fmt.Errorf("transaction %s is not an RDC deposit", tx.ID)
		}
		if letters == 0 || tx.Counterparty.RoutingNumber != bofd {
			if err := closeLetter(); err != nil {
				return items, total, err
			}
			bofd = tx.Counterparty.RoutingNumber
			id, err := clID(letters, bofd)
			if err != nil {
				return items, total, err
			}
			letters++
			if err := w.WriteCashLetterHeader(&rdc.CashLetterHeader{CollectionType: "01", DestinationRouting: p.Destination,
				ECERouting: bofd, BusinessDate: p.Date, CreationDate: p.Date, CreationTime: p.Time, RecordTypeIndicator: "I",
				DocumentationTypeIndicator: "G", CashLetterID: id, OriginatorContactName: p.ContactName,
				OriginatorContactPhone: p.Phone}); err != nil {
				return items, total, err
			}
			if err := w.WriteBundleHeader(&rdc.BundleHeader{CollectionType: "01", DestinationRouting: p.Destination,
				ECERouting: bofd, BusinessDate: p.Date, CreationDate: p.Date, ID: "1", CycleNumber: "01"}); err != nil {
				return items, total, err
			}
		}
		seq, err := itemSeq(tx)
		if err != nil {
			return items, total, err
		}
		if err := w.WriteItem(rdcItem(tx, seq, p.Date)); err != nil {
			return items, total, fmt.Errorf("transaction %s: %w", tx.ID, err)
		}
		items++
		total += tx.AmountCents
	}
	if err := closeLetter(); err != nil {
		return items, total, err
	}
	return items, total, w.Close()
}

// rdcItem is the forward item of deposit tx (x9.md §10.2).
func rdcItem(tx *Transaction, seq, date string) *rdc.Item {
	c := tx.Check
	onUs := c.AccountNumber + "/"
	if c.AuxOnUs == "" && c.CheckNumber != "" {
		onUs += c.CheckNumber
	}
	it := &rdc.Item{
		Check: &rdc.CheckDetail{AuxiliaryOnUs: c.AuxOnUs, ExternalProcessingCode: c.EPC, PayorBankRouting: c.RoutingNumber,
			OnUs: onUs, Amount: tx.AmountCents, ItemSequence: seq, DocumentationTypeIndicator: "G",
			MICRValidIndicator: "1", BOFDIndicator: "Y", CorrectionIndicator: "0", ArchiveTypeIndicator: "B"},
		BOFD: []rdc.BOFDAddendum{{ReturnLocationRouting: tx.Counterparty.RoutingNumber, EndorsementDate: date,
			ItemSequence: seq, DepositAccount: tx.Counterparty.AccountNumber,
			PayeeName: trim(strings.ToUpper(tx.Counterparty.Name), 15), TruncationIndicator: "Y", ConversionIndicator: "2"}},
	}
	for i, img := range [][]byte{c.FrontImage, c.BackImage} {
		v := rdc.ImageView{Detail: rdc.ImageViewDetail{ImageIndicator: "1", CreatorRouting: tx.Counterparty.RoutingNumber,
			CreatorDate: date, ViewFormat: "00", Compression: "00", ViewSide: fmt.Sprint(i), ViewDescriptor: "00",
			DigitalSignatureIndicator: "0", ImageRecreateIndicator: "0"}}
		v.Data.ClippingOrigin = "0"
		v.SetImage(img)
		it.Views = append(it.Views, v)
	}
	return it
}

func trim(s string, n int) string {
	return strings.TrimSpace(s[:min(n, len(s))])
}

// pullSource reads a planner's transactions one at a time: src returns
// nil at the end; empty says there are none (then no file is made); stop
// releases the sequence.
func pullSource(txs TxSeq) (src func() (*Transaction, error), empty bool, stop func(), err error) {
	next, stop := iter.Pull2(txs)
	first, err, ok := next()
	if !ok || err != nil {
		return nil, !ok, stop, err
	}
	return func() (*Transaction, error) {
		if tx := first; tx != nil {
			first = nil
			return tx, nil
		}
		tx, err, ok := next()
		if !ok {
			return nil, nil
		}
		return tx, err
	}, false, stop, nil
}

// paramsOf decodes the planner's params of a claim.
func paramsOf[P any](c *Claim) (*P, error) {
	var p P
	if err := json.Unmarshal(c.Plan.Params, &p); err != nil {
		return nil, fmt.Errorf("rails: window %s: plan params: %w", c.Key.ID, err)
	}
	return &p, nil
}

// claimedSource reads the transactions of file seq of a claimed window
// one at a time: next returns nil at the end; stop releases the read.
func (e *Engine) claimedSource(ctx context.Context, key WindowKey, seq int) (next func() (*Transaction, error), stop func()) {
	pull, stop := iter.Pull2(e.st.ClaimedTransactions(ctx, key, seq))
	return func() (*Transaction, error) {
		tx, err, ok := pull()
		if !ok {
			return nil, nil
		}
		if err == nil && tx == nil {
			err = errors.New("store yielded a nil transaction")
		}
		return tx, err
	}, stop
}

// renderClaimedRDC writes the file of a claimed RDC window from the
// store's ClaimedTransactions, one deposit at a time.
func (e *Engine) renderClaimedRDC(ctx context.Context, w io.Writer, key WindowKey, p *rdcParams) error {
	next, stop := e.claimedSource(ctx, key, 1)
	defer stop()
	seq := func(tx *Transaction) (string, error) { return tx.Trace, nil }
	cl := func(i int, bofd string) (string, error) {
		if i >= len(p.CashLetters) || p.CashLetters[i].BOFD != bofd {
			return "", fmt.Errorf("cash letter %d for %s is not in the plan", i+1, bofd)
		}
		return p.CashLetters[i].ID, nil
	}
	if _, _, err := renderRDC(w, p, next, seq, cl); err != nil {
		return fmt.Errorf("rails: window %s: %w", key.ID, err)
	}
	return nil
}

// isX9 reports whether an inbound file is an X9 cash letter rather than
// NACHA (which opens with "101"): a length prefix (0x00 first byte) or a
// file header record "01" in ASCII or EBCDIC.
func isX9(data []byte) bool {
	return len(data) >= 4 && (data[0] == 0 || bytes.HasPrefix(data, []byte("01")) || bytes.HasPrefix(data, []byte{0xF0, 0xF1}))
}

// parseX9Returns reads an X9 return file leniently and lists its returns.
// A file the lenient profile still rejects, or one that holds forward
// items, is an error naming where, and nothing is ingested.
func parseX9Returns(data []byte) ([]rdc.ReturnItem, error) {
	r := rdc.NewReader(bytes.NewReader(data))
	r.Options.Lenient = true
	for r.Next() {
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("not a readable X9 file: %w", err)
	}
	sum := r.Summary()
	if sum.Items > 0 {
		return nil, fmt.Errorf("an X9 file with %d forward items (record 25) is not a return file: nothing to ingest", sum.Items)
	}
	return sum.Returns, nil
}

// mapX9 matches and maps the returns of an X9 file against the store's
// current state (x9.md §8): by BOFD item sequence number, then the
// deposit's bank of first deposit and amount among several candidates.
func (e *Engine) mapX9(ctx context.Context, name, digest string, rets []rdc.ReturnItem, at time.Time) (*IngestResult, *Inbound, error) {
	res, in := newIngest(name, digest, FormatX9, at)
	received := e.resolver.DateOf(at)
	traces := make([]string, 0, len(rets))
	for _, rt := range rets {
		traces = append(traces, rt.ItemSequence)
	}
	byTrace, err := e.st.TransactionsByTraces(ctx, traces)
	if err != nil {
		return nil, nil, fmt.Errorf("rails: ingest %s: %w", name, err)
	}
	status := map[string]Status{}
	for _, rt := range rets {
		tx := matchX9(rt, byTrace[rt.ItemSequence])
		if tx == nil {
			u := Unmatched{Line: rt.RecordNumber, Trace: rt.ItemSequence, Code: rt.Reason}
			res.Unmatched = append(res.Unmatched, u)
			in.Unmatched = append(in.Unmatched, u)
			continue
		}
		cur, ok := status[tx.ID]
		if !ok {
			cur = tx.Status
		}
		times, _ := strconv.Atoi(strings.TrimSpace(rt.TimesReturned))
		sc, err := e.policy.MapCheckReturn(returns.CheckReturn{ItemSequence: rt.ItemSequence, ReturnReason: rt.Reason,
			ReturnsIndicator: rt.ReturnsIndicator, CollectionType: rt.CollectionType,
			NotificationIndicator: rt.NotificationIndicator, TimesReturned: times, Amount: rt.Amount},
			returns.Context{Settled: tx.Window.SettlementDate, Received: received, AlreadyReturned: cur == returns.Returned})
		if err != nil {
			return nil, nil, fmt.Errorf("rails: ingest %s: record %d: %w", name, rt.RecordNumber, err)
		}
		status[tx.ID] = addChange(res, in, tx, rt.RecordNumber, rt.ItemSequence, cur, sc, at)
	}
	return res, in, nil
}

// matchX9 picks the deposit a returned item refers to among txs, those
// whose item sequence number it quotes: an RDC deposit, from the bank of
// first deposit the return names (32.3), of the returned amount, newest
// claim first. A return that disagrees on amount matches nothing: it is
// kept unmatched for a person to look at, never applied to a guess.
func matchX9(rt rdc.ReturnItem, txs []*Transaction) *Transaction {
	for _, tx := range txs {
		if tx.Rail == cutoffs.RDC && rt.Amount == tx.AmountCents &&
			(rt.BOFDRouting == "" || tx.Counterparty.RoutingNumber == rt.BOFDRouting) {
			return tx
		}
	}
	return nil
}
