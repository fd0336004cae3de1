package openaicompat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/interpol-onu/assistant/config"
)

// Embedder embeds texts with an embedding model: batches of BatchSize
// texts, at most Concurrency requests in flight, each retried like the
// Generator's. Vectors come back in input order, L2-normalised (Ollama's
// are not).
type Embedder struct {
	client      *openai.Client
	model       string
	name        string
	batchSize   int
	concurrency int
	timeout     time.Duration
	retry       retrier
	secret      string
	dims        atomic.Int64 // dimension of the first vector seen, 0 before
}

// NewEmbedder returns an Embedder for cfg.EmbeddingModel on cfg.BaseURL
// (the OpenAI API when empty), using cfg.APIKey, cfg.Timeout per
// request, cfg.MaxRetries, cfg.BatchSize and cfg.Concurrency. A nil
// logger discards.
func NewEmbedder(cfg config.OpenAI, logger *slog.Logger, opts ...Option) (*Embedder, error) {
	if cfg.EmbeddingModel == "" {
		return nil, errors.New("create embedder: no embedding model named (EMBEDDING_MODEL)")
	}
	s := applyOptions(opts)
	return &Embedder{
		client:      newClient(cfg, s),
		model:       cfg.EmbeddingModel,
		name:        embedderName(cfg),
		batchSize:   max(cfg.BatchSize, 1),
		concurrency: max(cfg.Concurrency, 1),
		timeout:     timeoutOf(cfg),
		retry:       newRetrier(cfg, s, loggerOrDiscard(logger), "embeddings"),
		secret:      cfg.APIKey,
	}, nil
}

// embedderName is "openai-compatible:<host>/<model>". The server is part
// of the name because a model name means something only on the server
// that serves it: "nomic-embed-text" on two servers may be two builds, an
// alias may point anywhere. Moving servers thus costs one re-embedding,
// where trusting the name alone could mix two vector spaces in one index
// and silently return wrong passages.
func embedderName(cfg config.OpenAI) string {
	host := "api.openai.com"
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Host != "" {
		host = u.Host // never the user info, which may hold credentials
	}
	return "openai-compatible:" + host + "/" + cfg.EmbeddingModel
}

// Name identifies the vector space: the server and the model.
func (e *Embedder) Name() string { return e.name }

// Embed returns one L2-normalised vector per text, in order. Texts must
// not be empty.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	for i, t := range texts {
		if t == "" {
			return nil, fmt.Errorf("embed texts: text %d is empty", i)
		}
	}
	out := make([][]float32, len(texts))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
		slots    = make(chan struct{}, e.concurrency)
	)
	for start := 0; start < len(texts) && ctx.Err() == nil; start += e.batchSize {
		end := min(start+e.batchSize, len(texts))
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			continue // the loop condition ends it
		}
		wg.Go(func() {
			defer func() { <-slots }()
			vecs, err := e.embedBatch(ctx, texts[start:end])
			if err != nil {
				once.Do(func() { firstErr = err; cancel() })
				return
			}
			copy(out[start:end], vecs)
		})
	}
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		firstErr = ctx.Err()
	}
	if firstErr != nil {
		return nil, fmt.Errorf("embed %d texts with %s: %w", len(texts), e.model, redactErr(firstErr, e.secret))
	}
	return out, nil
}

// Probe embeds one short text, with the usual retries, to check at start
// that the API answers. Its error never contains the API key.
func (e *Embedder) Probe(ctx context.Context) error {
	if _, err := e.Embed(ctx, []string{"test"}); err != nil {
		return fmt.Errorf("reach embedding api: %w", err)
	}
	return nil
}

func (e *Embedder) embedBatch(ctx context.Context, batch []string) ([][]float32, error) {
	var vecs [][]float32
	err := e.retry.do(ctx, func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, e.timeout)
		defer cancel()
		resp, err := e.client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{
			Input: batch,
			Model: openai.EmbeddingModel(e.model),
		})
		if err != nil {
			return err
		}
		vecs, err = e.check(resp, len(batch))
		return err
	})
	return vecs, err
}

// check validates a response against its batch: one vector per input,
// each index once, one dimension throughout (and across calls), finite
// non-zero values. It returns the vectors in input order, normalised.
func (e *Embedder) check(resp openai.EmbeddingResponse, n int) ([][]float32, error) {
	if len(resp.Data) != n {
		return nil, fmt.Errorf("malformed embeddings: %d vectors for %d texts", len(resp.Data), n)
	}
	out := make([][]float32, n)
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= n || out[d.Index] != nil {
			return nil, fmt.Errorf("malformed embeddings: bad or repeated index %d", d.Index)
		}
		dims := int64(len(d.Embedding))
		if dims == 0 {
			return nil, fmt.Errorf("malformed embeddings: empty vector at index %d", d.Index)
		}
		if !e.dims.CompareAndSwap(0, dims) && e.dims.Load() != dims {
			return nil, fmt.Errorf("malformed embeddings: %d dimensions, %d before: did the model change?", dims, e.dims.Load())
		}
		v, err := normalise(d.Embedding)
		if err != nil {
			return nil, fmt.Errorf("malformed embeddings: index %d: %w", d.Index, err)
		}
		out[d.Index] = v
	}
	return out, nil
}

func normalise(v []float32) ([]float32, error) {
	var sum float64
	for _, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil, errors.New("vector holds a non-finite value")
		}
		sum += float64(x) * float64(x)
	}
	if sum == 0 {
		return nil, errors.New("zero vector")
	}
	inv := 1 / math.Sqrt(sum)
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) * inv)
	}
	return out, nil
}
