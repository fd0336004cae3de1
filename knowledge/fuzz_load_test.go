package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// reasons are the errors a file may be skipped for.
var reasons = []error{ErrUnsupported, ErrUnreadable, ErrNotRegular, ErrTooBig, ErrBinary,
	ErrNotUTF8, ErrEmpty, ErrNoText, ErrMalformed}

var fuzzExtensions = []string{".txt", ".md", ".html", ".htm", ".markdown", ".pdf", ".TXT", ".odt"}

// FuzzLoad builds a folder from fuzz bytes, beside one valid document:
// Load never fails on it, every supported file is either loaded or
// skipped with one of the known reasons (never naming the file), and the
// folder loader judges each file as Parse does.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("# Titre\n\nTexte."), []byte("<p>x</p>"), uint8(1|2<<3))
	f.Add([]byte("\x00binaire"), []byte("\xe9t\xe9"), uint8(0))
	f.Add([]byte(""), []byte(" \n"), uint8(3|4<<3))
	f.Add([]byte("%PDF-1.4\n%%EOF"), []byte("Titre\nTexte."), uint8(5|6<<3))
	if data, err := os.ReadFile(filepath.Join("testdata", "loaders", "pages.pdf")); err == nil {
		f.Add(data, []byte("texte"), uint8(5|7<<3))
	}
	f.Fuzz(func(t *testing.T, a, b []byte, kinds uint8) {
		files := map[string][]byte{
			"ok.txt":                              []byte(prose),
			"a" + fuzzExtensions[kinds&7]:         a,
			"sous/b" + fuzzExtensions[kinds>>3&7]: b,
		}
		fsys := fstest.MapFS{}
		for name, data := range files {
			fsys[name] = &fstest.MapFile{Data: data}
		}
		docs, skipped, err := Load(fsys)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		loaded := map[string]Document{}
		for _, d := range docs {
			loaded[d.Name] = d
			checkOutline(t, d)
		}
		if _, ok := loaded["ok.txt"]; !ok {
			t.Fatalf("ok.txt not loaded: %v", skipped)
		}
		why := map[string]Skipped{}
		for _, s := range skipped {
			why[s.Name] = s
			if !knownReason(s.Err) || s.Reason != s.Err.Error() || strings.Contains(s.Reason, s.Name) {
				t.Fatalf("skipped %s: reason %q, err %v", s.Name, s.Reason, s.Err)
			}
		}
		for name, data := range files {
			doc, err := Parse(name, data)
			d, isLoaded := loaded[name]
			s, isSkipped := why[name]
			switch {
			case errors.Is(err, ErrUnsupported):
				if isLoaded || isSkipped {
					t.Fatalf("%s: unsupported, yet loaded or skipped", name)
				}
			case err != nil:
				if !isSkipped || s.Reason != err.Error() {
					t.Fatalf("%s: Parse says %v, Load says %+v", name, err, s)
				}
			case !isLoaded || !reflect.DeepEqual(d, doc):
				t.Fatalf("%s: Parse and Load differ:\n%+v\n%+v", name, doc, d)
			}
		}
	})
}

func knownReason(err error) bool {
	for _, r := range reasons {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}

// FuzzPDF feeds mutated PDFs to Parse: it returns, without crashing, a
// document with non-empty headings and blocks, or an error wrapping one
// of the known reasons.
func FuzzPDF(f *testing.F) {
	for _, dir := range []string{"pdf", "loaders"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*.pdf"))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("f.pdf", data)
		if err != nil {
			if !knownReason(err) {
				t.Fatalf("Parse: %v, not a known reason", err)
			}
			return
		}
		checkOutline(t, doc)
	})
}
