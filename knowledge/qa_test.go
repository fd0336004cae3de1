package knowledge

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRenderQARoundTrip: whatever a moderator types, Parse reads one
// section per question, headed by the question, holding the answer's
// lines as written.
func TestRenderQARoundTrip(t *testing.T) {
	items := []QA{
		{"Qui dirige le Bureau ?", "Le Bureau est dirigé par le Représentant spécial."},
		{"# Un titre ?\nsur deux lignes", "## Pas un titre\n\n- pas une liste\n1. ni une liste numérotée\n> ni une citation\n    ni du code"},
		{"Les liens [ici](https://exemple.org) et <b>le HTML</b> ?", "Voir <https://exemple.org/a_b> & *ceci* `code` --- === \\ fin &amp; | a | b |"},
		{"---", "title: pas de front matter\n---"},
		{"Vide ?", "  \n \t\n"},
		{"", "Une réponse sans question."},
	}
	data := RenderQA("Réponses des modérateurs", items)
	doc, err := Parse("reponses.md", data)
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, data)
	}
	type section struct {
		heading string
		trail   []string
		texts   []string
	}
	var got []section
	for _, s := range doc.Sections {
		got = append(got, section{s.Heading, s.Trail, s.Texts()})
	}
	want := []section{
		{"Qui dirige le Bureau ?", nil, []string{"Le Bureau est dirigé par le Représentant spécial."}},
		{"# Un titre ? sur deux lignes", nil, []string{"## Pas un titre", "- pas une liste", "1. ni une liste numérotée", "> ni une citation", "ni du code"}},
		{"Les liens [ici](https://exemple.org) et <b>le HTML</b> ?", nil, []string{"Voir <https://exemple.org/a_b> & *ceci* `code` --- === \\ fin &amp; | a | b |"}},
		{"---", nil, []string{"title: pas de front matter", "---"}},
	}
	if len(got) != len(want) {
		t.Fatalf("sections:\n%q\nwant %d\n%s", got, len(want), data)
	}
	for i := range want {
		if got[i].heading != want[i].heading || !slices.Equal(got[i].texts, want[i].texts) {
			t.Errorf("section %d = %q, want %q", i, got[i], want[i])
		}
		if !slices.Equal(got[i].trail, []string{"Réponses des modérateurs", want[i].heading}) {
			t.Errorf("section %d trail %q: the title must be the theme", i, got[i].trail)
		}
	}
}

func TestSupported(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": true, "A.PDF": true, "b.txt": true, "c.html": true, "d.htm": true, "e.markdown": true,
		"f.zip": false, "g.exe": false, "md": false, "h.md.zip": false, "": false,
	} {
		if Supported(name) != want {
			t.Errorf("Supported(%q) = %v, want %v", name, !want, want)
		}
	}
}

// FuzzRenderQA: for any question and answer, Parse reads back one
// section headed by the question, holding the answer's non-blank lines,
// white space folded.
func FuzzRenderQA(f *testing.F) {
	f.Add("Qui dirige le Bureau ?", "Le Représentant spécial.\n- un\n- deux")
	f.Add("# titre", "<script>x</script>\n***\n[a]: https://exemple.org")
	f.Add("a", "| a | b |\n|---|---|\n| 1 | 2 |")
	f.Fuzz(func(t *testing.T, q, a string) {
		if !utf8.ValidString(q+a) || strings.IndexByte(q+a, 0) >= 0 {
			t.Skip("the store refuses such texts")
		}
		want := nonBlankLines(a)
		if foldSpace(q) == "" || len(want) == 0 {
			t.Skip("left out")
		}
		data := RenderQA("Réponses", []QA{{q, a}})
		doc, err := Parse("r.md", data)
		if err != nil {
			t.Fatalf("Parse: %v\n%s", err, data)
		}
		if len(doc.Sections) != 1 || doc.Sections[0].Heading != foldSpace(q) || !slices.Equal(doc.Sections[0].Texts(), want) {
			t.Fatalf("read back %q, want heading %q and %q\n%s", render([]Document{doc}), foldSpace(q), want, data)
		}
	})
}
