package french

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldTable maps accented Latin letters to their bare form.
var foldTable = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'å': "a",
	'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ì': "i",
	'ô': "o", 'ö': "o", 'ó': "o", 'ò': "o", 'õ': "o",
	'ù': "u", 'û': "u", 'ü': "u", 'ú': "u",
	'ÿ': "y", 'ý': "y", 'ñ': "n", 'œ': "oe", 'æ': "ae", 'ß': "ss",
}

// Fold lower-cases s and removes its accents: "Organisée" → "organisee".
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// IsApostrophe reports the apostrophes users and documents type: ' ’ ‘ ` ´ ʼ.
func IsApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', '´', 'ʼ':
		return true
	}
	return false
}

// FoldForMatch normalises text for accent- and case-insensitive
// comparison: lower case, no accents, one kind of apostrophe, runs of
// white space folded, invisible characters removed.
func FoldForMatch(s string) string {
	var b strings.Builder
	space := false
	for _, r := range Fold(RemoveInvisible(s)) {
		switch {
		case IsApostrophe(r):
			r = '\''
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Words lower-cases s, folds its accents and splits it into runs of
// letters and digits: "N’utilise" → ["n", "utilise"].
func Words(s string) []string {
	return strings.FieldsFunc(FoldForMatch(s), func(r rune) bool { return !IsWordRune(r) })
}
