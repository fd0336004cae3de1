package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestMentionInAChannelGetsAReply(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{}
	h := start(t, ans)
	m := h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> Qu’est-ce que le Pacte mondial ?", botID))

	reply := h.wait(1, isChannelMessage(channelID))[0]
	typing := h.fake.Requests(isTyping(channelID))
	if len(typing) == 0 || typing[0].At.After(reply.At) {
		t.Errorf("no typing indicator before the reply")
	}
	ref, _ := reply.Body["message_reference"].(map[string]any)
	if str(ref, "message_id") != m.ID || str(ref, "channel_id") != channelID || ref["fail_if_not_exists"] != false {
		t.Errorf("message_reference = %v, want a reply to %s that survives its deletion", ref, m.ID)
	}
	es := embeds(reply.Body)
	if len(es) != 1 || str(es[0], "description") != "Réponse à : Qu’est-ce que le Pacte mondial ?" {
		t.Errorf("reply = %s, want the answer in an embed", reply.Raw)
	}
	if q := ans.questions(); len(q) != 1 || q[0].Text != "Qu’est-ce que le Pacte mondial ?" {
		t.Errorf("engine asked %+v, want the text without the mention", q)
	}
}

func TestDirectMessageGetsAReplyWithoutMention(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{}
	h := start(t, ans)
	h.pushMessage(h.message("", dmChannel, "Quels sont les thèmes de coopération ?"))
	reply := h.wait(1, isChannelMessage(dmChannel))[0]
	if !strings.Contains(text(reply.Body), "Réponse à : Quels sont les thèmes de coopération ?") {
		t.Errorf("reply = %s", reply.Raw)
	}
}

func TestMessagesNotForTheBotAreIgnored(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{}
	h := start(t, ans)
	fromBot := h.message(guildID, channelID, "<@"+botID+"> je suis un bot", botID)
	fromBot.Author.Bot = true
	h.pushMessage(fromBot)
	// A bridge relays through a webhook, whose author is not flagged bot.
	fromWebhook := h.message(guildID, channelID, "<@"+botID+"> relayé par un pont", botID)
	fromWebhook.WebhookID = "888"
	h.pushMessage(fromWebhook)
	h.pushMessage(h.message(guildID, channelID, "une conversation sans mention"))
	h.pushMessage(h.message(guildID, channelID, "@everyone bonjour", "777")) // mentions someone else
	self := h.message("", dmChannel, "mon propre message")
	self.Author = &discordgo.User{ID: botID, Username: "Assistant"}
	h.pushMessage(self)
	// A message for the bot, pushed last, marks the end: the events are
	// handled in order of arrival, each in its own goroutine.
	h.pushMessage(h.message(guildID, channelID, "<@!"+botID+"> la vraie question", botID))
	h.wait(1, isChannelMessage(channelID))
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if q := ans.questions(); len(q) != 1 || q[0].Text != "la vraie question" {
		t.Errorf("engine asked %+v, want only the message that mentions the bot", q)
	}
	if n := len(h.fake.Requests(or(isChannelMessage(channelID), isChannelMessage(dmChannel)))); n != 1 {
		t.Errorf("%d messages sent, want 1", n)
	}
}

// message builds a MESSAGE_CREATE payload from a user, mentioning the
// given user IDs.
func (h *harness) message(guild, channel, content string, mentioned ...string) *discordgo.Message {
	m := &discordgo.Message{
		ID: h.fake.ID(), ChannelID: channel, GuildID: guild, Content: content,
		Author:    &discordgo.User{ID: "42", Username: "curieux"},
		Timestamp: time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC),
		Type:      discordgo.MessageTypeDefault,
	}
	for _, id := range mentioned {
		m.Mentions = append(m.Mentions, &discordgo.User{ID: id, Username: "u" + id})
	}
	return m
}
