package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
)

// target is a member's message the message command is used on.
func (h *harness) target(content string) *discordgo.Message {
	m := h.message(guildID, channelID, content)
	m.Author = &discordgo.User{ID: "77", Username: "auteur"}
	return m
}

func TestAskTheBotAnswersPrivatelyThenPublishesOnce(t *testing.T) {
	t.Parallel()
	ans := conversant()
	h := start(t, ans)
	target := h.target("<@" + botID + "> Quel est le rôle d’INTERPOL à l’ONU ?")
	i := h.messageCommand("42", target)

	ack := h.wait(1, isCallback(i))[0]
	if num(ack.Body, "type") != 5 || num(data(ack), "flags") != ephemeral {
		t.Errorf("acknowledgement %s, want private and deferred", ack.Raw)
	}
	private := h.wait(1, isAnswerEdit(i))[0]
	if q := ans.questions(); len(q) != 1 || q[0].Text != "Quel est le rôle d’INTERPOL à l’ONU ?" {
		t.Errorf("engine asked %+v, want the message's text without the mention", q)
	}
	if ids := customIDs(private.Body); len(ids) != 2 || !strings.HasPrefix(ids[0], actionExcerpts) || !strings.HasPrefix(ids[1], actionPublish) {
		t.Errorf("buttons %v, want Voir les extraits and Publier", ids)
	}
	answerMsg := &discordgo.Message{ID: sentID(t, private), ChannelID: channelID}
	publish := buttonID(t, private.Body, actionPublish)

	click := h.click("42", publish, answerMsg)
	if resp := h.wait(1, isCallback(click))[0]; num(resp.Body, "type") != float64(discordgo.InteractionResponseDeferredMessageUpdate) {
		t.Errorf("click answered %s, want a deferred update", resp.Raw)
	}
	post := h.wait(1, isChannelMessage(channelID))[0]
	ref, _ := post.Body["message_reference"].(map[string]any)
	if str(ref, "message_id") != target.ID {
		t.Errorf("published %s, want a reply to the message asked about", post.Raw)
	}
	if got := customIDs(post.Body); len(got) != 1 || !strings.HasPrefix(got[0], actionExcerpts) {
		t.Errorf("published buttons %v, want Voir les extraits alone", got)
	}
	if f := footer(embeds(post.Body)[0]); !strings.Contains(f, "Publiée à la demande de user-42") {
		t.Errorf("published footer %q, want who asked for it", f)
	}
	// The private answer's button now says it is done.
	done := h.wait(1, isEdit(click))[0]
	if !strings.Contains(string(done.Raw), `"disabled":true`) || !strings.Contains(string(done.Raw), "Publiée dans le salon") {
		t.Errorf("private answer edited to %s, want the button disabled", done.Raw)
	}
	h.waitLog("conversation turn remembered", 1)

	again := h.click("42", publish, answerMsg)
	if got := str(data(h.wait(1, isCallback(again))[0]), "content"); got != alreadyPublished {
		t.Errorf("second click: %q, want %q", got, alreadyPublished)
	}
	// A reply to the published answer continues its conversation.
	h.pushMessage(h.replyTo(sentID(t, post), guildID, channelID, "<@"+botID+"> Et en 2018 ?"))
	h.wait(2, isChannelMessage(channelID))
	h.waitLog("conversation turn remembered", 2)
	checkHistory(t, ans, 1, turn("Quel est le rôle d’INTERPOL à l’ONU ?"))
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if n := len(h.fake.Requests(isChannelMessage(channelID))); n != 2 {
		t.Errorf("%d messages in the channel, want the published answer and the follow-up's", n)
	}
}

func TestPublishTwiceAtOnceOrAfterAFailurePostsOnce(t *testing.T) {
	t.Parallel()
	h := start(t, conversant(), withRetries(10*time.Millisecond, 50*time.Millisecond, time.Minute))
	h.fake.Fail(isChannelMessage(channelID), 1, http.StatusForbidden, `{"message":"Missing Permissions","code":50013}`)
	i := h.messageCommand("42", h.target("Une question ?"))
	private := h.wait(1, isAnswerEdit(i))[0]
	answerMsg := &discordgo.Message{ID: sentID(t, private), ChannelID: channelID}
	publish := buttonID(t, private.Body, actionPublish)

	// Discord refuses the first post: the asker is told, privately, and
	// may try again.
	first := h.click("42", publish, answerMsg)
	told := h.wait(1, isFollowup(first))[0]
	if str(told.Body, "content") != publishFailed || num(told.Body, "flags") != ephemeral {
		t.Errorf("after a refused post: %s, want privately %q", told.Raw, publishFailed)
	}
	// Two clicks at once: one post.
	a := h.click("42", publish, answerMsg)
	b := h.click("42", publish, answerMsg)
	h.wait(1, isCallback(a))
	h.wait(1, isCallback(b))
	h.wait(2, isChannelMessage(channelID)) // the refused one and the one posted
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	posted := h.fake.Requests(func(r fakediscord.Request) bool { return isChannelMessage(channelID)(r) && r.Status == 200 })
	if len(posted) != 1 {
		t.Errorf("%d answers published, want 1:\n%s", len(posted), dump(posted))
	}
}

func TestAskTheBotOnAMessageWithoutText(t *testing.T) {
	t.Parallel()
	ans := conversant()
	h := start(t, ans)
	empty := h.target("")
	withFile := h.target("<@" + botID + ">")
	withFile.Attachments = []*discordgo.MessageAttachment{{ID: "9", Filename: "scan.pdf", URL: "https://cdn.discordapp.com/x/scan.pdf", Size: 10}}
	for msg, want := range map[*discordgo.Message]string{empty: targetEmpty, withFile: targetNoText} {
		i := h.messageCommand("42", msg)
		resp := h.wait(1, isCallback(i))[0]
		if num(resp.Body, "type") != 4 || num(data(resp), "flags") != ephemeral || str(data(resp), "content") != want {
			t.Errorf("response %s, want privately %q", resp.Raw, want)
		}
	}
	if q := ans.questions(); len(q) != 0 {
		t.Errorf("the engine was asked %+v", q)
	}
}
