package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// maxGapsShown is how many gaps /lacunes shows, each with its Répondre
// button: two rows of five.
const maxGapsShown = 10

// renderGaps lists the most frequent gaps of the period, each with a
// Répondre button.
func renderGaps(gaps []store.Gap, days int) []outgoing {
	period := "les " + pluralize(days, "dernier jour", "derniers jours")
	if len(gaps) == 0 {
		return []outgoing{notice(fmt.Sprintf("Aucune lacune sur %s : j’ai répondu à chaque question, et aucune réponse n’a reçu de 👎.", period))}
	}
	total := 0
	for _, g := range gaps {
		total += g.Count
	}
	shown := gaps[:min(len(gaps), maxGapsShown)]
	lines := make([]string, len(shown))
	var row []discordgo.MessageComponent
	var rows []discordgo.MessageComponent
	for i, g := range shown {
		line := fmt.Sprintf("**%d.** « %s » — %s, la dernière %s", i+1, escape(truncate(oneLine(inert(g.Example)), 250)),
			pluralize(g.Count, "fois", "fois"), discordTime(g.Last, "R"))
		if g.Answered {
			line += fmt.Sprintf(" ; répondue %s, mais demandée encore depuis", discordTime(g.AnsweredAt, "R"))
		}
		lines[i] = line
		row = append(row, discordgo.Button{Label: fmt.Sprintf("Répondre %d", i+1), Style: discordgo.PrimaryButton,
			CustomID: questionCustomID(actionAnswerGap, g.ExampleID)})
		if len(row) == 5 || i == len(shown)-1 {
			rows = append(rows, discordgo.ActionsRow{Components: row})
			row = nil
		}
	}
	e := &discordgo.MessageEmbed{
		Title: truncate(fmt.Sprintf("Lacunes sur %s : %s, %s", period, pluralize(len(gaps), "groupe", "groupes"),
			pluralize(total, "question", "questions")), maxTitle),
		Description: strings.Join(lines, "\n"),
		Color:       colorInfo,
		Footer: &discordgo.MessageEmbedFooter{Text: "Questions refusées, ou dont la réponse a reçu un 👎, regroupées quand " +
			"elles demandent la même chose. « Répondre » enregistre votre réponse : je la donnerai ensuite, citée « " + AnswersTitle + " »."},
	}
	if len(gaps) > len(shown) {
		e.Description += fmt.Sprintf("\n… et %s.", pluralize(len(gaps)-len(shown), "autre groupe, moins demandé", "autres groupes, moins demandés"))
	}
	return []outgoing{{Embeds: []*discordgo.MessageEmbed{e}, Components: rows}}
}

// renderStats sums up a period for moderators.
func renderStats(st store.Stats, days int) outgoing {
	share := func(n int) string {
		if st.Asked == 0 {
			return ""
		}
		return fmt.Sprintf(" (%d %%)", (100*n+st.Asked/2)/st.Asked)
	}
	lines := []string{
		"Questions posées : " + fmt.Sprint(st.Asked),
		fmt.Sprintf("Répondues : %d%s — refusées : %d%s", st.Answered, share(st.Answered), st.Refused, share(st.Refused)),
		fmt.Sprintf("Avis : %d 👍, %d 👎", st.Up, st.Down),
	}
	if st.Asked > 0 {
		lines = append(lines, fmt.Sprintf("Temps de réponse : %s en médiane, %s pour 95 %% des questions",
			frenchDuration(st.Median), frenchDuration(st.P95)))
	}
	e := &discordgo.MessageEmbed{
		Title:       "Statistiques des " + pluralize(days, "dernier jour", "derniers jours"),
		Description: strings.Join(lines, "\n"),
		Color:       colorInfo,
	}
	if len(st.Themes) > 0 {
		themes := make([]string, len(st.Themes))
		for i, t := range st.Themes {
			themes[i] = fmt.Sprintf("%d. %s — %s", i+1, escape(truncate(inert(t.Theme), 150)), pluralize(t.Count, "question", "questions"))
		}
		e.Fields = []*discordgo.MessageEmbedField{{Name: "Thèmes les plus demandés", Value: packLines(themes, maxFieldValue, 1)[0]}}
	}
	return outgoing{Embeds: []*discordgo.MessageEmbed{e}}
}

// renderForgotten tells a member what /oublier removed; a moderator,
// also what it leaves.
func renderForgotten(r store.Removed, moderator bool) string {
	text := "Je n’avais aucune question ni aucun avis enregistrés à votre nom : il n’y a rien à effacer."
	if r.Questions > 0 || r.Votes > 0 {
		text = fmt.Sprintf("C’est fait : j’ai effacé %s (avec leurs sources et les avis reçus) et %s. "+
			"Je ne garde plus aucune de vos questions ni aucun de vos avis ; votre identifiant Discord n’a jamais été enregistré tel quel.",
			pluralize(r.Questions, "question que vous avez posée", "questions que vous avez posées"),
			pluralize(r.Votes, "avis que vous avez donné", "avis que vous avez donnés"))
	}
	if moderator {
		text += " Le journal de modération garde vos actions de modérateur (documents ajoutés ou retirés, réponses aux lacunes) : " +
			"elles relèvent du travail de modération."
	}
	return text
}

// renderDocuments lists the documents answered from, with their origin,
// passages and themes, and the added ones not loaded (yet).
func renderDocuments(loaded []rag.DocumentStats, added []store.Document, builtIn bool) []outgoing {
	byName := make(map[string]store.Document, len(added))
	for _, d := range added {
		byName[AddedFolder+"/"+d.Name] = d
	}
	folder := "dossier de connaissances"
	if builtIn {
		folder = "connaissance intégrée au programme"
	}
	var lines []string
	for _, d := range loaded {
		origin := folder
		if a, ok := byName[d.Name]; ok {
			origin = addedBy(a)
			delete(byName, d.Name)
		} else if d.Name == AnswersDocument {
			origin = "réponses des modérateurs aux lacunes (une section par question)"
		}
		lines = append(lines, fmt.Sprintf("• **%s** — %s ; %s ; thèmes : %s", escape(truncate(inert(d.Name), 150)), origin,
			passages(d.Chunks), escape(truncate(inert(strings.Join(d.Themes, ", ")), 300))))
	}
	for _, a := range added { // stored, but not in the index
		if _, left := byName[AddedFolder+"/"+a.Name]; left {
			lines = append(lines, fmt.Sprintf("• **%s/%s** — %s ; pas encore chargé : /recharger le chargera",
				AddedFolder, escape(truncate(inert(a.Name), 150)), addedBy(a)))
		}
	}
	var out []outgoing
	for i, piece := range split(strings.Join(lines, "\n"), maxDescription) {
		e := &discordgo.MessageEmbed{Description: piece, Color: colorInfo}
		if i == 0 {
			e.Title = "Documents : " + fmt.Sprint(len(loaded))
		}
		out = append(out, outgoing{Embeds: []*discordgo.MessageEmbed{e}})
	}
	if len(out) == 0 {
		return []outgoing{notice("Aucun document n’est chargé.")}
	}
	others := "Ceux du dossier de connaissances se gèrent sur le serveur."
	if builtIn {
		others = "La connaissance intégrée ne change qu’avec le programme."
	}
	out[len(out)-1].Embeds[0].Footer = &discordgo.MessageEmbedFooter{Text: "/document ajouter ajoute un document ; " +
		"/document retirer retire un document ajouté. " + others}
	return out
}

// addedBy says who added a document and when.
func addedBy(d store.Document) string {
	s := fmt.Sprintf("ajouté par %s %s", escape(truncate(oneLine(inert(d.AddedBy.Name)), 80)), discordTime(d.AddedAt, "f"))
	if d.Replaced > 0 {
		s += fmt.Sprintf(" (%dᵉ version)", d.Replaced+1)
	}
	return s
}

// discordTime is a timestamp each member's client shows in their own
// time zone and language: style "f" a date and time, "R" a relative
// time (« il y a 3 jours »).
func discordTime(t time.Time, style string) string {
	return fmt.Sprintf("<t:%d:%s>", t.Unix(), style)
}
