package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

// statsCommand shows a moderator the figures of the period.
func (b *Bot) statsCommand(ctx context.Context, r *interactionReply, data discordgo.ApplicationCommandInteractionData) {
	if !b.moderatorOnly(ctx, r, "/statistiques") {
		return
	}
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("/statistiques lost: could not acknowledge it", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	days := b.days(data.Options)
	if err := b.cur.flush(ctx); err != nil {
		b.log.Warn("/statistiques: the questions just asked may be missing", "err", err)
	}
	st, err := b.cur.Store.Stats(ctx, b.cur.since(b.opts.now(), days))
	if err != nil {
		b.logError(b.log.With(r.who()...), "compute statistics", err)
		b.reply(ctx, r, []outgoing{notice(explainOr(err))})
		return
	}
	b.reply(ctx, r, []outgoing{renderStats(st, days)})
}

// forgetCommand deletes everything stored about the member who asks, and
// says what was removed. Anyone may, anywhere.
func (b *Bot) forgetCommand(ctx context.Context, r *interactionReply) {
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("/oublier lost: could not acknowledge it", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	c := b.cur
	// The questions still queued are written first, then deleted.
	if err := c.flush(ctx); err != nil {
		b.log.Warn("/oublier: questions still queued may be written after", "err", err)
	}
	removed, err := c.Store.Forget(ctx, c.Store.HashUser(userID(r.i)))
	if err != nil {
		b.logError(b.log.With(r.who()...), "forget a member", err)
		b.reply(ctx, r, []outgoing{notice("Je n’ai rien pu effacer. " + explainOr(err))})
		return
	}
	b.log.Info("member forgotten", "questions", removed.Questions, "votes", removed.Votes)
	b.reply(ctx, r, []outgoing{notice(renderForgotten(removed, b.isModerator(r.i)))})
}
