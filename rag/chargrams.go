package rag

import (
	"strings"

	"github.com/interpol-onu/assistant/rag/french"
)

// Character n-gram field: the 4- and 5-letter pieces of a text's content
// words, folded. It matches what stems miss: word pieces typed alone
// (« cyber »), compounds (« cybercriminalité » and « criminalité »),
// inflections Snowball keeps apart, typos.
const (
	minGram = 4
	maxGram = 5
)

// wordGrams calls fn with the hash of each n-gram of a word, padded with
// boundary marks (« ^cyb », « ber$ »); a word shorter than minGram gives
// itself, padded. N-grams are numbered by a 64-bit hash rather than kept
// as strings: an index of millions of them then allocates nothing per
// n-gram, and two n-grams sharing a hash is vanishingly rare.
func wordGrams(word string, fn func(uint64)) {
	r := make([]rune, 0, len(word)+2)
	r = append(r, '^')
	r = append(r, []rune(french.Fold(word))...)
	r = append(r, '$')
	if len(r) <= minGram {
		fn(hashRunes(r))
		return
	}
	for n := minGram; n <= maxGram; n++ {
		for i := 0; i+n <= len(r); i++ {
			fn(hashRunes(r[i : i+n]))
		}
	}
}

// hashRunes is FNV-1a over the runes of a gram.
func hashRunes(rs []rune) uint64 {
	h := uint64(fnvOffset)
	for _, r := range rs {
		h ^= uint64(r)
		h *= fnvPrime
	}
	return h
}

// gramVocabulary numbers n-grams by their hash. While an index is built,
// it remembers the n-grams of each word it has seen: a corpus has far
// fewer words than occurrences, and each n-gram lookup in a large table
// is a cache miss.
type gramVocabulary struct {
	ids   map[uint64]int32
	words map[string][]int32 // word → its n-grams' ids, while building
}

// newGramVocabulary returns an empty vocabulary with room for about hint
// n-grams.
func newGramVocabulary(hint int) *gramVocabulary {
	return &gramVocabulary{ids: make(map[uint64]int32, hint), words: make(map[string][]int32, hint/2)}
}

func (v *gramVocabulary) len() int { return len(v.ids) }

// numbered appends the ids of the n-grams of the content words of toks to
// dst, numbering new ones.
func (v *gramVocabulary) numbered(dst []int32, toks []french.Token) []int32 {
	for _, t := range toks {
		if t.Part {
			continue // its n-grams are the whole word's
		}
		ids, ok := v.words[t.Word]
		if !ok {
			wordGrams(t.Word, func(h uint64) {
				id, ok := v.ids[h]
				if !ok {
					id = int32(len(v.ids))
					v.ids[h] = id
				}
				ids = append(ids, id)
			})
			v.words[strings.Clone(t.Word)] = ids
		}
		dst = append(dst, ids...)
	}
	return dst
}

// built drops what only building needed.
func (v *gramVocabulary) built() { v.words = nil }
