package knowledge

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// parseMarkdown reads CommonMark with GitHub's tables and strikethrough,
// through goldmark's syntax tree. Headings of every level are sections;
// paragraphs are paragraphs; list items are list items, a nested one
// prefixed with its parents (see listNesting); code blocks are code, kept
// verbatim without their fence or language; a quote's paragraphs are
// quotes; each table row is a row with its cells named by their column
// (see tableRow). Inline markup is dropped, keeping the text of links,
// code spans and image descriptions. Front matter is metadata, never text
// (see frontMatter); raw HTML shows only its visible text (see rawHTML):
// comments, scripts, styles and hidden elements are never indexed.
func parseMarkdown(src string) Document {
	doc, _ := readMarkdown(src)
	return doc
}

// readMarkdown is parseMarkdown, also telling whether raw HTML left it
// unsure of what is visible (see rawHTML.unsure).
func readMarkdown(src string) (doc Document, unsure bool) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	title, link, body := frontMatter(src)
	source := []byte(body)
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	root := md.Parser().Parse(text.NewReader(source))
	w := mdWalker{src: source}
	w.block(root)
	w.flushHTML()
	return Document{Title: title, URL: link, Sections: w.o.sections}, w.html.unsure
}

// mdWalker turns goldmark's tree into an outline.
type mdWalker struct {
	src  []byte
	o    outline
	html rawHTML
	in   container
	raw  strings.Builder // visible text of HTML blocks not yet emitted
}

func (w *mdWalker) flushHTML() {
	w.in.paragraph(&w.o, w.raw.String())
	w.raw.Reset()
}

func (w *mdWalker) block(n ast.Node) {
	switch n.Kind() {
	case ast.KindHTMLBlock: // what it opens stays open after it, as in a browser
	case ast.KindDocument:
	default:
		// The element a Markdown block renders to closes an open <p>
		// when it starts, and what opened inside it when it ends.
		w.flushHTML()
		w.html.blockStart()
		depth := w.html.depth()
		defer w.html.closeTo(depth)
	}
	switch n := n.(type) {
	case *ast.Heading: // inline keeps only the visible text
		w.o.heading(n.Level, w.inline(n))
		return
	case *ast.Paragraph, *ast.TextBlock:
		w.in.paragraph(&w.o, w.inline(n))
		return
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		if w.html.visible() {
			w.o.block(Code, w.lines(n))
		}
		return
	case *ast.HTMLBlock:
		fragment := w.lines(n)
		if n.HasClosure() {
			fragment += string(n.ClosureLine.Value(w.src))
		}
		w.html.feed(fragment, func(s string) { w.raw.WriteString(s) }, w.flushHTML)
		return
	case *east.Table:
		w.table(n)
		return
	case *ast.ListItem:
		w.in.items.open()
		defer w.in.items.close()
	case *ast.Blockquote:
		w.in.quotes++
		defer func() { w.in.quotes-- }()
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c)
	}
	w.flushHTML()
}

// lines returns a block's source lines as written.
func (w *mdWalker) lines(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(w.src))
	}
	return b.String()
}

// table emits one row a block, each cell named by its column header.
func (w *mdWalker) table(n *east.Table) {
	w.html.tables++ // raw table tags in its cells count
	defer func() { w.html.tables = max(0, w.html.tables-1) }()
	var tab table
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, foldSpace(w.inline(c)))
		}
		if r.Kind() == east.KindTableHeader {
			tab.headers = cells
			continue
		}
		tab.rows = append(tab.rows, cells)
	}
	for _, row := range tab.blocks() {
		w.o.block(TableRow, row)
	}
}
