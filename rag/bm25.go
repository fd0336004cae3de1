package rag

import (
	"math"
	"sort"
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

func newVocabulary() *vocabulary { return &vocabulary{ids: make(map[string]int32)} }

// add returns the id of t, numbering it if new.
func (v *vocabulary) add(t string) int32 {
	id, ok := v.ids[t]
	if !ok {
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
// unit), scored with BM25.
type lexicon struct {
	postings [][]posting // by term id, documents ascending
	docLen   []uint16    // terms per document (saturated)
	avgLen   float64
	k1, b    float64
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

// newLexicon indexes docs, given as term ids of a vocabulary of nterms.
func newLexicon(docs [][]int32, nterms int, k1, b float64) *lexicon {
	if k1 == 0 {
		k1 = defaultK1
	}
	if b == 0 {
		b = defaultB
	}
	lx := &lexicon{postings: make([][]posting, nterms), docLen: make([]uint16, len(docs)), k1: k1, b: b}
	counts := make(map[int32]uint16)
	var total float64
	for d, ts := range docs {
		clear(counts)
		for _, id := range ts {
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
	return lx
}

// idf is BM25's inverse document frequency, always positive.
func (lx *lexicon) idf(df int) float64 {
	n := float64(len(lx.docLen))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// df is the number of documents holding term id; 0 for an unknown id.
func (lx *lexicon) df(id int32) int {
	if id < 0 || int(id) >= len(lx.postings) {
		return 0
	}
	return len(lx.postings[id])
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
		if int(wt.id) >= len(lx.postings) {
			continue
		}
		list := lx.postings[wt.id]
		idf := lx.idf(len(list)) * wt.weight
		for _, p := range list {
			if allow != nil && !allow(int(p.doc)) {
				continue
			}
			tf := float64(p.tf)
			norm := lx.k1 * (1 - lx.b + lx.b*float64(lx.docLen[p.doc])/lx.avgLen)
			acc[p.doc] += idf * tf * (lx.k1 + 1) / (tf + norm)
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
	if id < 0 || int(id) >= len(lx.postings) {
		return false
	}
	list := lx.postings[id]
	i := sort.Search(len(list), func(i int) bool { return list[i].doc >= int32(d) })
	return i < len(list) && list[i].doc == int32(d)
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
	if lx.df(a) == 0 || lx.df(b) == 0 {
		return false
	}
	pa, pb := lx.postings[a], lx.postings[b]
	for i, j := 0, 0; i < len(pa) && j < len(pb); {
		switch {
		case pa[i].doc == pb[j].doc:
			return true
		case pa[i].doc < pb[j].doc:
			i++
		default:
			j++
		}
	}
	return false
}
