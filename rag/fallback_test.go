package rag

import (
	"context"
	"errors"
	"testing"
)

// flakyEmbedder embeds chunks, then fails every question: an embedding
// API that went down after start.
type flakyEmbedder struct {
	inner *HashEmbedder
	built bool
}

func (f *flakyEmbedder) Name() string { return "flaky" }

func (f *flakyEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if f.built {
		return nil, errors.New("503 service unavailable")
	}
	f.built = true
	return f.inner.Embed(ctx, texts)
}

// TestSearchFallsBackToBM25: when a question cannot be embedded, search
// answers with BM25 alone, even when configured for embeddings alone.
func TestSearchFallsBackToBM25(t *testing.T) {
	chunks := ChunkDocuments(loadKB(t), ChunkOptions{Size: 900})
	for _, w := range []float64{0, 0.5} { // embeddings alone; hybrid
		ix, err := Build(context.Background(), chunks, IndexOptions{Embedder: &flakyEmbedder{inner: NewHashEmbedder(0)}, LexicalWeight: &w})
		if err != nil {
			t.Fatal(err)
		}
		hits, err := ix.Search(context.Background(), "Qui a dessiné les plans du phare ?", SearchOptions{K: 3})
		if err != nil {
			t.Fatalf("weight %v: %v", w, err)
		}
		if len(hits) == 0 || hits[0].Chunk.Section != "Construction du phare de Kerbrat" {
			t.Errorf("weight %v: hits %v, want the construction section first", w, hits)
		}
	}
}
