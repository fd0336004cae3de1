package rag

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/interpol-onu/assistant/rag/french"
)

// Why the engine refuses: the evidence does not cover the question.
const (
	refuseName     = "name"     // the question names something the knowledge never mentions
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
	case len(r.Unnamed) > 0:
		return refuseName
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
		var got float64
		for i, t := range r.Terms {
			if !r.apart[t] {
				got += r.Weights[i] * ix.passageContains(h, t, r.typed[t])
			}
		}
		best = max(best, got/total)
	}
	return best
}

// passageContains is how well the chunks of a hit's passage hold term t:
// the best of contains over them.
func (ix *Index) passageContains(h Hit, t, word string) float64 {
	best := 0.0
	for _, c := range h.passage() {
		if d, ok := ix.byID[c.ID]; ok {
			best = max(best, ix.contains(d, t, word))
		}
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
		if ix.passageContains(h, r.Focus, r.typed[r.Focus]) > 0 {
			return true
		}
		if r.focusRadical && ix.passageHasRadical(h, r.Focus) {
			return true
		}
	}
	return false
}

// contains tells whether chunk d holds term t: 1 if exactly, extensionWeight
// if a term it starts, the n-gram similarity if a near spelling of it,
// else 0.
func (ix *Index) contains(d int, t, word string) float64 {
	if id, ok := ix.vocab.ids[t]; ok {
		if ix.chunkLex.has(id, d) {
			return 1
		}
		return 0
	}
	if ext := ix.extensionsOf(t, word); len(ext) > 0 {
		for _, e := range ext {
			if ix.chunkLex.has(ix.vocab.ids[e], d) {
				return extensionWeight
			}
		}
		return 0
	}
	if id, sim := ix.near.nearest(t); sim > 0 && ix.chunkLex.has(id, d) {
		return sim
	}
	return 0
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
		for _, para := range strings.Split(passageText(h), "\n\n") {
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

// passageText is the text of a hit's passage, its chunks in reading
// order, each without what it repeats of the previous one when that one
// is in the passage too.
func passageText(h Hit) string {
	p := slices.Clone(h.passage())
	slices.SortFunc(p, func(a, b Chunk) int { return chunkNumber(a) - chunkNumber(b) })
	var b strings.Builder
	for i, c := range p {
		text := c.Text
		if i > 0 && chunkNumber(p[i-1]) == chunkNumber(c)-1 {
			text = text[c.Overlap:]
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(text)
	}
	return b.String()
}

// chunkNumber is the position of a chunk in its document ("doc#3" → 3).
func chunkNumber(c Chunk) int {
	i := strings.LastIndexByte(c.ID, '#')
	n, _ := strconv.Atoi(c.ID[i+1:])
	return n
}

// radicalLength is how many first letters two forms of a verb share at
// least (« maintient », « maintenue »).
const radicalLength = 5

// passageHasRadical reports whether a hit's passage has a word that
// starts like term (its first radicalLength letters).
func (ix *Index) passageHasRadical(h Hit, term string) bool {
	rs := []rune(term)
	if len(rs) < radicalLength {
		return false
	}
	prefix := string(rs[:radicalLength])
	i := sort.SearchStrings(ix.sorted, prefix)
	for ; i < len(ix.sorted) && strings.HasPrefix(ix.sorted[i], prefix); i++ {
		id := ix.vocab.ids[ix.sorted[i]]
		for _, c := range h.passage() {
			if d, ok := ix.byID[c.ID]; ok && ix.chunkLex.has(id, d) {
				return true
			}
		}
	}
	return false
}
