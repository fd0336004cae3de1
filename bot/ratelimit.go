package bot

import (
	"sync"
	"time"
)

// limiter is a token bucket per user: a user may ask perMinute questions
// in a burst, then one more every minute/perMinute.
type limiter struct {
	perMinute int
	every     time.Duration // time to earn one question back
	now       func() time.Time

	mu      sync.Mutex
	buckets map[string]bucket
}

type bucket struct {
	tokens float64
	at     time.Time
	warned bool // the user was told they are over the limit since their last accepted question
}

func newLimiter(perMinute int) *limiter {
	return &limiter{
		perMinute: perMinute,
		every:     time.Minute / time.Duration(perMinute),
		now:       time.Now,
		buckets:   map[string]bucket{},
	}
}

// allow takes one question from user's bucket. When the bucket is empty
// it returns a *rateLimitedError saying when the next question will be
// accepted.
func (l *limiter) allow(user string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[user]
	if !ok {
		b = bucket{tokens: float64(l.perMinute), at: now}
	}
	b.tokens = min(float64(l.perMinute), b.tokens+float64(now.Sub(b.at))/float64(l.every))
	b.at = now
	if b.tokens < 1 {
		l.buckets[user] = b
		wait := time.Duration((1 - b.tokens) * float64(l.every))
		return &rateLimitedError{perMinute: l.perMinute, retryAfter: wait}
	}
	b.tokens--
	b.warned = false
	l.buckets[user] = b
	if len(l.buckets) > 10000 {
		l.forgetFull(now)
	}
	return nil
}

// warn records that user is being told they are over the limit, and
// reports whether they were not told already since their last accepted
// question: messages are refused aloud once per window, then silently.
func (l *limiter) warn(user string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[user]
	if !ok || b.warned {
		return false
	}
	b.warned = true
	l.buckets[user] = b
	return true
}

// forgetFull drops the buckets that have refilled: they hold nothing a
// new bucket would not.
func (l *limiter) forgetFull(now time.Time) {
	for user, b := range l.buckets {
		if now.Sub(b.at) >= time.Minute {
			delete(l.buckets, user)
		}
	}
}
