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
	noExcerpts = "Cette réponse ne cite aucun passage des documents."
)

// click answers a button of one of the bot's answers: Voir les extraits. Buttons name the answer by an ID the bot keeps for a
// while (answers.go); one it cannot read, or no longer knows, gets a
// polite private message.
func (b *Bot) click(ctx context.Context, r *interactionReply, data discordgo.MessageComponentInteractionData) {
	action, id, ok := parseCustomID(data.CustomID)
	if !ok {
		b.log.Info("unknown button", "user_id", userID(r.i), "custom_id", truncate(oneLine(inert(data.CustomID)), 100))
		b.reply(ctx, r, []outgoing{notice(unknownButton)})
		return
	}
	rec, ok := b.answers.get(id)
	if !ok {
		b.log.Info("button of a forgotten answer", "user_id", userID(r.i), "action", action)
		b.reply(ctx, r, []outgoing{notice(expiredExcerpts)})
		return
	}
	switch action {
	case actionExcerpts:
		if len(rec.excerpts) == 0 {
			b.reply(ctx, r, []outgoing{notice(noExcerpts)})
			return
		}
		b.reply(ctx, r, rec.excerpts)
	}
}
