package openaicompat

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Option adjusts a Generator or an Embedder. Production code needs none;
// tests use them to avoid real waits.
type Option func(*settings)

type settings struct {
	transport http.RoundTripper
	sleep     func(ctx context.Context, d time.Duration) error
	observer  Observer
}

// WithTransport sends requests through rt instead of
// http.DefaultTransport (a proxy, or a test's transport).
func WithTransport(rt http.RoundTripper) Option {
	return func(s *settings) { s.transport = rt }
}

// WithSleep replaces the wait between attempts. It must return early
// with ctx's error when ctx ends. Tests pass one that records the delays
// and returns at once.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(s *settings) { s.sleep = sleep }
}

func applyOptions(opts []Option) settings {
	s := settings{sleep: sleepContext, observer: noObserver{}}
	for _, o := range opts {
		o(&s)
	}
	return s
}

// newClient builds a go-openai client for cfg. Requests go through
// statusDoer, which turns error statuses into *StatusError (with
// Retry-After) before go-openai sees them. There is no http.Client
// timeout: each attempt gets a context deadline instead, which also
// bounds a streamed reply.
func newClient(cfg Config, s settings) *openai.Client {
	cc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		cc.BaseURL = cfg.BaseURL
	}
	cc.HTTPClient = &statusDoer{
		client: &http.Client{Transport: s.transport},
		secret: cfg.APIKey,
	}
	return openai.NewClientWithConfig(cc)
}

// maxMinAttempt caps a retrier's minAttempt: a retry with 5 s left is
// worth making (an answer or an embedding batch usually takes less), one
// with less is likely to time out and only delay the caller's fallback.
const maxMinAttempt = 5 * time.Second

func newRetrier(cfg Config, s settings, logger *slog.Logger, kind, what string) retrier {
	timeout := cfg.Timeout
	return retrier{
		maxRetries:    max(cfg.MaxRetries, 0),
		timeout:       timeout,
		minAttempt:    min(timeout, maxMinAttempt),
		baseDelay:     500 * time.Millisecond,
		maxDelay:      8 * time.Second,
		maxRetryAfter: 20 * time.Second,
		sleep:         s.sleep,
		logger:        logger,
		secret:        cfg.APIKey,
		what:          what,
		kind:          kind,
		observer:      s.observer,
	}
}

func loggerOrDiscard(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
