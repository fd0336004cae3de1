package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// split cuts text into pieces of at most limit characters (a limit below
// 1 counts as 1), trimmed of white space, which is all that is lost
// between them. It cuts between paragraphs if it can, else between
// lines, then sentences, then words, and never inside a word or a
// citation such as "[2, 3]": a « [ » closed by the first « ] » within
// 40 characters on the same line, which counts as part of the word it is
// written against ("fin[2]." is one word).
//
// Only a word longer than limit is cut. It starts a new piece, which
// holds its first limit characters, except that the cut moves back to
// just before a citation it would fall in (the citation starts the next
// piece), or before the accents and joiners that follow a letter. A
// citation longer than limit is cut after limit characters.
func split(text string, limit int) []string {
	limit = max(limit, 1)
	text = strings.TrimSpace(text)
	var parts []string
	for n := utf8.RuneCountInString(text); n > limit; {
		cut := bestCut(text, limit)
		parts = append(parts, strings.TrimRightFunc(text[:cut], unicode.IsSpace))
		rest := strings.TrimLeftFunc(text[cut:], unicode.IsSpace)
		n -= utf8.RuneCountInString(text[:len(text)-len(rest)])
		text = rest
	}
	if text != "" {
		parts = append(parts, text)
	}
	return parts
}

// Break kinds, best first.
const (
	breakParagraph = iota
	breakLine
	breakSentence
	breakWord
	breakKinds
)

// span is a citation's byte offsets in the text being cut: [start, end).
type span struct{ start, end int }

// bestCut returns the byte offset at which to cut text so that the first
// piece holds at most limit characters. It prefers the best kind of break
// that leaves the piece at least half full, then any break at all, and
// cuts the first word when there is no break.
func bestCut(text string, limit int) int {
	last := [breakKinds]int{-1, -1, -1, -1} // byte offset of the last break of each kind
	var cites []span                        // citations starting in the window
	protected := 0                          // no break before this offset: inside a citation
	var prev rune
	n := 0
	kindAt := func(i int, r, prev rune) int {
		switch {
		case r == '\n' && prev == '\n':
			return breakParagraph
		case r == '\n':
			return breakLine
		case strings.ContainsRune(".!?…", lastNonClosing(text[:i])):
			return breakSentence
		}
		return breakWord
	}
	for i, r := range text {
		if n == limit {
			// The window is full: if a space follows, its end is a
			// break too.
			if unicode.IsSpace(r) && i >= protected {
				last[kindAt(i, r, prev)] = i
			}
			break
		}
		switch {
		case r == '[' && i >= protected:
			if end := citationEnd(text, i); end > i {
				cites = append(cites, span{i, end})
				protected = end
			}
		case unicode.IsSpace(r) && i >= protected && i > 0:
			last[kindAt(i, r, prev)] = i
		}
		prev = r
		n++
	}
	half := runeOffset(text, limit/2)
	for _, at := range last {
		if at >= half {
			return at
		}
	}
	for _, at := range last {
		if at > 0 {
			return at
		}
	}
	return wordCut(text, limit, cites)
}

// wordCut cuts a word longer than limit that starts text: after limit
// characters, or before the citation that cut would fall in, unless the
// citation starts the word (it is then too long itself); then before the
// combining marks or joiner at the cut, if that leaves something.
func wordCut(text string, limit int, cites []span) int {
	inside := func(at int) (span, bool) {
		for _, c := range cites {
			if c.start < at && at < c.end {
				return c, true
			}
		}
		return span{}, false
	}
	cut := runeOffset(text, limit)
	if c, ok := inside(cut); ok && c.start > 0 {
		cut = c.start
	}
	at := cut
	for at > 0 && clings(text, at) {
		_, w := utf8.DecodeLastRuneInString(text[:at])
		at -= w
	}
	if _, ok := inside(at); at > 0 && !ok {
		cut = at
	}
	return cut
}

// clings tells whether the character at i belongs with the one before
// it: a combining mark, or either side of a zero-width joiner.
func clings(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == '\u200d' || before == '\u200d'
}

// citationEnd returns the offset just past the "]" closing the bracket
// opened at i if it closes within 40 characters on the same line, as
// citations do; otherwise i (nothing to protect).
func citationEnd(text string, i int) int {
	n := 0
	for j, r := range text[i:] {
		switch {
		case n == 40 || r == '\n':
			return i
		case r == ']':
			return i + j + 1
		}
		n++
	}
	return i
}

// lastNonClosing returns the last rune of s before any closing
// brackets or quotes, so that "fin [2]." and "fin.»" end sentences.
func lastNonClosing(s string) rune {
	s = strings.TrimRight(s, "\"»”’")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
