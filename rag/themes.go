package rag

import (
	"strings"

	"github.com/interpol-onu/assistant/rag/french"
)

// FindTheme returns the title of the theme a user means by name: the
// title itself, the title ignoring case, accents and the kind of
// apostrophe, or the start of exactly one title (typed short, or
// shortened with « … » by autocomplete). Otherwise it returns
// ErrUnknownTheme.
func FindTheme(themes []Theme, name string) (string, error) {
	for _, t := range themes {
		if t.Title == name {
			return t.Title, nil
		}
	}
	want := french.FoldForMatch(name)
	prefix := strings.TrimSpace(strings.TrimSuffix(want, "…"))
	if prefix == "" {
		return "", ErrUnknownTheme
	}
	var found []string
	for _, t := range themes {
		f := french.FoldForMatch(t.Title)
		if f == want {
			return t.Title, nil
		}
		if strings.HasPrefix(f, prefix) {
			found = append(found, t.Title)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return "", ErrUnknownTheme
}

// SuggestThemes returns the themes matching what a user has typed so far:
// those whose title starts with it first, then those containing it,
// ignoring case, accents and the kind of apostrophe.
func SuggestThemes(themes []Theme, typed string) []Theme {
	want := french.FoldForMatch(typed)
	var first, then []Theme
	for _, t := range themes {
		switch f := french.FoldForMatch(t.Title); {
		case strings.HasPrefix(f, want):
			first = append(first, t)
		case strings.Contains(f, want):
			then = append(then, t)
		}
	}
	return append(first, then...)
}
