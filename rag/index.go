package rag

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"unicode"

	"github.com/philippgille/chromem-go"
)

// IndexOptions configures how an index is built and searched.
type IndexOptions struct {
	Embedder Embedder // the offline HashEmbedder if nil
	// LexicalWeight is the share of the BM25 score in the fused score;
	// the rest is the embedding similarity. Chosen by cross-validation
	// (see README); DefaultLexicalWeight if zero, BM25 alone if 1,
	// embeddings alone if negative.
	LexicalWeight float64
	K1, B         float64 // BM25 parameters; textbook values if zero
}

// DefaultLexicalWeight is the fusion weight for the offline embedder,
// chosen by 5-fold cross-validation on 2,307 French documentation queries
// (README, Benchmarks) with the one-standard-error rule: the largest
// embedding share whose MRR is within one standard error of the best
// (folds chose 0.85–0.9; best MRR alone picks BM25 alone, 0.416 vs 0.409).
// The embedding keeps a voice for the paraphrases that share no word with
// the documents, which that benchmark of page titles under-represents.
const DefaultLexicalWeight = 0.85

// Fitter is implemented by embedders learned from the knowledge itself
// (a latent semantic model, say): Build calls Fit with the texts it
// indexes and embeds with the embedder Fit returns.
type Fitter interface {
	Fit(ctx context.Context, texts []string) (Embedder, error)
}

// retainer is implemented by embedders that keep vectors between builds
// (a cache): after a build, only the texts of the new index need keeping.
type retainer interface {
	Retain(texts []string) int
}

// queryEmbedder is implemented by embedders that treat questions apart
// from documents (a cache that should not keep questions, for instance).
type queryEmbedder interface {
	EmbedQuery(ctx context.Context, text string) ([]float32, error)
}

// Index searches a fixed set of chunks, lexically and by embedding.
// It is safe for concurrent use and never changes once built.
type Index struct {
	chunks   []Chunk
	lex      *lexicon
	coll     *chromem.Collection
	emb      Embedder
	weight   float64
	accents  map[string]string // folded word → most frequent spelling in the knowledge
	themes   []Theme
	themeSet map[string]bool
	byID     map[string]int
}

// Build indexes chunks. It embeds them all; an error leaves nothing built.
func Build(ctx context.Context, chunks []Chunk, opt IndexOptions) (*Index, error) {
	if len(chunks) == 0 {
		return nil, errors.New("build index: no chunks")
	}
	if opt.Embedder == nil {
		opt.Embedder = NewHashEmbedder(0)
	}
	if opt.K1 == 0 {
		opt.K1 = defaultK1
	}
	if opt.B == 0 {
		opt.B = defaultB
	}
	ix := &Index{
		chunks: chunks, emb: opt.Embedder, weight: opt.LexicalWeight,
		themeSet: make(map[string]bool), byID: make(map[string]int, len(chunks)),
	}
	if ix.weight == 0 {
		ix.weight = DefaultLexicalWeight
	}
	ix.weight = min(max(ix.weight, 0), 1)

	texts := make([]string, len(chunks))
	docTerms := make([][]string, len(chunks))
	spellings := make(map[string]map[string]int)
	for i, c := range chunks {
		if _, dup := ix.byID[c.ID]; dup {
			return nil, fmt.Errorf("build index: duplicate chunk id %q", c.ID)
		}
		ix.byID[c.ID] = i
		texts[i] = indexText(c)
		docTerms[i] = terms(texts[i])
		countSpellings(spellings, texts[i])
		if t := c.Theme(); t != "" && !ix.themeSet[t] {
			ix.themeSet[t] = true
			ix.themes = append(ix.themes, Theme{Title: t})
		}
		for j := range ix.themes {
			if ix.themes[j].Title == c.Theme() {
				ix.themes[j].Chunks++
			}
		}
	}
	ix.lex = newLexicon(docTerms, opt.K1, opt.B)
	ix.accents = preferredSpellings(spellings)

	if f, ok := opt.Embedder.(Fitter); ok {
		fitted, err := f.Fit(ctx, texts)
		if err != nil {
			return nil, fmt.Errorf("fit embedder %s: %w", opt.Embedder.Name(), err)
		}
		opt.Embedder, ix.emb = fitted, fitted
	}
	vecs, err := opt.Embedder.Embed(ctx, texts)
	if err != nil {
		return nil, fmt.Errorf("embed %d chunks with %s: %w", len(texts), opt.Embedder.Name(), err)
	}
	if len(vecs) != len(texts) {
		return nil, fmt.Errorf("embed chunks with %s: got %d vectors for %d texts", opt.Embedder.Name(), len(vecs), len(texts))
	}
	db := chromem.NewDB()
	refuse := func(context.Context, string) ([]float32, error) {
		return nil, errors.New("the index embeds texts itself")
	}
	ix.coll, err = db.CreateCollection("chunks", nil, refuse)
	if err != nil {
		return nil, fmt.Errorf("create collection: %w", err)
	}
	docs := make([]chromem.Document, len(chunks))
	for i, c := range chunks {
		docs[i] = chromem.Document{
			ID:        strconv.Itoa(i),
			Metadata:  map[string]string{"theme": c.Theme()},
			Embedding: vecs[i],
			Content:   c.Text,
		}
	}
	if err := ix.coll.AddDocuments(ctx, docs, runtime.GOMAXPROCS(0)); err != nil {
		return nil, fmt.Errorf("add chunks to collection: %w", err)
	}
	// Only now that the index is complete may a cache forget the vectors
	// of chunks that are gone: a build that fails leaves it whole.
	if r, ok := opt.Embedder.(retainer); ok {
		r.Retain(texts)
	}
	return ix, nil
}

// indexText is what gets indexed for a chunk: its headings, then its text,
// so that a passage is found by the title of its section too.
func indexText(c Chunk) string {
	return strings.Join(c.Trail, "\n") + "\n" + c.Text
}

// Chunks returns the indexed chunks; callers must not modify them.
func (ix *Index) Chunks() []Chunk { return ix.chunks }

// Themes returns the top-level sections with their number of chunks.
func (ix *Index) Themes() []Theme { return append([]Theme(nil), ix.themes...) }

// LexicalWeight returns BM25's share of the fused score.
func (ix *Index) LexicalWeight() float64 { return ix.weight }

// Embedder returns the embedder the index was built with.
func (ix *Index) Embedder() Embedder { return ix.emb }

// SearchOptions narrows a search.
type SearchOptions struct {
	K     int    // hits wanted; 5 if zero
	Theme string // only chunks of this theme, if set
}

// candidates is how many hits each retriever contributes before fusion.
const candidates = 50

// Search returns the chunks that best match the query, best first: the
// union of the BM25 and embedding candidates, each score normalised by the
// query's best, fused with the index's lexical weight.
func (ix *Index) Search(ctx context.Context, query string, opt SearchOptions) ([]Hit, error) {
	if opt.K <= 0 {
		opt.K = 5
	}
	if opt.Theme != "" && !ix.themeSet[opt.Theme] {
		return nil, ErrUnknownTheme
	}
	lexical, semantic, err := ix.retrieve(ctx, query, opt, ix.weight)
	if errors.Is(err, errNoEmbedding) {
		return ix.fuse(lexical, nil, opt.K, 1), nil // BM25 alone
	}
	if err != nil {
		return nil, err
	}
	return ix.fuse(lexical, semantic, opt.K, ix.weight), nil
}

// retrieve runs the retrievers that weight w needs and returns their
// candidates.
func (ix *Index) retrieve(ctx context.Context, query string, opt SearchOptions, w float64) (lexical, semantic []scored, err error) {
	query = ix.restoreAccents(query)
	n := min(max(candidates, opt.K), len(ix.chunks))
	var allow func(int) bool
	if opt.Theme != "" {
		allow = func(d int) bool { return ix.chunks[d].Theme() == opt.Theme }
	}
	if w > 0 {
		lexical = ix.lex.search(ix.lex.resolve(terms(query)), n, allow)
	}
	if w < 1 {
		semantic, err = ix.semantic(ctx, query, n, opt.Theme)
		if err != nil && ctx.Err() == nil {
			// The embedding API failed for this question: BM25 alone
			// still answers it rather than failing the user.
			if w == 0 {
				lexical = ix.lex.search(ix.lex.resolve(terms(query)), n, allow)
			}
			return lexical, nil, fmt.Errorf("%w: %v", errNoEmbedding, err)
		}
	}
	return lexical, semantic, err
}

// errNoEmbedding marks a question the embedder could not embed.
var errNoEmbedding = errors.New("question not embedded")

func (ix *Index) semantic(ctx context.Context, query string, n int, theme string) ([]scored, error) {
	var vec []float32
	var err error
	if qe, ok := ix.emb.(queryEmbedder); ok {
		vec, err = qe.EmbedQuery(ctx, query)
	} else {
		var vecs [][]float32
		vecs, err = ix.emb.Embed(ctx, []string{query})
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

// countSpellings records how often each spelling of a word appears, keyed
// by the word without accents.
func countSpellings(m map[string]map[string]int, text string) {
	for _, w := range tokenize(text) {
		f := fold(w)
		if f == w {
			continue
		}
		if m[f] == nil {
			m[f] = make(map[string]int)
		}
		m[f][w]++
	}
}

func preferredSpellings(m map[string]map[string]int) map[string]string {
	out := make(map[string]string, len(m))
	for f, spellings := range m {
		best, n := "", 0
		for w, c := range spellings {
			if c > n || (c == n && w < best) {
				best, n = w, c
			}
		}
		out[f] = best
	}
	return out
}

// restoreAccents rewrites the words of a question typed without accents
// ("criminalite organisee") as the knowledge spells them ("criminalité
// organisée"), so that stemming, which depends on accents, treats both
// alike. Words that already carry accents are left as typed.
func (ix *Index) restoreAccents(q string) string {
	var b strings.Builder
	b.Grow(len(q))
	word := func(w string) {
		if lw := strings.ToLower(w); fold(lw) == lw {
			if s, ok := ix.accents[lw]; ok {
				w = s
			}
		}
		b.WriteString(w)
	}
	start := -1
	for i, r := range q {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			word(q[start:i])
			start = -1
		}
		b.WriteRune(r)
	}
	if start >= 0 {
		word(q[start:])
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
