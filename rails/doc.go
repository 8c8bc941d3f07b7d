// Package rails is railyard's domain and lifecycle: the Transaction a
// platform submits, the Store that keeps it, and the Engine that batches
// transactions into files at each cutoff and maps inbound bank files back
// onto status changes.
//
// The data flow (DESIGN.md, "The main job"):
//
//  1. Submit: Engine.Submit validates a Transaction, resolves its window
//     with cutoffs (window id, cutoff, batch, effective and settlement
//     dates, batching group) and stores it CREATED. Submitting the same ID
//     with the same content again is a no-op; with other content, a
//     conflict. With Engine.AllOrNothing one bad or conflicting
//     transaction stores none of the call (Store.SubmitAll).
//  2. Run: Engine.Run(ctx, at) closes every window whose cutoff is at or
//     before at. Store.ClaimWindow streams the window's transactions, in
//     batching-group order, through the rail's Planner and stores their
//     trace numbers and files in one atomic step; the planner holds one
//     file at a time, so a window of any size is closed in bounded
//     memory. The file bytes are a pure function of what was claimed, so
//     a re-run or a recovery after a crash (Store.ClaimedTransactions)
//     writes the same bytes. Transactions move to PROCESSING-CREDIT.
//  3. Settle: entries past their settlement date become SETTLED.
//  4. Ingest: returns, NOCs, dishonored and contested returns are matched
//     to transactions by original trace number and mapped with the returns
//     policy; unmatched items are kept and reported (Store.InboundFile
//     reads them back), and a file ingested twice changes nothing.
//  5. Events: every status change is an Event in an outbox the API server
//     reads with Store.Events.
//
// Dependencies point down only: rails imports ach, cutoffs and returns;
// store implementations import rails.
package rails
