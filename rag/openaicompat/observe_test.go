package openaicompat

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

// calls is a hand-written Observer: it keeps "requested kind failure"
// and "retrying kind failure" lines in order.
type calls struct {
	mu   sync.Mutex
	seen []string
}

func (c *calls) Requested(kind, failure string) { c.add("requested " + kind + " " + failure) }
func (c *calls) Retrying(kind, failure string)  { c.add("retrying " + kind + " " + failure) }

func (c *calls) add(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen = append(c.seen, s)
}

func (c *calls) all() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.seen)
}

func TestObserverSeesEveryChatAttempt(t *testing.T) {
	tests := []struct {
		name  string
		reply openaitest.Reply
		want  []string // with MaxRetries 1
	}{
		{"success", openaitest.Reply{Content: "Un avertissement est donné [1]."},
			[]string{"requested chat "}},
		{"timeout", openaitest.Reply{Hang: true},
			[]string{"requested chat timeout", "retrying chat timeout", "requested chat timeout"}},
		{"429", openaitest.Reply{Status: http.StatusTooManyRequests},
			[]string{"requested chat 429", "retrying chat 429", "requested chat 429"}},
		{"503", openaitest.Reply{Status: http.StatusServiceUnavailable},
			[]string{"requested chat 5xx", "retrying chat 5xx", "requested chat 5xx"}},
		{"malformed json", openaitest.Reply{Body: `{"choices": [`},
			[]string{"requested chat malformed", "retrying chat malformed", "requested chat malformed"}},
		{"no choice", openaitest.Reply{NoChoices: true},
			[]string{"requested chat malformed", "retrying chat malformed", "requested chat malformed"}},
		{"401, not retried", openaitest.Reply{Status: http.StatusUnauthorized},
			[]string{"requested chat 4xx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			cfg := testConfig(srv)
			cfg.MaxRetries = 1
			cfg.Timeout = 50 * time.Millisecond
			obs := &calls{}
			gen, err := NewGenerator(cfg, &fallback{}, nil, WithSleep((&sleeps{}).sleep), WithObserver(obs))
			if err != nil {
				t.Fatal(err)
			}
			srv.Script(tt.reply)
			if _, err := gen.Generate(context.Background(), rag.Question{Text: "Que se passe-t-il ?"}, rag.Evidence{Hits: testHits()}); err != nil {
				t.Fatal(err)
			}
			if got := obs.all(); !slices.Equal(got, tt.want) {
				t.Errorf("observed %q, want %q", got, tt.want)
			}
		})
	}
}

func TestObserverSeesEmbeddingAttempts(t *testing.T) {
	srv := newServer(t)
	obs := &calls{}
	e, err := NewEmbedder(testConfig(srv), nil, WithSleep((&sleeps{}).sleep), WithObserver(obs))
	if err != nil {
		t.Fatal(err)
	}
	srv.FailEmbeddings(
		openaitest.Reply{Status: http.StatusTooManyRequests},
		openaitest.Reply{Status: http.StatusBadGateway},
		openaitest.Reply{Body: `{"data": []}`}, // no vector for the text
	)
	if _, err := e.Embed(context.Background(), texts(2)); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"requested embeddings 429", "retrying embeddings 429",
		"requested embeddings 5xx", "retrying embeddings 5xx",
		"requested embeddings malformed", "retrying embeddings malformed",
		"requested embeddings ",
	}
	if got := obs.all(); !slices.Equal(got, want) {
		t.Errorf("observed %q, want %q", got, want)
	}
	if _, err := e.EmbedQuery(context.Background(), "une question"); err != nil {
		t.Fatal(err)
	}
	if got := obs.all(); got[len(got)-1] != "requested embeddings " || len(got) != len(want)+1 {
		t.Errorf("a question's embedding was not observed as one request: %q", got)
	}
}

// An attempt not made, for lack of time before the caller's deadline, is
// no request.
func TestObserverNotToldOfAttemptsNotMade(t *testing.T) {
	srv := newServer(t)
	obs := &calls{}
	cfg := testConfig(srv)
	gen, err := NewGenerator(cfg, &fallback{}, nil, WithObserver(obs))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), fallbackReserve/2) // inside the reserve
	defer cancel()
	if _, err := gen.Generate(ctx, rag.Question{Text: "Que se passe-t-il ?"}, rag.Evidence{Hits: testHits()}); err != nil {
		t.Fatal(err)
	}
	if got := obs.all(); len(got) != 0 || len(srv.ChatRequests()) != 0 {
		t.Errorf("observed %q after %d requests, want nothing", got, len(srv.ChatRequests()))
	}
}

func TestFailureOf(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	_, refused := http.Get(dead.URL)
	for _, tt := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{&StatusError{Code: 408}, FailureTimeout},
		{&StatusError{Code: 429}, Failure429},
		{&StatusError{Code: 500}, Failure5xx},
		{&StatusError{Code: 400}, Failure4xx},
		{context.DeadlineExceeded, FailureTimeout},
		{context.Canceled, FailureCanceled},
		{errCutStream, FailureMalformed},
		{permanent(errLeak), FailureMalformed},
		{refused, FailureNetwork},
		{errors.New("something else"), FailureOther},
	} {
		if got := failureOf(tt.err); got != tt.want {
			t.Errorf("failureOf(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
