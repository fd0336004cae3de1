package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// request sends one request to Discord through discordgo, its own
// retries off: deliver decides whether and when to retry.
//
// It takes the bucket in lim as discordgo's LockBucket does, but where
// LockBucket would sleep until the bucket's or the global rate limit
// resets (after a 429), holding the bucket and deaf to any deadline,
// request returns a *heldError at once, so that the caller waits in a
// way it can cancel and bound. Requests on one bucket still go one at a
// time, as discordgo's do.
func request(ctx context.Context, s *discordgo.Session, lim *discordgo.RateLimiter, method, uri, bucket string, body any) ([]byte, error) {
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("encode the request: %w", err)
		}
	}
	b := lim.GetBucket(bucket)
	b.Lock() // RequestWithLockedBucket releases it
	if wait := lim.GetWaitTime(b, 1); wait > 0 {
		b.Unlock()
		return nil, &heldError{wait: wait}
	}
	b.Remaining--
	return s.RequestWithLockedBucket(method, uri, "application/json", raw, b, 0,
		discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
}

// alreadyAcknowledged tells whether err is Discord refusing a second
// response to an interaction: after an attempt whose answer was lost,
// it means that attempt went through.
func alreadyAcknowledged(err error) bool {
	var rest *discordgo.RESTError
	return errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusBadRequest &&
		rest.Message != nil && rest.Message.Code == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged
}
