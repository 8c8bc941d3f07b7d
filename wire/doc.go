// Package wire reads, validates and writes Fedwire Funds messages: ISO
// 20022 (the live format since 14 July 2025) and the legacy FAIM tag
// format (format version 30), which archives and banks' bulk formats still
// use.
//
// # ISO 20022
//
// A Fedwire message is a business application header (head.001.001.03)
// and a Document holding one message of one transaction:
//
//	pacs.008.001.08  customer credit transfer (local instrument CTRC)   read, write
//	pacs.009.001.08  bank credit transfer (BTRC)                       read, write
//	pacs.004.001.10  payment return                                    read, write
//	pacs.002.001.10  payment status from the Fed: ACSC or RJCT         read, write
//	camt.056.001.08  return request (recall)                           read, write
//	camt.029.001.09  answer to a recall: CNCL, RJCR, PECR              read, write
//
// The identifiers that join a return or status to our wire are the IMAD,
// which is GrpHdr/MsgId of each payment message we send
// (20250310B1QDRCQR000001: input cycle date, 8-character source, 6-digit
// sequence), and the UETR, a lower-case UUID v4 per payment. NewIMAD,
// InputCycleDate and NewUETR make them; the writers never invent them.
//
// An ISOReader reads a bare Document, an AppHdr followed by its Document,
// or any number of such pairs inside wrapper elements of any name, one
// message at a time, matching elements by local name (encoding/xml cannot
// decode namespace prefixes). It checks each message against the Fedwire
// field rules: mandatory elements, lengths, the IMAD, UETR, routing number
// and code patterns, amounts in USD with exactly two decimals, no CR/LF in
// free text. Findings carry the line and column of the element and its
// path below the message root:
//
//	wire: line 17 col 5: message 1: FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/UETR: UETR is not a lower-case version 4 UUID
//
// Elements outside the model are skipped without checks. Amounts are int64
// cents, times are UTC (the writer renders them in Eastern time with their
// offset, as the Fed's samples do).
//
// An ISOWriter writes each message as AppHdr + Document inside an Envelope
// (BatchEnvelope by default; the Fed's transport envelope is the
// destination's business). It fills what Fedwire fixes — NbOfTxs 1,
// SttlmMtd CLRG, ClrSys FDW, CTRC or BTRC, USD, USABA, charge bearer SHAR,
// the AppHdr — trims and collapses the blanks of free text, then reads the
// message back with the strict profile before writing it: a message with
// an error is never written. A customer transfer written from
//
//	CreditTransfer{MessageID: "20260119RAILYRD1000001", UETR: "6f9619ff-8b86-4d11-b42d-00c04fc964ff",
//		EndToEndID: "tx_0001", Amount: 150000, SettlementDate: "2026-01-19", …}
//
// reads
//
//	<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
//		<FIToFICstmrCdtTrf>
//			<GrpHdr>
//				<MsgId>20260119RAILYRD1000001</MsgId>
//				…
//			<CdtTrfTxInf>
//				<PmtId>
//					<EndToEndId>tx_0001</EndToEndId>
//					<UETR>6f9619ff-8b86-4d11-b42d-00c04fc964ff</UETR>
//				</PmtId>
//				<PmtTpInf><LclInstrm><Prtry>CTRC</Prtry></LclInstrm></PmtTpInf>
//				<IntrBkSttlmAmt Ccy="USD">1500.00</IntrBkSttlmAmt>
//				…
//
// (testdata/pacs008-ctrc.xml holds the whole file).
//
// # CBPR+
//
// A cross-border wire leaves through a correspondent bank as a pacs.008
// in SWIFT's CBPR+ practice (fedwire.md D3), which railyard writes and
// reads as the same CreditTransfer, with ISOMessage.Profile ProfileCBPR:
// a head.001.001.02 AppHdr between BICs (From and To: by default the
// instructing agent's and the instructed agent's, the correspondent's),
// BizSvc swift.cbprplus.NN, MsgId any SWIFT reference of up to 35
// characters, SttlmMtd INDA or INGA (no ClrSys), instructing and
// instructed agents by BICFI, debtor and creditor agents by BICFI (an
// optional clearing member id beside it) or by name and postal address,
// UETR mandatory, ChrgBr DEBT, CRED or SHAR, the creditor account by IBAN
// or Othr/Id, one Ustrd of at most 140. ISOWriter.WriteCBPR writes one;
// the reader tells a CBPR+ message by its AppHdr or, without one, by its
// settlement method, and applies the CBPR+ rules on reading and writing
// alike:
//
//   - references (MsgId, BizMsgIdr, InstrId, EndToEndId, TxId) of the FIN X
//     set a-z A-Z 0-9 / - ? : ( ) . , ' + and space, not starting or ending
//     with '/' nor holding "//" (ValidFINX); account ids of FIN X;
//   - names, addresses and remittance in the FIN X extended set (FIN X and
//     ! " # $ % & * ; < = > @ [ \ ] ^ _ ` { | } ~), without CR or LF;
//   - BICs [A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})? whose letters 5-6
//     are an ISO 3166 code; countries ISO 3166 alpha-2 (ValidCountry);
//   - amounts in USD, more than 0, at most 2 decimals and 12 integer digits;
//   - an agent with a BICFI carries no name or address; one without needs
//     both, or a clearing member id alone; a member id needs its system;
//   - debtor and creditor have a name and a structured or hybrid address:
//     TwnNm and Ctry, at most two AdrLine;
//   - IBANs have their country's registry length and ISO 7064 mod 97 check
//     digits (ValidIBAN), and a creditor agent in one of seed 002's IBAN
//     countries (IBANRequired) needs the creditor account as an IBAN of its
//     country.
//
// Findings are the same positioned ParseErrors; characters outside the
// sets and extra zero decimals are warnings in the lenient profile.
// testdata/pacs008-cbpr.xml holds a written CBPR+ message. The rail's own
// pre-flight (the $1,000 minimum, WR17; CheckBeneficiaryIBAN for WR04)
// runs before the writer.
//
// # FAIM
//
// A FAIM message is a run of tags, each "{dddd}" and its data:
//
//	{1500}30User ReqT {1510}1000{1520}20190410Source08000001{2000}000001234567
//	{3100}121042882Wells Fargo NA*{3400}231380104Citadel*{3600}CTR …
//
// A tag's data is a sequence of elements laid out by the tag: fixed
// elements have an exact width and no delimiter ({1520} is 8 + 8 + 6);
// variable elements end with '*' ({3100} is the ABA, 9, then a short name
// of up to 18 and '*'). Trailing empty elements are omitted with their
// delimiters. So
//
//	{4200}D5647772655*JANE Q PAYEE*1 DESERT VIEW ST*
//
// reads as id code "D", identifier "5647772655", name "JANE Q PAYEE" and
// address line 1. Spaces are data: fixed elements keep them ({1500}'s last
// element " " means an original message); variable elements lose their
// padding. The table of every tag of format version 30 and its elements
// is the package's single source for reading, checking and writing.
//
// A file holds any number of messages, one per line or one tag per line,
// optionally each after a "YFT811 " prefix. A FAIMReader splits them as
// fedwire.md B7 says — a new message starts at {1100}, at {1500} unless
// the message so far holds only the Fed-appended tags {1100}-{1130} (or
// tags unknown to version 30), at a second {1510}, or at any tag already
// present — and returns them one at a time, each with its own findings:
// a bad message never hides the others. Then it checks each message:
// mandatory tags, the type/subtype codes each business function allows,
// the tags each business function requires or forbids, tag dependencies,
// element codes, routing number check digits, dates. Findings name the
// tag and element:
//
//	wire: line 30 col 98: message 1: {8350}.country: country runs 16 characters to its delimiter, more than its maximum 2
//
// Returns arrive two ways (fedwire.md B6): a reversal, subtype 02 or 08,
// whose {3500} is the original IMAD; or, more often, a plain transfer
// whose {6500} free text carries the reason, sometimes as "/RETN/AC04", and
// the original's IMAD or reference. FAIMMessage.Return extracts them; the
// returns package maps the reason to the platform's WR code.
//
// A FAIMWriter writes messages in ascending tag order, one per line (or
// one tag per line), with trimmed or padded variable elements, and reads
// each back with the strict profile before writing it. TransferToFAIM
// renders a CreditTransfer as a FAIM message for the rails that are
// configured to send FAIM.
//
// # Profiles
//
// The zero Options is the strict profile, the rules as written, which
// everything railyard writes passes. Options.Lenient reads what real
// files get wrong and keeps each deviation as a warning: for FAIM a
// missing '*', elements padded to their maximum (the older fixed layout
// with no delimiters at all), blanks before a tag, a blank identification
// code, tags not permitted with the business function, a tag whose
// elements cannot be separated (kept as raw text, never truncated); for
// ISO 20022 another message version, amounts with fewer than two
// decimals, CR/LF or blank-only free text. What cannot be interpreted —
// an amount that is not a number, an unknown type/subtype, a missing
// mandatory tag, malformed XML — stays an error.
//
// Reader detects the format from the first bytes and reads either; each
// message has a Summary, the view railyard's describe, validate and ingest
// share.
package wire
