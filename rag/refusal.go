package rag

import (
	"sort"
	"strings"

	"github.com/interpol-onu/assistant/rag/french"
)

// Why the engine refuses: the evidence does not cover the question.
const (
	refuseCoverage = "coverage" // too little of the question in the best passage
	refuseFocus    = "focus"    // what the question asks about is never named
	refuseKind     = "kind"     // no relevant sentence states the kind of fact asked
)

// refusal tells why the passages do not answer the question, or "" when
// they may. It reads the passages the answer would quote:
//
//   - coverage: the idf-weighted share of the question's terms that the
//     best passage (headings included) contains must reach minCoverage,
//     so « Quel est le budget d'INTERPOL ? » is refused though INTERPOL is
//     everywhere;
//   - focus: « Combien de pays… » cannot be answered by passages that
//     never speak of countries, however much else they cover;
//   - kind: a « when » question needs a relevant sentence holding a date,
//     a « how many » question one holding a number.
func (ix *Index) refusal(r *Reading, hits []Hit, minCoverage float64) string {
	switch {
	case ix.coverage(r, hits) < minCoverage:
		return refuseCoverage
	case !ix.coversFocus(r, hits):
		return refuseFocus
	case !statesAnswerKind(r, hits):
		return refuseKind
	}
	return ""
}

// coverage is the best share, over the hits, of the question's weight
// that one chunk contains, in [0, 1].
func (ix *Index) coverage(r *Reading, hits []Hit) float64 {
	total := r.totalWeight()
	if len(r.Terms) == 0 || len(hits) == 0 || total == 0 {
		return 0
	}
	best := 0.0
	for _, h := range hits {
		d, ok := ix.byID[h.Chunk.ID]
		if !ok {
			continue
		}
		var got float64
		for i, t := range r.Terms {
			got += r.Weights[i] * ix.contains(d, t)
		}
		best = max(best, got/total)
	}
	return best
}

// coversFocus reports whether one of the chunks names what the question
// asks about, when the question requires it.
func (ix *Index) coversFocus(r *Reading, hits []Hit) bool {
	if r.Focus == "" || !r.FocusRequired {
		return true
	}
	for _, h := range hits {
		if d, ok := ix.byID[h.Chunk.ID]; ok && ix.contains(d, r.Focus) > 0 {
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

// has reports whether term id occurs in chunk d.
func (lx *lexicon) has(id int32, d int) bool {
	list := lx.postings[id]
	i := sort.Search(len(list), func(i int) bool { return list[i].doc >= int32(d) })
	return i < len(list) && list[i].doc == int32(d)
}

// kindShare is how relevant to the question, relative to the most
// relevant sentence of the passages, a sentence stating the wanted kind
// of fact must be.
const kindShare = 0.6

// statesAnswerKind reports whether the passages hold a sentence that
// states the kind of fact the question wants and is nearly as relevant
// to the question as their most relevant sentence, relevance being the
// idf-weighted share of the question's terms a sentence contains.
// « En quelle année INTERPOL a-t-il obtenu son statut ? » is not answered
// by passages that speak of the status without a date, whatever dates
// they give about other things.
func statesAnswerKind(r *Reading, hits []Hit) bool {
	if r.Kind == french.AnyFact {
		return true
	}
	if r.totalWeight() == 0 {
		return false
	}
	var bestAny, bestKind float64
	for _, h := range hits {
		for _, para := range strings.Split(h.Chunk.Text, "\n\n") {
			for _, s := range french.Sentences(para) {
				have := make(map[string]bool)
				for _, t := range french.Terms(s) {
					have[t] = true
				}
				var got float64
				for i, t := range r.Terms {
					got += r.Weights[i] * matchTerm(have, t)
				}
				bestAny = max(bestAny, got)
				if french.States(s, r.Kind) {
					bestKind = max(bestKind, got)
				}
			}
		}
	}
	return bestKind > 0 && bestKind >= kindShare*bestAny
}
