package bot

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// Command and option names, in French as users type them.
const (
	cmdQuestion  = "question"
	cmdThemes    = "themes"
	cmdHelp      = "aide"
	cmdReload    = "recharger"
	optText      = "texte"
	optTheme     = "theme"
	moderatorBit = discordgo.PermissionManageGuild
)

// commands returns the slash commands the bot offers.
func (b *Bot) commands() []*discordgo.ApplicationCommand {
	manageGuild := int64(moderatorBit)
	guildOnly := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	return []*discordgo.ApplicationCommand{
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
			Contexts:                 &guildOnly,
		},
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
