package french

import (
	"io/fs"
	"strings"
	"testing"
)

// TestWordListsListEachWordOnce: every word list is data, written once,
// without accents (they are compared folded), and no list repeats a word
// (a role of a "role: words" file is a list of its own).
func TestWordListsListEachWordOnce(t *testing.T) {
	files, err := fs.Glob(wordFiles, "words/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("word lists: %v %v", files, err)
	}
	for _, f := range files {
		name := strings.TrimPrefix(f, "words/")
		lists := map[string][]string{}
		for _, line := range readList(name) {
			role, words, ok := strings.Cut(line, ":")
			if !ok || strings.Contains(role, " ") {
				role, words = "", line
			}
			lists[role] = append(lists[role], Tokenize(words)...)
		}
		if name == "dontknow.txt" {
			continue // phrases, not words
		}
		for role, words := range lists {
			seen := map[string]bool{}
			for _, w := range words {
				if Fold(w) != w && name != "dates.txt" {
					t.Errorf("%s %s: %q is not written without accents", name, role, w)
				}
				if seen[Fold(w)] {
					t.Errorf("%s %s: %q is listed twice", name, role, w)
				}
				seen[Fold(w)] = true
			}
		}
	}
	// The interrogatives are stop words, and the stop list does not list
	// them again.
	for _, role := range []string{"which", "count", "who", "when", "other"} {
		for w := range questionRoles[role] {
			if !IsStopWord(w) {
				t.Errorf("interrogative %q is not a stop word", w)
			}
			for _, line := range readList("stop.txt") {
				for _, s := range Tokenize(line) {
					if s == w {
						t.Errorf("interrogative %q is listed again in stop.txt", w)
					}
				}
			}
		}
	}
}
