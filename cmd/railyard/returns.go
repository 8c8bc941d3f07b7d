package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/railyardhq/railyard/returns"
	"github.com/spf13/cobra"
)

const returnsLong = `The returns commands show the code catalogues railyard maps inbound items
with, and the platform's policy for each code: the Nacha return, dishonored
and contested codes (R01-R90), notifications of change (C01-C14) and refused
NOCs (C61-C69), RPPS return codes, check codes CHR01-CHR41 (from the
X9.100-188 return reasons), and wire failure codes WR01-WR20 with the SWIFT
provider codes R69 and R83 (and the ISO 20022 return reasons that map to WR
codes).

  railyard returns show CODE   one code: description, category, locks, window
  railyard returns map         a network reason (X9 letter, ISO 20022 code) to
                               the platform's code
  railyard returns list        a family's codes as a table

Families: ach, noc, rpps, check, wire. ACH, RPPS and SWIFT codes share the R
prefix with different meanings: a bare R-code is ACH; write RPPS:R05 or
SWIFT:R69 (or --family) for the others.

Policy: category is unauthorized, administrative or other; locks_node and
locks_user say whether a return locks the external account or the user;
window is the code's time frame (ACH: the network's, which lateness is judged
by, with the platform's 3-banking-day tolerance on 2-day codes; checks: the
platform's category window, reported only). Codes the platform's tables do
not list get network defaults (source "network default").

Configuration (--config FILE, TOML, YAML or JSON): a [returns] section
overrides the policy of single codes and adds ISO 20022 mappings.

  [returns]
  lenient = false                 # true: unknown codes map with defaults
  apply_c04 = false               # apply C04 name corrections automatically

  [returns.codes.R02]             # also "RPPS:R21", CHR14, WR03
  locks_node = false
  locks_user = false
  category = "administrative"     # unauthorized, administrative, other
  window = "2bd"                  # ach: 2bd 60cd next_file agreed none;
                                  # check: 3bd 60cd no_limit
  dishonor = "auto"               # ach: auto by_hand no never

  [returns.iso]
  AC07 = "WR03"                   # ISO 20022 return reason = WR code

An invalid configuration is a usage error (exit 2) naming the code and the
field, e.g. returns.codes.R02.window = "3 weeks".`

func newReturnsCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "returns",
		Short: "Return, NOC, CHR and WR codes and the platform's policy for each",
		Long:  returnsLong,
		Example: `  railyard returns show R02
  railyard returns show RPPS:R05 --output json
  railyard returns map --family x9 --reason A --returns-indicator R
  railyard returns map --family iso20022 --reason AC04 --output json
  railyard returns list --family check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newReturnsShowCmd(g), newReturnsMapCmd(g), newReturnsListCmd(g))
	return cmd
}

// returnsPolicy returns the policy of the config's returns section. An
// invalid section is a usage error listing every problem.
func (g *globals) returnsPolicy() (*returns.Policy, error) {
	cfg, err := g.loadConfig()
	if err != nil {
		return nil, err
	}
	p, err := returns.NewPolicy(cfg.Returns)
	if err != nil {
		return nil, usageErrorf("config %s: %s", g.config, returnsProblems(err))
	}
	return p, nil
}

// returnsProblems lists the problems of a returns configuration, each with
// its field path under "returns.".
func returnsProblems(err error) string {
	var list []error
	if m, ok := err.(interface{ Unwrap() []error }); ok && !isConfigError(err) {
		list = m.Unwrap()
	} else {
		list = []error{err}
	}
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = "returns." + strings.TrimPrefix(e.Error(), "returns: ")
	}
	if len(lines) == 1 {
		return lines[0]
	}
	return fmt.Sprintf("%d problems:\n  %s", len(lines), strings.Join(lines, "\n  "))
}

func isConfigError(err error) bool {
	_, ok := err.(*returns.ConfigError)
	return ok
}

// parseReturnsFamily parses --family of show and list.
func parseReturnsFamily(s string) (returns.Family, error) {
	if s == "" {
		return "", nil // not given: every family, or the code's own
	}
	f, err := returns.ParseFamily(s)
	if err != nil {
		return "", usageErrorf("invalid --family %q: want ach, noc, rpps, check or wire", s)
	}
	return f, nil
}

func newReturnsShowCmd(g *globals) *cobra.Command {
	var family string
	cmd := &cobra.Command{
		Use:   "show CODE",
		Short: "Show one code and the platform's policy for it",
		Long: `Show prints one code: its description (the platform's wording), the
network's title, its category, whether it locks the node or the user, its
window and whether it counts as unauthorized.

CODE is R02, C01, CHR01, WR03, or a rail-scoped code: RPPS:R05, SWIFT:R69,
ACH:R02. --family (ach, noc, rpps, check, wire) picks the family of a bare
code instead. An unknown code is a failure (exit 1).

JSON output (--output json) is a contract; the first eight keys are fixed,
the others are added when they apply:

  {"code":"R02","family":"ach","description":"Account Closed",
   "category":"administrative","locks_node":true,"locks_user":false,
   "window":"2 banking days","unauthorized":false,"title":"Account closed",
   "kind":"return","source":"seed",...}`,
		Example: `  railyard returns show R02
  railyard returns show CHR14 --output json
  railyard returns show R69 --family wire`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch len(args) {
			case 0:
				return usageErrorf("missing CODE argument (R02, C01, CHR01, WR03, RPPS:R05, ...)")
			case 1:
				return nil
			}
			return usageErrorf("show takes one CODE, got %d arguments", len(args))
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReturnsShow(g, args[0], family)
		},
	}
	cmd.Flags().StringVar(&family, "family", "", "`FAMILY` of the code: ach, noc, rpps, check, wire (default from the code)")
	return cmd
}

func runReturnsShow(g *globals, arg, familyFlag string) error {
	fam, err := parseReturnsFamily(familyFlag)
	if err != nil {
		return err
	}
	p, err := g.returnsPolicy()
	if err != nil {
		return err
	}
	f, code, ok := returns.SplitCode(arg)
	if fam != "" {
		f = fam
		ok = true
	}
	if !ok {
		return failure(fmt.Errorf("unknown code %q: want R02, C01, CHR01, WR03, or RPPS:R05, SWIFT:R69", arg))
	}
	strict := *p
	strict.Lenient = false // show never makes up a code
	in, err := strict.Info(f, code)
	if err != nil {
		return failure(fmt.Errorf("unknown code %q: no %s code %s (see 'railyard returns list --family %s')", arg, f, code, f))
	}
	return g.emit(in, func(w io.Writer) { writeInfoText(w, in, nil) })
}

func writeInfoText(w io.Writer, in returns.Info, extra [][2]string) {
	fmt.Fprintf(w, "%s  %s\n", in.Code, in.Description)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "  %s\t%s\n", k, v)
		}
	}
	for _, e := range extra {
		row(e[0], e[1])
	}
	row("family", string(in.Family))
	if in.Title != in.Description {
		row("title", in.Title)
	}
	row("kind", string(in.Kind))
	row("category", string(in.Category))
	row("locks node", yesNo(in.LocksNode))
	row("locks user", yesNo(in.LocksUser))
	row("window", string(in.Window))
	row("unauthorized", yesNo(in.Unauthorized))
	row("initiator", in.Initiator)
	row("dishonor", string(in.Dishonor))
	if in.X9Reason != "" {
		row("x9 reason", fmt.Sprintf("%s (%s list)", in.X9Reason, in.X9List))
	}
	row("iso sent", in.ISOSend)
	row("iso received", strings.Join(in.ISOReceived, ", "))
	row("direction", in.Direction)
	row("corrected data", in.CorrectedData)
	row("sandbox", in.SandboxAmount)
	row("source", in.Source)
	row("notes", in.Notes)
	if in.Unknown {
		row("unknown", "yes: no table lists this code; family defaults")
	}
	tw.Flush()
}

// mapFlags are the flags of "returns map".
type mapFlags struct {
	family, reason, indicator string
	lenient                   bool
}

// mapDoc is the JSON of "returns map": the code's show document, then
// what it was mapped from.
type mapDoc struct {
	returns.Info
	Reason     string   `json:"reason"`
	MappedFrom string   `json:"mapped_from"`
	Warnings   []string `json:"warnings,omitempty"`
}

func newReturnsMapCmd(g *globals) *cobra.Command {
	var f mapFlags
	cmd := &cobra.Command{
		Use:   "map --family FAMILY --reason REASON",
		Short: "Map a network reason to the platform's code",
		Long: `Map turns a reason as a network sends it into the platform's code and
prints that code as "returns show" does, with the reason and what it was
mapped from added.

--family:
  ach       a Nacha return code (R01)          rpps   an RPPS return code (R21)
  noc       a change code (C01)                 swift  a SWIFT failure (WR17, R83)
  x9        an X9.100-188 return reason (A, 1, V), with --returns-indicator
  iso20022  a pacs.004 return reason (AC04)
  faim      a FAIM {6500} text: /RETN/AC04*..., or free text (keywords)

--returns-indicator is the X9 cash letter header's Returns Indicator (record
10, position 78), which chooses the list of an X9 reason: R customer
returns, N altered/fictitious (customer list), blank (forward; customer
list), E administrative returns (CHR30-CHR41 when the reason is there), J
a rejected return (not a CHR code: exit 1). V, 1 and 2 exist only in the
administrative list.

An unknown reason is a failure (exit 1); with --lenient (or lenient = true in
the config) it maps to the family's default (X9: CHR15; ISO 20022: WR02) with
"unknown": true. Known ISO codes without a WR of their own (NARR, FRAD, UPAY,
...) map to WR02 with a warning.

JSON output (--output json):

  {"code":"CHR01","family":"check","description":"NSF – customer does not
   have sufficient funds to cover the item","category":"other",...,
   "reason":"A","mapped_from":"x9"}`,
		Example: `  railyard returns map --family x9 --reason A --returns-indicator R
  railyard returns map --family x9 --reason T --returns-indicator E --output json
  railyard returns map --family iso20022 --reason AC04 --output json
  railyard returns map --family faim --reason '/RETN/AC04*ACCOUNT CLOSED*'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReturnsMap(g, &f, cmd.Flags().Changed("returns-indicator"))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.family, "family", "", "`FAMILY` of the reason: ach, noc, rpps, x9, iso20022, faim, swift (required)")
	fl.StringVar(&f.reason, "reason", "", "the network's `REASON` (required)")
	fl.StringVar(&f.indicator, "returns-indicator", "", "X9 Returns `INDICATOR`: R, E, N, J or blank (required for x9)")
	fl.BoolVar(&f.lenient, "lenient", false, "map unknown reasons to the family's default instead of failing")
	return cmd
}

func runReturnsMap(g *globals, f *mapFlags, indicatorSet bool) error {
	from := strings.ToLower(strings.TrimSpace(f.family))
	switch from {
	case "":
		return usageErrorf("missing --family (ach, noc, rpps, x9, iso20022, faim or swift)")
	case "ach", "noc", "rpps", "x9", "iso20022", "faim", "swift":
	case "iso", "pacs.004":
		from = "iso20022"
	default:
		return usageErrorf("invalid --family %q: want ach, noc, rpps, x9, iso20022, faim or swift", f.family)
	}
	if strings.TrimSpace(f.reason) == "" {
		return usageErrorf("missing --reason")
	}
	ind := strings.ToUpper(strings.TrimSpace(f.indicator))
	if from == "x9" {
		if !indicatorSet {
			return usageErrorf("--family x9 needs --returns-indicator (R, E, N, J or blank)")
		}
		if ind == "BLANK" {
			ind = ""
		}
		if ind != "" && ind != "R" && ind != "E" && ind != "N" && ind != "J" {
			return usageErrorf("invalid --returns-indicator %q: want R, E, N, J or blank", f.indicator)
		}
	} else if indicatorSet {
		return usageErrorf("--returns-indicator applies to --family x9 only")
	}
	p, err := g.returnsPolicy()
	if err != nil {
		return err
	}
	if f.lenient {
		p.Lenient = true
	}
	doc := mapDoc{Reason: f.reason, MappedFrom: from}
	var fam returns.Family
	var code string
	var unknown bool
	switch from {
	case "ach", "noc", "rpps":
		fam, code = returns.Family(from), strings.ToUpper(strings.TrimSpace(f.reason))
		if from == "rpps" {
			code = strings.TrimPrefix(code, "RPPS:")
		}
	case "x9":
		fam = returns.FamilyCheck
		code, doc.Warnings, unknown, err = p.CHRCode(f.reason, ind)
	default:
		format := map[string]returns.WireFormat{"iso20022": returns.ISO20022, "faim": returns.FAIM, "swift": returns.SWIFT}[from]
		r := returns.WireReturn{Format: format, Reason: f.reason}
		if format == returns.FAIM {
			r = returns.WireReturn{Format: format, AdditionalInfo: f.reason}
		}
		fam = returns.FamilyWire
		code, _, doc.Warnings, unknown, err = p.WRCode(r)
	}
	if err != nil {
		if errors.Is(err, returns.ErrRejectReturn) {
			return failure(fmt.Errorf("returns indicator J: a return we sent was rejected (reject return); it has no CHR code and changes no status"))
		}
		return failure(fmt.Errorf("unknown %s reason %q (use --lenient to map it to the family's default)", from, f.reason))
	}
	in, err := p.Info(fam, code)
	if err != nil {
		return failure(fmt.Errorf("unknown %s reason %q (use --lenient to map it to the family's default)", from, f.reason))
	}
	in.Unknown = in.Unknown || unknown
	doc.Info = in
	return g.emit(doc, func(w io.Writer) {
		writeInfoText(w, in, [][2]string{{"mapped from", from + " " + f.reason}})
		for _, warn := range doc.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warn)
		}
	})
}

func newReturnsListCmd(g *globals) *cobra.Command {
	var family string
	cmd := &cobra.Command{
		Use:   "list [--family FAMILY]",
		Short: "List the codes of a family (or of every family) as a table",
		Long: `List prints the codes of a family as a table: code, category, locks,
window, whether the code counts as unauthorized, and the description.
Without --family every family is listed.

--family: ach, noc, rpps, check, wire; also iso20022 (the ISO 20022 return
reasons and their WR codes) and x9 (the X9.100-188 reasons and their CHR
codes in both lists).

JSON output (--output json): {"codes":[...]} with one "returns show"
document per code; for iso20022 and x9 {"reasons":[...]}.`,
		Example: `  railyard returns list --family ach
  railyard returns list --family check --output json
  railyard returns list --family iso20022`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReturnsList(g, family)
		},
	}
	cmd.Flags().StringVar(&family, "family", "", "`FAMILY`: ach, noc, rpps, check, wire, iso20022, x9 (default all)")
	return cmd
}

func runReturnsList(g *globals, family string) error {
	switch strings.ToLower(family) {
	case "iso20022", "iso":
		return listISO(g)
	case "x9":
		return listX9(g)
	}
	fam, err := parseReturnsFamily(family)
	if err != nil {
		return err
	}
	p, err := g.returnsPolicy()
	if err != nil {
		return err
	}
	list, err := p.List(fam)
	if err != nil {
		return failure(err)
	}
	doc := struct {
		Codes []returns.Info `json:"codes"`
	}{list}
	return g.emit(doc, func(w io.Writer) {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		head := "CODE\tCATEGORY\tLOCKS\tWINDOW\tUNAUTH\tDESCRIPTION"
		if fam == returns.FamilyCheck {
			head = "CODE\tX9\tLIST\tCATEGORY\tLOCKS\tWINDOW\tUNAUTH\tDESCRIPTION"
		}
		if fam == "" {
			head = "FAMILY\t" + head
		}
		fmt.Fprintln(tw, head)
		for _, in := range list {
			if fam == "" {
				fmt.Fprintf(tw, "%s\t", in.Family)
			}
			fmt.Fprintf(tw, "%s\t", in.Code)
			if fam == returns.FamilyCheck {
				fmt.Fprintf(tw, "%s\t%s\t", in.X9Reason, in.X9List)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.Category, locks(in), in.Window, yesNo(in.Unauthorized), in.Description)
		}
		tw.Flush()
	})
}

// locks says what a code locks: "node+user", "node", "user" or "-".
func locks(in returns.Info) string {
	switch {
	case in.LocksNode && in.LocksUser:
		return "node+user"
	case in.LocksNode:
		return "node"
	case in.LocksUser:
		return "user"
	}
	return "-"
}

func listISO(g *globals) error {
	type reason struct {
		Reason   string `json:"reason"`
		Name     string `json:"name"`
		Code     string `json:"code"`
		Fallback bool   `json:"fallback"`
	}
	p, err := g.returnsPolicy()
	if err != nil {
		return err
	}
	var doc struct {
		Reasons []reason `json:"reasons"`
	}
	for _, r := range returns.ISOReasons() {
		wr, fb, _ := p.ISO(r.Code)
		doc.Reasons = append(doc.Reasons, reason{r.Code, r.Name, wr, fb})
	}
	return g.emit(doc, func(w io.Writer) {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ISO\tWR\tNAME")
		for _, r := range doc.Reasons {
			name := r.Name
			if r.Fallback {
				name += " (no WR of its own: WR02)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Reason, r.Code, name)
		}
		tw.Flush()
		fmt.Fprintln(w, "\nAny other ISO code: an error, or WR02 with --lenient.")
	})
}

func listX9(g *globals) error {
	type reason struct {
		Reason         string  `json:"reason"`
		Customer       *string `json:"customer"`
		Administrative *string `json:"administrative"`
	}
	var doc struct {
		Reasons []reason `json:"reasons"`
	}
	seen := map[string]bool{}
	for _, c := range returns.CheckCodes() {
		if seen[c.X9Reason] {
			continue
		}
		seen[c.X9Reason] = true
		r := reason{Reason: c.X9Reason}
		if cu, ok := returns.CHRFor(c.X9Reason, returns.X9Customer); ok {
			r.Customer = &cu
		}
		if ad, ok := returns.CHRFor(c.X9Reason, returns.X9Administrative); ok {
			r.Administrative = &ad
		}
		doc.Reasons = append(doc.Reasons, r)
	}
	return g.emit(doc, func(w io.Writer) {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "X9\tCUSTOMER (R, N, blank)\tADMINISTRATIVE (E)")
		for _, r := range doc.Reasons {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Reason, deref(r.Customer), deref(r.Administrative))
		}
		tw.Flush()
	})
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}
