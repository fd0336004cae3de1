package fakediscord

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Discord's limits on a message, in characters.
const (
	MaxContent     = 2000
	MaxEmbeds      = 10
	MaxTitle       = 256
	MaxDescription = 4096
	MaxFields      = 25
	MaxFieldName   = 256
	MaxFieldValue  = 1024
	MaxFooter      = 2048
	MaxAuthor      = 256
	MaxEmbedsTotal = 6000
	MaxChoices     = 25
)

// validateMessage checks a message body against Discord's limits and
// returns what is wrong, or "".
func validateMessage(body map[string]any) string {
	if body == nil {
		return ""
	}
	if c, ok := body["content"].(string); ok && runes(c) > MaxContent {
		return fmt.Sprintf("content: must be %d or fewer in length", MaxContent)
	}
	embeds, _ := body["embeds"].([]any)
	if len(embeds) > MaxEmbeds {
		return fmt.Sprintf("embeds: must be %d or fewer in length", MaxEmbeds)
	}
	total := 0
	for i, v := range embeds {
		e, _ := v.(map[string]any)
		n, msg := embedLength(e)
		if msg != "" {
			return fmt.Sprintf("embeds.%d.%s", i, msg)
		}
		total += n
	}
	if total > MaxEmbedsTotal {
		return fmt.Sprintf("embeds: embed size exceeds maximum size of %d", MaxEmbedsTotal)
	}
	if rows, ok := body["components"].([]any); ok {
		return validateComponents(rows)
	}
	return ""
}

func embedLength(e map[string]any) (int, string) {
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	title, desc := str(e, "title"), str(e, "description")
	if runes(title) > MaxTitle {
		return 0, fmt.Sprintf("title: must be %d or fewer in length", MaxTitle)
	}
	if runes(desc) > MaxDescription {
		return 0, fmt.Sprintf("description: must be %d or fewer in length", MaxDescription)
	}
	n := runes(title) + runes(desc)
	fields, _ := e["fields"].([]any)
	if len(fields) > MaxFields {
		return 0, fmt.Sprintf("fields: must be %d or fewer in length", MaxFields)
	}
	for i, v := range fields {
		f, _ := v.(map[string]any)
		name, value := str(f, "name"), str(f, "value")
		if name == "" || runes(name) > MaxFieldName {
			return 0, fmt.Sprintf("fields.%d.name: must be between 1 and %d in length", i, MaxFieldName)
		}
		if value == "" || runes(value) > MaxFieldValue {
			return 0, fmt.Sprintf("fields.%d.value: must be between 1 and %d in length", i, MaxFieldValue)
		}
		n += runes(name) + runes(value)
	}
	if f, ok := e["footer"].(map[string]any); ok {
		if runes(str(f, "text")) > MaxFooter {
			return 0, fmt.Sprintf("footer.text: must be %d or fewer in length", MaxFooter)
		}
		n += runes(str(f, "text"))
	}
	if a, ok := e["author"].(map[string]any); ok {
		if runes(str(a, "name")) > MaxAuthor {
			return 0, fmt.Sprintf("author.name: must be %d or fewer in length", MaxAuthor)
		}
		n += runes(str(a, "name"))
	}
	return n, ""
}

func validateChoices(data map[string]any) string {
	choices, ok := data["choices"].([]any)
	if !ok {
		return "choices: this field is required"
	}
	if len(choices) > MaxChoices {
		return fmt.Sprintf("choices: must be %d or fewer in length", MaxChoices)
	}
	for i, v := range choices {
		c, _ := v.(map[string]any)
		name, _ := c["name"].(string)
		if name == "" || runes(name) > 100 {
			return fmt.Sprintf("choices.%d.name: must be between 1 and 100 in length", i)
		}
	}
	return ""
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// Discord's limits on the components of a message.
const (
	MaxRows        = 5
	MaxRowButtons  = 5
	MaxCustomID    = 100
	MaxButtonLabel = 80
	MaxButtonURL   = 512
)

// validateComponents checks action rows of buttons, the only components
// the bot sends, and returns what is wrong, or "".
func validateComponents(rows []any) string {
	if len(rows) > MaxRows {
		return fmt.Sprintf("components: must be %d or fewer in length", MaxRows)
	}
	ids := map[string]bool{}
	for i, v := range rows {
		row, _ := v.(map[string]any)
		buttons, _ := row["components"].([]any)
		if row["type"] != 1.0 || len(buttons) == 0 || len(buttons) > MaxRowButtons {
			return fmt.Sprintf("components.%d: an action row holds 1 to %d buttons", i, MaxRowButtons)
		}
		for j, w := range buttons {
			if msg := validateButton(w, ids); msg != "" {
				return fmt.Sprintf("components.%d.components.%d.%s", i, j, msg)
			}
		}
	}
	return ""
}

func validateButton(v any, ids map[string]bool) string {
	b, _ := v.(map[string]any)
	str := func(k string) string { s, _ := b[k].(string); return s }
	style, _ := b["style"].(float64)
	switch {
	case b["type"] != 2.0:
		return "type: only buttons are supported"
	case style < 1 || style > 5:
		return "style: must be 1 to 5"
	case runes(str("label")) > MaxButtonLabel:
		return fmt.Sprintf("label: must be %d or fewer in length", MaxButtonLabel)
	case str("label") == "" && b["emoji"] == nil:
		return "label: a button needs a label or an emoji"
	case style == 5 && (str("custom_id") != "" || runes(str("url")) > MaxButtonURL ||
		!(strings.HasPrefix(str("url"), "https://") || strings.HasPrefix(str("url"), "http://"))):
		return "url: a link button has an http(s) URL of at most 512 characters and no custom_id"
	case style != 5 && (str("url") != "" || str("custom_id") == "" || runes(str("custom_id")) > MaxCustomID):
		return fmt.Sprintf("custom_id: must be between 1 and %d in length", MaxCustomID)
	case style != 5 && ids[str("custom_id")]:
		return "custom_id: component custom id cannot be duplicated"
	}
	ids[str("custom_id")] = true
	return ""
}
