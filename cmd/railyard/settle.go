package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

const settleLong = `Settle moves every transaction in PROCESSING-CREDIT whose settlement date
is on or before the platform date of --at (default: now; the date in the
schedule's zone, America/Los_Angeles) to SETTLED, with a timeline entry and
an event. Running it again the same day changes nothing.

JSON output (--output json):

  {"through":"2026-11-24","settled":["tx_0003","tx_0004"]}`

func newSettleCmd(g *globals) *cobra.Command {
	var at string
	cmd := &cobra.Command{
		Use:   "settle [--at TIME]",
		Short: "Move processed entries past their settlement date to SETTLED",
		Long:  settleLong,
		Example: `  railyard settle
  railyard settle --at 2026-11-24T18:00:00-08:00 --output json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			eng, err := g.openEngine(ctx, nil)
			if err != nil {
				return err
			}
			defer eng.Close()
			t, err := parseAt(at, eng.loc)
			if err != nil {
				return err
			}
			res, err := eng.Settle(ctx, t)
			if err != nil {
				return failure(fmt.Errorf("settle: %w", tidy(err)))
			}
			return g.flushed(func(w io.Writer) error {
				if g.json() {
					return writeJSONLine(w, res)
				}
				if len(res.Settled) == 0 {
					fmt.Fprintf(w, "nothing to settle through %s\n", day(res.Through))
					return nil
				}
				fmt.Fprintf(w, "settled %s through %s:\n", plural(len(res.Settled), "transaction"), day(res.Through))
				for _, id := range res.Settled {
					fmt.Fprintf(w, "  %s\n", strings.TrimSpace(id))
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&at, "at", "", "settle through the platform date of `TIME`, RFC 3339 (default now)")
	return cmd
}
