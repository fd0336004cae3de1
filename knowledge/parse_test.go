package knowledge

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, data string
		err        error  // nil: the document parses
		reason     string // part of the error's text
	}{
		{name: "guide.md", data: "# Titre\n\nTexte."},
		{name: "sous/dossier/page.HTM", data: "<h1>Titre</h1><p>Texte.</p>"},
		{name: "notes.txt", data: "\xef\xbb\xbfTexte."},
		{name: "rapport.docx", data: "PK\x03\x04", err: ErrUnsupported, reason: `".docx"`},
		{name: "LISEZMOI", data: prose, err: ErrUnsupported},
		{name: "photo.txt", data: "\x89PNG\r\n\x1a\n\x00\x00", err: ErrBinary},
		{name: "latin1.md", data: "Coop\xe9ration.", err: ErrNotUTF8},
		{name: "vide.html", data: "<script>x()</script>", err: ErrEmpty},
		{name: "bom.txt", data: "\xef\xbb\xbf \n", err: ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.name, []byte(tt.data))
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("Parse = %v, want %v", err, tt.err)
			}
			if err != nil {
				if !strings.Contains(err.Error(), tt.reason) {
					t.Errorf("error %q does not say %q", err, tt.reason)
				}
				return
			}
			if doc.Name != tt.name || len(doc.Sections) == 0 {
				t.Errorf("Parse = %+v, want sections named %s", doc, tt.name)
			}
		})
	}
}

func TestParseTooBig(t *testing.T) {
	data := bytes.Repeat([]byte("Texte. "), MaxFileSize/7+1)
	if _, err := Parse("gros.txt", data); !errors.Is(err, ErrTooBig) || !strings.Contains(err.Error(), "at most 16777216") {
		t.Fatalf("Parse(%d bytes) = %v, want ErrTooBig", len(data), err)
	}
}

// TestParseAgreesWithLoad: an upload checked with Parse is judged as the
// folder loader would judge the same file, with the same reason.
func TestParseAgreesWithLoad(t *testing.T) {
	for name, data := range map[string]string{
		"a.txt": prose, "b.md": "# T\n\n<!-- rien -->", "c.html": "<p>Texte.</p>",
		"d.txt": "\x00", "e.md": "\xff", "f.html": "", "g.txt": "\xef\xbb\xbf",
	} {
		_, parseErr := Parse(name, []byte(data))
		docs, skipped, _ := Load(fstest.MapFS{name: {Data: []byte(data)}})
		switch {
		case parseErr == nil && len(docs) != 1:
			t.Errorf("%s: Parse accepts it, Load skips it: %v", name, skipped)
		case parseErr != nil && (len(skipped) != 1 || skipped[0].Reason != parseErr.Error()):
			t.Errorf("%s: Parse says %q, Load says %v", name, parseErr, skipped)
		}
	}
}
