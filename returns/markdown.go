package returns

import (
	"fmt"
	"io"
	"strings"
)

// writeMarkdown writes CODES.md: every table of the package, as the
// default policy applies it. TestCodesMarkdown keeps the file in step.
func writeMarkdown(w io.Writer) error {
	var b strings.Builder
	yn := func(v bool) string {
		if v {
			return "yes"
		}
		return "no"
	}
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	b.WriteString("# railyard return, NOC, CHR and WR codes\n\n")
	b.WriteString("Generated from the tables of package returns (`go generate ./returns`); do not edit.\n")
	b.WriteString("Policy values are the default policy's; `source` says whether they are the seed's (seed 002) or\n")
	b.WriteString("network defaults railyard proposes. Lateness of ACH returns is judged by `window` (see the package doc).\n\n")

	b.WriteString("## ACH return, dishonored and contested codes (family `ach`)\n\n")
	b.WriteString("| code | description (platform) | Nacha title | kind | init | window | unauth | category | locks node | locks user | dishonor | source | sandbox |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, c := range achTable {
		src := source(c.SeedLine)
		if c.SeedLine > 0 {
			src = fmt.Sprintf("seed line %d", c.SeedLine)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", c.Code, cell(c.desc()), cell(c.Title), c.Kind, c.Initiator,
			c.Window, yn(c.Unauthorized), c.Category, yn(c.LocksNode), yn(c.LocksUser), orDash(string(c.Dishonor)), src, orDash(sandbox(c.SandboxCents)))
	}

	b.WriteString("\n## Notifications of change and refused NOCs (family `noc`)\n\n")
	b.WriteString("| code | title | kind | corrected data (29 chars) | IAT (35 chars) | action |\n|---|---|---|---|---|---|\n")
	for _, c := range nocTable {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", c.Code, cell(c.Title), c.Kind, orDash(cell(c.Description)), orDash(c.IATLayout), c.Action)
	}

	b.WriteString("\n## RPPS return codes (family `rpps`)\n\n")
	b.WriteString("Every RPPS return: RETURNED, side Credit, category other, no window, never locks the user.\n\n")
	b.WriteString("| code | description | vs Nacha | locks node | source | sandbox |\n|---|---|---|---|---|---|\n")
	for _, c := range rppsTable {
		src := "RPPS provider list"
		if c.SeedLine > 0 {
			src = fmt.Sprintf("seed line %d", c.SeedLine)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", c.Code, cell(c.Description), cell(c.Nacha), yn(c.LocksNode), src, orDash(sandbox(c.SandboxCents)))
	}

	b.WriteString("\n## Check codes (family `check`)\n\n")
	b.WriteString("| code | X9 reason | X9 list | description (seed) | X9 title | category | window | unauth | locks user | sandbox |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, c := range checkTable {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", c.Code, c.X9Reason, c.X9List, cell(c.Description), cell(c.Title),
			c.Category, c.Window, yn(c.Unauthorized), yn(c.LocksUser), orDash(sandbox(c.SandboxCents)))
	}
	b.WriteString("\nX9 reason → CHR, by list (the cash letter's Returns Indicator chooses; V, 1 and 2 exist only in the administrative list):\n\n")
	b.WriteString("| X9 reason | customer (R, N, blank) | administrative (E) |\n|---|---|---|\n")
	for _, r := range x9Reasons() {
		cu, _ := CHRFor(r, X9Customer)
		ad, _ := CHRFor(r, X9Administrative)
		fmt.Fprintf(&b, "| %s | %s | %s |\n", r, orDash(cu), orDash(ad))
	}

	b.WriteString("\n## Wire codes (family `wire`)\n\n")
	b.WriteString("| code | title | lists | direction | ISO sent | ISO received | kind | sandbox |\n|---|---|---|---|---|---|---|---|\n")
	for _, c := range wireTable {
		in := c.info()
		send := c.ISOSend
		if c.ISOInfo != "" {
			send += " + AddtlInf `" + c.ISOInfo + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", c.Code, cell(c.Title), c.Lists, c.Direction, orDash(send),
			orDash(strings.Join(in.ISOReceived, ", ")), c.Kind, orDash(sandbox(c.SandboxCents)))
	}
	b.WriteString("\n## ISO 20022 return reasons → WR\n\n| ISO code | name | WR | |\n|---|---|---|---|\n")
	for _, r := range isoTable {
		how := "mapped"
		if r.Fallback {
			how = "fallback (no WR of its own)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.Code, r.Name, r.WR, how)
	}
	b.WriteString("\nAny other ISO code: WR02 with a lenient policy (flagged unknown), an error with a strict one.\n")
	b.WriteString("\nFAIM free text without a usable `/RETN/` code (a `/RETN/` code that is not a known 4-character ISO reason falls\n")
	b.WriteString("back to this table with a warning, and is unknown when no row matches). Phrases match whole words in sequence\n")
	b.WriteString("(a word is a run of letters and digits), whatever the case, blanks and punctuation: `CLOSED` does not match\n")
	b.WriteString("`DISCLOSED`. Of the rows that match, the one whose matched phrases have the most words wins (all of its\n")
	b.WriteString("\"all of\" phrases, anywhere in the text, plus its longest \"one of\" phrase); ties go to the earlier row.\n")
	b.WriteString("No match is WR02. Beyond fedwire.md Part C: more spellings of each reason, `ACCOUNT`/`ACCT` anywhere with\n")
	b.WriteString("`CLOSED`/`FROZEN`/`BLOCKED`, and no bare `ACCOUNT NUMBER` → WR10 (most return texts quote the account number, and\n")
	b.WriteString("as the longer phrase it would outweigh `CLOSED`, `DUPLICATE` or `DORMANT`).\n\n| row | all of | one of | WR |\n|---|---|---|---|\n")
	phrases := func(ps []string, sep string) string {
		if len(ps) == 0 {
			return "—"
		}
		return "`" + strings.Join(ps, "`"+sep+"`") + "`"
	}
	for i, k := range faimKeywords {
		fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", i+1, phrases(k.Words, " + "), phrases(k.Any, ", "), k.WR)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// x9Reasons lists every X9.100-188 reason character once, customer list
// order first.
func x9Reasons() []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range checkTable {
		if !seen[c.X9Reason] {
			seen[c.X9Reason] = true
			out = append(out, c.X9Reason)
		}
	}
	return out
}
