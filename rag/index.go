package rag

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
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

	fusion *fusion // the lexical signals' shares; defaultFusion if nil (experiments)
}

// DefaultLexicalWeight is the fusion weight for the offline embedder: the
// lexical fields alone. Once sections are ranked by their stems and
// character n-grams, the hashed embedder adds nothing measurable on
// question sets (MRR within noise at a share of 0.15 or 0.3) and loses on
// the title benchmark (README, Benchmarks); it also costs most of a
// search. Offline, chunks are then not embedded at all; LEXICAL_WEIGHT
// below 1 brings the embedder back.
const DefaultLexicalWeight = 1.0

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

// Index searches a fixed set of chunks, lexically and by embedding. It
// ranks sections, the unit a question is answered by, and answers each
// with its best chunks. It is safe for concurrent use and never changes
// once built.
type Index struct {
	chunks    []Chunk
	byID      map[string]int
	sections  []section
	sectionOf []int32 // chunk → section
	themes    []Theme
	themeSet  map[string]bool

	vocab     *vocabulary         // stems
	near      *vocabGrams         // the stems' near spellings
	chunkLex  *lexicon            // stems of each chunk, headings included
	secLex    *lexicon            // stems of each section, headings included
	headLex   *lexicon            // stems of each section's headings
	grams     *gramVocabulary     // character n-grams
	secGrams  *lexicon            // character n-grams of each section
	spellings french.Spellings    // how the knowledge spells accented words
	forms     map[string][]string // stem → the words of the knowledge that have it
	sorted    []string            // the stems, sorted, for words typed short

	coll   *chromem.Collection
	emb    Embedder
	weight float64
	fusion fusion
}

// Build indexes chunks in three stages: the catalogue (chunk ids,
// sections, themes), the lexical fields, then, unless the lexical weight
// is 1, the embeddings in a chromem-go collection. An error leaves
// nothing built.
func Build(ctx context.Context, chunks []Chunk, opt IndexOptions) (*Index, error) {
	if len(chunks) == 0 {
		return nil, errors.New("build index: no chunks")
	}
	if opt.Embedder == nil {
		opt.Embedder = NewHashEmbedder(0)
	}
	ix := &Index{chunks: chunks, emb: opt.Embedder, weight: opt.lexicalWeight(), fusion: defaultFusion}
	if opt.fusion != nil {
		ix.fusion = *opt.fusion
	}
	if err := ix.catalogue(); err != nil {
		return nil, err
	}
	ix.indexWords(opt.K1, opt.B)
	if ix.weight == 1 {
		return ix, nil // embeddings would never be read
	}
	texts := make([]string, len(chunks))
	for i, c := range chunks {
		texts[i] = indexText(c)
	}
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

// catalogue checks the chunk ids, groups the chunks into sections and
// lists the themes in order.
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
	ix.sections, ix.sectionOf = groupSections(ix.chunks)
	ix.markContents()
	return nil
}

// indexWords builds the lexical fields: the stems of chunks and of
// sections (their headings included) and the sections' character
// n-grams, and learns how the knowledge spells its accented words. Each
// piece of text is analysed once: a section is its headings and its
// chunks' own text, without the overlap they repeat.
func (ix *Index) indexWords(k1, b float64) {
	var size int
	for _, c := range ix.chunks {
		size += len(c.Text)
	}
	ix.vocab, ix.grams = newVocabulary(max(size/512, 1024)), newGramVocabulary(max(size/128, 4096))
	chunkDocs := make([][]int32, len(ix.chunks))
	secDocs := make([][]int32, len(ix.sections))
	gramDocs := make([][]int32, len(ix.sections))
	headDocs := make([][]int32, len(ix.sections))
	var sp french.SpellingCounter
	forms := make(map[string]map[string]bool)
	// analyse analyses text once: its terms, noting each stem's words and
	// their spellings, and its tokens for the n-gram field.
	analyse := func(text string) ([]string, []french.Token) {
		toks := french.Analyze(text)
		out := make([]string, len(toks))
		for i, t := range toks {
			out[i] = t.Term
			sp.AddWord(t.Word)
			if forms[t.Term] == nil {
				forms[t.Term] = make(map[string]bool)
			}
			if !forms[t.Term][t.Word] {
				// A word is a piece of its whole lower-cased text: keep a copy.
				forms[t.Term][strings.Clone(t.Word)] = true
			}
		}
		return out, toks
	}
	for s, sec := range ix.sections {
		trail := strings.Join(ix.chunks[sec.chunks[0]].Trail, "\n")
		terms, toks := analyse(trail)
		head := ix.vocab.numbered(terms)
		headDocs[s] = head
		secDocs[s] = append(secDocs[s], head...)
		gramDocs[s] = ix.grams.numbered(nil, toks)
		for _, c := range sec.chunks {
			ch := ix.chunks[c]
			repeated := ix.vocab.numbered(french.Terms(withoutLabels(ch.Text[:ch.Overlap])))
			terms, toks := analyse(withoutLabels(ch.Text[ch.Overlap:]))
			ids := ix.vocab.numbered(terms)
			chunkDocs[c] = append(append(append(make([]int32, 0, len(head)+len(repeated)+len(ids)), head...), repeated...), ids...)
			secDocs[s] = append(secDocs[s], ids...)
			gramDocs[s] = ix.grams.numbered(gramDocs[s], toks)
		}
	}
	ix.grams.built()
	ix.chunkLex = newLexicon(chunkDocs, len(ix.vocab.terms), k1, b)
	ix.secLex = newLexicon(secDocs, len(ix.vocab.terms), k1, b)
	ix.secGrams = newLexicon(gramDocs, ix.grams.len(), k1, b)
	ix.headLex = newLexicon(headDocs, len(ix.vocab.terms), k1, b)
	ix.near = newVocabGrams(ix.vocab.terms)
	ix.sorted = slices.Sorted(slices.Values(ix.vocab.terms))
	ix.spellings = sp.Spellings()
	ix.forms = make(map[string][]string, len(forms))
	for t, ws := range forms {
		ix.forms[t] = slices.Sorted(maps.Keys(ws))
	}
}

// termIDF is the idf of a term over the chunks; an unknown term has the
// highest.
func (ix *Index) termIDF(t string) float64 {
	id, ok := ix.vocab.ids[t]
	if !ok {
		return ix.chunkLex.idf(0)
	}
	return ix.chunkLex.idf(ix.chunkLex.df(id))
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
