package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMainFedwire: a wire goes through the main job on the embedded
// store: the 12:00 PT cutoff writes a pacs.008 file that "wire validate"
// accepts, the simulated bank returns it, and ingest moves the wire to
// RETURNED with its WR code; a bad address is refused with WR15.
func TestMainFedwire(t *testing.T) {
	y := newYard(t)
	y.stdin = `{"id":"wire_1","rail":"wire","direction":"credit","amount_cents":100000,"currency":"USD",` +
		`"counterparty":{"name":"ACME SUPPLY LLC","routing_number":"021000021","account_number":"000123456789"},` +
		`"wire":{"address":["1 MAIN ST","NEW YORK NY 10001"],"purpose":"INVOICE 42"},"submitted_at":"2026-11-23T10:00:00-08:00"}` + "\n" +
		`{"id":"wire_2","rail":"wire","direction":"credit","amount_cents":100000,"currency":"USD",` +
		`"counterparty":{"name":"ACME SUPPLY LLC","routing_number":"021000021","account_number":"000123456789"},` +
		`"wire":{"address":[]},"submitted_at":"2026-11-23T10:00:00-08:00"}` + "\n"
	r := y.ry("submit", "-", "--output", "json")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout, `"accepted":1`)
	assert.Contains(t, r.stdout, "WR15 invalid beneficiary address")

	y.ok("run", "--at", "2026-11-23T12:00:00-08:00", "--outbox", y.outbox)
	file := filepath.Join(y.outbox, "wire", "2026-11-23", "wire-2026-11-23.xml")
	var v struct {
		Valid    bool `json:"valid"`
		Messages []struct {
			Type string `json:"type"`
			IMAD string `json:"imad"`
			UETR string `json:"uetr"`
		} `json:"messages"`
	}
	r = y.ok("wire", "validate", file, "--output", "json")
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &v))
	require.True(t, v.Valid, r.stdout)
	require.Len(t, v.Messages, 1)
	assert.Equal(t, "pacs.008", v.Messages[0].Type)
	assert.Equal(t, y.tx("wire_1").Trace, v.Messages[0].IMAD)

	ret := filepath.Join(y.dir, "PACS004.xml")
	y.ok("simulate", "return", "--file", file, "--uetr", v.Messages[0].UETR, "--reason", "AC04", "--out", ret)
	var ing ingestJSON
	y.jsonOut(&ing, "ingest", ret, "--at", "2026-11-24T09:00:00-08:00")
	require.Len(t, ing.Changes, 1)
	assert.Equal(t, "wire_1", ing.Changes[0].TransactionID)
	assert.Equal(t, "WR03", ing.Changes[0].Code)
	assert.Equal(t, "RETURNED", y.tx("wire_1").Status)
	assert.Equal(t, exitUsage, y.ry("simulate", "return", "--file", file, "--uetr", v.Messages[0].UETR, "--reason", "AC").code)
	assert.Equal(t, exitFailure, y.ry("simulate", "return", "--file", file, "--uetr", "11111111-2222-4333-8444-555555555555", "--reason", "AC04").code)
}
