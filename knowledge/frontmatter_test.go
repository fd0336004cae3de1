package knowledge

import "testing"

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, src         string
		title, link, body string
	}{
		{"none", "# Titre\n", "", "", "# Titre\n"},
		{"title and source", "---\ntitle: Guide\nsource: https://a.org/g\n---\nTexte", "Guide", "https://a.org/g", "Texte"},
		{"url when no source", "---\nurl: 'https://a.org/u'\n---\n", "", "https://a.org/u", ""},
		{"source wins over url", "---\nurl: https://a.org/u\nsource: https://a.org/s\n---\n", "", "https://a.org/s", ""},
		{"javascript dropped", "---\nsource: javascript:alert(1)\n---\nTexte", "", "", "Texte"},
		{"quoted title with colon", "---\ntitle: \"Guide : l\\\"ONU\\\"\"\n---\n", "Guide : l\"ONU\"", "", ""},
		{"single quotes", "---\ntitle: 'L''ONU'\n---\n", "L'ONU", "", ""},
		{"comment", "---\ntitle: Guide # brouillon\n---\n", "Guide", "", ""},
		{"nested key ignored", "---\nauteur:\n  title: Pas le titre\n---\n", "", "", ""},
		{"dots close", "---\ntitle: Guide\n...\nTexte", "Guide", "", "Texte"},
		{"unclosed is text", "---\ntitle: Guide\nTexte", "", "", "---\ntitle: Guide\nTexte"},
		{"not first line", "\n---\ntitle: Guide\n---\n", "", "", "\n---\ntitle: Guide\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, link, body := frontMatter(tt.src)
			if title != tt.title || link != tt.link || body != tt.body {
				t.Errorf("frontMatter(%q) = %q, %q, %q; want %q, %q, %q", tt.src, title, link, body, tt.title, tt.link, tt.body)
			}
		})
	}
}
