package bot

import (
	"github.com/bwmarrin/discordgo"
)

// noMentions lets no message of the bot ping anyone, whatever its text:
// it serialises as "parse":[] with no user, role or replied user.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// responder delivers a reply wherever the question came from.
type responder interface {
	// progress shows the answer written so far.
	progress(text string) error
	// send delivers the reply: the first message replaces whatever
	// progress showed, the others follow it.
	send(msgs []outgoing) error
}

// interactionReply answers an interaction: a deferred acknowledgement,
// then edits of the original response and follow-up messages.
type interactionReply struct {
	s         *discordgo.Session
	i         *discordgo.Interaction
	ephemeral bool
	acked     bool
}

func (r *interactionReply) flags() discordgo.MessageFlags {
	if r.ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// deferReply acknowledges the interaction: Discord shows "thinking…" and
// waits up to 15 minutes for the answer.
func (r *interactionReply) deferReply() error {
	err := r.s.InteractionRespond(r.i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: r.flags(), AllowedMentions: noMentions()},
	})
	if err == nil {
		r.acked = true
	}
	return err
}

func (r *interactionReply) progress(text string) error {
	content := preview(text)
	return r.editOriginal(&discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()})
}

func (r *interactionReply) send(msgs []outgoing) error {
	if len(msgs) == 0 {
		return nil
	}
	first := msgs[0]
	var err error
	if r.acked {
		content, embeds := first.Content, first.Embeds
		if embeds == nil {
			embeds = []*discordgo.MessageEmbed{}
		}
		err = r.editOriginal(&discordgo.WebhookEdit{Content: &content, Embeds: &embeds, AllowedMentions: noMentions()})
	} else {
		err = r.s.InteractionRespond(r.i, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content: first.Content, Embeds: first.Embeds, Flags: r.flags(), AllowedMentions: noMentions(),
			},
		})
		r.acked = err == nil
	}
	if err != nil {
		return err
	}
	for _, m := range msgs[1:] {
		_, err := r.s.FollowupMessageCreate(r.i, true, &discordgo.WebhookParams{
			Content: m.Content, Embeds: m.Embeds, Flags: r.flags(), AllowedMentions: noMentions(),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// editOriginal edits the interaction's response. discordgo's
// InteractionResponseEdit puts every edit of every interaction in one
// rate-limit bucket, which serialises them; Discord limits them per
// interaction token, so this uses that bucket instead.
func (r *interactionReply) editOriginal(data *discordgo.WebhookEdit) error {
	uri := discordgo.EndpointInteractionResponseActions(r.i.AppID, r.i.Token)
	bucket := discordgo.EndpointWebhookToken(r.i.AppID, r.i.Token)
	_, err := r.s.RequestWithBucketID("PATCH", uri, data, bucket)
	return err
}

// messageReply answers a message with a reply to it, then plain messages.
type messageReply struct {
	s   *discordgo.Session
	m   *discordgo.Message
	own *discordgo.Message // the reply once sent, edited as the answer grows
}

func (r *messageReply) progress(text string) error {
	content := preview(text)
	if r.own == nil {
		return r.post(outgoing{Content: content})
	}
	_, err := r.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
		ID: r.own.ID, Channel: r.own.ChannelID, Content: &content, AllowedMentions: noMentions(),
	})
	return err
}

func (r *messageReply) send(msgs []outgoing) error {
	for i, m := range msgs {
		if i == 0 && r.own != nil {
			content, embeds := m.Content, m.Embeds
			if embeds == nil {
				embeds = []*discordgo.MessageEmbed{}
			}
			_, err := r.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
				ID: r.own.ID, Channel: r.own.ChannelID, Content: &content, Embeds: &embeds, AllowedMentions: noMentions(),
			})
			if err != nil {
				return err
			}
			continue
		}
		if err := r.post(m); err != nil {
			return err
		}
	}
	return nil
}

// post sends a message to the channel; the first one replies to the
// question without pinging its author.
func (r *messageReply) post(m outgoing) error {
	send := &discordgo.MessageSend{Content: m.Content, Embeds: m.Embeds, AllowedMentions: noMentions()}
	if r.own == nil {
		failIfGone := false
		send.Reference = &discordgo.MessageReference{
			MessageID: r.m.ID, ChannelID: r.m.ChannelID, GuildID: r.m.GuildID, FailIfNotExists: &failIfGone,
		}
	}
	sent, err := r.s.ChannelMessageSendComplex(r.m.ChannelID, send)
	if err == nil && r.own == nil {
		r.own = sent
	}
	return err
}
