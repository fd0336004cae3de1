package knowledge

import (
	"math"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// pdfLine is a line of a page: its text, baseline and font size.
type pdfLine struct {
	text    string
	y, size float64
}

// glyphLines rebuilds the lines of a page from its glyphs, in the order
// the page draws them: a glyph off the current baseline starts a line,
// and a gap wider than a fifth of the font size between two glyphs is a
// space (many producers place words rather than write spaces).
func glyphLines(glyphs []pdf.Text) []pdfLine {
	var lines []pdfLine
	var cur strings.Builder
	var y, size, end float64 // baseline, font size, where the last glyph ends
	flush := func() {
		if text := foldSpace(cur.String()); text != "" {
			lines = append(lines, pdfLine{text, y, size})
		}
		cur.Reset()
	}
	for _, t := range glyphs {
		if !printable(t.S) {
			continue
		}
		sz := math.Abs(t.FontSize)
		if !(sz >= 1 && sz < 1e4) { // NaN, zero or absurd: a nominal size
			sz = 10
		}
		started := cur.Len() > 0
		switch {
		case !started:
		case math.Abs(t.Y-y) > 0.5*max(sz, size):
			flush()
		case t.X-end > 0.2*sz || end-t.X > 2*sz:
			cur.WriteByte(' ')
		}
		if cur.Len() == 0 {
			y, size = t.Y, sz
		}
		cur.WriteString(t.S)
		end = t.X + max(t.W, 0)
	}
	flush()
	return lines
}

// printable reports whether a glyph's text is text: not empty, not a
// control character (the library gives "\n" between text runs), not the
// replacement of an unknown code.
func printable(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' || r == unicode.ReplacementChar {
			return false
		}
	}
	return true
}

// lineBlocks groups lines into blocks: a wider gap than between the lines
// of a paragraph, a change of font size or a bullet starts a new block.
func lineBlocks(lines []pdfLine) []Block {
	var out []Block
	var para []string
	kind := Paragraph
	flush := func() {
		if text := foldSpace(strings.Join(para, " ")); text != "" {
			out = append(out, Block{Kind: kind, Text: text})
		}
		para = para[:0]
	}
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			size := max(l.size, prev.size)
			gap := prev.y - l.y
			if gap > 1.7*size || gap < -0.5*size || math.Abs(l.size-prev.size) > 0.2*size || isListItem(l.text) {
				flush()
			}
		}
		if len(para) == 0 {
			kind = Paragraph
			if isListItem(l.text) {
				kind = ListItem
			}
		}
		para = append(para, l.text)
	}
	flush()
	return out
}

// plainBlocks groups the lines of a page read without positions: a line
// ending a sentence ends a paragraph, a bullet starts a list item.
func plainBlocks(lines []string) []Block {
	var out []Block
	var para []string
	kind := Paragraph
	flush := func() {
		if len(para) > 0 {
			out = append(out, Block{Kind: kind, Text: strings.Join(para, " ")})
		}
		para = para[:0]
	}
	for _, l := range lines {
		if l = foldSpace(l); l == "" {
			continue
		}
		if isListItem(l) {
			flush()
		}
		if len(para) == 0 {
			kind = Paragraph
			if isListItem(l) {
				kind = ListItem
			}
		}
		para = append(para, l)
		if endsSentence(l) {
			flush()
		}
	}
	flush()
	return out
}
