package rag

import "testing"

func TestFocus(t *testing.T) {
	tests := []struct {
		q        string
		term     string
		required bool
	}{
		{"Combien de pays sont membres d'INTERPOL ?", stem("pays"), true},
		{"combien d'entités compte le Pacte ?", stem("entités"), true},
		{"Combien coûte la cotisation ?", "", false}, // a verb follows
		{"Quel est le budget annuel d'INTERPOL ?", stem("budget"), true},
		{"Quelle est la couleur du phare ?", stem("couleur"), true},
		{"Qui est le président du club ?", stem("président"), true},
		{"Qui a gagné la Coupe du monde ?", "", false},
		{"Quel est le rôle d'INTERPOL ?", stem("interpol"), true}, // light word skipped
		{"Quel est l'intitulé de l'ODD 16 ?", stem("odd"), true},
		{"Dans quelle ville se trouve le Bureau ?", stem("ville"), false},
		{"En quelle année INTERPOL a-t-il rejoint le Pacte ?", stem("interpol"), false},
		{"Quelles entités de l'ONU coopèrent avec INTERPOL ?", stem("entités"), false},
		{"Où se trouve le Bureau ?", "", false},
		{"interpol et le trafic d'armes", "", false},
	}
	for _, tt := range tests {
		term, required := focus(tt.q)
		if term != tt.term || required != tt.required {
			t.Errorf("focus(%q) = %q, %v; want %q, %v", tt.q, term, required, tt.term, tt.required)
		}
	}
}
