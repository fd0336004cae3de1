package bot

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

// renderThemes lists the themes with their number of passages.
func renderThemes(themes []rag.Theme) []outgoing {
	if len(themes) == 0 {
		return []outgoing{notice("Aucun document n’est chargé pour le moment : je ne couvre aucun thème.")}
	}
	lines := make([]string, len(themes))
	total := 0
	for i, t := range themes {
		lines[i] = fmt.Sprintf("• **%s** — %s", escape(truncate(inert(t.Title), 200)), passages(t.Chunks))
		total += t.Chunks
	}
	var out []outgoing
	for i, piece := range split(strings.Join(lines, "\n"), maxDescription) {
		e := &discordgo.MessageEmbed{Description: piece, Color: colorInfo}
		if i == 0 {
			e.Title = fmt.Sprintf("Thèmes couverts : %d (%s)", len(themes), passages(total))
		}
		out = append(out, outgoing{Embeds: []*discordgo.MessageEmbed{e}})
	}
	last := out[len(out)-1].Embeds[0]
	last.Footer = &discordgo.MessageEmbedFooter{Text: "Pour restreindre une question à un thème : /question texte: … theme: …"}
	return out
}

func passages(n int) string {
	if n <= 1 {
		return fmt.Sprintf("%d passage", n)
	}
	return fmt.Sprintf("%d passages", n)
}

// renderHelp says what the bot does and how to ask it.
func renderHelp(o options) outgoing {
	lines := append([]string{
		"Je réponds en français aux questions sur les documents qu’on m’a confiés, " +
			"en citant mes sources (document et section). Si les documents ne couvrent pas " +
			"une question, je le dis plutôt que d’inventer.",
		"",
		"**Poser une question**",
		"• `/question texte: …` : la réponse s’affiche dans le salon, avec ses sources.",
		"• Ajoutez `theme: …` pour chercher dans un seul thème (la liste se complète en tapant).",
		"• Mentionnez-moi suivi de votre question dans un salon, ou écrivez-moi en message privé : " + whereIAnswer(o),
		"• Une question de suite ? Répondez à l’une de mes réponses, mentionnez-moi de nouveau dans le fil où j’ai répondu, " +
			"ou écrivez-moi de nouveau en privé : je tiens compte des échanges précédents pendant " + frenchSpan(o.conversationTTL) + ".",
		"• Clic droit sur un message → Applications → « Demander au bot » : je réponds à ce message pour vous seul, " +
			"avec un bouton pour publier la réponse dans le salon.",
		"• « Voir les extraits », sous une réponse, vous montre les passages cités tels qu’ils figurent dans les documents.",
		"",
		"**Autres commandes**",
		"• `/themes` : les thèmes couverts et leur nombre de passages.",
		"• `/aide` : ce message.",
		"• `/recharger` : recharge les documents (modérateurs seulement).",
	}, curationHelp(o)...)
	lines = append(lines,
		"",
		"**Limites**",
		fmt.Sprintf("• %d caractères au plus par question.", o.maxQuestionChars),
		fmt.Sprintf("• %d questions par minute et par personne.", o.ratePerMinute),
		"• Je ne mentionne jamais personne dans mes réponses.",
	)
	text := strings.Join(lines, "\n")
	return outgoing{Embeds: []*discordgo.MessageEmbed{{
		Title:       "Aide : comment m’interroger",
		Description: text,
		Color:       colorInfo,
	}}}
}

// renderReload summarises a successful reload for the moderator.
func renderReload(r rag.ReloadReport) outgoing {
	desc := strings.Join([]string{
		"Durée : " + frenchDuration(r.Duration),
		fmt.Sprintf("Documents : %d — ajoutés : %d, modifiés : %d, supprimés : %d",
			r.Documents, len(r.DocumentsAdded), len(r.DocumentsChanged), len(r.DocumentsRemoved)),
		fmt.Sprintf("Passages : %d — ajoutés : %d, supprimés : %d, inchangés : %d",
			r.Chunks, r.ChunksAdded, r.ChunksRemoved, r.ChunksKept),
	}, "\n")
	e := &discordgo.MessageEmbed{Title: "Documents rechargés", Description: desc, Color: colorInfo}
	addList := func(name string, items []string) {
		if len(items) == 0 {
			return
		}
		for i := range items {
			items[i] = "• " + escape(truncate(inert(items[i]), 200))
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: packLines(items, maxFieldValue, 1)[0]})
	}
	addList("Documents ajoutés", append([]string(nil), r.DocumentsAdded...))
	addList("Documents modifiés", append([]string(nil), r.DocumentsChanged...))
	addList("Documents supprimés", append([]string(nil), r.DocumentsRemoved...))
	themes := make([]string, len(r.Themes))
	for i, t := range r.Themes {
		themes[i] = fmt.Sprintf("%s (%d)", t.Title, t.Chunks)
	}
	addList(fmt.Sprintf("Thèmes : %d", len(r.Themes)), themes)
	addList("Fichiers ignorés", skippedLines(r.Skipped))
	return outgoing{Embeds: []*discordgo.MessageEmbed{e}}
}

// renderReloadFailure tells the moderator the reload changed nothing,
// and why, with anything that looks like a credential masked.
func renderReloadFailure(err error) outgoing {
	return notice("Le rechargement a échoué : rien n’a changé, les questions sont toujours " +
		"traitées avec les documents précédents.\n" + reloadWhy(err))
}

// reloadWhy says why a reload failed.
func reloadWhy(err error) string {
	why := explainBrokenReload(err)
	if why == "" {
		why = Explain(err)
	}
	if why == Apology {
		why = "Raison : " + truncate(scrub(inert(err.Error())), 1500)
	}
	return why
}

var (
	credentialLike = regexp.MustCompile(`[A-Za-z0-9_\-]{24,}(\.[A-Za-z0-9_\-]{6,}){0,2}`)
	urlUserinfo    = regexp.MustCompile(`://[^/\s@]+@`)
)

// scrub masks what could be a key or a token in an error message.
func scrub(s string) string {
	s = urlUserinfo.ReplaceAllString(s, "://[masqué]@")
	return credentialLike.ReplaceAllString(s, "[masqué]")
}

func frenchDuration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return strings.Replace(fmt.Sprintf("%.1f s", d.Seconds()), ".", ",", 1)
}

// whereIAnswer says where the answer to a mention or a message goes.
func whereIAnswer(o options) string {
	if o.answerInThread {
		return "dans un salon, je réponds dans un fil ouvert sur votre message ; en privé, à votre message."
	}
	return "je réponds à votre message."
}

// frenchSpan says a duration of minutes or hours in words.
func frenchSpan(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%d minute%s", m, plural(m, "", "s"))
	case m == 0:
		return fmt.Sprintf("%d heure%s", h, plural(h, "", "s"))
	}
	return fmt.Sprintf("%d h %02d", h, m)
}

// curationHelp tells members about votes and /oublier, and names the
// moderators' commands, when curation is on.
func curationHelp(o options) []string {
	if o.curation == nil {
		return nil
	}
	days := retentionDays(o.curation.Retention)
	return []string{
		"• `/document`, `/lacunes`, `/statistiques` : gérer les documents, répondre aux questions restées sans réponse, " +
			"suivre l’usage (modérateurs seulement).",
		fmt.Sprintf("• `/oublier` : efface tout ce que j’ai enregistré de vous. J’enregistre chaque question (sans votre identifiant "+
			"Discord en clair) et vos avis, %s au plus, pour aider les modérateurs à compléter les documents.", pluralize(days, "jour", "jours")),
		"• 👍 et 👎, sous chaque réponse : votre avis ; 👎 vous laisse ajouter un commentaire pour les modérateurs.",
	}
}
