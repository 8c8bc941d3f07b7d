package main

import (
	"strings"
	"testing"
	"time"

	"github.com/railyardhq/railyard/cutoffs"
	"github.com/railyardhq/railyard/rails"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const contractLine = `{"id":"tx_001","rail":"ach","speed":"same_day","direction":"credit","amount_cents":12500,"currency":"USD","counterparty":{"name":"Jane Doe","routing_number":"021000021","account_number":"123456789","account_type":"checking"},"sec_code":"PPD","memo":"Payroll","submitted_at":"2026-11-23T10:15:00-08:00"}`

// readAllTransactions collects what readTransactions hands over.
func readAllTransactions(name, in string) ([]txRow, error) {
	var rows []txRow
	err := readTransactions(name, strings.NewReader(in), func(r txRow) error {
		rows = append(rows, r)
		return nil
	})
	return rows, err
}

func TestReadTransactionsJSONL(t *testing.T) {
	in := contractLine + "\n\n" + `{"id":"tx_002","amount_cents":"12"}` + "\n" + `{"id":"tx_003","bogus":1}` + "\n" + `not json` + "\n"
	rows, err := readAllTransactions("-", in)
	require.NoError(t, err)
	require.Len(t, rows, 4)

	tx := rows[0].Tx
	require.NoError(t, rows[0].Err)
	assert.Equal(t, 1, rows[0].Line)
	assert.Equal(t, "tx_001", tx.ID)
	assert.Equal(t, rails.Rail("ach"), tx.Rail)
	assert.Equal(t, cutoffs.SameDay, tx.Speed)
	assert.Equal(t, rails.Credit, tx.Direction)
	assert.Equal(t, int64(12500), tx.AmountCents)
	assert.Equal(t, rails.Counterparty{Name: "Jane Doe", RoutingNumber: "021000021", AccountNumber: "123456789", AccountType: rails.Checking}, tx.Counterparty)
	assert.True(t, tx.SubmittedAt.Equal(time.Date(2026, 11, 23, 18, 15, 0, 0, time.UTC)))

	// Bad rows keep their line numbers (the empty line 2 is skipped) and, where readable, their id.
	assert.Equal(t, 3, rows[1].Line)
	assert.Equal(t, "tx_002", rows[1].ID)
	assert.ErrorContains(t, rows[1].Err, "amount_cents")
	assert.Equal(t, 4, rows[2].Line)
	assert.ErrorContains(t, rows[2].Err, "bogus")
	assert.Equal(t, 5, rows[3].Line)
	assert.Error(t, rows[3].Err)
}

func TestReadTransactionsCSV(t *testing.T) {
	in := "id,rail,speed,direction,amount_cents,currency,name,routing_number,account_number,account_type,sec_code,memo,submitted_at,process_on\n" +
		"tx_1,ach,next_day,debit,4200,USD,Bob Ray,021000021,987654321,savings,WEB,Gym,2026-11-23T09:00:00-08:00,2026-11-30\n" +
		"tx_2,ach,,credit,12x,USD,Ann,021000021,1,checking,PPD,,2026-11-23T09:00:00-08:00,\n" +
		"tx_3,ach,,credit,100,USD,Ann,021000021,1,checking,PPD,,yesterday,\n"
	rows, err := readAllTransactions("batch.csv", in)
	require.NoError(t, err)
	require.Len(t, rows, 3)
	require.NoError(t, rows[0].Err)
	tx := rows[0].Tx
	assert.Equal(t, 2, rows[0].Line)
	assert.Equal(t, rails.Debit, tx.Direction)
	assert.Equal(t, rails.Savings, tx.Counterparty.AccountType)
	assert.Equal(t, "2026-11-30", tx.ProcessOn.String())
	assert.Equal(t, 3, rows[1].Line)
	assert.Equal(t, "tx_2", rows[1].ID)
	assert.ErrorContains(t, rows[1].Err, "amount_cents")
	assert.Equal(t, 4, rows[2].Line)
	assert.ErrorContains(t, rows[2].Err, "submitted_at")

	_, err = readAllTransactions("x.csv", "id,colour\n")
	assert.ErrorContains(t, err, `unknown column "colour"`)
}

// TestReadTransactionsLongLines: a row longer than the read buffer is read
// whole; one longer than maxLine is a bad row, and the rows after it are
// read with their own line numbers. A last line without a newline counts.
func TestReadTransactionsLongLines(t *testing.T) {
	long := strings.Replace(contractLine, `"memo":"Payroll"`, `"memo":"`+strings.Repeat("m", 100<<10)+`"`, 1)
	huge := `{"id":"big","memo":"` + strings.Repeat("x", maxLine) + `"}`
	in := long + "\r\n" + huge + "\n" + contractLine
	rows, err := readAllTransactions("-", in)
	require.NoError(t, err)
	require.Len(t, rows, 3)
	require.NoError(t, rows[0].Err)
	assert.Len(t, rows[0].Tx.Memo, 100<<10)
	assert.Equal(t, 2, rows[1].Line)
	assert.ErrorContains(t, rows[1].Err, "line longer than")
	assert.Equal(t, 3, rows[2].Line)
	require.NoError(t, rows[2].Err)
	assert.Equal(t, "tx_001", rows[2].Tx.ID)
}
