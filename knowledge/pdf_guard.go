package knowledge

import (
	"bytes"
	"fmt"
	"io"
	"time"
)

// maxPDFTime bounds the time spent reading one PDF.
const maxPDFTime = 20 * time.Second

// pdfGuard is the io.ReaderAt the PDF library reads the file through. The
// library re-reads the file for every object it resolves, so the guard
// sees its progress: past the deadline, every read panics with the
// reason, g.err, which parsePDF recovers and returns. It also shows the
// library a PDF 2.0 header as 1.7, which it does not otherwise accept.
type pdfGuard struct {
	data     []byte
	deadline time.Time
	err      error // why reading stopped
}

func newPDFGuard(data []byte, deadline time.Time) *pdfGuard {
	g := &pdfGuard{data: data, deadline: deadline}
	if bytes.HasPrefix(data, []byte("%PDF-2.")) {
		g.data = append([]byte("%PDF-1.7"), data[8:]...)
	}
	return g
}

func (g *pdfGuard) ReadAt(p []byte, off int64) (int, error) {
	if g.err == nil && time.Now().After(g.deadline) {
		g.err = fmt.Errorf("%w: reading took over %v", ErrTooBig, maxPDFTime)
	}
	if g.err != nil {
		panic(g.err) // not g: the library formats what it recovers, and g holds the file
	}
	if off < 0 {
		return 0, io.ErrUnexpectedEOF
	}
	if off >= int64(len(g.data)) {
		return 0, io.EOF
	}
	n := copy(p, g.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
