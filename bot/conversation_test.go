package bot

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

// conversant answers every question, saying it understood it completed
// (« compris : … »): the bot must keep that, not the text as asked.
func conversant() *fakeAnswerer {
	return &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		return rag.Answer{
			Text:       "Réponse à : " + q.Text,
			Understood: "compris : " + q.Text,
			Sources:    []rag.Source{{Document: "doc.md", Section: "Section"}},
		}, nil
	}}
}

// turn is the turn the bot should remember of a question conversant
// answered.
func turn(q string) rag.Turn {
	return rag.Turn{Question: "compris : " + q, Answer: "Réponse à : " + q}
}

// replyTo builds a member's reply to the message id, pinging the bot
// (which is how its content reaches a bot without Message Content).
func (h *harness) replyTo(id, guild, channel, content string) *discordgo.Message {
	m := h.message(guild, channel, content)
	if guild != "" {
		m.Mentions = append(m.Mentions, &discordgo.User{ID: botID})
	}
	m.MessageReference = &discordgo.MessageReference{MessageID: id, ChannelID: channel, GuildID: guild}
	return m
}

// checkHistory checks the history the nth question (from 0) came with.
func checkHistory(t *testing.T, ans *fakeAnswerer, n int, want ...rag.Turn) {
	t.Helper()
	qs := ans.questions()
	if len(qs) <= n {
		t.Fatalf("the engine got %d questions, want at least %d", len(qs), n+1)
	}
	if got := qs[n].History; !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
		t.Errorf("question %d (%q) came with history %+v, want %+v", n+1, qs[n].Text, got, want)
	}
}

func TestReplyToAnAnswerContinuesTheConversation(t *testing.T) {
	t.Parallel()
	ans := conversant()
	h := start(t, ans)
	h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> Quel est le rôle d’INTERPOL ?", botID))
	first := sentID(t, h.wait(1, isChannelMessage(channelID))[0])
	h.waitLog("conversation turn remembered", 1)

	h.pushMessage(h.replyTo(first, guildID, channelID, "<@"+botID+"> Et pour la cybercriminalité ?"))
	second := sentID(t, h.wait(2, isChannelMessage(channelID))[1])
	h.waitLog("conversation turn remembered", 2)
	checkHistory(t, ans, 1, turn("Quel est le rôle d’INTERPOL ?"))

	// A reply to the second answer carries both turns; another member's
	// reply to the first answer carries only the first: a reply
	// continues from the answer it replies to.
	h.pushMessage(h.replyTo(second, guildID, channelID, "<@"+botID+"> Qui en fait partie ?"))
	h.wait(3, isChannelMessage(channelID))
	h.waitLog("conversation turn remembered", 3)
	checkHistory(t, ans, 2, turn("Quel est le rôle d’INTERPOL ?"), turn("Et pour la cybercriminalité ?"))
	other := h.replyTo(first, guildID, channelID, "<@"+botID+"> Et en 2018 ?")
	other.Author.ID = "43"
	h.pushMessage(other)
	h.wait(4, isChannelMessage(channelID))
	h.waitLog("conversation turn remembered", 4)
	checkHistory(t, ans, 3, turn("Quel est le rôle d’INTERPOL ?"))

	// A new mention in the channel, not a reply, is a new conversation.
	h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> Une autre question ?", botID))
	h.wait(5, isChannelMessage(channelID))
	h.waitLog("conversation turn remembered", 5)
	checkHistory(t, ans, 4)
}

func TestReplyToASlashCommandAnswerContinuesIt(t *testing.T) {
	t.Parallel()
	ans := conversant()
	h := start(t, ans)
	i := h.ask("42", "Qu’est-ce qu’une notice rouge ?")
	answer := sentID(t, h.wait(1, isAnswerEdit(i))[0])
	h.waitLog("conversation turn remembered", 1)
	h.pushMessage(h.replyTo(answer, guildID, channelID, "<@"+botID+"> Et une notice bleue ?"))
	h.wait(1, isChannelMessage(channelID))
	h.waitLog("conversation turn remembered", 2)
	checkHistory(t, ans, 1, turn("Qu’est-ce qu’une notice rouge ?"))
}

func TestDirectMessagesContinueWithinTheTTL(t *testing.T) {
	t.Parallel()
	ans := conversant()
	c := newClock()
	h := start(t, ans, withClock(c), WithConversationTTL(30*time.Minute))
	dm := func(n int, text string) string {
		h.pushMessage(h.message("", dmChannel, text))
		id := sentID(t, h.wait(n, isChannelMessage(dmChannel))[n-1])
		h.waitLog("conversation turn remembered", n)
		return id
	}
	first := dm(1, "Quel est le rôle d’INTERPOL ?")
	c.advance(29 * time.Minute)
	dm(2, "Et pour la cybercriminalité ?")
	checkHistory(t, ans, 1, turn("Quel est le rôle d’INTERPOL ?"))

	// Past the TTL since the last answer, a new message is taken alone,
	// and so is a reply to an answer of the forgotten conversation.
	c.advance(31 * time.Minute)
	dm(3, "Et en 2018 ?")
	checkHistory(t, ans, 2)
	c.advance(31 * time.Minute)
	h.pushMessage(h.replyTo(first, "", dmChannel, "Qui en fait partie ?"))
	h.wait(4, isChannelMessage(dmChannel))
	h.waitLog("conversation turn remembered", 4)
	checkHistory(t, ans, 3)
}

func TestThreadTheBotAnsweredInContinues(t *testing.T) {
	t.Parallel()
	ans := conversant()
	h := start(t, ans)
	const thread = "500"
	h.fake.SetChannel(thread, discordgo.ChannelTypeGuildPublicThread)
	h.pushMessage(h.message(guildID, thread, "<@"+botID+"> Quel est le rôle d’INTERPOL ?", botID))
	h.wait(1, isChannelMessage(thread))
	h.waitLog("conversation turn remembered", 1)
	h.pushMessage(h.message(guildID, thread, "<@"+botID+"> Et pour la cybercriminalité ?", botID))
	h.wait(2, isChannelMessage(thread))
	h.waitLog("conversation turn remembered", 2)
	checkHistory(t, ans, 1, turn("Quel est le rôle d’INTERPOL ?"))
	// The thread's type was asked once.
	if n := len(h.fake.Requests(isChannelLookup(thread))); n != 1 {
		t.Errorf("%d lookups of the thread, want 1", n)
	}
}

func TestHistoryIsBounded(t *testing.T) {
	t.Parallel()
	var history []rag.Turn
	for k := range 6 {
		q := fmt.Sprintf("Question %d ?", k)
		history = nextTurns(history, q, rag.Answer{Text: strings.Repeat("mot ", 300), Understood: q + " complétée"})
		if len(history) > historyTurns {
			t.Fatalf("%d turns kept, want at most %d", len(history), historyTurns)
		}
		size := 0
		for _, turn := range history {
			size += len([]rune(turn.Question)) + len([]rune(turn.Answer))
			if len([]rune(turn.Answer)) > turnAnswerChars {
				t.Errorf("an answer of %d characters kept", len([]rune(turn.Answer)))
			}
		}
		if size > historyChars {
			t.Errorf("%d characters kept, want at most %d", size, historyChars)
		}
		if last := history[len(history)-1]; last.Question != q+" complétée" {
			t.Errorf("last turn %q, want the question as understood", last.Question)
		}
	}
	// A refusal is remembered by its question alone.
	got := nextTurns(nil, "Le budget ?", rag.Answer{Text: rag.RefusalText, Refused: true})
	if len(got) != 1 || got[0] != (rag.Turn{Question: "Le budget ?"}) {
		t.Errorf("refusal remembered as %+v", got)
	}
	// A long question and a long answer still fit, cut.
	long := nextTurns(nil, strings.Repeat("x", 5000), rag.Answer{Text: strings.Repeat("y ", 5000)})
	if n := len([]rune(long[0].Question)) + len([]rune(long[0].Answer)); n > historyChars {
		t.Errorf("one turn of %d characters", n)
	}
}

func TestLRUForgetsTheOldestAndTheExpired(t *testing.T) {
	t.Parallel()
	c := newClock()
	l := newLRU[string, int](2, time.Minute, c.now)
	l.put("a", 1)
	l.put("b", 2)
	if _, ok := l.get("a"); !ok { // a is now the most recently used
		t.Fatal("a forgotten too soon")
	}
	l.put("c", 3)
	if _, ok := l.get("b"); ok || l.len() != 2 {
		t.Errorf("b kept beyond the size (len %d)", l.len())
	}
	c.advance(time.Minute)
	if _, ok := l.get("a"); ok {
		t.Errorf("a kept past its TTL")
	}
	l.put("c", 4) // renewed
	if v, ok := l.get("c"); !ok || v != 4 {
		t.Errorf("c = %d, %v after renewal", v, ok)
	}
}
