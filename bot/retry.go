package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord's rules for answering an interaction.
const (
	// ackWithin is how long Discord waits for an interaction to be
	// acknowledged.
	ackWithin = 3 * time.Second
	// tokenLifetime is how long an interaction's token may edit its
	// response and send follow-ups, less a margin for the network.
	tokenLifetime = 15*time.Minute - 5*time.Second
)

// How deliveries retry by default.
const (
	retryFirst = 500 * time.Millisecond // wait after a first transient failure, doubled at each
	retryMax   = 30 * time.Second       // longest wait between two attempts
	ackFirst   = 100 * time.Millisecond // the same within the 3 s of an acknowledgement
	// editAttempts bounds the attempts at editing an answer's first
	// message before sending it as a new message instead.
	editAttempts = 4
)

// schedule says how long a delivery may take and how it waits between
// attempts when Discord does not say how long to wait.
type schedule struct {
	deadline time.Time     // no attempt starts after it, and none outlives it
	first    time.Duration // backoff after the first failure, doubled at each
	max      time.Duration // longest backoff
	attempts int           // most attempts; 0 for as many as the deadline allows
}

// deliver makes attempt until it succeeds, fails in a way retrying cannot
// fix (a 4xx other than 429), or the schedule runs out, and returns its
// last error. It waits as long as a 429 asks, else backs off
// exponentially with jitter. The first attempt is made even if ctx is
// done (to tell a user the bot is stopping); ctx only stops the waits.
func deliver(ctx context.Context, sch schedule, attempt func(context.Context) error) error {
	actx, cancel := context.WithDeadline(context.WithoutCancel(ctx), sch.deadline)
	defer cancel()
	for n := 1; ; {
		err := attempt(actx)
		if err == nil {
			return nil
		}
		wait, ok := transient(err)
		if !ok || actx.Err() != nil {
			return err
		}
		var held *heldError
		if !errors.As(err, &held) { // a request that was not sent is no attempt
			if sch.attempts > 0 && n >= sch.attempts {
				return fmt.Errorf("give up after %d attempts: %w", n, err)
			}
			if wait == 0 {
				wait = backoff(sch.first, sch.max, n)
			} else {
				wait += rand.N(wait/10 + 50*time.Millisecond) // clients told the same wait do not all come back at once
			}
			n++
		}
		if time.Until(sch.deadline) < wait {
			return fmt.Errorf("give up: no time left to wait %s: %w", wait.Round(time.Millisecond), err)
		}
		if serr := sleep(ctx, wait); serr != nil {
			return fmt.Errorf("give up, %w while waiting to retry: %w", serr, err)
		}
	}
}

// backoff returns the wait after the nth failure: first·2ⁿ⁻¹ at most
// max, of which a random half ("equal jitter").
func backoff(first, max time.Duration, n int) time.Duration {
	d := first
	for range n - 1 {
		if d >= max/2 {
			d = max
			break
		}
		d *= 2
	}
	d = min(d, max)
	return d/2 + rand.N(d/2+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// transient tells whether a failed request may succeed if sent again,
// and how long Discord asked to wait first (0: it did not say): 5xx,
// 429, connection resets and timeouts. Other 4xx would fail again.
func transient(err error) (time.Duration, bool) {
	var held *heldError
	var limited *discordgo.RateLimitError
	var rest *discordgo.RESTError
	var netErr net.Error
	switch {
	case errors.As(err, &held):
		return held.wait, true
	case errors.As(err, &limited):
		return limited.RetryAfter, true
	case errors.As(err, &rest):
		return 0, rest.Response != nil && rest.Response.StatusCode >= 500
	case errors.As(err, &netErr) && netErr.Timeout():
		return 0, true
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return 0, true
	case strings.HasPrefix(err.Error(), "Exceeded Max retries HTTP 5"):
		// discordgo's error for a 502 when its own retries are off.
		return 0, true
	}
	return 0, false
}

// heldError says a request was not sent: discordgo's rate limiter would
// have held it for wait, without any way to cancel it.
type heldError struct{ wait time.Duration }

func (e *heldError) Error() string {
	return fmt.Sprintf("held by the rate limit for %s", e.wait.Round(time.Millisecond))
}
