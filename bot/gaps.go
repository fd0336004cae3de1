package bot

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
)

// /lacunes lists the gaps: the questions the bot refused, or whose
// answer got a 👎, grouped when they ask the same thing. Each has a
// Répondre button, whose modal takes a moderator's answer; the answer
// becomes a section of the moderators' answers document (Knowledge),
// reloaded at once.

// Custom IDs of the Répondre modal's text inputs.
const (
	headingInput = "question"
	answerInput  = "reponse"
)

// gapDraft is what a Répondre modal answers: kept in memory between the
// click and the submission, since a modal's custom_id is too short to
// hold a grouping key.
type gapDraft struct {
	key     string // the gap's grouping key
	example string // its example phrasing, the heading proposed
}

// defaultDays is the period /lacunes and /statistiques cover when not
// told, at most the retention.
const defaultDays = 30

// gapsCommand lists the gaps of the period for a moderator.
func (b *Bot) gapsCommand(ctx context.Context, r *interactionReply, data discordgo.ApplicationCommandInteractionData) {
	if !b.moderatorOnly(ctx, r, "/lacunes") {
		return
	}
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("/lacunes lost: could not acknowledge it", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	days := b.days(data.Options)
	if err := b.cur.flush(ctx); err != nil {
		b.log.Warn("/lacunes: the questions just asked may be missing", "err", err)
	}
	gaps, err := b.cur.Store.Gaps(ctx, b.cur.since(b.opts.now(), days))
	if err != nil {
		b.logError(b.log.With(r.who()...), "list gaps", err)
		b.reply(ctx, r, []outgoing{notice(explainOr(err))})
		return
	}
	b.reply(ctx, r, renderGaps(gaps, days))
}

// days reads the jours option, defaultDays if absent, within retention.
func (b *Bot) days(opts []*discordgo.ApplicationCommandInteractionDataOption) int {
	days := defaultDays
	if n, ok := intOption(opts, optDays); ok && n > 0 {
		days = int(min(n, 3650))
	}
	return min(days, retentionDays(b.cur.Retention))
}

func retentionDays(d time.Duration) int { return max(int(d/(24*time.Hour)), 1) }

// answerGapForm answers a Répondre click with the modal that takes the
// moderator's answer, the gap's example as its proposed heading.
func (b *Bot) answerGapForm(ctx context.Context, r *interactionReply, exampleID int64) {
	if !b.moderatorOnly(ctx, r, "Répondre") {
		return
	}
	// A modal must be the first response, within 3 s: one read.
	qctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	q, err := b.cur.Store.Question(qctx, exampleID)
	cancel()
	switch {
	case err != nil:
		b.logError(b.log.With(r.who()...), "read a gap's example", err)
		msg := forgottenGap
		if !isNotFound(err) {
			msg = explainOr(err)
		}
		b.reply(ctx, r, []outgoing{notice(msg)})
		return
	case q.GroupKey == "":
		b.reply(ctx, r, []outgoing{notice(unanswerableGap)})
		return
	}
	draft := newAnswerID()
	b.cur.drafts.put(draft, gapDraft{key: q.GroupKey, example: q.Text})
	modal := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: customID(modalGapAnswer, draft),
			Title:    "Répondre à une lacune",
			Components: []discordgo.MessageComponent{
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
					CustomID: headingInput, Label: "Question (titre de la réponse)", Style: discordgo.TextInputShort,
					Value: clip(oneLine(q.Text), store.MaxQuestionChars), Required: true, MaxLength: store.MaxQuestionChars,
				}}},
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
					CustomID: answerInput, Label: "Réponse", Style: discordgo.TextInputParagraph,
					Placeholder: "Ce que je répondrai désormais, cité « " + AnswersTitle + " ».",
					Required:    true, MaxLength: store.MaxAnswerChars,
				}}},
			},
		},
	}
	if err := r.respond(ctx, modal); err != nil {
		b.log.Error("could not open the Répondre modal", append(r.who(), "err", redact(err.Error()))...)
	}
}

// answerGap stores a moderator's answer from the Répondre modal, reloads
// the knowledge and tells them.
func (b *Bot) answerGap(ctx context.Context, r *interactionReply, draftID string, data discordgo.ModalSubmitInteractionData) {
	if !b.moderatorOnly(ctx, r, "Répondre") {
		return
	}
	draft, ok := b.cur.drafts.get(draftID)
	if !ok {
		b.reply(ctx, r, []outgoing{notice(expiredDraft)})
		return
	}
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("answer lost: could not acknowledge the modal", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	heading := oneLine(modalValue(data, headingInput))
	if heading == "" {
		heading = oneLine(draft.example)
	}
	text := strings.TrimSpace(modalValue(data, answerInput))
	c := b.cur
	c.changing.Lock()
	defer c.changing.Unlock()
	a, err := c.Store.AnswerGap(ctx, store.GapAnswer{GapKey: draft.key, Heading: heading, Text: text, By: b.moderator(r.i)})
	if err != nil {
		b.logError(b.log.With(r.who()...), "store a moderator's answer", err)
		b.reply(ctx, r, []outgoing{notice(explainOr(err))})
		return
	}
	c.drafts.remove(draftID)
	b.forgetGap(draft.key)
	b.log.Info("gap answered", "user_id", userID(r.i), "answer_id", a.ID)
	head := "Réponse enregistrée pour « " + escape(truncate(inert(heading), 300)) + " » : désormais, je réponds à cette question " +
		"en citant « " + AnswersTitle + " »."
	b.reloadAfterChange(ctx, r, head)
}

// isNotFound tells a question or document that no longer exists.
func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
