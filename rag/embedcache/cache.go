package embedcache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/interpol-onu/assistant/rag"
)

var (
	_ rag.Retainer      = (*Embedder)(nil)
	_ rag.QueryEmbedder = (*Embedder)(nil)
)

// Embedder is a rag.Embedder that remembers the vectors of inner.
type Embedder struct {
	inner    rag.Embedder
	path     string
	logger   *slog.Logger
	observer Observer

	mu      sync.Mutex
	vectors map[key][]float32
	dims    int
}

// Open returns an Embedder caching inner's vectors in dir (created if
// needed). A cache file that cannot be read or checked is logged, moved
// aside as <file>.corrupt, and rebuilt: it is never trusted. A nil
// logger discards.
func Open(dir string, inner rag.Embedder, logger *slog.Logger, opts ...Option) (*Embedder, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open embedding cache: %w", err)
	}
	e := &Embedder{
		inner:    inner,
		path:     filepath.Join(dir, fileName(inner.Name())),
		logger:   logger,
		observer: noObserver{},
		vectors:  map[key][]float32{},
	}
	for _, opt := range opts {
		opt(e)
	}
	s, err := readFile(e.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err == nil && s.name != inner.Name():
		e.discard(fmt.Errorf("file belongs to embedder %q", s.name))
	case err != nil:
		e.discard(err)
	default:
		e.vectors, e.dims = s.vectors, s.dims
	}
	return e, nil
}

func (e *Embedder) discard(reason error) {
	e.logger.Warn("embedding cache unusable: rebuilding it", "path", e.path, "err", reason)
	if err := os.Rename(e.path, e.path+".corrupt"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		e.logger.Warn("embedding cache: cannot move the unusable file aside", "err", err)
	}
}

// fileName turns an embedder name into a file name: readable, and unique
// thanks to a hash of the exact name.
func fileName(name string) string {
	clean := strings.Map(func(r rune) rune {
		if r < 128 && (r == '-' || r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, name)
	if len(clean) > 80 {
		clean = clean[:80]
	}
	sum := sha256.Sum256([]byte(name))
	return clean + "-" + hex.EncodeToString(sum[:6]) + ".vectors"
}

// Path is the cache file.
func (e *Embedder) Path() string { return e.path }

// Name is the inner embedder's.
func (e *Embedder) Name() string { return e.inner.Name() }

// Len is the number of vectors held.
func (e *Embedder) Len() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.vectors)
}

// Embed returns the vectors of texts, asking inner, in one call, only for
// the texts it has not seen, then saving the file if it learnt any.
// Callers should pass all the texts of a reload at once: each call that
// learns something rewrites the file. The vectors returned are shared
// with the cache and must not be modified.
func (e *Embedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	out := make([][]float32, len(texts))
	keys := make([]key, len(texts))
	var missing []string
	pending := map[key]int{} // key → index in missing

	e.mu.Lock()
	for i, t := range texts {
		keys[i] = sha256.Sum256([]byte(t))
		if v, ok := e.vectors[keys[i]]; ok {
			out[i] = v
		} else if _, ok := pending[keys[i]]; !ok {
			pending[keys[i]] = len(missing)
			missing = append(missing, t)
		}
	}
	e.mu.Unlock()
	e.observer.Looked(len(texts)-len(missing), len(missing))
	if len(missing) == 0 {
		return out, nil
	}

	vecs, err := e.inner.Embed(ctx, missing)
	if err != nil {
		return nil, fmt.Errorf("embed %d uncached texts: %w", len(missing), err)
	}
	if len(vecs) != len(missing) {
		return nil, fmt.Errorf("embed %d uncached texts: got %d vectors", len(missing), len(vecs))
	}
	if err := e.learn(missing, vecs); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i] == nil {
			out[i] = vecs[pending[keys[i]]]
		}
	}
	return out, nil
}

// learn adds new vectors and saves the file. Vectors of another dimension
// than those held mean the space changed under the same name: the cache
// is emptied, so that the next full build starts clean, and the call fails.
func (e *Embedder) learn(texts []string, vecs [][]float32) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, v := range vecs {
		if e.dims == 0 && len(e.vectors) == 0 {
			e.dims = len(v)
		}
		if len(v) != e.dims || len(v) == 0 {
			dims := e.dims
			e.vectors, e.dims = map[key][]float32{}, 0
			e.save()
			return fmt.Errorf("embedder %s returned %d dimensions where the cache held %d: cache emptied, rebuild the index",
				e.inner.Name(), len(v), dims)
		}
		e.vectors[sha256.Sum256([]byte(texts[i]))] = v
	}
	e.save()
	return nil
}

// save writes the file. A failure costs re-embedding after a restart,
// not an answer: it is logged, not returned.
func (e *Embedder) save() {
	err := writeFile(e.path, snapshot{name: e.inner.Name(), dims: e.dims, vectors: e.vectors})
	if err != nil {
		e.logger.Warn("embedding cache: cannot save; vectors will be computed again after a restart", "path", e.path, "err", err)
	}
}

// Retain forgets the vectors of every text not in texts, and saves the
// file if it forgot any: call it after a full reload with all the chunk
// texts, so the file does not grow with every edit. It returns how many
// vectors were forgotten.
func (e *Embedder) Retain(texts []string) int {
	keep := make(map[key]struct{}, len(texts))
	for _, t := range texts {
		keep[sha256.Sum256([]byte(t))] = struct{}{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	removed := 0
	for k := range e.vectors {
		if _, ok := keep[k]; !ok {
			delete(e.vectors, k)
			removed++
		}
	}
	if removed > 0 {
		e.save()
	}
	return removed
}

// EmbedQuery embeds a question without caching it, so the cache holds
// chunks only. It uses the inner embedder's EmbedQuery when it has one
// (openaicompat.Embedder gives a question a short time budget, so that the
// index soon falls back to BM25 alone when the API is down).
func (e *Embedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	if q, ok := e.inner.(rag.QueryEmbedder); ok {
		return q.EmbedQuery(ctx, text)
	}
	vecs, err := e.inner.Embed(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	if len(vecs) != 1 {
		return nil, fmt.Errorf("embed query: got %d vectors", len(vecs))
	}
	return vecs[0], nil
}
