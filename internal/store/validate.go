package store

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Length limits, in characters (runes). A longer input is refused with an
// *InvalidError whose Max is the limit.
const (
	MaxQuestionChars = 4000 // a question's text, and a moderator answer's heading
	MaxCommentChars  = 1000 // a vote's comment
	MaxAnswerChars   = 4000 // a moderator answer's text (a Discord modal's limit)
	MaxNameChars     = 200  // a moderator's display name, a theme, a document or section title
	maxIDChars       = 64   // a guild or channel ID
	maxKeyChars      = 4000 // a grouping key
	maxSources       = 100  // sources of one answer
)

// checkText refuses text over max characters, not UTF-8, holding a NUL
// (which PostgreSQL cannot store), or empty when required.
func checkText(field, s string, max int, required bool) error {
	switch n := utf8.RuneCountInString(s); {
	case required && strings.TrimSpace(s) == "":
		return invalid(field, "is empty")
	case n > max:
		return &InvalidError{Field: field, Reason: fmt.Sprintf("is longer than %d characters", max), Max: max}
	case !utf8.ValidString(s):
		return invalid(field, "is not valid UTF-8")
	case strings.IndexByte(s, 0) >= 0:
		return invalid(field, "contains a NUL character")
	}
	return nil
}
