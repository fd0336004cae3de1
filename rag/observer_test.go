package rag

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// recorder is a hand-written Observer that keeps what it is told.
type recorder struct {
	mu        sync.Mutex
	retrieved []time.Duration
	loaded    [][2]int // documents, passages
	reloads   []reloaded
}

type reloaded struct {
	d   time.Duration
	err error
}

func (r *recorder) Retrieved(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.retrieved = append(r.retrieved, d)
}

func (r *recorder) Loaded(documents, passages int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.loaded = append(r.loaded, [2]int{documents, passages})
}

func (r *recorder) Reloaded(d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reloads = append(r.reloads, reloaded{d, err})
}

func TestObserverSeesLoadsRetrievalsAndReloads(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("phare.txt", "Le phare\nLe phare de Kerbrat mesure 52 mètres de haut.\n")
	obs := &recorder{}
	ctx := context.Background()
	e, err := New(ctx, Options{Knowledge: os.DirFS(dir), Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	passages := len(e.Index().Chunks())
	ask(t, e, "Combien mesure le phare ?")
	if _, err := e.Ask(ctx, Question{Text: "Combien mesure le phare ?", Theme: "Inconnu"}); err == nil {
		t.Fatal("an unknown theme was accepted")
	}

	write("club.txt", "Le club\nLe club d’échecs se réunit le mardi soir.\n")
	if _, err := e.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	write("phare.txt", "Le phare\n\xff\xfe mesure 52 m\xe8tres.\n") // a known document broken
	if _, err := e.Reload(ctx); err == nil {
		t.Fatal("the broken reload succeeded")
	}

	obs.mu.Lock()
	defer obs.mu.Unlock()
	if len(obs.retrieved) != 1 || obs.retrieved[0] <= 0 {
		t.Errorf("retrievals %v, want one with a duration (the unknown theme is no retrieval)", obs.retrieved)
	}
	want := [][2]int{{1, passages}, {2, passages + 1}}
	if len(obs.loaded) != 2 || obs.loaded[0] != want[0] || obs.loaded[1] != want[1] {
		t.Errorf("loads %v, want %v: at start and after the successful reload only", obs.loaded, want)
	}
	if len(obs.reloads) != 2 || obs.reloads[0].err != nil || obs.reloads[1].err == nil ||
		obs.reloads[0].d <= 0 || obs.reloads[1].d <= 0 {
		t.Errorf("reloads %v, want a success then a failure, each with its duration", obs.reloads)
	}
}

func TestObserverNotToldOfARefusedReload(t *testing.T) {
	obs := &recorder{}
	e, err := New(context.Background(), Options{Knowledge: os.DirFS(kbDir), Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	e.reloadMu.Lock() // a reload runs
	_, err = e.Reload(context.Background())
	e.reloadMu.Unlock()
	if err != ErrReloadInProgress {
		t.Fatalf("Reload during a reload: %v", err)
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if len(obs.reloads) != 0 {
		t.Errorf("a refused reload was reported: %v", obs.reloads)
	}
}
