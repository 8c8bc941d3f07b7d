package ach

import (
	"errors"
	"strconv"
)

// EntryKind classifies an entry by what it does (nacha.md §12).
type EntryKind uint8

const (
	KindForward    EntryKind = iota // a live forward entry
	KindPrenote                     // a zero-dollar prenotification
	KindReturn                      // a return (addenda 99, R01…)
	KindDishonored                  // a dishonored return (R61, R62, R67-R70)
	KindContested                   // a contested dishonored return (R71-R77)
	KindNOC                         // a notification of change (addenda 98)
	KindRefusedNOC                  // a refused NOC (addenda 98, C61-C69)
	KindAck                         // an ACK or ATX acknowledgment
)

var entryKindNames = [...]string{"forward", "prenote", "return", "dishonored", "contested", "noc", "refused_noc", "ack"}

// String returns the kind's name: "forward", "prenote", "return", …
func (k EntryKind) String() string {
	if int(k) < len(entryKindNames) {
		return entryKindNames[k]
	}
	return "unknown"
}

// MarshalText renders the kind as its name ("return", "noc", …).
func (k EntryKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText parses a kind's name, so JSON that MarshalText wrote reads back.
func (k *EntryKind) UnmarshalText(b []byte) error {
	for i, n := range entryKindNames {
		if n == string(b) {
			*k = EntryKind(i)
			return nil
		}
	}
	return errors.New("ach: unknown entry kind " + strconv.Quote(string(b)))
}

// IsReturn reports whether the kind counts as a return for status
// processing: plain, dishonored and contested returns.
func (k EntryKind) IsReturn() bool {
	return k == KindReturn || k == KindDishonored || k == KindContested
}

// txInfo describes a transaction code: its side and what it is.
type txInfo struct {
	valid   bool
	credit  bool // side: credit (else debit)
	prenote bool
	zero    bool // zero-dollar remittance
	ret     bool // return/NOC code (21, 26, …)
	adv     bool
}

var txCodes [100]txInfo

func init() {
	for _, base := range []int{20, 30, 40, 50} {
		txCodes[base+1] = txInfo{valid: true, credit: true, ret: true}
		txCodes[base+2] = txInfo{valid: true, credit: true}
		txCodes[base+3] = txInfo{valid: true, credit: true, prenote: true}
		txCodes[base+4] = txInfo{valid: true, credit: true, zero: true}
		if base != 50 {
			txCodes[base+6] = txInfo{valid: true, ret: true}
			txCodes[base+7] = txInfo{valid: true}
			txCodes[base+8] = txInfo{valid: true, prenote: true}
			txCodes[base+9] = txInfo{valid: true, zero: true}
		}
	}
	txCodes[55] = txInfo{valid: true}
	txCodes[56] = txInfo{valid: true, ret: true}
	for c := 81; c <= 88; c++ {
		txCodes[c] = txInfo{valid: true, credit: c%2 == 1, adv: true}
	}
}

// IsCredit reports whether a transaction code adds to the credit total.
// It is false for debits and for unknown codes.
func IsCredit(code int) bool {
	return code >= 0 && code < 100 && txCodes[code].valid && txCodes[code].credit
}

// ValidTransactionCode reports whether code is in the Nacha table (§10.2).
func ValidTransactionCode(code int) bool { return code >= 0 && code < 100 && txCodes[code].valid }

// secCodes are the Standard Entry Class codes the reader and writer know.
var secCodes = map[string]bool{
	"ACK": true, "ADV": true, "ARC": true, "ATX": true, "BOC": true, "CCD": true, "CIE": true,
	"COR": true, "CTX": true, "DNE": true, "ENR": true, "IAT": true, "MTE": true, "POP": true,
	"POS": true, "PPD": true, "RCK": true, "SHR": true, "TEL": true, "TRC": true, "TRX": true,
	"WEB": true, "XCK": true,
}

// ValidSEC reports whether sec is a Standard Entry Class code of the Rules.
func ValidSEC(sec string) bool { return secCodes[sec] }

// returnCodeSet holds every assigned return reason code (returns.md §2),
// dishonored (R61…) and contested (R71…) codes included.
var returnCodeSet = func() map[string]bool {
	m := map[string]bool{}
	add := func(lo, hi int) {
		for n := lo; n <= hi; n++ {
			m["R"+string(rune('0'+n/10))+string(rune('0'+n%10))] = true
		}
	}
	add(1, 47)
	add(50, 53)
	add(61, 62)
	add(67, 77)
	add(80, 85)
	add(90, 90)
	return m
}()

// changeCodeSet holds the change codes C01-C09, C13, C14 and the refused
// NOC codes C61-C69 (returns.md §3).
var changeCodeSet = map[string]bool{
	"C01": true, "C02": true, "C03": true, "C04": true, "C05": true, "C06": true, "C07": true,
	"C08": true, "C09": true, "C13": true, "C14": true,
	"C61": true, "C62": true, "C63": true, "C64": true, "C65": true, "C66": true, "C67": true,
	"C68": true, "C69": true,
}

// KnownReturnCode reports whether code is an assigned return, dishonored or
// contested reason code.
func KnownReturnCode(code string) bool { return returnCodeSet[code] }

// KnownChangeCode reports whether code is an assigned change or refused-NOC code.
func KnownChangeCode(code string) bool { return changeCodeSet[code] }
