package knowledge

import "testing"

func TestWebURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.interpol.int/fr":     "https://www.interpol.int/fr",
		" HTTP://exemple.org/a?b=c#d ":    "HTTP://exemple.org/a?b=c#d",
		"javascript:alert(1)":             "",
		"JavaScript://exemple.org/%0a":    "",
		"data:text/html,<p>x</p>":         "",
		"/fr/onu":                         "",
		"//exemple.org/onu":               "",
		"https://exemple.org/a b":         "",
		"https://moi:secret@exemple.org/": "",
		"https://":                        "",
		"ftp://exemple.org/fichier":       "",
		"https://exemple.org/\x00":        "",
	} {
		if got := webURL(in); got != want {
			t.Errorf("webURL(%q) = %q, want %q", in, got, want)
		}
	}
}
