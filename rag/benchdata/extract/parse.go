package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func parseDoc(src []byte) *html.Node {
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return nil
	}
	return doc
}

func titleOf(doc *html.Node) string {
	if t := find(doc, byTag(atom.Title)); t != nil {
		return foldSpace(textOf(t, nil))
	}
	return ""
}

// dropTitle removes the leading blocks that only repeat the title.
func dropTitle(blocks []block, title string) []block {
	key := norm(title)
	for len(blocks) > 0 {
		b := blocks[0]
		if b.kind == kindCode || norm(stripNumbering(b.text)) != key {
			break
		}
		blocks = blocks[1:]
	}
	return blocks
}

var upperClass = regexp.MustCompile(`^[A-Z]+$`)

func parseLibreOffice(src []byte) *page {
	doc := parseDoc(src)
	if doc == nil {
		return nil
	}
	title := titleOf(doc)
	area := find(doc, byID("DisplayArea"))
	if area == nil || title == "" {
		return nil
	}
	skip := func(n *html.Node) bool {
		if hasClass(n, "relatedtopics") || hasClass(n, "debug") || hasClass(n, "noteicon") {
			return true
		}
		// <span class="switchinline">: variants per system (MAC, WIN,
		// UNIX) or module (CALC, WRITER…) plus a default; keep the
		// default, or the first variant if there is none.
		if p := n.Parent; p != nil && hasClass(p, "switchinline") && upperClass.MatchString(attr(n, "class")) {
			var firstVariant *html.Node
			for c := p.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode {
					continue
				}
				if strings.HasPrefix(attr(c, "id"), "default") {
					return true // a default exists: drop every variant
				}
				if firstVariant == nil && upperClass.MatchString(attr(c, "class")) {
					firstVariant = c
				}
			}
			return n != firstVariant
		}
		return false
	}
	blocks := render(area, skip)
	// the first h1 is the page title (sometimes worded differently)
	for i, b := range blocks {
		if b.kind == kindHeading && b.level == 1 {
			blocks = append(blocks[:i:i], blocks[i+1:]...)
			break
		}
		if b.kind != kindHeading {
			break
		}
	}
	return &page{title: title, body: dropTitle(blocks, title)}
}

func docBookSkip(n *html.Node) bool {
	for _, c := range []string{"navheader", "navfooter", "toc", "list-of-tables", "list-of-figures",
		"list-of-examples", "reportbug", "breadcrumbs"} {
		if hasClass(n, c) {
			return true
		}
	}
	return false
}

func parseDocBook(src []byte) *page {
	doc := parseDoc(src)
	if doc == nil {
		return nil
	}
	title := stripNumbering(titleOf(doc))
	body := find(doc, byTag(atom.Body))
	if body == nil || title == "" {
		return nil
	}
	blocks := render(body, docBookSkip)
	// the first heading is the page's title
	if len(blocks) > 0 && blocks[0].kind == kindHeading {
		blocks = blocks[1:]
	}
	for i := range blocks {
		if blocks[i].kind == kindHeading {
			blocks[i].text = stripNumbering(blocks[i].text)
		}
	}
	return &page{title: title, body: dropTitle(blocks, title)}
}

func parseSphinx(src []byte) *page {
	doc := parseDoc(src)
	if doc == nil {
		return nil
	}
	main := find(doc, func(n *html.Node) bool { return attr(n, "role") == "main" })
	if main == nil {
		main = find(doc, func(n *html.Node) bool { return hasClass(n, "body") })
	}
	if main == nil {
		return nil
	}
	skip := func(n *html.Node) bool { return hasClass(n, "headerlink") || docBookSkip(n) }
	blocks := render(main, skip)
	title := ""
	if len(blocks) > 0 && blocks[0].kind == kindHeading {
		title = stripNumbering(blocks[0].text)
		blocks = blocks[1:]
	}
	if title == "" {
		title = stripNumbering(strings.SplitN(titleOf(doc), " — ", 2)[0])
	}
	for i := range blocks {
		if blocks[i].kind == kindHeading {
			blocks[i].text = stripNumbering(blocks[i].text)
		}
	}
	return &page{title: title, body: blocks}
}

// readManPages renders usr/share/man/fr/man*/*.gz with mandoc (HTML
// fragment), skipping aliases (symbolic links and ".so" redirections).
func readManPages(root string) ([]*page, error) {
	dir := filepath.Join(root, "usr/share/man/fr")
	if _, err := exec.LookPath("mandoc"); err != nil {
		return nil, fmt.Errorf("mandoc not found (apt-get install mandoc): %w", err)
	}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".gz") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("man pages: %w", err)
	}
	sort.Strings(files)
	pages := make([]*page, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.NumCPU()+1; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pages[i], errs[i] = manPage(dir, files[i])
				if pages[i] != nil {
					pages[i].clean()
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var kept []*page
	for i, p := range pages {
		if errs[i] != nil {
			fmt.Fprintf(os.Stderr, "extract: skip %s: %v\n", files[i], errs[i])
			continue
		}
		if p != nil {
			kept = append(kept, p)
		}
	}
	return kept, nil
}

func manPage(dir, file string) (*page, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	roff, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(bytes.TrimSpace(roff), []byte(".so ")) {
		return nil, nil
	}
	cmd := exec.Command("mandoc", "-T", "html", "-O", "fragment", "-W", "stop")
	cmd.Stdin = bytes.NewReader(roff)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	_ = cmd.Run() // mandoc exits non-zero on mere warnings; judge by output
	if stdout.Len() == 0 {
		return nil, fmt.Errorf("mandoc produced nothing")
	}
	doc := parseDoc(stdout.Bytes())
	if doc == nil {
		return nil, fmt.Errorf("unparsable mandoc output")
	}
	skip := func(n *html.Node) bool {
		return n.DataAtom == atom.Table && (hasClass(n, "head") || hasClass(n, "foot"))
	}
	rel, _ := filepath.Rel(dir, file)
	name := strings.TrimSuffix(filepath.Base(file), ".gz") // ls.1
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i] + "(" + name[i+1:] + ")"
	}
	return &page{title: name, body: render(doc, skip), rel: filepath.ToSlash(rel), source: "manpages"}, nil
}

// ---- output ----
