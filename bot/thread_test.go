package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
)

var threadRoute = func(r fakediscord.Request) bool {
	return r.Method == "POST" && strings.HasSuffix(r.Path, "/threads")
}

func TestAnswerInThreadOpensAThreadOnTheQuestion(t *testing.T) {
	t.Parallel()
	ans := conversant()
	h := start(t, ans, WithAnswerInThread(true))
	q := h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> Quel est le rôle\u202e d’INTERPOL <@777> auprès de l’ONU ?", botID))

	start := h.wait(1, isThreadStart(channelID, q.ID))[0]
	if got, want := str(start.Body, "name"), "Quel est le rôle d’INTERPOL auprès de l’ONU ?"; got != want {
		t.Errorf("thread named %q, want %q: the question, inert, without mentions", got, want)
	}
	thread := q.ID // a thread opened on a message has its ID
	answer := h.wait(1, isChannelMessage(thread))[0]
	if answer.Body["message_reference"] != nil {
		t.Errorf("the answer in the thread replies to a message of another channel: %s", answer.Raw)
	}
	if !strings.Contains(text(answer.Body), "Réponse à : Quel est le rôle") {
		t.Errorf("answer %s", answer.Raw)
	}
	if len(h.fake.Requests(isTyping(thread))) == 0 {
		t.Errorf("no typing indicator in the thread")
	}
	h.waitLog("conversation turn remembered", 1)

	// A mention in the thread continues the conversation there: no new
	// thread, the answer in the thread.
	h.pushMessage(h.message(guildID, thread, "<@"+botID+"> Et pour la cybercriminalité ?", botID))
	h.wait(2, isChannelMessage(thread))
	h.waitLog("conversation turn remembered", 2)
	checkHistory(t, ans, 1, turn("Quel est le rôle\u202e d’INTERPOL <@777> auprès de l’ONU ?"))
	if n := len(h.fake.Requests(threadRoute)); n != 1 {
		t.Errorf("%d threads opened, want 1", n)
	}
	if n := len(h.fake.Requests(isChannelMessage(channelID))); n != 0 {
		t.Errorf("%d messages in the channel, want all in the thread", n)
	}
}

func TestThreadThatCannotBeOpenedFallsBackToAReply(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		fault  func(h *harness)
		starts int // thread creations attempted
	}{
		{"5xx", func(h *harness) {
			h.fake.Fail(threadRoute, 100, http.StatusInternalServerError, `{"message":"500: Internal Server Error","code":0}`)
		}, 2},
		{"missing permission", func(h *harness) {
			h.fake.Fail(threadRoute, 100, http.StatusForbidden, `{"message":"Missing Permissions","code":50013}`)
		}, 1},
		{"already a thread", func(h *harness) { h.fake.SetChannel(channelID, discordgo.ChannelTypeGuildPublicThread) }, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := start(t, conversant(), WithAnswerInThread(true), withRetries(10*time.Millisecond, 50*time.Millisecond, time.Minute))
			c.fault(h)
			q := h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> Une question ?", botID))
			reply := h.wait(1, isChannelMessage(channelID))[0]
			ref, _ := reply.Body["message_reference"].(map[string]any)
			if str(ref, "message_id") != q.ID || !strings.Contains(text(reply.Body), "Réponse à : Une question ?") {
				t.Errorf("reply %s, want the answer replying to the question", reply.Raw)
			}
			h.waitLog("conversation turn remembered", 1)
			if c.starts == 1 { // refused once: not asked again for a while
				h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> Une autre ?", botID))
				h.wait(2, isChannelMessage(channelID))
			}
			if n := len(h.fake.Requests(threadRoute)); n != c.starts {
				t.Errorf("%d thread creations, want %d", n, c.starts)
			}
		})
	}
}

func TestNoThreadInDirectMessages(t *testing.T) {
	t.Parallel()
	h := start(t, conversant(), WithAnswerInThread(true))
	h.pushMessage(h.message("", dmChannel, "Une question ?"))
	h.wait(1, isChannelMessage(dmChannel))
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if n := len(h.fake.Requests(or(threadRoute, isChannelLookup(dmChannel)))); n != 0 {
		t.Errorf("%d thread requests for a direct message", n)
	}
}

// TestThreadOpenedWhoseAnswerWasLost: the first attempt opens the
// thread but its answer is lost; the retry is told the message has a
// thread, which is the one to answer in.
func TestThreadOpenedWhoseAnswerWasLost(t *testing.T) {
	t.Parallel()
	h := start(t, conversant(), WithAnswerInThread(true), withRetries(10*time.Millisecond, 50*time.Millisecond, time.Minute))
	h.tolerate(func(r fakediscord.Request) bool { return threadRoute(r) && r.Status == http.StatusBadRequest })
	h.fake.Reset(threadRoute, 1)
	q := h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> Une question ?", botID))
	h.wait(1, isChannelMessage(q.ID))
	if starts := h.fake.Requests(threadRoute); len(starts) != 2 || !starts[0].Dropped {
		t.Errorf("thread creations:\n%s want one lost, then « already created »", dump(starts))
	}
}

func TestThreadName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                           "Question",
		"<@123> <#456>":              "Question",
		"Bonjour\n\n<@&9>  le monde": "Bonjour le monde",
		strings.Repeat("mot ", 50):   strings.Repeat("mot ", 24) + "mot…",
	} {
		got := threadName(in)
		if got != want || len([]rune(got)) > 100 {
			t.Errorf("threadName(%q) = %q, want %q", in, got, want)
		}
	}
}
