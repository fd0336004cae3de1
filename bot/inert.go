package bot

import (
	"strings"
	"unicode"
)

// inert returns s, taken from a user or a document and shown back in a
// message (the question in a title, theme and file names), without the
// characters that could disguise it: bidirectional embeddings, overrides,
// isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
// U+061C), and every other control or format character (zero-width
// spaces and joiners, soft hyphens, tags). Line breaks and tabs become
// spaces. Mentions in it stay harmless because every message the bot
// sends allows none (noMentions).
func inert(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			if r == ' ' {
				return r
			}
			return ' '
		case unicode.In(r, unicode.Cc, unicode.Cf):
			return -1
		}
		return r
	}, s)
}
