package bot

import (
	"context"
	"errors"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// moderatorOnly lets a moderator through, and tells anyone else,
// privately, that what they used is for moderators, before anything is
// downloaded or changed.
func (b *Bot) moderatorOnly(ctx context.Context, r *interactionReply, what string) bool {
	if b.isModerator(r.i) {
		return true
	}
	b.log.Info("refused: not a moderator", "what", what, "user_id", userID(r.i))
	b.reply(ctx, r, []outgoing{notice(notModerator)})
	return false
}

// moderator is the member who used an interaction, as the moderation
// log names them.
func (b *Bot) moderator(i *discordgo.Interaction) store.Moderator {
	name := oneLine(inert(displayName(i)))
	if name == "" {
		name = "modérateur"
	}
	return store.Moderator{Name: clip(name, store.MaxNameChars), User: b.cur.Store.HashUser(userID(i))}
}

// reloadWait bounds how long a change waits for a reload already
// running (a /recharger, a SIGHUP) to finish before it reloads in turn.
const reloadWait = 2 * time.Minute

// reloadAfterChange reloads the knowledge after a moderator changed it,
// tells the other processes sharing the database to do the same, and
// replies with head and the reload's summary. A reload already running
// may have read the folder before the change: the change waits for it,
// then reloads again.
func (b *Bot) reloadAfterChange(ctx context.Context, r *interactionReply, head string) {
	deadline := time.Now().Add(reloadWait)
	var rep rag.ReloadReport
	var err error
	for {
		rep, err = b.engine.Reload(ctx)
		if !errors.Is(err, rag.ErrReloadInProgress) || time.Now().After(deadline) {
			break
		}
		if sleep(ctx, 200*time.Millisecond) != nil {
			break
		}
	}
	if err != nil {
		b.logError(b.log.With(r.who()...), "reload after a change", err)
		b.reply(ctx, r, []outgoing{notice(head + "\n\nMais le rechargement a échoué : je réponds encore avec les documents " +
			"précédents, et le changement sera pris en compte au prochain rechargement réussi (/recharger).\n" + reloadWhy(err))})
		return
	}
	if err := b.cur.Store.Notify(ctx); err != nil {
		b.log.Warn("tell the other processes to reload", "err", err)
	}
	b.log.Info("knowledge reloaded after a change", "user_id", userID(r.i), "report", rep)
	summary := renderReload(rep)
	summary.Content = truncate(head, maxContent)
	b.reply(ctx, r, []outgoing{summary})
}
