package knowledge

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	mdhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FuzzMarkdown compares the Markdown loader with an oracle: goldmark's
// own HTML rendering of the document, parsed by x/net/html as a browser
// would inside a page, read with the visibility rules. Three properties:
//   - no visible text is lost: the letters and digits of the rendered
//     text outside headings are all in the loaded text, when the document
//     hides nothing (hidden parts are the next property's business) and
//     ends no HTML block inside a tag (the loader then hides what it
//     cannot place);
//   - no hidden text is kept: markers seeded after the document in a
//     comment, a script, a style and a hidden element are loaded only if
//     the oracle shows them (the document may have opened a code block
//     that makes them visible), and the front matter never is;
//   - headings are never empty.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Titre\n\nTexte *important* et **gras**.\n",
		"| A | B |\n|---|---|\n| x | |\n",
		"- a\n  - b\n    1. c\n\n> q\n",
		"```go\ncode\n```\n\n    indenté\n",
		"<div hidden>\n\ncaché\n\n</div>\n\nvisible <!-- note --> <b hidden>x\n\ny</b>",
		"> <!-- ouvert\n\nsuite",
		"Texte <script>var x\n\ny\n\n</script> fin",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || strings.IndexByte(src, 0) >= 0 || checkMarkdownLimits(src) != nil {
			t.Skip("Parse refuses it")
		}
		doc, unsure := readMarkdown(src)
		doc.Sections = dropEmpty(doc.Sections)
		checkOutline(t, doc)
		_, _, body := frontMatter(strings.ReplaceAll(src, "\r\n", "\n"))
		if o := markdownOracle(body); !o.hides && !unsure {
			got, want := runeCount(allText(doc), letterOrDigit), runeCount(o.body.String(), letterOrDigit)
			if m := missing(got, want); m != "" {
				t.Fatalf("visible text lost: %s\noracle: %q\n%s", m, o.body.String(), render([]Document{doc}))
			}
		}

		seeded := "---\nnote: " + markFrontMatter + "\n---\n" + src +
			"\n\n<!-- " + markComment + " -->\n\n<script>" + markScript + "</script>\n\nfin <span hidden>" + markHidden +
			"</span>.\n\n<style>p { content: \"" + markStyle + "\" }</style>\n\nfin\n"
		loaded := allText(parseMarkdown(seeded))
		_, _, body = frontMatter(strings.ReplaceAll(seeded, "\r\n", "\n"))
		shown := markdownOracle(body).all.String()
		for _, m := range marks {
			if strings.Contains(loaded, m) && (m == markFrontMatter || !strings.Contains(shown, m)) {
				t.Fatalf("hidden %s loaded:\n%s\noracle shows: %q", m, loaded, shown)
			}
		}
	})
}

// FuzzHTML compares the HTML loader with a direct reading of the parsed
// page: every letter and digit of a visible text node outside h1–h3 is
// loaded; markers seeded in a comment, a script, a hidden element and a
// style inside a heading are loaded only if the page shows them; headings
// are never empty.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"<h1>Titre</h1><p>Texte <b>gras</b>.</p>",
		"<table><tr><th>A</th><th>B</th></tr><tr><td>x</td><td></td></tr></table>",
		"<ul><li>a<ul><li>b</li></ul></li></ul><pre>  code\n</pre><blockquote>q</blockquote>",
		"<div hidden>caché</div><p aria-hidden=true>x</p><p style='display:none'>y</p>",
		"<h2><script>s</script>Titre</h2><iframe>i</iframe><textarea>t</textarea>",
		"<title>T</title><link rel=canonical href='javascript:x'>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || strings.IndexByte(src, 0) >= 0 {
			t.Skip("Parse refuses it")
		}
		doc := parseHTML(src)
		doc.Sections = dropEmpty(doc.Sections)
		checkOutline(t, doc)
		o := htmlOracle(src)
		got, want := runeCount(allText(doc), letterOrDigit), runeCount(o.body.String(), letterOrDigit)
		if m := missing(got, want); m != "" {
			t.Fatalf("visible text lost: %s\noracle: %q\n%s", m, o.body.String(), render([]Document{doc}))
		}
		if doc.URL != "" && webURL(doc.URL) != doc.URL {
			t.Fatalf("URL %q kept", doc.URL)
		}

		seeded := src + "<!--" + markComment + "--><script>" + markScript + "</script><p hidden>" + markHidden +
			"</p><h2><style>" + markStyle + "</style>Titre</h2><p>fin</p>"
		loaded := allText(parseHTML(seeded))
		shown := htmlOracle(seeded).all.String()
		for _, m := range marks {
			if strings.Contains(loaded, m) && !strings.Contains(shown, m) {
				t.Fatalf("hidden %s loaded:\n%s\noracle shows: %q", m, loaded, shown)
			}
		}
	})
}

// oracle is the visible text of a page: all of it, and the part outside
// headings; hides is set when some of the page is hidden.
type oracle struct {
	all, body strings.Builder
	hides     bool
}

// read gathers the visible text under n, headings being the elements
// heading reports.
func (o *oracle) read(n *html.Node, heading func(atom.Atom) bool, inHeading bool) {
	switch n.Type {
	case html.TextNode:
		o.all.WriteString(n.Data + " ")
		if !inHeading {
			o.body.WriteString(n.Data + " ")
		}
	case html.ElementNode:
		if hiddenElement(n.DataAtom, n.Data, n.Attr) {
			o.hides = true
			return
		}
		inHeading = inHeading || heading(n.DataAtom)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		o.read(c, heading, inHeading)
	}
}

func markdownOracle(body string) *oracle {
	var rendered bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithRendererOptions(mdhtml.WithUnsafe()))
	if err := md.Convert([]byte(body), &rendered); err != nil {
		panic(err)
	}
	o := &oracle{}
	z := html.NewTokenizer(bytes.NewReader(rendered.Bytes()))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			tok := z.Token()
			if hiddenElement(tok.DataAtom, tok.Data, tok.Attr) || rawText(tok.DataAtom) {
				o.hides = true
			}
		}
	}
	page := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(bytes.NewReader(rendered.Bytes()), page)
	if err != nil {
		panic(err)
	}
	isHeading := func(a atom.Atom) bool {
		return a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6
	}
	for _, n := range nodes {
		o.read(n, isHeading, false)
	}
	return o
}

func htmlOracle(src string) *oracle {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		panic(errors.Join(errors.New("html.Parse"), err))
	}
	o := &oracle{}
	o.read(root, func(a atom.Atom) bool { return a == atom.H1 || a == atom.H2 || a == atom.H3 }, false)
	return o
}
