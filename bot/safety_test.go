package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

func TestEveryoneInAQuestionPingsNoOne(t *testing.T) {
	t.Parallel()
	const pings = "@everyone @here <@&555> <@42> <@!43>"
	h := start(t, &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		// The documents can carry mentions too.
		return rag.Answer{Text: "Vous avez écrit : " + q.Text, Sources: []rag.Source{{Document: "@everyone.md", Section: "<@&555>"}}}, nil
	}})
	i := h.ask("30", pings+" que fait INTERPOL ?")
	h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> "+pings, botID))
	h.pushMessage(h.message("", dmChannel, pings))

	sent := []fakediscord.Request{h.wait(1, isCallback(i))[0], h.wait(1, isEdit(i))[0]}
	sent = append(sent, h.wait(1, isChannelMessage(channelID))...)
	sent = append(sent, h.wait(1, isChannelMessage(dmChannel))...)
	for _, r := range sent {
		assertNoMentions(t, r)
	}
	if !strings.Contains(text(sent[1].Body), "@everyone") {
		t.Errorf("the answer should show the text as written, harmlessly: %s", sent[1].Raw)
	}
}

func TestRateLimitPerUser(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{}
	h := start(t, ans, WithRateLimit(2))
	for range 2 {
		h.wait(1, isEdit(h.ask("40", "Une question ?")))
	}
	limited := h.ask("40", "Une de trop ?")
	resp := h.wait(1, isCallback(limited))[0]
	content := str(data(resp), "content")
	if num(resp.Body, "type") != 4 || num(data(resp), "flags") != ephemeral ||
		!strings.Contains(content, "2 par minute au plus") || !strings.Contains(content, "Réessayez dans 3") {
		t.Errorf("third question got %s, want a private message giving the limit and the wait (30 s)", resp.Raw)
	}
	// A slash command is answered every time: an interaction must be.
	again := h.ask("40", "Et encore ?")
	if got := str(data(h.wait(1, isCallback(again))[0]), "content"); !strings.Contains(got, "Réessayez dans") {
		t.Errorf("fourth question got %q, want the limit again", got)
	}
	// Mentions count against the same limit.
	dm := h.message("", dmChannel, "Et en privé ?")
	dm.Author.ID = "40"
	h.pushMessage(dm)
	if got := text(h.wait(1, isChannelMessage(dmChannel))[0].Body); !strings.Contains(got, "Réessayez dans") {
		t.Errorf("DM over the limit got %q", got)
	}
	// Someone else may still ask.
	h.wait(1, isAnswerEdit(h.ask("41", "Et moi ?")))
	if n := len(ans.questions()); n != 3 {
		t.Errorf("the engine answered %d questions, want 3", n)
	}
}

// TestRateLimitedMessagesAreToldOnceThenIgnored checks that a user
// flooding the bot with messages costs it one reply per window, empty
// messages included, and no more than the limit in answers.
func TestRateLimitedMessagesAreToldOnceThenIgnored(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{}
	h := start(t, ans, WithRateLimit(2))
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	setClock := func(at time.Time) {
		h.bot.limiter.mu.Lock()
		defer h.bot.limiter.mu.Unlock()
		h.bot.limiter.now = func() time.Time { return at }
	}
	setClock(now)
	dm := func(content string) {
		m := h.message("", dmChannel, content)
		m.Author.ID = "44"
		h.pushMessage(m)
	}
	dm("Première ?")
	dm("Deuxième ?")
	h.wait(2, isChannelMessage(dmChannel))
	for _, c := range []string{"Troisième ?", "", "Quatrième ?"} {
		dm(c)
	}
	h.waitLog("ignore question: rate limited", 2)
	sent := h.wait(3, isChannelMessage(dmChannel))
	if got := text(sent[2].Body); !strings.Contains(got, "Réessayez dans") {
		t.Errorf("first message over the limit got %q, want the limit", got)
	}
	// 30 s later one question is accepted, and the next refusal is told.
	setClock(now.Add(30 * time.Second))
	dm("Après la pause ?")
	h.wait(4, isChannelMessage(dmChannel))
	dm("Et une de trop ?")
	if got := text(h.wait(5, isChannelMessage(dmChannel))[4].Body); !strings.Contains(got, "Réessayez dans") {
		t.Errorf("after an accepted question, a refusal got %q, want the limit", got)
	}
	if n := len(h.fake.Requests(isChannelMessage(dmChannel))); n != 5 {
		t.Errorf("%d replies, want 3 answers and 2 warnings", n)
	}
	if n := len(ans.questions()); n != 3 {
		t.Errorf("the engine answered %d questions, want 3", n)
	}
}

// waitLog waits until the logs hold n lines containing s.
func (h *harness) waitLog(s string, n int) {
	h.t.Helper()
	deadline := time.Now().Add(waitFor)
	for strings.Count(h.logs.String(), s) < n {
		if time.Now().After(deadline) {
			h.t.Fatalf("the logs do not hold %d lines with %q:\n%s", n, s, h.logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestPanicInAHandlerIsRecoveredAndTheUserTold(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		if strings.Contains(q.Text, "boum") {
			panic("boum")
		}
		return rag.Answer{Text: "Tout va bien."}, nil
	}}, WithConcurrency(1))
	i := h.ask("50", "boum ?")
	got := str(h.wait(1, isEdit(i))[0].Body, "content")
	if !strings.Contains(got, "problème inattendu") {
		t.Errorf("after a panic the user got %q, want an apology", got)
	}
	h.pushMessage(h.message("", dmChannel, "boum en privé"))
	if got := text(h.wait(1, isChannelMessage(dmChannel))[0].Body); !strings.Contains(got, "problème inattendu") {
		t.Errorf("after a panic on a DM the user got %q", got)
	}
	// The bot still answers, and the panic released its answering slot.
	after := h.ask("51", "Et maintenant ?")
	if d := str(embeds(h.wait(1, isEdit(after))[0].Body)[0], "description"); d != "Tout va bien." {
		t.Errorf("after the panic: %q", d)
	}
	if !strings.Contains(h.logs.String(), "handler panicked") || !strings.Contains(h.logs.String(), "panic=boum") {
		t.Errorf("the panic was not logged with its cause")
	}
}

func TestDiscordRateLimitAndServerErrorsAreRetried(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{})
	h.fake.RateLimit(func(r fakediscord.Request) bool { return r.Method == "PATCH" }, 1, 0, false)
	h.fake.Fail(func(r fakediscord.Request) bool { return isChannelMessage(dmChannel)(r) }, 1, 502, `{"message":"bad gateway"}`)
	h.ask("60", "Malgré tout ?")
	edits := h.wait(2, func(r fakediscord.Request) bool { return r.Method == "PATCH" })
	if edits[0].Status != 429 || edits[1].Status != 200 {
		t.Errorf("edits answered %d then %d, want 429 then a successful retry", edits[0].Status, edits[1].Status)
	}
	h.pushMessage(h.message("", dmChannel, "Et ici ?"))
	posts := h.wait(2, isChannelMessage(dmChannel))
	if posts[0].Status != 502 || posts[1].Status != 200 {
		t.Errorf("posts answered %d then %d, want 502 then a successful retry", posts[0].Status, posts[1].Status)
	}
}
