// Package railtest is the companion test package of rails, as httptest is
// net/http's: an in-memory rails.Store (NewMemStore) that honours the
// whole Store contract, and a simulated bank (ReturnFile) that answers
// one of railyard's outgoing NACHA files with the return or notification
// of change the RDFI would send. It is for tests — railyard's own and an
// API server's — and for engineers trying railyard without a database.
package railtest
