package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
)

// The moderation channel (Curation.ModerationChannelID) hears of each
// new gap (a refused question, or an answer voted down, whose grouping
// key no known gap has) and of each 👎 that comes with a comment,
// pinging no one. It never hears who asked or who voted.

// seedGaps learns the grouping keys of the gaps already stored, so that
// only a new one is posted after a restart.
func (b *Bot) seedGaps(ctx context.Context) {
	c := b.cur
	if c == nil || c.ModerationChannelID == "" {
		return
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	gaps, err := c.Store.Gaps(sctx, b.opts.now().Add(-c.Retention))
	if err != nil {
		b.log.Warn("read the known gaps: each gap met again will be posted as new", "err", err)
		return
	}
	for _, g := range gaps {
		for _, k := range g.Keys {
			c.gapKeys.put(k, struct{}{})
		}
	}
}

// announceGap posts a refused question to the moderation channel when
// no known gap has its grouping key.
func (b *Bot) announceGap(ctx context.Context, s *discordgo.Session, q asked) {
	c := b.cur
	if c.ModerationChannelID == "" {
		return
	}
	key := groupKey(c.Library.Terms(q.text))
	if key == "" {
		return
	}
	if _, known := c.gapKeys.get(key); known {
		return
	}
	c.gapKeys.put(key, struct{}{})
	text := fmt.Sprintf("**Nouvelle lacune** : je n’ai pas su répondre à « %s »", escape(truncate(oneLine(inert(q.text)), 1500)))
	if q.theme != "" {
		text += " (thème : " + escape(truncate(inert(q.theme), 100)) + ")"
	}
	b.postModeration(ctx, s, text+".\n`/lacunes` liste les lacunes, avec un bouton « Répondre » pour chacune.")
}

// forgetGap lets the gaps of key be posted again: a moderator answered
// them, and a question refused again will be news.
func (b *Bot) forgetGap(key string) {
	b.cur.gapKeys.remove(key)
}

// announceDownvote posts a 👎 with its comment, or without one when it
// makes a new gap: an answer voted down is one.
func (b *Bot) announceDownvote(ctx context.Context, s *discordgo.Session, q store.Question, comment string) {
	c := b.cur
	_, known := c.gapKeys.get(q.GroupKey)
	if q.GroupKey != "" {
		c.gapKeys.put(q.GroupKey, struct{}{})
	}
	asked := escape(truncate(oneLine(inert(q.Text)), 500))
	switch {
	case comment != "":
		b.postModeration(ctx, s, fmt.Sprintf("**👎 avec un commentaire** sur la réponse à « %s » :\n> %s",
			asked, escape(truncate(oneLine(inert(comment)), 1200))))
	case !known && q.GroupKey != "":
		b.postModeration(ctx, s, fmt.Sprintf("**Nouvelle lacune** : ma réponse à « %s » a reçu un 👎.\n"+
			"`/lacunes` liste les lacunes, avec un bouton « Répondre » pour chacune.", asked))
	}
}

// postModeration sends text to the moderation channel, retrying for a
// minute at most. A failure is logged: no one else is waiting for it.
func (b *Bot) postModeration(ctx context.Context, s *discordgo.Session, text string) {
	channel := b.cur.ModerationChannelID
	uri := discordgo.EndpointChannelMessages(channel)
	send := messagePost{MessageSend: &discordgo.MessageSend{Content: truncate(text, maxContent), AllowedMentions: noMentions()},
		Nonce: newNonce(), EnforceNonce: true}
	sch := schedule{deadline: time.Now().Add(time.Minute), first: b.opts.delivery.first, max: b.opts.delivery.max}
	err := deliver(ctx, sch, func(ctx context.Context) error {
		_, err := request(ctx, s, s.Ratelimiter, "POST", uri, uri, send)
		return err
	})
	if err != nil {
		b.log.Error("post to the moderation channel", "channel_id", channel, "err", redact(err.Error()))
	}
}
