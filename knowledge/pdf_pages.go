package knowledge

import (
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Bounds on the work a PDF may cost, besides maxPDFTime and
// maxPDFObjects.
const (
	maxPDFPages = 10000
	// maxPositionalContent is the largest page content read glyph by
	// glyph, with positions (a few hundred bytes of memory a glyph); a
	// bigger page is read as plain text.
	maxPositionalContent = 1 << 20
	// maxPDFCMap bounds a font's ToUnicode map: the library looks each
	// character up by a linear scan of it.
	maxPDFCMap = 1 << 20
	// maxPDFPageWork bounds a page's content bytes times the cost of
	// decoding a character, work the library does without reading the
	// file, so without the guard seeing it.
	maxPDFPageWork = 2e9
)

// pdfPages walks the page tree, without the library's recursion: a tree
// that loops or holds more than maxPDFPages pages is ErrTooBig.
func pdfPages(r *pdf.Reader) ([]pdf.Page, error) {
	tooBig := fmt.Errorf("%w: more than %d pages", ErrTooBig, maxPDFPages)
	var pages []pdf.Page
	stack := []pdf.Value{r.Trailer().Key("Root").Key("Pages")}
	for pushed := 1; len(stack) > 0; {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v.Kind() != pdf.Dict {
			continue
		}
		if kids := v.Key("Kids"); kids.Kind() == pdf.Array { // a node of the tree
			if pushed += kids.Len(); pushed > 2*maxPDFPages {
				return nil, tooBig
			}
			for i := kids.Len() - 1; i >= 0; i-- {
				stack = append(stack, kids.Index(i))
			}
			continue
		}
		if pages = append(pages, pdf.Page{V: v}); len(pages) > maxPDFPages {
			return nil, tooBig
		}
	}
	return pages, nil
}

// pdfTexts extracts each page's blocks, within the budget: at most
// MaxFileSize of page content in all, decompressed.
func pdfTexts(g *pdfGuard, pages []pdf.Page) ([][]Block, error) {
	out := make([][]Block, len(pages))
	var total int64
	for i, p := range pages {
		size, err := pageContentSize(g, p, MaxFileSize-total)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		if total += size; total > MaxFileSize {
			return nil, fmt.Errorf("%w: over %d bytes of page content once decompressed", ErrTooBig, MaxFileSize)
		}
		cost, err := charCost(g, p)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		if float64(size)*float64(cost) > maxPDFPageWork {
			return nil, fmt.Errorf("%w: page %d is too costly to read", ErrTooBig, i+1)
		}
		if out[i], err = pageBlocks(g, p, size); err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	return out, nil
}

// pageContentSize decompresses a page's content streams to measure them,
// reading at most limit+1 bytes.
func pageContentSize(g *pdfGuard, p pdf.Page, limit int64) (size int64, err error) {
	failure := g.try(func() {
		contents := p.V.Key("Contents")
		streams := []pdf.Value{contents}
		if contents.Kind() == pdf.Array {
			streams = streams[:0]
			for i := range contents.Len() {
				streams = append(streams, contents.Index(i))
			}
		}
		for _, s := range streams {
			if s.Kind() != pdf.Stream {
				continue
			}
			n, _ := io.Copy(io.Discard, io.LimitReader(s.Reader(), limit-size+1))
			if size += n; size > limit {
				return
			}
		}
	})
	if failure != "" {
		return 0, fmt.Errorf("%w: %s", ErrMalformed, failure)
	}
	return size, nil
}

// charCost returns how many steps decoding one character of the page may
// take with its fonts: the entries of the longest ToUnicode map or
// Differences array it must scan.
func charCost(g *pdfGuard, p pdf.Page) (cost int64, err error) {
	cost = 1
	failure := g.try(func() {
		fonts := p.Resources().Key("Font")
		for _, name := range fonts.Keys() {
			f := fonts.Key(name)
			if d := f.Key("Encoding").Key("Differences"); d.Len() > 0 {
				cost = max(cost, int64(d.Len()))
			}
			if m := f.Key("ToUnicode"); m.Kind() == pdf.Stream {
				n, _ := io.Copy(io.Discard, io.LimitReader(m.Reader(), maxPDFCMap+1))
				if n > maxPDFCMap {
					err = fmt.Errorf("%w: font %s maps characters over more than %d bytes", ErrTooBig, name, maxPDFCMap)
					return
				}
				cost = max(cost, n/16) // an entry takes about 16 bytes
			}
		}
	})
	if failure != "" {
		return 0, fmt.Errorf("%w: %s", ErrMalformed, failure)
	}
	return cost, err
}

// pageBlocks reads a page's text: glyph by glyph with their positions when
// the page is small enough, else (or if that fails) as the library's
// plain text.
func pageBlocks(g *pdfGuard, p pdf.Page, size int64) ([]Block, error) {
	if size == 0 {
		return nil, nil
	}
	if size <= maxPositionalContent {
		var blocks []Block
		if g.try(func() { blocks = lineBlocks(glyphLines(p.Content().Text)) }) == "" {
			return blocks, nil
		}
	}
	var text string
	var err error
	if failure := g.try(func() { text, err = p.GetPlainText(nil) }); failure != "" || err != nil {
		if failure == "" {
			failure = err.Error()
		}
		return nil, fmt.Errorf("%w: %s", ErrMalformed, shortPanic(failure))
	}
	return plainBlocks(strings.Split(text, "\n")), nil
}

// try runs f, turning a panic of the PDF library into a description. A
// panic of the guard goes on up to parsePDF.
func (g *pdfGuard) try(f func()) (failure string) {
	defer func() {
		if r := recover(); r != nil {
			if g.err != nil {
				panic(g.err)
			}
			failure = shortPanic(r)
		}
	}()
	f()
	return ""
}
