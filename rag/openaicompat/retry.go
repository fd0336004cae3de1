package openaicompat

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"time"
)

// retrier runs an attempt again after transient failures: timeouts,
// network errors, 408, 429, 5xx, malformed or empty replies. It waits
// with exponential backoff and jitter, and never less than the server's
// Retry-After; a Retry-After longer than maxRetryAfter ends the retries
// at once, since waiting that long would exceed any user's patience.
//
// It also respects the caller's deadline: each attempt gets timeout, cut
// to end reserve before the deadline, and no retry starts (nor its
// wait) unless the wait and minAttempt still fit before that. A retry
// may thus be shorter than timeout: the start-up probe (20 s) retries a
// transient 503 even though a whole 30 s attempt would not fit, while a
// retry with too little time to succeed is not made. When the caller's
// patience runs out, the last error comes back early, with time left to
// do something else (the Generator's fallback answer).
type retrier struct {
	maxRetries    int           // attempts after the first
	timeout       time.Duration // per attempt
	minAttempt    time.Duration // the shortest attempt worth making again
	reserve       time.Duration // kept free before the caller's deadline
	baseDelay     time.Duration
	maxDelay      time.Duration
	maxRetryAfter time.Duration
	sleep         func(ctx context.Context, d time.Duration) error
	logger        *slog.Logger
	secret        string
	what          string // what an attempt does, for logs
	kind          string // KindChat or KindEmbeddings, for the observer
	observer      Observer
}

// permanentError marks a failure that another attempt would repeat.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

func permanent(err error) error { return &permanentError{err: err} }

// errNoTime is the error of an attempt that was not made because the
// caller's deadline was too close.
var errNoTime = errors.New("no time left before the deadline for a request")

// do calls attempt, with a context bounded by the attempt timeout, until
// it succeeds, fails for good, ctx ends, the retries run out or the next
// one would not get minAttempt before ctx's deadline, and returns the
// last error.
func (r retrier) do(ctx context.Context, attempt func(ctx context.Context) error) error {
	for n := 0; ; n++ {
		err := r.try(ctx, attempt)
		if !errors.Is(err, errNoTime) {
			r.observer.Requested(r.kind, failureOf(err))
		}
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		retry, after := retryable(err)
		if !retry || n >= r.maxRetries || after > r.maxRetryAfter {
			return err
		}
		wait := max(r.backoff(n), after)
		if left := r.left(ctx); left < wait+r.minAttempt {
			r.logger.Warn("openai-compatible api: attempt failed, no time left for another",
				"call", r.what, "attempt", n+1, "left", left.Round(time.Millisecond), "err", redact(err.Error(), r.secret))
			return err
		}
		r.logger.Warn("openai-compatible api: attempt failed, retrying",
			"call", r.what, "attempt", n+1, "wait", wait, "err", redact(err.Error(), r.secret))
		r.observer.Retrying(r.kind, failureOf(err))
		if serr := r.sleep(ctx, wait); serr != nil {
			return err
		}
	}
}

// try makes one attempt with the attempt timeout, cut to end reserve
// before ctx's deadline; it makes none when that leaves no time.
func (r retrier) try(ctx context.Context, attempt func(ctx context.Context) error) error {
	end := time.Now().Add(r.timeout)
	if dl, ok := ctx.Deadline(); ok {
		end = minTime(end, dl.Add(-r.reserve)) // exactly reserve before, not a clock read later
	}
	if !time.Now().Before(end) {
		return permanent(errNoTime)
	}
	ctx, cancel := context.WithDeadline(ctx, end)
	defer cancel()
	return attempt(ctx)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// left is the time before ctx's deadline less the reserve; "forever"
// without a deadline.
func (r retrier) left(ctx context.Context) time.Duration {
	dl, ok := ctx.Deadline()
	if !ok {
		return math.MaxInt64
	}
	return time.Until(dl) - r.reserve
}

// backoff is the wait after failed attempt n (from 0): base·2ⁿ capped at
// maxDelay, of which the upper half is random so that clients that
// failed together do not retry together.
func (r retrier) backoff(n int) time.Duration {
	d := r.baseDelay << min(n, 16)
	if d <= 0 || d > r.maxDelay {
		d = r.maxDelay
	}
	half := d / 2
	return half + rand.N(half+1)
}

// retryable says whether err is transient, and how long the server asked
// to wait.
func retryable(err error) (bool, time.Duration) {
	var perm *permanentError
	if errors.As(err, &perm) {
		return false, 0
	}
	var se *StatusError
	if errors.As(err, &se) {
		switch {
		case se.Code == http.StatusRequestTimeout, se.Code == http.StatusTooManyRequests, se.Code >= 500:
			return true, se.RetryAfter
		default: // 400, 401, 403, 404…: the request or the settings are wrong
			return false, 0
		}
	}
	// Timeouts, refused connections, cut streams, malformed JSON, empty
	// replies: another attempt may succeed.
	return true, 0
}
