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
			name: "short lines after a title are a list, not titles (issue 8)",
			src:  "Bureaux régionaux\nBuenos Aires\nNairobi\nAbidjan\nSan Salvador\nBangkok\n\nLes bureaux régionaux relaient les demandes des pays.\n",
			want: []sec{{"Bureaux régionaux", []string{"Buenos Aires", "Nairobi", "Abidjan", "San Salvador", "Bangkok", "Les bureaux régionaux relaient les demandes des pays."}}},
		},
		{
			name: "a run of identical short lines keeps every line",
			src:  "0\n0\n0\n0",
			want: []sec{{"0", []string{"0", "0", "0"}}},
		},
		{
			name: "two short lines are a list under the current title",
			src:  "Contacts\nÉcrivez-nous.\n\nSecrétariat général\nLyon, France\n\nRéponse sous huit jours.\n",
			want: []sec{{"Contacts", []string{"Écrivez-nous.", "Secrétariat général", "Lyon, France", "Réponse sous huit jours."}}},
		},
		{
			name: "a title is never followed by another title",
			src:  "Premier\n\nSecond\nLe texte.\n",
			want: []sec{{"Premier", []string{"Second", "Le texte."}}},
		},
		{
			name: "a line ending with a colon introduces a list",
			src:  "Thème\nLes priorités sont :\nPartage\nFormation\nLe reste suit.\n",
			want: []sec{{"Thème", []string{"Les priorités sont :", "Partage", "Formation", "Le reste suit."}}},
		},
		{
			name: "a wrapped list item is joined, a numbered item is an item",
			src:  "Étapes\nIdentifier les suspects\nDiffuser les notices et\nleurs mises à jour\n1. Vérifier.\n2) Archiver\n",
			want: []sec{{"Étapes", []string{"Identifier les suspects", "Diffuser les notices et leurs mises à jour", "1. Vérifier.", "2) Archiver"}}},
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

func TestParseTextKinds(t *testing.T) {
	src := "Bureaux régionaux\nBuenos Aires\nNairobi\n\nLes bureaux relaient les demandes.\n- un point\n"
	want := []Block{
		{ListItem, "Buenos Aires"}, {ListItem, "Nairobi"},
		{Paragraph, "Les bureaux relaient les demandes."}, {ListItem, "- un point"},
	}
	got := parseText(src)
	if len(got) != 1 || !reflect.DeepEqual(got[0].Blocks, want) {
		t.Errorf("parseText(%q) = %+v, want one section with %+v", src, got, want)
	}
}
