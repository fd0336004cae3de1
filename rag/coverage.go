package rag

import "sort"

// coverage measures how much of a question the best of the given chunks
// speaks about: the idf-weighted share of the question's terms that the
// chunk (headings included) contains. Words the knowledge never uses
// weigh the most, so "Quel est le budget d'INTERPOL ?" covers little even
// though INTERPOL is everywhere. It returns a value in [0, 1].
func (ix *Index) coverage(query string, hits []Hit) float64 {
	qterms := uniq(terms(ix.restoreAccents(query)))
	if len(qterms) == 0 || len(hits) == 0 {
		return 0
	}
	var total float64
	weights := make([]float64, len(qterms))
	for i, t := range qterms {
		weights[i] = ix.lex.termIDF(t)
		total += weights[i]
	}
	best := 0.0
	for _, h := range hits {
		d, ok := ix.position(h.Chunk.ID)
		if !ok {
			continue
		}
		var got float64
		for i, t := range qterms {
			got += weights[i] * ix.contains(d, t)
		}
		best = max(best, got/total)
	}
	return best
}

// coversFocus reports whether one of the chunks contains the word the
// question asks about, when the question requires it (see focus).
// « Combien de pays… » cannot be answered by passages that never speak of
// countries, however much else of the question they cover.
func (ix *Index) coversFocus(query string, hits []Hit) bool {
	f, required := focus(ix.restoreAccents(query))
	if f == "" || !required {
		return true
	}
	for _, h := range hits {
		if d, ok := ix.position(h.Chunk.ID); ok && ix.contains(d, f) > 0 {
			return true
		}
	}
	return false
}

// contains tells whether chunk d holds term t: 1 if exactly, the n-gram
// similarity if a near spelling of it, else 0.
func (ix *Index) contains(d int, t string) float64 {
	if id, ok := ix.lex.ids[t]; ok {
		if ix.lex.has(id, d) {
			return 1
		}
		return 0
	}
	if id, sim := ix.lex.grams.nearest(t); sim > 0 && ix.lex.has(id, d) {
		return sim
	}
	return 0
}

func (ix *Index) position(id string) (int, bool) {
	i, ok := ix.byID[id]
	return i, ok
}

// has reports whether term id occurs in chunk d.
func (lx *lexicon) has(id int32, d int) bool {
	list := lx.postings[id]
	i := sort.Search(len(list), func(i int) bool { return list[i].doc >= int32(d) })
	return i < len(list) && list[i].doc == int32(d)
}
