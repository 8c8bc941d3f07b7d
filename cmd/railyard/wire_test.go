package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/railyardhq/railyard/wire"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wireCorpusDir is the shared Fedwire corpus; tests that need it skip
// when it is absent.
const wireCorpusDir = "../../../shared/conformance"

func wireCorpus(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(wireCorpusDir, rel)
	if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		t.Skipf("conformance corpus not found at %s (../shared is not beside this clone); skipping", wireCorpusDir)
	}
	return p
}

// wireGolden compares got with testdata/wire/name, or rewrites it with
// -update.
func wireGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "wire", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		t.Logf("wrote %s", path)
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cmd/railyard -run %s -update", t.Name())
	if string(want) != got {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
		for i := 0; i < len(wl) || i < len(gl); i++ {
			var a, b string
			if i < len(wl) {
				a = wl[i]
			}
			if i < len(gl) {
				b = gl[i]
			}
			if a != b {
				t.Fatalf("%s differs at line %d:\nwant %q\ngot  %q\n(run with -update if the change is intended)", path, i+1, a, b)
			}
		}
	}
}

// Account numbers of the generated wires: no describe output may show
// them whole unless --unmask.
const (
	wireAcctOrig = "98765432101234"
	wireAcctBene = "5647772655"
)

// faimMsg builds a FAIM message from tag/elements pairs.
func faimMsg(tags map[wire.Tag][]string) *wire.FAIMMessage {
	m := &wire.FAIMMessage{}
	for t, els := range tags {
		m.Set(t, els...)
	}
	return m
}

// faimReturnsFile is a FAIM file as a bank would send back: an incoming
// customer transfer, a reversal with /RETN/AC04, a return sent as a new
// transfer whose reason is free text, and the Fed's reject of one of our
// messages.
func faimReturnsFile(t *testing.T) []byte {
	t.Helper()
	base := func(seq, amount, bfc, sub string) map[wire.Tag][]string {
		return map[wire.Tag][]string{
			wire.TagSenderSupplied:   {"30", "BANKRET1", "P", " "},
			wire.TagTypeSubtype:      {"10", sub},
			wire.TagIMAD:             {"20260120", "RETBANK1", seq},
			wire.TagAmount:           {amount},
			wire.TagSenderDI:         {"231380104", "CITADEL"},
			wire.TagReceiverDI:       {"121042882", "WELLS FARGO NA"},
			wire.TagBusinessFunction: {bfc},
			wire.TagBeneficiary:      {"D", wireAcctOrig, "RAILYARD SANDBOX INC"},
			wire.TagOriginator:       {"D", wireAcctBene, "JANE Q PAYEE"},
		}
	}
	incoming := base("000041", "000000250000", "CTR", "00")
	reversal := base("000042", "000000150000", "BTR", "02")
	reversal[wire.TagPreviousMessage] = []string{"20260119RAILYRD1000007"}
	reversal[wire.TagFIToFI] = []string{"/RETN/AC04", "ACCOUNT CLOSED"}
	returned := base("000043", "000000099500", "CTR", "00")
	returned[wire.TagFIToFI] = []string{"RETURN OF YOUR WIRE", "ACCOUNT NUMBER INVALID", "REF 20260119RAILYRD1000008"}
	rejected := base("000044", "000000012300", "CTR", "00")
	delete(rejected, wire.TagSenderSupplied)
	rejected[wire.TagMessageDisposition] = []string{"30", "P", " ", "3"}
	rejected[wire.TagError] = []string{"E", "320", "INVALID RECEIVER ABA"}
	var buf bytes.Buffer
	w := wire.NewFAIMWriter(&buf)
	for _, m := range []map[wire.Tag][]string{incoming, reversal, returned, rejected} {
		require.NoError(t, w.Write(faimMsg(m)))
	}
	require.NoError(t, w.Flush())
	return buf.Bytes()
}

// isoFile is an ISO 20022 file as railyard writes and the Fed answers:
// our customer transfer, its return, the Fed's rejection of another, and
// a recall's answer.
func isoFile(t *testing.T) []byte {
	t.Helper()
	created := time.Date(2026, 1, 20, 14, 5, 0, 0, time.UTC)
	uetr := "6f9619ff-8b86-4d11-b42d-00c04fc964ff"
	orig := wire.OriginalRef{OriginalMessageID: "20260119RAILYRD1000001", OriginalMessageType: "pacs.008.001.08",
		OriginalCreated: created.Add(-24 * time.Hour), OriginalEndToEndID: "tx_0001", OriginalUETR: uetr}
	ret := &wire.PaymentReturn{MessageID: "20260120BANKBBB1000009", Created: created, OriginalRef: orig,
		Amount: 149500, SettlementDate: "2026-01-20",
		InstructingAgent: wire.Party{MemberID: "231380104"}, InstructedAgent: wire.Party{MemberID: "121042882"},
		ChainDebtor: wire.Party{Name: "Jane Q Payee"}, ChainCreditor: wire.Party{Name: "Railyard Sandbox Inc"},
		Reason: "AC04", AdditionalInfo: []string{"ACCOUNT CLOSED"}, OriginalLocalInstrument: "CTRC"}
	msgs := []*wire.ISOMessage{
		{Type: wire.Pacs008, Transfer: &wire.CreditTransfer{MessageID: "20260119RAILYRD1000001", Created: created.Add(-24 * time.Hour),
			EndToEndID: "tx_0001", UETR: uetr, Amount: 150000, SettlementDate: "2026-01-19",
			InstructingAgent: wire.Party{MemberID: "121042882"}, InstructedAgent: wire.Party{MemberID: "231380104"},
			Debtor: wire.Party{Name: "Railyard Sandbox Inc"}, DebtorAccount: wire.Account{ID: wireAcctOrig},
			DebtorAgent: wire.Party{MemberID: "121042882"}, CreditorAgent: wire.Party{MemberID: "231380104"},
			Creditor: wire.Party{Name: "Jane Q Payee"}, CreditorAccount: wire.Account{ID: wireAcctBene}}},
		{Type: wire.Pacs004, Return: ret},
		{Type: wire.Pacs002, Status: &wire.PaymentStatus{MessageID: "FDWREJECT00000000000000000000001", Created: created,
			OriginalRef: wire.OriginalRef{OriginalMessageID: "20260119RAILYRD1000002", OriginalMessageType: "pacs.008.001.08",
				OriginalCreated: created.Add(-24 * time.Hour), OriginalUETR: "0b7a1c6e-3f2d-4e5b-9a8c-7d6e5f4a3b2c"},
			Status: "RJCT", Reason: "E433", AdditionalInfo: []string{"The routing number of the Instructed Agent is not permissible to receive Fedwire Funds transaction."},
			InstructingAgent: wire.Party{MemberID: wire.FedAccountingABA}, InstructedAgent: wire.Party{MemberID: "121042882"}}},
		{Type: wire.Camt029, Resolution: &wire.RecallResolution{AssignmentID: "20260120BANKBBB1000010", Created: created,
			Assigner: wire.Party{MemberID: "231380104"}, Assignee: wire.Party{MemberID: "121042882"}, CaseID: "CASE-0001",
			Status: "RJCR", OriginalRef: orig, Reason: "NARR", AdditionalInfo: []string{"Beneficiary refuses the return"}}},
	}
	var buf bytes.Buffer
	w := wire.NewISOWriter(&buf)
	for _, m := range msgs {
		require.NoError(t, w.Write(m))
	}
	require.NoError(t, w.Close())
	return buf.Bytes()
}

func TestWireDescribeGoldenFAIM(t *testing.T) {
	data := string(faimReturnsFile(t))
	r := railyard(t, data, "wire", "describe", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	wireGolden(t, "describe-faim-returns.txt", r.stdout)
	r = railyard(t, data, "wire", "describe", "-", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	wireGolden(t, "describe-faim-returns.json", r.stdout)

	var rep struct {
		Messages []map[string]any `json:"messages"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Len(t, rep.Messages, 4)
	kinds, codes := []string{}, []string{}
	for _, m := range rep.Messages {
		kinds = append(kinds, m["kind"].(string))
		codes = append(codes, m["code"].(string))
		assert.Equal(t, "faim", m["type"])
		assert.Contains(t, m, "type_subtype")
		assert.Contains(t, m, "business_function")
	}
	assert.Equal(t, []string{"transfer", "reversal", "return", "reject"}, kinds)
	assert.Equal(t, []string{"", "WR03", "WR10", "E320"}, codes, "AC04 → WR03, 'ACCOUNT NUMBER INVALID' → WR10 by the keyword table, the Fed's reject code as is")
	assert.Equal(t, "20260119RAILYRD1000007", rep.Messages[1]["original_imad"])
	assert.Equal(t, "20260119RAILYRD1000008", rep.Messages[2]["original_imad"], "the IMAD quoted in the free text")
}

func TestWireValidateGoldenISO(t *testing.T) {
	data := string(isoFile(t))
	r := railyard(t, data, "wire", "validate", "-", "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	wireGolden(t, "validate-iso.json", r.stdout)
	r = railyard(t, data, "wire", "validate", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	wireGolden(t, "validate-iso.txt", r.stdout)
	r = railyard(t, data, "wire", "describe", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	wireGolden(t, "describe-iso.txt", r.stdout)
}

// An invalid file still lists every message; the error names the message,
// its line and the element path.
func TestWireValidateInvalidListsMessages(t *testing.T) {
	data := strings.Replace(string(isoFile(t)), "<OrgnlUETR>6f9619ff-8b86-4d11-b42d-00c04fc964ff</OrgnlUETR>",
		"<OrgnlUETR>6F9619FF-8B86-4D11-B42D-00C04FC964FF</OrgnlUETR>", 1)
	r := railyard(t, data, "wire", "validate", "-", "--output", "json")
	require.Equal(t, exitFailure, r.code, r.stderr)
	wireGolden(t, "validate-iso-invalid.json", r.stdout)
	var rep wireReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.False(t, rep.Valid)
	assert.Len(t, rep.Messages, 4)
	require.Len(t, *rep.Errors, 1)
	e := (*rep.Errors)[0]
	assert.Equal(t, 2, e.MessageIndex)
	assert.Equal(t, "PmtRtr/TxInf/OrgnlUETR", e.Location)
	assert.Positive(t, e.Line)
	assert.False(t, rep.Messages[1].Valid)
	assert.True(t, rep.Messages[0].Valid)

	r = railyard(t, data, "wire", "validate", "-")
	require.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stdout, "INVALID: 1 error")
	assert.Contains(t, r.stdout, "message 2, line ")
}

func TestWireCorpus(t *testing.T) {
	multi := wireCorpus(t, "fedwire-faim/fed-multi-3msgs.txt")
	r := railyard(t, "", "wire", "describe", multi)
	require.Equal(t, exitOK, r.code, r.stderr)
	wireGolden(t, "describe-multi-3msgs.txt", strings.ReplaceAll(r.stdout, multi, "fed-multi-3msgs.txt"))

	missing := wireCorpus(t, "fedwire-faim/fedWireMessage-MissingRequiredTag.txt")
	r = railyard(t, "", "wire", "validate", missing, "--output", "json")
	require.Equal(t, exitFailure, r.code, r.stderr)
	wireGolden(t, "validate-missing-required-tag.json", strings.ReplaceAll(r.stdout, missing, "fedWireMessage-MissingRequiredTag.txt"))
	r = railyard(t, "", "wire", "validate", "--lenient", missing)
	require.Equal(t, exitFailure, r.code, "a missing mandatory tag stays an error in the lenient profile")
	assert.Contains(t, r.stdout, "{6410}")

	remit := wireCorpus(t, "fedwire-faim/fedWireMessage-CustomerTransferPlusStructuredRemittance.txt")
	assert.Equal(t, exitFailure, railyard(t, "", "wire", "validate", remit).code)
	r = railyard(t, "", "wire", "validate", "--lenient", remit)
	assert.Equal(t, exitOK, r.code, r.stdout)
	assert.Contains(t, r.stdout, "{8350}.country")

	ret := wireCorpus(t, "fedwire-iso20022/PaymentReturn_Scenario1_Step4_pacs.004.xml")
	r = railyard(t, "", "wire", "validate", ret, "--output", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var rep wireReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Len(t, rep.Messages, 1)
	m := rep.Messages[0]
	assert.Equal(t, "iso20022", rep.Format)
	assert.Equal(t, "pacs.004", m.Type)
	assert.Equal(t, "DUPL", m.Reason)
	assert.Equal(t, "WR11", m.Code)
	assert.Equal(t, "20250310B1QDRCQR000902", m.OriginalIMAD)
	assert.Equal(t, "8a562c67-ca16-48ba-b074-65581be6f011", m.OriginalUETR)
	assert.Equal(t, int64(15100074), m.AmountCents)
}

func TestWireMasksAccounts(t *testing.T) {
	for name, data := range map[string]string{"faim": string(faimReturnsFile(t)), "iso": string(isoFile(t))} {
		for _, output := range []string{"text", "json"} {
			r := railyard(t, data, "wire", "describe", "-", "--output", output)
			require.Equal(t, exitOK, r.code, r.stderr)
			for _, acct := range []string{wireAcctOrig, wireAcctBene} {
				assert.NotContains(t, r.stdout, acct, "%s %s output shows a whole account number", name, output)
			}
			assert.Contains(t, r.stdout, "****1234", name)
			r = railyard(t, data, "wire", "describe", "-", "--output", output, "--unmask")
			assert.Contains(t, r.stdout, wireAcctOrig, name)
		}
	}
}

func TestWireExitCodes(t *testing.T) {
	valid := writeTemp(t, "returns.txt", faimReturnsFile(t))
	invalid := writeTemp(t, "bad.txt", []byte("{1500}30BANKRET1P {1510}1000{2000}000000000100\n"))
	notWire := writeTemp(t, "notes.txt", []byte("hello, this is not a wire file\n"))
	empty := writeTemp(t, "empty.txt", nil)
	missing := filepath.Join(t.TempDir(), "nope.txt")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"validate valid", []string{"wire", "validate", valid}, 0, ""},
		{"validate invalid", []string{"wire", "validate", invalid}, 1, ""},
		{"validate lenient invalid", []string{"wire", "validate", "--lenient", invalid}, 1, ""},
		{"validate not wire", []string{"wire", "validate", notWire}, 1, "not a Fedwire file"},
		{"validate empty", []string{"wire", "validate", empty}, 0, ""},
		{"validate missing arg", []string{"wire", "validate"}, 2, "missing FILE argument"},
		{"validate nonexistent", []string{"wire", "validate", missing}, 2, "no such file or directory"},
		{"validate bad max-errors", []string{"wire", "validate", "--max-errors", "-1", valid}, 2, "--max-errors"},
		{"validate unknown flag", []string{"wire", "validate", "--bogus", valid}, 2, "unknown flag: --bogus"},
		{"describe valid", []string{"wire", "describe", valid}, 0, ""},
		{"describe invalid is readable", []string{"wire", "describe", invalid}, 0, ""},
		{"describe not wire", []string{"wire", "describe", notWire}, 1, "not a Fedwire file"},
		{"describe json", []string{"wire", "describe", valid, "--output", "json"}, 0, ""},
		{"wire without verb", []string{"wire"}, 0, ""},
		{"unknown wire verb", []string{"wire", "frobnicate"}, 2, `unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := railyard(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			if tt.stderr != "" {
				assert.Contains(t, r.stderr, tt.stderr)
			}
		})
	}
}

func TestWireHelpTeaches(t *testing.T) {
	for _, verb := range []string{"validate", "describe"} {
		r := railyard(t, "", "wire", verb, "--help")
		require.Equal(t, 0, r.code, verb)
		assert.Contains(t, r.stdout, "Examples:", verb)
		assert.Contains(t, r.stdout, "railyard wire "+verb, verb)
		assert.Contains(t, r.stdout, `"original_imad"`, verb)
	}
}
