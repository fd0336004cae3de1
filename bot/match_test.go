package bot

import (
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
)

// Matchers for the requests the fake records.

func isRegistration(r fakediscord.Request) bool {
	return r.Method == "PUT" && strings.HasPrefix(r.Path, "/api/v9/applications/") && strings.HasSuffix(r.Path, "/commands")
}

func isCallback(i *discordgo.Interaction) func(fakediscord.Request) bool {
	path := "/api/v9/interactions/" + i.ID + "/" + i.Token + "/callback"
	return func(r fakediscord.Request) bool { return r.Method == "POST" && r.Path == path }
}

func isEdit(i *discordgo.Interaction) func(fakediscord.Request) bool {
	path := "/api/v9/webhooks/" + appID + "/" + i.Token + "/messages/@original"
	return func(r fakediscord.Request) bool { return r.Method == "PATCH" && r.Path == path && r.Status == 200 }
}

func isFollowup(i *discordgo.Interaction) func(fakediscord.Request) bool {
	path := "/api/v9/webhooks/" + appID + "/" + i.Token
	return func(r fakediscord.Request) bool { return r.Method == "POST" && r.Path == path }
}

func isChannelMessage(channel string) func(fakediscord.Request) bool {
	path := "/api/v9/channels/" + channel + "/messages"
	return func(r fakediscord.Request) bool { return r.Method == "POST" && r.Path == path }
}

func isChannelLookup(channel string) func(fakediscord.Request) bool {
	path := "/api/v9/channels/" + channel
	return func(r fakediscord.Request) bool { return r.Method == "GET" && r.Path == path }
}

func isThreadStart(channel, message string) func(fakediscord.Request) bool {
	path := "/api/v9/channels/" + channel + "/messages/" + message + "/threads"
	return func(r fakediscord.Request) bool { return r.Method == "POST" && r.Path == path }
}

func isTyping(channel string) func(fakediscord.Request) bool {
	path := "/api/v9/channels/" + channel + "/typing"
	return func(r fakediscord.Request) bool { return r.Method == "POST" && r.Path == path }
}

// isAnswerEdit matches an edit of i's response that carries embeds: the
// final answer rather than a streamed preview.
func isAnswerEdit(i *discordgo.Interaction) func(fakediscord.Request) bool {
	edit := isEdit(i)
	return func(r fakediscord.Request) bool { return edit(r) && len(embeds(r.Body)) > 0 }
}

func or(ms ...func(fakediscord.Request) bool) func(fakediscord.Request) bool {
	return func(r fakediscord.Request) bool {
		for _, m := range ms {
			if m(r) {
				return true
			}
		}
		return false
	}
}

// carriesMessage tells whether a request posts or edits a message (or an
// interaction response), which must then forbid every mention.
func carriesMessage(r fakediscord.Request) bool {
	p := r.Path
	switch {
	case strings.HasPrefix(p, "/api/v9/interactions/"):
		t, _ := r.Body["type"].(float64)
		return t == float64(discordgo.InteractionResponseChannelMessageWithSource) ||
			t == float64(discordgo.InteractionResponseDeferredChannelMessageWithSource)
	case strings.HasPrefix(p, "/api/v9/webhooks/"):
		return r.Method == "POST" || r.Method == "PATCH"
	case strings.HasPrefix(p, "/api/v9/channels/") && strings.Contains(p, "/messages") && !strings.HasSuffix(p, "/threads"):
		return r.Method == "POST" || r.Method == "PATCH"
	}
	return false
}

// assertNoMentions checks that a message body says "ping no one":
// allowed_mentions {"parse": [], "replied_user": false}, no users or roles.
func assertNoMentions(t testing.TB, r fakediscord.Request) {
	t.Helper()
	body := r.Body
	if strings.HasPrefix(r.Path, "/api/v9/interactions/") {
		body, _ = body["data"].(map[string]any)
	}
	am, ok := body["allowed_mentions"].(map[string]any)
	want := map[string]any{"parse": []any{}, "replied_user": false}
	if !ok || !reflect.DeepEqual(am, want) {
		t.Errorf("%s %s: allowed_mentions = %v, want %v", r.Method, r.Path, body["allowed_mentions"], want)
	}
}

// Accessors on decoded bodies.

func data(r fakediscord.Request) map[string]any {
	d, _ := r.Body["data"].(map[string]any)
	return d
}

func embeds(body map[string]any) []map[string]any {
	list, _ := body["embeds"].([]any)
	var out []map[string]any
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func num(m map[string]any, key string) float64 {
	n, _ := m[key].(float64)
	return n
}

// fields returns an embed's fields as name → value.
func fields(e map[string]any) map[string]string {
	out := map[string]string{}
	list, _ := e["fields"].([]any)
	for _, f := range list {
		m, _ := f.(map[string]any)
		out[str(m, "name")] = str(m, "value")
	}
	return out
}

func footer(e map[string]any) string {
	f, _ := e["footer"].(map[string]any)
	return str(f, "text")
}

// text returns everything a user reads in a message body.
func text(body map[string]any) string {
	var sb strings.Builder
	sb.WriteString(str(body, "content"))
	for _, e := range embeds(body) {
		sb.WriteString("\n" + str(e, "title") + "\n" + str(e, "description"))
		for k, v := range fields(e) {
			sb.WriteString("\n" + k + "\n" + v)
		}
		sb.WriteString("\n" + footer(e))
	}
	return sb.String()
}

const ephemeral = float64(discordgo.MessageFlagsEphemeral)
