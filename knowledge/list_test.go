package knowledge

import "testing"

func TestListNesting(t *testing.T) {
	var l listNesting
	var got []string
	for _, item := range []string{"Un", "Deux", "Trois", "Quatre", "Cinq"} {
		l.open()
		got = append(got, l.text(item))
	}
	want := []string{"Un", "Un › Deux", "Un › Deux › Trois", "Un › Deux › Trois › Quatre", "Deux › Trois › Quatre › Cinq"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d = %q, want %q", i, got[i], want[i])
		}
	}
	l.close()
	if got := l.text("Suite"); got != "Un › Deux › Trois › Suite" {
		t.Errorf("second block of the fourth item = %q", got)
	}
}

func TestShorten(t *testing.T) {
	for in, want := range map[string]string{
		"Court":                   "Court",
		"Un texte bien trop long": "Un texte…",
		"Motsansespacetroplong":   "Motsansesp…",
		"Échange de":              "Échange de",
		"Échange, de plus":        "Échange…",
	} {
		if got := shorten(in, 10); got != want {
			t.Errorf("shorten(%q, 10) = %q, want %q", in, got, want)
		}
	}
}
