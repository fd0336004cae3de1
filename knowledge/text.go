package knowledge

import (
	"strings"
	"unicode/utf8"
)

// maxTitleRunes bounds a plain-text section title: longer lines are prose.
const maxTitleRunes = 160

// parseText reads plain text. A short line without final punctuation that
// is followed by a paragraph is a section title. Other lines form
// paragraphs: a blank line or a line ending a sentence closes one, so
// hard-wrapped text is joined back.
func parseText(src string) []Section {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var o outline
	var para []string
	flush := func() {
		o.paragraph(strings.Join(para, " "))
		para = para[:0]
	}
	for i, line := range lines {
		line = foldSpace(line)
		switch {
		case line == "":
			flush()
		case len(para) == 0 && isTitle(line) && followedByProse(lines[i+1:]):
			o.heading(1, line)
		default:
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
		!strings.HasSuffix(line, ",") && !strings.HasPrefix(line, "-") && !strings.HasPrefix(line, "*")
}

// followedByProse reports whether the next non-blank line is a paragraph
// rather than another title candidate or the end of the text.
func followedByProse(rest []string) bool {
	for _, l := range rest {
		l = foldSpace(l)
		if l == "" {
			continue
		}
		return !isTitle(l) || utf8.RuneCountInString(l) > maxTitleRunes
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
