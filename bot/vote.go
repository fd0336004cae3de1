package bot

import (
	"context"
	"errors"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
)

// Members vote on answers: 👍 is recorded at once; 👎 opens a modal for
// an optional comment and is recorded when the modal is sent (closing
// it records nothing). One vote per member per answer: a second one
// replaces the first. Votes are acknowledged privately.

// commentInput is the custom_id of the 👎 modal's text input.
const commentInput = "commentaire"

// vote records a 👍 on a question.
func (b *Bot) vote(ctx context.Context, r *interactionReply, questionID int64) {
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("vote lost: could not acknowledge the click", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	b.recordVote(ctx, r, store.Vote{QuestionID: questionID, Up: true})
}

// askComment answers a 👎 with the modal that takes its comment.
func (b *Bot) askComment(ctx context.Context, r *interactionReply, questionID int64) {
	modal := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: questionCustomID(modalDownvote, questionID),
			Title:    "👎 Qu’est-ce qui ne va pas ?",
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{
					CustomID: commentInput, Label: "Commentaire (facultatif)", Style: discordgo.TextInputParagraph,
					Placeholder: "Ce qui manque, ce qui est faux… Les modérateurs le liront.",
					Required:    false, MaxLength: store.MaxCommentChars,
				},
			}}},
		},
	}
	if err := r.respond(ctx, modal); err != nil {
		b.log.Error("could not open the 👎 modal", append(r.who(), "err", redact(err.Error()))...)
	}
}

// downvote records the 👎 of a submitted modal, with its comment, and
// posts the comment to the moderators.
func (b *Bot) downvote(ctx context.Context, r *interactionReply, questionID int64, data discordgo.ModalSubmitInteractionData) {
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("vote lost: could not acknowledge the modal", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	comment := strings.TrimSpace(modalValue(data, commentInput))
	if !b.recordVote(ctx, r, store.Vote{QuestionID: questionID, Comment: comment}) || b.cur.ModerationChannelID == "" {
		return
	}
	q, err := b.cur.Store.Question(ctx, questionID)
	if err != nil {
		b.log.Warn("read the question voted down", "question_id", questionID, "err", err)
		return
	}
	b.announceDownvote(ctx, r.s, q, comment)
}

// recordVote stores v from the interaction's member and tells them.
func (b *Bot) recordVote(ctx context.Context, r *interactionReply, v store.Vote) bool {
	c := b.cur
	v.User = c.Store.HashUser(userID(r.i))
	replaced, err := c.Recorder.RecordVote(ctx, v)
	if err != nil {
		msg := forgottenVote
		if !errors.Is(err, store.ErrNotFound) {
			b.logError(b.log.With(r.who()...), "record vote", err)
			msg = explainOr(err)
		}
		b.reply(ctx, r, []outgoing{notice(msg)})
		return false
	}
	b.log.Info("vote recorded", "question_id", v.QuestionID, "up", v.Up, "replaced", replaced, "comment", v.Comment != "")
	b.reply(ctx, r, []outgoing{notice(voteThanks(v, replaced))})
	return true
}

func voteThanks(v store.Vote, replaced bool) string {
	what := "👍 : cette réponse vous a été utile"
	if !v.Up {
		what = "👎 : cette réponse ne vous a pas aidé"
		if v.Comment != "" {
			what += ", avec votre commentaire, que les modérateurs liront"
		}
	}
	if replaced {
		return "Votre avis est changé. " + what + ". Merci !"
	}
	return "Merci ! Votre avis est enregistré. " + what + "."
}

// modalValue returns the value of the modal's text input named id.
func modalValue(data discordgo.ModalSubmitInteractionData, id string) string {
	for _, row := range data.Components {
		ar, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, c := range ar.Components {
			if in, ok := c.(*discordgo.TextInput); ok && in.CustomID == id {
				return in.Value
			}
		}
	}
	return ""
}
