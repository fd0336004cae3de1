package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

// curationCommand runs a command of curation (b.cur is set).
func (b *Bot) curationCommand(ctx context.Context, r *interactionReply, data discordgo.ApplicationCommandInteractionData) {
	switch data.Name {
	case cmdDocument:
		b.documentCommand(ctx, r, data)
	case cmdGaps:
		b.gapsCommand(ctx, r, data)
	case cmdStats:
		b.statsCommand(ctx, r, data)
	case cmdForget:
		b.forgetCommand(ctx, r)
	}
}

// clickQuestion answers a button naming a question of the store: 👍,
// 👎 (which opens its modal) or Répondre (a moderator's, likewise).
func (b *Bot) clickQuestion(ctx context.Context, r *interactionReply, action, id string) {
	questionID, ok := parseQuestionID(id)
	if b.cur == nil || !ok {
		b.reply(ctx, r, []outgoing{notice(unknownButton)})
		return
	}
	switch action {
	case actionUp:
		b.vote(ctx, r, questionID)
	case actionDown:
		b.askComment(ctx, r, questionID)
	case actionAnswerGap:
		b.answerGapForm(ctx, r, questionID)
	}
}

// submit handles a modal the bot opened: a 👎's comment, or a
// moderator's answer to a gap.
func (b *Bot) submit(ctx context.Context, r *interactionReply, data discordgo.ModalSubmitInteractionData) {
	action, id, ok := parseModalID(data.CustomID)
	if b.cur == nil || !ok {
		b.log.Info("unknown modal", "user_id", userID(r.i), "custom_id", truncate(oneLine(inert(data.CustomID)), 100))
		b.reply(ctx, r, []outgoing{notice("Je ne reconnais pas ce formulaire.")})
		return
	}
	switch action {
	case modalDownvote:
		questionID, ok := parseQuestionID(id)
		if !ok {
			b.reply(ctx, r, []outgoing{notice("Je ne reconnais pas ce formulaire.")})
			return
		}
		b.downvote(ctx, r, questionID, data)
	case modalGapAnswer:
		b.answerGap(ctx, r, id, data)
	}
}
