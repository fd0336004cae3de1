package french

import (
	"strings"
	"unicode"
)

// IsWordRune reports the characters words are made of: letters and digits.
func IsWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isInvisible reports the characters that change nothing a reader sees
// inside a word: zero-width spaces and joiners, the word joiner, the
// byte-order mark and the soft hyphen.
func isInvisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return false
}

// RemoveInvisible removes the invisible characters of s, so that
// "cyber\u200bcriminalité" reads as the word it shows.
func RemoveInvisible(s string) string {
	if strings.IndexFunc(s, isInvisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isInvisible(r) {
			return -1
		}
		return r
	}, s)
}

// Tokenize splits text into lower-case words, accents kept. Apostrophes
// and hyphens separate words, so elisions (l’, d’, qu’…) and "a-t-il"
// fall apart into stop words; invisible characters inside a word do not
// split it.
func Tokenize(text string) []string {
	return strings.FieldsFunc(strings.ToLower(RemoveInvisible(text)), func(r rune) bool {
		return !IsWordRune(r)
	})
}

// IsNumber reports whether w is made of digits only.
func IsNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
