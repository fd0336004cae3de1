package knowledge

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlMetadata returns a page's title (its first <title> outside <svg>)
// and its canonical URL: <link rel="canonical" href>, else
// <meta property="og:url" content>, kept only when it is an absolute
// http or https URL.
func htmlMetadata(root *html.Node) (title, link string) {
	var canonical, og string
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Svg, atom.Math, atom.Template:
				return
			case atom.Title:
				if title == "" {
					title = foldSpace(textOf(n))
				}
			case atom.Link:
				if canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					canonical = webURL(attr(n, "href"))
				}
			case atom.Meta:
				if og == "" && strings.EqualFold(strings.TrimSpace(attr(n, "property")), "og:url") {
					og = webURL(attr(n, "content"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	if canonical != "" {
		return title, canonical
	}
	return title, og
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasToken reports whether a space-separated attribute value holds token,
// ignoring case.
func hasToken(list, token string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
	}
	collect(n)
	return b.String()
}
