// Package fakediscord is an in-process fake of Discord for tests: a REST
// API and a gateway that the real discordgo client talks to. It records
// every REST request, enforces Discord's message limits (buttons
// included) and the 3-second acknowledgement deadline, answers the
// responses to commands, buttons and modal submissions (interactions.go)
// and checks modals (modals.go), serves attachments from its own host
// (attachments.go), says the type of channels and opens threads
// (channels.go), and injects failures on demand (faults.go).
package fakediscord

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Request is one REST request the fake received.
type Request struct {
	Method   string
	Path     string // e.g. /api/v9/interactions/1/tok/callback
	Query    url.Values
	Body     map[string]any // the decoded JSON body, nil if none
	Raw      []byte
	Auth     string // the Authorization header
	Status   int    // what the fake answered (or would have, if Dropped)
	Reply    any    // the JSON it answered with, decoded; nil if none
	Injected bool   // the answer was a failure asked for (Fail, RateLimit, Reset)
	Dropped  bool   // handled, then the connection closed without an answer (Reset)
	At       time.Time
}

// Options describe the application the fake serves.
type Options struct {
	Token     string // the bot token the client must send, without "Bot "
	AppID     string
	BotID     string
	BotName   string
	AckWithin time.Duration // Discord's acknowledgement deadline; 3 s by default
}

// Server is a fake Discord. Create it with New; it closes itself when
// the test ends.
type Server struct {
	URL  string // base URL to give the bot as its API URL
	opts Options
	http *httptest.Server

	mu       sync.Mutex
	reqs     []Request
	changed  chan struct{} // closed and replaced whenever reqs or the gateway change
	faults   []*fault
	acked    map[string]bool           // interaction tokens acknowledged
	pushed   map[string]time.Time      // interaction ID -> dispatch time
	tokens   map[string]string         // interaction ID -> token
	nonces   map[string]map[string]any // "channel/nonce" -> message posted
	channels map[string]map[string]any // channels declared or opened (threads)
	origin   map[string]interaction    // interaction token -> where it came from
	files    map[string]File           // attachment ID -> the file served
	gw       *conn                     // the live gateway connection
	sessions int                       // IDENTIFY count
	intents  discordgo.Intent
	closes   int // gateway connections ended

	nextID atomic.Int64
	seq    atomic.Int64
}

// New starts a fake Discord.
func New(t testing.TB, opts Options) *Server {
	if opts.AckWithin == 0 {
		opts.AckWithin = 3 * time.Second
	}
	if opts.BotName == "" {
		opts.BotName = "Assistant"
	}
	s := &Server{
		opts:     opts,
		changed:  make(chan struct{}),
		acked:    map[string]bool{},
		pushed:   map[string]time.Time{},
		tokens:   map[string]string{},
		nonces:   map[string]map[string]any{},
		channels: map[string]map[string]any{},
		origin:   map[string]interaction{},
		files:    map[string]File{},
	}
	s.nextID.Store(1_000_000_000_000_000_000)
	mux := http.NewServeMux()
	mux.HandleFunc("/gateway", s.serveGateway)
	mux.HandleFunc("/gateway/", s.serveGateway)
	mux.HandleFunc("/api/v9/", s.serveREST)
	mux.HandleFunc("/attachments/", s.serveAttachment)
	s.http = httptest.NewServer(mux)
	s.URL = s.http.URL
	t.Cleanup(s.Close)
	return s
}

// Close ends the gateway connection and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	gw := s.gw
	s.mu.Unlock()
	if gw != nil {
		gw.ws.Close()
	}
	s.http.CloseClientConnections()
	s.http.Close()
}

// ID returns a new snowflake-like ID.
func (s *Server) ID() string {
	return fmt.Sprint(s.nextID.Add(1))
}

// Requests returns the REST requests received so far that match (all of
// them if match is nil), in order of arrival.
func (s *Server) Requests(match func(Request) bool) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.reqs {
		if match == nil || match(r) {
			out = append(out, r)
		}
	}
	return out
}

// Forget drops the requests recorded so far, for long benchmarks.
func (s *Server) Forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = nil
}

// WaitRequests waits until at least n requests match, and returns them.
func (s *Server) WaitRequests(ctx context.Context, n int, match func(Request) bool) ([]Request, error) {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if got := s.Requests(match); len(got) >= n {
			return got, nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return s.Requests(match), fmt.Errorf("waiting for %d matching requests, got %d: %w", n, len(s.Requests(match)), ctx.Err())
		}
	}
}

// notify wakes the waiters; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	req := Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Raw: raw,
		Auth: r.Header.Get("Authorization"), At: time.Now(),
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &req.Body); err != nil {
			req.Body = map[string]any{"_invalid_json": err.Error()}
		}
	}
	// An injected failure answers instead of the endpoint, except a
	// reset, which lets the endpoint act and then loses its answer.
	f := s.takeFault(req)
	var status int
	var reply any
	if f != nil && !f.reset {
		status, reply = f.status, f.reply
		for k, v := range f.header {
			w.Header()[k] = v
		}
	} else {
		status, reply = s.endpoint(&req)
	}
	req.Status, req.Injected, req.Dropped = status, f != nil, f != nil && f.reset
	req.Reply = decoded(reply)

	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	s.notify()
	s.mu.Unlock()

	if req.Dropped {
		drop(w)
		return
	}
	if reply == nil {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(reply)
}

func (s *Server) endpoint(r *Request) (int, any) {
	parts := strings.Split(strings.TrimPrefix(r.Path, "/api/v9/"), "/")
	webhook := len(parts) > 0 && (parts[0] == "webhooks" || parts[0] == "interactions")
	if !webhook && r.Auth != "Bot "+s.opts.Token {
		return http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0}
	}
	switch {
	case r.Method == "GET" && (r.Path == "/api/v9/gateway" || r.Path == "/api/v9/gateway/bot"):
		ws := "ws" + strings.TrimPrefix(s.URL, "http") + "/gateway"
		return http.StatusOK, map[string]any{"url": ws, "shards": 1,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}
	case r.Method == "PUT" && len(parts) >= 3 && parts[0] == "applications" && parts[len(parts)-1] == "commands":
		return s.registerCommands(r, parts)
	case r.Method == "POST" && len(parts) == 4 && parts[0] == "interactions" && parts[3] == "callback":
		return s.callback(r, parts[1], parts[2])
	case len(parts) >= 3 && parts[0] == "webhooks":
		return s.webhook(r, parts[2], parts[3:])
	case len(parts) == 3 && parts[0] == "channels" && parts[2] == "typing" && r.Method == "POST":
		return http.StatusNoContent, nil
	case r.Method == "GET" && len(parts) == 2 && parts[0] == "channels":
		return s.getChannel(parts[1])
	case r.Method == "POST" && len(parts) == 5 && parts[0] == "channels" && parts[2] == "messages" && parts[4] == "threads":
		return s.startThread(r, parts[1], parts[3])
	case len(parts) >= 3 && parts[0] == "channels" && parts[2] == "messages":
		if msg := validateMessage(r.Body); msg != "" {
			return invalid(msg)
		}
		if len(parts) == 4 {
			return http.StatusOK, s.message(parts[3], parts[1], r.Body)
		}
		return http.StatusOK, s.newMessage(parts[1], r.Body)
	}
	return http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0}
}

func (s *Server) registerCommands(r *Request, parts []string) (int, any) {
	var cmds []map[string]any
	if err := json.Unmarshal(r.Raw, &cmds); err != nil {
		return invalid("commands: " + err.Error())
	}
	if parts[1] != s.opts.AppID {
		return http.StatusForbidden, map[string]any{"message": "Missing Access", "code": 50001}
	}
	for _, c := range cmds {
		c["id"] = s.ID()
		c["application_id"] = s.opts.AppID
		c["version"] = s.ID()
	}
	return http.StatusOK, cmds
}

// newMessage stores a message posted to channel. With enforce_nonce, a
// second message with the same nonce is not created: Discord returns the
// first, so that a client may retry a post whose answer it lost.
func (s *Server) newMessage(channel string, body map[string]any) map[string]any {
	nonce, _ := body["nonce"].(string)
	key := channel + "/" + nonce
	enforce, _ := body["enforce_nonce"].(bool)
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.nonces[key]; ok && enforce && nonce != "" {
		return m
	}
	m := s.message(s.ID(), channel, body)
	if nonce != "" {
		s.nonces[key] = m
	}
	return m
}

// message is the JSON Discord returns for a message it stored.
func (s *Server) message(id, channel string, body map[string]any) map[string]any {
	m := map[string]any{
		"id": id, "channel_id": channel, "type": 0, "content": "",
		"author":    map[string]any{"id": s.opts.BotID, "username": s.opts.BotName, "bot": true},
		"timestamp": time.Now().UTC().Format(time.RFC3339),
	}
	for _, k := range []string{"content", "embeds", "components", "message_reference"} {
		if v, ok := body[k]; ok && v != nil {
			m[k] = v
		}
	}
	return m
}

func invalid(msg string) (int, any) {
	return http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body", "errors": msg}
}

// decoded returns v as a client decodes it: maps and slices of any, so
// that what the fake stored and later changes is not shared.
func decoded(v any) any {
	if v == nil {
		return nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	_ = json.Unmarshal(raw, &out)
	return out
}
