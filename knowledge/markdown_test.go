package knowledge

import (
	"errors"
	"strings"
	"testing"
)

// TestMarkdownHiddenAcrossBlocks: raw HTML hides what a browser showing
// the rendered page hides, even when it spans several Markdown blocks.
func TestMarkdownHiddenAcrossBlocks(t *testing.T) {
	tests := []struct {
		name, src string
		shown     []string
		hidden    []string
	}{
		{
			name:   "a comment left open in a quote hides the rest",
			src:    "Avant.\n\n> <!-- brouillon\n\nSECRET après la citation.\n\n--> SECRET encore : ce --> est du texte\n\n<!-- -->\n\nAprès le commentaire.",
			shown:  []string{"Avant.", "Après le commentaire."},
			hidden: []string{"SECRET"},
		},
		{
			name:   "an inline script left open hides the next paragraphs",
			src:    "Texte <script>var x\n\nSECRET\n\n</script> suite.\n\nFin.",
			shown:  []string{"Texte", "Fin."},
			hidden: []string{"SECRET"},
		},
		{
			name:   "a hidden span ends with its paragraph",
			src:    "Un <span hidden>SECRET\n\nDeuxième paragraphe.",
			shown:  []string{"Un", "Deuxième paragraphe."},
			hidden: []string{"SECRET"},
		},
		{
			name:   "a hidden formatting element is reopened in the next paragraph",
			src:    "Un <b hidden>SECRET\n\nSECRET encore</b> puis visible.",
			shown:  []string{"Un", "puis visible."},
			hidden: []string{"SECRET"},
		},
		{
			name:   "a hidden paragraph is closed by the next block",
			src:    "<p hidden>SECRET\n\nVisible.",
			shown:  []string{"Visible."},
			hidden: []string{"SECRET"},
		},
		{
			name:  "a table cell outside a table is ignored",
			src:   "Texte <td hidden> visible.",
			shown: []string{"Texte visible."},
		},
		{
			name:  "body and head tags are ignored",
			src:   "<body hidden>\n\nVisible.\n\n<head>\n\nToujours visible.",
			shown: []string{"Visible.", "Toujours visible."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := render([]Document{parseMarkdown(tt.src)})
			for _, s := range tt.shown {
				if !strings.Contains(text, s) {
					t.Errorf("%q is not shown:\n%s", s, text)
				}
			}
			for _, s := range tt.hidden {
				if strings.Contains(text, s) {
					t.Errorf("%q is shown:\n%s", s, text)
				}
			}
		})
	}
}

// TestMarkdownLimits: the lines that would make goldmark work for hours
// are refused; ordinary nesting is not.
func TestMarkdownLimits(t *testing.T) {
	for src, want := range map[string]error{
		strings.Repeat("- ", 65) + "a":       ErrTooBig,
		strings.Repeat(">", 65) + " a":       ErrTooBig,
		strings.Repeat("1. ", 65) + "a":      ErrTooBig,
		strings.Repeat("  ", 65) + "- a":     ErrTooBig,
		strings.Repeat("[a](", 2049):         ErrTooBig,
		"- a\n  - b\n    > c\n      1. d":    nil,
		strings.Repeat("[a](b) ", 100):       nil,
		"---\n\n***\n\n- - -\n\n12345678901": nil,
	} {
		_, err := Parse("a.md", []byte(src+"\n\nTexte."))
		if !errors.Is(err, want) {
			t.Errorf("Parse(%.40q…) = %v, want %v", src, err, want)
		}
	}
}
