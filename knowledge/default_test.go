package knowledge

import (
	"slices"
	"testing"
)

// The themes of the shipped document, in reading order. Written out here
// so that a change to the embedded text or to the text loader shows up.
var defaultThemes = []string{
	"Antiterrorisme",
	"Criminalité organisée et nouvelles formes de criminalité",
	"Traite d’êtres humains et trafic de migrants",
	"Cybercriminalité",
	"Les objectifs de l’action policière mondiale d’INTERPOL et le Programme de développement durable à l’horizon 2030 de l’ONU",
}

func TestDefault(t *testing.T) {
	docs, skipped, err := Load(Default())
	if err != nil {
		t.Fatalf("Load(Default()): %v", err)
	}
	if len(skipped) != 0 {
		t.Errorf("skipped = %v, want none", skipped)
	}
	if len(docs) != 1 || docs[0].Name != "interpol-onu.txt" {
		t.Fatalf("documents = %v, want only interpol-onu.txt", names(docs))
	}
	var themes []string
	paragraphs := 0
	for _, s := range docs[0].Sections {
		paragraphs += len(s.Blocks)
		themes = append(themes, s.Theme())
		if s.Level != 1 || s.Heading != s.Theme() {
			t.Errorf("section %q: level %d, heading %q; want a level-1 theme", s.Theme(), s.Level, s.Heading)
		}
		if len(s.Blocks) == 0 {
			t.Errorf("section %q has no paragraph", s.Theme())
		}
		for _, b := range s.Blocks {
			if p := b.Text; b.Kind != Paragraph || len([]rune(p)) < 40 {
				t.Errorf("section %q: paragraph %q is too short to be a paragraph of the document", s.Theme(), p)
			}
		}
	}
	// The file holds 5 title lines and 10 paragraph lines, one a line.
	if paragraphs != 10 {
		t.Errorf("%d paragraphs, want 10 (one per line of text)", paragraphs)
	}
	if !slices.Equal(themes, defaultThemes) {
		t.Errorf("themes =\n%q\nwant\n%q", themes, defaultThemes)
	}
}

func names(docs []Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Name)
	}
	return out
}
