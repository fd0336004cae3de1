package rag

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// engineOn builds an engine over documents given as file name → text.
func engineOn(t *testing.T, files map[string]string) *Engine {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	e, err := New(context.Background(), Options{Knowledge: fsys})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

const bourseMD = `# La bourse

## Cotation

La cote de l'action a baissé de trois points en juillet. La cotation reprend chaque matin à neuf heures.

## Traite des personnes

La traite des êtres humains est un crime que la police combat avec les douanes.

## Sécurité

Le Comité de sécurité financière (CSF) surveille les marchés. Il publie un rapport chaque année.
`

func TestAskRefusesWhatTheQuestionNamesAndTheDocumentsDoNot(t *testing.T) {
	e := engineOn(t, map[string]string{"bourse.md": bourseMD})
	tests := []struct {
		q       string
		refused bool
	}{
		{"Que surveille le Comité de sécurité financière ?", false},
		{"Que surveille le CSF ?", false},
		{"Le CSF travaille-t-il avec Europol ?", true},                               // a name never mentioned
		{"Que dit le rapport de l'AMF sur les marchés ?", true},                      // an acronym never mentioned
		{"Je lis Le Monde. Que surveille le Comité de sécurité financière ?", false}, // incidental
		{"Que fait la police contre la traite des êtres humains ?", false},
		{"Quelle est la côte de l'action ?", true}, // côte is not cote
		{"Quelle est la cote de l'action ?", false},
	}
	for _, tt := range tests {
		a, err := e.Ask(context.Background(), Question{Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		if a.Refused != tt.refused {
			t.Errorf("%q: refused %v, want %v (%q)", tt.q, a.Refused, tt.refused, a.Text)
		}
	}
}

func TestReadingSetsAccentedWordsApart(t *testing.T) {
	e := engineOn(t, map[string]string{"bourse.md": bourseMD})
	ix := e.Index()
	r := ix.Read("Quel traité la police a-t-elle signé ?")
	if !r.apart["trait"] {
		t.Errorf("traité is read as traite: apart %v", r.apart)
	}
	if slices.Contains(r.Unnamed, "traité") {
		t.Error("traité differs from traite on its last letter only: it may be a form of a verb, not a name")
	}
	for _, q := range []string{"la traite des personnes", "la traité des personnes", "LA TRAITE"} {
		if r := ix.Read(q); r.apart["trait"] != (q == "la traité des personnes") {
			t.Errorf("Read(%q).apart = %v", q, r.apart)
		}
	}
	if r := ix.Read("la côte"); !slices.Contains(r.Unnamed, "côte") {
		t.Errorf("côte differs from cote inside the word: unnamed %v", r.Unnamed)
	}
	if r := ix.Read("Quelle cotation ?"); len(r.Unnamed) != 0 || len(r.apart) != 0 {
		t.Errorf("a word of the documents is set apart: %+v", r)
	}
}

func TestSearchReadsAWordTypedShort(t *testing.T) {
	e := engineOn(t, map[string]string{
		"a.md": "# Cybercriminalité\n\nLes attaques informatiques visent les banques.\n\n# Jardinage\n\nLes tomates aiment le soleil.\n",
	})
	hits, err := e.Search(context.Background(), Question{Text: "cyber ?"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Chunk.Section != "Cybercriminalité" {
		t.Errorf("hits %v, want the Cybercriminalité section first", hits)
	}
	a, err := e.Ask(context.Background(), Question{Text: "cyber ?"})
	if err != nil || a.Refused {
		t.Errorf("cyber ? is refused: %q, %v", a.Text, err)
	}
}

func TestSearchLeavesTablesOfContentsOut(t *testing.T) {
	html := `<html><body>
<h1>Chapitre 2. Paquets</h1>
<p>Table des matières</p><p>2.1. Installer un paquet</p><p>2.2. Supprimer un paquet</p><p>2.3. Mettre à jour les paquets</p>
<h2>2.1. Installer un paquet</h2><p>La commande apt install installe un paquet et ses dépendances.</p>
<h2>2.2. Supprimer un paquet</h2><p>La commande apt remove supprime un paquet.</p>
<h2>2.3. Mettre à jour les paquets</h2><p>La commande apt upgrade met à jour le système.</p>
</body></html>`
	e := engineOn(t, map[string]string{"guide.html": html})
	hits, err := e.Search(context.Background(), Question{Text: "Comment supprimer un paquet ?"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range hits {
		if h.Chunk.Section == "Chapitre 2. Paquets" {
			t.Errorf("the table of contents is ranked %d", i+1)
		}
	}
	if len(hits) == 0 || hits[0].Chunk.Section != "2.2. Supprimer un paquet" {
		t.Errorf("hits %v, want 2.2 first", hits)
	}
}

func TestSearchReturnsEachSectionOnceWithItsBestChunks(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Long\n\n")
	for i := range 30 {
		b.WriteString("Le phare guide les navires la nuit depuis des siècles, phrase numéro ")
		b.WriteString(strings.Repeat("x", i%3+1))
		b.WriteString(".\n\n")
	}
	b.WriteString("Le gardien monte les 263 marches chaque soir.\n\n# Court\n\nLe phare est blanc.\n")
	e := engineOn(t, map[string]string{"phare.md": b.String()})
	hits, err := e.Search(context.Background(), Question{Text: "Combien de marches monte le gardien ?"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, h := range hits {
		if seen[h.Chunk.Section] {
			t.Errorf("section %q returned twice", h.Chunk.Section)
		}
		seen[h.Chunk.Section] = true
		if len(h.Passage) == 0 || h.Passage[0].ID != h.Chunk.ID || len(h.Passage) > passageChunks {
			t.Errorf("passage of %s: %d chunks, first %q", h.Chunk.ID, len(h.Passage), h.Passage[0].ID)
		}
	}
	if !strings.Contains(hits[0].Chunk.Text, "263 marches") {
		t.Errorf("best chunk of the long section is not the one that answers: %q", hits[0].Chunk.Text)
	}
}

func TestAskTellsAnEnglishQuestionItCannotAnswer(t *testing.T) {
	e := engineOn(t, map[string]string{"bourse.md": bourseMD})
	a, err := e.Ask(context.Background(), Question{Text: "What is the weather like in London today?"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Refused || a.Text != EnglishRefusalText {
		t.Errorf("answer %+v, want the English refusal", a)
	}
}

func TestAskJoinsWhatASentenceIntroducesAndWhatAYesAnswers(t *testing.T) {
	e := engineOn(t, map[string]string{"faq.md": "# Questions\n\n" +
		"## Peut-on garder les archives téléchargées ?\n\nOui. Les archives restent dans le cache d'APT jusqu'au prochain nettoyage.\n\n" +
		"## Comment vider le cache ?\n\nPour vider le cache des paquets, lancez la commande suivante :\n\n    apt-get clean\n\nElle libère de la place.\n"})
	a, err := e.Ask(context.Background(), Question{Text: "Les archives téléchargées restent-elles dans le cache ?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, "Oui. Les archives restent dans le cache") {
		t.Errorf("a bare « Oui. » is quoted without what it answers: %q", a.Text)
	}
	a, err = e.Ask(context.Background(), Question{Text: "Comment vider le cache des paquets ?"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "la commande suivante :\napt-get clean") {
		t.Errorf("the command a sentence introduces is left out: %q", a.Text)
	}
}

func TestAnswerSourcesCarryTheDocumentsAddress(t *testing.T) {
	e := engineOn(t, map[string]string{
		"guide.md": "---\ntitle: Guide\nsource: https://exemple.org/guide\n---\n# Horaires\n\nLe club ouvre le mardi à 18 h.\n",
		"autre.md": "# Tarifs\n\nLa cotisation coûte 45 euros par an.\n",
	})
	for q, want := range map[string]string{
		"Quand ouvre le club ?":         "https://exemple.org/guide",
		"Combien coûte la cotisation ?": "",
	} {
		a, err := e.Ask(context.Background(), Question{Text: q})
		if err != nil || a.Refused || len(a.Sources) == 0 {
			t.Fatalf("%q: %+v, %v", q, a, err)
		}
		if a.Sources[0].URL != want {
			t.Errorf("%q: source URL %q, want %q", q, a.Sources[0].URL, want)
		}
	}
}
