package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/interpol-onu/assistant/rag"
)

// admit takes a place among the questions being answered or waiting for
// a slot, and reports false when all are taken. Each admit that returns
// true must be matched by leaveQueue.
func (b *Bot) admit() bool {
	select {
	case b.pending <- struct{}{}:
		return true
	default:
		return false
	}
}

func (b *Bot) leaveQueue() { <-b.pending }

// refuseBusy tells the user the queue is full; it is worth a warning:
// the bot is sized too small for its audience.
func (b *Bot) refuseBusy(ctx context.Context, r responder, via, user string) {
	b.log.Warn("refuse question: too many waiting", "via", via, "user_id", user,
		"concurrency", b.opts.concurrency, "queue", b.opts.queue)
	b.opts.observer.Rejected(via, RejectQueueFull)
	b.reply(ctx, r, []outgoing{notice(Explain(errBusy))})
}

// ask answers q once a slot is free, streaming partial text through r
// if the engine offers it. When it cannot answer, it replies with a
// polite French explanation and returns false; otherwise the caller
// presents the answer.
//
// The answer timeout runs from now, not from when a slot frees: the
// wait in the queue counts against it, so that no question waits
// longer than that in all, and a slash command's interaction token
// (15 minutes) cannot expire in the queue, leaving the user with
// nothing. A question still waiting at the deadline gets the polite
// « trop de temps » reply and never reaches the engine.
func (b *Bot) ask(ctx context.Context, r responder, q rag.Question, via, user string) (rag.Answer, bool) {
	start := time.Now()
	// The answer's deadline bounds the engine; replies are delivered
	// under ctx, which only a shutdown ends.
	actx, cancel := context.WithTimeout(ctx, b.opts.answerTimeout)
	defer cancel()
	obs := b.opts.observer
	obs.Queued(1)
	select {
	case b.slots <- struct{}{}:
		obs.Queued(-1)
	case <-actx.Done():
		obs.Queued(-1)
		obs.Answered(via, OutcomeError, time.Since(start))
		err := errShuttingDown
		if ctx.Err() == nil { // the answer's deadline, not a shutdown
			err = actx.Err()
			b.log.Warn("question waited too long for a free slot", "via", via, "user_id", user,
				"waited", time.Since(start).Round(time.Millisecond),
				"concurrency", b.opts.concurrency, "answer_timeout", b.opts.answerTimeout)
		}
		b.reply(ctx, r, []outgoing{notice(Explain(err))})
		return rag.Answer{}, false
	}
	st := newStreamer(r, b.opts.streamInterval, b.log)
	q.Partial = st.partial
	ans, err := func() (rag.Answer, error) {
		// The slot is for answering: a reply that waits for Discord (a
		// rate limit, retries) must not keep others from being answered.
		defer func() { <-b.slots }()
		defer st.stop()
		return b.engine.Ask(actx, q)
	}()
	log := b.log.With("via", via, "user_id", user, "chars", len([]rune(q.Text)), "theme", q.Theme,
		"turns", len(q.History), "duration", time.Since(start).Round(time.Millisecond))
	if err != nil && errors.Is(err, context.Canceled) {
		err = fmt.Errorf("%w: %w", errShuttingDown, err) // only shutdown cancels answers
	}
	if err != nil {
		obs.Answered(via, OutcomeError, time.Since(start))
		b.logError(log, "answer question", err)
		b.reply(ctx, r, []outgoing{notice(Explain(err))})
		return rag.Answer{}, false
	}
	outcome := OutcomeAnswered
	if ans.Refused {
		outcome = OutcomeRefused
	}
	obs.Answered(via, outcome, time.Since(start))
	log.Info("question answered", "refused", ans.Refused, "sources", len(ans.Sources))
	return ans, true
}

// present replies with the answer's card, keeping what its buttons need
// (its cited passages; for a private answer to a message command, what
// Publier posts), and returns the IDs of the messages delivered.
func (b *Bot) present(ctx context.Context, r responder, a rag.Answer, c card, pub *publication) []string {
	if len(a.Sources) > 0 || pub != nil {
		c.answerID = newAnswerID()
		if pub != nil {
			public := c
			public.publishedBy = pub.by
			pub.msgs = renderAnswer(a, public)
			c.publish = true
			done := c
			done.published = true
			pub.done = answerButtons(a, done)
			pub.turns = nextTurns(nil, c.question, a)
		}
		b.answers.put(c.answerID, &answerRecord{excerpts: renderExcerpts(a), pub: pub})
	}
	b.reply(ctx, r, renderAnswer(a, c))
	return r.delivered()
}

// reply sends msgs, retrying what may succeed on another try. What
// Discord did not take in the end is logged once, without tokens: there
// is no one else to tell.
func (b *Bot) reply(ctx context.Context, r responder, msgs []outgoing) {
	sent, err := r.send(ctx, msgs)
	if err == nil {
		return
	}
	attrs := append(r.who(), "messages", len(msgs), "delivered", sent, "lost", summary(msgs[sent]), "err", redact(err.Error()))
	b.log.Error("reply lost: Discord did not take it", attrs...)
}

// logError logs err once: at debug level when the user's input caused
// it (Explain tells them), at error level otherwise.
func (b *Bot) logError(log *slog.Logger, msg string, err error) {
	if isUserError(err) {
		log.Debug(msg, "err", err)
		return
	}
	log.Error(msg, "err", redact(err.Error()))
}

func isUserError(err error) bool {
	var tooLong *rag.TooLongError
	var limited *rateLimitedError
	return errors.Is(err, rag.ErrEmptyQuestion) || errors.Is(err, rag.ErrNoWords) ||
		errors.Is(err, rag.ErrUnknownTheme) || errors.Is(err, rag.ErrReloadInProgress) ||
		errors.Is(err, errShuttingDown) || errors.Is(err, errNotModerator) ||
		errors.As(err, &tooLong) || errors.As(err, &limited)
}
