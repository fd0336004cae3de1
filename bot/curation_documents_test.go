package bot

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

const visas = "# Visas\n\n## Délivrance des visas\n\nLe bureau des visas délivre les visas diplomatiques en trois jours ouvrés.\n"

// TestDocumentsAddedReplacedListedRemoved drives /document end to end:
// an added document answers questions at once, a second one with the
// same name replaces it, the list says where each document comes from,
// and a removed one answers no more.
func TestDocumentsAddedReplacedListedRemoved(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	mod := moderator("10")

	got := c.privateReply(c.attach(mod, "guide-visas.md", visas))
	mustContain(t, "the summary of an added document", got, "Document « guide-visas.md » ajouté", "Documents rechargés",
		"ajoutés : 1, modifiés : 0", "• "+AddedFolder+"/guide-visas.md", "Visas (1)")
	e := embeds(c.answer("20", "Qui délivre les visas diplomatiques ?"))[0]
	if !strings.Contains(str(e, "description"), "trois jours ouvrés") || fields(e)["Sources"] != "[1] ajouts/guide-visas.md — Délivrance des visas" {
		t.Errorf("answer from the added document: %v", e)
	}

	got = c.privateReply(c.attach(mod, "guide-visas.md", strings.Replace(visas, "trois", "deux", 1)))
	mustContain(t, "the summary of a new version", got, "Nouvelle version (la 2ᵉ) du document « guide-visas.md »",
		"ajoutés : 0, modifiés : 1", "Documents modifiés", "• ajouts/guide-visas.md")
	if d := str(embeds(c.answer("21", "Qui délivre les visas diplomatiques ?"))[0], "description"); !strings.Contains(d, "deux jours ouvrés") {
		t.Errorf("answer after the new version: %q", d)
	}

	pdf, err := os.ReadFile(filepath.Join("testdata", "curation", "rapport.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	got = c.privateReply(c.addDocument(moderator("11"), c.fake.Attach(fakediscord.File{Name: "rapport.pdf", Content: pdf})))
	mustContain(t, "the summary of an added PDF", got, "Document « rapport.pdf » ajouté", "• ajouts/rapport.pdf", "Coopération (2)")

	for _, r := range c.fake.Requests(fakediscord.IsDownload) {
		if r.Auth != "" {
			t.Errorf("a download carried credentials: %s %s", r.Method, r.Path)
		}
	}

	got = c.privateReply(c.subcommand(mod, subList))
	mustContain(t, "/document liste", got, "Documents : 4", "**cooperation.md** — dossier de connaissances ; 2 passages ; thèmes : Coopération policière",
		"**ajouts/guide-visas.md** — ajouté par Modo 10 <t:", "(2ᵉ version) ; 1 passage ; thèmes : Visas",
		"**ajouts/rapport.pdf** — ajouté par Modo 11")

	auto := c.push(&discordgo.Interaction{ID: c.fake.ID(), AppID: appID, Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: cmdDocument, Options: []*discordgo.ApplicationCommandInteractionDataOption{{
			Name: subRemove, Type: discordgo.ApplicationCommandOptionSubCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: optName, Type: discordgo.ApplicationCommandOptionString, Value: "RAP", Focused: true}},
		}}},
		GuildID: guildID, ChannelID: channelID, Member: mod, Token: "auto-tok", Version: 1})
	if choices := data(c.wait(1, isCallback(auto))[0])["choices"]; len(choices.([]any)) != 1 ||
		str(choices.([]any)[0].(map[string]any), "value") != "rapport.pdf" {
		t.Errorf("autocomplete of « RAP » = %v, want rapport.pdf", choices)
	}

	got = c.privateReply(c.subcommand(mod, subRemove, stringOpt(optName, "guide-visas.md")))
	mustContain(t, "the removal", got, "Document « guide-visas.md » retiré", "supprimés : 1", "Documents supprimés", "• ajouts/guide-visas.md")
	if e := embeds(c.answer("22", "Qui délivre les visas diplomatiques ?"))[0]; str(e, "description") != rag.RefusalText {
		t.Errorf("answer after the removal: %v, want the refusal", e)
	}
	if files := storedFiles(t, c.dataDir); !slices.Equal(files, []string{"rapport.pdf"}) {
		t.Errorf("documents folder holds %v, want rapport.pdf only", files)
	}

	got = c.privateReply(c.subcommand(mod, subRemove, stringOpt(optName, "cooperation.md")))
	mustContain(t, "removing a folder document", got, "« cooperation.md » fait partie du dossier de connaissances", "se gère sur le serveur")
	got = c.privateReply(c.subcommand(mod, subRemove, stringOpt(optName, AnswersDocument)))
	mustContain(t, "removing the moderators' answers", got, "« Réponses des modérateurs.md » rassemble les réponses des modérateurs")
	got = c.privateReply(c.subcommand(mod, subRemove, stringOpt(optName, "inconnu.md")))
	mustContain(t, "removing an unknown document", got, "Aucun document ajouté ne s’appelle « inconnu.md »")
	if !slices.Contains(docNames(c.engine), "cooperation.md") {
		t.Errorf("a folder document was removed: %v", docNames(c.engine))
	}
}
