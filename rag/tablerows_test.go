package rag

import "testing"

func TestWithoutLabels(t *testing.T) {
	tests := []struct{ in, want string }{
		{"paquet : nmap — popcon : V:25 — description : cartographie réseau", "nmap V:25 cartographie réseau"},
		{"Une phrase.\n\nCommande : apt-get update — Effet : met à jour la liste", "Une phrase.\n\napt-get update met à jour la liste"},
		{"Attention : ceci — et cela sans étiquette", "Attention : ceci — et cela sans étiquette"},
		{"Une phrase normale : avec deux-points.", "Une phrase normale : avec deux-points."},
		{"La nuit. Ceci est long : non — Autre : oui", "La nuit. Ceci est long : non — Autre : oui"},
	}
	for _, tt := range tests {
		if got := withoutLabels(tt.in); got != tt.want {
			t.Errorf("withoutLabels(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
