package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
)

// txRow is one row of a submission file: the transaction it holds, or why
// it could not be read. Line is the 1-based line of the row.
type txRow struct {
	Line int
	ID   string
	Tx   *rails.Transaction
	Err  error
}

// csvColumns are the columns a CSV submission may have, in the JSON
// names of rails.Transaction; the header row names the ones it uses, in
// any order. id, rail, direction, amount_cents, name, routing_number,
// account_number and submitted_at are required.
var csvColumns = []string{"id", "rail", "speed", "direction", "amount_cents", "currency", "name",
	"routing_number", "account_number", "account_type", "sec_code", "memo", "addenda", "submitted_at", "process_on"}

// maxLine is the longest JSON Lines row read; a longer one is a bad row.
const maxLine = 1 << 20

// readTransactions reads a submission: JSON Lines (one transaction object
// per line) or CSV with a header row, and calls each with every row in
// order, one at a time. The format follows the name's extension (.jsonl,
// .json, .ndjson, .csv) and, for "-" or another name, the first non-blank
// byte ('{' is JSON Lines). Rows that cannot be read come with Err set
// and a line number; reading goes on after them. The error is each's, or
// one that stops the reading (a CSV header it cannot use, a failed read).
func readTransactions(name string, r io.Reader, each func(txRow) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	format := ""
	switch {
	case strings.HasSuffix(name, ".csv"):
		format = "csv"
	case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".ndjson"), strings.HasSuffix(name, ".json"):
		format = "jsonl"
	default:
		peek, _ := br.Peek(512)
		if t := bytes.TrimLeft(peek, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
			format = "jsonl"
		} else {
			format = "csv"
		}
	}
	if format == "csv" {
		return readCSVTransactions(br, each)
	}
	dir := "."
	if name != stdinName {
		dir = filepath.Dir(name)
	}
	return readJSONLTransactions(br, dir, each)
}

func readJSONLTransactions(r *bufio.Reader, dir string, each func(txRow) error) error {
	var long []byte
	for line := 1; ; line++ {
		text, err := r.ReadSlice('\n')
		tooLong := false
		if errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the buffer: gather it, up to maxLine.
			long = append(long[:0], text...)
			for errors.Is(err, bufio.ErrBufferFull) {
				text, err = r.ReadSlice('\n')
				if len(long)+len(text) <= maxLine {
					long = append(long, text...)
				} else {
					tooLong = true
				}
			}
			text = long
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if t := bytes.TrimSpace(text); tooLong {
			if e := each(txRow{Line: line, Err: fmt.Errorf("line longer than %d bytes", maxLine)}); e != nil {
				return e
			}
		} else if len(t) > 0 {
			if e := each(jsonlRow(line, t, dir)); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// jsonlRow decodes one JSON Lines row. A check's images may be given as
// files, "front_image_path" and "back_image_path", relative to dir (the
// submission file's directory).
func jsonlRow(line int, text []byte, dir string) txRow {
	if bytes.Contains(text, []byte("_image_path")) {
		inlined, err := inlineImages(text, dir)
		if err != nil {
			return txRow{Line: line, Err: err}
		}
		text = inlined
	}
	var tx rails.Transaction
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.DisallowUnknownFields()
	row := txRow{Line: line}
	if err := dec.Decode(&tx); err != nil {
		row.Err = fmt.Errorf("not a transaction object: %s", strings.TrimPrefix(err.Error(), "json: "))
		var probe struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(text, &probe) == nil {
			row.ID = probe.ID
		}
	} else if dec.More() {
		row.Err = errors.New("more than one JSON value on the line")
	} else {
		row.Tx, row.ID = &tx, tx.ID
	}
	return row
}

// inlineImages replaces a check's front_image_path and back_image_path
// with the files' bytes as front_image and back_image.
func inlineImages(text []byte, dir string) ([]byte, error) {
	var row map[string]json.RawMessage
	if err := json.Unmarshal(text, &row); err != nil {
		return nil, fmt.Errorf("not a transaction object: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	var check map[string]json.RawMessage
	if raw, ok := row["check"]; !ok || json.Unmarshal(raw, &check) != nil {
		return text, nil // the strict decoder says what is wrong
	}
	for _, side := range []string{"front_image", "back_image"} {
		raw, ok := check[side+"_path"]
		if !ok {
			continue
		}
		var path string
		if err := json.Unmarshal(raw, &path); err != nil || path == "" {
			return nil, fmt.Errorf("check.%s_path: want a file name", side)
		}
		if _, both := check[side]; both {
			return nil, fmt.Errorf("check.%s_path: give %s or %s_path, not both", side, side, side)
		}
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		img, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("check.%s_path: %w", side, err)
		}
		enc, _ := json.Marshal(img) // base64
		check[side] = enc
		delete(check, side+"_path")
	}
	c, err := json.Marshal(check)
	if err != nil {
		return nil, err
	}
	row["check"] = c
	return json.Marshal(row)
}

func readCSVTransactions(r io.Reader, each func(txRow) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return fmt.Errorf("csv header: %w", err)
	}
	header = slices.Clone(header)
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		known := false
		for _, c := range csvColumns {
			known = known || c == h
		}
		if !known {
			return fmt.Errorf("csv header: unknown column %q (columns: %s)", h, strings.Join(csvColumns, ", "))
		}
		col[h] = i
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line, _ := cr.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if e := each(txRow{Line: pe.Line, Err: pe.Err}); e != nil {
				return e
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row := txRow{Line: line, ID: get("id")}
		row.Tx, row.Err = csvTransaction(get)
		if e := each(row); e != nil {
			return e
		}
	}
}

// csvTransaction builds a transaction from one CSV row. Content rules
// (routing check digit, limits, …) are the engine's; this only converts.
func csvTransaction(get func(string) string) (*rails.Transaction, error) {
	tx := &rails.Transaction{
		ID:        get("id"),
		Rail:      rails.Rail(get("rail")),
		Speed:     rails.Speed(get("speed")),
		Direction: rails.Direction(get("direction")),
		Currency:  get("currency"),
		Counterparty: rails.Counterparty{
			Name:          get("name"),
			RoutingNumber: get("routing_number"),
			AccountNumber: get("account_number"),
			AccountType:   rails.AccountType(get("account_type")),
		},
		SECCode: get("sec_code"),
		Memo:    get("memo"),
		Addenda: get("addenda"),
	}
	if s := get("amount_cents"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("amount_cents %q is not a whole number of cents", s)
		}
		tx.AmountCents = n
	}
	if s := get("submitted_at"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, fmt.Errorf("submitted_at %q is not an RFC 3339 time", s)
		}
		tx.SubmittedAt = t
	}
	if s := get("process_on"); s != "" {
		d, err := cutoffs.ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("process_on %q is not a YYYY-MM-DD date", s)
		}
		tx.ProcessOn = d
	}
	return tx, nil
}
