package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTitleRunes bounds a plain-text section title: longer lines are prose.
const maxTitleRunes = 160

// parseText reads plain text, where every character ends up in a title or
// a block.
//
// A short line (at most maxTitleRunes) without final punctuation is a
// title when it starts a paragraph, does not run on into the next line
// (hard-wrapped text) and is followed by something to head. Short lines
// right after a title, after a line ending with a colon or after each
// other are a list, one item a line, not a cascade of titles: a title is
// never directly followed by another title. A line starting with a bullet
// (-, *, •, –, —, "1." or "1)") is a list item, kept as written. Other
// lines form paragraphs: a blank line, a list item or a line ending a
// sentence closes one, so hard-wrapped text is joined back.
func parseText(src string) []Section {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for i := range lines {
		lines[i] = foldSpace(lines[i])
	}
	var p textParser
	for i, line := range lines {
		rest := lines[i+1:]
		if line == "" {
			p.flush()
			p.list = noList
			continue
		}
		if len(p.lines) > 0 {
			if !p.breaksBefore(line) {
				p.add(line)
				continue
			}
			p.flush()
		}
		switch {
		case isListItem(line):
			p.list = noList
			p.start(ListItem, line)
		case !isTitle(line):
			p.list = noList
			p.start(Paragraph, line)
		case wrapsOnto(line, rest):
			if p.list == inList {
				p.start(ListItem, line)
			} else {
				p.start(Paragraph, line)
			}
		case p.list != noList || p.o.headingOnly():
			p.o.block(ListItem, line)
			p.list = inList
		case followedByProse(rest):
			p.o.heading(1, line)
			p.list = mayList
		case len(rest) > 0 && isTitle(rest[0]):
			p.o.block(ListItem, line)
			p.list = inList
		default:
			p.start(Paragraph, line)
		}
	}
	p.flush()
	return p.o.sections
}

// textParser holds the block being read: its lines and its kind.
type textParser struct {
	o     outline
	lines []string
	kind  BlockKind
	list  listState
}

// listState tells whether the next short line is an item of a list.
type listState int

const (
	noList  listState = iota
	mayList           // after a title: a short line is an item, a wrapped one a paragraph
	inList            // after an item or a line ending with a colon
)

func (p *textParser) start(kind BlockKind, line string) {
	p.kind = kind
	p.add(line)
}

func (p *textParser) add(line string) {
	p.lines = append(p.lines, line)
	if endsSentence(line) {
		p.flush()
		if strings.HasSuffix(line, ":") { // it introduces a list
			p.list = inList
		}
	}
}

// breaksBefore reports whether line starts a new block instead of going
// on with the open one: a bullet does, and so does a capitalised line
// after a list item.
func (p *textParser) breaksBefore(line string) bool {
	return isListItem(line) || p.kind == ListItem && startsUpper(line)
}

func (p *textParser) flush() {
	p.o.block(p.kind, strings.Join(p.lines, " "))
	p.lines = p.lines[:0]
}

func isTitle(line string) bool {
	return utf8.RuneCountInString(line) <= maxTitleRunes && !endsSentence(line) &&
		!strings.HasSuffix(line, ",") && !isListItem(line)
}

func startsUpper(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsUpper(r)
}

// isListItem reports whether a line starts with a bullet or a number
// followed by "." or ")" and a space.
func isListItem(line string) bool {
	for _, bullet := range []string{"-", "*", "•", "–", "—"} {
		if strings.HasPrefix(line, bullet) {
			return true
		}
	}
	digits := strings.IndexFunc(line, func(r rune) bool { return r < '0' || r > '9' })
	return digits > 0 && digits <= 3 && len(line) > digits+1 &&
		(line[digits] == '.' || line[digits] == ')') && line[digits+1] == ' '
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
