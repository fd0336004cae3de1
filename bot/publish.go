package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// What « Demander au bot » and Publier tell their user, privately.
const (
	targetMissing = "Je ne trouve pas le texte de ce message. Réessayez depuis le message lui-même."
	targetEmpty   = "Ce message ne contient aucun texte : je ne peux pas y lire de question."
	targetNoText  = "Ce message ne contient que des pièces jointes ou des intégrations, sans texte : " +
		"je ne lis que le texte des messages. Posez la question avec /question."
	notPublishable   = "Cette réponse ne peut pas être publiée."
	alreadyPublished = "Cette réponse est déjà publiée dans le salon."
	beingPublished   = "Cette réponse est en train d’être publiée."
	publishFailed    = "Je n’ai pas pu publier la réponse dans ce salon. " +
		"Vérifiez que j’ai le droit d’y écrire, puis réessayez."
)

// askAboutMessage handles « Demander au bot », the message command:
// it answers the text of the message it was used on, privately, with a
// Publier button that posts the answer in the channel as a reply to
// that message.
func (b *Bot) askAboutMessage(ctx context.Context, r *interactionReply, data discordgo.ApplicationCommandInteractionData) {
	user := userID(r.i)
	var target *discordgo.Message
	if data.CommandType == discordgo.MessageApplicationCommand && data.Resolved != nil {
		target = data.Resolved.Messages[data.TargetID]
	}
	if target == nil {
		b.reply(ctx, r, []outgoing{notice(targetMissing)})
		return
	}
	text := stripMention(target.Content, identity(r.s).userID)
	if text == "" {
		why := targetEmpty
		if len(target.Attachments) > 0 || len(target.Embeds) > 0 || len(target.StickerItems) > 0 {
			why = targetNoText
		}
		b.log.Info("message command on a message without text", "user_id", user)
		b.reply(ctx, r, []outgoing{notice(why)})
		return
	}
	if err := b.check(text, user); err != nil {
		b.rejected(EntryMessageCommand, err)
		b.logError(b.log.With("via", "message_command", "user_id", user), "refuse question", err)
		b.reply(ctx, r, []outgoing{notice(Explain(err))})
		return
	}
	if !b.admit() {
		b.refuseBusy(ctx, r, "message_command", user)
		return
	}
	defer b.leaveQueue()
	if err := r.deferReply(ctx); err != nil { // private: r is ephemeral
		b.log.Error("question lost: could not acknowledge it", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	ans, ok := b.ask(ctx, r, rag.Question{Text: text}, "message_command", user)
	if !ok {
		return
	}
	pub := &publication{channelID: r.i.ChannelID, guildID: r.i.GuildID, targetID: target.ID, by: displayName(r.i)}
	q := asked{entry: store.EntryMessageCommand, guild: r.i.GuildID, channel: r.i.ChannelID, user: user, text: text, received: r.received}
	b.answered(ctx, r.s, r, q, ans, card{question: text}, pub)
}

// publish posts a private answer to « Demander au bot » in the channel,
// as a reply to the message it answers, once: a second click, or one
// while the first is being posted, is told so.
func (b *Bot) publish(ctx context.Context, r *interactionReply, rec *answerRecord) {
	rec.mu.Lock()
	pub := rec.pub
	state := notPublished
	if pub != nil {
		state = pub.state
		if state == notPublished {
			pub.state = publishing
		}
	}
	rec.mu.Unlock()
	switch {
	case pub == nil:
		b.reply(ctx, r, []outgoing{notice(notPublishable)})
		return
	case state == published:
		b.reply(ctx, r, []outgoing{notice(alreadyPublished)})
		return
	case state == publishing:
		b.reply(ctx, r, []outgoing{notice(beingPublished)})
		return
	}
	setState := func(s publishState) {
		rec.mu.Lock()
		pub.state = s
		rec.mu.Unlock()
	}
	// Acknowledge the click at once: posting may take retries.
	if err := r.respond(ctx, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}); err != nil {
		setState(notPublished)
		b.log.Error("publish: could not acknowledge the click", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	r.acked = true

	asker := &discordgo.Message{ID: pub.targetID, ChannelID: pub.channelID, GuildID: pub.guildID,
		Author: &discordgo.User{ID: userID(r.i)}}
	post := b.messageReply(r.s, asker)
	sent, err := post.send(ctx, pub.msgs)
	if err != nil && sent == 0 {
		setState(notPublished) // nothing is in the channel: the asker may try again
		b.log.Error("publish: Discord did not take the answer", append(post.who(), "err", redact(err.Error()))...)
		b.followup(ctx, r, notice(publishFailed))
		return
	}
	setState(published)
	if err != nil {
		b.log.Error("publish: part of the answer was lost", append(post.who(), "delivered", sent, "err", redact(err.Error()))...)
	}
	b.log.Info("answer published", post.who()...)
	b.keepTurns(pub.turns, msgKeys(post.delivered()))

	// The private answer's Publier button now says it is done.
	edit := &discordgo.WebhookEdit{Components: &pub.done, AllowedMentions: noMentions()}
	if err := deliver(ctx, r.tokenSchedule(editAttempts), func(ctx context.Context) error { return r.editOriginal(ctx, edit) }); err != nil {
		b.log.Warn("publish: could not mark the button as done", append(r.who(), "err", redact(err.Error()))...)
	}
}

// followup sends m as a new private message after the interaction was
// acknowledged, leaving its original message as it is.
func (b *Bot) followup(ctx context.Context, r *interactionReply, m outgoing) {
	if err := deliver(ctx, r.tokenSchedule(0), func(ctx context.Context) error { return r.followup(ctx, m) }); err != nil {
		b.log.Error("reply lost: Discord did not take it", append(r.who(), "lost", summary(m), "err", redact(err.Error()))...)
	}
}

// displayName is how the member who used an interaction is named.
func displayName(i *discordgo.Interaction) string {
	var u *discordgo.User
	switch {
	case i.Member != nil && i.Member.User != nil:
		if i.Member.Nick != "" {
			return i.Member.Nick
		}
		u = i.Member.User
	case i.User != nil:
		u = i.User
	default:
		return ""
	}
	if u.GlobalName != "" {
		return u.GlobalName
	}
	return u.Username
}
