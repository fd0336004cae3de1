package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
)

// disguises are the characters that can make echoed text read other
// than it is: bidirectional controls, zero-width and other format
// characters, control characters.
const disguises = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c" +
	"\u200b\u200c\u200d\u2060\ufeff\u00ad\U000e0041\x00\x07\x1b\x7f\u0085"

func TestInert(t *testing.T) {
	t.Parallel()
	for _, r := range disguises {
		if got := inert("a" + string(r) + "b"); got != "ab" && got != "a b" {
			t.Errorf("inert kept %U: %q", r, got)
		}
	}
	cases := map[string]string{
		"txt.\u202egnp.exe":           "txt.gnp.exe",
		"ligne\nsuivante\ttab\u2028x": "ligne suivante tab x",
		"Coopération — l’ONU [1] 🙂":   "Coopération — l’ONU [1] 🙂",
		"<@&555> @everyone":           "<@&555> @everyone", // harmless: no mention is allowed
	}
	for in, want := range cases {
		if got := inert(in); got != want {
			t.Errorf("inert(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEchoedTextIsInert checks that the question, themes, sources and
// file names shown back to users carry no disguising character.
func TestEchoedTextIsInert(t *testing.T) {
	t.Parallel()
	evil := "\u202eévil\u2066\u200b\x1b[31m"
	ans := &fakeAnswerer{
		themes: func() []rag.Theme { return []rag.Theme{{Title: "Cyber" + evil, Chunks: 2}} },
		ask: func(context.Context, rag.Question) (rag.Answer, error) {
			return rag.Answer{Text: "Réponse.", Sources: []rag.Source{{Document: "doc" + evil + ".md", Section: "Sec" + evil}}}, nil
		},
		reload: func(context.Context) (rag.ReloadReport, error) {
			return rag.ReloadReport{
				DocumentsAdded: []string{"nouveau" + evil + ".md"},
				Themes:         []rag.Theme{{Title: "Cyber" + evil, Chunks: 2}},
				Skipped:        []knowledge.Skipped{{Name: "ligne\nfausse" + evil + ".txt", Reason: "binaire"}},
			}, nil
		},
	}
	h := start(t, ans)
	i := h.ask("11", "Que fait "+evil+" INTERPOL ?", stringOpt(optTheme, "cyber"+evil))
	edit := h.wait(1, isAnswerEdit(i))[0]
	e := embeds(edit.Body)[0]
	if got, want := str(e, "title"), "Question : Que fait évil[31m INTERPOL ?"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := footer(e), "Thème : Cyberévil[31m"; got != want {
		t.Errorf("footer = %q, want %q", got, want)
	}
	if got, want := fields(e)["Sources"], "[1] docévil[31m.md — Secévil[31m"; got != want {
		t.Errorf("sources = %q, want %q", got, want)
	}
	themes := h.push(h.slash(cmdThemes, member("12", 0)))
	reload := h.push(h.slash(cmdReload, member("13", discordgo.PermissionManageGuild)))
	h.wait(1, isCallback(themes))
	if got := text(h.wait(1, isEdit(reload))[0].Body); !strings.Contains(got, "nouveauévil[31m.md") || !strings.Contains(got, "ligne fausseévil[31m.txt : binaire") {
		t.Errorf("reload summary %q does not name the files, made inert", got)
	}
	for _, r := range h.fake.Requests(nil) {
		if carriesMessage(r) {
			walkStrings(r.Body, func(s string) {
				if k := strings.IndexFunc(s, disguising); k >= 0 {
					t.Errorf("%s %s shows %q, with a disguising character at %d", r.Method, r.Path, s, k)
				}
			})
		}
	}
	if c := h.autocomplete("cyb"); fmt.Sprint(choiceNames(c.Body)) != "[Cyberévil[31m]" {
		t.Errorf("autocomplete offered %v", choiceNames(c.Body))
	}
}

func disguising(r rune) bool {
	return r != '\n' && unicode.In(r, unicode.Cc, unicode.Cf)
}

func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case map[string]any:
		for _, x := range v {
			walkStrings(x, f)
		}
	case []any:
		for _, x := range v {
			walkStrings(x, f)
		}
	}
}
