package bot

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

func TestThemeAutocomplete(t *testing.T) {
	t.Parallel()
	many := []rag.Theme{
		{Title: "Antiterrorisme", Chunks: 3},
		{Title: "Cybercriminalité", Chunks: 2},
		{Title: "Criminalité organisée et nouvelles formes de criminalité", Chunks: 4},
	}
	for n := range 30 {
		many = append(many, rag.Theme{Title: fmt.Sprintf("Zone %02d", n), Chunks: 1})
	}
	h := start(t, &fakeAnswerer{themes: func() []rag.Theme { return many }})

	cases := []struct {
		typed string
		want  []string
	}{
		// Titles that start with the text first, then those containing it.
		{"crim", []string{"Criminalité organisée et nouvelles formes de criminalité", "Cybercriminalité"}},
		{"CYBERCRIMINALITE", []string{"Cybercriminalité"}},
		{"astrologie", []string{}},
	}
	for _, c := range cases {
		resp := h.autocomplete(c.typed)
		if num(resp.Body, "type") != float64(discordgo.InteractionApplicationCommandAutocompleteResult) {
			t.Errorf("%q: response type %v, want 8", c.typed, resp.Body["type"])
		}
		if got := choiceNames(resp.Body); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: choices %q, want %q", c.typed, got, c.want)
		}
	}
	if got := choiceNames(h.autocomplete("").Body); len(got) != 25 || got[0] != "Antiterrorisme" {
		t.Errorf("empty text: %d choices starting %q, want Discord's 25 starting with Antiterrorisme", len(got), got)
	}
}

// autocomplete pushes an autocomplete request for the theme option with
// the text typed so far, and returns the bot's response.
func (h *harness) autocomplete(typed string) fakediscord.Request {
	i := h.slash(cmdQuestion, member("5", 0),
		stringOpt(optText, "Que fait INTERPOL ?"),
		&discordgo.ApplicationCommandInteractionDataOption{Name: optTheme, Type: discordgo.ApplicationCommandOptionString, Value: typed, Focused: true})
	i.Type = discordgo.InteractionApplicationCommandAutocomplete
	h.push(i)
	return h.wait(1, isCallback(i))[0]
}

func choiceNames(body map[string]any) []string {
	d, _ := body["data"].(map[string]any)
	list, ok := d["choices"].([]any)
	if !ok {
		return nil
	}
	names := []string{}
	for _, c := range list {
		m, _ := c.(map[string]any)
		if m["name"] != m["value"] {
			return []string{fmt.Sprintf("name %v != value %v", m["name"], m["value"])}
		}
		names = append(names, str(m, "name"))
	}
	return names
}
