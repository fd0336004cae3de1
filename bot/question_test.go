package bot

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

func TestQuestionIsAcknowledgedThenAnsweredWithSources(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{ask: func(ctx context.Context, q rag.Question) (rag.Answer, error) {
		return rag.Answer{
			Text: "INTERPOL est observateur permanent auprès de l’ONU [1].",
			Sources: []rag.Source{
				{Document: "interpol-onu.txt", Section: "Cybercriminalité"},
				{Document: "guides/faq.md", Section: ""},
			},
			Notice: "Réponse extractive : le modèle de langage était indisponible.",
		}, nil
	}}
	h := start(t, ans)
	i := h.ask("42", "  Quel est le statut d’INTERPOL à l’ONU ?  ")

	ack := h.wait(1, isCallback(i))[0]
	if num(ack.Body, "type") != 5 || num(data(ack), "flags") != 0 {
		t.Errorf("acknowledgement = %s, want a public deferred response (type 5, no flags)", ack.Raw)
	}
	edit := h.wait(1, isEdit(i))[0]
	es := embeds(edit.Body)
	if len(es) != 1 {
		t.Fatalf("answer has %d embeds, want 1: %s", len(es), edit.Raw)
	}
	e := es[0]
	if got, want := str(e, "title"), "Question : Quel est le statut d’INTERPOL à l’ONU ?"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := str(e, "description"), "INTERPOL est observateur permanent auprès de l’ONU [1]."; got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
	if got, want := fields(e)["Sources"], "[1] interpol-onu.txt — Cybercriminalité\n[2] guides/faq.md"; got != want {
		t.Errorf("sources = %q, want %q", got, want)
	}
	if got := footer(e); got != "Réponse extractive : le modèle de langage était indisponible." {
		t.Errorf("footer = %q, want the notice", got)
	}
	if str(edit.Body, "content") != "" {
		t.Errorf("content = %q, want empty beside the embed", str(edit.Body, "content"))
	}
	if q := ans.questions(); len(q) != 1 || q[0].Text != "Quel est le statut d’INTERPOL à l’ONU ?" || q[0].Theme != "" {
		t.Errorf("engine was asked %+v", q)
	}
	if n := len(h.fake.Requests(isFollowup(i))); n != 0 {
		t.Errorf("%d follow-ups for a short answer, want 0", n)
	}
}

func TestQuestionWithThemeRestrictsRetrieval(t *testing.T) {
	t.Parallel()
	cases := []struct{ typed, want string }{
		{"Cybercriminalité", "Cybercriminalité"},
		{"cybercriminalite", "Cybercriminalité"},      // case and accents ignored
		{"Traite d’êtres…", "Traite d’êtres humains"}, // shortened by autocomplete
	}
	ans := &fakeAnswerer{themes: func() []rag.Theme {
		return []rag.Theme{{Title: "Antiterrorisme", Chunks: 3}, {Title: "Cybercriminalité", Chunks: 2}, {Title: "Traite d’êtres humains", Chunks: 1}}
	}}
	h := start(t, ans)
	for n, c := range cases {
		i := h.ask(string(rune('a'+n)), "Que fait INTERPOL ?", stringOpt(optTheme, c.typed))
		edit := h.wait(1, isEdit(i))[0]
		if got := footer(embeds(edit.Body)[0]); got != "Thème : "+c.want {
			t.Errorf("theme %q: footer = %q, want %q", c.typed, got, "Thème : "+c.want)
		}
	}
	var themes []string
	for _, q := range ans.questions() {
		themes = append(themes, q.Theme)
	}
	if got, want := strings.Join(themes, "|"), "Cybercriminalité|Cybercriminalité|Traite d’êtres humains"; got != want {
		t.Errorf("engine asked with themes %q, want %q", got, want)
	}
}

func TestQuestionRefusedAtOnceAndPrivately(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{}
	h := start(t, ans, WithMaxQuestionChars(20))
	cases := []struct {
		name  string
		push  func() string // returns the interaction ID
		wants string
	}{
		{"unknown theme", func() string { return h.ask("1", "Une question ?", stringOpt(optTheme, "Astrologie")).ID }, "Je ne connais pas ce thème"},
		{"too long", func() string { return h.ask("2", strings.Repeat("mot ", 10)).ID }, "trop longue (39 caractères) : 20 caractères au maximum"},
		{"empty", func() string { return h.ask("3", "   ").ID }, "Votre question est vide"},
	}
	for _, c := range cases {
		id := c.push()
		got := h.wait(1, func(r fakediscord.Request) bool { return strings.Contains(r.Path, "/interactions/"+id+"/") })[0]
		if num(got.Body, "type") != 4 || num(data(got), "flags") != ephemeral {
			t.Errorf("%s: response %s, want an immediate ephemeral message (type 4, flags 64)", c.name, got.Raw)
		}
		if !strings.Contains(str(data(got), "content"), c.wants) {
			t.Errorf("%s: content %q, want it to say %q", c.name, str(data(got), "content"), c.wants)
		}
	}
	if q := ans.questions(); len(q) != 0 {
		t.Errorf("the engine was asked %v, want nothing", q)
	}
}

func TestEngineErrorsBecomePoliteFrenchWithoutDetails(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err   error
		wants string
	}{
		{rag.ErrNoWords, "aucun mot"},
		{&rag.TooLongError{Length: 4001, Max: 4000}, "4000 caractères au maximum"},
		{errors.New("search: open /srv/index.db: api_key=sk-live-123 refused"), Apology},
	}
	for _, c := range cases {
		t.Run(c.wants, func(t *testing.T) {
			t.Parallel()
			h := start(t, &fakeAnswerer{ask: func(context.Context, rag.Question) (rag.Answer, error) { return rag.Answer{}, c.err }})
			i := h.ask("7", "Une question ?")
			edit := h.wait(1, isEdit(i))[0]
			content := str(edit.Body, "content")
			if !strings.Contains(content, c.wants) {
				t.Errorf("reply %q, want it to say %q", content, c.wants)
			}
			if strings.Contains(content, "sk-live") || strings.Contains(content, "/srv") {
				t.Errorf("reply %q leaks internal details", content)
			}
		})
	}
}

// TestThemeMatchingFoldsLikeRetrieval checks that a theme is found the
// way retrieval compares words (rag.FoldForMatch): letters beyond French
// accents, any apostrophe, runs of spaces.
func TestThemeMatchingFoldsLikeRetrieval(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{themes: func() []rag.Theme {
		return []rag.Theme{{Title: "Coopération avec España"}, {Title: "Straße und Grenze"}, {Title: "L‘Office à Malmö"}}
	}}
	b, err := New(ans, testToken)
	if err != nil {
		t.Fatal(err)
	}
	for typed, want := range map[string]string{
		"cooperation avec espana": "Coopération avec España",
		"STRASSE UND  GRENZE":     "Straße und Grenze",
		"l'office a malmo":        "L‘Office à Malmö",
		"L’Office à Malmö":        "L‘Office à Malmö",
	} {
		if got, ok := b.resolveTheme(typed); !ok || got != want {
			t.Errorf("resolveTheme(%q) = %q, %v; want %q", typed, got, ok, want)
		}
	}
}
