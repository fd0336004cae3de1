package bot

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// question handles /question: checks that answer at once and privately,
// then a public deferred acknowledgement and the answer.
func (b *Bot) question(ctx context.Context, r *interactionReply, data discordgo.ApplicationCommandInteractionData) {
	text := strings.TrimSpace(stringOption(data.Options, optText))
	themeArg := strings.TrimSpace(stringOption(data.Options, optTheme))
	user := userID(r.i)

	if err := b.check(text, user); err != nil {
		b.rejected(EntrySlash, err)
		b.logError(b.log.With("via", "slash", "user_id", user), "refuse question", err)
		b.reply(ctx, r, []outgoing{notice(Explain(err))})
		return
	}
	var theme string
	if themeArg != "" {
		var ok bool
		if theme, ok = b.resolveTheme(themeArg); !ok {
			b.rejected(EntrySlash, rag.ErrUnknownTheme)
			b.reply(ctx, r, []outgoing{notice(Explain(rag.ErrUnknownTheme))})
			return
		}
	}
	// Refused at once, privately, within Discord's 3 s.
	if !b.admit() {
		b.refuseBusy(ctx, r, "slash", user)
		return
	}
	defer b.leaveQueue()
	r.ephemeral = false
	if err := r.deferReply(ctx); err != nil {
		b.log.Error("question lost: could not acknowledge it", append(r.who(), "err", redact(err.Error()))...)
		return
	}
	ans, ok := b.ask(ctx, r, rag.Question{Text: text, Theme: theme}, "slash", user)
	if !ok {
		return
	}
	// A slash command starts a conversation: a reply to its answer
	// continues it.
	q := asked{entry: store.EntrySlash, guild: r.i.GuildID, channel: r.i.ChannelID, user: user, text: text, theme: theme, received: r.received}
	ids := b.answered(ctx, r.s, r, q, ans, card{question: text, theme: theme}, nil)
	b.remember(conversation{}, text, ans, ids)
}

// check refuses a question over the user's rate limit, then an empty or
// too long one, then one the engine would refuse (no word in it), before
// any work is done. Refused questions count against the limit too, so
// that no one can make the bot reply more often.
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
	if err := b.engine.Check(text); err != nil {
		return fmt.Errorf("check question: %w", err)
	}
	return nil
}

// autocomplete suggests the themes matching what the user typed in the
// theme option: those starting with it first, then those containing it.
func (b *Bot) autocomplete(ctx context.Context, r *interactionReply) {
	data := r.i.ApplicationCommandData()
	if data.Name == cmdDocument {
		b.sendChoices(ctx, r, b.autocompleteDocuments(ctx, r, focused(data.Options, optName)))
		return
	}
	typed := focused(data.Options, optTheme)
	choices := []choice{}
	for _, t := range rag.SuggestThemes(shownThemes(b.engine.Themes()), typed) {
		if len(choices) == 25 {
			break
		}
		name := truncate(t.Title, 100)
		if name == "" {
			continue
		}
		choices = append(choices, choice{Name: name, Value: name})
	}
	b.sendChoices(ctx, r, choices)
}

// focused returns what the user typed so far in the named option, in
// opts or in a subcommand's.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	for _, o := range opts {
		if o.Focused && o.Name == name {
			typed, _ := o.Value.(string)
			return typed
		}
		if o.Type == discordgo.ApplicationCommandOptionSubCommand {
			if typed := focused(o.Options, name); typed != "" {
				return typed
			}
		}
	}
	return ""
}

// sendChoices answers an autocomplete request.
func (b *Bot) sendChoices(ctx context.Context, r *interactionReply, choices []choice) {
	// discordgo drops an empty choices list (omitempty), which Discord
	// refuses: send the response by hand.
	body := map[string]any{
		"type": discordgo.InteractionApplicationCommandAutocompleteResult,
		"data": map[string]any{"choices": choices},
	}
	if err := r.respond(ctx, body); err != nil {
		b.log.Warn("answer autocomplete", "err", redact(err.Error()))
	}
}

// shownThemes are the themes as members see them: titles made inert.
// The list keeps the engine's order, one entry per theme.
func shownThemes(themes []rag.Theme) []rag.Theme {
	out := make([]rag.Theme, len(themes))
	for i, t := range themes {
		out[i] = rag.Theme{Title: inert(t.Title), Chunks: t.Chunks}
	}
	return out
}

type choice struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// resolveTheme finds the theme arg names (see rag.FindTheme). Titles are
// compared as autocomplete shows them too: made inert.
func (b *Bot) resolveTheme(arg string) (string, bool) {
	themes := b.engine.Themes()
	for _, t := range themes {
		if t.Title == arg || inert(t.Title) == arg {
			return t.Title, true
		}
	}
	shown := shownThemes(themes)
	title, err := rag.FindTheme(shown, inert(arg))
	if err != nil {
		return "", false
	}
	for i, t := range shown {
		if t.Title == title {
			return themes[i].Title, true
		}
	}
	return "", false
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
