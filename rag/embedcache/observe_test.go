package embedcache

import (
	"context"
	"sync"
	"testing"
)

// lookups is a hand-written Observer that adds up what it is told.
type lookups struct {
	mu           sync.Mutex
	calls        int
	hits, misses int
}

func (l *lookups) Looked(hits, misses int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	l.hits += hits
	l.misses += misses
}

func (l *lookups) totals() (calls, hits, misses int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.calls, l.hits, l.misses
}

func TestObserverCountsHitsAndMisses(t *testing.T) {
	obs := &lookups{}
	e, err := Open(t.TempDir(), &counting{name: "fake:model-a", dims: 8}, nil, WithObserver(obs))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.Embed(ctx, []string{"un", "deux", "trois"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Embed(ctx, []string{"un", "deux", "quatre"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.EmbedQuery(ctx, "une question"); err != nil { // never cached
		t.Fatal(err)
	}
	if calls, hits, misses := obs.totals(); calls != 2 || hits != 2 || misses != 4 {
		t.Errorf("%d calls, %d hits, %d misses; want 2 calls, 2 hits, 4 misses", calls, hits, misses)
	}
}
