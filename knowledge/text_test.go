package knowledge

import (
	"reflect"
	"testing"
)

func TestParseTextTitles(t *testing.T) {
	type sec struct {
		Heading    string
		Paragraphs []string
	}
	tests := []struct {
		name string
		src  string
		want []sec
	}{
		{
			name: "one line a paragraph, no blank lines",
			src:  "Antiterrorisme\nNous coopérons avec l’ONU.\nLa coopération est ancienne.\nCybercriminalité\nINTERPOL participe au Comité.\n",
			want: []sec{
				{"Antiterrorisme", []string{"Nous coopérons avec l’ONU.", "La coopération est ancienne."}},
				{"Cybercriminalité", []string{"INTERPOL participe au Comité."}},
			},
		},
		{
			name: "title, blank line, hard-wrapped paragraph",
			src:  "Antiterrorisme\n\nINTERPOL et l’ONU travaillent ensemble depuis\nplusieurs décennies.\n",
			want: []sec{{"Antiterrorisme", []string{"INTERPOL et l’ONU travaillent ensemble depuis plusieurs décennies."}}},
		},
		{
			name: "wrapped line continued in lower case is not a title",
			src:  "Les États membres consultent les bases de données\nd’INTERPOL chaque jour.\n",
			want: []sec{{"", []string{"Les États membres consultent les bases de données d’INTERPOL chaque jour."}}},
		},
		{
			name: "wrapped line ending on a linking word is not a title",
			src:  "Le gel des avoirs repose sur les bureaux centraux et\nINTERPOL, qui diffuse les notices.\n",
			want: []sec{{"", []string{"Le gel des avoirs repose sur les bureaux centraux et INTERPOL, qui diffuse les notices."}}},
		},
		{
			name: "wrapped line ending on an elided article is not a title",
			src:  "Le Comité spécial travaille avec l’\nONU depuis 2019.\n",
			want: []sec{{"", []string{"Le Comité spécial travaille avec l’ ONU depuis 2019."}}},
		},
		{
			name: "list items are paragraphs, not titles",
			src:  "Thèmes\n- partage d’informations\n- formation\n• Priorité : les enquêteurs\nCes thèmes sont revus.\n",
			want: []sec{{"Thèmes", []string{"- partage d’informations", "- formation", "• Priorité : les enquêteurs", "Ces thèmes sont revus."}}},
		},
		{
			name: "a line with a comma or final punctuation is not a title",
			src:  "Bonjour,\nvoici le texte.\nAttention !\nLa suite.\n",
			want: []sec{{"", []string{"Bonjour, voici le texte.", "Attention !", "La suite."}}},
		},
		{
			name: "a short line with nothing to head is text",
			src:  "Antiterrorisme\nTexte du thème.\n\nFin du document\n",
			want: []sec{{"Antiterrorisme", []string{"Texte du thème.", "Fin du document"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []sec
			for _, s := range parseText(tt.src) {
				got = append(got, sec{s.Heading, s.Texts()})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseText(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}
