package knowledge

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

//go:embed *.txt
var defaultFS embed.FS

// Default returns the knowledge shipped inside the binary.
func Default() fs.FS { return defaultFS }

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

// Load reads every .txt, .md, .html and .pdf document under fsys, in path
// order, each with Parse. A file that cannot be used (unreadable, binary,
// not UTF-8, empty, too big, a damaged PDF or a scan) is skipped and
// reported; the others still load. Load fails only when the folder cannot
// be walked or yields no document at all.
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

// loadFile reads one file of the folder, refusing what cannot be read
// safely (a pipe, a device, a file over MaxFileSize), then parses it.
func loadFile(fsys fs.FS, name string) (Document, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrUnreadable, unwrapPath(err))
	}
	if !info.Mode().IsRegular() { // a pipe or a device would block reading
		return Document{}, ErrNotRegular
	}
	if err := checkSize(info.Size()); err != nil {
		return Document{}, err
	}
	data, err := readAtMost(fsys, name, MaxFileSize+1) // the file may have grown since
	if err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrUnreadable, unwrapPath(err))
	}
	return Parse(name, data)
}

func readAtMost(fsys fs.FS, name string, n int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// unwrapPath drops the *fs.PathError wrapper, whose path repeats the name.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
