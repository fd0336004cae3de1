package rag

import (
	"context"
	"testing"
)

func TestExpectedAnswer(t *testing.T) {
	tests := []struct {
		q    string
		want answerKind
	}{
		{"Quand INTERPOL a-t-il rejoint le Pacte ?", whenFact},
		{"En quelle année le phare fut-il construit ?", whenFact},
		{"depuis quand le club existe ?", whenFact},
		{"Combien de marches compte le phare ?", howMany},
		{"combien coute la cotisation", howMany},
		{"Quelle ville accueille le Bureau ?", anyFact},
		{"Que fait INTERPOL quand un pays demande son aide ?", anyFact}, // a conjunction
		{"jusqu'à quand la convention est-elle ouverte ?", whenFact},
		{"il a été créé quand ?", whenFact},
		{"Quels jours la médiathèque ouvre-t-elle ?", whenFact},
		{"Quel est le nombre de membres du Pacte ?", howMany},
		{"Qui a dessiné les plans du phare ?", anyFact},
	}
	for _, tt := range tests {
		if got := expectedAnswer(tt.q); got != tt.want {
			t.Errorf("expectedAnswer(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestHolds(t *testing.T) {
	tests := []struct {
		s    string
		k    answerKind
		want bool
	}{
		{"En décembre 2018, INTERPOL est devenu membre.", whenFact, true},
		{"La médiathèque ouvre le mardi.", whenFact, true},
		{"Les séances commencent à 19 h.", whenFact, true},
		{"INTERPOL est observateur permanent auprès de l’ONU.", whenFact, false},
		{"Le Pacte comptait 39 entités.", howMany, true},
		{"INTERPOL est l’un des trois membres non-ONU.", howMany, true},
		{"Le club prête les échiquiers.", howMany, false},
		{"INTERPOL est une organisation de police.", howMany, false}, // an article, not a number
	}
	for _, tt := range tests {
		if got := holds(tt.s, tt.k); got != tt.want {
			t.Errorf("holds(%q, %v) = %v, want %v", tt.s, tt.k, got, tt.want)
		}
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
