package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/rag"
)

// events is a hand-written Observer: it keeps what it is told as lines
// ("answered slash refused", "rejected dm invalid", "reconnected"…) and
// the sum of Queued, and lets a test wait for a line.
type events struct {
	mu        sync.Mutex
	lines     []string
	queued    int
	durations []time.Duration
	heartbeat []time.Duration
	changed   chan struct{}
}

func newEvents() *events { return &events{changed: make(chan struct{})} }

func (e *events) add(line string, f func()) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if line != "" {
		e.lines = append(e.lines, line)
	}
	if f != nil {
		f()
	}
	close(e.changed)
	e.changed = make(chan struct{})
}

func (e *events) Answered(entry, outcome string, d time.Duration) {
	e.add("answered "+entry+" "+outcome, func() { e.durations = append(e.durations, d) })
}
func (e *events) Rejected(entry, reason string) { e.add("rejected "+entry+" "+reason, nil) }
func (e *events) Queued(delta int)              { e.add("", func() { e.queued += delta }) }
func (e *events) Reconnected()                  { e.add("reconnected", nil) }
func (e *events) Heartbeat(d time.Duration) {
	e.add("", func() { e.heartbeat = append(e.heartbeat, d) })
}

// await waits until cond holds on the events, or fails the test.
func (e *events) await(t *testing.T, what string, cond func(e *events) bool) {
	t.Helper()
	deadline := time.After(waitFor)
	for {
		e.mu.Lock()
		ok, ch := cond(e), e.changed
		e.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			e.mu.Lock()
			defer e.mu.Unlock()
			t.Fatalf("%s never happened; events: %q, queued %d", what, e.lines, e.queued)
		}
	}
}

func (e *events) has(line string) func(*events) bool {
	return func(e *events) bool { return slices.Contains(e.lines, line) }
}

// TestObserverSeesEveryEntryAndOutcome asks through each entry, with the
// engine answering, refusing or failing, and checks what the observer
// was told.
func TestObserverSeesEveryEntryAndOutcome(t *testing.T) {
	t.Parallel()
	obs := newEvents()
	ans := &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		switch {
		case strings.Contains(q.Text, "hors sujet"):
			return rag.Answer{Text: "Mes documents n’en parlent pas.", Refused: true}, nil
		case strings.Contains(q.Text, "panne"):
			return rag.Answer{}, errors.New("engine broke down")
		}
		return rag.Answer{Text: "Réponse.", Sources: []rag.Source{{Document: "doc.md", Section: "Section"}}}, nil
	}}
	h := start(t, ans, WithObserver(obs), WithRateLimit(2), WithMaxQuestionChars(50))

	h.ask("50", "Une question ?")
	h.pushMessage(h.message(guildID, channelID, "<@"+botID+"> Une question hors sujet ?", botID))
	dm := h.message("", dmChannel, "Une panne ?")
	dm.Author.ID = "43"
	h.pushMessage(dm)
	h.messageCommand("51", h.message(guildID, channelID, "Une question sur un message ?"))
	for _, line := range []string{"answered slash answered", "answered mention refused", "answered dm error", "answered message_command answered"} {
		obs.await(t, line, obs.has(line))
	}

	h.ask("52", strings.Repeat("long ", 20))
	obs.await(t, "a too long question refused", obs.has("rejected slash invalid"))
	for i := range 3 {
		h.ask("53", fmt.Sprintf("Question %d ?", i))
	}
	obs.await(t, "the third question of a user refused", obs.has("rejected slash rate_limited"))

	obs.mu.Lock()
	defer obs.mu.Unlock()
	for _, d := range obs.durations {
		if d <= 0 {
			t.Errorf("an answer took %s", d)
		}
	}
	if obs.queued != 0 {
		t.Errorf("queued adds up to %d with nothing waiting, want 0", obs.queued)
	}
}

// TestObserverSeesTheQueue holds the one answering slot: a second
// question waits (queued 1), a third finds the queue full.
func TestObserverSeesTheQueue(t *testing.T) {
	t.Parallel()
	obs := newEvents()
	started := make(chan struct{}, 3)
	release := make(chan struct{})
	h := start(t, &fakeAnswerer{ask: func(_ context.Context, q rag.Question) (rag.Answer, error) {
		started <- struct{}{}
		<-release
		return rag.Answer{Text: "Réponse à " + q.Text}, nil
	}}, WithObserver(obs), WithConcurrency(1), WithQueue(1), WithRateLimit(100))

	first := h.ask("60", "Première ?")
	<-started
	second := h.ask("61", "Deuxième ?")
	obs.await(t, "a question waiting for a slot", func(e *events) bool { return e.queued == 1 })
	h.ask("62", "Troisième ?")
	obs.await(t, "a question beyond the queue refused", obs.has("rejected slash queue_full"))
	close(release)
	h.wait(1, isAnswerEdit(first))
	h.wait(1, isAnswerEdit(second))
	obs.await(t, "both answered, nothing waiting", func(e *events) bool {
		return e.queued == 0 && len(e.durations) == 2
	})
}

// withHeartbeatEvery reads the gateway's latency that often.
func withHeartbeatEvery(d time.Duration) Option {
	return func(o *options) { o.heartbeatEvery = d }
}

// TestReadyHeartbeatAndReconnect checks what the bot says of its
// gateway connection: ready once connected, its heartbeat latency, a
// reconnection after the connection is cut, and not ready once it stops.
func TestReadyHeartbeatAndReconnect(t *testing.T) {
	t.Parallel()
	obs := newEvents()
	b, err := New(&fakeAnswerer{}, testToken, WithObserver(obs))
	if err != nil {
		t.Fatal(err)
	}
	if b.Ready() {
		t.Fatal("ready before Run")
	}
	h := start(t, &fakeAnswerer{}, WithObserver(obs), withHeartbeatEvery(10*time.Millisecond))
	awaitReady(t, h.bot, true)
	obs.await(t, "a heartbeat latency", func(e *events) bool { return len(e.heartbeat) > 0 })

	if err := h.fake.DropGateway(); err != nil {
		t.Fatal(err)
	}
	obs.await(t, "a reconnection", obs.has("reconnected"))
	awaitReady(t, h.bot, true)
	h.wait(1, isAnswerEdit(h.ask("70", "Toujours là ?"))) // answering through the new connection

	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if h.bot.Ready() {
		t.Error("still ready after Run returned")
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if n := strings.Count(strings.Join(obs.lines, "\n"), "reconnected"); n != 1 {
		t.Errorf("%d reconnections, want 1 (the first connection is none)", n)
	}
	for _, d := range obs.heartbeat {
		if d < 0 {
			t.Errorf("heartbeat latency %s", d)
		}
	}
}

// awaitReady waits until b.Ready() is want: the first heartbeat follows
// the connection by a moment.
func awaitReady(t *testing.T, b *Bot, want bool) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for b.Ready() != want {
		if time.Now().After(deadline) {
			t.Fatalf("Ready() never became %v", want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
