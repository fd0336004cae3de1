package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DocumentsDir is the folder, in a data folder, of the documents that
// moderators add from Discord.
func DocumentsDir(dataDir string) string { return filepath.Join(dataDir, "documents") }

// maxNameBytes is the longest file name most file systems take.
const maxNameBytes = 255

// CheckDocumentName refuses, with an *InvalidError, a name that is not a
// plain file name: empty, too long, not UTF-8, with a path separator, a
// control character, surrounding spaces or a leading dot (hidden files
// are not loaded, and the store's temporary files start with one).
func CheckDocumentName(name string) error {
	reason := ""
	switch {
	case name == "":
		reason = "is empty"
	case len(name) > maxNameBytes:
		reason = fmt.Sprintf("is longer than %d bytes", maxNameBytes)
	case !utf8.ValidString(name):
		reason = "is not valid UTF-8"
	case strings.ContainsAny(name, `/\`):
		reason = "contains a path separator"
	case strings.ContainsFunc(name, unicode.IsControl):
		reason = "contains a control character"
	case strings.TrimSpace(name) != name:
		reason = "starts or ends with a space"
	case strings.HasPrefix(name, "."):
		reason = "starts with a dot"
	default:
		return nil
	}
	return &InvalidError{Field: "document name", Reason: reason}
}

// WriteDocumentFile writes data to dir/name atomically: into a temporary
// file of the same folder, synced, then renamed over any previous version,
// and the folder synced. Readers see the old content or the new, never a
// part; a failure (a full disk: ErrFull) leaves the old file as it was.
// dir is created if needed.
func WriteDocumentFile(dir, name string, data []byte) error {
	if err := CheckDocumentName(name); err != nil {
		return fmt.Errorf("write document: %w", err)
	}
	tmp, err := writeTemp(dir, data)
	if err != nil {
		return wrap("write document "+name, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return wrap("write document "+name, err)
	}
	return wrap("write document "+name, syncDir(dir))
}

// RemoveDocumentFile removes dir/name and syncs the folder. A missing
// file gives ErrNotFound.
func RemoveDocumentFile(dir, name string) error {
	if err := CheckDocumentName(name); err != nil {
		return fmt.Errorf("remove document: %w", err)
	}
	if err := os.Remove(filepath.Join(dir, name)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%w: %w", ErrNotFound, err)
		}
		return wrap("remove document "+name, err)
	}
	return wrap("remove document "+name, syncDir(dir))
}

// writeTemp writes data to a new hidden file of dir (mode 0600), synced
// and closed, and returns its path. On failure it leaves no file.
func writeTemp(dir string, data []byte) (path string, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	return f.Name(), f.Close()
}

// syncDir makes the renames and removals in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
