package fakediscord

import (
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// Channels: GET /channels/{id} says a channel's type, and POST
// /channels/{c}/messages/{m}/threads opens a public thread on a
// message, as Discord does: the thread has the message's ID, a message
// has at most one thread, and no thread opens in a thread or a direct
// conversation. A channel the test did not declare is a server's text
// channel.

// SetChannel declares the type of a channel, e.g. a thread the bot did
// not open (discordgo.ChannelTypeGuildPublicThread) or a DM.
func (s *Server) SetChannel(id string, typ discordgo.ChannelType) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[id] = map[string]any{"id": id, "type": int(typ)}
}

// channel returns the JSON of a channel; s.mu must be held.
func (s *Server) channel(id string) map[string]any {
	if ch, ok := s.channels[id]; ok {
		return ch
	}
	return map[string]any{"id": id, "type": int(discordgo.ChannelTypeGuildText)}
}

func (s *Server) getChannel(id string) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return http.StatusOK, s.channel(id)
}

// startThread opens a public thread named by the body on message in
// channel.
func (s *Server) startThread(r *Request, channel, message string) (int, any) {
	name, _ := r.Body["name"].(string)
	if runes(name) < 1 || runes(name) > 100 {
		return invalid("name: must be between 1 and 100 in length")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch discordgo.ChannelType(s.channel(channel)["type"].(int)) {
	case discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews:
	default:
		return http.StatusBadRequest, map[string]any{"message": "Cannot execute action on this channel type", "code": 50024}
	}
	if _, ok := s.channels[message]; ok {
		return http.StatusBadRequest, map[string]any{"message": "A thread has already been created for this message", "code": 160004}
	}
	thread := map[string]any{"id": message, "type": int(discordgo.ChannelTypeGuildPublicThread), "parent_id": channel, "name": name}
	s.channels[message] = thread
	return http.StatusCreated, thread
}
