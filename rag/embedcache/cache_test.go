package embedcache

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRestartReembedsNothing(t *testing.T) {
	dir := t.TempDir()
	texts := corpus(10, 10)
	inner := &counting{name: "fake:model-a", dims: 8}
	cold := mustEmbed(t, mustOpen(t, dir, inner, nil), texts)
	if calls, n := inner.embedded(); calls != 1 || n != 100 {
		t.Errorf("cold build: %d calls for %d texts, want 1 for 100", calls, n)
	}

	restarted := &counting{name: "fake:model-a", dims: 8}
	e := mustOpen(t, dir, restarted, nil)
	if e.Len() != 100 {
		t.Errorf("reopened cache holds %d vectors, want 100", e.Len())
	}
	warm := mustEmbed(t, e, texts)
	if calls, _ := restarted.embedded(); calls != 0 {
		t.Errorf("restart: %d embedding calls, want 0", calls)
	}
	if !reflect.DeepEqual(cold, warm) {
		t.Error("vectors read back differ from those computed")
	}
}

func TestEditReembedsOnlyChangedChunks(t *testing.T) {
	dir := t.TempDir()
	texts := corpus(10, 10)
	mustEmbed(t, mustOpen(t, dir, &counting{name: "fake:model-a", dims: 8}, nil), texts)

	// Document 3 is edited: two of its passages change.
	edited := append([]string(nil), texts...)
	edited[30] = text(3, 0, ", sauf le dimanche")
	edited[35] = text(3, 5, ", même en vocal")
	inner := &counting{name: "fake:model-a", dims: 8}
	e := mustOpen(t, dir, inner, nil)
	v := mustEmbed(t, e, edited)
	if !reflect.DeepEqual(inner.calls, [][]string{{edited[30], edited[35]}}) {
		t.Errorf("edit sent %q, want only the two changed passages in one call", inner.calls)
	}
	if !reflect.DeepEqual(v[35], vectorOf(edited[35], 8)) || !reflect.DeepEqual(v[36], vectorOf(edited[36], 8)) {
		t.Error("vectors out of order after an edit")
	}

	// The old passages are forgotten once the reload retains the new set.
	if n := e.Retain(edited); n != 2 {
		t.Errorf("Retain forgot %d vectors, want 2", n)
	}
	if n := mustOpen(t, dir, &counting{name: "fake:model-a", dims: 8}, nil).Len(); n != 100 {
		t.Errorf("after Retain the file holds %d vectors, want 100", n)
	}
}

func TestDuplicateTextsEmbeddedOnce(t *testing.T) {
	inner := &counting{name: "fake:model-a", dims: 4}
	e := mustOpen(t, t.TempDir(), inner, nil)
	v := mustEmbed(t, e, []string{"même texte", "autre", "même texte"})
	if _, n := inner.embedded(); n != 2 {
		t.Errorf("%d texts embedded, want 2", n)
	}
	if !reflect.DeepEqual(v[0], v[2]) || reflect.DeepEqual(v[0], v[1]) {
		t.Error("vectors do not match their texts")
	}
}

// A different model is a different vector space: its own file, no hit.
func TestOtherEmbedderSharesNothing(t *testing.T) {
	dir := t.TempDir()
	texts := corpus(2, 5)
	a := mustOpen(t, dir, &counting{name: "openai-compatible:api.openai.com/model-a", dims: 8}, nil)
	mustEmbed(t, a, texts)
	other := &counting{name: "openai-compatible:api.openai.com/model-b", dims: 8}
	b := mustOpen(t, dir, other, nil)
	mustEmbed(t, b, texts)
	if _, n := other.embedded(); n != len(texts) {
		t.Errorf("model b embedded %d texts, want all %d", n, len(texts))
	}
	if a.Path() == b.Path() {
		t.Error("two embedders share one file")
	}
	if !strings.HasPrefix(filepath.Base(a.Path()), "openai-compatible_api.openai.com_model-a-") {
		t.Errorf("file name %q is not readable", filepath.Base(a.Path()))
	}
}

func TestDimensionChangeEmptiesCache(t *testing.T) {
	dir := t.TempDir()
	mustEmbed(t, mustOpen(t, dir, &counting{name: "fake:m", dims: 8}, nil), corpus(1, 3))
	e := mustOpen(t, dir, &counting{name: "fake:m", dims: 16}, nil)
	if _, err := e.Embed(context.Background(), []string{"nouveau passage"}); err == nil || !strings.Contains(err.Error(), "16 dimensions") {
		t.Errorf("err = %v, want a dimension mismatch", err)
	}
	if e.Len() != 0 {
		t.Errorf("cache holds %d vectors of a mixed space, want 0", e.Len())
	}
	v := mustEmbed(t, e, []string{"nouveau passage"})
	if len(v[0]) != 16 {
		t.Errorf("rebuilt vector has %d dimensions, want 16", len(v[0]))
	}
}

func TestInnerFailureStoresNothing(t *testing.T) {
	inner := &counting{name: "fake:m", dims: 4, fail: errDown}
	e := mustOpen(t, t.TempDir(), inner, nil)
	if _, err := e.Embed(context.Background(), []string{"a"}); !errors.Is(err, errDown) {
		t.Errorf("err = %v, want the inner error", err)
	}
	if e.Len() != 0 {
		t.Error("a failed call left vectors behind")
	}
}

func TestEmbedQueryIsNotCached(t *testing.T) {
	dir := t.TempDir()
	inner := &counting{name: "fake:m", dims: 4}
	e := mustOpen(t, dir, inner, nil)
	v, err := e.EmbedQuery(context.Background(), "Quand ouvrent les candidatures ?")
	if err != nil || len(v) != 4 {
		t.Fatalf("EmbedQuery = %v, %v", v, err)
	}
	if e.Len() != 0 {
		t.Error("a question was cached")
	}
	if _, err := os.Stat(e.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a question wrote the cache file: %v", err)
	}
}

// The cache file is replaced whole: no temporary file stays behind, and a
// cache that cannot be saved still answers, with a warning.
func TestSaveIsAtomicAndFailureOnlyWarns(t *testing.T) {
	dir := t.TempDir()
	logs := &logBuffer{}
	e := mustOpen(t, dir, &counting{name: "fake:m", dims: 4}, logs)
	mustEmbed(t, e, corpus(1, 3))
	mustEmbed(t, e, corpus(2, 3))
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != filepath.Base(e.Path()) {
		t.Errorf("directory holds %v, want only the cache file", entries)
	}

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	mustEmbed(t, e, []string{"un passage de plus"})
	if !strings.Contains(logs.String(), "cannot save") {
		t.Errorf("no warning for a failed save:\n%s", logs)
	}
}
