package french

import "strings"

// SpellingCounter counts how a text set spells each word, to restore the
// accents of words typed without them.
type SpellingCounter struct {
	m map[string]map[string]int // folded word → spelling → occurrences
}

// Add counts the spellings of the words of text.
func (c *SpellingCounter) Add(text string) {
	if c.m == nil {
		c.m = make(map[string]map[string]int)
	}
	for _, w := range Tokenize(text) {
		f := Fold(w)
		if f == w {
			continue
		}
		if c.m[f] == nil {
			c.m[f] = make(map[string]int)
		}
		c.m[f][w]++
	}
}

// Spellings returns the most frequent spelling of each accented word.
func (c *SpellingCounter) Spellings() Spellings {
	out := make(Spellings, len(c.m))
	for f, spellings := range c.m {
		best, n := "", 0
		for w, count := range spellings {
			if count > n || (count == n && w < best) {
				best, n = w, count
			}
		}
		out[f] = best
	}
	return out
}

// Spellings maps a word without accents to the way the knowledge spells it.
type Spellings map[string]string

// Restore rewrites the words of a question typed without accents
// ("criminalite organisee") as the knowledge spells them ("criminalité
// organisée"), so that stemming, which depends on accents, treats both
// alike. Words that already carry accents are left as typed.
func (sp Spellings) Restore(q string) string {
	var b strings.Builder
	b.Grow(len(q))
	word := func(w string) {
		if lw := strings.ToLower(w); Fold(lw) == lw {
			if s, ok := sp[lw]; ok {
				w = s
			}
		}
		b.WriteString(w)
	}
	start := -1
	for i, r := range q {
		if IsWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			word(q[start:i])
			start = -1
		}
		b.WriteRune(r)
	}
	if start >= 0 {
		word(q[start:])
	}
	return b.String()
}
