package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

// idle waits until the bot has finished with every interaction and
// message (a post to the moderation channel comes after the answer).
func (c *curated) idle() {
	c.t.Helper()
	waitUntil(c.t, "the bot to be idle", func() bool { return c.bot.work.count() == 0 })
}

// TestGapAnsweredByAModerator closes the loop: a refused question is
// posted to the moderators and listed by /lacunes with a phrasing of the
// same question; a moderator answers it through Répondre; the next
// member gets that answer, cited « Réponses des modérateurs », and the
// gap is gone.
func TestGapAnsweredByAModerator(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	mod := moderator("10")

	refused := c.answer("30", "Quelle est la capitale de l’Australie ?")
	if str(embeds(refused)[0], "description") != rag.RefusalText {
		t.Fatalf("answer %v, want the refusal", embeds(refused)[0])
	}
	if ids := strings.Join(customIDs(refused), " "); !strings.Contains(ids, actionUp+":") || !strings.Contains(ids, actionDown+":") {
		t.Errorf("a refusal carries buttons %q, want 👍 and 👎", ids)
	}
	c.answer("31", "La capitale de l'Australie, quelle est-elle ?")
	c.idle()
	if posts := c.moderationPosts(); len(posts) != 1 || !strings.Contains(posts[0], "**Nouvelle lacune** : je n’ai pas su répondre à « Quelle est la capitale de l’Australie ? »") {
		t.Errorf("moderation channel got %q, want the new gap once", posts)
	}

	gaps := c.push(c.slash(cmdGaps, mod, daysOpt(7)))
	body := c.reply(gaps)
	mustContain(t, "/lacunes", text(body), "Lacunes sur les 7 derniers jours : 1 groupe, 2 questions",
		"**1.** « La capitale de l'Australie, quelle est-elle ? » — 2 fois, la dernière <t:")
	answerID := buttonID(t, body, actionAnswerGap)

	// A member can neither open the form nor submit one.
	if got := c.privateReply(c.clickAs(member("33", 0), answerID)); got != notModerator {
		t.Errorf("a member clicking Répondre got %q", got)
	}
	form := c.modal(c.clickAs(mod, answerID))
	if str(form, "title") != "Répondre à une lacune" || !strings.Contains(mustJSON(t, form), `"value":"La capitale de l'Australie, quelle est-elle ?"`) {
		t.Errorf("Répondre opened %s", mustJSON(t, form))
	}
	values := map[string]string{headingInput: "Quelle est la capitale de l’Australie ?", answerInput: "La capitale de l’Australie est Canberra, et non Sydney."}
	if got := c.privateReply(c.submit(member("33", 0), str(form, "custom_id"), values)); got != notModerator {
		t.Errorf("a member submitting the form got %q", got)
	}
	got := c.privateReply(c.submit(mod, str(form, "custom_id"), values))
	mustContain(t, "the answer's confirmation", got, "Réponse enregistrée pour « Quelle est la capitale de l’Australie ? »",
		"citant « Réponses des modérateurs »", "Documents rechargés", "• Réponses des modérateurs.md", "Réponses des modérateurs (1)")

	e := embeds(c.answer("32", "Quelle est la capitale de l'Australie ?"))[0]
	if !strings.Contains(str(e, "description"), "Canberra") ||
		fields(e)["Sources"] != "[1] Réponses des modérateurs.md — Quelle est la capitale de l’Australie ?" {
		t.Errorf("the next member got %v, want the moderator's answer", e)
	}
	if got := text(c.reply(c.push(c.slash(cmdGaps, mod)))); !strings.Contains(got, "Aucune lacune sur les 30 derniers jours") {
		t.Errorf("/lacunes after the answer: %s", got)
	}
	// The form is spent: submitting it again is told so.
	if got := c.privateReply(c.submit(mod, str(form, "custom_id"), values)); got != expiredDraft {
		t.Errorf("a second submission got %q", got)
	}
}

// TestModeratorCommandsRefuseMembers: members get a private refusal and
// nothing is downloaded or read.
func TestModeratorCommandsRefuseMembers(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	someone := member("60", discordgo.PermissionSendMessages|discordgo.PermissionManageMessages, "555")
	for _, i := range []*discordgo.Interaction{
		c.attach(someone, "guide.md", visas),
		c.subcommand(someone, subList),
		c.subcommand(someone, subRemove, stringOpt(optName, "guide.md")),
		c.push(c.slash(cmdGaps, someone)),
		c.push(c.slash(cmdStats, someone, daysOpt(3))),
		c.attach(nil, "guide.md", visas), // in direct messages
	} {
		if got := c.privateReply(i); got != notModerator {
			t.Errorf("a member got %q, want the refusal", got)
		}
	}
	if n := len(c.fake.Requests(fakediscord.IsDownload)); n != 0 {
		t.Errorf("%d downloads for members", n)
	}
	if files := storedFiles(t, c.dataDir); len(files) != 0 {
		t.Errorf("documents stored for members: %v", files)
	}
}
