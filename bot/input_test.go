package bot

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/rag"
)

// TestQuestionWithoutWordsIsRefusedPrivately checks, with the real
// engine, that a question the engine cannot take (a zero-width
// character, emoji) is refused at once and privately, never deferred
// publicly then refused for all to see; and that a message gets a short
// reply without a typing indicator.
func TestQuestionWithoutWordsIsRefusedPrivately(t *testing.T) {
	t.Parallel()
	engine, err := rag.New(context.Background(), rag.Options{Knowledge: os.DirFS("testdata/knowledge")})
	if err != nil {
		t.Fatal(err)
	}
	h := start(t, engine, WithRateLimit(100))
	for _, q := range []string{"\u200b", "🙂🙂", "👩\u200d💻 ?", "\u2066\u2069", "…"} {
		i := h.ask("10", q)
		resp := h.wait(1, isCallback(i))[0]
		// A zero-width character alone is an empty question: the engine
		// removes invisible characters before anything else.
		want := "aucun mot"
		if q == "\u200b" {
			want = "Votre question est vide."
		}
		if num(resp.Body, "type") != 4 || num(data(resp), "flags") != ephemeral ||
			!strings.Contains(str(data(resp), "content"), want) {
			t.Errorf("%q: response %s, want an immediate private %q (type 4, flags 64)", q, resp.Raw, want)
		}
		if n := len(h.fake.Requests(isEdit(i))); n != 0 {
			t.Errorf("%q: %d edits of the response, want none", q, n)
		}
	}

	m := h.message("", dmChannel, "\u200b🙂")
	h.pushMessage(m)
	reply := h.wait(1, isChannelMessage(dmChannel))[0]
	if got := str(reply.Body, "content"); got != "Je ne trouve aucun mot dans votre question." {
		t.Errorf("a message without words got %q, want the short refusal", got)
	}
	if n := len(h.fake.Requests(isTyping(dmChannel))); n != 0 {
		t.Errorf("%d typing indicators for a refused message, want none", n)
	}
}

func TestMessageInputErrorsAreBrief(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{}, WithMaxQuestionChars(20), WithRateLimit(100))
	cases := []struct{ content, want string }{
		{"<@" + botID + ">", "Écrivez votre question avec votre message, s’il vous plaît."},
		{"<@" + botID + "> " + strings.Repeat("mot ", 10), "Question trop longue : 20 caractères au maximum."},
	}
	for _, c := range cases {
		h.pushMessage(h.message(guildID, channelID, c.content, botID))
	}
	got := map[string]bool{}
	for _, r := range h.wait(len(cases), isChannelMessage(channelID)) {
		got[str(r.Body, "content")] = true
	}
	for _, c := range cases {
		if !got[c.want] {
			t.Errorf("%q: no reply %q among %v", c.content, c.want, got)
		}
	}
}
