package knowledge

import (
	"strings"
	"unicode"
)

// outline builds sections from a stream of headings and blocks, keeping
// the trail of enclosing headings.
type outline struct {
	sections []Section
	stack    []heading
}

type heading struct {
	level int
	title string
}

func (o *outline) heading(level int, title string) {
	title = foldSpace(title)
	if title == "" {
		return
	}
	for len(o.stack) > 0 && o.stack[len(o.stack)-1].level >= level {
		o.stack = o.stack[:len(o.stack)-1]
	}
	o.stack = append(o.stack, heading{level, title})
	trail := make([]string, len(o.stack))
	for i, h := range o.stack {
		trail[i] = h.title
	}
	o.sections = append(o.sections, Section{Heading: title, Trail: trail, Level: len(trail)})
}

// block adds a block to the current section, folding its white space
// (except for code, whose lines are kept). Blank text adds nothing.
func (o *outline) block(kind BlockKind, text string) {
	if kind == Code {
		text = strings.TrimRightFunc(text, unicode.IsSpace)
		if text == "" {
			return
		}
		if i := strings.LastIndexByte(text[:len(text)-len(strings.TrimLeftFunc(text, unicode.IsSpace))], '\n'); i >= 0 {
			text = text[i+1:] // leading blank lines, not the first line's indentation
		}
	} else if text = foldSpace(text); text == "" {
		return
	}
	if len(o.sections) == 0 {
		o.sections = append(o.sections, Section{})
	}
	s := &o.sections[len(o.sections)-1]
	s.Blocks = append(s.Blocks, Block{Kind: kind, Text: text})
}

func (o *outline) blocks(blocks []Block) {
	for _, b := range blocks {
		o.block(b.Kind, b.Text)
	}
}

// container tells what a paragraph is by where it stands: a list item
// inside a list (nested ones prefixed with their parents), a quote inside
// a quotation, else a paragraph.
type container struct {
	quotes int // depth of quotations
	items  listNesting
}

// paragraph adds a paragraph of text to o, of the kind its place gives.
func (c *container) paragraph(o *outline, text string) {
	text = foldSpace(text)
	switch {
	case text == "":
	case c.items.inItem():
		o.block(ListItem, c.items.text(text))
	case c.quotes > 0:
		o.block(Quote, text)
	default:
		o.block(Paragraph, text)
	}
}

// headingOnly reports whether the current section has a heading and no
// block yet.
func (o *outline) headingOnly() bool {
	n := len(o.sections)
	return n > 0 && o.sections[n-1].Heading != "" && len(o.sections[n-1].Blocks) == 0
}

// foldSpace trims text and folds runs of white space and control
// characters into single spaces.
func foldSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' {
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
