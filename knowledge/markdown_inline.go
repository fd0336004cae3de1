package knowledge

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	mdhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
)

// inline returns the visible text of a block's inline content: the text
// of emphasis, links, code spans and image descriptions without their
// markers, backslash escapes and entities resolved. Raw inline HTML only
// opens and closes hidden parts (see rawHTML); a <br> is a space.
func (w *mdWalker) inline(n ast.Node) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Text:
			if w.html.visible() {
				b.WriteString(plainText(n.Segment.Value(w.src)))
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
			return
		case *ast.String:
			if w.html.visible() {
				if n.IsCode() || n.IsRaw() {
					b.Write(n.Value)
				} else {
					b.WriteString(plainText(n.Value))
				}
			}
			return
		case *ast.CodeSpan:
			if w.html.visible() {
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						b.Write(t.Segment.Value(w.src))
					}
				}
			}
			return
		case *ast.AutoLink:
			if w.html.visible() {
				b.Write(n.Label(w.src))
			}
			return
		case *ast.RawHTML:
			var raw strings.Builder
			for i := range n.Segments.Len() {
				seg := n.Segments.At(i)
				raw.Write(seg.Value(w.src))
			}
			w.html.feed(raw.String(), func(s string) { b.WriteString(s) }, func() { b.WriteByte(' ') })
			return
		case *east.TableCell:
			depth := w.html.depth()
			defer w.html.closeTo(depth) // a cell closes what opened in it
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// plainText resolves backslash escapes and entities in Markdown text, as
// goldmark's HTML renderer does, without HTML escaping.
func plainText(md []byte) string {
	if bytes.IndexByte(md, '\\') < 0 && bytes.IndexByte(md, '&') < 0 {
		return string(md)
	}
	var out bytes.Buffer
	bw := bufio.NewWriter(&out)
	mdhtml.DefaultWriter.Write(bw, md)
	bw.Flush()
	return html.UnescapeString(out.String())
}
