package main

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is one unit of the rendered page: a heading, a paragraph or a
// code block.
type block struct {
	kind  int // kindPara, kindHeading, kindCode
	level int // heading level as found in the HTML (1–6)
	text  string
}

const (
	kindPara = iota
	kindHeading
	kindCode
)

// renderer turns an HTML subtree into blocks of plain text.
type renderer struct {
	skip   func(n *html.Node) bool // source-specific: true drops n and its subtree
	blocks []block
	cur    strings.Builder
	prefix string // pending list marker for the next paragraph
}

func render(root *html.Node, skip func(*html.Node) bool) []block {
	r := &renderer{skip: skip}
	r.walk(root)
	r.flush()
	return r.blocks
}

func (r *renderer) flush() {
	t := foldSpace(r.cur.String())
	r.cur.Reset()
	if t == "" {
		return
	}
	if r.prefix != "" {
		t = r.prefix + t
		r.prefix = ""
	}
	r.blocks = append(r.blocks, block{kind: kindPara, text: t})
}

func (r *renderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.cur.WriteString(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if r.skip != nil && r.skip(n) {
			return
		}
		switch n.DataAtom {
		case atom.Head, atom.Script, atom.Style, atom.Nav, atom.Noscript, atom.Template,
			atom.Svg, atom.Img, atom.Button, atom.Input, atom.Select, atom.Textarea,
			atom.Header, atom.Footer, atom.Aside, atom.Label, atom.Hr:
			return
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			r.flush()
			r.prefix = ""
			if t := foldSpace(textOf(n, r.skip)); t != "" {
				r.blocks = append(r.blocks, block{kind: kindHeading, level: int(n.Data[1] - '0'), text: t})
			}
			return
		case atom.Pre:
			r.flush()
			code := strings.Trim(rawText(n, r.skip), "\n")
			if strings.TrimSpace(code) != "" {
				r.blocks = append(r.blocks, block{kind: kindCode, text: strings.ReplaceAll(code, "```", "'''")})
			}
			return
		case atom.Br:
			r.cur.WriteByte(' ')
			return
		case atom.Tr:
			r.flush()
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
					if t := foldSpace(cellText(c, r.skip)); t != "" {
						cells = append(cells, t)
					}
				}
			}
			if len(cells) > 0 {
				r.blocks = append(r.blocks, block{kind: kindPara, text: strings.Join(cells, " | ")})
			}
			return
		case atom.Li:
			r.flush()
			r.prefix = "- "
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				r.walk(c)
			}
			r.flush()
			r.prefix = ""
			return
		}
		if isBlock(n.DataAtom) {
			r.flush()
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				r.walk(c)
			}
			r.flush()
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
}

// cellText is the text of a table cell, its blocks joined by spaces
// (nested tables included).
func cellText(n *html.Node, skip func(*html.Node) bool) string {
	var parts []string
	for _, b := range render(n, skip) {
		parts = append(parts, strings.TrimPrefix(b.text, "- "))
	}
	return strings.Join(parts, " ")
}

func textOf(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode {
			if skip != nil && skip(n) {
				return
			}
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Img:
				return
			case atom.Br:
				b.WriteByte(' ')
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// rawText keeps the white space of <pre> content.
func rawText(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode {
			if skip != nil && skip(n) {
				return
			}
			if n.DataAtom == atom.Br {
				b.WriteByte('\n')
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	// trailing spaces of each line are noise
	lines := strings.Split(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.Join(lines, "\n")
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Td, atom.Th, atom.Blockquote,
		atom.Section, atom.Article, atom.Main, atom.Figure, atom.Figcaption, atom.Caption,
		atom.Body, atom.Html, atom.Center, atom.Address, atom.Details, atom.Summary:
		return true
	}
	return false
}

// foldSpace trims s and folds runs of white space (non-breaking and
// zero-width spaces included) into single spaces.
func foldSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\u00ad' {
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

// ---- node helpers ----

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func find(n *html.Node, pred func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && pred(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, pred); f != nil {
			return f
		}
	}
	return nil
}

func byID(id string) func(*html.Node) bool {
	return func(n *html.Node) bool { return attr(n, "id") == id }
}

func byTag(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a }
}

// ---- markdown output ----

var mdHeadingLike = regexp.MustCompile(`^#{1,6}(\s|$)`)

var numbering = regexp.MustCompile(`^(?:(?:Chapitre|Partie|Annexe|Chapter|Part|Appendix)\s+)?(?:[0-9]+|[IVXLC]+|[A-Z])(?:\.[0-9]+)*\.?\s+`)

// stripNumbering removes DocBook numbering ("12.2. ", "Chapitre 17. ").
func stripNumbering(s string) string {
	t := numbering.ReplaceAllString(s, "")
	if t == "" {
		return s
	}
	return t
}

// norm is the comparison key of a title: lower case, letters and digits.
func norm(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markdown writes blocks as Markdown: headings at level minLevel become
// "## ", deeper ones "### " (the page title, if wanted, is added by the
// caller as "# ").
func markdown(blocks []block) string {
	minLevel := 7
	for _, b := range blocks {
		if b.kind == kindHeading && b.level < minLevel {
			minLevel = b.level
		}
	}
	var sb strings.Builder
	for i, b := range blocks {
		if i > 0 {
			sb.WriteString("\n\n")
		}
		switch b.kind {
		case kindHeading:
			if b.level <= minLevel {
				sb.WriteString("## ")
			} else {
				sb.WriteString("### ")
			}
			sb.WriteString(b.text)
		case kindCode:
			sb.WriteString("```\n")
			sb.WriteString(b.text)
			sb.WriteString("\n```")
		default:
			sb.WriteString(escapeLine(b.text))
		}
	}
	sb.WriteString("\n")
	return sb.String()
}

// escapeLine keeps a prose paragraph from being read as a Markdown
// heading or code fence.
func escapeLine(s string) string {
	if mdHeadingLike.MatchString(s) || strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~") {
		return "\\" + s
	}
	return s
}

// plainLen counts the characters of the body text (headings and
// paragraphs, no markup).
func plainLen(blocks []block) int {
	n := 0
	for _, b := range blocks {
		n += len([]rune(b.text))
	}
	return n
}

// ---- untranslated text ----

// Debian's French documentation is translated with po files, and some
// strings are still in English. A paragraph with at least three English
// function words and more than twice as many as French ones is dropped.
var (
	frWords = setOf("le la les de des du et est une un pour dans que qui sur avec pas vous ce cette sont par au aux il elle ne se en ou si")
	enWords = setOf("the and of to is in for that with this are you be or by it on as an from can which not")
	word    = regexp.MustCompile(`[\p{L}]+`)
)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func isEnglish(s string) bool {
	en, fr := 0, 0
	for _, w := range word.FindAllString(strings.ToLower(s), -1) {
		if enWords[w] {
			en++
		} else if frWords[w] {
			fr++
		}
	}
	return en >= 3 && en > 2*fr
}

// dropEnglish removes English prose paragraphs (code is kept) and returns
// the share of the prose characters it removed.
func dropEnglish(blocks []block) ([]block, float64) {
	kept := blocks[:0]
	total, dropped := 0, 0
	for _, b := range blocks {
		if b.kind == kindPara {
			total += len(b.text)
			if isEnglish(b.text) {
				dropped += len(b.text)
				continue
			}
		}
		kept = append(kept, b)
	}
	if total == 0 {
		return kept, 0
	}
	return kept, float64(dropped) / float64(total)
}
