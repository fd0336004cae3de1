package rag

import (
	"math"
	"sort"
)

// BM25 parameters. k1 near 1.2 and b near 0.75 are the textbook values;
// see Options for the ones the index uses.
const (
	defaultK1 = 1.2
	defaultB  = 0.75
)

// lexicon is an inverted index over chunk terms, scored with BM25.
type lexicon struct {
	ids      map[string]int32 // term → term id
	postings [][]posting      // by term id, chunk ids ascending
	docLen   []uint16         // terms per chunk (saturated)
	avgLen   float64
	k1, b    float64
	grams    *vocabGrams // character n-grams of the vocabulary
}

type posting struct {
	doc int32
	tf  uint16
}

// weightedTerm is a query term with the weight it carries in scoring.
type weightedTerm struct {
	id     int32
	weight float64
}

func newLexicon(docs [][]string, k1, b float64) *lexicon {
	lx := &lexicon{ids: make(map[string]int32), docLen: make([]uint16, len(docs)), k1: k1, b: b}
	counts := make(map[int32]uint16)
	var total float64
	for d, ts := range docs {
		clear(counts)
		for _, t := range ts {
			id, ok := lx.ids[t]
			if !ok {
				id = int32(len(lx.postings))
				lx.ids[t] = id
				lx.postings = append(lx.postings, nil)
			}
			if counts[id] < math.MaxUint16 {
				counts[id]++
			}
		}
		for id, tf := range counts {
			lx.postings[id] = append(lx.postings[id], posting{doc: int32(d), tf: tf})
		}
		lx.docLen[d] = uint16(min(len(ts), math.MaxUint16))
		total += float64(len(ts))
	}
	for i, p := range lx.postings { // trim spare capacity: memory is per chunk
		lx.postings[i] = p[:len(p):len(p)]
	}
	if len(docs) > 0 {
		lx.avgLen = total / float64(len(docs))
	}
	vocab := make([]string, len(lx.postings))
	for t, id := range lx.ids {
		vocab[id] = t
	}
	lx.grams = newVocabGrams(vocab)
	return lx
}

// idf is BM25's inverse document frequency, always positive.
func (lx *lexicon) idf(df int) float64 {
	n := float64(len(lx.docLen))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// termIDF returns the idf of a term, or that of an unseen term.
func (lx *lexicon) termIDF(term string) float64 {
	if id, ok := lx.ids[term]; ok {
		return lx.idf(len(lx.postings[id]))
	}
	return lx.idf(0)
}

// resolve maps query terms to vocabulary terms. A term the knowledge does
// not contain is matched to its nearest spelling by character n-grams
// (typos, other inflections), weighted by their similarity.
func (lx *lexicon) resolve(qterms []string) []weightedTerm {
	seen := make(map[int32]int)
	var out []weightedTerm
	add := func(id int32, w float64) {
		if i, ok := seen[id]; ok {
			out[i].weight = max(out[i].weight, w)
			return
		}
		seen[id] = len(out)
		out = append(out, weightedTerm{id, w})
	}
	for _, t := range qterms {
		if id, ok := lx.ids[t]; ok {
			add(id, 1)
			continue
		}
		if id, sim := lx.grams.nearest(t); sim > 0 {
			add(id, sim)
		}
	}
	return out
}

// scored is a chunk with a score.
type scored struct {
	doc   int
	score float64
}

// search returns the k best chunks for the query terms, best first.
// allow, if not nil, filters chunks.
func (lx *lexicon) search(q []weightedTerm, k int, allow func(int) bool) []scored {
	if len(q) == 0 || k <= 0 {
		return nil
	}
	acc := make(map[int32]float64)
	for _, wt := range q {
		list := lx.postings[wt.id]
		idf := lx.idf(len(list)) * wt.weight
		for _, p := range list {
			tf := float64(p.tf)
			norm := lx.k1 * (1 - lx.b + lx.b*float64(lx.docLen[p.doc])/lx.avgLen)
			acc[p.doc] += idf * tf * (lx.k1 + 1) / (tf + norm)
		}
	}
	out := make([]scored, 0, len(acc))
	for d, s := range acc {
		if allow == nil || allow(int(d)) {
			out = append(out, scored{int(d), s})
		}
	}
	return topK(out, k)
}

// topK sorts by descending score (ties by chunk order) and keeps k.
func topK(s []scored, k int) []scored {
	sort.Slice(s, func(i, j int) bool {
		if s[i].score != s[j].score {
			return s[i].score > s[j].score
		}
		return s[i].doc < s[j].doc
	})
	if len(s) > k {
		s = s[:k]
	}
	return s
}
