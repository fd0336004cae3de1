package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestParsePDFHostile: the fixtures of testdata/pdf (written by
// testdata/pdfgen) are skipped with a reason, or read, never a crash or a
// hang.
func TestParsePDFHostile(t *testing.T) {
	tests := []struct {
		file   string
		err    error  // nil: the text is read
		reason string // part of the error, or of the text read
	}{
		{"scan.pdf", ErrNoText, "no extractable text (scanned?)"},
		{"bomb.pdf", ErrTooBig, "page content once decompressed"},
		{"huge-xref.pdf", ErrTooBig, "declares object 1500000001"},
		{"huge-size.pdf", ErrTooBig, "declares object 2000000000"},
		{"objstm-loop.pdf", ErrMalformed, "object stream 3 is stored in an object stream"},
		{"page-loop.pdf", ErrTooBig, "more than 10000 pages"},
		{"not-a-pdf.pdf", ErrMalformed, "not a PDF file"},
		{"truncated.pdf", ErrMalformed, "missing %%EOF"},
		{"encrypted.pdf", ErrMalformed, "encrypted with a password"},
		{"unknown-filter.pdf", ErrMalformed, "page 1: malformed or unsupported file: unknown filter JBIG2Decode"},
		{"unbalanced-q.pdf", nil, "Texte lu malgré un contenu mal formé."},
		{"outline-loop.pdf", nil, "Une page sous une entrée qui boucle."},
		{"version-2.pdf", nil, "Un document en PDF 2.0."},
		{"trailing-junk.pdf", nil, "Deuxième page, écrite mot à mot."},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "pdf", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			doc, err := Parse(tt.file, data)
			if elapsed := time.Since(start); elapsed > 10*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if tt.err != nil {
				if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.reason) {
					t.Fatalf("Parse = %v, want %v saying %q", err, tt.err, tt.reason)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if text := render([]Document{doc}); !strings.Contains(text, tt.reason) {
				t.Errorf("text does not hold %q:\n%s", tt.reason, text)
			}
		})
	}
}

// TestParsePDFDeadline: past its time, reading stops with a reason.
func TestParsePDFDeadline(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "loaders", "rapport.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = readPDF(data, time.Now().Add(-time.Second))
	if !errors.Is(err, ErrTooBig) || !strings.Contains(err.Error(), "reading took over") {
		t.Fatalf("readPDF past its deadline = %v, want ErrTooBig", err)
	}
}

// TestLoadSkipsBadPDF: in a folder, a scanned PDF is skipped with its
// reason and a good one loads.
func TestLoadSkipsBadPDF(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, path := range map[string]string{"scan.pdf": "pdf/scan.pdf", "rapport.PDF": "loaders/rapport.pdf"} {
		data, err := os.ReadFile(filepath.Join("testdata", path))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	docs, skipped, err := Load(fsys)
	if err != nil || len(docs) != 1 || docs[0].Name != "rapport.PDF" || docs[0].Title != "Rapport INTERPOL – ONU" {
		t.Fatalf("Load = %v, %v; want rapport.PDF", names(docs), err)
	}
	if len(skipped) != 1 || !errors.Is(skipped[0].Err, ErrNoText) || skipped[0].Reason != "no extractable text (scanned?)" {
		t.Errorf("skipped = %+v, want scan.pdf with ErrNoText", skipped)
	}
}

// TestParsePDFRefusesHugeXrefWidths: an xref stream whose field widths
// add up to terabytes made the library allocate them, and the process
// die of it, before any recover could run.
func TestParsePDFRefusesHugeXrefWidths(t *testing.T) {
	data := []byte("%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 2 /W [199999999999999 4 2] /Length 3 >>\nstream\nabc\nendstream\nendobj\nstartxref\n9\n%%EOF\n")
	if _, err := Parse("f.pdf", data); !errors.Is(err, ErrMalformed) {
		t.Errorf("Parse = %v, want ErrMalformed", err)
	}
	for _, w := range []string{"[1 2 1 1]", "[-1 2 1]", "[1 9 1]"} {
		data := []byte("%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 2 /W " + w + " >>\nendobj\n%%EOF\n")
		if _, err := Parse("f.pdf", data); !errors.Is(err, ErrMalformed) {
			t.Errorf("/W %s: Parse = %v, want ErrMalformed", w, err)
		}
	}
}
