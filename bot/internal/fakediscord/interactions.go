package fakediscord

import (
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Interaction pushes an INTERACTION_CREATE for i, filling in its
// application ID and version, and starts its 3-second deadline.
func (s *Server) Interaction(i *discordgo.Interaction) error {
	s.register(i)
	return s.Dispatch("INTERACTION_CREATE", i)
}

// register fills in i's application ID and version and records it: its
// deadline starts now.
func (s *Server) register(i *discordgo.Interaction) {
	if i.AppID == "" {
		i.AppID = s.opts.AppID
	}
	if i.Version == 0 {
		i.Version = 1
	}
	from := interaction{channel: i.ChannelID, kind: i.Type}
	if i.Message != nil {
		from.message = i.Message.ID
	}
	s.mu.Lock()
	s.pushed[i.ID] = time.Now()
	s.tokens[i.ID] = i.Token
	s.origin[i.Token] = from
	s.mu.Unlock()
}

// interaction is where an interaction came from, for the messages its
// webhook edits and creates.
type interaction struct {
	channel  string // the channel it was used in
	message  string // the message its button is on
	original string // the message @original names once it responded
	kind     discordgo.InteractionType
}

// Message pushes a MESSAGE_CREATE for m.
func (s *Server) Message(m *discordgo.Message) error {
	return s.Dispatch("MESSAGE_CREATE", m)
}

// Pushed returns when the interaction was dispatched.
func (s *Server) Pushed(id string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pushed[id]
}

// callback answers POST /interactions/{id}/{token}/callback like Discord:
// once per interaction, within the deadline, within the limits.
func (s *Server) callback(r *Request, id, token string) (int, any) {
	s.mu.Lock()
	pushed, known := s.pushed[id]
	wantToken := s.tokens[id]
	already := s.acked[token]
	from := s.origin[token]
	s.mu.Unlock()
	switch {
	case !known || wantToken != token:
		return http.StatusNotFound, map[string]any{"message": "Unknown interaction", "code": 10062}
	case r.At.Sub(pushed) > s.opts.AckWithin:
		return http.StatusNotFound, map[string]any{"message": "Unknown interaction", "code": 10062}
	case already:
		return http.StatusBadRequest, map[string]any{"message": "Interaction has already been acknowledged.", "code": 40060}
	}
	typ, _ := r.Body["type"].(float64)
	data, _ := r.Body["data"].(map[string]any)
	switch rt := discordgo.InteractionResponseType(typ); rt {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		if msg := validateMessage(data); msg != "" {
			return invalid(msg)
		}
		from.original = s.ID()
		if rt == discordgo.InteractionResponseUpdateMessage {
			from.original = from.message
		}
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		from.original = s.ID()
	case discordgo.InteractionResponseDeferredMessageUpdate:
		if from.message == "" {
			return invalid("type: a deferred update answers a component interaction only")
		}
		from.original = from.message
	case discordgo.InteractionResponseModal:
		if from.kind != discordgo.InteractionApplicationCommand && from.kind != discordgo.InteractionMessageComponent {
			return invalid("type: a modal answers a command or a component interaction only")
		}
		if msg := validateModal(data); msg != "" {
			return invalid(msg)
		}
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if msg := validateChoices(data); msg != "" {
			return invalid(msg)
		}
	default:
		return invalid(fmt.Sprintf("type: unsupported interaction response type %v", typ))
	}
	s.mu.Lock()
	s.acked[token] = true
	s.origin[token] = from
	s.mu.Unlock()
	return http.StatusNoContent, nil
}

// webhook answers the interaction webhooks: PATCH messages/@original and
// POST follow-ups, which need an acknowledged interaction.
func (s *Server) webhook(r *Request, token string, rest []string) (int, any) {
	s.mu.Lock()
	acked, from := s.acked[token], s.origin[token]
	s.mu.Unlock()
	if !acked {
		return http.StatusNotFound, map[string]any{"message": "Unknown Webhook", "code": 10015}
	}
	if msg := validateMessage(r.Body); msg != "" {
		return invalid(msg)
	}
	switch {
	case r.Method == "PATCH" && len(rest) == 2 && rest[0] == "messages":
		return http.StatusOK, s.message(from.original, from.channel, r.Body)
	case r.Method == "POST" && len(rest) == 0:
		if r.Query.Get("wait") != "true" {
			return http.StatusNoContent, nil
		}
		return http.StatusOK, s.message(s.ID(), from.channel, r.Body)
	}
	return http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0}
}
