package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

func TestStreamingAnswerIsEditedThenFinal(t *testing.T) {
	t.Parallel()
	var h *harness
	seen := func(channelOrToken, content string) {
		h.wait(1, func(r fakediscord.Request) bool {
			return strings.Contains(r.Path, channelOrToken) && str(r.Body, "content") == content
		})
	}
	ready := make(chan struct{})
	ans := &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		<-ready
		where := q.Text // the test passes where the reply goes
		q.Partial("INTERPOL")
		seen(where, "INTERPOL …") // the first partial text shows at once
		for _, s := range []string{"INTERPOL coopère", "INTERPOL coopère avec", "INTERPOL coopère avec l’ONU"} {
			q.Partial(s) // faster than the interval: only the latest is shown
		}
		return rag.Answer{Text: "INTERPOL coopère avec l’ONU [1].", Sources: []rag.Source{{Document: "a.md", Section: "b"}}}, nil
	}}
	h = start(t, ans, WithStreamInterval(time.Hour))
	close(ready)

	i := h.slash(cmdQuestion, member("90", 0))
	i.Data = withText(i, i.Token)
	h.push(i)
	h.wait(1, isAnswerEdit(i))
	edits := h.fake.Requests(isEdit(i))
	if len(edits) != 2 || str(edits[0].Body, "content") != "INTERPOL …" || len(embeds(edits[0].Body)) != 0 {
		t.Fatalf("edits = %s, want one preview then the answer", dump(edits))
	}
	if last := edits[len(edits)-1]; str(last.Body, "content") != "" || str(embeds(last.Body)[0], "description") != "INTERPOL coopère avec l’ONU [1]." {
		t.Errorf("last edit %s, want the final answer replacing the preview", last.Raw)
	}

	// In a DM the preview is a reply, edited into the answer.
	h.pushMessage(h.message("", dmChannel, "/channels/"+dmChannel+"/"))
	edit := h.wait(1, func(r fakediscord.Request) bool {
		return r.Method == "PATCH" && strings.Contains(r.Path, "/channels/"+dmChannel+"/messages/")
	})[0]
	posts := h.fake.Requests(isChannelMessage(dmChannel))
	if len(posts) != 1 || str(posts[0].Body, "content") != "INTERPOL …" || posts[0].Body["message_reference"] == nil {
		t.Errorf("posts = %s, want one reply with the preview", dump(posts))
	}
	if str(embeds(edit.Body)[0], "description") != "INTERPOL coopère avec l’ONU [1]." || str(edit.Body, "content") != "" {
		t.Errorf("edit %s, want the final answer", edit.Raw)
	}
}

func withText(i *discordgo.Interaction, text string) discordgo.InteractionData {
	d := i.ApplicationCommandData()
	d.Options = append(d.Options, stringOpt(optText, text))
	return d
}
