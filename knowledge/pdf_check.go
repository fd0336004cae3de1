package knowledge

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// maxPDFObjects bounds the object numbers a PDF may declare: the library
// allocates its cross-reference table from them, so a tiny file claiming
// a billion objects would exhaust memory, which no recover catches.
const maxPDFObjects = 1 << 20

var (
	pdfXrefTable = regexp.MustCompile(`(?:^|[^a-zA-Z])xref[\x00\t\n\f\r ]`)
	pdfSize      = regexp.MustCompile(`/Size[\x00\t\n\f\r ]*(-?\d+)`)
	pdfIndex     = regexp.MustCompile(`/Index[\x00\t\n\f\r ]*\[([^\]]*)\]`)
	pdfWidths    = regexp.MustCompile(`/W[\x00\t\n\f\r ]*\[([^\]]*)\]`)
)

// maxXrefWidth bounds the field widths of an xref stream (/W): the
// library allocates a buffer of their sum per entry, and real files use
// at most 8 bytes a field.
const maxXrefWidth = 8

// checkPDFBounds refuses, before the library reads it, a PDF whose
// cross-reference data declares more than maxPDFObjects objects (classic
// xref subsections, and the /Size and /Index of trailers and xref
// streams, which are never compressed) or xref stream fields wider than
// maxXrefWidth (/W).
func checkPDFBounds(data []byte) error {
	tooMany := func(n int64) error {
		if n > maxPDFObjects {
			return fmt.Errorf("%w: declares object %d, at most %d", ErrTooBig, n, maxPDFObjects)
		}
		return nil
	}
	for _, m := range pdfSize.FindAllSubmatch(data, -1) {
		if err := tooMany(atoi(m[1])); err != nil {
			return err
		}
	}
	for _, m := range pdfIndex.FindAllSubmatch(data, -1) {
		f := bytes.Fields(m[1])
		for i := 0; i+1 < len(f); i += 2 {
			if err := tooMany(atoi(f[i]) + atoi(f[i+1])); err != nil {
				return err
			}
		}
	}
	for _, m := range pdfWidths.FindAllSubmatch(data, -1) {
		f := bytes.Fields(m[1])
		if len(f) > 3 {
			return fmt.Errorf("%w: an xref stream declares %d field widths, at most 3", ErrMalformed, len(f))
		}
		for _, w := range f {
			if n := atoi(w); n < 0 || n > maxXrefWidth {
				return fmt.Errorf("%w: an xref stream declares a field of %d bytes, at most %d", ErrMalformed, n, maxXrefWidth)
			}
		}
	}
	for _, loc := range pdfXrefTable.FindAllIndex(data, -1) {
		if err := tooMany(xrefTableExtent(data[loc[1]:])); err != nil {
			return err
		}
	}
	return nil
}

// xrefTableExtent returns the largest object number a classic xref table
// declares: its subsections are "start count" lines, each followed by
// count entries of three tokens.
func xrefTableExtent(b []byte) int64 {
	var most int64
	tokens := pdfTokens(b)
	for {
		start, ok1 := tokens()
		count, ok2 := tokens()
		s, err1 := strconv.ParseInt(string(start), 10, 64)
		c, err2 := strconv.ParseInt(string(count), 10, 64)
		if !ok1 || !ok2 || err1 != nil || err2 != nil {
			return most
		}
		most = max(most, s+c)
		if c < 0 || c > maxPDFObjects {
			return most
		}
		for range 3 * c {
			if _, ok := tokens(); !ok {
				return most
			}
		}
	}
}

// pdfTokens splits b into tokens at PDF white space, skipping comments.
func pdfTokens(b []byte) func() ([]byte, bool) {
	return func() ([]byte, bool) {
		for len(b) > 0 {
			switch b[0] {
			case 0, '\t', '\n', '\f', '\r', ' ':
				b = b[1:]
				continue
			case '%':
				if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
					b = b[i:]
				} else {
					b = nil
				}
				continue
			}
			end := bytes.IndexAny(b, "\x00\t\n\f\r %")
			if end < 0 {
				end = len(b)
			}
			tok := b[:end]
			b = b[end:]
			return tok, true
		}
		return nil, false
	}
}

func atoi(b []byte) int64 {
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return 1 << 62 // a number too long to parse is too big
	}
	return n
}

// checkObjectStreams refuses a PDF where an object is said to be stored in
// an object stream that is itself stored in an object stream: the library
// resolves such a chain by recursion, and a loop (a stream said to hold
// itself) overflows the stack, which no recover catches. The table is not
// exported, so it is read by reflection; if its layout changed, the check
// fails closed.
func checkObjectStreams(r *pdf.Reader) error {
	table := reflect.ValueOf(r).Elem().FieldByName("xref")
	if !table.IsValid() || table.Kind() != reflect.Slice {
		return fmt.Errorf("%w: cannot check the cross-reference table", ErrMalformed)
	}
	inStream := func(i uint64) bool {
		if i >= uint64(table.Len()) {
			return false
		}
		f := table.Index(int(i)).FieldByName("inStream")
		return !f.IsValid() || f.Bool()
	}
	for i := range table.Len() {
		e := table.Index(i)
		id := e.FieldByName("stream").FieldByName("id")
		if !id.IsValid() {
			return fmt.Errorf("%w: cannot check the cross-reference table", ErrMalformed)
		}
		if inStream(uint64(i)) && inStream(id.Uint()) {
			return fmt.Errorf("%w: object stream %d is stored in an object stream", ErrMalformed, id.Uint())
		}
	}
	return nil
}
