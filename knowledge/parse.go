package knowledge

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// MaxFileSize is the largest document Parse and Load read.
const MaxFileSize = 16 << 20

// Parse reads one document, named name (a relative path with forward
// slashes; its extension chooses the format), from data. It applies the
// rules Load applies to every file of a folder, so that an upload can be
// checked before it is stored: the error wraps ErrUnsupported or
// ErrTooBig; for text formats ErrBinary or ErrNotUTF8; for PDF
// ErrMalformed or ErrNoText; or ErrEmpty. It never repeats the name.
func Parse(name string, data []byte) (Document, error) {
	parse := parserFor(name)
	if parse == nil {
		return Document{}, fmt.Errorf("%w: %q", ErrUnsupported, path.Ext(name))
	}
	if err := checkSize(int64(len(data))); err != nil {
		return Document{}, err
	}
	doc, err := parse(data)
	if err != nil {
		return Document{}, err
	}
	doc.Sections = dropEmpty(doc.Sections)
	if len(doc.Sections) == 0 {
		return Document{}, ErrEmpty
	}
	doc.Name = name
	return doc, nil
}

// Supported reports whether Parse and Load read files with this name's
// extension: .txt, .md, .markdown, .html, .htm or .pdf, in any case.
func Supported(name string) bool { return parserFor(name) != nil }

// A parser turns a file's content into a document (Name left empty).
type parser func(data []byte) (Document, error)

// parserFor returns the parser for a file name, or nil when the format is
// not supported.
func parserFor(name string) parser {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return textual(func(src string) (Document, error) { return Document{Sections: parseText(src)}, nil })
	case ".md", ".markdown":
		return textual(func(src string) (Document, error) {
			if err := checkMarkdownLimits(src); err != nil {
				return Document{}, err
			}
			return parseMarkdown(src), nil
		})
	case ".html", ".htm":
		return textual(func(src string) (Document, error) { return parseHTML(src), nil })
	case ".pdf":
		return parsePDF
	}
	return nil
}

func checkSize(n int64) error {
	if n > MaxFileSize {
		return fmt.Errorf("%w: %d bytes, at most %d", ErrTooBig, n, MaxFileSize)
	}
	return nil
}

// textual wraps the parser of a text format: the content must be UTF-8
// text (a byte order mark is dropped).
func textual(parse func(src string) (Document, error)) parser {
	return func(data []byte) (Document, error) {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if bytes.IndexByte(data, 0) >= 0 {
			return Document{}, ErrBinary
		}
		if !utf8.Valid(data) {
			return Document{}, ErrNotUTF8
		}
		return parse(string(data))
	}
}

func dropEmpty(sections []Section) []Section {
	out := sections[:0]
	for _, s := range sections {
		if len(s.Blocks) > 0 {
			out = append(out, s)
		}
	}
	return out
}
