package rag

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"

	"github.com/philippgille/chromem-go"

	"github.com/interpol-onu/assistant/rag/french"
)

// IndexOptions configures how an index is built and searched.
type IndexOptions struct {
	Embedder Embedder // the offline HashEmbedder if nil
	// LexicalWeight is BM25's share of the fused score, in [0, 1]: 1 is
	// BM25 alone, 0 the embeddings alone. Nil means the weight that fits
	// the embedder: DefaultLexicalWeight for the offline one,
	// APILexicalWeight for any other.
	LexicalWeight *float64
	K1, B         float64 // BM25 parameters; textbook values if zero
}

// DefaultLexicalWeight is the fusion weight for the offline embedder,
// chosen by 5-fold cross-validation on 2,307 French documentation queries
// (README, Benchmarks) with the one-standard-error rule: the largest
// embedding share whose MRR is within one standard error of the best
// (folds chose 0.85–0.9; best MRR alone picks BM25 alone, 0.416 vs 0.409).
const DefaultLexicalWeight = 0.85

// APILexicalWeight is the fusion weight with an API embedding model: dense
// models find paraphrases that BM25 misses, so both get an even share. It
// is a starting point, not a measurement (no model can be reached here):
// operators compare with LEXICAL_WEIGHT and assistant eval.
const APILexicalWeight = 0.5

// lexicalWeight decides the fusion weight, once.
func (o IndexOptions) lexicalWeight() float64 {
	if o.LexicalWeight != nil {
		return min(max(*o.LexicalWeight, 0), 1)
	}
	if _, offline := o.Embedder.(*HashEmbedder); offline {
		return DefaultLexicalWeight
	}
	return APILexicalWeight
}

// Index searches a fixed set of chunks, lexically and by embedding.
// It is safe for concurrent use and never changes once built.
type Index struct {
	chunks    []Chunk
	byID      map[string]int
	themes    []Theme
	themeSet  map[string]bool
	lex       *lexicon
	spellings french.Spellings // how the knowledge spells accented words
	coll      *chromem.Collection
	emb       Embedder
	weight    float64
}

// Build indexes chunks in three stages: the chunks' catalogue (ids and
// themes), the lexical index, then the embeddings. An error leaves
// nothing built.
func Build(ctx context.Context, chunks []Chunk, opt IndexOptions) (*Index, error) {
	if len(chunks) == 0 {
		return nil, errors.New("build index: no chunks")
	}
	if opt.Embedder == nil {
		opt.Embedder = NewHashEmbedder(0)
	}
	ix := &Index{chunks: chunks, emb: opt.Embedder, weight: opt.lexicalWeight()}
	if err := ix.catalogue(); err != nil {
		return nil, err
	}
	texts := make([]string, len(chunks))
	for i, c := range chunks {
		texts[i] = indexText(c)
	}
	ix.indexWords(texts, opt.K1, opt.B)
	if err := ix.embed(ctx, texts); err != nil {
		return nil, err
	}
	// Only now that the index is complete may a cache forget the vectors
	// of chunks that are gone: a build that fails leaves it whole.
	if r, ok := opt.Embedder.(Retainer); ok {
		r.Retain(texts)
	}
	return ix, nil
}

// catalogue checks the chunk ids and lists the themes in order.
func (ix *Index) catalogue() error {
	ix.byID = make(map[string]int, len(ix.chunks))
	ix.themeSet = make(map[string]bool)
	count := make(map[string]int)
	for i, c := range ix.chunks {
		if _, dup := ix.byID[c.ID]; dup {
			return fmt.Errorf("build index: duplicate chunk id %q", c.ID)
		}
		ix.byID[c.ID] = i
		t := c.Theme()
		if t != "" && !ix.themeSet[t] {
			ix.themeSet[t] = true
			ix.themes = append(ix.themes, Theme{Title: t})
		}
		count[t]++
	}
	for i := range ix.themes {
		ix.themes[i].Chunks = count[ix.themes[i].Title]
	}
	return nil
}

// indexWords builds the BM25 index and learns how the knowledge spells
// its accented words.
func (ix *Index) indexWords(texts []string, k1, b float64) {
	if k1 == 0 {
		k1 = defaultK1
	}
	if b == 0 {
		b = defaultB
	}
	docTerms := make([][]string, len(texts))
	var sp french.SpellingCounter
	for i, t := range texts {
		docTerms[i] = french.Terms(t)
		sp.Add(t)
	}
	ix.lex = newLexicon(docTerms, k1, b)
	ix.spellings = sp.Spellings()
}

// embed embeds the chunks into a chromem-go collection.
func (ix *Index) embed(ctx context.Context, texts []string) error {
	name := ix.emb.Name()
	vecs, err := ix.emb.Embed(ctx, texts)
	if err != nil {
		return fmt.Errorf("embed %d chunks with %s: %w", len(texts), name, err)
	}
	if len(vecs) != len(texts) {
		return fmt.Errorf("embed chunks with %s: got %d vectors for %d texts", name, len(vecs), len(texts))
	}
	refuse := func(context.Context, string) ([]float32, error) {
		return nil, errors.New("the index embeds texts itself")
	}
	ix.coll, err = chromem.NewDB().CreateCollection("chunks", nil, refuse)
	if err != nil {
		return fmt.Errorf("create collection: %w", err)
	}
	docs := make([]chromem.Document, len(ix.chunks))
	for i, c := range ix.chunks {
		docs[i] = chromem.Document{
			ID:        strconv.Itoa(i),
			Metadata:  map[string]string{"theme": c.Theme()},
			Embedding: vecs[i],
			Content:   c.Text,
		}
	}
	if err := ix.coll.AddDocuments(ctx, docs, runtime.GOMAXPROCS(0)); err != nil {
		return fmt.Errorf("add chunks to collection: %w", err)
	}
	return nil
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

// Headings lists every section title of the indexed knowledge, once each.
func (ix *Index) Headings() []string {
	seen := make(map[string]bool)
	var out []string
	for _, c := range ix.chunks {
		for _, t := range c.Trail {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}
