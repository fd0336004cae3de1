package bot

import (
	"errors"
	"time"
)

// Observer is told what the bot does, for metrics. The bot calls it
// synchronously, from any goroutine: its methods must be quick and safe
// for concurrent use.
type Observer interface {
	// Answered reports a question taken for an answer (past the checks
	// and into the queue) that came to outcome (OutcomeAnswered,
	// OutcomeRefused or OutcomeError) d after it was taken: the wait
	// for a free slot counts, the delivery to Discord does not.
	Answered(entry, outcome string, d time.Duration)
	// Rejected reports a question refused before the queue, for reason
	// (RejectRateLimited, RejectInvalid or RejectQueueFull).
	Rejected(entry, reason string)
	// Queued reports delta more questions (fewer when negative) waiting
	// for a free slot.
	Queued(delta int)
	// Reconnected reports a gateway connection opened again after the
	// first: a resumed or new session.
	Reconnected()
	// Heartbeat reports the gateway's latency: the time Discord took to
	// acknowledge the last heartbeat.
	Heartbeat(latency time.Duration)
}

// Where a question came from: the entry label of Answered and Rejected.
const (
	EntrySlash          = "slash"           // /question
	EntryMention        = "mention"         // a message mentioning the bot in a server
	EntryDM             = "dm"              // a direct message
	EntryMessageCommand = "message_command" // « Demander au bot »
)

// What became of a question taken for an answer.
const (
	OutcomeAnswered = "answered" // answered from the documents
	OutcomeRefused  = "refused"  // the documents do not cover it: the bot said so
	OutcomeError    = "error"    // no answer: the engine failed, timed out or was stopped
)

// Why a question was refused before the queue.
const (
	RejectRateLimited = "rate_limited" // its user was over RATE_LIMIT_PER_MINUTE
	RejectInvalid     = "invalid"      // empty, too long, no words, unknown theme
	RejectQueueFull   = "queue_full"   // every slot and place in the queue taken
)

// WithObserver reports what the bot does to o; by default nothing is.
func WithObserver(o Observer) Option {
	return func(opts *options) {
		if o != nil {
			opts.observer = o
		}
	}
}

type noObserver struct{}

func (noObserver) Answered(string, string, time.Duration) {}
func (noObserver) Rejected(string, string)                {}
func (noObserver) Queued(int)                             {}
func (noObserver) Reconnected()                           {}
func (noObserver) Heartbeat(time.Duration)                {}

// rejected reports a question refused by check, or for an unknown theme.
func (b *Bot) rejected(entry string, err error) {
	var limited *rateLimitedError
	if errors.As(err, &limited) {
		b.opts.observer.Rejected(entry, RejectRateLimited)
		return
	}
	b.opts.observer.Rejected(entry, RejectInvalid)
}
