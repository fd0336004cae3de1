package french

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"crime", "crime"},
		{"Crime", "crime"},
		{"Organisée", "organisee"},
		{"ÉTÉ", "ete"},
		{"Ça", "ca"},
		{"naïve", "naive"},
		{"mettre en œuvre", "mettre en oeuvre"},
		{"ŒUVRE", "oeuvre"},
		{"déjà-vu", "deja-vu"},
		{"Noël à l’Hôtel", "noel a l’hotel"},
		{"2030", "2030"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldForMatch(t *testing.T) {
	same := [][2]string{
		{"L’ONU", "l'onu"},
		{"l‘onu", "l`onu"},
		{"Criminalité organisée", "criminalite organisee"},
		{"  Traite   d’êtres\thumains\n", "traite d'etres humains"},
		{"Œuvre", "oeuvre"},
	}
	for _, p := range same {
		if a, b := FoldForMatch(p[0]), FoldForMatch(p[1]); a != b {
			t.Errorf("FoldForMatch(%q) = %q, FoldForMatch(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
	if got, want := FoldForMatch(" \t Le  Bureau d’INTERPOL \n"), "le bureau d'interpol"; got != want {
		t.Errorf("FoldForMatch = %q, want %q", got, want)
	}
	if a, b := FoldForMatch("crime"), FoldForMatch("crimes"); a == b {
		t.Errorf("FoldForMatch must not stem: %q == %q", a, b)
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"?!… 🤔🤔", nil},
		{"L’ONU", []string{"l", "onu"}},
		{"l'ONU", []string{"l", "onu"}},
		{"d’abord qu’il", []string{"d", "abord", "qu", "il"}},
		{"A-t-il signé ?", []string{"a", "t", "il", "signé"}},
		{"COVID-19 en 2030", []string{"covid", "19", "en", "2030"}},
		{"Élan, été; œuvre.", []string{"élan", "été", "œuvre"}},
	}
	for _, tt := range tests {
		if got := Tokenize(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTermsDropStopAndQuestionWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Quel est le rôle d’INTERPOL ?", []string{"rol", "interpol"}},
		{"Quelle est la mission de l'ONU ?", []string{"mission", "onu"}},
		{"Comment ? Combien ? Pourquoi ? Quand ? Où ? Qui ? Quoi ? Lesquels ?", nil},
		{"Qu’est-ce que c’est ? Est-ce que l’on sait ?", nil},
		{"A-t-il été déjà très loin ?", []string{"loin"}},
		{"l’organisation", []string{"organis"}},
		{"ODD 16 et 2030", []string{"odd", "16", "2030"}},
		{"x y z 7", []string{"7"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnalyzeKeepsTheWordAsWritten(t *testing.T) {
	got := Analyze("Les Criminalités")
	want := []Token{{Word: "criminalités", Term: "criminal"}}
	if !slices.Equal(got, want) {
		t.Errorf("analyze = %+v, want %+v", got, want)
	}
}

func TestStopWordsAreFolded(t *testing.T) {
	// isStopWord looks the folded word up: a key with an accent would never match.
	for w := range stopWords {
		if Fold(w) != w {
			t.Errorf("stop word %q is not folded", w)
		}
	}
	for _, w := range []string{"où", "déjà", "très", "été", "était", "Quelle", "COMMENT", "même"} {
		if !IsStopWord(w) {
			t.Errorf("IsStopWord(%q) = false", w)
		}
	}
	for _, w := range []string{"onu", "crime", "7", "paix"} {
		if IsStopWord(w) {
			t.Errorf("IsStopWord(%q) = true", w)
		}
	}
}

func TestStemConsistency(t *testing.T) {
	groups := [][]string{
		{"organisée", "organisation", "organisé", "organiser", "Organisées"},
		{"criminalité", "Criminalité", "CRIMINALITÉ", "criminalités"},
		{"œuvre", "oeuvre", "Œuvres"},
		{"nation", "nations", "Nations"},
		{"terrorisme", "terrorismes"},
	}
	for _, g := range groups {
		first := Stem(g[0])
		for _, w := range g[1:] {
			if s := Stem(w); s != first {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q; want equal", g[0], first, w, s)
			}
		}
	}
	for _, n := range []string{"16", "2030", "1852"} {
		if s := Stem(n); s != n {
			t.Errorf("Stem(%q) = %q, want the number kept", n, s)
		}
	}
	if Stem("crime") == Stem("prime") {
		t.Error("distinct words share a stem")
	}
}

func TestNgrams(t *testing.T) {
	tests := []struct {
		word string
		n    int
		want []string
	}{
		{"Crime", 3, []string{"^cr", "cri", "rim", "ime", "me$"}},
		{"Élu", 3, []string{"^el", "elu", "lu$"}},
		{"à", 3, []string{"^a$"}},
		{"ab", 4, []string{"^ab$"}},
		{"onu", 4, []string{"^onu", "onu$"}},
	}
	for _, tt := range tests {
		if got := NGrams(tt.word, tt.n); !slices.Equal(got, tt.want) {
			t.Errorf("NGrams(%q, %d) = %q, want %q", tt.word, tt.n, got, tt.want)
		}
	}
}
