package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

// Discord's limits on what one message may carry, in characters.
const (
	maxContent     = 2000
	maxDescription = 4096
	maxMessage     = 6000 // all embeds of a message together
	maxFields      = 25
	maxFieldValue  = 1024
	maxTitle       = 256
	maxFooter      = 2048
)

const (
	colorAnswer  = 0x1f6feb
	colorRefusal = 0x8b949e
	colorInfo    = 0x2da44e
	colorError   = 0xcf222e
)

// outgoing is one message the bot sends: the first of a reply replaces
// the acknowledgement or answers the message, the others follow it.
type outgoing struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent // action rows of buttons
}

// renderAnswer lays an answer out as embeds: the text, split where
// needed across messages, then its numbered sources, its footer and its
// buttons (render_card.go).
func renderAnswer(a rag.Answer, c card) []outgoing {
	color := colorAnswer
	if a.Refused {
		color = colorRefusal
	}
	footer := answerFooter(a, c)

	var out []outgoing
	for i, piece := range split(a.Text, maxDescription) {
		e := &discordgo.MessageEmbed{Description: piece, Color: color}
		if i == 0 {
			e.Title = truncate("Question : "+oneLine(inert(c.question)), maxTitle)
		}
		out = append(out, outgoing{Embeds: []*discordgo.MessageEmbed{e}})
	}
	if len(out) == 0 {
		out = append(out, outgoing{Embeds: []*discordgo.MessageEmbed{{Description: "…", Color: color}}})
	}

	last := out[len(out)-1].Embeds[0]
	extra := &discordgo.MessageEmbed{Color: color, Fields: sourceFields(a.Sources)}
	if len(footer) > 0 {
		extra.Footer = &discordgo.MessageEmbedFooter{Text: truncate(strings.Join(footer, " · "), maxFooter)}
	}
	if embedLength(last)+embedLength(extra) <= maxMessage {
		last.Fields, last.Footer = extra.Fields, extra.Footer
	} else {
		out = append(out, outgoing{Embeds: []*discordgo.MessageEmbed{extra}})
	}
	out[len(out)-1].Components = answerButtons(a, c)
	return out
}

// sourceFields lists the sources, numbered as the answer cites them, in
// as few fields as Discord's limits allow.
func sourceFields(sources []rag.Source) []*discordgo.MessageEmbedField {
	if len(sources) == 0 {
		return nil
	}
	lines := make([]string, len(sources))
	for i, s := range sources {
		lines[i] = sourceLine(i+1, s)
	}
	values := packLines(lines, maxFieldValue, 5)
	fields := make([]*discordgo.MessageEmbedField, len(values))
	for i, v := range values {
		name := "Sources"
		if i > 0 {
			name = "Sources (suite)"
		}
		fields[i] = &discordgo.MessageEmbedField{Name: name, Value: v}
	}
	return fields
}

// packLines joins lines into at most maxChunks values of at most limit
// characters, never splitting a line; what does not fit is counted in a
// last line "… et N autres".
func packLines(lines []string, limit, maxChunks int) []string {
	const reserve = 30 // room for the "… et N autres" line
	var chunks []string
	var cur strings.Builder
	for i, line := range lines {
		room := limit
		if len(chunks) == maxChunks-1 {
			room = limit - reserve
		}
		if cur.Len() > 0 && utf8.RuneCountInString(cur.String())+1+utf8.RuneCountInString(line) > room {
			if len(chunks) == maxChunks-1 {
				cur.WriteString(fmt.Sprintf("\n… et %d autres", len(lines)-i))
				return append(chunks, cur.String())
			}
			chunks = append(chunks, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte('\n')
		}
		cur.WriteString(line)
	}
	if cur.Len() > 0 {
		chunks = append(chunks, cur.String())
	}
	return chunks
}

// embedLength counts the characters Discord counts towards a message's
// 6,000.
func embedLength(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	return n
}

// preview is the plain text shown while a streaming answer is written.
func preview(text string) string {
	const ellipsis = " …"
	parts := split(text, maxContent-utf8.RuneCountInString(ellipsis))
	if len(parts) == 0 {
		return "…"
	}
	return parts[0] + ellipsis
}

// notice is a short reply: a refusal, an error or a confirmation.
func notice(text string) outgoing {
	return outgoing{Content: truncate(text, maxContent)}
}

// truncate shortens s to at most n characters, at a word boundary, with
// an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return split(s, n-1)[0] + "…"
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

var markdown = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `~`, `\~`, `|`, `\|`, `>`, `\>`)

// escape keeps names taken from documents from being read as Markdown.
func escape(s string) string {
	return markdown.Replace(s)
}
