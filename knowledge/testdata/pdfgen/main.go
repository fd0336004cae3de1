// Command pdfgen writes the PDF fixtures of the knowledge package's tests:
// small documents with text, an outline or none, and hostile files. Run it
// from the package folder: go run ./testdata/pdfgen
package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

func main() {
	fixtures := map[string][]byte{
		"loaders/rapport.pdf":    report(),
		"loaders/pages.pdf":      pages(),
		"pdf/scan.pdf":           scan(),
		"pdf/bomb.pdf":           bomb(),
		"pdf/huge-xref.pdf":      hugeXref(),
		"pdf/huge-size.pdf":      hugeSize(),
		"pdf/objstm-loop.pdf":    objStmLoop(),
		"pdf/page-loop.pdf":      pageLoop(),
		"pdf/outline-loop.pdf":   outlineLoop(),
		"pdf/not-a-pdf.pdf":      []byte("Bonjour, ceci n'est pas un PDF.\n"),
		"pdf/truncated.pdf":      report()[:900],
		"pdf/unbalanced-q.pdf":   unbalanced(),
		"pdf/encrypted.pdf":      encrypted(),
		"pdf/version-2.pdf":      version2(),
		"pdf/trailing-junk.pdf":  append(pages(), bytes.Repeat([]byte("junk\n"), 100)...),
		"pdf/unknown-filter.pdf": unknownFilter(),
	}
	for name, data := range fixtures {
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// file is a PDF being written: numbered objects, then a classic xref.
type file struct {
	header  string
	objects []string
}

func (f *file) add(obj string) int {
	f.objects = append(f.objects, obj)
	return len(f.objects)
}

// reserve adds an object to be set later, for references that loop.
func (f *file) reserve() int { return f.add("null") }

func (f *file) set(n int, obj string) { f.objects[n-1] = obj }

func (f *file) stream(dict string, data []byte, compress bool) int {
	if compress {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(data)
		w.Close()
		data = z.Bytes()
		dict += " /Filter /FlateDecode"
	}
	return f.add(fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
}

func (f *file) bytes(trailer string) []byte {
	var b bytes.Buffer
	header := f.header
	if header == "" {
		header = "%PDF-1.4"
	}
	b.WriteString(header + "\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(f.objects))
	for i, o := range f.objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objects)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(f.objects)+1, trailer, xref)
	return b.Bytes()
}

// font adds Helvetica in WinAnsiEncoding, every glyph 500/1000 em wide but
// the space, 250.
func (f *file) font() int {
	widths := make([]string, 224)
	for i := range widths {
		widths[i] = "500"
	}
	widths[0] = "250"
	return f.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + strings.Join(widths, " ") + "] >>")
}

// page is a page's content being written.
type page struct {
	b bytes.Buffer
	y float64
}

func newPage() *page { return &page{y: 770} }

// line writes a line of text at the left margin, then moves down.
func (p *page) line(size float64, s string) {
	fmt.Fprintf(&p.b, "BT /F1 %g Tf 1 0 0 1 72 %g Tm (%s) Tj ET\n", size, p.y, winAnsi(s))
	p.y -= size * 1.25
}

// words writes a line word by word, placed without space characters, as
// many producers do.
func (p *page) words(size float64, s string) {
	x := 72.0
	for _, w := range strings.Fields(s) {
		fmt.Fprintf(&p.b, "BT /F1 %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET\n", size, x, p.y, winAnsi(w))
		x += float64(len([]rune(w)))*0.5*size + 0.3*size
	}
	p.y -= size * 1.25
}

func (p *page) gap(points float64) { p.y -= points }

// addPages adds the pages and their tree; it returns the pages' object
// numbers.
func (f *file) addPages(contents ...*page) (root int, pages []int) {
	fnt := f.font()
	tree := f.reserve()
	var kids []string
	for _, c := range contents {
		content := f.stream("", c.b.Bytes(), true)
		n := f.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", tree, fnt, content))
		pages = append(pages, n)
		kids = append(kids, fmt.Sprintf("%d 0 R", n))
	}
	f.set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	return tree, pages
}

// report has three pages and an outline: an entry a page, one child that
// starts in the middle of page 2, and one entry reached by a named
// destination.
func report() []byte {
	p1 := newPage()
	p1.line(18, "Introduction")
	p1.gap(8)
	p1.line(11, "INTERPOL et l’Organisation des Nations Unies coopèrent depuis")
	p1.line(11, "1996, date à laquelle INTERPOL est devenu observateur permanent.")
	p1.gap(10)
	p1.words(11, "Ce rapport présente les thèmes de coopération.")
	p2 := newPage()
	p2.line(18, "Coopération")
	p2.gap(8)
	p2.line(11, "Les thèmes principaux sont :")
	p2.line(11, "• l’antiterrorisme ;")
	p2.line(11, "• la criminalité organisée.")
	p2.gap(10)
	p2.line(14, "Antiterrorisme")
	p2.gap(6)
	p2.line(11, "INTERPOL est membre du Pacte mondial de coordination contre le")
	p2.line(11, "terrorisme depuis décembre 2018.")
	p3 := newPage()
	p3.line(18, "Annexe")
	p3.gap(8)
	p3.line(11, "Bureau du Représentant spécial : Vienne, New York.")

	f := &file{}
	tree, pages := f.addPages(p1, p2, p3)
	outlines := f.reserve()
	intro, coop, anti, annex := f.reserve(), f.reserve(), f.reserve(), f.reserve()
	f.set(intro, fmt.Sprintf("<< /Title (Introduction) /Parent %d 0 R /Next %d 0 R /Dest [%d 0 R /XYZ 0 842 0] >>", outlines, coop, pages[0]))
	f.set(coop, fmt.Sprintf("<< /Title %s /Parent %d 0 R /Prev %d 0 R /Next %d 0 R /First %d 0 R /Last %d 0 R /Count 1 /A << /S /GoTo /D [%d 0 R /Fit] >> >>", utf16Text("Coopération"), outlines, intro, annex, anti, anti, pages[1]))
	f.set(anti, fmt.Sprintf("<< /Title (Antiterrorisme) /Parent %d 0 R /Dest [%d 0 R /XYZ 0 500 0] >>", coop, pages[1]))
	f.set(annex, fmt.Sprintf("<< /Title (Annexe) /Parent %d 0 R /Prev %d 0 R /Dest (annexe) >>", outlines, coop))
	f.set(outlines, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count 4 >>", intro, annex))
	names := f.add(fmt.Sprintf("<< /Dests << /Kids [<< /Limits [(annexe) (annexe)] /Names [(annexe) [%d 0 R /Fit]] >>] >> >>", pages[2]))
	root := f.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /Outlines %d 0 R /Names %d 0 R >>", tree, outlines, names))
	info := f.add("<< /Title " + utf16Text("Rapport INTERPOL – ONU") + " /Producer (pdfgen) >>")
	return f.bytes(fmt.Sprintf("/Root %d 0 R /Info %d 0 R", root, info))
}

// pages has two pages and no outline.
func pages() []byte {
	p1 := newPage()
	p1.line(11, "Première page : la coopération policière internationale.")
	p2 := newPage()
	p2.words(11, "Deuxième page, écrite mot à mot.")
	f := &file{}
	tree, _ := f.addPages(p1, newPage(), p2)
	root := f.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree))
	return f.bytes(fmt.Sprintf("/Root %d 0 R", root))
}

// scan has a page that only draws an image, as a scanner makes.
func scan() []byte {
	f := &file{}
	img := f.stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0}, false)
	content := f.stream("", []byte("q 595 0 0 842 0 0 cm /Im1 Do Q"), true)
	tree := f.reserve()
	pg := f.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", tree, img, content))
	f.set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
	root := f.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree))
	return f.bytes(fmt.Sprintf("/Root %d 0 R", root))
}

// bomb has a page whose content inflates to 17 MiB.
func bomb() []byte {
	p := newPage()
	p.line(11, "Texte avant la bombe.")
	p.b.Write(bytes.Repeat([]byte(" "), 17<<20))
	f := &file{}
	tree, _ := f.addPages(p)
	root := f.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree))
	return f.bytes(fmt.Sprintf("/Root %d 0 R", root))
}

// hugeXref declares object 1,500,000,000 in its cross-reference table:
// the library would allocate a table for all of them.
func hugeXref() []byte {
	data := pages()
	i := bytes.LastIndex(data, []byte("xref\n0 "))
	j := i + bytes.IndexByte(data[i+5:], '\n') + 6
	return append(append(append([]byte{}, data[:i]...), "xref\n1500000000 1\n0000000009 00000 n \n"...), data[j:]...)
}

// hugeSize declares two billion objects in its trailer.
func hugeSize() []byte {
	return bytes.Replace(pages(), []byte("/Size "), []byte("/Size 2000000000 /Ignored "), 1)
}

// objStmLoop has a cross-reference stream saying object 3 is stored in
// object stream 3 itself.
func objStmLoop() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n")
	xrefOff := b.Len()
	entry := func(typ byte, a uint32, c uint16) []byte {
		return []byte{typ, byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a), byte(c >> 8), byte(c)}
	}
	var data []byte
	data = append(data, entry(0, 0, 65535)...)
	data = append(data, entry(1, uint32(off1), 0)...)
	data = append(data, entry(1, uint32(xrefOff), 0)...)
	data = append(data, entry(2, 3, 0)...)
	fmt.Fprintf(&b, "2 0 obj\n<< /Type /XRef /Size 4 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", len(data))
	b.Write(data)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefOff)
	return b.Bytes()
}

// pageLoop has a page tree whose node is its own kid.
func pageLoop() []byte {
	f := &file{}
	tree := f.reserve()
	f.set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 >>", tree, tree))
	root := f.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree))
	return f.bytes(fmt.Sprintf("/Root %d 0 R", root))
}

// outlineLoop has an outline entry that is its own next sibling and child.
func outlineLoop() []byte {
	p := newPage()
	p.line(11, "Une page sous une entrée qui boucle.")
	f := &file{}
	tree, pages := f.addPages(p)
	outlines, item := f.reserve(), f.reserve()
	f.set(item, fmt.Sprintf("<< /Title (Boucle) /Parent %d 0 R /Next %d 0 R /First %d 0 R /Dest [%d 0 R /Fit] >>", outlines, item, item, pages[0]))
	f.set(outlines, fmt.Sprintf("<< /Type /Outlines /First %d 0 R >>", item))
	root := f.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /Outlines %d 0 R >>", tree, outlines))
	return f.bytes(fmt.Sprintf("/Root %d 0 R", root))
}

// unbalanced restores a graphics state it never saved, which makes the
// library's positional reader fail.
func unbalanced() []byte {
	p := newPage()
	p.b.WriteString("Q Q\n")
	p.line(11, "Texte lu malgré un contenu mal formé.")
	f := &file{}
	tree, _ := f.addPages(p)
	root := f.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree))
	return f.bytes(fmt.Sprintf("/Root %d 0 R", root))
}

// encrypted claims RC4 encryption with a user password.
func encrypted() []byte {
	data := pages()
	enc := "/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <" + strings.Repeat("11", 32) + "> /U <" + strings.Repeat("22", 32) + "> >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]"
	return bytes.Replace(data, []byte("trailer\n<< "), []byte("trailer\n<< "+enc+" "), 1)
}

func version2() []byte {
	p := newPage()
	p.line(11, "Un document en PDF 2.0.")
	f := &file{header: "%PDF-2.0"}
	tree, _ := f.addPages(p)
	root := f.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree))
	return f.bytes(fmt.Sprintf("/Root %d 0 R", root))
}

// unknownFilter compresses its page with a filter the library lacks.
func unknownFilter() []byte {
	f := &file{}
	content := f.add("<< /Filter /JBIG2Decode /Length 4 >>\nstream\nabcd\nendstream")
	tree := f.reserve()
	pg := f.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>", tree, content))
	f.set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
	root := f.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree))
	return f.bytes(fmt.Sprintf("/Root %d 0 R", root))
}

// winAnsi encodes s for a literal string in WinAnsiEncoding.
func winAnsi(s string) string {
	special := map[rune]byte{'’': 0x92, '–': 0x96, '—': 0x97, '•': 0x95, '«': 0xab, '»': 0xbb, 'œ': 0x9c}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case special[r] != 0:
			fmt.Fprintf(&b, "\\%03o", special[r])
		case r >= 0x80 && r <= 0xff:
			fmt.Fprintf(&b, "\\%03o", r)
		case r < 0x80:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// utf16Text writes a PDF text string in UTF-16BE, with its byte order mark.
func utf16Text(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
