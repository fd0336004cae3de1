package openaicompat

import (
	"reflect"
	"testing"

	"github.com/interpol-onu/assistant/rag"
)

func TestCheckCitations(t *testing.T) {
	sanctions := rag.Source{Document: "reglement.md", Section: "Sanctions"}
	recrutement := rag.Source{Document: "faq.md", Section: "Recrutement"}
	tests := []struct {
		name     string
		reply    string
		text     string
		sources  []rag.Source
		invented int
	}{
		{"kept", "Un avertissement est donné [1].", "Un avertissement est donné [1].", []rag.Source{sanctions}, 0},
		{"renumbered in order of first citation", "Le lundi [3]. Exclusion [2].", "Le lundi [1]. Exclusion [2].", []rag.Source{recrutement, sanctions}, 0},
		{"same section, one source", "Avertissement [1], exclusion [2].", "Avertissement [1], exclusion [1].", []rag.Source{sanctions}, 0},
		{"invented removed", "Exclusion [2] pour sept jours [7].", "Exclusion [1] pour sept jours.", []rag.Source{sanctions}, 1},
		{"zero is invented", "Exclusion [0].", "Exclusion.", nil, 1},
		{"list filtered", "Règles [1, 4; 3].", "Règles [1, 2].", []rag.Source{sanctions, recrutement}, 1},
		{"adjacent", "Règles [3][1].", "Règles [1][2].", []rag.Source{recrutement, sanctions}, 0},
		{"no citation", "Une réponse sans source.", "Une réponse sans source.", nil, 0},
		{"not a citation", "Le tableau [a] reste.", "Le tableau [a] reste.", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checkCitations(tt.reply, testHits())
			if c.text != tt.text {
				t.Errorf("text = %q, want %q", c.text, tt.text)
			}
			if !reflect.DeepEqual(c.sources, tt.sources) {
				t.Errorf("sources = %v, want %v", c.sources, tt.sources)
			}
			if c.invented != tt.invented {
				t.Errorf("invented = %d, want %d", c.invented, tt.invented)
			}
		})
	}
}
