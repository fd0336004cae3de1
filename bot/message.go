package bot

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// onMessage answers a message that mentions the bot in a guild channel,
// or any message in a direct conversation. It ignores bots, webhooks
// (bridges relaying the bot's own replies would make a loop), itself and
// guild messages that do not mention it. A reply to one of its answers,
// a new mention in a thread it answered in and a new direct message
// within the conversation TTL continue their conversation.
func (b *Bot) onMessage(ctx context.Context, s *discordgo.Session, m *discordgo.Message) {
	if m.Author == nil || m.Author.Bot || m.WebhookID != "" {
		return
	}
	me := identity(s)
	if me.userID == "" || m.Author.ID == me.userID {
		return
	}
	via := "dm"
	if m.GuildID != "" {
		if !mentions(m, me.userID) {
			return
		}
		via = "mention"
	}
	r := b.messageReply(s, m)
	if !b.work.enter() {
		b.reply(ctx, r, []outgoing{notice(Explain(errShuttingDown))})
		return
	}
	defer b.work.leave()
	defer b.recoverPanic(ctx, r, via)

	text := stripMention(m.Content, me.userID)
	if err := b.check(text, m.Author.ID); err != nil {
		b.rejected(via, err)
		log := b.log.With("via", via, "user_id", m.Author.ID)
		// Each reply spends the bot's REST budget, shared by everyone: a
		// user over the limit hears it once, then is ignored until the
		// limiter accepts one of their questions again. (An interaction
		// must always be answered: slash commands are told every time.)
		var limited *rateLimitedError
		if errors.As(err, &limited) && !b.limiter.warn(m.Author.ID) {
			log.Debug("ignore question: rate limited, already told", "err", err)
			return
		}
		b.logError(log, "refuse question", err)
		// A reply to a message is public: say it in a few words.
		b.reply(ctx, r, []outgoing{notice(explainBriefly(err))})
		return
	}
	if !b.admit() {
		b.refuseBusy(ctx, r, via, m.Author.ID)
		return
	}
	defer b.leaveQueue()
	conv := b.follow(m)
	if b.opts.answerInThread && m.GuildID != "" && !conv.thread {
		if thread, ok := b.openThread(ctx, s, m, text); ok {
			r.moveTo(thread)
			conv.keys = append(conv.keys, threadKey(thread))
			conv.thread = true
		}
	}
	stop := b.typing(s, r.channelID)
	defer stop()
	ans, ok := b.ask(ctx, r, rag.Question{Text: text, History: conv.history}, via, m.Author.ID)
	if !ok {
		return
	}
	entry := store.EntryDM
	if m.GuildID != "" {
		entry = store.EntryMention
	}
	q := asked{entry: entry, guild: m.GuildID, channel: m.ChannelID, user: m.Author.ID, text: text, received: r.received}
	ids := b.answered(ctx, s, r, q, ans, card{question: text}, nil)
	if m.GuildID != "" && !conv.thread && b.channelKind(ctx, s, m.ChannelID) == kindThread {
		conv.keys = append(conv.keys, threadKey(m.ChannelID)) // a thread the bot now answered in
	}
	b.remember(conv, text, ans, ids)
}

func mentions(m *discordgo.Message, userID string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == userID {
			return true
		}
	}
	return false
}

// stripMention removes the bot's mentions from a message's content.
func stripMention(content, userID string) string {
	content = strings.ReplaceAll(content, "<@"+userID+">", " ")
	content = strings.ReplaceAll(content, "<@!"+userID+">", " ")
	return strings.TrimSpace(content)
}

// typingLasts is how long Discord shows a typing indicator.
const typingLasts = 10 * time.Second

// typing shows the typing indicator in the channel now and renews it
// (it lasts ten seconds) until stop is called. It is a courtesy: it is
// skipped rather than wait for a rate limit, and never retried.
func (b *Bot) typing(s *discordgo.Session, channelID string) (stop func()) {
	uri := discordgo.EndpointChannelTyping(channelID)
	show := func() {
		ctx, cancel := context.WithTimeout(context.Background(), typingLasts)
		defer cancel()
		if _, err := request(ctx, s, s.Ratelimiter, "POST", uri, uri, nil); err != nil {
			b.log.Debug("show typing indicator", "err", redact(err.Error()))
		}
	}
	show()
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		ticker := time.NewTicker(b.opts.typingInterval)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				show()
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
