package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// noMentions lets no message of the bot ping anyone, whatever its text:
// it serialises as "parse":[] with no user, role or replied user.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// responder delivers a reply wherever the question came from.
type responder interface {
	// progress shows the answer written so far, in one attempt: the next
	// one, or the answer, replaces it anyway.
	progress(text string) error
	// send delivers the reply, retrying what may succeed on a second try:
	// the first message replaces whatever progress showed, the others
	// follow it. It returns how many messages were delivered.
	send(ctx context.Context, msgs []outgoing) (int, error)
	// who describes the conversation for logs, without any token.
	who() []any
	// delivered returns the IDs of the messages sent so far, for the
	// replies to them to continue the conversation.
	delivered() []string
}

// delivery holds the settings of retries, from the bot's options.
type delivery struct {
	first, max time.Duration // backoff
	lifetime   time.Duration // how long after the question its answer may be delivered
}

// interactionReply answers an interaction: a deferred acknowledgement,
// then edits of the original response and follow-up messages.
type interactionReply struct {
	s *discordgo.Session
	i *discordgo.Interaction
	// lim is this interaction's own rate limiter: its routes, all keyed
	// by its token, are not under the bot's global rate limit, and a wait
	// on any other route must never hold its acknowledgement.
	lim       *discordgo.RateLimiter
	received  time.Time
	retry     delivery
	ephemeral bool
	acked     bool
	ids       []string // the messages sent, as Discord created them
}

func (b *Bot) interactionReply(s *discordgo.Session, i *discordgo.Interaction) *interactionReply {
	return &interactionReply{
		s: s, i: i, lim: discordgo.NewRatelimiter(), received: time.Now(),
		retry: b.opts.delivery, ephemeral: true,
	}
}

func (r *interactionReply) flags() discordgo.MessageFlags {
	if r.ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

func (r *interactionReply) delivered() []string { return r.ids }

// note records the ID of a message sent, once, from Discord's reply.
func (r *interactionReply) note(body []byte) {
	var m struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(body, &m) != nil || m.ID == "" || slices.Contains(r.ids, m.ID) {
		return
	}
	r.ids = append(r.ids, m.ID)
}

func (r *interactionReply) who() []any {
	return []any{"interaction_id", r.i.ID, "user_id", userID(r.i)}
}

// tokenSchedule lets a delivery retry until the interaction's token
// expires.
func (r *interactionReply) tokenSchedule(attempts int) schedule {
	return schedule{deadline: r.received.Add(r.retry.lifetime), first: r.retry.first, max: r.retry.max, attempts: attempts}
}

// deferReply acknowledges the interaction: Discord shows "thinking…" and
// waits up to 15 minutes for the answer.
func (r *interactionReply) deferReply(ctx context.Context) error {
	err := r.respond(ctx, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: r.flags(), AllowedMentions: noMentions()},
	})
	if err == nil {
		r.acked = true
	}
	return err
}

// respond sends the interaction's response (the callback), retrying
// within Discord's 3 seconds. A retry told the interaction is already
// acknowledged means an attempt whose answer was lost went through.
func (r *interactionReply) respond(ctx context.Context, body any) error {
	uri := discordgo.EndpointInteractionResponse(r.i.ID, r.i.Token)
	sent := false
	sch := schedule{deadline: r.received.Add(ackWithin), first: min(ackFirst, r.retry.first), max: ackWithin}
	return deliver(ctx, sch, func(ctx context.Context) error {
		_, err := request(ctx, r.s, r.lim, "POST", uri, uri, body)
		if sent && alreadyAcknowledged(err) {
			return nil
		}
		sent = sent || err == nil || !isHeld(err)
		return err
	})
}

func (r *interactionReply) progress(text string) error {
	content := preview(text)
	ctx, cancel := context.WithDeadline(context.Background(), r.received.Add(r.retry.lifetime))
	defer cancel()
	return r.editOriginal(ctx, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()})
}

func (r *interactionReply) send(ctx context.Context, msgs []outgoing) (int, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	if err := r.sendFirst(ctx, msgs[0]); err != nil {
		return 0, err
	}
	for k, m := range msgs[1:] {
		err := deliver(ctx, r.tokenSchedule(0), func(ctx context.Context) error { return r.followup(ctx, m) })
		if err != nil {
			return k + 1, fmt.Errorf("send follow-up message: %w", err)
		}
	}
	return len(msgs), nil
}

// sendFirst delivers the first message of a reply: as the response if
// the interaction is not acknowledged yet, else by editing the response;
// if the edit keeps failing, as a follow-up message (which replaces
// "thinking…" too).
func (r *interactionReply) sendFirst(ctx context.Context, m outgoing) error {
	if !r.acked {
		err := r.respond(ctx, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content: m.Content, Embeds: m.Embeds, Components: m.Components, Flags: r.flags(), AllowedMentions: noMentions(),
			},
		})
		if err != nil {
			return fmt.Errorf("respond to the interaction: %w", err)
		}
		r.acked = true
		return nil
	}
	content, embeds, components := m.Content, m.Embeds, m.Components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	edit := &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions()}
	editErr := deliver(ctx, r.tokenSchedule(editAttempts), func(ctx context.Context) error { return r.editOriginal(ctx, edit) })
	if editErr == nil {
		return nil
	}
	err := deliver(ctx, r.tokenSchedule(0), func(ctx context.Context) error { return r.followup(ctx, m) })
	if err != nil {
		return fmt.Errorf("edit the response: %w; then send it as a follow-up: %w", editErr, err)
	}
	return nil
}

// editOriginal edits the interaction's response. discordgo's
// InteractionResponseEdit puts every edit of every interaction in one
// rate-limit bucket, which serialises them; Discord limits them per
// interaction token, so this uses that bucket instead.
func (r *interactionReply) editOriginal(ctx context.Context, data *discordgo.WebhookEdit) error {
	uri := discordgo.EndpointInteractionResponseActions(r.i.AppID, r.i.Token)
	body, err := request(ctx, r.s, r.lim, "PATCH", uri, discordgo.EndpointWebhookToken(r.i.AppID, r.i.Token), data)
	if err == nil {
		r.note(body)
	}
	return err
}

// followup sends m as a follow-up message.
func (r *interactionReply) followup(ctx context.Context, m outgoing) error {
	bucket := discordgo.EndpointWebhookToken(r.i.AppID, r.i.Token)
	body, err := request(ctx, r.s, r.lim, "POST", bucket+"?wait=true", bucket, &discordgo.WebhookParams{
		Content: m.Content, Embeds: m.Embeds, Components: m.Components, Flags: r.flags(), AllowedMentions: noMentions(),
	})
	if err == nil {
		r.note(body)
	}
	return err
}

func isHeld(err error) bool {
	_, ok := err.(*heldError)
	return ok
}

// summary is a short, inert account of a message, for logs.
func summary(m outgoing) string {
	parts := []string{m.Content}
	for _, e := range m.Embeds {
		parts = append(parts, e.Title, e.Description)
	}
	return truncate(oneLine(inert(strings.Join(parts, " "))), 120)
}
