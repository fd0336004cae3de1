package bot

import (
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

// What a conversation keeps: the engine reads a follow-up in the light
// of a few earlier turns, and memory stays bounded whatever the traffic.
const (
	historyTurns      = 4    // earlier turns passed with a follow-up
	historyChars      = 2000 // their questions and answers together, in characters
	turnQuestionChars = 500  // of each turn's question
	turnAnswerChars   = 400  // of each turn's answer: its opening says what it was about
	maxConversations  = 5000 // conversation keys kept, the least recently used forgotten first
)

// conversations remembers the last turns of conversations, in memory,
// under keys that say how a new message continues one:
//
//	msg:<id>     a reply to that message of the bot
//	thread:<id>  a new mention in that thread
//	dm:<id>      a new message in that direct conversation
//
// A key holds only the bounded turns up to the answer it names: a reply
// to an older answer continues from that answer, not from what followed
// it elsewhere. A key not renewed within the conversation TTL is
// forgotten; a follow-up after it is taken alone.
type conversations struct {
	turns *lru[string, []rag.Turn]
}

func newConversations(o options) *conversations {
	return &conversations{turns: newLRU[string, []rag.Turn](maxConversations, o.conversationTTL, o.now)}
}

func msgKey(id string) string    { return "msg:" + id }
func threadKey(id string) string { return "thread:" + id }
func dmKey(id string) string     { return "dm:" + id }

// history returns the turns under the first of keys that holds any.
func (c *conversations) history(keys ...string) []rag.Turn {
	for _, k := range keys {
		if turns, ok := c.turns.get(k); ok {
			return turns
		}
	}
	return nil
}

// has tells whether key holds a live conversation.
func (c *conversations) has(key string) bool {
	_, ok := c.turns.get(key)
	return ok
}

// remember stores turns under every key. The slice is shared, never
// modified: nextTurns always makes a new one.
func (c *conversations) remember(turns []rag.Turn, keys ...string) {
	for _, k := range keys {
		c.turns.put(k, turns)
	}
}

// conversation is where a message stands: the turns it follows, and
// where the next ones are to be remembered besides the answer's own
// messages.
type conversation struct {
	history []rag.Turn
	keys    []string
	// thread is true when the message is in a thread the bot answered
	// in: there is no thread to open.
	thread bool
}

// follow finds the conversation a message continues: a reply to one of
// the bot's answers, then a thread or direct conversation still alive.
func (b *Bot) follow(m *discordgo.Message) conversation {
	var c conversation
	var look []string
	if ref := m.MessageReference; ref != nil && ref.MessageID != "" && ref.Type == discordgo.MessageReferenceTypeDefault {
		look = append(look, msgKey(ref.MessageID))
	}
	if m.GuildID == "" {
		c.keys = append(c.keys, dmKey(m.ChannelID))
	} else if b.convs.has(threadKey(m.ChannelID)) {
		c.keys = append(c.keys, threadKey(m.ChannelID))
		c.thread = true
	}
	c.history = b.convs.history(append(look, c.keys...)...)
	return c
}

// remember records the turn just answered under the conversation's keys
// and the answer's messages, so that replies to any of them continue it.
func (b *Bot) remember(c conversation, asked string, a rag.Answer, messageIDs []string) {
	b.keepTurns(nextTurns(c.history, asked, a), append(msgKeys(messageIDs), c.keys...))
}

// keepTurns stores a conversation's turns under keys.
func (b *Bot) keepTurns(turns []rag.Turn, keys []string) {
	b.convs.remember(turns, keys...)
	b.log.Debug("conversation turn remembered", "turns", len(turns), "keys", len(keys))
}

func msgKeys(messageIDs []string) []string {
	keys := make([]string, len(messageIDs))
	for i, id := range messageIDs {
		keys[i] = msgKey(id)
	}
	return keys
}

// nextTurns returns history followed by the turn of a, bounded: the
// question as the engine understood it (a follow-up completed), and the
// opening of the answer ("" for a refusal, which says nothing of the
// subject).
func nextTurns(history []rag.Turn, asked string, a rag.Answer) []rag.Turn {
	q := a.Understood
	if q == "" {
		q = asked
	}
	t := rag.Turn{Question: truncate(oneLine(q), turnQuestionChars)}
	if !a.Refused {
		t.Answer = truncate(oneLine(a.Text), turnAnswerChars)
	}
	turns := make([]rag.Turn, 0, len(history)+1)
	turns = append(turns, history...)
	return boundTurns(append(turns, t))
}

// boundTurns keeps the last turns that fit historyTurns and
// historyChars; the last one always fits, its parts being bounded.
func boundTurns(turns []rag.Turn) []rag.Turn {
	if len(turns) > historyTurns {
		turns = turns[len(turns)-historyTurns:]
	}
	size := 0
	for i := len(turns) - 1; i >= 0; i-- {
		size += utf8.RuneCountInString(turns[i].Question) + utf8.RuneCountInString(turns[i].Answer)
		if size > historyChars && i < len(turns)-1 {
			return turns[i+1:]
		}
	}
	return turns
}
