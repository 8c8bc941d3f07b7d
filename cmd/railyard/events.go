package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

// followInterval is how often "events --follow" polls the store. Tests
// shorten it.
var followInterval = time.Second

// eventsBatch is how many events one read of the store returns.
const eventsBatch = 1000

const eventsLong = `Events prints every status change — creation, batching, settlement,
cancellation, returns, NOCs — as JSON Lines, one event per line, oldest
first, whatever --output says. It is the outbox the API server (or any
consumer) reads:

  {"seq":12,"transaction_id":"tx_0003","status":"RETURNED",
   "note":"[Returned on Debit] R01 -- Insufficient Funds","code":"R01",
   "lock_node":false,"lock_user":false,"category":"other",
   "at":"2026-11-25T18:00:00Z","status_id":"6"}

seq increases strictly in commit order and is never reused: a consumer
remembers the last seq it handled and resumes with --since N, which prints
the events after N. --follow keeps polling the store (every second) for new
events until interrupted (Ctrl-C, SIGTERM), then exits 0.`

func newEventsCmd(g *globals) *cobra.Command {
	var (
		since  int64
		follow bool
	)
	cmd := &cobra.Command{
		Use:   "events [--since N] [--follow]",
		Short: "Every status change, as JSON Lines (the event outbox)",
		Long:  eventsLong,
		Example: `  railyard events
  railyard events --since 41 --follow | my-consumer`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if since < 0 {
				return usageErrorf("invalid --since %d: must be 0 or more", since)
			}
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			eng, err := g.openEngine(ctx, nil)
			if err != nil {
				return err
			}
			defer eng.Close()
			w := bufio.NewWriter(g.stdout)
			var tick *time.Ticker
			for {
				evs, err := eng.Events(ctx, since, eventsBatch)
				if err != nil {
					if follow && ctx.Err() != nil {
						return nil // interrupted
					}
					return failure(fmt.Errorf("events: %w", tidy(err)))
				}
				for _, ev := range evs {
					line, err := json.Marshal(ev)
					if err != nil {
						return failure(err)
					}
					w.Write(line)
					w.WriteByte('\n')
					since = ev.Seq
				}
				if err := w.Flush(); err != nil {
					return failure(err)
				}
				if len(evs) == eventsBatch {
					continue // there may be more right away
				}
				if !follow {
					return nil
				}
				if tick == nil {
					tick = time.NewTicker(followInterval)
					defer tick.Stop()
				}
				select {
				case <-ctx.Done():
					return nil
				case <-tick.C:
				}
			}
		},
	}
	fl := cmd.Flags()
	fl.Int64Var(&since, "since", 0, "print the events after sequence number `N`")
	fl.BoolVar(&follow, "follow", false, "keep printing new events until interrupted")
	return cmd
}
