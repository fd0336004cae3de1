package rag

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// BM25 parameters. k1 near 1.2 and b near 0.75 are the textbook values;
// see IndexOptions for the ones the index uses.
const (
	defaultK1 = 1.2
	defaultB  = 0.75
)

// vocabulary numbers the terms of an index. It is shared by the fields
// that index the same terms (chunks and sections), so a question's terms
// are resolved once.
type vocabulary struct {
	ids   map[string]int32
	terms []string
}

// newVocabulary returns an empty vocabulary with room for about hint terms.
func newVocabulary(hint int) *vocabulary {
	return &vocabulary{ids: make(map[string]int32, hint), terms: make([]string, 0, hint)}
}

// add returns the id of t, numbering it if new.
func (v *vocabulary) add(t string) int32 {
	id, ok := v.ids[t]
	if !ok {
		t = strings.Clone(t) // a term may be a piece of a whole text
		id = int32(len(v.terms))
		v.ids[t] = id
		v.terms = append(v.terms, t)
	}
	return id
}

// numbered returns the ids of terms, numbering new ones.
func (v *vocabulary) numbered(terms []string) []int32 {
	out := make([]int32, len(terms))
	for i, t := range terms {
		out[i] = v.add(t)
	}
	return out
}

// lexicon is an inverted index over documents (chunks, sections or any
// unit), scored with BM25. Its postings are laid out in two flat arrays,
// documents and term frequencies, each term's run starting at start[id]:
// six bytes a posting, where a slice of structs per term took eight and
// a slice header.
type lexicon struct {
	start  []int32  // term id → its first posting; start[id+1] ends its run
	docs   []int32  // documents, ascending within a term's run
	tfs    []uint16 // term frequencies, saturated
	docLen []uint16 // terms per document (saturated)
	avgLen float64
	k1, b  float64
}

// weightedTerm is a query term with the weight it carries in scoring.
type weightedTerm struct {
	id     int32
	weight float64
}

// newLexicon indexes docs, given as term ids of a vocabulary of nterms.
func newLexicon(docs [][]int32, nterms int, k1, b float64) *lexicon {
	if k1 == 0 {
		k1 = defaultK1
	}
	if b == 0 {
		b = defaultB
	}
	lx := &lexicon{start: make([]int32, nterms+1), docLen: make([]uint16, len(docs)), k1: k1, b: b}
	// Count each term's documents, then fill each term's run.
	last := make([]int32, nterms) // the last document (plus one) a term was seen in
	for d, ts := range docs {
		for _, id := range ts {
			if last[id] != int32(d+1) {
				last[id] = int32(d + 1)
				lx.start[id+1]++
			}
		}
	}
	for id := range nterms {
		lx.start[id+1] += lx.start[id]
	}
	n := lx.start[nterms]
	lx.docs, lx.tfs = make([]int32, n), make([]uint16, n)
	next := last // reused: the next free posting of each term's run
	copy(next, lx.start[:nterms])
	counts := make([]uint16, nterms)
	var total float64
	for d, ts := range docs {
		for _, id := range ts {
			if counts[id] == 0 {
				lx.docs[next[id]] = int32(d)
				next[id]++
			}
			if counts[id] < math.MaxUint16 {
				counts[id]++
			}
		}
		for _, id := range ts {
			if c := counts[id]; c > 0 {
				lx.tfs[next[id]-1] = c
				counts[id] = 0
			}
		}
		lx.docLen[d] = uint16(min(len(ts), math.MaxUint16))
		total += float64(len(ts))
	}
	if len(docs) > 0 {
		lx.avgLen = total / float64(len(docs))
	}
	return lx
}

// postings returns the documents holding term id, ascending, and their
// term frequencies.
func (lx *lexicon) postings(id int32) ([]int32, []uint16) {
	if id < 0 || int(id) >= len(lx.start)-1 {
		return nil, nil
	}
	lo, hi := lx.start[id], lx.start[id+1]
	return lx.docs[lo:hi], lx.tfs[lo:hi]
}

// idf is BM25's inverse document frequency, always positive.
func (lx *lexicon) idf(df int) float64 {
	n := float64(len(lx.docLen))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// df is the number of documents holding term id; 0 for an unknown id.
func (lx *lexicon) df(id int32) int {
	docs, _ := lx.postings(id)
	return len(docs)
}

// scored is a document (chunk or section) with a score.
type scored struct {
	doc   int
	score float64
}

// scores returns the BM25 score of every document matching q. allow, if
// not nil, filters documents.
func (lx *lexicon) scores(q []weightedTerm, allow func(int) bool) map[int32]float64 {
	acc := make(map[int32]float64)
	for _, wt := range q {
		docs, tfs := lx.postings(wt.id)
		idf := lx.idf(len(docs)) * wt.weight
		for i, d := range docs {
			if allow != nil && !allow(int(d)) {
				continue
			}
			tf := float64(tfs[i])
			norm := lx.k1 * (1 - lx.b + lx.b*float64(lx.docLen[d])/lx.avgLen)
			acc[d] += idf * tf * (lx.k1 + 1) / (tf + norm)
		}
	}
	return acc
}

// search returns the k best documents for the query terms, best first.
func (lx *lexicon) search(q []weightedTerm, k int, allow func(int) bool) []scored {
	if len(q) == 0 || k <= 0 {
		return nil
	}
	acc := lx.scores(q, allow)
	out := make([]scored, 0, len(acc))
	for d, s := range acc {
		out = append(out, scored{int(d), s})
	}
	return topK(out, k)
}

// has reports whether term id occurs in document d.
func (lx *lexicon) has(id int32, d int) bool {
	docs, _ := lx.postings(id)
	_, found := slices.BinarySearch(docs, int32(d))
	return found
}

// topK sorts by descending score (ties by document order) and keeps k.
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

// together reports whether some document holds both terms.
func (lx *lexicon) together(a, b int32) bool {
	pa, _ := lx.postings(a)
	pb, _ := lx.postings(b)
	for i, j := 0, 0; i < len(pa) && j < len(pb); {
		switch {
		case pa[i] == pb[j]:
			return true
		case pa[i] < pb[j]:
			i++
		default:
			j++
		}
	}
	return false
}
