package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
)

// TestVotes: 👍 is recorded at once; 👎 opens a modal whose comment
// comes with the vote and goes to the moderators; a second vote of the
// same member replaces the first; everything is acknowledged privately.
func TestVotes(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	answer := c.answer("40", "Qu’est-ce qu’une notice rouge ?")
	up, down := buttonID(t, answer, actionUp), buttonID(t, answer, actionDown)
	if ids := customIDs(answer); len(ids) != 3 || !strings.HasPrefix(ids[0], actionExcerpts+":") {
		t.Errorf("buttons %q, want Voir les extraits, 👍 and 👎 in one row", ids)
	}
	asker := member("40", 0)

	if got := c.privateReply(c.clickAs(asker, up)); got != "Merci ! Votre avis est enregistré. 👍 : cette réponse vous a été utile." {
		t.Errorf("👍 acknowledged with %q", got)
	}
	// The first 👎 of another answer, without a comment, is a new gap.
	other0 := c.answer("42", "Que permettent les bases de données ?")
	firstDown := c.modal(c.clickAs(member("42", 0), buttonID(t, other0, actionDown)))
	c.privateReply(c.submit(member("42", 0), str(firstDown, "custom_id"), nil))

	form := c.modal(c.clickAs(asker, down))
	if !strings.HasPrefix(str(form, "custom_id"), modalDownvote+":") {
		t.Fatalf("👎 opened %s", mustJSON(t, form))
	}
	got := c.privateReply(c.submit(asker, str(form, "custom_id"), map[string]string{commentInput: "  Il manque le délai d’extradition. @everyone "}))
	if got != "Votre avis est changé. 👎 : cette réponse ne vous a pas aidé, avec votre commentaire, que les modérateurs liront. Merci !" {
		t.Errorf("👎 with a comment acknowledged with %q", got)
	}
	// Another member's 👎, without a comment: no post.
	other := c.modal(c.clickAs(member("41", 0), down))
	if got := c.privateReply(c.submit(member("41", 0), str(other, "custom_id"), map[string]string{commentInput: ""})); got != "Merci ! Votre avis est enregistré. 👎 : cette réponse ne vous a pas aidé." {
		t.Errorf("👎 without a comment acknowledged with %q", got)
	}
	c.idle()
	// The two posts go out on their own: in either order.
	posts := c.moderationPosts()
	slices.Sort(posts) // « **Nouvelle » sorts before « **👎 »
	if len(posts) != 2 || posts[0] != "**Nouvelle lacune** : ma réponse à « Que permettent les bases de données ? » a reçu un 👎.\n"+
		"`/lacunes` liste les lacunes, avec un bouton « Répondre » pour chacune." ||
		!strings.Contains(posts[1], "**👎 avec un commentaire** sur la réponse à « Qu’est-ce qu’une notice rouge ? »") ||
		!strings.Contains(posts[1], "> Il manque le délai d’extradition. @everyone") {
		t.Errorf("moderation channel got %q, want the new gap and the one comment", posts)
	}

	ctx := context.Background()
	st, err := c.db.Stats(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Up != 0 || st.Down != 3 {
		t.Errorf("votes stored: %d 👍, %d 👎; want the 👍 replaced: 0 and 3", st.Up, st.Down)
	}
	gaps, err := c.db.Gaps(ctx, time.Time{})
	if err != nil || len(gaps) != 2 {
		t.Errorf("gaps %+v, %v: each answer voted down is a gap", gaps, err)
	}
}

// TestEveryAnswerCarriesVotes: answers to a mention, a direct message,
// « Demander au bot » and its published copy carry 👍 and 👎 too, on
// the same question.
func TestEveryAnswerCarriesVotes(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	votes := func(what string, body map[string]any) string {
		t.Helper()
		ids := customIDs(body)
		if !slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, actionUp+":") }) ||
			!slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, actionDown+":") }) {
			t.Errorf("%s carries %q, want 👍 and 👎", what, ids)
			return ""
		}
		return buttonID(t, body, actionUp)
	}
	c.pushMessage(&discordgo.Message{ID: c.fake.ID(), ChannelID: channelID, GuildID: guildID, Content: "<@" + botID + "> Qu’est-ce qu’une notice rouge ?",
		Author: &discordgo.User{ID: "70"}, Mentions: []*discordgo.User{{ID: botID}}})
	questionOf(t, c, votes("the answer to a mention", c.wait(1, isChannelMessage(channelID))[0].Body), store.EntryMention, "70")
	c.pushMessage(&discordgo.Message{ID: c.fake.ID(), ChannelID: dmChannel, Content: "Que permettent les bases de données ?", Author: &discordgo.User{ID: "71"}})
	questionOf(t, c, votes("the answer to a direct message", c.wait(1, isChannelMessage(dmChannel))[0].Body), store.EntryDM, "71")

	target := &discordgo.Message{ID: c.fake.ID(), ChannelID: channelID, Content: "Que renforcent les programmes de formation ?", Author: &discordgo.User{ID: "72"}}
	i := c.messageCommand("73", target)
	private := c.wait(1, isAnswerEdit(i))[0].Body
	up := votes("the private answer to « Demander au bot »", private)
	questionOf(t, c, up, store.EntryMessageCommand, "73")
	c.click("73", buttonID(t, private, actionPublish), &discordgo.Message{ID: sentID(t, c.wait(1, isAnswerEdit(i))[0]), ChannelID: channelID})
	posted := c.wait(2, isChannelMessage(channelID))[1].Body
	if votes("the published answer", posted) != up {
		t.Errorf("the published answer's votes are not on the question answered")
	}
	c.idle()
	if err := c.rec.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st, err := c.db.Stats(context.Background(), time.Time{}); err != nil || st.Asked != 3 {
		t.Errorf("%d questions recorded (%v), want 3: publishing records none", st.Asked, err)
	}
}

// questionOf reads the question a vote button names from the store, and
// checks how it came and that its asker is stored as their hash.
func questionOf(t *testing.T, c *curated, button string, want store.Entry, user string) {
	t.Helper()
	_, id, _ := parseCustomID(button)
	qid, ok := parseQuestionID(id)
	if !ok {
		t.Fatalf("button %q names no question", button)
	}
	if err := c.rec.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	q, err := c.db.Question(context.Background(), qid)
	if err != nil {
		t.Fatalf("question %d: %v", qid, err)
	}
	if q.Entry != want || q.User != c.db.HashUser(user) || q.User.String() == user {
		t.Errorf("question %d came by %q from %q, want %q from the hash of %s", qid, q.Entry, q.User, want, user)
	}
}
