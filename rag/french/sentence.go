package french

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits a paragraph into sentences: after . ! ? or … followed
// by white space and a capital, digit, quote or bracket, unless the dot
// ends a known abbreviation or an initial.
func Sentences(p string) []string {
	var out []string
	start, absorbed := 0, 0
	for i, r := range p {
		if i < absorbed || (r != '.' && r != '!' && r != '?' && r != '…') {
			continue // inside a run of punctuation already read, or not an ending
		}
		end := i + utf8.RuneLen(r)
		// Absorb closing punctuation and quotes: ?» .) …" and the French
		// "? »", whose guillemet follows a space.
		for end < len(p) {
			c, n := utf8.DecodeRuneInString(p[end:])
			if !strings.ContainsRune(".!?…»\"”)]’'", c) {
				rest := strings.TrimLeft(p[end:], " \u00a0\u202f")
				if !strings.HasPrefix(rest, "»") {
					break
				}
				n = len(p) - len(rest) + len("»") - end
			}
			end += n
		}
		absorbed = end // the rest of this run ends the sentence at the same place
		if end >= len(p) || !startsSentence(p[end:]) {
			continue
		}
		if r == '.' && isAbbreviation(p[start:i]) {
			continue
		}
		if s := strings.TrimSpace(p[start:end]); s != "" {
			out = append(out, s)
		}
		start = end
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func startsSentence(rest string) bool {
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	if len(trimmed) == len(rest) || trimmed == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(trimmed)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("«\"“([—–-", r)
}

// isAbbreviation looks at the last word before a dot. It reads that word
// only, so splitting stays linear however many dots a paragraph has.
func isAbbreviation(before string) bool {
	before = strings.TrimRightFunc(before, unicode.IsSpace)
	w := before
	if i := strings.LastIndexFunc(before, unicode.IsSpace); i >= 0 {
		_, size := utf8.DecodeRuneInString(before[i:]) // a no-break space takes 2 bytes
		w = before[i+size:]
	}
	w = strings.TrimLeft(w, "(«\"")
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
		return true // an initial: "J. Dupont"
	}
	return abbreviations.has(w)
}
