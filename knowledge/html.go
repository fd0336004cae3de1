package knowledge

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML reads an HTML page. h1–h3 are sections; paragraphs and other
// block elements (h4–h6 included) are paragraphs, list items are list
// items (nested ones prefixed with their parents), <pre> is code kept
// verbatim, a blockquote's paragraphs are quotes, and each table row is a
// row with its cells named by their column headers. Only visible text is
// read (see hiddenElement). The page's <title> and its canonical URL
// (<link rel="canonical">, else <meta property="og:url">) are metadata.
func parseHTML(src string) Document {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil { // html.Parse only fails on reader errors
		return Document{}
	}
	var w htmlWalker
	w.walk(root)
	w.flush()
	title, link := htmlMetadata(root)
	return Document{Title: title, URL: link, Sections: w.o.sections}
}

// htmlWalker turns the visible part of a page into an outline, gathering
// inline text until a block element ends it.
type htmlWalker struct {
	o    outline
	text strings.Builder
	in   container
}

func (w *htmlWalker) flush() {
	w.in.paragraph(&w.o, w.text.String())
	w.text.Reset()
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text.WriteString(n.Data)
		return
	case html.ElementNode:
		if hiddenElement(n.DataAtom, n.Data, n.Attr) {
			return
		}
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3:
			w.flush()
			w.o.heading(int(n.Data[1]-'0'), visibleText(n, false))
			return
		case atom.Br:
			w.text.WriteByte(' ')
			return
		case atom.Pre:
			w.flush()
			w.o.block(Code, visibleText(n, true))
			return
		case atom.Table:
			w.flush()
			tab := htmlTable(n)
			w.o.block(Paragraph, tab.caption)
			for _, row := range tab.blocks() {
				w.o.block(TableRow, row)
			}
			return
		case atom.Li:
			w.flush()
			w.in.items.open()
			defer w.in.items.close()
		case atom.Blockquote:
			w.flush()
			w.in.quotes++
			defer func() { w.in.quotes-- }()
		}
		if isBlock(n.DataAtom) {
			w.flush()
			defer w.flush()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// visibleText gathers the visible text of an element. Inline markup does
// not split words ("l’<abbr>ONU</abbr>"); a <br> does. With verbatim, line
// breaks and indentation are kept (for <pre>), else white space is folded.
func visibleText(n *html.Node, verbatim bool) string {
	var b strings.Builder
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type != html.ElementNode:
		case hiddenElement(n.DataAtom, n.Data, n.Attr):
			return
		case n.DataAtom == atom.Br && verbatim:
			b.WriteByte('\n')
		case verbatim:
		case n.DataAtom == atom.Br || isBlock(n.DataAtom) || n.DataAtom == atom.Td || n.DataAtom == atom.Th:
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
	}
	collect(n)
	if verbatim {
		return b.String()
	}
	return foldSpace(b.String())
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Tr, atom.Pre, atom.Blockquote,
		atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Figcaption, atom.Caption,
		atom.Body, atom.Details, atom.Summary, atom.Figure, atom.Address, atom.Fieldset,
		atom.Legend, atom.Form, atom.Hr:
		return true
	}
	return false
}
