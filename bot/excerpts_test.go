package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

// cited answers with two sources, the first with a URL, and the hits
// they come from, plus one retrieved but not cited.
func cited() *fakeAnswerer {
	return &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		return rag.Answer{
			Text:       "Les notices rouges servent à localiser des personnes [1]. Elles circulent vite [2].",
			Understood: "Qu’est-ce qu’une notice rouge d’INTERPOL ?",
			Sources: []rag.Source{
				{Document: "notices.md", Section: "Notices rouges", URL: "https://exemple.org/notices (2024)"},
				{Document: "guides/faq.md", Section: "Diffusion", URL: "javascript:alert(1)"},
			},
			Hits: []rag.Hit{
				{Chunk: rag.Chunk{ID: "autre.md#0", Document: "autre.md", Section: "Autre", Text: "Non cité."}},
				{Chunk: rag.Chunk{ID: "notices.md#3", Document: "notices.md", Section: "Notices rouges"}, Passage: []rag.Chunk{
					{ID: "notices.md#3", Text: "Une notice est publiée. Elle vise une personne recherchée.", Overlap: len("Une notice est publiée. ")},
					{ID: "notices.md#7", Text: "Plus loin dans la section."},
					{ID: "notices.md#2", Text: "Les notices rouges existent depuis 1946.\n\nUne notice est publiée."},
				}},
				{Chunk: rag.Chunk{ID: "guides/faq.md#0", Document: "guides/faq.md", Section: "Diffusion",
					Text: strings.Repeat("Une phrase du guide sur la diffusion. ", 150)}},
			},
		}, nil
	}}
}

// anonymous replaces the answer IDs in buttons, random, for golden files.
var answerIDs = regexp.MustCompile(`"(extraits|publier):[0-9a-z]+"`)

func anonymous(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	out := map[string]any{"embeds": body["embeds"], "components": body["components"]}
	var v map[string]any
	raw := answerIDs.ReplaceAllString(mustJSON(t, out), `"$1:ID"`)
	mustUnmarshal(t, raw, &v)
	return v
}

func TestAnswerCardLinksSourcesAndHasAButton(t *testing.T) {
	t.Parallel()
	h := start(t, cited())
	i := h.ask("42", "C’est quoi une notice rouge ?", stringOpt(optTheme, "Antiterrorisme"))
	edit := h.wait(1, isAnswerEdit(i))[0]
	golden(t, "card.golden.json", anonymous(t, edit.Body))
	e := embeds(edit.Body)[0]
	if got, want := fields(e)["Sources"], "[1] [notices.md — Notices rouges](https://exemple.org/notices%20%282024%29)\n[2] guides/faq.md — Diffusion"; got != want {
		t.Errorf("sources %q, want %q: a link for a web URL, none for another scheme", got, want)
	}
	if !strings.Contains(footer(e), "Compris comme : Qu’est-ce qu’une notice rouge d’INTERPOL ?") {
		t.Errorf("footer %q, want the question as understood", footer(e))
	}
}

func TestSeeExcerptsShowsTheCitedPassagesPrivately(t *testing.T) {
	t.Parallel()
	h := start(t, cited())
	i := h.ask("42", "C’est quoi une notice rouge ?")
	id := buttonID(t, h.wait(1, isAnswerEdit(i))[0].Body, actionExcerpts)

	click := h.click("43", id, &discordgo.Message{ID: "1", ChannelID: channelID})
	resp := h.wait(1, isCallback(click))[0]
	if num(resp.Body, "type") != 4 || num(data(resp), "flags") != ephemeral {
		t.Fatalf("response %s, want a private message", resp.Raw)
	}
	es := embeds(data(resp))
	if len(es) != 2 {
		t.Fatalf("%d passages shown, want the 2 cited: %s", len(es), resp.Raw)
	}
	if str(es[0], "title") != "[1] notices.md — Notices rouges" || str(es[0], "url") != "https://exemple.org/notices%20%282024%29" {
		t.Errorf("first passage titled %q (%q)", str(es[0], "title"), str(es[0], "url"))
	}
	want := "Les notices rouges existent depuis 1946.\n\nUne notice est publiée. Elle vise une personne recherchée.\n\n[…]\n\nPlus loin dans la section."
	if got := str(es[0], "description"); got != want {
		t.Errorf("first passage\n%q\nwant it as in the document\n%q", got, want)
	}
	second := str(es[1], "description")
	if len([]rune(second)) > fakediscord.MaxDescription || !strings.HasSuffix(second, "diffusion."+cutNotice) {
		t.Errorf("long passage: %d characters ending %q, want it cut after a sentence, saying so",
			len([]rune(second)), second[max(0, len(second)-60):])
	}
	if str(es[1], "url") != "" {
		t.Errorf("a javascript: URL became a link")
	}
}

func TestManyExcerptsStayWithinDiscordLimits(t *testing.T) {
	t.Parallel()
	var a rag.Answer
	for k := range 30 {
		doc := fmt.Sprintf("doc-%02d.md", k)
		a.Sources = append(a.Sources, rag.Source{Document: doc, Section: "S"})
		a.Hits = append(a.Hits, rag.Hit{Chunk: rag.Chunk{ID: doc + "#0", Document: doc, Section: "S", Text: strings.Repeat("Phrase. ", 400)}})
	}
	a.Text = "Réponse."
	h := start(t, &fakeAnswerer{ask: func(context.Context, rag.Question) (rag.Answer, error) { return a, nil }})
	i := h.ask("42", "Tout ?")
	id := buttonID(t, h.wait(1, isAnswerEdit(i))[0].Body, actionExcerpts)
	click := h.click("42", id, &discordgo.Message{ID: "1", ChannelID: channelID})
	h.wait(1, isCallback(click))
	msgs := h.wait(1, isFollowup(click)) // the fake refuses what is over Discord's limits
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if n := len(h.fake.Requests(isFollowup(click))); n+1 != excerptMessages {
		t.Errorf("%d messages, want %d", n+1, excerptMessages)
	}
	last := embeds(msgs[len(msgs)-1].Body)
	if f := footer(last[len(last)-1]); !strings.Contains(f, "autres sources ne tiennent pas") {
		t.Errorf("last footer %q, want the sources not shown counted", f)
	}
	if num(msgs[0].Body, "flags") != ephemeral {
		t.Errorf("follow-up not private")
	}
}

func TestButtonsTheBotCannotServeGetAPoliteReply(t *testing.T) {
	t.Parallel()
	c := newClock()
	h := start(t, cited(), withClock(c))
	i := h.ask("42", "C’est quoi une notice rouge ?")
	old := buttonID(t, h.wait(1, isAnswerEdit(i))[0].Body, actionExcerpts)
	c.advance(answerTTL)
	cases := []struct{ customID, want string }{
		{"vote:abc", unknownButton},
		{"extraits:../../etc", unknownButton},
		{strings.Repeat("x", 100), unknownButton},
		{"extraits:zz0zz0zz0", expiredExcerpts}, // well formed, never made or forgotten at a restart
		{"publier:zz0zz0zz0", expiredPublish},
		{old, expiredExcerpts}, // forgotten after its time
	}
	for _, c := range cases {
		click := h.click("42", c.customID, &discordgo.Message{ID: "1", ChannelID: channelID})
		resp := h.wait(1, isCallback(click))[0]
		if num(resp.Body, "type") != 4 || num(data(resp), "flags") != ephemeral || str(data(resp), "content") != c.want {
			t.Errorf("%q: response %s, want privately %q", c.customID, resp.Raw, c.want)
		}
	}
}

func TestPassageTextJoinsChunksAsTheDocument(t *testing.T) {
	t.Parallel()
	h := rag.Hit{Passage: []rag.Chunk{
		{ID: "a#5", Text: "C. D.", Overlap: len("C. ")},
		{ID: "a#4", Text: "B.\n\nC."},
		{ID: "a#6", Text: "D.\n\nE.", Overlap: len("D.\n\n")},
	}}
	if got, want := passageText(h), "B.\n\nC. D.\n\nE."; got != want {
		t.Errorf("passageText = %q, want %q", got, want)
	}
	alone := rag.Hit{Chunk: rag.Chunk{ID: "b", Text: " Seul. "}}
	if got := passageText(alone); got != "Seul." {
		t.Errorf("passageText(a chunk without passage) = %q", got)
	}
}

func TestLinkURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://exemple.org/a_(b)":                       "https://exemple.org/a_%28b%29",
		" http://exemple.org/x?y=1 ":                      "http://exemple.org/x?y=1",
		"https://user:pass@exemple.org/":                  "",
		"ftp://exemple.org/":                              "",
		"/relative":                                       "",
		"https://exemple.org/" + strings.Repeat("a", 600): "",
	} {
		if got := linkURL(in); got != want {
			t.Errorf("linkURL(%q) = %q, want %q", in, got, want)
		}
	}
}
