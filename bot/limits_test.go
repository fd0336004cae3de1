package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

// longAnswer is about 11,000 characters of paragraphs with citations,
// some of them several sources long.
func longAnswer() string {
	var paras []string
	for p := range 14 {
		var sentences []string
		for s := range 8 {
			sentences = append(sentences, fmt.Sprintf(
				"La coopération numéro %d.%d entre INTERPOL et les entités des Nations Unies se renforce chaque année [%d, %d].",
				p, s, p%5+1, s%5+1))
		}
		paras = append(paras, strings.Join(sentences, " "))
	}
	return strings.Join(paras, "\n\n")
}

func TestLongAnswerIsSplitWithinDiscordLimits(t *testing.T) {
	t.Parallel()
	answer := longAnswer()
	var sources []rag.Source
	for k := range 60 {
		sources = append(sources, rag.Source{Document: fmt.Sprintf("guides/document-%02d.md", k), Section: strings.Repeat("Section très détaillée ", 3)})
	}
	h := start(t, &fakeAnswerer{ask: func(context.Context, rag.Question) (rag.Answer, error) {
		return rag.Answer{Text: answer, Sources: sources, Notice: "Réponse extractive."}, nil
	}})
	i := h.ask("20", "Racontez tout ?")
	// The last message carries the sources.
	h.wait(1, func(r fakediscord.Request) bool {
		es := embeds(r.Body)
		return isFollowup(i)(r) && len(es) > 0 && fields(es[len(es)-1])["Sources"] != ""
	})
	msgs := h.fake.Requests(or(isEdit(i), isFollowup(i)))
	if len(msgs) < 3 {
		t.Fatalf("%d messages, want at least 3 for %d characters", len(msgs), len([]rune(answer)))
	}
	if msgs[0].Method != "PATCH" {
		t.Errorf("the first piece should replace the acknowledgement")
	}

	var pieces []string
	var all []map[string]any
	for _, m := range msgs {
		if m.Status != 200 {
			t.Fatalf("Discord refused a piece: %d %s", m.Status, m.Raw)
		}
		if f := m.Query.Get("wait"); m.Method == "POST" && f != "true" {
			t.Errorf("follow-up without wait=true")
		}
		for _, e := range embeds(m.Body) {
			all = append(all, e)
			if d := str(e, "description"); d != "" {
				pieces = append(pieces, d)
			}
		}
	}
	if strings.Join(strings.Fields(strings.Join(pieces, " ")), " ") != strings.Join(strings.Fields(answer), " ") {
		t.Fatalf("the pieces do not add up to the answer")
	}
	citation := regexp.MustCompile(`\[\d+, \d+\]`)
	for k, p := range pieces {
		if len([]rune(p)) > fakediscord.MaxDescription {
			t.Errorf("piece %d has %d characters", k, len([]rune(p)))
		}
		if !strings.HasSuffix(p, ".") {
			t.Errorf("piece %d ends mid-sentence: %q", k, p[max(0, len(p)-40):])
		}
		if n := strings.Count(p, "["); n != len(citation.FindAllString(p, -1)) {
			t.Errorf("piece %d cuts a citation", k)
		}
	}
	last := all[len(all)-1]
	if !strings.HasPrefix(fields(last)["Sources"], "[1] guides/document-00.md") || !strings.Contains(text(map[string]any{"embeds": []any{last}}), "… et ") {
		t.Errorf("last embed should list the first sources and count the rest")
	}
	if footer(last) != "Réponse extractive." {
		t.Errorf("footer %q, want the notice on the last embed", footer(last))
	}
	golden(t, "long-answer.golden.json", all)
}
