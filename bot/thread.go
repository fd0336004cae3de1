package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"time"

	"github.com/bwmarrin/discordgo"
)

// channelKind is what the bot needs to know of a server's channel.
type channelKind int

const (
	kindUnknown    channelKind = iota // Discord did not say
	kindThreadable                    // a text or announcement channel: threads start on its messages
	kindThread                        // a thread: a conversation goes on in it
	kindOther                         // no thread can be opened here (another type, or not allowed)
)

const (
	maxChannelKinds = 4096      // channels whose kind is kept
	channelKindTTL  = time.Hour // a permission refused may be granted since
	lookupWithin    = 5 * time.Second
	threadWithin    = 15 * time.Second // opening a thread is worth that wait, no more
)

// channelKind returns the kind of a server's channel: from memory, or
// by asking Discord once (GET /channels/{id}). It does not wait for a
// rate limit: a channel it cannot look up now is of unknown kind.
func (b *Bot) channelKind(ctx context.Context, s *discordgo.Session, id string) channelKind {
	if k, ok := b.kinds.get(id); ok {
		return k
	}
	ctx, cancel := context.WithTimeout(ctx, lookupWithin)
	defer cancel()
	uri := discordgo.EndpointChannel(id)
	raw, err := request(ctx, s, s.Ratelimiter, "GET", uri, uri, nil)
	if err != nil {
		b.log.Debug("look up a channel", "channel_id", id, "err", redact(err.Error()))
		return kindUnknown
	}
	var ch discordgo.Channel
	if err := json.Unmarshal(raw, &ch); err != nil {
		b.log.Debug("look up a channel: decode it", "channel_id", id, "err", err)
		return kindUnknown
	}
	k := kindOther
	switch {
	case ch.IsThread():
		k = kindThread
	case ch.Type == discordgo.ChannelTypeGuildText || ch.Type == discordgo.ChannelTypeGuildNews:
		k = kindThreadable
	}
	b.kinds.put(id, k)
	return k
}

// threadStart is the body of POST /channels/{c}/messages/{m}/threads.
type threadStart struct {
	Name string `json:"name"`
}

// openThread opens a public thread on the question m, named after its
// text, and returns the thread's ID. It returns false when the answer
// should rather reply in place: a direct message, a message already in
// a thread, a channel without threads, a refusal (missing permission)
// or no answer from Discord in time.
func (b *Bot) openThread(ctx context.Context, s *discordgo.Session, m *discordgo.Message, text string) (string, bool) {
	if m.GuildID == "" {
		return "", false
	}
	switch b.channelKind(ctx, s, m.ChannelID) {
	case kindThread, kindOther:
		return "", false
	}
	uri := discordgo.EndpointChannelMessageThread(m.ChannelID, m.ID)
	body := threadStart{Name: threadName(text)}
	sch := schedule{deadline: time.Now().Add(threadWithin), first: b.opts.delivery.first, max: b.opts.delivery.max, attempts: 2}
	var thread discordgo.Channel
	err := deliver(ctx, sch, func(ctx context.Context) error {
		raw, err := request(ctx, s, s.Ratelimiter, "POST", uri, uri, body)
		if _, code := restError(err); code == discordgo.ErrCodeThreadAlreadyCreatedForThisMessage {
			// Opened by an attempt whose answer was lost, or by a
			// member: a thread started on a message has its ID.
			thread.ID = m.ID
			return nil
		}
		if err != nil {
			return err
		}
		if err := json.Unmarshal(raw, &thread); err != nil || thread.ID == "" {
			return fmt.Errorf("decode the thread opened: %w", errors.Join(err, errors.New("no ID")))
		}
		return nil
	})
	if err != nil {
		status, code := restError(err)
		if status == http.StatusForbidden || code == discordgo.ErrCodeCannotExecuteActionOnThisChannelType {
			b.kinds.put(m.ChannelID, kindOther) // do not try again for a while
		}
		b.log.Warn("open a thread: replying in the channel instead", "channel_id", m.ChannelID, "message_id", m.ID,
			"err", redact(err.Error()))
		return "", false
	}
	b.kinds.put(thread.ID, kindThread)
	return thread.ID, true
}

// restError returns the HTTP status and Discord's error code of a
// refused request, or zeros.
func restError(err error) (status, code int) {
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response == nil {
		return 0, 0
	}
	if rest.Message != nil {
		code = rest.Message.Code
	}
	return rest.Response.StatusCode, code
}

// mentionMarkup matches user, role and channel mentions, which a thread
// name would show as raw digits.
var mentionMarkup = regexp.MustCompile(`<(@[!&]?|#)\d+>`)

// threadName names a thread after the question: on one line, inert, at
// most 100 characters (Discord's limit), never empty.
func threadName(question string) string {
	name := truncate(oneLine(inert(mentionMarkup.ReplaceAllString(question, " "))), 100)
	if name == "" {
		return "Question"
	}
	return name
}
