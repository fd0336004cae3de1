package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
)

// parsePDF reads the text of a PDF with github.com/ledongthuc/pdf. The
// sections follow the PDF's outline (its bookmarks) when it has one, else
// there is one section a page, « Page 3 ». A PDF with no text (a scan) is
// ErrNoText. A hostile file cannot crash or stall the loader: the
// library's panics become ErrMalformed, and the work is bounded (see
// pdfGuard, checkPDFBounds, pdfBudget): ErrTooBig past maxPDFTime,
// maxPDFPages pages, or MaxFileSize of page content once decompressed.
func parsePDF(data []byte) (Document, error) {
	return readPDF(data, time.Now().Add(maxPDFTime))
}

// readPDF is parsePDF with a deadline.
func readPDF(data []byte, deadline time.Time) (doc Document, err error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return Document{}, fmt.Errorf("%w: not a PDF file", ErrMalformed)
	}
	if err := checkPDFBounds(data); err != nil {
		return Document{}, err
	}
	g := newPDFGuard(trimAfterEOF(data), deadline)
	defer func() {
		if r := recover(); r != nil {
			if g.err != nil {
				doc, err = Document{}, g.err
				return
			}
			doc, err = Document{}, fmt.Errorf("%w: the PDF reader failed: %s", ErrMalformed, shortPanic(r))
		}
	}()
	r, err := pdf.NewReader(g, int64(len(g.data)))
	if g.err != nil {
		return Document{}, g.err
	}
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return Document{}, fmt.Errorf("%w: encrypted with a password", ErrMalformed)
	}
	if err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if err := checkObjectStreams(r); err != nil {
		return Document{}, err
	}
	pages, err := pdfPages(r)
	if err != nil {
		return Document{}, err
	}
	texts, err := pdfTexts(g, pages)
	if err != nil {
		return Document{}, err
	}
	if !anyText(texts) {
		return Document{}, ErrNoText
	}
	doc.Title = foldSpace(r.Trailer().Key("Info").Key("Title").Text())
	doc.Sections = pdfSections(r, pages, texts)
	return doc, nil
}

// trimAfterEOF drops what follows the last %%EOF marker, where some
// producers leave junk that hides the marker from the library.
func trimAfterEOF(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("%%EOF"))
	if i < 0 || len(data)-i <= 100 {
		return data
	}
	return data[:i+len("%%EOF")]
}

func anyText(pages [][]Block) bool {
	for _, p := range pages {
		if len(p) > 0 {
			return true
		}
	}
	return false
}

// shortPanic renders a recovered panic for a skip reason: one line, short.
func shortPanic(r any) string {
	s := foldSpace(fmt.Sprint(r))
	if len(s) > 120 {
		s = strings.ToValidUTF8(s[:120], "") + "…"
	}
	return s
}
