package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
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
