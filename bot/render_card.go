package bot

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

// The answer card is made of embeds, not of components v2: an embed
// holds 4,096 characters of text and a message 6,000 (a components v2
// message holds 4,000 in all), masked links in the sources list make
// every source with a URL a link without spending the 40 components of
// a v2 message, a streamed preview (plain content) can be edited into
// it (the v2 flag cannot be taken back once set, and forbids content),
// and every client shows it. Its buttons are one action row under the
// last message of the answer: Voir les extraits, Publier for a private
// answer to « Demander au bot », and with curation 👍 and 👎: four of
// the five a row holds.

// card says how an answer is shown besides its text.
type card struct {
	question    string // as asked, for the title
	theme       string // the theme the question was restricted to
	answerID    string // names the answer in its buttons; "" for none
	publish     bool   // a Publier button
	published   bool   // the Publier button says it is done
	publishedBy string // who had the answer posted in the channel
	questionID  int64  // the question in the store: 👍 and 👎 buttons; 0 for none
}

// answerButtons returns the action row under an answer, or nil.
func answerButtons(a rag.Answer, c card) []discordgo.MessageComponent {
	var buttons []discordgo.MessageComponent
	if c.answerID != "" && len(a.Sources) > 0 {
		buttons = append(buttons, discordgo.Button{
			Label: "Voir les extraits", Style: discordgo.SecondaryButton,
			Emoji: &discordgo.ComponentEmoji{Name: "📄"}, CustomID: customID(actionExcerpts, c.answerID),
		})
	}
	if c.answerID != "" && c.publish {
		buttons = append(buttons, publishButton(c.answerID, c.published))
	}
	if c.questionID != 0 {
		buttons = append(buttons,
			discordgo.Button{Style: discordgo.SecondaryButton, Emoji: &discordgo.ComponentEmoji{Name: "👍"},
				CustomID: questionCustomID(actionUp, c.questionID)},
			discordgo.Button{Style: discordgo.SecondaryButton, Emoji: &discordgo.ComponentEmoji{Name: "👎"},
				CustomID: questionCustomID(actionDown, c.questionID)})
	}
	if len(buttons) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}

// publishButton is Publier, or once the answer is posted, a disabled
// button that says so.
func publishButton(answerID string, done bool) discordgo.Button {
	if done {
		return discordgo.Button{Label: "Publiée dans le salon", Style: discordgo.SuccessButton, Disabled: true,
			CustomID: customID(actionPublish, answerID)}
	}
	return discordgo.Button{Label: "Publier dans le salon", Style: discordgo.PrimaryButton,
		Emoji: &discordgo.ComponentEmoji{Name: "📢"}, CustomID: customID(actionPublish, answerID)}
}

// answerFooter says how the question was read and answered: as what it
// was understood (a follow-up completed), its theme, the engine's
// notice, where to look after a refusal, who had it published.
func answerFooter(a rag.Answer, c card) []string {
	var footer []string
	if a.Understood != "" && letters(a.Understood) != letters(c.question) {
		footer = append(footer, "Compris comme : "+truncate(oneLine(inert(a.Understood)), 300))
	}
	if c.theme != "" {
		footer = append(footer, "Thème : "+inert(c.theme))
	}
	if a.Notice != "" {
		footer = append(footer, a.Notice)
	}
	if a.Refused {
		footer = append(footer, "La commande /themes liste les thèmes couverts.")
	}
	if c.publishedBy != "" {
		footer = append(footer, "Publiée à la demande de "+truncate(oneLine(inert(c.publishedBy)), 80))
	}
	return footer
}

// letters folds s to its lower-case letters and digits, to tell a
// question rewritten from one only spelt or punctuated differently.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// sourceLine is a source in the answer's list: its number, document and
// section, as a link when the document has a URL.
func sourceLine(n int, s rag.Source) string {
	if u := linkURL(s.URL); u != "" {
		return fmt.Sprintf("[%d] [%s](%s)", n, linkText.Replace(escape(truncate(sourceName(s), 190))), u)
	}
	return truncate(fmt.Sprintf("[%d] %s", n, escape(sourceName(s))), 200)
}

// sourceName is « document — section », made inert.
func sourceName(s rag.Source) string {
	name := inert(s.Document)
	if section := inert(s.Section); section != "" {
		name += " — " + section
	}
	return name
}

// linkText keeps a source's name from closing its masked link.
var linkText = strings.NewReplacer("[", `\[`, "]", `\]`)

// linkURL returns u fit for a link: an absolute http(s) URL of at most
// 512 characters (a link button's limit), without credentials, with
// the characters that would end a masked link encoded; "" otherwise.
func linkURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.User != nil {
		return ""
	}
	s := strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(p.String())
	if len(s) > 512 {
		return ""
	}
	return s
}
