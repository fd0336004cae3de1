package bot

import (
	"context"
	"strings"
	"testing"

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
