package openaicompat

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

func newEmb(t *testing.T, srv *openaitest.Server, batch, concurrency int) (*Embedder, *sleeps) {
	t.Helper()
	c := testConfig(srv)
	c.BatchSize, c.Concurrency = batch, concurrency
	s := &sleeps{}
	e, err := NewEmbedder(c, nil, WithSleep(s.sleep))
	if err != nil {
		t.Fatal(err)
	}
	return e, s
}

func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("passage numéro %d du règlement", i)
	}
	return out
}

func TestEmbedBatchesInOrderNormalised(t *testing.T) {
	srv := newServer(t)
	srv.Dims = 16
	e, _ := newEmb(t, srv, 4, 2)
	in := texts(10)
	vecs, err := e.Embed(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, b := range srv.Batches() {
		sizes = append(sizes, len(b))
	}
	if fmt.Sprint(sizes) != "[4 4 2]" && fmt.Sprint(sizes) != "[4 2 4]" && fmt.Sprint(sizes) != "[2 4 4]" {
		t.Errorf("batch sizes %v, want 4, 4 and 2", sizes)
	}
	if len(vecs) != len(in) {
		t.Fatalf("%d vectors for %d texts", len(vecs), len(in))
	}
	for i, v := range vecs {
		raw := openaitest.Vector(in[i], 16)
		var norm, dot, rawNorm float64
		for j := range v {
			norm += float64(v[j]) * float64(v[j])
			dot += float64(v[j]) * float64(raw[j])
			rawNorm += float64(raw[j]) * float64(raw[j])
		}
		if math.Abs(norm-1) > 1e-5 {
			t.Errorf("vector %d has norm² %v, want 1", i, norm)
		}
		if cos := dot / math.Sqrt(rawNorm); math.Abs(cos-1) > 1e-5 {
			t.Errorf("vector %d is not text %d's (cosine %v): order lost", i, i, cos)
		}
	}
}

func TestEmbedBoundsConcurrency(t *testing.T) {
	srv := newServer(t)
	e, _ := newEmb(t, srv, 1, 3)
	srv.HoldEmbeddings()
	done := make(chan error, 1)
	go func() {
		_, err := e.Embed(context.Background(), texts(8))
		done <- err
	}()
	// Wait until the embedder has filled its slots, then let them go.
	// The timer only turns a hang into a failure.
	select {
	case <-srv.InFlightReached(3):
	case err := <-done:
		t.Fatalf("embed ended before 3 requests were in flight: %v", err)
	case <-time.After(10 * time.Second):
		srv.Release()
		t.Fatal("3 requests never were in flight together")
	}
	srv.Release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, most := srv.InFlight(); most != 3 {
		t.Errorf("at most %d requests in flight, want 3", most)
	}
	if n := len(srv.Batches()); n != 8 {
		t.Errorf("%d requests, want 8", n)
	}
}

func TestEmbedRetriesTransientFailures(t *testing.T) {
	srv := newServer(t)
	e, s := newEmb(t, srv, 8, 1)
	srv.FailEmbeddings(
		openaitest.Reply{Status: http.StatusTooManyRequests, RetryAfter: "2"},
		openaitest.Reply{Status: http.StatusInternalServerError},
		openaitest.Reply{Body: `{"data": [{"embedding": [1, 2`},
	)
	vecs, err := e.Embed(context.Background(), texts(3))
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != 3 || len(srv.Batches()) != 4 {
		t.Errorf("%d vectors after %d requests, want 3 after 4", len(vecs), len(srv.Batches()))
	}
	if w := s.all(); len(w) != 3 || w[0].Seconds() < 2 {
		t.Errorf("waits %v: want 3, the first honouring Retry-After: 2", w)
	}
}

func TestEmbedRejectsMalformedResponses(t *testing.T) {
	tests := map[string]string{
		"too few vectors":  `{"data":[{"index":0,"embedding":[1,0]}]}`,
		"repeated index":   `{"data":[{"index":0,"embedding":[1,0]},{"index":0,"embedding":[0,1]}]}`,
		"index out":        `{"data":[{"index":0,"embedding":[1,0]},{"index":5,"embedding":[0,1]}]}`,
		"mixed dimensions": `{"data":[{"index":0,"embedding":[1,0]},{"index":1,"embedding":[0,1,0]}]}`,
		"zero vector":      `{"data":[{"index":0,"embedding":[1,0]},{"index":1,"embedding":[0,0]}]}`,
		"empty vector":     `{"data":[{"index":0,"embedding":[1,0]},{"index":1,"embedding":[]}]}`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t)
			c := testConfig(srv)
			c.MaxRetries = 0
			e, err := NewEmbedder(c, nil)
			if err != nil {
				t.Fatal(err)
			}
			srv.FailEmbeddings(openaitest.Reply{Body: body})
			_, err = e.Embed(context.Background(), texts(2))
			if err == nil || !strings.Contains(err.Error(), "malformed embeddings") {
				t.Errorf("err = %v, want malformed embeddings", err)
			}
		})
	}
}

func TestEmbedFailsAfterBoundedRetries(t *testing.T) {
	srv := newServer(t)
	e, s := newEmb(t, srv, 2, 2)
	for range 10 {
		srv.FailEmbeddings(openaitest.Reply{Status: http.StatusServiceUnavailable})
	}
	_, err := e.Embed(context.Background(), texts(2))
	if err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("err = %v, want the 503", err)
	}
	if n := len(srv.Batches()); n != 4 { // 1 + MaxRetries 3
		t.Errorf("%d requests, want 4", n)
	}
	if n := len(s.all()); n != 3 {
		t.Errorf("%d waits, want 3", n)
	}
}

func TestEmbedEdgeCases(t *testing.T) {
	srv := newServer(t)
	e, _ := newEmb(t, srv, 2, 2)
	if v, err := e.Embed(context.Background(), nil); v != nil || err != nil {
		t.Errorf("Embed(nil) = %v, %v; want nil, nil", v, err)
	}
	if _, err := e.Embed(context.Background(), []string{"a", ""}); err == nil {
		t.Error("no error for an empty text")
	}
	if n := len(srv.Batches()); n != 0 {
		t.Errorf("%d requests, want none", n)
	}
}

func TestEmbedderName(t *testing.T) {
	srv := newServer(t)
	c := testConfig(srv)
	c.BaseURL = "http://user:secret@localhost:11434/v1"
	c.EmbeddingModel = "nomic-embed-text"
	e, err := NewEmbedder(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.Name(), "openai-compatible:localhost:11434/nomic-embed-text"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	c.BaseURL = ""
	c.EmbeddingModel = "text-embedding-3-small"
	e, _ = NewEmbedder(c, nil)
	if got, want := e.Name(), "openai-compatible:api.openai.com/text-embedding-3-small"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	c.EmbeddingModel = ""
	if _, err := NewEmbedder(c, nil); err == nil {
		t.Error("no error without an embedding model")
	}
}

// The start-up probe has 20 s (cmd's probeTimeout), less than a whole
// 30 s attempt: one transient 503 must still be retried, or serve exits
// when nothing is cached.
func TestProbeRetriesWithinItsDeadline(t *testing.T) {
	srv := newServer(t)
	c := testConfig(srv)
	c.Timeout = 30 * time.Second
	s := &sleeps{}
	dl := &deadlines{}
	e, err := NewEmbedder(c, nil, WithSleep(s.sleep), WithTransport(dl))
	if err != nil {
		t.Fatal(err)
	}
	srv.FailEmbeddings(openaitest.Reply{Status: http.StatusServiceUnavailable})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := e.Probe(ctx); err != nil {
		t.Fatalf("probe after one 503: %v", err)
	}
	if n := len(srv.Batches()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if w := s.all(); len(w) != 1 {
		t.Errorf("waits %v, want 1", w)
	}
	// The retry is cut to the probe's deadline, not given 30 s.
	want, _ := ctx.Deadline()
	if got := dl.all(); len(got) != 2 || got[1].After(want) {
		t.Errorf("request deadlines %v, want the retry's no later than the probe's %v", got, want)
	}
}

func TestProbe(t *testing.T) {
	srv := newServer(t)
	e, _ := newEmb(t, srv, 2, 2)
	if err := e.Probe(context.Background()); err != nil {
		t.Errorf("probe of a working api: %v", err)
	}
	srv.Close()
	err := e.Probe(context.Background())
	if err == nil || !strings.Contains(err.Error(), "reach embedding api") {
		t.Errorf("probe of a closed api: %v", err)
	}
}

// A question is embedded like a document, in one request.
func TestEmbedQuery(t *testing.T) {
	srv := newServer(t)
	e, _ := newEmb(t, srv, 4, 2)
	q := "Quand ouvrent les candidatures ?"
	v, err := e.EmbedQuery(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := e.Embed(context.Background(), []string{q})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(v) != fmt.Sprint(docs[0]) {
		t.Error("the question's vector differs from the same text's as a document")
	}
	if b := srv.Batches(); len(b) != 2 || len(b[0]) != 1 || b[0][0] != q {
		t.Errorf("requests %v, want the question alone, then the document", b)
	}
	if _, err := e.EmbedQuery(context.Background(), ""); err == nil {
		t.Error("no error for an empty question")
	}
}

// A question's embedding has a budget of its own, retry included:
// OPENAI_TIMEOUT, up to maxQueryBudget, which a first attempt may use
// whole (a local model loading); the index answers with BM25 alone
// without it.
func TestEmbedQueryBudget(t *testing.T) {
	for _, tt := range []struct {
		timeout, budget time.Duration
	}{
		{30 * time.Second, maxQueryBudget},
		{8 * time.Second, 8 * time.Second}, // more than the 2.5 s attempts of old
	} {
		srv := newServer(t)
		c := testConfig(srv)
		c.Timeout, c.MaxRetries = tt.timeout, 3
		dl := &deadlines{}
		e, err := NewEmbedder(c, nil, WithTransport(dl))
		if err != nil {
			t.Fatal(err)
		}
		if e.queryRetry.maxRetries != 1 {
			t.Errorf("OPENAI_TIMEOUT=%v: %d retries for a question, want 1", tt.timeout, e.queryRetry.maxRetries)
		}
		before := time.Now()
		if _, err := e.EmbedQuery(context.Background(), "Qui ?"); err != nil {
			t.Fatal(err)
		}
		after := time.Now()
		// The first attempt may last the whole budget: its deadline is
		// budget after the call (checked, not waited for).
		got := dl.all()
		if len(got) != 1 || got[0].Before(before.Add(tt.budget)) || got[0].After(after.Add(tt.budget)) {
			t.Errorf("OPENAI_TIMEOUT=%v: question request deadlines %v, want one %v after the call (%v)", tt.timeout, got, tt.budget, before)
		}
	}

	// A hung API: the first attempt times out, the retry would not fit.
	srv := newServer(t)
	c := testConfig(srv)
	c.Timeout, c.MaxRetries = 400*time.Millisecond, 3
	e, err := NewEmbedder(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.FailEmbeddings(openaitest.Reply{Hang: true})
	start := time.Now()
	if _, err := e.EmbedQuery(context.Background(), "Qui ?"); err == nil {
		t.Fatal("no error from a hung API")
	}
	if d := time.Since(start); d > 10*time.Second { // generous: a loaded CI machine
		t.Errorf("question embedding took %v, want about %v", d, c.Timeout)
	}
	if n := len(srv.Batches()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// After a quick failure a question is retried with the time left of its
// budget, even when that is less than a whole attempt.
func TestEmbedQueryRetriesAQuickFailure(t *testing.T) {
	srv := newServer(t)
	c := testConfig(srv)
	c.Timeout = 30 * time.Second
	e, err := NewEmbedder(c, nil, WithSleep((&sleeps{}).sleep))
	if err != nil {
		t.Fatal(err)
	}
	srv.FailEmbeddings(openaitest.Reply{Status: http.StatusServiceUnavailable})
	if _, err := e.EmbedQuery(context.Background(), "Qui ?"); err != nil {
		t.Errorf("err = %v, want the retry's success", err)
	}
	if n := len(srv.Batches()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// Only the API's failures cool questions down: an error due to one
// user's question (400, 413…) must not turn embeddings off for all.
func TestEmbedQueryCoolsDownOnlyWhenTheAPIFails(t *testing.T) {
	tests := []struct {
		name     string
		reply    openaitest.Reply
		requests int // for the failed question
		coolDown bool
	}{
		{"400", openaitest.Reply{Status: http.StatusBadRequest, Body: `{"error":{"message":"input too long"}}`}, 1, false},
		{"413", openaitest.Reply{Status: http.StatusRequestEntityTooLarge}, 1, false},
		{"422", openaitest.Reply{Status: http.StatusUnprocessableEntity}, 1, false},
		{"408", openaitest.Reply{Status: http.StatusRequestTimeout}, 2, true},
		{"429", openaitest.Reply{Status: http.StatusTooManyRequests}, 2, true},
		{"500", openaitest.Reply{Status: http.StatusInternalServerError}, 2, true},
		{"malformed", openaitest.Reply{Body: `{"data": [`}, 2, true},
		{"timeout", openaitest.Reply{Hang: true}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			c := testConfig(srv)
			if tt.reply.Hang {
				c.Timeout = 300 * time.Millisecond // the budget, whole
			}
			e, err := NewEmbedder(c, nil, WithSleep((&sleeps{}).sleep))
			if err != nil {
				t.Fatal(err)
			}
			for range tt.requests {
				srv.FailEmbeddings(tt.reply)
			}
			if _, err := e.EmbedQuery(context.Background(), "Qui ?"); err == nil || errors.Is(err, errCoolingDown) {
				t.Fatalf("err = %v, want the API's error", err)
			}
			if n := len(srv.Batches()); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
			_, err = e.EmbedQuery(context.Background(), "Et quand ?")
			if cooling := errors.Is(err, errCoolingDown); cooling != tt.coolDown {
				t.Errorf("next question: err = %v, want cooling down %v", err, tt.coolDown)
			}
			if !tt.coolDown && err != nil {
				t.Errorf("next question: err = %v, want its vector", err)
			}
		})
	}
}

// While the API is down, a question waits for it once; the next ones
// fail at once until the cool-down ends or the API answers again.
func TestEmbedQueryCoolsDownAfterAFailure(t *testing.T) {
	srv := newServer(t)
	logs := &logBuffer{}
	c := testConfig(srv)
	e, err := NewEmbedder(c, logs.Logger(), WithSleep((&sleeps{}).sleep))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	e.now = func() time.Time { return now }
	for range 4 { // two questions, with a retry each
		srv.FailEmbeddings(openaitest.Reply{Status: http.StatusServiceUnavailable})
	}
	if _, err := e.EmbedQuery(context.Background(), "Qui ?"); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("err = %v, want the 503", err)
	}
	if n := len(srv.Batches()); n != 2 {
		t.Errorf("%d requests, want 2 (one retry)", n)
	}
	if !strings.Contains(logs.String(), "keyword search alone") {
		t.Errorf("the failure is not logged:\n%s", logs.String())
	}

	now = now.Add(queryCoolDown - time.Second)
	if _, err := e.EmbedQuery(context.Background(), "Qui ?"); !errors.Is(err, errCoolingDown) {
		t.Errorf("err = %v during the cool-down, want errCoolingDown", err)
	}
	if n := len(srv.Batches()); n != 2 {
		t.Errorf("%d requests, want none more during the cool-down", n)
	}

	now = now.Add(2 * time.Second) // cool-down over; still failing
	if _, err := e.EmbedQuery(context.Background(), "Qui ?"); err == nil || errors.Is(err, errCoolingDown) {
		t.Errorf("err = %v, want the API asked again and failing", err)
	}
	if n := len(srv.Batches()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
	if _, err := e.Embed(context.Background(), texts(1)); err != nil { // a reload: the API is back
		t.Fatal(err)
	}
	if _, err := e.EmbedQuery(context.Background(), "Qui ?"); err != nil {
		t.Errorf("err = %v once a batch succeeded, want none", err)
	}
}

// A caller that leaves does not make the API look down.
func TestEmbedQueryCancelledNoCoolDown(t *testing.T) {
	srv := newServer(t)
	e, _ := newEmb(t, srv, 1, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.EmbedQuery(ctx, "Qui ?"); err == nil {
		t.Fatal("no error for a cancelled question")
	}
	if _, err := e.EmbedQuery(context.Background(), "Qui ?"); err != nil {
		t.Errorf("err = %v after a cancelled question, want none", err)
	}
}
