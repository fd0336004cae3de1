package rag

import "github.com/interpol-onu/assistant/rag/french"

// Reading is a question as the engine reads it, once: its words spelt as
// the knowledge spells them, its terms weighted by their rarity in the
// knowledge, the word it asks about and the kind of fact it wants.
// Retrieval, the refusal checks and the extractive answer all work from
// the same Reading.
type Reading struct {
	// Text is the question as asked, cleaned of control characters.
	Text string
	// Restored is Text with the accents a user left out put back as the
	// knowledge writes them (« criminalite » → « criminalité »).
	Restored string
	// Terms are the distinct analysed terms of Restored, in order, with
	// Weights their idf in the knowledge: a word the documents never use
	// weighs the most.
	Terms   []string
	Weights []float64
	// Focus is the term of what the question asks about (« Combien de
	// pays… » → pays), or ""; FocusRequired says the evidence must name
	// it (see french.Focus).
	Focus         string
	FocusRequired bool
	// Kind is the kind of fact the question wants (a date, a number…).
	Kind french.AnswerKind
}

// Read reads a question against this index's knowledge.
func (ix *Index) Read(text string) *Reading {
	restored := ix.spellings.Restore(text)
	r := &Reading{Text: text, Restored: restored, Kind: french.ExpectedAnswer(restored)}
	r.Focus, r.FocusRequired = french.Focus(restored)
	r.Terms = uniq(french.Terms(restored))
	r.Weights = make([]float64, len(r.Terms))
	for i, t := range r.Terms {
		r.Weights[i] = ix.lex.termIDF(t)
	}
	return r
}

// totalWeight is the sum of the question's term weights.
func (r *Reading) totalWeight() float64 {
	var total float64
	for _, w := range r.Weights {
		total += w
	}
	return total
}

func uniq(ss []string) []string {
	seen := make(map[string]struct{}, len(ss))
	out := ss[:0]
	for _, s := range ss {
		if _, ok := seen[s]; !ok {
			seen[s] = struct{}{}
			out = append(out, s)
		}
	}
	return out
}
