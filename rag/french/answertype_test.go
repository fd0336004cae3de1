package french

import "testing"

func TestExpectedAnswer(t *testing.T) {
	tests := []struct {
		q    string
		want AnswerKind
	}{
		{"Quand INTERPOL a-t-il rejoint le Pacte ?", WhenFact},
		{"En quelle année le phare fut-il construit ?", WhenFact},
		{"depuis quand le club existe ?", WhenFact},
		{"Combien de marches compte le phare ?", HowMany},
		{"combien coute la cotisation", HowMany},
		{"Quelle ville accueille le Bureau ?", AnyFact},
		{"Que fait INTERPOL quand un pays demande son aide ?", AnyFact}, // a conjunction
		{"jusqu'à quand la convention est-elle ouverte ?", WhenFact},
		{"il a été créé quand ?", WhenFact},
		{"Quels jours la médiathèque ouvre-t-elle ?", WhenFact},
		{"Quel est le nombre de membres du Pacte ?", HowMany},
		{"Qui a dessiné les plans du phare ?", AnyFact},
	}
	for _, tt := range tests {
		if got := ExpectedAnswer(tt.q); got != tt.want {
			t.Errorf("ExpectedAnswer(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestHolds(t *testing.T) {
	tests := []struct {
		s    string
		k    AnswerKind
		want bool
	}{
		{"En décembre 2018, INTERPOL est devenu membre.", WhenFact, true},
		{"La médiathèque ouvre le mardi.", WhenFact, true},
		{"Les séances commencent à 19 h.", WhenFact, true},
		{"INTERPOL est observateur permanent auprès de l’ONU.", WhenFact, false},
		{"Le Pacte comptait 39 entités.", HowMany, true},
		{"INTERPOL est l’un des trois membres non-ONU.", HowMany, true},
		{"Le club prête les échiquiers.", HowMany, false},
		{"INTERPOL est une organisation de police.", HowMany, false}, // an article, not a number
	}
	for _, tt := range tests {
		if got := States(tt.s, tt.k); got != tt.want {
			t.Errorf("States(%q, %v) = %v, want %v", tt.s, tt.k, got, tt.want)
		}
	}
}
