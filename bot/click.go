package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

// What a click on a button the bot cannot serve is told, privately.
const (
	unknownButton   = "Je ne reconnais pas ce bouton : il ne vient pas d’une de mes réponses."
	expiredExcerpts = "Je n’ai plus les extraits de cette réponse : je ne les garde qu’un temps " +
		"(24 heures au plus, pour les réponses les plus récentes) et je les oublie quand je redémarre. " +
		"Reposez la question pour les retrouver."
	expiredPublish = "Je ne peux plus publier cette réponse : je ne la garde qu’un temps " +
		"et je l’oublie quand je redémarre. Redemandez-la avec « Demander au bot »."
	noExcerpts = "Cette réponse ne cite aucun passage des documents."
)

// click answers a button of one of the bot's answers: Voir les extraits,
// Publier, 👍 or 👎, or a Répondre button of /lacunes. Buttons name the answer by an ID the bot keeps for a
// while (answers.go); one it cannot read, or no longer knows, gets a
// polite private message.
func (b *Bot) click(ctx context.Context, r *interactionReply, data discordgo.MessageComponentInteractionData) {
	action, id, ok := parseCustomID(data.CustomID)
	if !ok {
		b.log.Info("unknown button", "user_id", userID(r.i), "custom_id", truncate(oneLine(inert(data.CustomID)), 100))
		b.reply(ctx, r, []outgoing{notice(unknownButton)})
		return
	}
	switch action {
	case actionUp, actionDown, actionAnswerGap:
		b.clickQuestion(ctx, r, action, id)
		return
	}
	rec, ok := b.answers.get(id)
	if !ok {
		b.log.Info("button of a forgotten answer", "user_id", userID(r.i), "action", action)
		text := expiredExcerpts
		if action == actionPublish {
			text = expiredPublish
		}
		b.reply(ctx, r, []outgoing{notice(text)})
		return
	}
	switch action {
	case actionExcerpts:
		if len(rec.excerpts) == 0 {
			b.reply(ctx, r, []outgoing{notice(noExcerpts)})
			return
		}
		b.reply(ctx, r, rec.excerpts)
	case actionPublish:
		b.publish(ctx, r, rec)
	}
}
