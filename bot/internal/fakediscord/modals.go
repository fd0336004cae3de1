package fakediscord

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Modals: a command or a button may answer with a modal (callback type
// 9), as its first and only response; a modal submit (interaction type
// 5) cannot open another. The test reads the modal from the callback
// request and pushes its submission as a new interaction.

// SubmitModal pushes the submission of a modal whose custom_id is
// customID: an interaction of type 5 like i (ID, token, member, channel,
// the message of the button that opened the modal) whose data holds one
// text input per value, as Discord sends them. discordgo cannot encode a
// submission's components itself.
func (s *Server) SubmitModal(i *discordgo.Interaction, customID string, values map[string]string) error {
	i.Type = discordgo.InteractionModalSubmit
	i.Data = discordgo.ModalSubmitInteractionData{CustomID: customID}
	s.register(i)
	raw, err := json.Marshal(i)
	if err != nil {
		return fmt.Errorf("encode the submission: %w", err)
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		return fmt.Errorf("encode the submission: %w", err)
	}
	var rows []any
	for _, id := range slices.Sorted(maps.Keys(values)) {
		rows = append(rows, map[string]any{"type": 1, "components": []any{
			map[string]any{"type": int(discordgo.TextInputComponent), "custom_id": id, "value": values[id]},
		}})
	}
	body["data"] = map[string]any{"custom_id": customID, "components": rows}
	return s.Dispatch("INTERACTION_CREATE", body)
}

// Discord's limits on a modal.
const (
	MaxModalTitle  = 45
	MaxModalRows   = 5
	MaxInputLabel  = 45
	MaxInputValue  = 4000
	MaxPlaceholder = 100
)

// validateModal checks a modal against Discord's limits and returns what
// is wrong, or "".
func validateModal(data map[string]any) string {
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	if id := str(data, "custom_id"); id == "" || runes(id) > MaxCustomID {
		return fmt.Sprintf("data.custom_id: must be between 1 and %d in length", MaxCustomID)
	}
	if t := str(data, "title"); t == "" || runes(t) > MaxModalTitle {
		return fmt.Sprintf("data.title: must be between 1 and %d in length", MaxModalTitle)
	}
	rows, _ := data["components"].([]any)
	if len(rows) == 0 || len(rows) > MaxModalRows {
		return fmt.Sprintf("data.components: must hold 1 to %d action rows", MaxModalRows)
	}
	ids := map[string]bool{}
	for i, v := range rows {
		row, _ := v.(map[string]any)
		inputs, _ := row["components"].([]any)
		if row["type"] != 1.0 || len(inputs) != 1 {
			return fmt.Sprintf("data.components.%d: an action row of a modal holds one text input", i)
		}
		in, _ := inputs[0].(map[string]any)
		minLen, _ := in["min_length"].(float64)
		maxLen, hasMax := in["max_length"].(float64)
		if !hasMax {
			maxLen = MaxInputValue
		}
		style, _ := in["style"].(float64)
		switch id := str(in, "custom_id"); {
		case in["type"] != float64(discordgo.TextInputComponent):
			return fmt.Sprintf("data.components.%d.components.0.type: only text inputs are supported", i)
		case id == "" || runes(id) > MaxCustomID || ids[id]:
			return fmt.Sprintf("data.components.%d.components.0.custom_id: must be unique, 1 to %d in length", i, MaxCustomID)
		case str(in, "label") == "" || runes(str(in, "label")) > MaxInputLabel:
			return fmt.Sprintf("data.components.%d.components.0.label: must be between 1 and %d in length", i, MaxInputLabel)
		case style != 1 && style != 2:
			return fmt.Sprintf("data.components.%d.components.0.style: must be 1 or 2", i)
		case minLen < 0 || minLen > MaxInputValue || maxLen < 1 || maxLen > MaxInputValue || minLen > maxLen:
			return fmt.Sprintf("data.components.%d.components.0: min_length and max_length must be within 0 to %d", i, MaxInputValue)
		case runes(str(in, "value")) > int(maxLen):
			return fmt.Sprintf("data.components.%d.components.0.value: must be %d or fewer in length", i, int(maxLen))
		case runes(str(in, "placeholder")) > MaxPlaceholder:
			return fmt.Sprintf("data.components.%d.components.0.placeholder: must be %d or fewer in length", i, MaxPlaceholder)
		}
		ids[str(in, "custom_id")] = true
	}
	return ""
}
