package fakediscord

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Failures to inject. Each applies to the next requests that match (nil
// matches every route), as many times as asked, in the order the faults
// were added; the requests are recorded with Injected set, so that tests
// may tell them from refusals the bot caused.

// Fail makes the next times requests matching match fail with status and
// the JSON body, as Discord would (e.g. 500 or 502 with a message).
func (s *Server) Fail(match func(Request) bool, times, status int, body string) {
	var reply any
	_ = json.Unmarshal([]byte(body), &reply)
	s.addFault(&fault{match: match, left: times, status: status, reply: reply})
}

// RateLimit makes the next times requests matching match answer 429,
// asking the client to retry after retryAfter, with the body and headers
// Discord sends. A global limit (global true) is the bot's limit on every
// route: its headers make discordgo hold all its requests for
// retryAfter, as it would after Discord's.
func (s *Server) RateLimit(match func(Request) bool, times int, retryAfter time.Duration, global bool) {
	secs := retryAfter.Seconds()
	h := http.Header{}
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
	h.Set("X-RateLimit-Bucket", "fake-bucket")
	h.Set("X-RateLimit-Scope", "user")
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	}
	reply := map[string]any{"message": "You are being rate limited.", "retry_after": secs, "global": global, "code": 0}
	s.addFault(&fault{match: match, left: times, status: http.StatusTooManyRequests, reply: reply, header: h})
}

// Reset makes the next times requests matching match take effect (a
// message is stored, an interaction acknowledged) and then closes their
// connection without an answer: the client cannot tell what happened.
func (s *Server) Reset(match func(Request) bool, times int) {
	s.addFault(&fault{match: match, left: times, reset: true})
}

type fault struct {
	match  func(Request) bool
	left   int
	status int
	reply  any
	header http.Header
	reset  bool
}

func (s *Server) addFault(f *fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// takeFault returns the fault to apply to r, if any, and counts it.
func (s *Server) takeFault(r Request) *fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.left > 0 && (f.match == nil || f.match(r)) {
			f.left--
			return f
		}
	}
	return nil
}

// drop resets the connection of w (TCP RST) without answering.
func drop(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(fmt.Sprintf("fakediscord: %T cannot drop its connection", w))
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}
