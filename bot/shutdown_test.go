package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

func TestShutdownFinishesQuestionsInFlight(t *testing.T) {
	t.Parallel()
	const n = 4
	started := make(chan struct{}, n)
	release := make(chan struct{})
	h := start(t, &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		if strings.HasPrefix(q.Text, "Question") {
			started <- struct{}{}
			<-release
		}
		return rag.Answer{Text: "Réponse à " + q.Text}, nil
	}}, WithConcurrency(n+1), WithRateLimit(1000))
	var asked []*discordgo.Interaction
	for k := range n {
		asked = append(asked, h.ask(fmt.Sprint(70+k), fmt.Sprintf("Question %d ?", k)))
	}
	for range n {
		<-started
	}
	stopped := make(chan error, 1)
	go func() { stopped <- h.stop() }()

	// A question arriving now is refused politely, and the gateway is
	// still open for the answers in flight. One that arrives before Run
	// sees the cancellation is accepted: the spare slot (n+1) answers it
	// at once, so waiting for its answer cannot outlast the blocked n.
	var late *discordgo.Interaction
	for late == nil {
		i := h.slash(cmdQuestion, member("79", 0), stringOpt(optText, "Trop tard ?"))
		_ = h.fake.Interaction(i)
		resp := h.wait(1, isCallback(i))[0]
		if strings.Contains(str(data(resp), "content"), "redémarrer") {
			late = i
		} else {
			h.wait(1, isEdit(i)) // accepted before the bot saw the cancellation: try again
		}
	}
	select {
	case err := <-stopped:
		t.Fatalf("Run returned (%v) with questions in flight", err)
	default:
	}
	close(release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	for _, i := range asked {
		if len(h.fake.Requests(isAnswerEdit(i))) != 1 {
			t.Errorf("question %s was not answered before shutdown", i.ID)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if err := h.fake.WaitDisconnected(ctx); err != nil {
		t.Errorf("gateway still open after Run returned: %v", err)
	}
}

func TestShutdownWaitIsBounded(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	cancelled := make(chan error, 1)
	h := start(t, &fakeAnswerer{ask: func(ctx context.Context, q rag.Question) (rag.Answer, error) {
		close(started)
		<-ctx.Done() // never finishes on its own
		cancelled <- ctx.Err()
		return rag.Answer{}, ctx.Err()
	}}, WithShutdownTimeout(200*time.Millisecond))
	i := h.ask("80", "Longue question ?")
	<-started
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if err := <-cancelled; !errors.Is(err, context.Canceled) {
		t.Errorf("the answer's context ended with %v, want cancelled at the shutdown timeout", err)
	}
	edits := h.fake.Requests(isEdit(i))
	if len(edits) != 1 || !strings.Contains(str(edits[0].Body, "content"), "redémarrer") {
		t.Errorf("the user whose question was cut got %s, want to hear the bot is restarting", dump(edits))
	}
}
