package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/railyardhq/railyard/rails"
	"github.com/spf13/cobra"
)

const inboundLong = `The inbound commands look back at the bank files "railyard ingest"
recorded: what each changed, the NOCs it carried, and the items that
matched none of our entries (kept, never dropped).

  railyard inbound list          every ingested file, in the order received
  railyard inbound show SHA256   one file's changes, corrections and
                                 unmatched items (a unique prefix of the
                                 SHA-256 of at least 8 digits will do)

Account numbers in corrections are masked (****1234) unless --unmask.`

func newInboundCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "inbound",
		Short: "List ingested bank files and show what each did",
		Long:  inboundLong,
		Example: `  railyard inbound list
  railyard inbound show 3f2a9c1b --output json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newInboundListCmd(g), newInboundShowCmd(g))
	return cmd
}

func newInboundListCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the ingested files, in the order received",
		Long: `List prints every file "railyard ingest" recorded, in the order received,
with the number of status changes, NOC corrections and unmatched items.

JSON output (--output json):

  {"files":[{"sha256":"...","name":"RET_0123.ach","format":"nacha",
             "received_at":"...","changes":3,"corrections":1,"unmatched":1}]}`,
		Example: `  railyard inbound list
  railyard inbound list --output json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := g.openEngine(cmd.Context(), nil)
			if err != nil {
				return err
			}
			defer eng.Close()
			files, err := eng.Store().InboundFiles(cmd.Context())
			if err != nil {
				return failure(tidy(err))
			}
			return g.flushed(func(w io.Writer) error {
				if g.json() {
					return writeJSONLine(w, struct {
						Files []rails.InboundInfo `json:"files"`
					}{files})
				}
				if len(files) == 0 {
					fmt.Fprintln(w, "no inbound files")
					return nil
				}
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "RECEIVED\tFILE\tFORMAT\tCHANGES\tCORRECTIONS\tUNMATCHED\tSHA256")
				for _, f := range files {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\n", clock(f.ReceivedAt.In(eng.loc)), f.Name, f.Format,
						f.Changes, f.Corrections, f.Unmatched, f.SHA256[:min(12, len(f.SHA256))])
				}
				return tw.Flush()
			})
		},
	}
}

func newInboundShowCmd(g *globals) *cobra.Command {
	var unmask bool
	cmd := &cobra.Command{
		Use:   "show SHA256",
		Short: "Show what one ingested file changed, and its unmatched items",
		Long: `Show prints one ingested file as it was recorded: each status change
(transaction, from, to, code and note), each NOC correction, and each item
no transaction of ours carried the trace of, with its line in the file.
SHA256 is the file's digest as "inbound list" or "ingest" printed it, or a
unique prefix of at least 8 hexadecimal digits.

JSON output (--output json):

  {"sha256":"...","name":"RET_0123.ach","format":"nacha","received_at":"...",
   "changes":[{"transaction_id":"tx_0003","from":"PROCESSING-CREDIT",
               "to":"RETURNED","event":{"note":"...","code":"R01",...}}],
   "corrections":[{...}],
   "unmatched":[{"line":7,"trace":"121042880000099","code":"R03"}]}

An unknown or ambiguous SHA256 exits 1.`,
		Example: `  railyard inbound show 3f2a9c1b
  railyard inbound show 3f2a9c1b --output json --unmask`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("inbound show takes one SHA-256 (or a prefix of at least 8 digits), got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			eng, err := g.openEngine(ctx, nil)
			if err != nil {
				return err
			}
			defer eng.Close()
			sha, err := resolveInbound(eng.Store(), cmd, args[0])
			if err != nil {
				return err
			}
			in, err := eng.Store().InboundFile(ctx, sha)
			if err != nil {
				return failure(tidy(err))
			}
			if !unmask {
				for i, raw := range in.Corrections {
					var c rails.Correction
					if json.Unmarshal(raw, &c) != nil {
						in.Corrections[i] = json.RawMessage(`{"masked":"unreadable correction"}`)
						continue
					}
					maskCorrection(&c)
					in.Corrections[i], _ = json.Marshal(c)
				}
			}
			return g.flushed(func(w io.Writer) error {
				if g.json() {
					return writeJSONLine(w, in)
				}
				writeInboundText(w, in, eng)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&unmask, "unmask", false, "show account numbers in full")
	return cmd
}

// resolveInbound finds the one recorded file whose SHA-256 starts with
// prefix.
func resolveInbound(st rails.Store, cmd *cobra.Command, prefix string) (string, error) {
	p := strings.ToLower(prefix)
	if len(p) < 8 || strings.Trim(p, "0123456789abcdef") != "" {
		return "", usageErrorf("invalid SHA256 %q: want the file's SHA-256 or a prefix of at least 8 hexadecimal digits", prefix)
	}
	files, err := st.InboundFiles(cmd.Context())
	if err != nil {
		return "", failure(tidy(err))
	}
	var found []string
	for _, f := range files {
		if strings.HasPrefix(f.SHA256, p) {
			found = append(found, f.SHA256)
		}
	}
	switch len(found) {
	case 0:
		return "", failure(fmt.Errorf("no ingested file has a SHA-256 starting %s (railyard inbound list shows them)", p))
	case 1:
		return found[0], nil
	}
	return "", failure(errors.New("SHA-256 prefix " + p + " is ambiguous: " + strings.Join(found, ", ")))
}

func writeInboundText(w io.Writer, in *rails.Inbound, eng *engine) {
	fmt.Fprintf(w, "%s: %s file received %s\nsha256 %s\n", in.Name, strings.ToUpper(in.Format), clock(in.ReceivedAt.In(eng.loc)), in.SHA256)
	fmt.Fprintf(w, "\n%s:\n", plural(len(in.Changes), "change"))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range in.Changes {
		fmt.Fprintf(tw, "  %s\t%s → %s\t%s\n", c.TransactionID, c.From, c.To, c.Event.Note)
	}
	tw.Flush()
	if len(in.Corrections) > 0 {
		fmt.Fprintf(w, "\n%s:\n", plural(len(in.Corrections), "correction"))
		for _, raw := range in.Corrections {
			var c rails.Correction
			if json.Unmarshal(raw, &c) != nil {
				fmt.Fprintf(w, "  %s\n", raw)
				continue
			}
			fmt.Fprintf(w, "  line %d  %s  %s  %s\n", c.Line, c.TransactionID, c.Note, c.Action)
		}
	}
	fmt.Fprintf(w, "\n%d unmatched:\n", len(in.Unmatched))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, u := range in.Unmatched {
		fmt.Fprintf(tw, "  line %d\ttrace %s\t%s\n", u.Line, u.Trace, u.Code)
	}
	tw.Flush()
}
