package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/rag"
)

// TestFullQueueRefusesPolitely fills the one answering slot and the one
// place in the queue: the next questions are refused at once, a slash
// command privately within Discord's 3 s, and the queue frees up as the
// answers go out.
func TestFullQueueRefusesPolitely(t *testing.T) {
	t.Parallel()
	started := make(chan struct{}, 10)
	release := make(chan struct{})
	h := start(t, &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		started <- struct{}{}
		<-release
		return rag.Answer{Text: "Réponse à " + q.Text}, nil
	}}, WithConcurrency(1), WithQueue(1), WithRateLimit(100))

	answering := h.ask("90", "Première ?")
	<-started
	waiting := h.ask("91", "Deuxième ?")
	if ack := h.wait(1, isCallback(waiting))[0]; num(ack.Body, "type") != 5 {
		t.Fatalf("the queued question got %s, want a deferred acknowledgement", ack.Raw)
	}
	busy := h.ask("92", "Troisième ?")
	resp := h.wait(1, isCallback(busy))[0]
	if num(resp.Body, "type") != 4 || num(data(resp), "flags") != ephemeral ||
		str(data(resp), "content") != "Je suis très sollicité en ce moment, réessayez dans un instant." {
		t.Errorf("a question beyond the queue got %s, want an immediate private « très sollicité »", resp.Raw)
	}
	m := h.message("", dmChannel, "En privé ?")
	m.Author.ID = "93"
	h.pushMessage(m)
	if got := text(h.wait(1, isChannelMessage(dmChannel))[0].Body); !strings.Contains(got, "très sollicité") {
		t.Errorf("a message beyond the queue got %q", got)
	}
	if n := len(h.fake.Requests(isTyping(dmChannel))); n != 0 {
		t.Errorf("%d typing indicators for a refused message, want none", n)
	}

	close(release)
	h.wait(1, isAnswerEdit(answering))
	h.wait(1, isAnswerEdit(waiting))
	// Both replies may be on their way at once (the answering slot is
	// free as soon as an answer is computed): their places come back
	// when Discord has taken them.
	waitQueued(t, h.bot, 0)
	h.wait(1, isAnswerEdit(h.ask("94", "Et maintenant ?")))
	if !strings.Contains(h.logs.String(), "too many waiting") {
		t.Errorf("the full queue was not logged")
	}
}

func TestDefaultQueueTakesABurstOf200(t *testing.T) {
	t.Parallel()
	b, err := New(&fakeAnswerer{}, testToken, WithConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	if n := cap(b.pending); n < 200 {
		t.Errorf("by default %d questions may be answered or wait, want at least 200", n)
	}
	if _, err := New(&fakeAnswerer{}, testToken, WithQueue(-1)); err == nil {
		t.Errorf("a negative queue was accepted")
	}
}

// The answer timeout counts the wait for a slot: a question still
// waiting at its deadline is told politely that the answer took too
// long, never reaches the engine, and gives its place in the queue back,
// rather than wait until its interaction token (15 minutes) expires.
func TestAnswerTimeoutCountsTheWaitForASlot(t *testing.T) {
	t.Parallel()
	started := make(chan struct{}, 10)
	release := make(chan struct{})
	ans := &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		if q.Text == "Première ?" {
			started <- struct{}{}
			<-release // holds the only slot, past any deadline
		}
		return rag.Answer{Text: "Réponse à " + q.Text}, nil
	}}
	h := start(t, ans, WithConcurrency(1), WithQueue(1), WithRateLimit(100),
		WithAnswerTimeout(200*time.Millisecond))
	defer close(release)

	answering := h.ask("95", "Première ?")
	<-started
	tooLong := Explain(context.DeadlineExceeded)
	waiting := h.ask("96", "Deuxième ?")
	if got := str(h.wait(1, isEdit(waiting))[0].Body, "content"); got != tooLong {
		t.Errorf("a question that waited past its deadline got %q, want %q", got, tooLong)
	}
	// Its place in the queue is given back (just after the reply): the
	// next question is accepted (not « très sollicité »), and times out
	// the same way; a message too.
	waitQueued(t, h.bot, 1)
	again := h.ask("97", "Troisième ?")
	if ack := h.wait(1, isCallback(again))[0]; num(ack.Body, "type") != 5 {
		t.Fatalf("the next question got %s, want a deferred acknowledgement", ack.Raw)
	}
	if got := str(h.wait(1, isEdit(again))[0].Body, "content"); got != tooLong {
		t.Errorf("the next question got %q, want %q", got, tooLong)
	}
	waitQueued(t, h.bot, 1)
	m := h.message("", dmChannel, "En privé ?")
	m.Author.ID = "98"
	h.pushMessage(m)
	if got := text(h.wait(1, isChannelMessage(dmChannel))[0].Body); got != tooLong {
		t.Errorf("a message that waited past its deadline got %q, want %q", got, tooLong)
	}
	for _, q := range ans.questions() {
		if q.Text != "Première ?" {
			t.Errorf("%q reached the engine after its deadline", q.Text)
		}
	}
	if !strings.Contains(h.logs.String(), "waited too long for a free slot") {
		t.Errorf("the wait past the deadline was not logged")
	}
	if n := len(h.fake.Requests(isEdit(answering))); n != 0 {
		t.Errorf("the first question was answered %d times before its engine returned", n)
	}
}

// waitQueued waits until n questions are being answered or waiting: a
// question gives its place back just after its reply goes out.
func waitQueued(t *testing.T, b *Bot, n int) {
	t.Helper()
	for deadline := time.Now().Add(waitFor); len(b.pending) != n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d places taken in the queue, want %d: a late question kept its place", len(b.pending), n)
		}
	}
}
