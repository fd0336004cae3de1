package openaitest

import (
	"encoding/json"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	openai "github.com/sashabaranov/go-openai"
)

// Reply is one scripted answer. The zero Reply is a 200 with an empty
// assistant message.
type Reply struct {
	Status     int    // HTTP status; 0 means 200
	RetryAfter string // Retry-After header, if any
	Body       string // raw body, replacing the normal one (malformed JSON, error bodies)
	Content    string // the assistant message, for chat completions
	NoChoices  bool   // a 200 chat completion with no choice
	// Chunks, if set, are the content deltas of a streamed reply; the
	// last chunk carries finish_reason "stop" unless Cut is set, in
	// which case the stream stops without finishing.
	Chunks []string
	Cut    bool
	Hang   bool // wait until the client gives up (its timeout)
}

// Server is a fake OpenAI-compatible API. Its fields may be set before
// the first request.
type Server struct {
	URL            string // base URL, ending in /v1
	Key            string // the API key it expects as a bearer token
	ChatModel      string
	EmbeddingModel string
	Dims           int // dimension of the embeddings; 0 means 64

	tb  testing.TB
	srv *httptest.Server

	mu         sync.Mutex
	chat       []Reply // consumed in order; the last one repeats
	embedFails []Reply // consumed before normal embeddings
	chatReqs   []openai.ChatCompletionRequest
	batches    [][]string
	inFlight   int
	maxFlight  int
	watches    []watch
	gate       chan struct{}
}

// watch is a channel to close once n embedding requests are in flight.
type watch struct {
	n  int
	ch chan struct{}
}

// NewServer starts a fake API expecting key and the two model names; it
// stops when the test ends.
func NewServer(tb testing.TB, key, chatModel, embeddingModel string) *Server {
	s := &Server{Key: key, ChatModel: chatModel, EmbeddingModel: embeddingModel, tb: tb}
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/chat/completions", s.handleChat)
	mux.HandleFunc("/v1/embeddings", s.handleEmbeddings)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		tb.Errorf("openaitest: unexpected request %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
	})
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL + "/v1"
	tb.Cleanup(s.Close)
	return s
}

// Close stops the server; requests still waiting (Hang) are released.
func (s *Server) Close() {
	s.mu.Lock()
	if s.gate != nil {
		close(s.gate)
		s.gate = nil
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Script sets the replies to the next chat completions, in order; the
// last one repeats.
func (s *Server) Script(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chat = replies
}

// FailEmbeddings makes the next embedding requests fail with replies, in
// order; later requests succeed.
func (s *Server) FailEmbeddings(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.embedFails = append(s.embedFails, replies...)
}

// HoldEmbeddings makes embedding requests wait until Release is called,
// so that a test can see how many are in flight together.
func (s *Server) HoldEmbeddings() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gate = make(chan struct{})
}

// Release lets held embedding requests finish.
func (s *Server) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gate != nil {
		close(s.gate)
		s.gate = nil
	}
}

// ChatRequests returns the chat completion requests received.
func (s *Server) ChatRequests() []openai.ChatCompletionRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]openai.ChatCompletionRequest(nil), s.chatReqs...)
}

// Batches returns the inputs of the embedding requests received, one
// slice per request, failed ones included.
func (s *Server) Batches() [][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]string(nil), s.batches...)
}

// InFlight returns the number of embedding requests being served now and
// the most served at once.
func (s *Server) InFlight() (now, most int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inFlight, s.maxFlight
}

// InFlightReached returns a channel closed once n embedding requests are
// being served together (at once if they are now): with HoldEmbeddings,
// a test learns without polling that a client filled its slots.
func (s *Server) InFlightReached(n int) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := make(chan struct{})
	if s.inFlight >= n {
		close(ch)
	} else {
		s.watches = append(s.watches, watch{n: n, ch: ch})
	}
	return ch
}

// notifyLocked closes the channels of the watches now satisfied; s.mu
// is held.
func (s *Server) notifyLocked() {
	kept := s.watches[:0]
	for _, w := range s.watches {
		if s.inFlight >= w.n {
			close(w.ch)
		} else {
			kept = append(kept, w)
		}
	}
	s.watches = kept
}

// ResetCounts forgets the requests received so far.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatReqs, s.batches, s.maxFlight = nil, nil, 0
}

// Vector is the raw (not normalised) embedding the server gives text:
// deterministic, different for different texts.
func Vector(text string, dims int) []float32 {
	h := fnv.New64a()
	h.Write([]byte(text))
	r := rand.New(rand.NewPCG(h.Sum64(), 0x5eed))
	v := make([]float32, dims)
	for i := range v {
		v[i] = float32(r.NormFloat64() * 3)
	}
	return v
}

// check verifies what every request must carry and decodes its body.
func (s *Server) check(w http.ResponseWriter, r *http.Request, body any) bool {
	if r.Method != http.MethodPost {
		s.tb.Errorf("openaitest: %s %s, want POST", r.Method, r.URL.Path)
	}
	if got, want := r.Header.Get("Authorization"), "Bearer "+s.Key; got != want {
		s.tb.Errorf("openaitest: %s: Authorization header is wrong", r.URL.Path)
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":{"message":"Incorrect API key provided: ` + strings.TrimPrefix(got, "Bearer ") + `"}}`))
		return false
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		s.tb.Errorf("openaitest: %s: Content-Type %q", r.URL.Path, r.Header.Get("Content-Type"))
	}
	if err := json.NewDecoder(r.Body).Decode(body); err != nil {
		s.tb.Errorf("openaitest: %s: decode body: %v", r.URL.Path, err)
		w.WriteHeader(http.StatusBadRequest)
		return false
	}
	return true
}

// fail writes reply if it is a failure and says whether it did.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, reply Reply) bool {
	if reply.Hang {
		<-r.Context().Done()
		return true
	}
	if reply.RetryAfter != "" {
		w.Header().Set("Retry-After", reply.RetryAfter)
	}
	if reply.Status != 0 && reply.Status != http.StatusOK {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(reply.Status)
		body := reply.Body
		if body == "" {
			body = `{"error":{"message":"` + http.StatusText(reply.Status) + `","type":"server_error"}}`
		}
		_, _ = w.Write([]byte(body))
		return true
	}
	if reply.Body != "" {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(reply.Body))
		return true
	}
	return false
}
