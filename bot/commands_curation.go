package bot

import (
	"github.com/bwmarrin/discordgo"
)

// The commands of curation, their subcommands and options.
const (
	cmdDocument = "document"
	cmdGaps     = "lacunes"
	cmdStats    = "statistiques"
	cmdForget   = "oublier"
	subAdd      = "ajouter"
	subRemove   = "retirer"
	subList     = "liste"
	optFile     = "fichier"
	optName     = "nom"
	optDays     = "jours"
)

// curationCommands returns the commands of curation: the moderators'
// (Manage Server by default, in servers only; the bot checks again) and
// /oublier, for everyone, everywhere.
func (b *Bot) curationCommands() []*discordgo.ApplicationCommand {
	manageGuild := int64(moderatorBit)
	minDays := 1.0
	days := func(desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionInteger, Name: optDays, Description: desc,
			MinValue: &minDays, MaxValue: float64(retentionDays(b.cur.Retention)),
		}
	}
	return []*discordgo.ApplicationCommand{
		{
			Name: cmdDocument, Description: "Gérer les documents ajoutés depuis Discord (modérateurs)",
			DefaultMemberPermissions: &manageGuild,
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: subAdd,
					Description: "Ajouter un document .md, .txt, .html ou .pdf (même nom : nouvelle version)",
					Options: []*discordgo.ApplicationCommandOption{{
						Type: discordgo.ApplicationCommandOptionAttachment, Name: optFile,
						Description: "Le document à ajouter", Required: true,
					}},
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: subRemove,
					Description: "Retirer un document ajouté depuis Discord",
					Options: []*discordgo.ApplicationCommandOption{{
						Type: discordgo.ApplicationCommandOptionString, Name: optName,
						Description: "Le nom du document", Required: true, Autocomplete: true,
					}},
				},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subList, Description: "Lister les documents, leur origine, leurs passages et leurs thèmes"},
			},
		},
		{
			Name: cmdGaps, Description: "Les questions restées sans bonne réponse, pour y répondre (modérateurs)",
			DefaultMemberPermissions: &manageGuild,
			Options:                  []*discordgo.ApplicationCommandOption{days("Sur combien de jours (30 par défaut)")},
		},
		{
			Name: cmdStats, Description: "Questions, réponses, avis et temps de réponse (modérateurs)",
			DefaultMemberPermissions: &manageGuild,
			Options:                  []*discordgo.ApplicationCommandOption{days("Sur combien de jours (30 par défaut)")},
		},
		{Name: cmdForget, Description: "Effacer tout ce que le bot a enregistré de vous"},
	}
}

// moderatorCommands work in servers only.
var moderatorCommands = map[string]bool{cmdReload: true, cmdDocument: true, cmdGaps: true, cmdStats: true}

// englishCuration holds the English of curation's names and
// descriptions, by their French text.
var englishCuration = map[string]string{
	cmdDocument: "document",
	"Gérer les documents ajoutés depuis Discord (modérateurs)": "Manage the documents added from Discord (moderators)",
	subAdd: "add",
	"Ajouter un document .md, .txt, .html ou .pdf (même nom : nouvelle version)": "Add a .md, .txt, .html or .pdf document (same name: new version)",
	optFile:                 "file",
	"Le document à ajouter": "The document to add",
	subRemove:               "remove",
	"Retirer un document ajouté depuis Discord": "Remove a document added from Discord",
	optName:              "name",
	"Le nom du document": "The document's name",
	subList:              "list",
	"Lister les documents, leur origine, leurs passages et leurs thèmes": "List the documents, their origin, passages and themes",
	cmdGaps: "gaps",
	"Les questions restées sans bonne réponse, pour y répondre (modérateurs)": "The questions left without a good answer, to answer them (moderators)",
	optDays:                                "days",
	"Sur combien de jours (30 par défaut)": "Over how many days (30 by default)",
	cmdStats:                               "statistics",
	"Questions, réponses, avis et temps de réponse (modérateurs)": "Questions, answers, votes and answer times (moderators)",
	cmdForget: "forget",
	"Effacer tout ce que le bot a enregistré de vous": "Delete everything the bot recorded about you",
}
