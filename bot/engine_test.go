package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

// TestWithTheRealEngine runs the bot on rag.Engine over a knowledge
// folder copied from testdata, then changes the folder and reloads.
func TestWithTheRealEngine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{"cooperation.md", "formation.md"} {
		copyFile(t, filepath.Join("testdata", "knowledge", name), filepath.Join(dir, name))
	}
	engine, err := rag.New(context.Background(), rag.Options{Knowledge: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	var _ Answerer = engine // the engine is what the bot asks for
	h := start(t, engine, WithRateLimit(100))
	mod := func() *discordgo.Member { return member("1", discordgo.PermissionManageGuild) }

	answer := func(text, theme string) map[string]any {
		t.Helper()
		var opts []*discordgo.ApplicationCommandInteractionDataOption
		if theme != "" {
			opts = append(opts, stringOpt(optTheme, theme))
		}
		i := h.ask("2", text, opts...)
		return embeds(h.wait(1, isAnswerEdit(i))[0].Body)[0]
	}
	e := answer("Qu’est-ce qu’une notice rouge ?", "")
	if !strings.Contains(str(e, "description"), "extradition") || fields(e)["Sources"] != "[1] cooperation.md — Notices rouges" {
		t.Errorf("answer: %v", e)
	}
	// Restricted to another theme, the same question finds nothing.
	if e := answer("Qu’est-ce qu’une notice rouge ?", "formation"); str(e, "description") != rag.RefusalText {
		t.Errorf("answer restricted to Formation: %q, want the refusal", str(e, "description"))
	}

	themes := h.push(h.slash(cmdThemes, member("3", 0)))
	if got := str(embeds(data(h.wait(1, isCallback(themes))[0]))[0], "description"); got != "• **Coopération policière** — 2 passages\n• **Formation** — 1 passage" {
		t.Errorf("/themes: %q", got)
	}

	// A new document and a file that cannot be read.
	write(t, filepath.Join(dir, "cybercriminalite.md"), "# Cybercriminalité\n\nLe centre de lutte contre la cybercriminalité analyse les rançongiciels.\n")
	write(t, filepath.Join(dir, "scan.txt"), "\xff\xfe\x00binaire")
	r := h.push(h.slash(cmdReload, mod()))
	summary := text(h.wait(1, isEdit(r))[0].Body)
	for _, want := range []string{"Documents : 3 — ajoutés : 1, modifiés : 0, supprimés : 0", "• cybercriminalite.md", "Cybercriminalité (1)", "scan.txt : "} {
		if !strings.Contains(summary, want) {
			t.Errorf("reload summary does not say %q:\n%s", want, summary)
		}
	}
	if e := answer("Que fait le centre contre les rançongiciels ?", ""); !strings.Contains(str(e, "description"), "rançongiciels") {
		t.Errorf("the new document is not used: %v", e)
	}

	// A folder with no usable document: the reload fails, nothing changes.
	for _, name := range []string{"cooperation.md", "formation.md", "cybercriminalite.md"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	r = h.push(h.slash(cmdReload, mod()))
	failure := str(h.wait(1, isEdit(r))[0].Body, "content")
	if !strings.Contains(failure, "rien n’a changé") || !strings.Contains(failure, "no usable document") {
		t.Errorf("failed reload said %q", failure)
	}
	if e := answer("Qu’est-ce qu’une notice rouge ?", ""); !strings.Contains(str(e, "description"), "extradition") {
		t.Errorf("after a failed reload the old index should answer: %v", e)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, string(b))
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
