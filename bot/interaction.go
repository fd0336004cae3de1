package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// onInteraction handles one command, autocomplete request or click on a
// button. Each runs in its own goroutine (discordgo's default).
func (b *Bot) onInteraction(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	switch i.Type {
	case discordgo.InteractionApplicationCommandAutocomplete:
		defer b.recoverPanic(ctx, nil, "autocomplete")
		b.autocomplete(ctx, b.interactionReply(s, i))
		return
	case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent, discordgo.InteractionModalSubmit:
	default:
		return
	}
	r := b.interactionReply(s, i)
	if !b.work.enter() {
		b.reply(ctx, r, []outgoing{notice(Explain(errShuttingDown))})
		return
	}
	defer b.work.leave()
	if i.Type == discordgo.InteractionMessageComponent {
		defer b.recoverPanic(ctx, r, "button")
		b.click(ctx, r, i.MessageComponentData())
		return
	}
	if i.Type == discordgo.InteractionModalSubmit {
		defer b.recoverPanic(ctx, r, "modal")
		b.submit(ctx, r, i.ModalSubmitData())
		return
	}
	data := i.ApplicationCommandData()
	defer b.recoverPanic(ctx, r, "/"+data.Name)

	switch data.Name {
	case cmdAsk:
		b.askAboutMessage(ctx, r, data)
	case cmdQuestion:
		b.question(ctx, r, data)
	case cmdThemes:
		b.reply(ctx, r, renderThemes(b.engine.Themes()))
	case cmdHelp:
		b.reply(ctx, r, []outgoing{renderHelp(b.opts)})
	case cmdReload:
		b.reloadCommand(ctx, r)
	case cmdDocument, cmdGaps, cmdStats, cmdForget:
		if b.cur == nil {
			b.reply(ctx, r, []outgoing{notice("Je ne connais pas cette commande. Tapez /aide pour voir les miennes.")})
			return
		}
		b.curationCommand(ctx, r, data)
	default:
		b.reply(ctx, r, []outgoing{notice("Je ne connais pas cette commande. Tapez /aide pour voir les miennes.")})
	}
}

// recoverPanic, deferred in a handler, turns a panic into a log entry
// with its stack and an apology to the user, so the bot keeps running.
func (b *Bot) recoverPanic(ctx context.Context, r responder, what string) {
	v := recover()
	if v == nil {
		return
	}
	b.log.Error("handler panicked", "handler", what, "panic", redact(fmt.Sprint(v)), "stack", string(debug.Stack()))
	if r != nil {
		b.reply(ctx, r, []outgoing{notice(Explain(errPanic))})
	}
}

// reloadCommand reloads the knowledge for a moderator and sends them the
// summary; everyone else gets a polite refusal.
func (b *Bot) reloadCommand(ctx context.Context, r *interactionReply) {
	user := userID(r.i)
	if !b.isModerator(r.i) {
		b.log.Info("reload refused: not a moderator", "user_id", user)
		b.reply(ctx, r, []outgoing{notice(Explain(errNotModerator))})
		return
	}
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("reload not done: could not acknowledge /recharger", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	rep, err := b.engine.Reload(ctx)
	if errors.Is(err, rag.ErrReloadInProgress) {
		// Another moderator's reload runs: theirs will do.
		b.log.Info("reload refused: another is running", "user_id", user)
		b.reply(ctx, r, []outgoing{notice(Explain(err))})
		return
	}
	if err != nil {
		b.logError(b.log.With("user_id", user), "reload knowledge", err)
		b.reply(ctx, r, []outgoing{renderReloadFailure(err)})
		return
	}
	b.log.Info("knowledge reloaded", "user_id", user, "report", rep)
	if b.cur != nil {
		if _, err := b.cur.Store.RecordAction(ctx, store.Action{By: b.moderator(r.i), Kind: store.ActionReload}); err != nil {
			b.log.Warn("log the reload in the moderation log", "err", err)
		}
	}
	b.reply(ctx, r, []outgoing{renderReload(rep)})
}

// isModerator tells whether the member who sent the interaction may
// reload: Manage Server (or Administrator) in the channel, or one of the
// configured moderator roles. Never in direct messages.
func (b *Bot) isModerator(i *discordgo.Interaction) bool {
	m := i.Member
	if m == nil || i.GuildID == "" {
		return false
	}
	if m.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	for _, role := range m.Roles {
		if b.opts.moderatorRoles[role] {
			return true
		}
	}
	return false
}

func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}
