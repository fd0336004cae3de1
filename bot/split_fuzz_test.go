package bot

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzSplit checks split's promise on any text and limit: pieces within
// the limit, nothing but white space lost between them, and no cut
// inside a word or a citation unless that word or citation is itself
// longer than the limit. Seeds are in testdata/fuzz/FuzzSplit.
func FuzzSplit(f *testing.F) {
	f.Add("000000000000é0[000 00]000", uint16(19)) // limit 20
	f.Add(longAnswer()[:1500], uint16(332))
	f.Fuzz(func(t *testing.T, text string, l uint16) {
		limit := 1 + int(l)%200
		checkSplit(t, text, limit, split(text, limit))
	})
}

// citationRE finds citations as split defines them: a « [ » closed by
// the first « ] » within 40 characters on the same line.
var citationRE = regexp.MustCompile(`\[[^\]\n]{0,38}\]`)

// checkSplit verifies pieces, the result of split(text, limit), against
// the splitter's promise, independently of how split finds its cuts.
func checkSplit(t *testing.T, text string, limit int, pieces []string) {
	t.Helper()
	spans := citationRE.FindAllStringIndex(text, -1)
	// A word is a run of characters that are not spaces or are inside a
	// citation. word[i] numbers the word holding byte i (0: none), cite[i]
	// the citation (0: none); runes counts the characters of each.
	word, cite := make([]int, len(text)), make([]int, len(text))
	wordRunes, citeRunes := []int{0}, []int{0}
	for k, s := range spans {
		for i := s[0]; i < s[1]; i++ {
			cite[i] = k + 1
		}
		citeRunes = append(citeRunes, utf8.RuneCountInString(text[s[0]:s[1]]))
	}
	inWord := false
	for i, r := range text {
		if unicode.IsSpace(r) && cite[i] == 0 {
			inWord = false
			continue
		}
		if !inWord {
			wordRunes = append(wordRunes, 0)
			inWord = true
		}
		_, w := utf8.DecodeRuneInString(text[i:])
		for j := i; j < i+w; j++ {
			word[j] = len(wordRunes) - 1
		}
		wordRunes[len(wordRunes)-1]++
	}
	skipSpace := func(i int) int {
		for i < len(text) {
			r, w := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += w
		}
		return i
	}

	pos := skipSpace(0)
	prevEnd := -1
	for k, p := range pieces {
		n := utf8.RuneCountInString(p)
		if n == 0 || n > limit {
			t.Fatalf("piece %d has %d characters, want 1 to %d: %q", k, n, limit, p)
		}
		if strings.TrimSpace(p) != p {
			t.Fatalf("piece %d starts or ends with white space: %q", k, p)
		}
		if !strings.HasPrefix(text[pos:], p) {
			t.Fatalf("piece %d %q is not the text that follows the previous one (%q): something other than white space was dropped", k, p, text[pos:min(len(text), pos+len(p)+10)])
		}
		if prevEnd >= 0 {
			before, after := prevEnd-1, pos // the last byte of a piece, the first of the next
			if w := word[before]; w != 0 && w == word[after] && wordRunes[w] <= limit {
				t.Fatalf("cut %d falls inside a word of %d characters (limit %d): %q|%q", k, wordRunes[w], limit, pieces[k-1], p)
			}
			if c := cite[before]; c != 0 && c == cite[after] && citeRunes[c] <= limit {
				t.Fatalf("cut %d falls inside the citation %q (limit %d)", k, text[spans[c-1][0]:spans[c-1][1]], limit)
			}
		}
		prevEnd = pos + len(p)
		pos = skipSpace(prevEnd)
	}
	if pos != len(text) {
		t.Fatalf("text after the last piece was lost: %q", text[pos:])
	}
}
