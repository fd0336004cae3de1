package knowledge

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// Bounds on reading a PDF's outline, which may loop.
const (
	maxPDFMarks     = 10000
	maxPDFMarkDepth = 32
)

// pdfMark is an entry of a PDF's outline: a title, its depth, and the
// index of the page it points to.
type pdfMark struct {
	title string
	level int
	page  int
}

// pdfSections builds the sections of a PDF: one per outline entry, each
// from the page the entry points to on; without a usable outline, one per
// page with text, « Page 3 ». When several entries start on one page, the
// page is split where a block repeats an entry's title.
func pdfSections(r *pdf.Reader, pages []pdf.Page, texts [][]Block) []Section {
	var o outline
	marks := pdfMarks(r, pages)
	if len(marks) == 0 {
		for i, blocks := range texts {
			if len(blocks) > 0 {
				o.heading(1, fmt.Sprintf("Page %d", i+1))
				o.blocks(blocks)
			}
		}
		return o.sections
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].page < marks[j].page })
	for i, blocks := range texts {
		var later []pdfMark // entries whose title is not found on their page
		pos := 0
		for len(marks) > 0 && marks[0].page == i {
			m := marks[0]
			marks = marks[1:]
			j, rest, found := findTitle(blocks[pos:], m.title)
			switch {
			case found:
				o.blocks(blocks[pos : pos+j])
				o.heading(m.level, m.title)
				pos += j + 1
				if rest != "" {
					o.block(blocks[pos-1].Kind, rest)
				}
			case pos == 0:
				o.heading(m.level, m.title)
			default:
				later = append(later, m)
			}
		}
		o.blocks(blocks[pos:])
		for _, m := range later {
			o.heading(m.level, m.title)
		}
	}
	return o.sections
}

// findTitle finds the block that starts with title (case and spaces
// aside), returning its index and what follows the title in it.
func findTitle(blocks []Block, title string) (int, string, bool) {
	title = foldSpace(title)
	if title == "" {
		return 0, "", false
	}
	for i, b := range blocks {
		if rest, ok := cutPrefixFold(b.Text, title); ok {
			return i, strings.TrimSpace(rest), true
		}
	}
	return 0, "", false
}

// cutPrefixFold is strings.CutPrefix ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	for _, p := range prefix {
		r, n := utf8.DecodeRuneInString(s)
		if n == 0 || !strings.EqualFold(string(r), string(p)) {
			return s, false
		}
		s = s[n:]
	}
	return s, true
}

// pdfMarks reads the outline, depth first in reading order, without the
// library's recursion; it keeps the entries that point to a known page.
func pdfMarks(r *pdf.Reader, pages []pdf.Page) []pdfMark {
	index := make(map[string]int, len(pages))
	for i, p := range pages {
		if _, dup := index[p.V.String()]; !dup {
			index[p.V.String()] = i
		}
	}
	root := r.Trailer().Key("Root")
	type entry struct {
		v     pdf.Value
		level int
	}
	var marks []pdfMark
	seen := map[string]bool{}
	stack := []entry{{root.Key("Outlines").Key("First"), 1}}
	for steps := 0; len(stack) > 0 && steps < maxPDFMarks; steps++ {
		e := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		key := e.v.String()
		if e.v.Kind() != pdf.Dict || e.level > maxPDFMarkDepth || seen[key] {
			continue
		}
		seen[key] = true
		if page := destPage(root, e.v, pages, index); page >= 0 {
			marks = append(marks, pdfMark{foldSpace(e.v.Key("Title").Text()), e.level, page})
		}
		stack = append(stack, entry{e.v.Key("Next"), e.level}, entry{e.v.Key("First"), e.level + 1})
	}
	return marks
}

// destPage returns the index of the page an outline entry goes to, or -1:
// its /Dest, or the /D of its GoTo action, an explicit destination or a
// name looked up in the catalog's /Dests or /Names.
func destPage(root, item pdf.Value, pages []pdf.Page, index map[string]int) int {
	dest := item.Key("Dest")
	if dest.IsNull() {
		if a := item.Key("A"); a.Key("S").Name() == "GoTo" {
			dest = a.Key("D")
		}
	}
	switch dest.Kind() {
	case pdf.Name:
		dest = root.Key("Dests").Key(dest.Name())
	case pdf.String:
		dest = nameTreeLookup(root.Key("Names").Key("Dests"), dest.RawString())
	}
	if dest.Kind() == pdf.Dict {
		dest = dest.Key("D")
	}
	if dest.Kind() != pdf.Array || dest.Len() == 0 {
		return -1
	}
	page := dest.Index(0)
	if page.Kind() == pdf.Integer { // a page number, as some producers write
		if n := page.Int64(); n >= 0 && n < int64(len(pages)) {
			return int(n)
		}
		return -1
	}
	if i, ok := index[page.String()]; ok {
		return i
	}
	return -1
}

// nameTreeLookup finds key in a PDF name tree, following the /Limits of
// its kids down a bounded number of levels.
func nameTreeLookup(node pdf.Value, key string) pdf.Value {
	for depth := 0; depth < maxPDFMarkDepth && node.Kind() == pdf.Dict; depth++ {
		if names := node.Key("Names"); names.Kind() == pdf.Array {
			for i := 0; i+1 < names.Len(); i += 2 {
				if names.Index(i).RawString() == key {
					return names.Index(i + 1)
				}
			}
			return pdf.Value{}
		}
		kids := node.Key("Kids")
		next := pdf.Value{}
		for i := range kids.Len() {
			limits := kids.Index(i).Key("Limits")
			if limits.Len() == 2 && key >= limits.Index(0).RawString() && key <= limits.Index(1).RawString() {
				next = kids.Index(i)
				break
			}
		}
		node = next
	}
	return pdf.Value{}
}
