package french

import "testing"

func TestFocus(t *testing.T) {
	tests := []struct {
		q        string
		term     string
		required bool
	}{
		{"Combien de pays sont membres d'INTERPOL ?", Stem("pays"), true},
		{"combien d'entités compte le Pacte ?", Stem("entités"), true},
		{"Combien coûte la cotisation ?", "", false}, // a verb follows
		{"Quel est le budget annuel d'INTERPOL ?", Stem("budget"), true},
		{"Quelle est la couleur du phare ?", Stem("couleur"), true},
		{"Qui est le président du club ?", Stem("président"), true},
		{"Qui a gagné la Coupe du monde ?", Stem("gagné"), true}, // the action is asked about
		{"Qui dirige le Bureau ?", Stem("dirige"), true},
		{"c'est qui qui développe le noyau ?", Stem("développe"), true},
		{"Par qui Debian a-t-il été créé ?", Stem("debian"), true},
		{"Quelle agence qui s'occupe des stupéfiants ?", Stem("agence"), false}, // qui is relative
		{"Le Comité qui lutte contre le terrorisme dépend de quoi ?", "", false},
		{"Quel est le rôle d'INTERPOL ?", Stem("interpol"), true}, // light word skipped
		{"Quel est l'intitulé de l'ODD 16 ?", Stem("odd"), true},
		{"Dans quelle ville se trouve le Bureau ?", Stem("ville"), false},
		{"En quelle année INTERPOL a-t-il rejoint le Pacte ?", Stem("interpol"), false},
		{"Quelles entités de l'ONU coopèrent avec INTERPOL ?", Stem("entités"), false},
		{"Où se trouve le Bureau ?", "", false},
		{"interpol et le trafic d'armes", "", false},
	}
	for _, tt := range tests {
		term, required := Focus(tt.q)
		if term != tt.term || required != tt.required {
			t.Errorf("Focus(%q) = %q, %v; want %q, %v", tt.q, term, required, tt.term, tt.required)
		}
	}
}
