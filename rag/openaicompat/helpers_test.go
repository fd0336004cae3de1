package openaicompat

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/testsupport"

	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

const (
	testKey        = "sk-test-Zq8vK3-DISTINCTIVE-key-42"
	testChatModel  = "mistral-small-latest"
	testEmbedModel = "mistral-embed"
)

// sleeps records the waits between attempts instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// fallback is the extractive generator's stand-in.
type fallback struct {
	mu     sync.Mutex
	calls  int
	ctxErr error // of the last call's context
}

const fallbackText = "Texte extrait des documents."

func (f *fallback) Generate(ctx context.Context, _ rag.Question, ev rag.Evidence) (rag.Answer, error) {
	hits := ev.Hits
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.ctxErr = ctx.Err()
	return rag.Answer{Text: fallbackText, Sources: []rag.Source{{Document: hits[0].Chunk.Document, Section: hits[0].Chunk.Section}}, Hits: hits}, nil
}

func (f *fallback) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

// logBuffer captures a logger's output.
type logBuffer = testsupport.LogBuffer

func testConfig(srv *openaitest.Server) Config {
	return Config{
		APIKey:         srv.Key,
		BaseURL:        srv.URL,
		ChatModel:      srv.ChatModel,
		EmbeddingModel: srv.EmbeddingModel,
		Timeout:        5 * time.Second,
		MaxRetries:     3,
		BatchSize:      64,
		Concurrency:    2,
	}
}

func newServer(t *testing.T) *openaitest.Server {
	return openaitest.NewServer(t, testKey, testChatModel, testEmbedModel)
}

// testHits are three excerpts; the first two share a section.
func testHits() []rag.Hit {
	chunk := func(doc, section, text string) rag.Hit {
		return rag.Hit{Chunk: rag.Chunk{Document: doc, Section: section, Trail: []string{section}, Text: text}}
	}
	return []rag.Hit{
		chunk("reglement.md", "Sanctions", "Un premier avertissement est donné en message privé."),
		chunk("reglement.md", "Sanctions", "Après trois avertissements, le membre est exclu pour sept jours."),
		chunk("faq.md", "Recrutement", "Les candidatures ouvrent chaque premier lundi du mois."),
	}
}

// deadlines records the context deadline of every request it sends on
// (none recorded as the zero time), so that a test can check how long
// an attempt was allowed without waiting that long.
type deadlines struct {
	mu sync.Mutex
	d  []time.Time
}

func (d *deadlines) RoundTrip(r *http.Request) (*http.Response, error) {
	dl, _ := r.Context().Deadline()
	d.mu.Lock()
	d.d = append(d.d, dl)
	d.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func (d *deadlines) all() []time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]time.Time(nil), d.d...)
}
