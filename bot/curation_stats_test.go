package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestStatisticsCountWhatWasAsked: /statistiques gives the figures of
// the questions asked and the votes cast, themes included.
func TestStatisticsCountWhatWasAsked(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	first := c.answer("80", "Qu’est-ce qu’une notice rouge ?")
	c.answer("81", "Que permettent les bases de données criminelles ?")
	c.answer("82", "Que renforcent les programmes de formation ?")
	c.answer("83", "Quelle est la capitale de l’Australie ?")
	refused := c.answer("84", "Quelle est la recette de la tarte tatin ?")
	c.privateReply(c.clickAs(member("85", 0), buttonID(t, first, actionUp)))
	form := c.modal(c.clickAs(member("85", 0), buttonID(t, refused, actionDown)))
	c.privateReply(c.submit(member("85", 0), str(form, "custom_id"), nil))

	got := c.privateReply(c.push(c.slash(cmdStats, moderator("10"), daysOpt(7))))
	mustContain(t, "/statistiques", got, "Statistiques des 7 derniers jours", "Questions posées : 5",
		"Répondues : 3 (60 %) — refusées : 2 (40 %)", "Avis : 1 👍, 1 👎", "Temps de réponse : ", " en médiane, ",
		"Thèmes les plus demandés", "1. Coopération policière — 2 questions", "2. Formation — 1 question")
	if strings.Contains(got, "3.") {
		t.Errorf("refusals have no theme, yet a third theme is listed:\n%s", got)
	}
}

// TestForget: /oublier deletes a member's questions and votes, and the
// votes of others on their questions, and says what it removed; the
// other members' questions stay.
func TestForget(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	mine := c.answer("90", "Qu’est-ce qu’une notice rouge ?")
	c.answer("90", "Quelle est la capitale de l’Australie ?")
	theirs := c.answer("91", "Que renforcent les programmes de formation ?")
	c.privateReply(c.clickAs(member("90", 0), buttonID(t, theirs, actionUp)))
	c.privateReply(c.clickAs(member("91", 0), buttonID(t, mine, actionUp)))

	got := c.privateReply(c.push(c.slash(cmdForget, member("90", 0))))
	if got != "C’est fait : j’ai effacé 2 questions que vous avez posées (avec leurs sources et les avis reçus) et 1 avis que vous avez donné. "+
		"Je ne garde plus aucune de vos questions ni aucun de vos avis ; votre identifiant Discord n’a jamais été enregistré tel quel." {
		t.Errorf("/oublier said %q", got)
	}
	st, err := c.db.Stats(context.Background(), time.Time{})
	if err != nil || st.Asked != 1 || st.Up != 0 {
		t.Errorf("after /oublier: %d questions and %d 👍 (%v); want the other member's question alone", st.Asked, st.Up, err)
	}
	if got := c.privateReply(c.push(c.slash(cmdForget, nil))); got != "Je n’avais aucune question ni aucun avis enregistrés à votre nom : il n’y a rien à effacer." {
		t.Errorf("/oublier in a direct message, with nothing stored, said %q", got)
	}
	// A vote on a forgotten question is refused politely.
	if got := c.privateReply(c.clickAs(member("92", 0), buttonID(t, mine, actionUp))); got != forgottenVote {
		t.Errorf("a vote on a forgotten answer got %q", got)
	}
}

// TestDocumentsAndDatabaseSurviveARestart: a second bot on the same
// data folder answers from the documents the first one added, and counts
// the questions the first one recorded.
func TestDocumentsAndDatabaseSurviveARestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first := startCurated(t, dir, curatedOptions{})
	first.privateReply(first.attach(moderator("10"), "guide-visas.md", visas))
	refused := first.answer("20", "Quelle est la capitale de l’Australie ?")
	first.close(t)

	second := startCurated(t, dir, curatedOptions{})
	if !slices.Contains(docNames(second.engine), AddedFolder+"/guide-visas.md") {
		t.Errorf("after the restart the engine reads %v", docNames(second.engine))
	}
	e := embeds(second.answer("21", "Qui délivre les visas diplomatiques ?"))[0]
	if fields(e)["Sources"] != "[1] ajouts/guide-visas.md — Délivrance des visas" {
		t.Errorf("after the restart: %v", e)
	}
	// A vote on an answer given before the restart still counts.
	second.privateReply(second.clickAs(member("22", 0), buttonID(t, refused, actionUp)))
	mustContain(t, "/statistiques after the restart", second.privateReply(second.push(second.slash(cmdStats, moderator("10")))),
		"Questions posées : 2", "Répondues : 1 (50 %) — refusées : 1 (50 %)", "Avis : 1 👍, 0 👎")
	mustContain(t, "/document liste after the restart", second.privateReply(second.subcommand(moderator("10"), subList)),
		"**ajouts/guide-visas.md** — ajouté par Modo 10")
	second.idle()
	if posts := second.moderationPosts(); len(posts) != 0 {
		t.Errorf("the second bot posted %q: the gap was known before the restart", posts)
	}
	second.answer("23", "Quelle est la capitale de l’Australie ?")
	second.idle()
	if posts := second.moderationPosts(); len(posts) != 0 {
		t.Errorf("a gap known before the restart was posted as new: %q", posts)
	}
}
