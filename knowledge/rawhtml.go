package knowledge

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// rawHTML follows the raw HTML of a Markdown document, fragment after
// fragment (HTML blocks, inline tags), to tell whether the Markdown text
// met next is visible. An element that hiddenElement hides (a comment is
// never text either) hides everything up to its end tag, as in a browser;
// the end of the Markdown block that opened it closes it too, and a new
// block closes an open <p>, as the HTML parser would.
type rawHTML struct {
	open []string // elements open inside the outermost hidden one, itself first; empty when visible
}

func (h *rawHTML) visible() bool { return len(h.open) == 0 }

// depth and closeTo let a Markdown block close what opened inside it.
func (h *rawHTML) depth() int { return len(h.open) }

func (h *rawHTML) closeTo(depth int) {
	if depth < len(h.open) {
		h.open = h.open[:depth]
	}
}

// blockStart is a new block: like <p> or <div>, it closes an open <p>.
func (h *rawHTML) blockStart() {
	for i := len(h.open) - 1; i >= 0; i-- {
		if h.open[i] == "p" {
			h.open = h.open[:i]
			return
		}
	}
}

// feed reads a fragment of raw HTML: text outside hidden elements goes to
// text, and a block-level tag calls brk, which ends a paragraph.
func (h *rawHTML) feed(fragment string, text func(string), brk func()) {
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.TextToken:
			if h.visible() {
				text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if isBlock(t.DataAtom) {
				h.blockStart()
				if h.visible() {
					brk()
				}
			}
			switch {
			case voidElement(t.DataAtom):
				if t.DataAtom == atom.Br && h.visible() {
					text(" ")
				}
			case !h.visible() || hiddenElement(t.DataAtom, t.Data, t.Attr):
				h.open = append(h.open, t.Data)
			}
		case html.EndTagToken:
			t := z.Token()
			for i := len(h.open) - 1; i >= 0; i-- {
				if h.open[i] == t.Data {
					h.open = h.open[:i]
					break
				}
			}
			if isBlock(t.DataAtom) && h.visible() {
				brk()
			}
		}
	}
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr, atom.Keygen:
		return true
	}
	return false
}
