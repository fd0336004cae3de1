package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
)

// /document ajouter, retirer and liste: moderators add documents from
// Discord, remove them, and list every document with its origin.

// documentCommand runs a subcommand of /document for a moderator.
func (b *Bot) documentCommand(ctx context.Context, r *interactionReply, data discordgo.ApplicationCommandInteractionData) {
	if !b.moderatorOnly(ctx, r, "/document") {
		return
	}
	var sub *discordgo.ApplicationCommandInteractionDataOption
	if len(data.Options) == 1 && data.Options[0].Type == discordgo.ApplicationCommandOptionSubCommand {
		sub = data.Options[0]
	}
	switch {
	case sub == nil:
		b.reply(ctx, r, []outgoing{notice("Précisez : /document ajouter, /document retirer ou /document liste.")})
	case sub.Name == subAdd:
		b.addDocument(ctx, r, attachmentOption(data, sub.Options, optFile))
	case sub.Name == subRemove:
		b.removeDocument(ctx, r, strings.TrimSpace(stringOption(sub.Options, optName)))
	case sub.Name == subList:
		b.listDocuments(ctx, r)
	default:
		b.reply(ctx, r, []outgoing{notice("Je ne connais pas cette sous-commande de /document.")})
	}
}

// addDocument downloads an attachment, checks that the loader can use
// it, stores it, reloads the knowledge and sends the summary. Nothing is
// written unless the file is usable; what can be checked before the
// download (its name, type, announced size and host) is.
func (b *Bot) addDocument(ctx context.Context, r *interactionReply, att *discordgo.MessageAttachment) {
	c := b.cur
	if att == nil {
		b.reply(ctx, r, []outgoing{notice("Joignez le fichier à ajouter : /document ajouter fichier: …")})
		return
	}
	name := att.Filename
	shown := "« " + escape(truncate(oneLine(inert(name)), 100)) + " »"
	refuse := func(why string) {
		b.log.Info("document refused", "user_id", userID(r.i), "name", truncate(oneLine(inert(name)), 100), "why", why)
		b.reply(ctx, r, []outgoing{notice(fmt.Sprintf("Je ne peux pas ajouter %s : %s. %s", shown, why, unchanged))})
	}
	if why := documentNameProblem(name); why != "" {
		refuse(why)
		return
	}
	if att.Size > knowledge.MaxFileSize {
		refuse(fmt.Sprintf("il fait %s, et j’en accepte %d Mio au plus ; je ne l’ai pas téléchargé",
			sizeText(int64(att.Size)), knowledge.MaxFileSize>>20))
		return
	}
	src, err := c.client.source(att)
	if err != nil {
		refuse(explainDownload(err))
		return
	}
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("document lost: could not acknowledge /document ajouter", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	data, err := c.client.fetch(ctx, src)
	if err != nil {
		b.log.Info("attachment not downloaded", "user_id", userID(r.i), "err", redact(err.Error()))
		refuse(explainDownload(err))
		return
	}
	if _, err := knowledge.Parse(name, data); err != nil {
		refuse("il est inutilisable : " + rag.ExplainUnusable(err))
		return
	}
	c.changing.Lock()
	defer c.changing.Unlock()
	doc, err := c.Store.AddDocument(ctx, c.DocumentsDir, name, data, b.moderator(r.i))
	if err != nil {
		b.logError(b.log.With(r.who()...), "store a document", err)
		b.reply(ctx, r, []outgoing{notice(fmt.Sprintf("Je n’ai pas pu enregistrer %s. %s", shown, explainOr(err)))})
		return
	}
	b.log.Info("document added", "user_id", userID(r.i), "name", truncate(oneLine(inert(name)), 100), "bytes", doc.Size, "version", doc.Replaced+1)
	head := fmt.Sprintf("Document %s ajouté (%s).", shown, sizeText(doc.Size))
	if doc.Replaced > 0 {
		head = fmt.Sprintf("Nouvelle version (la %dᵉ) du document %s (%s) : elle remplace la précédente.", doc.Replaced+1, shown, sizeText(doc.Size))
	}
	b.reloadAfterChange(ctx, r, head)
}

// removeDocument removes an added document, then reloads.
func (b *Bot) removeDocument(ctx context.Context, r *interactionReply, name string) {
	c := b.cur
	name = strings.TrimPrefix(name, AddedFolder+"/")
	shown := "« " + escape(truncate(oneLine(inert(name)), 100)) + " »"
	if store.CheckDocumentName(name) != nil {
		b.reply(ctx, r, []outgoing{notice(fmt.Sprintf("Aucun document ajouté ne s’appelle %s. /document liste les montre tous.", shown))})
		return
	}
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("removal lost: could not acknowledge /document retirer", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	c.changing.Lock()
	defer c.changing.Unlock()
	err := c.Store.RemoveDocument(ctx, c.DocumentsDir, name, b.moderator(r.i))
	switch {
	case errors.Is(err, store.ErrNotFound) && name == AnswersDocument:
		b.reply(ctx, r, []outgoing{notice(fmt.Sprintf("%s rassemble les réponses des modérateurs aux lacunes : "+
			"il ne se retire pas, et ses réponses ne s’effacent pas encore depuis Discord.", shown))})
		return
	case errors.Is(err, store.ErrNotFound) && b.inFolder(name):
		b.reply(ctx, r, []outgoing{notice(fmt.Sprintf("%s fait partie du dossier de connaissances, que je ne modifie pas depuis Discord : "+
			"il se gère sur le serveur (modifiez le dossier, puis /recharger). Seuls les documents ajoutés avec /document ajouter "+
			"se retirent ici.", shown))})
		return
	case errors.Is(err, store.ErrNotFound):
		b.reply(ctx, r, []outgoing{notice(fmt.Sprintf("Aucun document ajouté ne s’appelle %s. /document liste les montre tous.", shown))})
		return
	case err != nil:
		b.logError(b.log.With(r.who()...), "remove a document", err)
		b.reply(ctx, r, []outgoing{notice(fmt.Sprintf("Je n’ai pas pu retirer %s. %s", shown, explainOr(err)))})
		return
	}
	b.log.Info("document removed", "user_id", userID(r.i), "name", truncate(oneLine(inert(name)), 100))
	b.reloadAfterChange(ctx, r, fmt.Sprintf("Document %s retiré.", shown))
}

// inFolder tells whether the engine answers from a document of the
// knowledge folder with this name.
func (b *Bot) inFolder(name string) bool {
	for _, d := range b.cur.Library.Documents() {
		if d.Name == name || strings.HasSuffix(d.Name, "/"+name) && !strings.HasPrefix(d.Name, AddedFolder+"/") {
			return true
		}
	}
	return false
}

// listDocuments lists every document with its origin, passages and
// themes.
func (b *Bot) listDocuments(ctx context.Context, r *interactionReply) {
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("/document liste lost: could not acknowledge it", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	added, err := b.cur.Store.Documents(ctx)
	if err != nil {
		b.logError(b.log.With(r.who()...), "list documents", err)
		b.reply(ctx, r, []outgoing{notice(explainOr(err))})
		return
	}
	b.reply(ctx, r, renderDocuments(b.cur.Library.Documents(), added, b.cur.BuiltIn))
}

// autocompleteDocuments suggests the added documents whose name holds
// what a moderator typed, to /document retirer; others get no choice.
func (b *Bot) autocompleteDocuments(ctx context.Context, r *interactionReply, typed string) []choice {
	choices := []choice{}
	if b.cur == nil || !b.isModerator(r.i) {
		return choices
	}
	docs, err := b.cur.Store.Documents(ctx)
	if err != nil {
		b.log.Warn("autocomplete documents", "err", err)
		return choices
	}
	typed = strings.ToLower(strings.TrimSpace(typed))
	var first, then []choice
	for _, d := range docs {
		lower := strings.ToLower(d.Name)
		if len([]rune(d.Name)) > 100 || !strings.Contains(lower, typed) {
			continue
		}
		ch := choice{Name: d.Name, Value: d.Name}
		if strings.HasPrefix(lower, typed) {
			first = append(first, ch)
		} else {
			then = append(then, ch)
		}
	}
	choices = append(choices, first...)
	choices = append(choices, then...)
	return choices[:min(len(choices), 25)]
}

// attachmentOption returns the attachment an option names, from the
// interaction's resolved data, or nil.
func attachmentOption(data discordgo.ApplicationCommandInteractionData, opts []*discordgo.ApplicationCommandInteractionDataOption, name string) *discordgo.MessageAttachment {
	for _, o := range opts {
		if o.Name != name || o.Type != discordgo.ApplicationCommandOptionAttachment || data.Resolved == nil {
			continue
		}
		id, _ := o.Value.(string)
		return data.Resolved.Attachments[id]
	}
	return nil
}

// intOption returns the value of the named integer option.
func intOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (int64, bool) {
	for _, o := range opts {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionInteger {
			if f, ok := o.Value.(float64); ok {
				return int64(f), true
			}
		}
	}
	return 0, false
}

// sizeText says a file's size in French.
func sizeText(n int64) string {
	switch {
	case n < 1<<10:
		return pluralize(int(n), "octet", "octets")
	case n < 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f Kio", float64(n)/(1<<10)), ".", ",", 1)
	}
	return strings.Replace(fmt.Sprintf("%.1f Mio", float64(n)/(1<<20)), ".", ",", 1)
}
