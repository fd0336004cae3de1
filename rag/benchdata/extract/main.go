// Command extract turns French documentation unpacked from Debian
// packages into a retrieval benchmark (title → page pairs) and a large
// corpus for speed and memory benchmarks. rag/benchdata/fetch.sh runs it;
// see rag/benchdata/README.md.
//
//	extract -root DIR -out DIR
//
// -root is a folder into which the .deb files were unpacked (dpkg-deb -x),
// so that it holds usr/share/libreoffice/help/fr/..., usr/share/man/fr/...
// It writes, under -out: pairs.jsonl, pairs_meta.tsv, corpus/ and large/
// (each removed and rewritten on every run).
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"flag"
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
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minBody is the smallest page body, in characters, kept as a pair or a
// large-corpus document.
const minBody = 200

// maxEnglish is the largest share of untranslated (English) prose a page
// may have had to be used as a retrieval pair.
const maxEnglish = 0.25

// page is one converted help page.
type page struct {
	source string  // "libreoffice", "gimp", …
	rel    string  // path relative to the source folder
	title  string  // cleaned page title (the query)
	body   []block // body without the title
	// english is the share of the prose that was dropped as untranslated
	english float64
}

// clean drops untranslated paragraphs from the page body.
func (p *page) clean() {
	p.body, p.english = dropEnglish(p.body)
}

type source struct {
	name  string
	dir   string                 // relative to -root
	match func(rel string) bool  // which files of dir to read
	pairs bool                   // use its pages as retrieval pairs
	parse func(src []byte) *page // title + body, nil to skip
}

func main() {
	root := flag.String("root", "", "folder the .deb packages were unpacked into")
	out := flag.String("out", "", "output folder")
	flag.Parse()
	if *root == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*root, *out); err != nil {
		fmt.Fprintln(os.Stderr, "extract:", err)
		os.Exit(1)
	}
}

func sources() []source {
	html := func(rel string) bool { return strings.HasSuffix(rel, ".html") }
	not := func(names ...string) func(string) bool {
		return func(rel string) bool {
			if !html(rel) {
				return false
			}
			for _, n := range names {
				if rel == n {
					return false
				}
			}
			return true
		}
	}
	return []source{
		{name: "libreoffice", dir: "usr/share/libreoffice/help/fr/text", match: html, pairs: true, parse: parseLibreOffice},
		{name: "gimp", dir: "usr/share/gimp/2.0/help/fr", match: html, pairs: true, parse: parseDocBook},
		{name: "debian-reference", dir: "usr/share/debian-reference", match: func(rel string) bool {
			return strings.HasSuffix(rel, ".fr.html") && rel != "index.fr.html"
		}, parse: parseDocBook},
		{name: "debian-faq", dir: "usr/share/doc/debian/FAQ/fr", match: not("index.fr.html"), parse: parseDocBook},
		{name: "maint-guide", dir: "usr/share/doc/maint-guide-fr/html", match: not("index.fr.html"), parse: parseDocBook},
		{name: "debian-edu", dir: "usr/share/doc/debian-edu-doc-fr", match: func(rel string) bool {
			return rel == "debian-edu-bookworm-manual.html"
		}, parse: parseDocBook},
		{name: "developers-reference", dir: "usr/share/developers-reference/fr", match: func(rel string) bool {
			return html(rel) && !strings.Contains(rel, "/") &&
				rel != "index.html" && rel != "developers-reference.html" && rel != "genindex.html" && rel != "search.html"
		}, parse: parseSphinx},
	}
}

func run(root, out string) error {
	var all []*page
	for _, s := range sources() {
		pages, err := readSource(root, s)
		if err != nil {
			return err
		}
		all = append(all, pages...)
	}
	man, err := readManPages(root)
	if err != nil {
		return err
	}
	all = append(all, man...)

	for _, d := range []string{"corpus", "large"} {
		if err := os.RemoveAll(filepath.Join(out, d)); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	np, nc, err := writePairs(out, all)
	if err != nil {
		return err
	}
	st, err := writeLarge(out, all)
	if err != nil {
		return err
	}
	fmt.Printf("pairs: %d\n", np)
	fmt.Printf("corpus docs: %d (of which %d are distractors without a query)\n", nc, nc-np)
	names := make([]string, 0, len(st.docs))
	for n := range st.docs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("large/%s: %d docs, %d chars\n", n, st.docs[n], st.chars[n])
	}
	fmt.Printf("large total: %d docs, %d chars (%d bytes), about %d chunks of 900 chars\n",
		st.totalDocs, st.totalChars, st.totalBytes, st.totalChars/900)
	return nil
}

func readSource(root string, s source) ([]*page, error) {
	dir := filepath.Join(root, s.dir)
	var rels []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			if s.match(rel) {
				rels = append(rels, rel)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w (is its package unpacked under -root?)", s.name, err)
	}
	sort.Strings(rels)
	var pages []*page
	for _, rel := range rels {
		src, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			return nil, err
		}
		p := s.parse(src)
		if p == nil {
			continue
		}
		p.source, p.rel = s.name, rel
		p.clean()
		pages = append(pages, p)
	}
	return pages, nil
}

// ---- per-source parsing ----

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

func shortHash(s string) string {
	h := sha1.Sum([]byte(s))
	return hex.EncodeToString(h[:])[:12]
}

// pair is one line of pairs.jsonl.
type pair struct {
	ID    string `json:"id"`
	Query string `json:"query"`
	Doc   string `json:"doc"`
}

func writePairs(out string, all []*page) (pairs, docs int, err error) {
	type cand struct {
		p    *page
		md   string
		hash string
	}
	var cands []cand
	titles := map[string]int{}
	bodies := map[string]int{}
	for _, p := range all {
		if !sourcePairs(p.source) || plainLen(p.body) < minBody || p.english > maxEnglish {
			continue
		}
		md := markdown(p.body)
		h := shortHash(md)
		cands = append(cands, cand{p, md, h})
		titles[norm(p.title)]++
		bodies[h]++
	}
	pf, err := os.Create(filepath.Join(out, "pairs.jsonl"))
	if err != nil {
		return 0, 0, err
	}
	defer pf.Close()
	mf, err := os.Create(filepath.Join(out, "pairs_meta.tsv"))
	if err != nil {
		return 0, 0, err
	}
	defer mf.Close()
	pw, mw := bufio.NewWriter(pf), bufio.NewWriter(mf)
	fmt.Fprintln(mw, "id\tdoc\tsource\tpath\tquery")
	written := map[string]bool{}
	enc := json.NewEncoder(pw)
	enc.SetEscapeHTML(false)
	for _, c := range cands {
		if written[c.hash] {
			continue // identical body already in the corpus
		}
		written[c.hash] = true
		key := c.p.source + ":" + c.p.rel
		// ids are keyed hashes of the page's path: stable from run to run,
		// and the query id tells nothing about the document name
		doc := "d" + shortHash("doc:"+key) + ".md"
		if err := os.WriteFile(filepath.Join(out, "corpus", doc), []byte(c.md), 0o644); err != nil {
			return 0, 0, err
		}
		docs++
		// a page is a query only when its title names no other page and
		// its body is no other page's body; the rest stay as distractors
		if titles[norm(c.p.title)] > 1 || bodies[c.hash] > 1 || norm(c.p.title) == "" {
			continue
		}
		id := "q" + shortHash("query:"+key)
		if err := enc.Encode(pair{ID: id, Query: c.p.title, Doc: doc}); err != nil {
			return 0, 0, err
		}
		fmt.Fprintf(mw, "%s\t%s\t%s\t%s\t%s\n", id, doc, c.p.source, c.p.rel, c.p.title)
		pairs++
	}
	if err := pw.Flush(); err != nil {
		return 0, 0, err
	}
	return pairs, docs, mw.Flush()
}

func sourcePairs(name string) bool {
	for _, s := range sources() {
		if s.name == name {
			return s.pairs
		}
	}
	return false
}

type largeStats struct {
	docs, chars                       map[string]int
	totalDocs, totalChars, totalBytes int
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func writeLarge(out string, all []*page) (largeStats, error) {
	st := largeStats{docs: map[string]int{}, chars: map[string]int{}}
	for _, p := range all {
		if plainLen(p.body) < minBody {
			continue
		}
		text := "# " + p.title + "\n\n" + markdown(p.body)
		name := strings.TrimSuffix(p.rel, ".gz")
		name = strings.TrimSuffix(name, filepath.Ext(name))
		name = unsafeName.ReplaceAllString(strings.ReplaceAll(name, "/", "_"), "-") + ".md"
		dir := filepath.Join(out, "large", p.source)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return st, err
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return st, err
		}
		n := utf8.RuneCountInString(text)
		st.docs[p.source]++
		st.chars[p.source] += n
		st.totalDocs++
		st.totalChars += n
		st.totalBytes += len(text)
	}
	return st, nil
}
