package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// messageReply answers a message with a reply to it, then plain messages.
// Its requests go through the session's rate limiter: channel routes are
// under the bot's global limit.
type messageReply struct {
	s        *discordgo.Session
	m        *discordgo.Message
	received time.Time
	retry    delivery
	own      *discordgo.Message // the reply once sent, edited as the answer grows
	// channelID is where the reply goes: m's channel, or the thread
	// opened on m, where messages cannot reply to m.
	channelID string
	inThread  bool
	ids       []string // the messages sent
}

func (b *Bot) messageReply(s *discordgo.Session, m *discordgo.Message) *messageReply {
	return &messageReply{s: s, m: m, received: time.Now(), retry: b.opts.delivery, channelID: m.ChannelID}
}

// moveTo sends the reply into the thread opened on the question.
func (r *messageReply) moveTo(thread string) {
	r.channelID, r.inThread = thread, true
}

func (r *messageReply) delivered() []string { return r.ids }

func (r *messageReply) who() []any {
	return []any{"message_id", r.m.ID, "channel_id", r.channelID, "user_id", r.m.Author.ID}
}

// schedule lets a delivery retry as long as an interaction's answer may
// be: past that, a reply is not worth sending.
func (r *messageReply) schedule(attempts int) schedule {
	return schedule{deadline: r.received.Add(r.retry.lifetime), first: r.retry.first, max: r.retry.max, attempts: attempts}
}

func (r *messageReply) progress(text string) error {
	ctx, cancel := context.WithDeadline(context.Background(), r.received.Add(r.retry.lifetime))
	defer cancel()
	content := preview(text)
	if r.own == nil {
		return r.post(ctx, outgoing{Content: content}, newNonce())
	}
	return r.edit(ctx, &discordgo.MessageEdit{
		ID: r.own.ID, Channel: r.own.ChannelID, Content: &content, AllowedMentions: noMentions(),
	})
}

func (r *messageReply) send(ctx context.Context, msgs []outgoing) (int, error) {
	for k, m := range msgs {
		if k == 0 && r.own != nil {
			content, embeds, components := m.Content, m.Embeds, m.Components
			if embeds == nil {
				embeds = []*discordgo.MessageEmbed{}
			}
			if components == nil {
				components = []discordgo.MessageComponent{}
			}
			edit := &discordgo.MessageEdit{
				ID: r.own.ID, Channel: r.own.ChannelID, Content: &content, Embeds: &embeds,
				Components: &components, AllowedMentions: noMentions(),
			}
			err := deliver(ctx, r.schedule(editAttempts), func(ctx context.Context) error { return r.edit(ctx, edit) })
			if err == nil {
				continue
			}
			r.own = nil // the preview stays; the answer replies to the question below it
		}
		// One nonce for all attempts: Discord creates the message once.
		nonce := newNonce()
		if err := deliver(ctx, r.schedule(0), func(ctx context.Context) error { return r.post(ctx, m, nonce) }); err != nil {
			return k, fmt.Errorf("send message: %w", err)
		}
	}
	return len(msgs), nil
}

// messagePost is discordgo's MessageSend with the nonce that makes a
// retried post create one message, not two.
type messagePost struct {
	*discordgo.MessageSend
	Nonce        string `json:"nonce,omitempty"`
	EnforceNonce bool   `json:"enforce_nonce,omitempty"`
}

// post sends m to the channel; the first message replies to the question
// without pinging its author.
func (r *messageReply) post(ctx context.Context, m outgoing, nonce string) error {
	send := &discordgo.MessageSend{
		Content: m.Content, Embeds: richEmbeds(m.Embeds), Components: m.Components, AllowedMentions: noMentions(),
	}
	if r.own == nil && !r.inThread {
		failIfGone := false
		send.Reference = &discordgo.MessageReference{
			MessageID: r.m.ID, ChannelID: r.m.ChannelID, GuildID: r.m.GuildID, FailIfNotExists: &failIfGone,
		}
	}
	uri := discordgo.EndpointChannelMessages(r.channelID)
	body, err := request(ctx, r.s, r.s.Ratelimiter, "POST", uri, uri, messagePost{MessageSend: send, Nonce: nonce, EnforceNonce: true})
	if err != nil {
		return err
	}
	var sent discordgo.Message
	if err := json.Unmarshal(body, &sent); err != nil {
		return fmt.Errorf("decode the message sent: %w", err)
	}
	if r.own == nil {
		r.own = &sent
	}
	r.ids = append(r.ids, sent.ID)
	return nil
}

// edit changes the bot's reply.
func (r *messageReply) edit(ctx context.Context, e *discordgo.MessageEdit) error {
	if e.Embeds != nil {
		rich := richEmbeds(*e.Embeds)
		e.Embeds = &rich
	}
	uri := discordgo.EndpointChannelMessage(e.Channel, e.ID)
	_, err := request(ctx, r.s, r.s.Ratelimiter, "PATCH", uri, discordgo.EndpointChannelMessage(e.Channel, ""), e)
	return err
}

// richEmbeds sets the type discordgo's own message calls set.
func richEmbeds(embeds []*discordgo.MessageEmbed) []*discordgo.MessageEmbed {
	for _, e := range embeds {
		if e.Type == "" {
			e.Type = discordgo.EmbedTypeRich
		}
	}
	return embeds
}

// newNonce returns a message nonce: at most 25 characters, unique
// enough over the few minutes Discord remembers nonces.
func newNonce() string {
	return strconv.FormatUint(rand.Uint64()>>1, 10)
}
