package knowledge

import (
	"strings"
	"unicode"
)

// outline builds sections from a stream of headings and paragraphs,
// keeping the trail of enclosing headings.
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

func (o *outline) paragraph(text string) {
	text = foldSpace(text)
	if text == "" {
		return
	}
	if len(o.sections) == 0 {
		o.sections = append(o.sections, Section{})
	}
	s := &o.sections[len(o.sections)-1]
	s.Paragraphs = append(s.Paragraphs, text)
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
