package french

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/french"
)

// Token is one word of a text, as written and as an index term.
type Token struct {
	Word string // lower case, as written (accents kept)
	Term string // accent-folded Snowball stem
	// Part marks the word without its learned prefix, which follows the
	// whole word (« criminalité » after « cybercriminalité »).
	Part bool
}

// Analyze turns text into index terms: stop words (interrogatives
// included) are dropped, the rest stemmed with Snowball and folded. A
// word with a learned prefix also counts for the word it modifies.
func Analyze(text string) []Token {
	words := Tokenize(text)
	out := make([]Token, 0, len(words))
	for _, w := range words {
		if IsStopWord(w) {
			continue
		}
		out = append(out, Token{Word: w, Term: Stem(w)})
		if rest := unprefixed(w); rest != "" {
			out = append(out, Token{Word: rest, Term: Stem(rest), Part: true})
		}
	}
	return out
}

// Terms returns the index terms of text, in order, repeats included.
func Terms(text string) []string {
	toks := Analyze(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Term
	}
	return out
}

// IsStopWord reports a word that carries no topic: a function word, an
// interrogative, or a single letter.
func IsStopWord(w string) bool {
	if stopWords.has(w) {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	return w != "" && n == len(w) && !unicode.IsDigit(r)
}

// unprefixed returns the word without its learned prefix, or "" when it
// has none or what remains is too short to be a word of its own.
func unprefixed(w string) string {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 5 && !IsStopWord(rest) {
			return strings.TrimLeft(rest, "-")
		}
	}
	return ""
}

// Stem returns the index term of a lower-case word. Snowball is the
// costliest step of indexing, and a language has far fewer words than a
// corpus has occurrences, so terms are remembered, up to a bound that
// hostile input cannot exceed.
func Stem(word string) string {
	stems.RLock()
	t, ok := stems.m[word]
	stems.RUnlock()
	if ok {
		return t
	}
	if utf8.RuneCountInString(word) <= 2 || IsNumber(word) {
		t = Fold(word)
	} else {
		t = Fold(french.Stem(word, true))
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

// NGrams returns the character n-grams of a folded word, padded with
// boundary marks so prefixes and suffixes count: "crime" → "^cri" …
func NGrams(word string, n int) []string {
	r := []rune("^" + Fold(word) + "$")
	if len(r) <= n {
		return []string{string(r)}
	}
	out := make([]string, 0, len(r)-n+1)
	for i := 0; i+n <= len(r); i++ {
		out = append(out, string(r[i:i+n]))
	}
	return out
}
