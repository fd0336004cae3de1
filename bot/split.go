package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// split cuts text into pieces of at most limit characters. It cuts between
// paragraphs if it can, else between lines, then sentences, then words;
// never inside a word or a citation such as "[2, 3]".
// Only a single word longer than limit is cut, as it must be.
func split(text string, limit int) []string {
	text = strings.TrimSpace(text)
	var parts []string
	for utf8.RuneCountInString(text) > limit {
		cut := bestCut(text, limit)
		parts = append(parts, strings.TrimRightFunc(text[:cut], unicode.IsSpace))
		text = strings.TrimLeftFunc(text[cut:], unicode.IsSpace)
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

// bestCut returns the byte offset at which to cut text so that the first
// piece holds at most limit characters. It prefers the best kind of break
// that leaves the piece at least half full, then any break at all.
func bestCut(text string, limit int) int {
	last := [breakKinds]int{-1, -1, -1, -1} // byte offset of the last break of each kind
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
		case r == '[':
			protected = max(protected, citationEnd(text, i))
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
	return runeOffset(text, limit) // one word longer than limit
}

// citationEnd returns the offset just past the "]" closing the bracket
// opened at i, if it closes soon on the same line, as citations do;
// otherwise i (nothing to protect).
func citationEnd(text string, i int) int {
	rest := text[i:min(len(text), i+40)]
	j := strings.IndexAny(rest, "]\n")
	if j < 0 || rest[j] != ']' {
		return i
	}
	return i + j + 1
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
