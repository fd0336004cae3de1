package embedcache

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/openaicompat"
	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

// questioning is an inner embedder with its own way to embed questions.
type questioning struct {
	counting
	queries int
}

func (q *questioning) EmbedQuery(_ context.Context, text string) ([]float32, error) {
	q.queries++
	return vectorOf("question: "+text, q.dims), nil
}

var _ rag.QueryEmbedder = (*openaicompat.Embedder)(nil)

func TestEmbedQueryUsesTheInnerEmbedQuery(t *testing.T) {
	inner := &questioning{counting: counting{name: "fake:q", dims: 4}}
	e, err := Open(t.TempDir(), inner, nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.EmbedQuery(context.Background(), "Qui ?")
	if err != nil {
		t.Fatal(err)
	}
	if inner.queries != 1 || len(v) != 4 || v[0] != vectorOf("question: Qui ?", 4)[0] {
		t.Errorf("EmbedQuery = %v after %d inner questions, want the inner's vector", v, inner.queries)
	}
	if calls, _ := inner.embedded(); calls != 0 {
		t.Errorf("inner Embed called %d times for a question, want 0", calls)
	}
}

// With the API down, a question through the cache costs the API
// embedder's short question budget (one retry), not the batch retries,
// so that the index soon answers with BM25 alone.
func TestEmbedQueryWithTheAPIDownFailsFast(t *testing.T) {
	srv := openaitest.NewServer(t, "sk-test-key", "chat", "embed")
	c := openaicompat.Config{
		APIKey: srv.Key, BaseURL: srv.URL, EmbeddingModel: srv.EmbeddingModel,
		MaxRetries: 3, Timeout: 5 * time.Second, BatchSize: 64, Concurrency: 2,
	}
	noWait := func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	api, err := openaicompat.NewEmbedder(c, nil, openaicompat.WithSleep(noWait))
	if err != nil {
		t.Fatal(err)
	}
	e, err := Open(t.TempDir(), api, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		srv.FailEmbeddings(openaitest.Reply{Status: http.StatusServiceUnavailable})
	}
	if _, err := e.EmbedQuery(context.Background(), "Qui ?"); err == nil {
		t.Fatal("no error with the API down")
	}
	if n := len(srv.Batches()); n != 2 {
		t.Errorf("%d requests for a question, want 2 (one retry), not the batch's 4", n)
	}
	if _, err := e.EmbedQuery(context.Background(), "Et quand ?"); err == nil {
		t.Fatal("no error with the API down")
	}
	if n := len(srv.Batches()); n != 2 {
		t.Errorf("%d requests, want no more while the API cools down", n)
	}
}
