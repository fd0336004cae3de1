package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTitleRunes bounds a plain-text section title: longer lines are prose.
const maxTitleRunes = 160

// parseText reads plain text. A short line without final punctuation that
// starts a paragraph and is followed by more text is a section title,
// unless the next line carries on its sentence (hard-wrapped text). Other
// lines form paragraphs: a blank line, a list item or a line ending a
// sentence closes one, so hard-wrapped text is joined back; a capitalised
// line after a list item starts a new paragraph.
func parseText(src string) []Section {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for i := range lines {
		lines[i] = foldSpace(lines[i])
	}
	var o outline
	var para []string
	flush := func() {
		o.paragraph(strings.Join(para, " "))
		para = para[:0]
	}
	for i, line := range lines {
		switch {
		case line == "":
			flush()
		case len(para) == 0 && isTitle(line) && !wrapsOnto(line, lines[i+1:]) && followedByProse(lines[i+1:]):
			o.heading(1, line)
		default:
			if isListItem(line) || len(para) > 0 && isListItem(para[0]) && startsUpper(line) {
				flush()
			}
			para = append(para, line)
			if endsSentence(line) {
				flush()
			}
		}
	}
	flush()
	return o.sections
}

func isTitle(line string) bool {
	return utf8.RuneCountInString(line) <= maxTitleRunes && !endsSentence(line) &&
		!strings.HasSuffix(line, ",") && !isListItem(line)
}

func startsUpper(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(r)
}

func isListItem(line string) bool {
	for _, bullet := range []string{"-", "*", "•", "–", "—"} {
		if strings.HasPrefix(line, bullet) {
			return true
		}
	}
	return false
}

// wrapsOnto reports whether line is the first line of a hard-wrapped
// paragraph: the next line follows it directly and goes on with the same
// sentence (it starts in lower case, or line stops on a linking word).
func wrapsOnto(line string, rest []string) bool {
	if len(rest) == 0 || rest[0] == "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(rest[0]); unicode.IsLower(r) {
		return true
	}
	last := strings.ToLower(line[strings.LastIndexByte(line, ' ')+1:])
	return linkingWords[last] || strings.HasSuffix(last, "’") || strings.HasSuffix(last, "'")
}

// linkingWords cannot end a French title: a line ending with one is cut
// mid-sentence.
var linkingWords = map[string]bool{
	"à": true, "au": true, "aux": true, "avec": true, "dans": true, "de": true, "des": true,
	"du": true, "en": true, "entre": true, "et": true, "la": true, "le": true, "les": true,
	"ou": true, "par": true, "pour": true, "que": true, "qui": true, "sur": true,
	"un": true, "une": true,
}

// followedByProse reports whether the title candidate is followed by text
// it can head: a paragraph line, or a block of several lines. A lone short
// line or the end of the text has nothing to be the title of.
func followedByProse(rest []string) bool {
	for i, l := range rest {
		if l == "" {
			continue
		}
		if !isTitle(l) {
			return true
		}
		return i+1 < len(rest) && rest[i+1] != ""
	}
	return false
}

func endsSentence(line string) bool {
	line = strings.TrimRight(line, " »\"'”)]")
	r, _ := utf8.DecodeLastRuneInString(line)
	switch r {
	case '.', '!', '?', ':', ';', '…':
		return true
	}
	return false
}
