package rag

import (
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/french"
)

// token is one word of a text, as written and as an index term.
type token struct {
	word string // lower case, as written (accents kept)
	term string // accent-folded Snowball stem
}

// tokenize splits text into words. Apostrophes and hyphens separate words,
// so elisions (l’, d’, qu’…) and "a-t-il" fall apart into stop words.
func tokenize(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// analyze turns text into index terms: French stop words (question words
// included) are dropped, the rest stemmed with Snowball and folded.
func analyze(text string) []token {
	words := tokenize(text)
	out := make([]token, 0, len(words))
	for _, w := range words {
		if isStopWord(w) {
			continue
		}
		out = append(out, token{word: w, term: stem(w)})
		if rest := unprefixed(w); rest != "" {
			out = append(out, token{word: rest, term: stem(rest)})
		}
	}
	return out
}

// prefixes are the learned prefixes that French glues to a word which
// keeps its meaning: « cybercriminalité » is criminalité, « antiterroriste »
// is about terrorisme.
var prefixes = []string{"anti", "cyber", "inter", "trans", "multi", "hyper", "micro"}

// unprefixed returns the word without its learned prefix, or "" when it
// has none or what remains is too short to be a word of its own.
func unprefixed(w string) string {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && len([]rune(rest)) >= 5 && !isStopWord(rest) {
			return strings.TrimLeft(rest, "-")
		}
	}
	return ""
}

// terms returns the index terms of text, in order, repeats included.
func terms(text string) []string {
	toks := analyze(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.term
	}
	return out
}

// stem returns the index term of a lower-case word. Snowball is the
// costliest step of indexing, and a language has far fewer words than a
// corpus has occurrences, so terms are remembered, up to a bound that
// hostile input cannot exceed.
func stem(word string) string {
	stems.RLock()
	t, ok := stems.m[word]
	stems.RUnlock()
	if ok {
		return t
	}
	if len([]rune(word)) <= 2 || isNumber(word) {
		t = fold(word)
	} else {
		t = fold(french.Stem(word, true))
	}
	stems.Lock()
	if len(stems.m) < maxRememberedStems {
		stems.m[strings.Clone(word)] = t
	}
	stems.Unlock()
	return t
}

const maxRememberedStems = 1 << 18

var stems = struct {
	sync.RWMutex
	m map[string]string
}{m: make(map[string]string)}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func isStopWord(w string) bool {
	if _, ok := stopWords[fold(w)]; ok {
		return true
	}
	r := []rune(w)
	return len(r) == 1 && !unicode.IsDigit(r[0])
}

// ngrams returns the character n-grams of a folded word, padded with
// boundary marks so prefixes and suffixes count: "crime" → "^cri" …
func ngrams(word string, n int) []string {
	r := []rune("^" + fold(word) + "$")
	if len(r) <= n {
		return []string{string(r)}
	}
	out := make([]string, 0, len(r)-n+1)
	for i := 0; i+n <= len(r); i++ {
		out = append(out, string(r[i:i+n]))
	}
	return out
}
