package bot

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// Command and option names, in French as users type them; Discord shows
// them in English to members whose client is in English (localized) and
// always sends these names back.
const (
	cmdQuestion  = "question"
	cmdThemes    = "themes"
	cmdHelp      = "aide"
	cmdReload    = "recharger"
	cmdAsk       = "Demander au bot" // message command: right click on a message → Apps
	optText      = "texte"
	optTheme     = "theme"
	moderatorBit = discordgo.PermissionManageGuild
)

// commands returns the commands the bot offers: their names and
// descriptions in French as written, and in English for en-US and
// en-GB; where they work (a server, the bot's direct messages; the
// moderators' one in servers only); installed on servers.
func (b *Bot) commands() []*discordgo.ApplicationCommand {
	manageGuild := int64(moderatorBit)
	everywhere := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
	guildOnly := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	installed := []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
	cmds := []*discordgo.ApplicationCommand{
		{
			Name:        cmdQuestion,
			Description: "Poser une question sur les documents",
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:        discordgo.ApplicationCommandOptionString,
					Name:        optText,
					Description: "Votre question, en français",
					Required:    true,
					MaxLength:   b.opts.maxQuestionChars,
				},
				{
					Type:         discordgo.ApplicationCommandOptionString,
					Name:         optTheme,
					Description:  "Chercher seulement dans ce thème",
					Autocomplete: true,
				},
			},
		},
		{Name: cmdThemes, Description: "Lister les thèmes couverts et leur nombre de passages"},
		{Name: cmdHelp, Description: "Ce que fait le bot et comment l’interroger"},
		{
			Name:                     cmdReload,
			Description:              "Recharger les documents (modérateurs)",
			DefaultMemberPermissions: &manageGuild,
		},
		{Type: discordgo.MessageApplicationCommand, Name: cmdAsk},
	}
	if b.cur != nil {
		cmds = append(cmds, b.curationCommands()...)
	}
	for _, c := range cmds {
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
		c.Contexts = &everywhere
		if moderatorCommands[c.Name] {
			c.Contexts = &guildOnly
		}
		c.IntegrationTypes = &installed
		localize(c)
	}
	return cmds
}

// english holds the English names and descriptions of the commands and
// options, by their French text.
var english = map[string]string{
	cmdQuestion:                            "question",
	"Poser une question sur les documents": "Ask a question about the documents",
	optText:                                "text",
	"Votre question, en français":          "Your question, in French",
	optTheme:                               "theme",
	"Chercher seulement dans ce thème":     "Search this theme only",
	cmdThemes:                              "themes",
	"Lister les thèmes couverts et leur nombre de passages": "List the themes covered and their number of passages",
	cmdHelp: "help",
	"Ce que fait le bot et comment l’interroger": "What the bot does and how to ask it",
	cmdReload:                               "reload",
	"Recharger les documents (modérateurs)": "Reload the documents (moderators)",
	cmdAsk:                                  "Ask the bot",
}

// localized returns the localizations of a French text: itself for fr,
// its English for en-US and en-GB (the French again if english lacks it,
// which a test forbids).
func localized(fr string) map[discordgo.Locale]string {
	en, ok := english[fr]
	if !ok {
		en, ok = englishCuration[fr]
	}
	if !ok {
		en = fr
	}
	return map[discordgo.Locale]string{discordgo.French: fr, discordgo.EnglishUS: en, discordgo.EnglishGB: en}
}

// localize sets the localizations of a command and its options. A
// message command has no description.
func localize(c *discordgo.ApplicationCommand) {
	names := localized(c.Name)
	c.NameLocalizations = &names
	if c.Description != "" {
		descs := localized(c.Description)
		c.DescriptionLocalizations = &descs
	}
	localizeOptions(c.Options)
}

// localizeOptions localizes options and, for subcommands, theirs.
func localizeOptions(opts []*discordgo.ApplicationCommandOption) {
	for _, o := range opts {
		o.NameLocalizations = localized(o.Name)
		o.DescriptionLocalizations = localized(o.Description)
		localizeOptions(o.Options)
	}
}

// register replaces the application's commands with the bot's, on the
// configured guild or globally: running it twice changes nothing.
func (b *Bot) register(s *discordgo.Session, appID string) error {
	if appID == "" {
		return fmt.Errorf("register commands: the gateway did not say the application ID")
	}
	cmds := b.commands()
	if _, err := s.ApplicationCommandBulkOverwrite(appID, b.opts.guildID, cmds); err != nil {
		return fmt.Errorf("register commands: %w", redactErr(err))
	}
	scope := "global"
	if b.opts.guildID != "" {
		scope = "guild " + b.opts.guildID
	}
	b.log.Info("commands registered", "count", len(cmds), "scope", scope)
	return nil
}
