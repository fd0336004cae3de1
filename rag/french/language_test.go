package french

import "testing"

func TestIsEnglish(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"Where is the office of INTERPOL's Special Representative located?", true},
		{"Which Sustainable Development Goal is most relevant to INTERPOL's work?", true},
		{"What does the BLT do?", true},
		{"Où se trouve le Bureau du Représentant spécial ?", false},
		{"Quel est le rôle d'INTERPOL à l'ONU ?", false},
		{"apt-get install", false},
		{"Comment installer the package ?", false},
	}
	for _, tt := range tests {
		if got := IsEnglish(tt.q); got != tt.want {
			t.Errorf("IsEnglish(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
