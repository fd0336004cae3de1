package rag

import "time"

// Observer is told what the engine does, for metrics. The engine calls
// it synchronously, from any goroutine: its methods must be quick and
// safe for concurrent use.
type Observer interface {
	// Retrieved reports that one question's retrieval, the embedding of
	// the question included, took d.
	Retrieved(d time.Duration)
	// Loaded reports what the index now answers from: at start, and
	// after each successful reload.
	Loaded(documents, passages int)
	// Reloaded reports a reload that ended after d, err nil when it
	// swapped a new index in. A reload refused because another was
	// running (ErrReloadInProgress) did nothing and is not reported.
	Reloaded(d time.Duration, err error)
}

// noObserver is the Observer of an engine given none.
type noObserver struct{}

func (noObserver) Retrieved(time.Duration)       {}
func (noObserver) Loaded(int, int)               {}
func (noObserver) Reloaded(time.Duration, error) {}
