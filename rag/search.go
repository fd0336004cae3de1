package rag

import (
	"context"
	"fmt"
	"strconv"
)

// SearchOptions narrows a search.
type SearchOptions struct {
	K     int    // hits wanted; 5 if zero
	Theme string // only chunks of this theme, if set
}

// Retrieval is what a search found.
type Retrieval struct {
	Hits []Hit // best first
	// NotEmbedded is why the question could not be embedded (the
	// embedding API failed after start), nil otherwise: Hits then come
	// from BM25 alone.
	NotEmbedded error
}

// candidates is how many hits each retriever contributes before fusion.
const candidates = 50

// Search reads a question and returns the chunks that best match it; see
// Retrieve.
func (ix *Index) Search(ctx context.Context, question string, opt SearchOptions) ([]Hit, error) {
	res, err := ix.Retrieve(ctx, ix.Read(question), opt)
	return res.Hits, err
}

// Retrieve returns the chunks that best match a question, best first: the
// union of the BM25 and embedding candidates, each score normalised by the
// question's best, fused with the index's lexical weight. A question the
// embedder cannot embed is answered by BM25 alone, and says so.
func (ix *Index) Retrieve(ctx context.Context, r *Reading, opt SearchOptions) (Retrieval, error) {
	if opt.K <= 0 {
		opt.K = 5
	}
	if opt.Theme != "" && !ix.themeSet[opt.Theme] {
		return Retrieval{}, ErrUnknownTheme
	}
	n := min(max(candidates, opt.K), len(ix.chunks))
	var allow func(int) bool
	if opt.Theme != "" {
		allow = func(d int) bool { return ix.chunks[d].Theme() == opt.Theme }
	}
	w := ix.weight
	var lexical, semantic []scored
	if w < 1 {
		var err error
		semantic, err = ix.semantic(ctx, r.Restored, n, opt.Theme)
		if ctx.Err() != nil {
			return Retrieval{}, ctx.Err()
		}
		if err != nil {
			lexical = ix.lex.search(ix.lex.resolve(r.Terms), n, allow)
			return Retrieval{Hits: ix.fuse(lexical, nil, opt.K, 1), NotEmbedded: err}, nil
		}
	}
	if w > 0 {
		lexical = ix.lex.search(ix.lex.resolve(r.Terms), n, allow)
	}
	return Retrieval{Hits: ix.fuse(lexical, semantic, opt.K, w)}, nil
}

func (ix *Index) semantic(ctx context.Context, text string, n int, theme string) ([]scored, error) {
	var vec []float32
	var err error
	if qe, ok := ix.emb.(QueryEmbedder); ok {
		vec, err = qe.EmbedQuery(ctx, text)
	} else {
		var vecs [][]float32
		vecs, err = ix.emb.Embed(ctx, []string{text})
		if err == nil && len(vecs) == 1 {
			vec = vecs[0]
		}
	}
	if err != nil {
		return nil, fmt.Errorf("embed question with %s: %w", ix.emb.Name(), err)
	}
	if len(vec) == 0 {
		return nil, fmt.Errorf("embed question with %s: no vector returned", ix.emb.Name())
	}
	var where map[string]string
	if theme != "" {
		where = map[string]string{"theme": theme}
	}
	res, err := ix.coll.QueryEmbedding(ctx, vec, n, where, nil)
	if err != nil {
		return nil, fmt.Errorf("query collection: %w", err)
	}
	out := make([]scored, 0, len(res))
	for _, r := range res {
		d, err := strconv.Atoi(r.ID)
		if err != nil {
			return nil, fmt.Errorf("query collection: unexpected id %q", r.ID)
		}
		out = append(out, scored{d, float64(r.Similarity)})
	}
	return out, nil
}

// fuse combines the two rankings by normalised weighted scores: each list
// is divided by its best score, so both range over [0, 1] whatever the
// query; a chunk missing from a list scores 0 there.
func (ix *Index) fuse(lexical, semantic []scored, k int, w float64) []Hit {
	type pair struct{ lex, sem float64 }
	byDoc := make(map[int]*pair)
	get := func(d int) *pair {
		p, ok := byDoc[d]
		if !ok {
			p = &pair{}
			byDoc[d] = p
		}
		return p
	}
	if len(lexical) > 0 && lexical[0].score > 0 {
		for _, s := range lexical {
			get(s.doc).lex = s.score / lexical[0].score
		}
	}
	if len(semantic) > 0 && semantic[0].score > 0 {
		for _, s := range semantic {
			get(s.doc).sem = max(s.score, 0) / semantic[0].score
		}
	}
	all := make([]scored, 0, len(byDoc))
	for d, p := range byDoc {
		all = append(all, scored{d, w*p.lex + (1-w)*p.sem})
	}
	all = topK(all, k)
	hits := make([]Hit, len(all))
	for i, s := range all {
		p := byDoc[s.doc]
		hits[i] = Hit{Chunk: ix.chunks[s.doc], Score: s.score, Lexical: p.lex, Semantic: p.sem}
	}
	return hits
}
