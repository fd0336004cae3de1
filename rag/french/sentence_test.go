package french

import (
	"slices"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"blank", "  \n\t ", nil},
		{"one", "C’est fini.", []string{"C’est fini."}},
		{"no final stop", "Une phrase. Puis une autre sans point", []string{"Une phrase.", "Puis une autre sans point"}},
		{"question and exclamation", "Vraiment ? Oui ! Bien sûr… Alors partons.",
			[]string{"Vraiment ?", "Oui !", "Bien sûr…", "Alors partons."}},
		{"monsieur", "M. Dupont est arrivé. Il a parlé.", []string{"M. Dupont est arrivé.", "Il a parlé."}},
		{"madame and doctor", "Mme Curie et Dr. House. Puis la fin.", []string{"Mme Curie et Dr. House.", "Puis la fin."}},
		{"initials", "J. R. R. Tolkien écrit. Puis il part.", []string{"J. R. R. Tolkien écrit.", "Puis il part."}},
		{"etc. mid-sentence", "Des pommes, des poires, etc. Et plus encore.",
			[]string{"Des pommes, des poires, etc. Et plus encore."}},
		{"decimal number", "La version 2.5 est sortie. La 3.0 arrive.", []string{"La version 2.5 est sortie.", "La 3.0 arrive."}},
		{"number after a stop", "Il est né en 1990. 2000 personnes étaient là.",
			[]string{"Il est né en 1990.", "2000 personnes étaient là."}},
		{"no space after the stop", "Voir le site.Puis rien.", []string{"Voir le site.Puis rien."}},
		{"lower case after the stop", "Il vit à St. étienne depuis.", []string{"Il vit à St. étienne depuis."}},
		{"opening quote starts a sentence", "Il se tut. « Assez ! » cria-t-elle.",
			[]string{"Il se tut.", "« Assez ! » cria-t-elle."}},
		{"quote closed after the stop", "Il a dit «Bonjour.» Puis il est parti.",
			[]string{"Il a dit «Bonjour.»", "Puis il est parti."}},
		{"French spacing inside quotes", "Il a dit « Viens-tu ? » Elle a répondu non.",
			[]string{"Il a dit « Viens-tu ? »", "Elle a répondu non."}},
		{"English quotes", "Il a écrit “Fin.” Puis il a signé.", []string{"Il a écrit “Fin.”", "Puis il a signé."}},
		{"parenthesis", "Voir l’annexe (page 3.) Elle détaille tout.", []string{"Voir l’annexe (page 3.)", "Elle détaille tout."}},
		{"doubled punctuation", "Quoi ?! Non. Si !", []string{"Quoi ?!", "Non.", "Si !"}},
		{"narrow no-break space before the guillemet", "Il a dit « Oui.\u202f» Puis il partit.",
			[]string{"Il a dit « Oui.\u202f»", "Puis il partit."}},
		{"ellipsis then quote", "Et puis… « Rien », dit-il.", []string{"Et puis…", "« Rien », dit-il."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// BenchmarkSentencesManyInitials splits a 300 KB paragraph of initials, a
// shape that once made splitting quadratic (52 s for 240 KB).
func BenchmarkSentencesManyInitials(b *testing.B) {
	p := strings.Repeat("M. ", 100000) + "Fin."
	for b.Loop() {
		if n := len(Sentences(p)); n != 1 {
			b.Fatalf("%d sentences, want 1", n)
		}
	}
}

// TestSentencesLinear feeds shapes that once made splitting quadratic
// (hours for a 16 MiB file): runs of initials, of dots, of « ? » ». Each
// must split in one pass; the input is large enough that a quadratic
// split would not finish within the test binary's timeout.
func TestSentencesLinear(t *testing.T) {
	for name, p := range map[string]string{
		"initials":      strings.Repeat("M. ", 200000) + "Fin.",
		"dots":          "Début" + strings.Repeat(".", 400000) + " Fin.",
		"question runs": "Début" + strings.Repeat("? »", 150000) + " fin.",
	} {
		if n := len(Sentences(p)); n == 0 || n > 2 {
			t.Errorf("%s: %d sentences, want 1 or 2", name, n)
		}
	}
}

func TestSentencesAbbreviationAfterNoBreakSpace(t *testing.T) {
	got := Sentences("Selon\u00a0M. Dupont, oui. Voilà.")
	want := []string{"Selon\u00a0M. Dupont, oui.", "Voilà."}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
