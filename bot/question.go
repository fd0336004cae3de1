package bot

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

// question handles /question: checks that answer at once and privately,
// then a public deferred acknowledgement and the answer.
func (b *Bot) question(ctx context.Context, r *interactionReply, data discordgo.ApplicationCommandInteractionData) {
	text := strings.TrimSpace(stringOption(data.Options, optText))
	themeArg := strings.TrimSpace(stringOption(data.Options, optTheme))
	user := userID(r.i)

	if err := b.check(text, user); err != nil {
		b.logError(b.log.With("via", "slash", "user_id", user), "refuse question", err)
		b.reply(r, []outgoing{notice(Explain(err))})
		return
	}
	var theme string
	if themeArg != "" {
		var ok bool
		if theme, ok = b.resolveTheme(themeArg); !ok {
			b.reply(r, []outgoing{notice(Explain(rag.ErrUnknownTheme))})
			return
		}
	}
	// Refused at once, privately, within Discord's 3 s.
	if !b.admit() {
		b.refuseBusy(r, "slash", user)
		return
	}
	defer b.leaveQueue()
	r.ephemeral = false
	if err := r.deferReply(); err != nil {
		b.log.Error("acknowledge /question", "err", redact(err.Error()))
		return
	}
	b.ask(ctx, r, rag.Question{Text: text, Theme: theme}, "slash", user)
}

// check refuses a question over the user's rate limit, then an empty or
// too long one, before any work is done. Refused questions count against
// the limit too, so that no one can make the bot reply more often.
func (b *Bot) check(text, user string) error {
	if err := b.limiter.allow(user); err != nil {
		return err
	}
	if text == "" {
		return rag.ErrEmptyQuestion
	}
	if n := utf8.RuneCountInString(text); n > b.opts.maxQuestionChars {
		return &rag.TooLongError{Length: n, Max: b.opts.maxQuestionChars}
	}
	return nil
}

// autocomplete suggests the themes matching what the user typed in the
// theme option: those starting with it first, then those containing it.
func (b *Bot) autocomplete(s *discordgo.Session, i *discordgo.Interaction) {
	typed := ""
	for _, o := range i.ApplicationCommandData().Options {
		if o.Focused && o.Name == optTheme {
			typed, _ = o.Value.(string)
		}
	}
	choices := []choice{}
	for _, t := range rag.SuggestThemes(b.engine.Themes(), typed) {
		if len(choices) == 25 {
			break
		}
		name := truncate(t.Title, 100)
		choices = append(choices, choice{Name: name, Value: name})
	}
	// discordgo drops an empty choices list (omitempty), which Discord
	// refuses: send the response by hand.
	body := map[string]any{
		"type": discordgo.InteractionApplicationCommandAutocompleteResult,
		"data": map[string]any{"choices": choices},
	}
	uri := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	if _, err := s.RequestWithBucketID("POST", uri, body, uri); err != nil {
		b.log.Warn("answer autocomplete", "err", redact(err.Error()))
	}
}

type choice struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// resolveTheme finds the theme arg names (see rag.FindTheme).
func (b *Bot) resolveTheme(arg string) (string, bool) {
	t, err := rag.FindTheme(b.engine.Themes(), arg)
	return t, err == nil
}

// stringOption returns the value of the named string option, or "".
func stringOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	for _, o := range opts {
		if o.Name == name && o.Type == discordgo.ApplicationCommandOptionString {
			v, _ := o.Value.(string)
			return v
		}
	}
	return ""
}
