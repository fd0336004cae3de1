package bot

import (
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/rag"
)

func TestThemesListsThemesWithPassageCounts(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{themes: func() []rag.Theme {
		return []rag.Theme{{Title: "Antiterrorisme", Chunks: 3}, {Title: "Cyber_criminalité", Chunks: 1}}
	}})
	i := h.push(h.slash(cmdThemes, member("8", 0)))
	resp := h.wait(1, isCallback(i))[0]
	if num(resp.Body, "type") != 4 || num(data(resp), "flags") != ephemeral {
		t.Errorf("response %s, want an immediate ephemeral message", resp.Raw)
	}
	es := embeds(data(resp))
	if len(es) != 1 {
		t.Fatalf("%d embeds, want 1", len(es))
	}
	if got, want := str(es[0], "title"), "Thèmes couverts : 2 (4 passages)"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got, want := str(es[0], "description"), "• **Antiterrorisme** — 3 passages\n• **Cyber\\_criminalité** — 1 passage"; got != want {
		t.Errorf("description %q, want %q", got, want)
	}
}

func TestThemesWithNoKnowledgeSaysSo(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{themes: func() []rag.Theme { return nil }})
	i := h.push(h.slash(cmdThemes, nil)) // in a DM
	resp := h.wait(1, isCallback(i))[0]
	if !strings.Contains(str(data(resp), "content"), "Aucun document") {
		t.Errorf("response %s, want it to say no document is loaded", resp.Raw)
	}
}

func TestHelpExplainsTheBot(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{}, WithRateLimit(3), WithMaxQuestionChars(280))
	i := h.push(h.slash(cmdHelp, member("9", 0)))
	resp := h.wait(1, isCallback(i))[0]
	if num(resp.Body, "type") != 4 || num(data(resp), "flags") != ephemeral {
		t.Errorf("response %s, want an immediate ephemeral message", resp.Raw)
	}
	golden(t, "aide.golden.json", data(resp)["embeds"])
	for _, want := range []string{"280 caractères", "3 questions par minute", "/question", "/themes", "/recharger", "message privé"} {
		if !strings.Contains(text(data(resp)), want) {
			t.Errorf("help does not mention %q", want)
		}
	}
}
