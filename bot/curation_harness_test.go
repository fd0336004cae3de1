package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
)

// The moderation channel of the curated test bots.
const modChannel = "500"

// curated is a bot with curation on, as serve runs it: the real engine
// over a knowledge folder copied from testdata plus what moderators add
// (Knowledge), a SQLite store and its recorder in a data folder.
type curated struct {
	*harness
	db      *store.DB
	rec     *store.Recorder
	engine  *rag.Engine
	dataDir string
}

// curatedOptions change how startCurated builds the bot.
type curatedOptions struct {
	store     func(*store.DB) Store // wraps the store, to inject failures
	storeOpts []store.Option
	botOpts   []Option
}

// startCurated starts a curated bot on dataDir (a new one if ""), with
// the knowledge of testdata/knowledge.
func startCurated(t testing.TB, dataDir string, co curatedOptions) *curated {
	t.Helper()
	if dataDir == "" {
		dataDir = t.TempDir()
	}
	ctx := context.Background()
	db, err := store.Open(ctx, store.SQLitePath(dataDir), co.storeOpts...)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := db.NewRecorder(ctx, 1024)
	if err != nil {
		t.Fatal(err)
	}
	c := &curated{db: db, rec: rec, dataDir: dataDir}
	// Cleanups run last first: the bot stops before the store closes.
	t.Cleanup(func() { c.close(t) })

	kb := t.TempDir()
	for _, name := range []string{"cooperation.md", "formation.md"} {
		b, err := os.ReadFile(filepath.Join("testdata", "knowledge", name))
		if err == nil {
			err = os.WriteFile(filepath.Join(kb, name), b, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	base, err := knowledge.Dir(kb)
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := Knowledge(base, store.DocumentsDir(dataDir), db.GapAnswers)
	if err != nil {
		t.Fatal(err)
	}
	if c.engine, err = rag.New(ctx, rag.Options{Knowledge: fsys}); err != nil {
		t.Fatal(err)
	}
	var st Store = db
	if co.store != nil {
		st = co.store(db)
	}
	opts := append([]Option{WithRateLimit(1000), WithCuration(Curation{
		Store: st, Recorder: rec, Library: c.engine, DocumentsDir: store.DocumentsDir(dataDir),
		ModerationChannelID: modChannel,
	})}, co.botOpts...)
	c.harness = start(t, c.engine, opts...)
	return c
}

// close stops the bot, then writes what the recorder holds and closes
// the store, as serve does. It may be called twice.
func (c *curated) close(t testing.TB) {
	if c.harness != nil {
		if err := c.harness.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	if c.rec == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if err := c.rec.Close(ctx); err != nil {
		t.Errorf("close the recorder: %v", err)
	}
	if err := c.db.Close(); err != nil {
		t.Errorf("close the store: %v", err)
	}
	c.rec = nil
}

// Members of the tests.
func moderator(id string) *discordgo.Member {
	m := member(id, discordgo.PermissionManageGuild)
	m.Nick = "Modo " + id
	return m
}

// addDocument pushes /document ajouter fichier:att from m.
func (h *harness) addDocument(m *discordgo.Member, att *discordgo.MessageAttachment) *discordgo.Interaction {
	i := h.slash(cmdDocument, m, &discordgo.ApplicationCommandInteractionDataOption{
		Name: subAdd, Type: discordgo.ApplicationCommandOptionSubCommand,
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: optFile, Type: discordgo.ApplicationCommandOptionAttachment, Value: att.ID}},
	})
	d := i.Data.(discordgo.ApplicationCommandInteractionData)
	d.Resolved = &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{att.ID: att}}
	i.Data = d
	return h.push(i)
}

// attach serves a file and pushes /document ajouter with it from m.
func (h *harness) attach(m *discordgo.Member, name, content string) *discordgo.Interaction {
	return h.addDocument(m, h.fake.Attach(fakediscord.File{Name: name, Content: []byte(content)}))
}

// subcommand pushes /document sub from m with options.
func (h *harness) subcommand(m *discordgo.Member, sub string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return h.push(h.slash(cmdDocument, m, &discordgo.ApplicationCommandInteractionDataOption{
		Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts,
	}))
}

func daysOpt(n int) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: optDays, Type: discordgo.ApplicationCommandOptionInteger, Value: float64(n)}
}

// reply waits for what an interaction finally says: the edit of its
// deferred response, or its immediate response.
func (h *harness) reply(i *discordgo.Interaction) map[string]any {
	h.t.Helper()
	first := h.wait(1, isCallback(i))[0]
	if num(first.Body, "type") == float64(discordgo.InteractionResponseChannelMessageWithSource) {
		return data(first)
	}
	if num(first.Body, "type") != float64(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		h.t.Fatalf("response %s, want a message or a deferred one", first.Raw)
	}
	edits := h.wait(1, isEdit(i))
	return edits[len(edits)-1].Body
}

// privateReply is reply, checking that only the member sees it.
func (h *harness) privateReply(i *discordgo.Interaction) string {
	h.t.Helper()
	first := h.wait(1, isCallback(i))[0]
	if num(data(first), "flags") != ephemeral {
		h.t.Errorf("response %s, want it private", first.Raw)
	}
	return text(h.reply(i))
}

// answer asks text with /question from user and returns the answer's
// message body.
func (h *harness) answer(user, text string) map[string]any {
	h.t.Helper()
	i := h.ask(user, text)
	return h.wait(1, isAnswerEdit(i))[0].Body
}

// modal returns the modal an interaction was answered with.
func (h *harness) modal(i *discordgo.Interaction) map[string]any {
	h.t.Helper()
	resp := h.wait(1, isCallback(i))[0]
	if num(resp.Body, "type") != float64(discordgo.InteractionResponseModal) {
		h.t.Fatalf("response %s, want a modal", resp.Raw)
	}
	return data(resp)
}

// submit pushes the submission of a modal by m.
func (h *harness) submit(m *discordgo.Member, customID string, values map[string]string) *discordgo.Interaction {
	h.t.Helper()
	id := h.fake.ID()
	i := &discordgo.Interaction{ID: id, AppID: appID, GuildID: guildID, ChannelID: channelID, Member: m,
		Token: "itok-" + id, Version: 1, Locale: discordgo.French}
	if err := h.fake.SubmitModal(i, customID, values); err != nil {
		h.t.Fatalf("submit modal: %v", err)
	}
	return i
}

// clickAs pushes a click by m on customID.
func (h *harness) clickAs(m *discordgo.Member, customID string) *discordgo.Interaction {
	id := h.fake.ID()
	return h.push(&discordgo.Interaction{
		ID: id, AppID: appID, Type: discordgo.InteractionMessageComponent,
		Data:    discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
		GuildID: guildID, ChannelID: channelID, Member: m, Token: "itok-" + id, Version: 1,
		Message: &discordgo.Message{ID: h.fake.ID(), ChannelID: channelID}, Locale: discordgo.French,
	})
}

// moderationPosts returns what the moderation channel received.
func (h *harness) moderationPosts() []string {
	var out []string
	for _, r := range h.fake.Requests(isChannelMessage(modChannel)) {
		out = append(out, str(r.Body, "content"))
	}
	return out
}

// storedFiles lists the files of the documents folder, hidden ones
// included: what a failed change must not leave behind.
func storedFiles(t testing.TB, dataDir string) []string {
	t.Helper()
	entries, err := os.ReadDir(store.DocumentsDir(dataDir))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func mustContain(t testing.TB, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not say %q:\n%s", what, w, got)
		}
	}
}

// docNames lists the documents the engine answers from.
func docNames(e *rag.Engine) []string {
	var names []string
	for _, d := range e.Documents() {
		names = append(names, d.Name)
	}
	return names
}

// waitUntil polls cond for a state outside Discord (the store), which no
// request signals.
func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
