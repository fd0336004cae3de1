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

	"github.com/interpol-onu/assistant/rag"
)

// Embedder embeds texts with an embedding model: batches of BatchSize
// texts, at most Concurrency requests in flight, each retried like the
// Generator's. Vectors come back in input order, L2-normalised (Ollama's
// are not). Questions have their own, short budget: see EmbedQuery.
type Embedder struct {
	client      *openai.Client
	model       string
	name        string
	batchSize   int
	concurrency int
	retry       retrier
	queryRetry  retrier
	logger      *slog.Logger
	secret      string
	dims        atomic.Int64 // dimension of the first vector seen, 0 before

	now       func() time.Time
	coolUntil atomic.Int64 // Unix nanoseconds before which questions are not sent
}

const (
	// maxQueryBudget caps the embedding of a question, retry included,
	// whose budget is otherwise OPENAI_TIMEOUT. The user waits for it: a
	// question whose embedding fails is answered by BM25 alone, and
	// should not wait long to learn that. But it must leave time for a
	// local model on a CPU (Ollama) to load again after it was unloaded
	// for idleness, which takes a few seconds and up to about ten for the
	// first request; a tighter cap would turn every first question after
	// a quiet spell into a failure and a cool-down. The cool-down spares
	// the questions that follow a real outage this wait.
	maxQueryBudget = 15 * time.Second
	// queryCoolDown is how long, after a question's embedding failed
	// because the API is down or too slow (not because of the question),
	// questions are not sent to the API at all, so that while it is down
	// each one does not wait its budget in vain.
	queryCoolDown = 30 * time.Second
)

var _ rag.QueryEmbedder = (*Embedder)(nil)

// NewEmbedder returns an Embedder for cfg.EmbeddingModel on cfg.BaseURL
// (the OpenAI API when empty), using cfg.APIKey, cfg.Timeout per
// request, cfg.MaxRetries, cfg.BatchSize and cfg.Concurrency. A nil
// logger discards.
func NewEmbedder(cfg Config, logger *slog.Logger, opts ...Option) (*Embedder, error) {
	if cfg.EmbeddingModel == "" {
		return nil, errors.New("create embedder: no embedding model named (EMBEDDING_MODEL)")
	}
	if cfg.Timeout <= 0 {
		return nil, fmt.Errorf("create embedder: %w", errNoTimeout)
	}
	s := applyOptions(opts)
	logger = loggerOrDiscard(logger)
	// A question gets min(OPENAI_TIMEOUT, maxQueryBudget) in all, which
	// a first attempt may use whole (a model loading); a second attempt
	// follows a quick failure (a reset connection, a 503) if at least
	// half the budget (5 s at most) is left, none a timeout.
	qr := newRetrier(cfg, s, logger, KindEmbeddings, "question embedding")
	qr.maxRetries = min(qr.maxRetries, 1)
	qr.timeout = min(qr.timeout, maxQueryBudget)
	qr.minAttempt = min(qr.timeout/2, maxMinAttempt)
	return &Embedder{
		client:      newClient(cfg, s),
		model:       cfg.EmbeddingModel,
		name:        embedderName(cfg),
		batchSize:   max(cfg.BatchSize, 1),
		concurrency: max(cfg.Concurrency, 1),
		retry:       newRetrier(cfg, s, logger, KindEmbeddings, "embeddings"),
		queryRetry:  qr,
		logger:      logger,
		secret:      cfg.APIKey,
		now:         time.Now,
	}, nil
}

// embedderName is "openai-compatible:<host>/<model>". The server is part
// of the name because a model name means something only on the server
// that serves it: "nomic-embed-text" on two servers may be two builds, an
// alias may point anywhere. Moving servers thus costs one re-embedding,
// where trusting the name alone could mix two vector spaces in one index
// and silently return wrong passages.
func embedderName(cfg Config) string {
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
			vecs, err := e.embedWith(ctx, e.retry, texts[start:end])
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
	e.coolUntil.Store(0) // the API answers again
	return out, nil
}

// EmbedQuery returns the L2-normalised vector of a question, within
// min(timeout, 15 s) and with at most one retry, since the index answers
// with BM25 alone when it fails. After the API failed (an error another
// attempt might not repeat: a timeout, a network error, 408, 429, 5xx, a
// malformed reply), it fails at once for 30 s (or until an Embed
// succeeds) rather than wait for an API that is likely still down. An
// error due to the question (400, 413…) fails this question alone.
func (e *Embedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	if text == "" {
		return nil, errors.New("embed question: empty text")
	}
	if until := e.coolUntil.Load(); until != 0 && e.now().UnixNano() < until {
		return nil, fmt.Errorf("embed question with %s: %w", e.model, errCoolingDown)
	}
	qctx, cancel := context.WithTimeout(ctx, e.queryRetry.timeout)
	defer cancel()
	vecs, err := e.embedWith(qctx, e.queryRetry, []string{text})
	if err != nil {
		// Cool down when the API failed, not the caller (who left, or
		// left too little time) nor the question.
		if apiDown, _ := retryable(err); apiDown && ctx.Err() == nil {
			e.coolUntil.Store(e.now().Add(queryCoolDown).UnixNano())
			e.logger.Warn("embedding api failed for a question: questions use keyword search alone for a while",
				"cool_down", queryCoolDown, "err", redact(err.Error(), e.secret))
		}
		return nil, fmt.Errorf("embed question with %s: %w", e.model, redactErr(err, e.secret))
	}
	e.coolUntil.Store(0)
	return vecs[0], nil
}

// errMalformedEmbeddings starts the error of a reply whose vectors
// cannot be used.
var errMalformedEmbeddings = errors.New("malformed embeddings")

// errCoolingDown is EmbedQuery's error while it leaves the API alone.
var errCoolingDown = errors.New("embedding api failed recently, not asking it again yet")

// Probe embeds one short text, with the usual retries, to check at start
// that the API answers. Its error never contains the API key.
func (e *Embedder) Probe(ctx context.Context) error {
	if _, err := e.Embed(ctx, []string{"test"}); err != nil {
		return fmt.Errorf("reach embedding api: %w", err)
	}
	return nil
}

// embedWith embeds one batch, retrying as retry says.
func (e *Embedder) embedWith(ctx context.Context, retry retrier, batch []string) ([][]float32, error) {
	var vecs [][]float32
	err := retry.do(ctx, func(ctx context.Context) error {
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
		return nil, fmt.Errorf("%w: %d vectors for %d texts", errMalformedEmbeddings, len(resp.Data), n)
	}
	out := make([][]float32, n)
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= n || out[d.Index] != nil {
			return nil, fmt.Errorf("%w: bad or repeated index %d", errMalformedEmbeddings, d.Index)
		}
		dims := int64(len(d.Embedding))
		if dims == 0 {
			return nil, fmt.Errorf("%w: empty vector at index %d", errMalformedEmbeddings, d.Index)
		}
		if !e.dims.CompareAndSwap(0, dims) && e.dims.Load() != dims {
			return nil, fmt.Errorf("%w: %d dimensions, %d before: did the model change?", errMalformedEmbeddings, dims, e.dims.Load())
		}
		v, err := normalise(d.Embedding)
		if err != nil {
			return nil, fmt.Errorf("%w: index %d: %w", errMalformedEmbeddings, d.Index, err)
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
