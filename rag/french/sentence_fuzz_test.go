package french

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzSentences checks that splitting a paragraph into sentences loses
// and reorders nothing: the sentences, joined, are the paragraph less
// the white space between them, and none is empty or padded.
func FuzzSentences(f *testing.F) {
	for _, seed := range []string{
		"Bonjour. Comment allez-vous ? Très bien !",
		"M. Dupont est arrivé. Il repart le 3 janv. à 9 h.",
		"Il a dit « Oui. » Puis il est parti…",
		"...... ???? !!!!",
		"J. R. R. Tolkien écrivit. Fin.",
		"a.\u00a0B. c.\u202fD",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, p string) {
		got := Sentences(p)
		var joined strings.Builder
		for _, s := range got {
			if s == "" || strings.TrimSpace(s) != s {
				t.Fatalf("Sentences(%q) has an empty or padded sentence %q", p, s)
			}
			joined.WriteString(s)
		}
		if strip(joined.String()) != strip(p) {
			t.Fatalf("Sentences(%q) = %q: text lost, added or reordered", p, got)
		}
	})
}

// strip removes white space, which sentence boundaries may drop.
func strip(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
