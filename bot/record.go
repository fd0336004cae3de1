package bot

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// asked is a question as the bot records it: where it came from, who
// asked (hashed when stored), what.
type asked struct {
	entry          store.Entry
	guild, channel string
	user           string // the Discord user ID; stored only hashed
	text, theme    string
	received       time.Time
}

// maxRecordedSources bounds the sources recorded of one answer.
const maxRecordedSources = 20

// record queues the question and its answer for the store and returns
// its ID, which the answer's vote buttons carry; 0 when curation is off
// or the recorder refused it (saturated: the answer then has no votes).
// It takes microseconds: the writing is the recorder's, in the
// background.
func (b *Bot) record(q asked, a rag.Answer) int64 {
	c := b.cur
	if c == nil {
		return 0
	}
	sources := make([]store.Source, 0, min(len(a.Sources), maxRecordedSources))
	for _, s := range a.Sources[:min(len(a.Sources), maxRecordedSources)] {
		sources = append(sources, store.Source{Document: clip(s.Document, store.MaxNameChars), Section: clip(s.Section, store.MaxNameChars)})
	}
	id, err := c.Recorder.Record(store.Question{
		At: q.received, GuildID: q.guild, ChannelID: q.channel, User: c.Store.HashUser(q.user),
		Text: clip(q.text, store.MaxQuestionChars), Theme: clip(answerTheme(q.theme, a), store.MaxNameChars),
		Refused: a.Refused, Sources: sources, Mode: c.Mode(a), Entry: q.entry,
		Duration: time.Since(q.received), GroupKey: groupKey(c.Library.Terms(q.text)),
	})
	if err != nil {
		b.log.Warn("question not recorded", "via", q.entry, "err", err)
		return 0
	}
	return id
}

// answerTheme is the theme a question was asked about, else the theme
// of the passage its answer cites first; "" for a refusal.
func answerTheme(asked string, a rag.Answer) string {
	if asked != "" || a.Refused || len(a.Sources) == 0 {
		return asked
	}
	first := a.Sources[0]
	for _, h := range a.Hits {
		if h.Chunk.Document == first.Document && h.Chunk.Section == first.Section {
			return h.Chunk.Theme()
		}
	}
	return ""
}

// groupKey joins a question's sorted terms, as the store groups them,
// within its limit on keys (that of question texts), between terms.
func groupKey(terms []string) string {
	key := strings.Join(terms, " ")
	for utf8.RuneCountInString(key) > store.MaxQuestionChars {
		i := strings.LastIndexByte(key, ' ')
		if i < 0 {
			return clip(key, store.MaxQuestionChars)
		}
		key = key[:i]
	}
	return key
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// answered records a question that was answered, presents its answer
// with its vote buttons, and posts a new gap to the moderators. It
// returns the IDs of the messages delivered.
func (b *Bot) answered(ctx context.Context, s *discordgo.Session, r responder, q asked, a rag.Answer, c card, pub *publication) []string {
	c.questionID = b.record(q, a)
	ids := b.present(ctx, r, a, c, pub)
	if a.Refused && c.questionID != 0 {
		b.announceGap(ctx, s, q)
	}
	return ids
}
