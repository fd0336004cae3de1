package knowledge

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML reads an HTML page: h1–h3 are sections; block elements
// (paragraphs, list items, table rows, h4–h6…) are paragraphs. Scripts,
// styles, navigation and the page's <head> are ignored.
func parseHTML(src string) []Section {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil { // html.Parse only fails on reader errors
		return nil
	}
	var o outline
	var text strings.Builder
	flush := func() {
		o.paragraph(text.String())
		text.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Head, atom.Script, atom.Style, atom.Nav, atom.Noscript, atom.Template, atom.Svg:
				return
			case atom.H1, atom.H2, atom.H3:
				flush()
				var h strings.Builder
				collectText(n, &h)
				o.heading(int(n.Data[1]-'0'), h.String())
				return
			case atom.Br:
				text.WriteByte(' ')
				return
			case atom.Td, atom.Th: // a table row is one paragraph
				if prevCell(n) {
					text.WriteString(" | ")
				}
			}
			if isBlock(n.DataAtom) {
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	flush()
	return o.sections
}

// collectText gathers a heading's text. Inline markup does not split
// words ("l’<abbr>ONU</abbr>"); a <br> does.
func collectText(n *html.Node, b *strings.Builder) {
	switch {
	case n.Type == html.TextNode:
		b.WriteString(n.Data)
	case n.DataAtom == atom.Br:
		b.WriteByte(' ')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectText(c, b)
	}
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Tr, atom.Pre, atom.Blockquote,
		atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside,
		atom.H4, atom.H5, atom.H6, atom.Figcaption, atom.Caption, atom.Body:
		return true
	}
	return false
}

// prevCell reports whether a table cell follows another one in its row.
func prevCell(n *html.Node) bool {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.DataAtom == atom.Td || p.DataAtom == atom.Th {
			return true
		}
	}
	return false
}
