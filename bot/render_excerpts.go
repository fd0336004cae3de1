package bot

import (
	"fmt"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

const (
	// excerptMessages is how many private messages one click on Voir
	// les extraits may bring: two hold about 12,000 characters.
	excerptMessages = 2
	maxEmbeds       = 10 // per message
	cutNotice       = " […] *(passage coupé)*"
	excerptsIntro   = "Les passages cités dans la réponse, tels qu’ils figurent dans les documents :"
)

// renderExcerpts lays out the passages an answer cites as private
// messages: one embed per source, titled with its number, document and
// section (a link when the document has a URL), holding the passage as
// it is. Within Discord's limits: a passage longer than an embed, or
// than the room left, is cut between sentences or words and says so;
// sources beyond excerptMessages messages are counted in a footer.
func renderExcerpts(a rag.Answer) []outgoing {
	exs := citedExcerpts(a)
	if len(exs) == 0 {
		return nil
	}
	const reserve = 120 // room for the footer that counts what is not shown
	var msgs []outgoing
	var cur []*discordgo.MessageEmbed
	size, left := 0, 0
	for k, ex := range exs {
		title := truncate(fmt.Sprintf("[%d] %s", ex.n, sourceName(ex.source)), maxTitle)
		room := maxMessage - size - reserve - utf8.RuneCountInString(title)
		if len(cur) == maxEmbeds || room < 300 {
			if len(msgs) == excerptMessages-1 {
				left = len(exs) - k
				break
			}
			msgs = append(msgs, outgoing{Embeds: cur})
			cur, size = nil, 0
			room = maxMessage - reserve - utf8.RuneCountInString(title)
		}
		text := ex.text
		if text == "" {
			text = "*(Le texte de ce passage n’est pas disponible.)*"
		}
		e := &discordgo.MessageEmbed{
			Title: title, URL: linkURL(ex.source.URL), Color: colorInfo,
			Description: fit(text, min(maxDescription, room)),
		}
		cur = append(cur, e)
		size += embedLength(e)
	}
	msgs = append(msgs, outgoing{Embeds: cur})
	msgs[0].Content = excerptsIntro
	if left > 0 {
		last := cur[len(cur)-1]
		last.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf(
			"%s ne tien%s pas dans ces messages (limites de Discord).", sourcesCount(left), plural(left, "t", "nent"))}
	}
	return msgs
}

// fit returns text if it has at most n characters, else its start cut
// between sentences or words, followed by cutNotice.
func fit(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	parts := split(text, n-utf8.RuneCountInString(cutNotice))
	if len(parts) == 0 {
		return cutNotice
	}
	return parts[0] + cutNotice
}

func sourcesCount(n int) string {
	if n == 1 {
		return "1 autre source"
	}
	return fmt.Sprintf("%d autres sources", n)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
