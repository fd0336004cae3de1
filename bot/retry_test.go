package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestTransient(t *testing.T) {
	t.Parallel()
	rest := func(status int) error {
		return &discordgo.RESTError{Response: &http.Response{StatusCode: status, Status: fmt.Sprint(status)}}
	}
	cases := []struct {
		name string
		err  error
		ok   bool
		wait time.Duration
	}{
		{"500", rest(500), true, 0},
		{"503", fmt.Errorf("send: %w", rest(503)), true, 0},
		{"502 with discordgo's retries off", errors.New("Exceeded Max retries HTTP 502 Bad Gateway, {}"), true, 0},
		{"429", &discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{TooManyRequests: &discordgo.TooManyRequests{RetryAfter: 2 * time.Second}}}, true, 2 * time.Second},
		{"held by the limiter", &heldError{wait: time.Second}, true, time.Second},
		{"connection reset", &net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, true, 0},
		{"connection refused", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, true, 0},
		{"closed without answer", fmt.Errorf("post: %w", io.EOF), true, 0},
		{"timeout", &net.DNSError{IsTimeout: true}, true, 0},
		{"400", rest(400), false, 0},
		{"401", rest(401), false, 0},
		{"403", rest(403), false, 0},
		{"404", rest(404), false, 0},
		{"no such host", &net.DNSError{Err: "no such host", IsNotFound: true}, false, 0},
		{"bad request body", errors.New("encode the request: json: unsupported value"), false, 0},
	}
	for _, c := range cases {
		wait, ok := transient(c.err)
		if ok != c.ok || wait != c.wait {
			t.Errorf("%s: transient = %s, %v; want %s, %v", c.name, wait, ok, c.wait, c.ok)
		}
	}
}

func TestBackoffGrowsWithJitterUpToItsCap(t *testing.T) {
	t.Parallel()
	for n := 1; n <= 12; n++ {
		d := min(100*time.Millisecond<<(n-1), 3*time.Second)
		for range 50 {
			if got := backoff(100*time.Millisecond, 3*time.Second, n); got < d/2 || got > d {
				t.Fatalf("backoff after failure %d = %s, want between %s and %s", n, got, d/2, d)
			}
		}
	}
}

func TestDeliver(t *testing.T) {
	t.Parallel()
	fail500 := &discordgo.RESTError{Response: &http.Response{StatusCode: 500}}
	fail404 := &discordgo.RESTError{Response: &http.Response{StatusCode: 404}}
	later := func(d time.Duration) schedule {
		return schedule{deadline: time.Now().Add(d), first: time.Millisecond, max: 5 * time.Millisecond}
	}
	run := func(ctx context.Context, sch schedule, errs ...error) (int, error) {
		n := 0
		err := deliver(ctx, sch, func(context.Context) error {
			n++
			if n <= len(errs) {
				return errs[n-1]
			}
			return nil
		})
		return n, err
	}
	if n, err := run(context.Background(), later(time.Minute), fail500, fail500, fail500); err != nil || n != 4 {
		t.Errorf("three 500s: %d attempts, %v; want a fourth that succeeds", n, err)
	}
	if n, err := run(context.Background(), later(time.Minute), fail404); !errors.Is(err, fail404) || n != 1 {
		t.Errorf("404: %d attempts, %v; want one, failed", n, err)
	}
	sch := later(time.Minute)
	sch.attempts = 2
	if n, err := run(context.Background(), sch, fail500, fail500, fail500); !errors.Is(err, fail500) || n != 2 {
		t.Errorf("at most 2 attempts: %d, %v", n, err)
	}
	// A request held by the rate limiter was not sent: it is no attempt.
	if n, err := run(context.Background(), sch, &heldError{wait: time.Millisecond}, fail500); err != nil || n != 3 {
		t.Errorf("held, then 500, with 2 attempts: %d calls, %v; want the third to succeed", n, err)
	}
	// A wait past the deadline is not waited.
	long := &discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{TooManyRequests: &discordgo.TooManyRequests{RetryAfter: time.Hour}}}
	if n, err := run(context.Background(), later(time.Minute), long); !errors.Is(err, long) || n != 1 {
		t.Errorf("429 asking an hour with a minute left: %d attempts, %v; want to give up at once", n, err)
	}
	// A done context stops the waits, not the first attempt.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if n, err := run(ctx, later(time.Minute), fail500, fail500); !errors.Is(err, context.Canceled) || !errors.Is(err, fail500) || n != 1 {
		t.Errorf("cancelled: %d attempts, %v; want one attempt then a stop", n, err)
	}
	// Each attempt's context ends at the deadline.
	var dl time.Time
	sch = later(time.Minute)
	_ = deliver(context.Background(), sch, func(ctx context.Context) error { dl, _ = ctx.Deadline(); return nil })
	if !dl.Equal(sch.deadline) {
		t.Errorf("attempt deadline %v, want %v", dl, sch.deadline)
	}
}

// TestRequestLeavesRetriesToDeliver checks that discordgo does not retry
// on its own behind deliver's back: one request per call on a 429 (it
// would wait and retry) or a 502 (it would retry three times).
func TestRequestLeavesRetriesToDeliver(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		status int
		body   string
	}{
		{429, `{"message":"You are being rate limited.","retry_after":30,"global":false}`},
		{502, `{"message":"502: Bad Gateway"}`},
	} {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(c.status)
			_, _ = io.WriteString(w, c.body)
		}))
		s, _ := discordgo.New("Bot x")
		s.Client = srv.Client()
		_, err := request(context.Background(), s, s.Ratelimiter, "POST", srv.URL+"/api/v9/channels/1/messages", "b", map[string]string{})
		srv.Close()
		if _, ok := transient(err); !ok || hits.Load() != 1 {
			t.Errorf("%d: %d requests, error %v; want one request and a transient error", c.status, hits.Load(), err)
		}
	}
}
