package rag

import (
	"github.com/interpol-onu/assistant/rag/french"

	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// citation matches the source numbers an extractive answer ends runs with.
var citation = regexp.MustCompile(` ?\[(\d+)\]`)

// checkQuoted fails unless every sentence of the answer, minus its [n]
// markers, is quoted verbatim from the knowledge, and every [n] names one
// of the answer's sources.
func checkQuoted(t *testing.T, a Answer, knowledge string) {
	t.Helper()
	if !citation.MatchString(a.Text) {
		t.Errorf("answer cites no source: %q", a.Text)
	}
	for _, m := range citation.FindAllStringSubmatch(a.Text, -1) {
		n, _ := strconv.Atoi(m[1])
		if n < 1 || n > len(a.Sources) {
			t.Errorf("answer cites [%d], it has %d sources: %q", n, len(a.Sources), a.Text)
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(a.Text), "]") {
		t.Errorf("answer does not end with a citation: %q", a.Text)
	}
	for _, s := range french.Sentences(citation.ReplaceAllString(a.Text, "")) {
		if !strings.Contains(knowledge, s) {
			t.Errorf("answer sentence is not in the knowledge: %q", s)
		}
	}
}

func TestAskAnswersFromTheRightSection(t *testing.T) {
	e := newKBEngine(t)
	kb := kbText(t)
	tests := []struct {
		q, fact, doc, section string
	}{
		{"Combien coûte la cotisation annuelle pour un adulte ?", "45 euros", "club-echecs.md", "Inscription et cotisation"},
		{"Faut-il un certificat médical pour s'inscrire au club ?", "certificat médical n’est pas demandé", "club-echecs.md", "Inscription et cotisation"},
		{"Quand ont lieu les cours pour débutants ?", "samedi matin", "club-echecs.md", "Horaires des séances"},
		{"Qu’est-ce que reçoit le vainqueur du tournoi interne ?", "pendule électronique", "club-echecs.md", "Tournois"},
		{"quelle est la cadence du tournoi de printemps", "quinze minutes", "club-echecs.md", "Tournois"},
		{"Que se passe-t-il après trois avertissements ?", "sept jours", "discord-regles.md", "Sanctions"},
		{"Les liens raccourcis sont-ils autorisés ?", "supprimés automatiquement", "discord-regles.md", "Publicité et liens"},
		{"Où a lieu la soirée d'observation ?", "Coupole", "discord-regles.md", "Salons vocaux"},
		{"Qui a dessiné les plans du phare ?", "Léonce Reynaud", "histoire-phare.txt", "Construction du phare de Kerbrat"},
		{"Combien de marches compte le phare ?", "263 marches", "histoire-phare.txt", "Construction du phare de Kerbrat"},
		{"Combien mesure la tour ?", "52 mètres", "histoire-phare.txt", "Construction du phare de Kerbrat"},
		{"Comment s'appelait le dernier gardien ?", "Yves Le Goff", "histoire-phare.txt", "Les gardiens du phare"},
		{"qui controle la lumiere du phare", "Brest", "histoire-phare.txt", "Automatisation et visites"},
		{"Depuis quand les visites guidées existent-elles ?", "2005", "histoire-phare.txt", "Automatisation et visites"},
		{"Combien de DVD peut-on emprunter ?", "quatre DVD", "mediatheque.md", "Prêt de documents"},
		{"Peut-on prolonger un prêt ?", "prolongé une fois", "mediatheque.md", "Prêt de documents"},
		{"Quels sont les horaires d’ouverture de la médiathèque ?", "de 10 h à 18 h", "mediatheque.md", "Horaires d’ouverture"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a, err := e.Ask(context.Background(), Question{Text: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			if a.Refused {
				t.Fatalf("refused: %q", a.Text)
			}
			if !strings.Contains(a.Text, tt.fact) {
				t.Errorf("answer lacks %q: %q", tt.fact, a.Text)
			}
			if len(a.Sources) == 0 || a.Sources[0] != (Source{Document: tt.doc, Section: tt.section}) {
				t.Errorf("sources = %v, want %s / %s first", a.Sources, tt.doc, tt.section)
			}
			if len(a.Hits) == 0 {
				t.Error("answer keeps no hits")
			}
			checkQuoted(t, a, kb)
		})
	}
}

func TestAskRefusesOutOfScope(t *testing.T) {
	e := newKBEngine(t)
	// Known limit, not tested here: an unknown attribute of a thing the
	// documents describe at length, asked without "quel" or "combien de"
	// (« Qui est le président du club ? », « Combien coûte la visite
	// guidée ? »), can be answered with related sentences (see README).
	tests := []struct {
		q string
	}{
		{q: "Quelle est la capitale de l'Australie ?"},
		{q: "Comment faire une pâte à crêpes ?"},
		{q: "Donne-moi la recette du bœuf bourguignon."},
		{q: "Qui a gagné la Coupe du monde 2018 ?"},
		{q: "Quel temps fera-t-il demain à Brest ?"},
		// Attributes of things the documents speak about, but do not give.
		{q: "Quel est le numéro de téléphone du club ?"},
		{q: "Les chiens sont-ils admis à la médiathèque ?"},
		{q: "Quel est le mot de passe du wifi du club ?"},
		{q: "Quelle est la couleur du phare ?"},
		{q: "Quel est le salaire des gardiens du phare ?"},
		{q: "Quelle est l'adresse e-mail du secrétariat ?"},
		{q: "Quel est le tarif d'une visite du phare ?"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a, err := e.Ask(context.Background(), Question{Text: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			if !a.Refused || a.Text != RefusalText {
				t.Errorf("not refused: %q %v", a.Text, a.Sources)
			}
			if len(a.Sources) != 0 {
				t.Errorf("refusal cites sources: %v", a.Sources)
			}
		})
	}
}

func TestAskWithTheme(t *testing.T) {
	e := newKBEngine(t)
	ctx := context.Background()
	// "samedi" is in three themes.
	a, err := e.Ask(ctx, Question{Text: "Quels sont les horaires du samedi ?", Theme: "Médiathèque municipale"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Refused || !strings.Contains(a.Text, "10 h à 18 h") {
		t.Errorf("answer = %q, want the library's hours", a.Text)
	}
	for _, s := range a.Sources {
		if s.Document != "mediatheque.md" {
			t.Errorf("source %v is outside the theme", s)
		}
	}
	a, err = e.Ask(ctx, Question{Text: "Quels sont les horaires du samedi ?", Theme: "Club d’échecs du Vieux-Port"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Refused || !strings.Contains(a.Text, "samedi matin") {
		t.Errorf("answer = %q, want the chess lessons", a.Text)
	}
	if _, err := e.Ask(ctx, Question{Text: "Quels sont les horaires ?", Theme: "Piscine"}); !errors.Is(err, ErrUnknownTheme) {
		t.Errorf("unknown theme: err = %v, want ErrUnknownTheme", err)
	}
}

func TestAskBadInput(t *testing.T) {
	e := newKBEngine(t)
	ctx := context.Background()
	junk := make([]byte, 512)
	for i := range junk {
		junk[i] = byte(i * 37)
	}
	tests := []struct {
		name    string
		q       string
		wantErr error
		tooLong *TooLongError
		answer  string // a fact the answer must hold, if answered
	}{
		{name: "empty", q: "", wantErr: ErrEmptyQuestion},
		{name: "white space", q: "   \n\t  \r\n", wantErr: ErrEmptyQuestion},
		{name: "control characters only", q: "\x00\x01\x1b\x7f", wantErr: ErrEmptyQuestion},
		{name: "invalid UTF-8 only", q: "\xff\xfe\xfd", wantErr: ErrEmptyQuestion},
		{name: "punctuation and emoji", q: "?!… 🤔🤔", wantErr: ErrNoWords},
		{name: "symbols", q: "*** --- ### $$$ € @", wantErr: ErrNoWords},
		{name: "too long", q: strings.Repeat("x", 100_000), tooLong: &TooLongError{Length: 100_000, Max: DefaultMaxQuestionChars}},
		{name: "too long counted in characters", q: strings.Repeat("é", DefaultMaxQuestionChars+1), tooLong: &TooLongError{Length: DefaultMaxQuestionChars + 1, Max: DefaultMaxQuestionChars}},
		{name: "longest accepted", q: "phare " + strings.Repeat("é", DefaultMaxQuestionChars-6)},
		{name: "white space does not count", q: "Combien de marches compte le phare ?" + strings.Repeat(" ", 100_000), answer: "263"},
		{name: "control characters stripped", q: "Combien\x00 de marches\x07 compte\x1b le phare ?\x7f", answer: "263"},
		{name: "invalid UTF-8 stripped", q: "Combien de ma\xffrches compte le phare ?", answer: "263"},
		{name: "binary junk", q: string(junk)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := e.Ask(ctx, Question{Text: tt.q})
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("err = %v, want %v", err, tt.wantErr)
				}
			case tt.tooLong != nil:
				var tl *TooLongError
				if !errors.As(err, &tl) {
					t.Fatalf("err = %v, want *TooLongError", err)
				}
				if *tl != *tt.tooLong {
					t.Errorf("err = %+v, want %+v", *tl, *tt.tooLong)
				}
				if !strings.Contains(tl.Error(), strconv.Itoa(tt.tooLong.Max)) {
					t.Errorf("message %q does not give the limit", tl.Error())
				}
			default:
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				if tt.answer != "" && (a.Refused || !strings.Contains(a.Text, tt.answer)) {
					t.Errorf("answer = %q, want it to contain %q", a.Text, tt.answer)
				}
			}
			// The engine keeps answering.
			a, err = e.Ask(ctx, Question{Text: "Qui a dessiné les plans du phare ?"})
			if err != nil || !strings.Contains(a.Text, "Léonce Reynaud") {
				t.Errorf("after bad input, answer = %q, %v", a.Text, err)
			}
		})
	}
}

func TestAskMaxQuestionChars(t *testing.T) {
	e, err := New(context.Background(), Options{Knowledge: newKBEngine(t).opt.Knowledge, MaxQuestionChars: 20})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Ask(context.Background(), Question{Text: "Combien de marches compte le phare ?"})
	var tl *TooLongError
	if !errors.As(err, &tl) || tl.Max != 20 || tl.Length != 36 {
		t.Errorf("err = %v, want *TooLongError{36, 20}", err)
	}
}

// TestAskHeadingOnlyQuestion asks what only a section's heading says: the
// heading counts for every sentence of its section.
func TestAskHeadingOnlyQuestion(t *testing.T) {
	e := newKBEngine(t)
	a, err := e.Ask(context.Background(), Question{Text: "Quels sont les horaires ?", Theme: "Médiathèque municipale"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Refused {
		t.Fatalf("refused though the top hit is %q", a.Hits[0].Chunk.Section)
	}
	if !strings.Contains(a.Text, "10 h à 18 h") {
		t.Errorf("answer = %q, want the library's hours", a.Text)
	}
}

// TestAskWantsTheKindOfFactAsked: a « when » question whose passages speak
// of its subject without any date is refused; one they date is answered.
func TestAskWantsTheKindOfFactAsked(t *testing.T) {
	e, err := New(context.Background(), Options{}) // the built-in knowledge
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q       string
		refused bool
	}{
		{"Quand INTERPOL a-t-il rejoint le Pacte mondial de coordination contre le terrorisme ?", false},
		{"Combien d'entités de l'ONU comptait le Pacte mondial ?", false},
		{"En quelle année INTERPOL est-il devenu observateur permanent auprès de l'ONU ?", true},
		{"Quand la convention sur la cybercriminalité sera-t-elle adoptée ?", true},
		{"Combien de conventions le Comité spécial a-t-il rédigées ?", true},
		{"Que fait INTERPOL quand la criminalité organisée est liée au terrorisme ?", false},
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

func TestTermsGroupPhrasingsOfOneQuestion(t *testing.T) {
	e := newKBEngine(t)
	a, b := e.Terms("Qui a dessiné les plans du phare ?"), e.Terms("les plans du phare, qui les a dessinés")
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Errorf("Terms = %q and %q, want the same", a, b)
	}
	if e.Terms("🤔") != nil {
		t.Error("a question without words has terms")
	}
}
