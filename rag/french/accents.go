package french

import "strings"

// SpellingCounter counts how a text set spells each word, to restore the
// accents of words typed without them.
type SpellingCounter struct {
	m map[string]map[string]int // folded word → spelling → occurrences
}

// Add counts the spellings of the words of text.
func (c *SpellingCounter) Add(text string) {
	for _, w := range Tokenize(text) {
		c.AddWord(w)
	}
}

// AddWord counts one lower-case word as written.
func (c *SpellingCounter) AddWord(w string) {
	f := Fold(w)
	if f == w {
		return
	}
	if c.m == nil {
		c.m = make(map[string]map[string]int)
	}
	if c.m[f] == nil {
		c.m[f] = make(map[string]int)
	}
	if _, ok := c.m[f][w]; !ok {
		w = strings.Clone(w) // a word is a piece of its whole text: keep a copy
	}
	c.m[f][w]++
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
