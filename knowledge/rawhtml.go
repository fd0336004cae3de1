package knowledge

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// rawHTML follows the raw HTML of a Markdown document, fragment after
// fragment (HTML blocks, inline tags), to tell whether the Markdown text
// met next is visible, as a browser showing the rendered page would:
//
//   - an element that hiddenElement hides hides everything up to its end
//     tag; the end of the Markdown block it opened in closes it too, and
//     a new block closes an open <p>, as the HTML parser does, except
//     for formatting elements (<b>, <em>…), which the parser reopens;
//   - a comment, or the raw text of a <script>, <style>… that a fragment
//     leaves open hides everything until it closes;
//   - <html>, <head> and <body> tags are ignored, as in a page's body,
//     and so are table tags outside a table.
//
// It errs on the side of hiding: text it cannot place is not indexed.
type rawHTML struct {
	open    []openElement // elements open since the outermost hidden one
	comment bool          // inside a comment a fragment left open
	rawEnd  string        // inside a raw text element a fragment left open: its name
	tables  int           // tables open, in which table tags count
	// unsure is set when a fragment ends inside a tag, which the page
	// would complete with what follows; the tracker then guesses,
	// hiding rather than showing.
	unsure bool
}

type openElement struct {
	name  string
	hides bool
}

func (h *rawHTML) visible() bool { return len(h.open) == 0 && !h.comment && h.rawEnd == "" }

// depth and closeTo let a Markdown block close what opened inside it.
func (h *rawHTML) depth() int { return len(h.open) }

func (h *rawHTML) closeTo(depth int) {
	if depth < len(h.open) {
		h.close(depth, depth)
	}
}

// popFrom closes open[i] and the elements above it, as its end tag does.
func (h *rawHTML) popFrom(i int) { h.close(i, i+1) }

// close closes the elements from open[i] on; formatting elements from
// open[reopen] on stay, as the parser reopens them.
func (h *rawHTML) close(i, reopen int) {
	kept := h.open[:i]
	for _, e := range h.open[reopen:] {
		if formatting(e.name) {
			kept = append(kept, e)
		}
	}
	h.open = kept
	for _, e := range h.open {
		if e.hides {
			return
		}
	}
	h.open = h.open[:0] // nothing hides: nothing to follow
}

// blockStart is a new block: like <p> or <div>, it closes an open <p>.
func (h *rawHTML) blockStart() {
	for i := len(h.open) - 1; i >= 0; i-- {
		if h.open[i].name == "p" {
			h.popFrom(i)
			return
		}
	}
}

// feed reads a fragment of raw HTML: text outside hidden elements goes to
// text, and a block-level tag calls brk, which ends a paragraph.
func (h *rawHTML) feed(fragment string, text func(string), brk func()) {
	if fragment = h.skipOpenComment(fragment); fragment == "" {
		return
	}
	if fragment = h.skipOpenRawText(fragment); fragment == "" {
		return
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		switch z.Next() {
		case html.ErrorToken:
			h.unfinishedTag(string(z.Raw()), text, brk)
			return
		case html.CommentToken:
			raw := string(z.Raw())
			if strings.HasPrefix(raw, "<!--") && !strings.HasSuffix(raw, "-->") && !strings.HasSuffix(raw, "--!>") {
				h.comment = true // runs to the end of the fragment, and on
			}
		case html.TextToken:
			if h.visible() {
				text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			h.start(z.Token(), text, brk)
		case html.EndTagToken:
			h.end(z.Token(), brk)
		}
	}
}

func (h *rawHTML) start(t html.Token, text func(string), brk func()) {
	switch {
	case t.DataAtom == atom.Html || t.DataAtom == atom.Head || t.DataAtom == atom.Body:
		return
	case tablePart(t.DataAtom) && h.tables == 0:
		return
	case t.DataAtom == atom.Table:
		h.tables++
	}
	if isBlock(t.DataAtom) {
		h.blockStart()
		if h.visible() {
			brk()
		}
	}
	hides := hiddenElement(t.DataAtom, t.Data, t.Attr)
	switch {
	case voidElement(t.DataAtom):
		if t.DataAtom == atom.Br && h.visible() {
			text(" ")
		}
		return
	case hides || !h.visible():
		h.open = append(h.open, openElement{t.Data, hides})
	}
	if hides && rawText(t.DataAtom) {
		h.rawEnd = t.Data // until its end tag, maybe in a later fragment
	}
}

func (h *rawHTML) end(t html.Token, brk func()) {
	switch {
	case t.DataAtom == atom.Html || t.DataAtom == atom.Head || t.DataAtom == atom.Body:
		return
	case tablePart(t.DataAtom) && h.tables == 0:
		return
	case t.DataAtom == atom.Table:
		h.tables = max(0, h.tables-1)
	}
	if t.Data == h.rawEnd {
		h.rawEnd = ""
	}
	for i := len(h.open) - 1; i >= 0; i-- {
		if h.open[i].name == t.Data {
			h.popFrom(i)
			break
		}
	}
	if isBlock(t.DataAtom) && h.visible() {
		brk()
	}
}

// unfinishedTag reads a tag a fragment ends in, which the page completes
// with the markup that follows, up to its next ">": its name and the
// attributes written so far decide. One that ends inside a quoted value
// (who knows what follows) is taken as hiding.
func (h *rawHTML) unfinishedTag(raw string, text func(string), brk func()) {
	if len(raw) < 2 || raw[0] != '<' {
		return
	}
	h.unsure = true
	z := html.NewTokenizer(strings.NewReader(raw + ">"))
	switch z.Next() {
	case html.StartTagToken, html.SelfClosingTagToken:
		t := z.Token()
		if !hiddenElement(t.DataAtom, t.Data, t.Attr) && !rawText(t.DataAtom) {
			return // its other attributes are the next markup: they hide nothing
		}
		h.start(t, text, brk)
	case html.EndTagToken:
		h.end(z.Token(), brk)
	case html.ErrorToken: // inside a quoted value
		name, _, _ := strings.Cut(strings.TrimPrefix(raw[1:], "/"), " ")
		h.open = append(h.open, openElement{strings.ToLower(name), true})
	}
}

// skipOpenComment drops the part of a fragment inside a comment an earlier
// fragment left open.
func (h *rawHTML) skipOpenComment(fragment string) string {
	if !h.comment {
		return fragment
	}
	for _, end := range []string{"-->", "--!>"} {
		if i := strings.Index(fragment, end); i >= 0 {
			h.comment = false
			return fragment[i+len(end):]
		}
	}
	return ""
}

// skipOpenRawText drops the part of a fragment inside a raw text element
// an earlier fragment left open, keeping its end tag.
func (h *rawHTML) skipOpenRawText(fragment string) string {
	if h.rawEnd == "" {
		return fragment
	}
	lower := strings.ToLower(fragment)
	for from := 0; ; {
		i := strings.Index(lower[from:], "</"+h.rawEnd)
		if i < 0 {
			return ""
		}
		i += from
		if j := i + 2 + len(h.rawEnd); j == len(lower) || strings.ContainsRune(" \t\n\f\r/>", rune(lower[j])) {
			return fragment[i:]
		}
		from = i + 2
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

// rawText reports whether the tokenizer reads an element's content as
// text up to its end tag.
func rawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Iframe, atom.Noembed,
		atom.Noframes, atom.Noscript, atom.Xmp, atom.Plaintext:
		return true
	}
	return false
}

func tablePart(a atom.Atom) bool {
	switch a {
	case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot, atom.Th,
		atom.Thead, atom.Tr:
		return true
	}
	return false
}

// formatting reports whether the HTML parser reopens an element after the
// block it was open in ends (its "active formatting elements").
func formatting(name string) bool {
	switch name {
	case "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u":
		return true
	}
	return false
}
