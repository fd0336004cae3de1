package knowledge

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"unicode/utf8"
)

//go:embed *.txt
var defaultFS embed.FS

// Default returns the knowledge shipped inside the binary.
func Default() fs.FS { return defaultFS }

// MaxFileSize is the largest document Load reads; bigger files are skipped.
const MaxFileSize = 16 << 20

// ErrNoDocuments is returned when a knowledge folder holds no usable document.
var ErrNoDocuments = errors.New("no usable document (.txt, .md or .html)")

// Why a file is skipped: Skipped.Err wraps one of these.
var (
	ErrUnreadable  = errors.New("unreadable")
	ErrNotRegular  = errors.New("not a regular file")
	ErrTooBig      = errors.New("too big")
	ErrBinary      = errors.New("binary content, not text")
	ErrNotUTF8     = errors.New("not valid UTF-8 text (convert it to UTF-8)")
	ErrEmpty       = errors.New("empty: no text to answer from")
	errUnsupported = errors.New("unsupported file type")
)

// Dir opens a knowledge folder on disk, failing clearly if it is missing.
// Reads cannot leave the folder: a symbolic link pointing outside it (to a
// file of secrets, say) is skipped like an unreadable file.
func Dir(dir string) (fs.FS, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open knowledge folder %q: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("open knowledge folder %q: not a folder", dir)
	}
	return rootFS(dir), nil
}

// rootFS reads a folder on disk without ever leaving it. It opens the
// folder anew for each file, so that a reload sees the folder now at that
// path, even after a deployment replaced it (a moved or relinked folder).
type rootFS string

func (dir rootFS) Open(name string) (fs.File, error) {
	root, err := os.OpenRoot(string(dir))
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer root.Close() // files opened through it stay open
	return root.FS().Open(name)
}

// Stat answers without opening the file: opening a named pipe would block.
func (dir rootFS) Stat(name string) (fs.FileInfo, error) {
	root, err := os.OpenRoot(string(dir))
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	defer root.Close()
	return fs.Stat(root.FS(), name)
}

// Load reads every .txt, .md and .html document under fsys, in path order.
// A file that cannot be used (unreadable, binary, not UTF-8, empty, too
// big) is skipped and reported; the others still load. Load fails only
// when the folder cannot be walked or yields no document at all.
func Load(fsys fs.FS) ([]Document, []Skipped, error) {
	var names []string
	unreadable := map[string]error{} // folders that could not be listed
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if p != "." && strings.HasPrefix(path.Base(p), ".") {
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if err != nil {
			if p == "." {
				return err
			}
			names = append(names, p) // reported as skipped below
			unreadable[p] = err
			return nil
		}
		if !d.IsDir() && parserFor(p) != nil {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read knowledge folder: %w", err)
	}
	sort.Strings(names)

	var docs []Document
	var skipped []Skipped
	for _, name := range names {
		if err := unreadable[name]; err != nil {
			err := fmt.Errorf("%w folder: %v", ErrUnreadable, unwrapPath(err))
			skipped = append(skipped, Skipped{Name: name, Reason: err.Error(), Err: err})
			continue
		}
		doc, err := loadFile(fsys, name)
		if err != nil {
			skipped = append(skipped, Skipped{Name: name, Reason: err.Error(), Err: err})
			continue
		}
		docs = append(docs, doc)
	}
	if len(docs) == 0 {
		return nil, skipped, ErrNoDocuments
	}
	return docs, skipped, nil
}

func loadFile(fsys fs.FS, name string) (Document, error) {
	parse := parserFor(name)
	if parse == nil {
		return Document{}, errUnsupported
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrUnreadable, unwrapPath(err))
	}
	if !info.Mode().IsRegular() { // a pipe or a device would block reading
		return Document{}, ErrNotRegular
	}
	if info.Size() > MaxFileSize {
		return Document{}, fmt.Errorf("%w: %d bytes, at most %d", ErrTooBig, info.Size(), MaxFileSize)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrUnreadable, unwrapPath(err))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // UTF-8 byte order mark
	if bytes.IndexByte(data, 0) >= 0 {
		return Document{}, ErrBinary
	}
	if !utf8.Valid(data) {
		return Document{}, ErrNotUTF8
	}
	sections := dropEmpty(parse(string(data)))
	if len(sections) == 0 {
		return Document{}, ErrEmpty
	}
	return Document{Name: name, Sections: sections}, nil
}

func parserFor(name string) func(string) []Section {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return parseText
	case ".md", ".markdown":
		return parseMarkdown
	case ".html", ".htm":
		return parseHTML
	}
	return nil
}

// unwrapPath drops the *fs.PathError wrapper, whose path repeats the name.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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
