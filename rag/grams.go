package rag

import (
	"slices"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/rag/french"
)

// gramSize is the length of the character n-grams used to match
// misspelled or differently inflected query words to the vocabulary.
const gramSize = 3

// minGramSimilarity is the Dice similarity below which two spellings are
// considered different words.
const minGramSimilarity = 0.6

// vocabGrams indexes the vocabulary by character n-grams. It is built
// over distinct terms, not chunks, so its size grows with the vocabulary.
type vocabGrams struct {
	vocab  []string
	counts []uint16           // distinct n-grams per term
	grams  map[uint64][]int32 // n-gram (hashed, see hashRunes) → term ids
}

func newVocabGrams(vocab []string) *vocabGrams {
	g := &vocabGrams{vocab: vocab, counts: make([]uint16, len(vocab)), grams: make(map[uint64][]int32, 2*len(vocab))}
	var buf []uint64
	for id, t := range vocab {
		if french.IsNumber(t) {
			continue
		}
		buf = termGrams(buf[:0], t)
		g.counts[id] = uint16(min(len(buf), 1<<16-1))
		for _, gr := range buf {
			g.grams[gr] = append(g.grams[gr], int32(id))
		}
	}
	return g
}

// termGrams appends the distinct hashed character trigrams of a folded
// term, padded with boundary marks, to dst.
func termGrams(dst []uint64, t string) []uint64 {
	r := []rune("^" + french.Fold(t) + "$")
	if len(r) <= gramSize {
		return append(dst, hashRunes(r))
	}
	start := len(dst)
	for i := 0; i+gramSize <= len(r); i++ {
		h := hashRunes(r[i : i+gramSize])
		if !slices.Contains(dst[start:], h) {
			dst = append(dst, h)
		}
	}
	return dst
}

// nearest returns the vocabulary term most similar to t and their Dice
// similarity, or sim 0 when none reaches minGramSimilarity. Numbers and
// very short words must match exactly.
func (g *vocabGrams) nearest(t string) (id int32, sim float64) {
	if utf8.RuneCountInString(t) < 4 || french.IsNumber(t) {
		return 0, 0
	}
	qg := termGrams(nil, t)
	shared := make(map[int32]int)
	for _, gr := range qg {
		for _, id := range g.grams[gr] {
			shared[id]++
		}
	}
	best, bestSim := int32(-1), 0.0
	for id, n := range shared {
		s := 2 * float64(n) / float64(len(qg)+int(g.counts[id]))
		if s > bestSim || (s == bestSim && id < best) {
			best, bestSim = id, s
		}
	}
	if bestSim < minGramSimilarity {
		return 0, 0
	}
	return best, bestSim
}
