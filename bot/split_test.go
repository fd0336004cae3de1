package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"fits", "Une phrase courte.", 50, []string{"Une phrase courte."}},
		{"empty", "   ", 10, nil},
		{"paragraphs first", "Premier paragraphe ici.\n\nSecond paragraphe là.", 30,
			[]string{"Premier paragraphe ici.", "Second paragraphe là."}},
		{"then sentences", "Une phrase. Deux phrases ici. Trois.", 22,
			[]string{"Une phrase.", "Deux phrases ici.", "Trois."}},
		{"then words", "alpha beta gamma delta", 12, []string{"alpha beta", "gamma delta"}},
		{"never inside a citation", "Le texte cité [12, 13] continue", 19,
			[]string{"Le texte cité", "[12, 13] continue"}},
		{"sentence ends after a citation", "Fin de phrase [2]. Suite du texte ici", 24,
			[]string{"Fin de phrase [2].", "Suite du texte ici"}},
		{"exact fit before a space", "abcd efgh", 4, []string{"abcd", "efgh"}},
		{"counts characters not bytes", "éééé éééé", 4, []string{"éééé", "éééé"}},
		{"a word longer than the limit is cut", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"a long word starts a new piece", "ab cdefghij", 4, []string{"ab", "cdef", "ghij"}},
		{"a long word is cut before a citation", "000000000000é0[000 00]000", 20, []string{"000000000000é0", "[000 00]000"}},
		{"a citation longer than the limit is cut", "[1, 2, 3, 4]", 5, []string{"[1, 2", ", 3,", "4]"}},
		{"accents stay with their letter", "cafe\u0301s", 4, []string{"caf", "e\u0301s"}},
		{"joined emoji stay whole", "ab👩\u200d💻", 3, []string{"ab", "👩\u200d💻"}},
		{"a limit below 1 counts as 1", "ab", 0, []string{"a", "b"}},
		{"lines before words", "• un deux\n• trois quatre cinq", 16, []string{"• un deux", "• trois quatre", "cinq"}},
		{"no tiny first piece", "• un\n• deux trois quatre", 18, []string{"• un\n• deux trois", "quatre"}},
	}
	for _, c := range cases {
		got := split(c.text, c.limit)
		if strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
			t.Errorf("%s: split(%q, %d) = %q, want %q", c.name, c.text, c.limit, got, c.want)
		}
		for _, p := range got {
			if utf8.RuneCountInString(p) > max(c.limit, 1) {
				t.Errorf("%s: piece %q over %d characters", c.name, p, c.limit)
			}
		}
	}
}

func TestSplitKeepsEveryWord(t *testing.T) {
	t.Parallel()
	text := longAnswer()
	for _, limit := range []int{50, 333, 2000, 4096} {
		parts := split(text, limit)
		if got, want := strings.Fields(strings.Join(parts, " ")), strings.Fields(text); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("limit %d: words lost or cut", limit)
		}
		for _, p := range parts {
			if utf8.RuneCountInString(p) > limit || strings.Count(p, "[") != strings.Count(p, "]") {
				t.Errorf("limit %d: bad piece %q", limit, p)
			}
		}
	}
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	if got := truncate("Question : une très longue question", 20); got != "Question : une très…" {
		t.Errorf("truncate = %q", got)
	}
	if got := truncate("court", 20); got != "court" {
		t.Errorf("truncate = %q", got)
	}
}
