package rag

import "github.com/interpol-onu/assistant/rag/french"

// Character n-gram field: the 4- and 5-letter pieces of a text's content
// words, folded. It matches what stems miss: word pieces typed alone
// (« cyber »), compounds (« cybercriminalité » and « criminalité »),
// inflections Snowball keeps apart, typos.
const (
	minGram = 4
	maxGram = 5
)

// charGrams returns the n-grams of the content words of text, repeats
// included, each word padded with boundary marks (« ^cyb », « ber$ »).
// A word shorter than minGram gives itself, padded.
func charGrams(text string) []string {
	var out []string
	for _, w := range french.Tokenize(text) {
		if french.IsStopWord(w) {
			continue
		}
		r := []rune("^" + french.Fold(w) + "$")
		if len(r) <= minGram {
			out = append(out, string(r))
			continue
		}
		for n := minGram; n <= maxGram; n++ {
			for i := 0; i+n <= len(r); i++ {
				out = append(out, string(r[i:i+n]))
			}
		}
	}
	return out
}
