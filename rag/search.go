package rag

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/interpol-onu/assistant/rag/french"
)

// SearchOptions narrows a search.
type SearchOptions struct {
	K     int    // hits wanted; 5 if zero
	Theme string // only chunks of this theme, if set
}

// Retrieval is what a search found.
type Retrieval struct {
	Hits []Hit // one per section, best first
	// NotEmbedded is why the question could not be embedded (the
	// embedding API failed after start), nil otherwise: Hits then come
	// from the lexical fields alone.
	NotEmbedded error
}

// candidates is how many sections or chunks each signal contributes
// before fusion.
const candidates = 100

// fusion weighs the lexical signals of a section, each divided by the
// question's best: the stems of the whole section, its character
// n-grams, and the stems of its best chunk. The shares add up to 1.
type fusion struct{ section, grams, chunk, heading float64 }

// defaultFusion is chosen by cross-validation (README, Benchmarks).
var defaultFusion = fusion{section: 0.5, grams: 0.5}

// Search reads a question and returns the sections that best match it,
// each as its best chunk; see Retrieve.
func (ix *Index) Search(ctx context.Context, question string, opt SearchOptions) ([]Hit, error) {
	res, err := ix.Retrieve(ctx, ix.Read(question), opt)
	return res.Hits, err
}

// Retrieve returns the sections that best match a question, best first,
// each as the chunk that best matches it. A section's score fuses the
// lexical signals (see fusion) and, with the index's lexical weight, the
// embedding similarity of its best chunk; each signal is divided by the
// question's best, and a section is worth its own score or its best
// chunk's, never a sum over its chunks. A question the embedder cannot
// embed is answered lexically, and says so.
func (ix *Index) Retrieve(ctx context.Context, r *Reading, opt SearchOptions) (Retrieval, error) {
	if opt.K <= 0 {
		opt.K = 5
	}
	if opt.Theme != "" && !ix.themeSet[opt.Theme] {
		return Retrieval{}, ErrUnknownTheme
	}
	var res Retrieval
	w := ix.weight
	var sem map[int32]float64 // chunk → similarity
	if w < 1 {
		var err error
		sem, err = ix.semantic(ctx, r.searchText(), opt.Theme)
		if ctx.Err() != nil {
			return Retrieval{}, ctx.Err()
		}
		if err != nil {
			res.NotEmbedded, sem, w = err, nil, 1
		}
	}
	sig := ix.lexicalSignals(r, opt.Theme, w > 0)
	sig.sem = sem
	res.Hits = ix.rank(sig, w, opt.K)
	return res, nil
}

// signals are a question's scores, by section and by chunk.
type signals struct {
	section, grams map[int32]float64 // by section
	heading        map[int32]float64 // stems of the section's headings, by section
	chunk          map[int32]float64 // chunk stems, by chunk
	sem            map[int32]float64 // embedding similarity, by chunk
}

func (ix *Index) lexicalSignals(r *Reading, theme string, want bool) signals {
	var sig signals
	if !want {
		return sig
	}
	allowSection, allowChunk := ix.themeFilters(theme)
	q := ix.resolve(r)
	sig.section = ix.secLex.scores(q, allowSection)
	sig.chunk = ix.chunkLex.scores(q, allowChunk)
	sig.grams = ix.secGrams.scores(ix.gramQuery(r.Restored), allowSection)
	sig.heading = ix.headLex.scores(q, allowSection)
	return sig
}

func (ix *Index) themeFilters(theme string) (sections, chunks func(int) bool) {
	if theme == "" {
		return nil, nil
	}
	sections = func(s int) bool { return ix.sections[s].theme == theme }
	chunks = func(c int) bool { return ix.chunks[c].Theme() == theme }
	return sections, chunks
}

// gramQuery is the question's character n-grams, each once.
func (ix *Index) gramQuery(text string) []weightedTerm {
	seen := make(map[int32]bool)
	var q []weightedTerm
	for _, t := range french.Analyze(text) {
		if t.Part {
			continue
		}
		wordGrams(t.Word, func(h uint64) {
			if id, ok := ix.grams.ids[h]; ok && !seen[id] {
				seen[id] = true
				q = append(q, weightedTerm{id, 1})
			}
		})
	}
	return q
}

// rank fuses the signals into section scores and returns the k best
// sections, each as its best chunk.
func (ix *Index) rank(sig signals, w float64, k int) []Hit {
	f := ix.fusion
	section, grams, heading := normalised(sig.section), normalised(sig.grams), normalised(sig.heading)
	chunk, sem := normalised(sig.chunk), normalised(sig.sem)
	bestChunk := func(m map[int32]float64) map[int32]float64 { // section → its best chunk's score
		out := make(map[int32]float64, len(m))
		for c, v := range m {
			s := ix.sectionOf[c]
			out[s] = max(out[s], v)
		}
		return out
	}
	chunkBySection, semBySection := bestChunk(chunk), bestChunk(sem)
	total := make(map[int32]float64)
	for _, m := range []map[int32]float64{section, grams, heading, chunkBySection, semBySection} {
		for s := range m {
			total[s] = 0
		}
	}
	for s := range total {
		if ix.sections[s].contents {
			delete(total, s)
			continue
		}
		lexical := f.section*section[s] + f.grams*grams[s] + f.chunk*chunkBySection[s] + f.heading*heading[s]
		total[s] = w*lexical + (1-w)*semBySection[s]
	}
	ranked := make([]scored, 0, len(total))
	for s, v := range total {
		ranked = append(ranked, scored{int(s), v})
	}
	ranked = topK(ranked, k)
	hits := make([]Hit, len(ranked))
	for i, r := range ranked {
		c := ix.pickChunks(ix.sections[r.doc], chunk, sem, w)
		hits[i] = Hit{Chunk: ix.chunks[c[0]], Score: r.score, Semantic: semBySection[int32(r.doc)]}
		if w > 0 {
			hits[i].Lexical = (r.score - (1-w)*hits[i].Semantic) / w
		}
		for _, j := range c {
			hits[i].Passage = append(hits[i].Passage, ix.chunks[j])
		}
	}
	return hits
}

// passageChunks is how many chunks of a section a hit offers to the
// refusal checks and the answer: its best ones.
const passageChunks = 3

// pickChunks returns the chunks of a section that best match the
// question, best first, at most passageChunks.
func (ix *Index) pickChunks(sec section, chunk, sem map[int32]float64, w float64) []int32 {
	order := slices.Clone(sec.chunks)
	score := func(c int32) float64 { return w*chunk[c] + (1-w)*sem[c] }
	slices.SortStableFunc(order, func(a, b int32) int {
		switch sa, sb := score(a), score(b); {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	return order[:min(len(order), passageChunks)]
}

// normalised divides scores by their best, so every signal ranges over
// [0, 1] whatever the question.
func normalised(m map[int32]float64) map[int32]float64 {
	best := 0.0
	for _, v := range m {
		best = max(best, v)
	}
	out := make(map[int32]float64, len(m))
	if best <= 0 {
		return out
	}
	for k, v := range m {
		if v > 0 {
			out[k] = v / best
		}
	}
	return out
}

// semantic returns the similarity of the chunks nearest the question.
func (ix *Index) semantic(ctx context.Context, text, theme string) (map[int32]float64, error) {
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
	res, err := ix.coll.QueryEmbedding(ctx, vec, min(candidates, ix.coll.Count()), where, nil)
	if err != nil {
		return nil, fmt.Errorf("query collection: %w", err)
	}
	out := make(map[int32]float64, len(res))
	for _, r := range res {
		d, err := strconv.Atoi(r.ID)
		if err != nil {
			return nil, fmt.Errorf("query collection: unexpected id %q", r.ID)
		}
		out[int32(d)] = max(float64(r.Similarity), 0)
	}
	return out, nil
}
