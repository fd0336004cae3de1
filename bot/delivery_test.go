package bot

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
)

// The three routes an answer goes through.
var (
	callbackRoute = func(r fakediscord.Request) bool {
		return r.Method == "POST" && strings.HasPrefix(r.Path, "/api/v9/interactions/") && strings.HasSuffix(r.Path, "/callback")
	}
	editRoute = func(r fakediscord.Request) bool {
		return r.Method == "PATCH" && strings.HasSuffix(r.Path, "/messages/@original")
	}
	followupRoute = func(r fakediscord.Request) bool {
		return r.Method == "POST" && strings.HasPrefix(r.Path, "/api/v9/webhooks/")
	}
	postRoute = isChannelMessage(dmChannel)
)

// TestAnswerDeliveredAfterTransientFailures fails each route an answer
// takes once, then three times (500, 429, 503), and checks the answer
// gets through, after waiting as long as the 429 asked.
func TestAnswerDeliveredAfterTransientFailures(t *testing.T) {
	t.Parallel()
	const retryAfter = 200 * time.Millisecond
	routes := []struct {
		name  string
		route func(fakediscord.Request) bool
	}{
		{"interaction callback", callbackRoute},
		{"edit of @original", editRoute},
		{"channel message", postRoute},
	}
	for _, rt := range routes {
		for _, failures := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s, %d failures", rt.name, failures), func(t *testing.T) {
				t.Parallel()
				h := start(t, &fakeAnswerer{}, withRetries(20*time.Millisecond, 200*time.Millisecond, time.Minute))
				h.fake.Fail(rt.route, 1, http.StatusInternalServerError, `{"message":"500: Internal Server Error","code":0}`)
				if failures == 3 {
					h.fake.RateLimit(rt.route, 1, retryAfter, false)
					h.fake.Fail(rt.route, 1, http.StatusServiceUnavailable, `{"message":"upstream connect error"}`)
				}
				var delivered fakediscord.Request
				if rt.name == "channel message" {
					h.pushMessage(h.message("", dmChannel, "Une question ?"))
					delivered = h.wait(1, func(r fakediscord.Request) bool { return postRoute(r) && r.Status == 200 })[0]
				} else {
					delivered = h.wait(1, isAnswerEdit(h.ask("1", "Une question ?")))[0]
				}
				if !strings.Contains(text(delivered.Body), "Réponse à : Une question ?") {
					t.Errorf("delivered %s, want the answer", delivered.Raw)
				}
				tries := h.fake.Requests(rt.route)
				if len(tries) != failures+1 {
					t.Fatalf("%d requests on the route, want %d failures and a success:\n%s", len(tries), failures, dump(tries))
				}
				for k, r := range tries[:failures] {
					if !r.Injected {
						t.Errorf("request %d was not a failure: %d", k, r.Status)
					}
				}
				if failures == 3 {
					if gap := tries[2].At.Sub(tries[1].At); gap < retryAfter {
						t.Errorf("retried %s after a 429 asking for %s", gap, retryAfter)
					}
				}
			})
		}
	}
}

// TestEditThatKeepsFailingIsSentAsAFollowup: when the response cannot be
// edited, the answer comes as a follow-up message.
func TestEditThatKeepsFailingIsSentAsAFollowup(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{}, withRetries(10*time.Millisecond, 50*time.Millisecond, time.Minute))
	h.fake.Fail(editRoute, 1000, http.StatusBadGateway, `{"message":"502: Bad Gateway","code":0}`)
	i := h.ask("2", "Une question ?")
	f := h.wait(1, isFollowup(i))[0]
	if f.Status != 200 || f.Query.Get("wait") != "true" || str(embeds(f.Body)[0], "description") != "Réponse à : Une question ?" {
		t.Errorf("follow-up %d %s, want the answer", f.Status, f.Raw)
	}
	if n := len(h.fake.Requests(editRoute)); n != editAttempts {
		t.Errorf("%d edits before the follow-up, want %d", n, editAttempts)
	}
	if strings.Contains(h.logs.String(), "reply lost") {
		t.Errorf("an answer delivered as a follow-up was logged as lost")
	}
}

// TestLostAnswerIsLoggedOnce: when Discord takes nothing until the
// token expires, or refuses a message (a 4xx is not retried), what was
// lost is logged once, without the interaction's token.
func TestLostAnswerIsLoggedOnce(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{}, withRetries(10*time.Millisecond, 100*time.Millisecond, 700*time.Millisecond))
	h.fake.Fail(or(editRoute, followupRoute), 10000, http.StatusInternalServerError, `{"message":"500: Internal Server Error"}`)
	h.fake.Fail(postRoute, 1, http.StatusForbidden, `{"message":"Missing Permissions","code":50013}`)
	i := h.ask("3", "Question perdue ?")
	h.waitLog("reply lost", 1)
	h.pushMessage(h.message("", dmChannel, "Message perdu ?"))
	h.waitLog("reply lost", 2)
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	logs := h.logs.String()
	if n := strings.Count(logs, "reply lost"); n != 2 {
		t.Errorf("%d losses logged, want 2:\n%s", n, logs)
	}
	for _, want := range []string{"interaction_id=" + i.ID, "user_id=3", "Réponse à : Question perdue ?", "channel_id=" + dmChannel, "Réponse à : Message perdu ?", "Missing Permissions"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the logs do not say %q:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, i.Token) {
		t.Errorf("the logs hold the interaction token")
	}
	if n := len(h.fake.Requests(postRoute)); n != 1 {
		t.Errorf("a 403 was retried: %d posts", n)
	}
}

// TestAcknowledgedDespiteRateLimitsElsewhere holds a channel route with
// a long 429, then the whole bot with a global one: an interaction must
// still be acknowledged within Discord's 3 s (the fake refuses a late
// acknowledgement) and answered, since interaction routes are not under
// the global limit.
func TestAcknowledgedDespiteRateLimitsElsewhere(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{}, WithShutdownTimeout(100*time.Millisecond))
	h.fake.RateLimit(postRoute, 1, time.Minute, false)
	h.fake.RateLimit(isChannelMessage(channelID), 1, time.Minute, true)
	h.pushMessage(h.message("", dmChannel, "En privé ?"))
	h.wait(1, postRoute)
	h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> Dans le salon ?", botID))
	h.wait(1, isChannelMessage(channelID))

	i := h.ask("4", "Et par commande ?")
	ack := h.wait(1, isCallback(i))[0]
	if ack.Status != http.StatusNoContent {
		t.Fatalf("acknowledgement answered %d %s (404: later than Discord's 3 s)", ack.Status, ack.Raw)
	}
	h.wait(1, isAnswerEdit(i))
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	// The bot kept to the limits it was given: no second post.
	if n := len(h.fake.Requests(or(postRoute, isChannelMessage(channelID)))); n != 2 {
		t.Errorf("%d posts to rate-limited channels, want 2", n)
	}
}

// TestResetAfterDiscordActed loses Discord's answer after it acted: the
// retry of an acknowledgement is told it is already done, which is
// success; the retry of a post carries the same nonce, so Discord
// creates one message.
func TestResetAfterDiscordActed(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{}, withRetries(10*time.Millisecond, 50*time.Millisecond, time.Minute))
	h.tolerate(func(r fakediscord.Request) bool { return callbackRoute(r) && r.Status == http.StatusBadRequest })
	h.fake.Reset(callbackRoute, 1)
	h.fake.Reset(editRoute, 1)
	h.fake.Reset(postRoute, 1)
	i := h.ask("5", "Une question ?")
	h.wait(1, isAnswerEdit(i))
	if acks := h.fake.Requests(isCallback(i)); len(acks) != 2 || !acks[0].Dropped || acks[1].Status != http.StatusBadRequest {
		t.Errorf("acknowledgements:\n%s want a reset one, then « already acknowledged »", dump(acks))
	}
	h.pushMessage(h.message("", dmChannel, "Une question ?"))
	posts := h.wait(2, postRoute)
	nonce := str(posts[0].Body, "nonce")
	if nonce == "" || str(posts[1].Body, "nonce") != nonce || posts[1].Body["enforce_nonce"] != true {
		t.Errorf("posts %s and %s, want the same nonce, enforced", posts[0].Raw, posts[1].Raw)
	}
	if strings.Contains(h.logs.String(), "reply lost") {
		t.Errorf("a reply was logged as lost")
	}
}
