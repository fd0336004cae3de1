package bot

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

const (
	testToken = "MTAwMDAwMDAwMDAwMDAwMDA.fake12.secret-part-of-the-token"
	appID     = "100"
	botID     = "200"
	guildID   = "300"
	channelID = "400"
	dmChannel = "401"
)

// waitFor bounds every wait of a test: far above what any step needs.
const waitFor = 15 * time.Second

// fakeAnswerer is a hand-written Answerer: each method runs its func
// field, or answers something plain.
type fakeAnswerer struct {
	ask    func(ctx context.Context, q rag.Question) (rag.Answer, error)
	check  func(question string) error
	themes func() []rag.Theme
	reload func(ctx context.Context) (rag.ReloadReport, error)

	mu    sync.Mutex
	asked []rag.Question
}

func (f *fakeAnswerer) Ask(ctx context.Context, q rag.Question) (rag.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, rag.Question{Text: q.Text, Theme: q.Theme, History: q.History})
	f.mu.Unlock()
	if f.ask != nil {
		return f.ask(ctx, q)
	}
	return rag.Answer{Text: "Réponse à : " + q.Text, Sources: []rag.Source{{Document: "doc.md", Section: "Section"}}}, nil
}

func (f *fakeAnswerer) Check(question string) error {
	if f.check != nil {
		return f.check(question)
	}
	return nil
}

func (f *fakeAnswerer) Themes() []rag.Theme {
	if f.themes != nil {
		return f.themes()
	}
	return []rag.Theme{{Title: "Antiterrorisme", Chunks: 3}, {Title: "Cybercriminalité", Chunks: 2}}
}

func (f *fakeAnswerer) Reload(ctx context.Context) (rag.ReloadReport, error) {
	if f.reload != nil {
		return f.reload(ctx)
	}
	return rag.ReloadReport{}, nil
}

func (f *fakeAnswerer) questions() []rag.Question {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]rag.Question(nil), f.asked...)
}

// withRetries makes deliveries retry after first (doubling up to max)
// and give up lifetime after the question, for tests that cannot wait
// Discord's minutes.
func withRetries(first, max, lifetime time.Duration) Option {
	return func(o *options) { o.delivery = delivery{first: first, max: max, lifetime: lifetime} }
}

// harness runs a Bot against its own fake Discord.
type harness struct {
	t      testing.TB
	fake   *fakediscord.Server
	bot    *Bot
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
	err    error

	tolerated func(fakediscord.Request) bool // refusals a test expects
}

// tolerate lets Discord refuse the requests that match, for a test that
// expects it to.
func (h *harness) tolerate(match func(fakediscord.Request) bool) { h.tolerated = match }

// start connects a bot answering from ans to a new fake Discord and
// waits until it has registered its commands.
func start(t testing.TB, ans Answerer, opts ...Option) *harness {
	t.Helper()
	fake := fakediscord.New(t, fakediscord.Options{Token: testToken, AppID: appID, BotID: botID})
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	all := append([]Option{WithAPIURL(fake.URL), WithLogger(logger)}, opts...)
	b, err := New(ans, testToken, all...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{t: t, fake: fake, bot: b, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- b.Run(ctx) }()
	t.Cleanup(h.finish)
	h.wait(1, isRegistration)
	return h
}

// stop cancels the bot's context and waits for Run to return.
func (h *harness) stop() error {
	h.once.Do(func() {
		h.cancel()
		select {
		case h.err = <-h.done:
		case <-time.After(2 * waitFor):
			h.err = fmt.Errorf("Run did not return after its context was cancelled")
		}
	})
	return h.err
}

// finish stops the bot and checks what every test must hold: no message
// could ping anyone, Discord refused nothing, the token was never logged.
func (h *harness) finish() {
	h.t.Helper()
	if err := h.stop(); err != nil {
		h.t.Errorf("Run: %v", err)
	}
	for _, r := range h.fake.Requests(nil) {
		if carriesMessage(r) {
			assertNoMentions(h.t, r)
		}
		if r.Status >= 400 && !r.Injected && (h.tolerated == nil || !h.tolerated(r)) {
			h.t.Errorf("fake Discord refused %s %s: %d %s", r.Method, r.Path, r.Status, r.Raw)
		}
	}
	if strings.Contains(h.logs.String(), testToken) || strings.Contains(h.logs.String(), "secret-part") {
		h.t.Errorf("the logs hold the bot token")
	}
	if h.t.Failed() {
		h.t.Logf("bot logs:\n%s", h.logs.String())
	}
}

// wait waits until n requests match, and returns all the matching ones.
func (h *harness) wait(n int, match func(fakediscord.Request) bool) []fakediscord.Request {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	got, err := h.fake.WaitRequests(ctx, n, match)
	if err != nil {
		h.t.Fatalf("%v; requests so far:\n%s", err, dump(h.fake.Requests(nil)))
	}
	return got
}

// push sends an interaction through the gateway.
func (h *harness) push(i *discordgo.Interaction) *discordgo.Interaction {
	h.t.Helper()
	if err := h.fake.Interaction(i); err != nil {
		h.t.Fatalf("push interaction: %v", err)
	}
	return i
}

// pushMessage sends a MESSAGE_CREATE through the gateway.
func (h *harness) pushMessage(m *discordgo.Message) *discordgo.Message {
	h.t.Helper()
	if err := h.fake.Message(m); err != nil {
		h.t.Fatalf("push message: %v", err)
	}
	return m
}

// ask pushes /question texte:text from user and returns the interaction.
func (h *harness) ask(user, text string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	all := append([]*discordgo.ApplicationCommandInteractionDataOption{stringOpt(optText, text)}, opts...)
	return h.push(h.slash(cmdQuestion, member(user, 0), all...))
}

// slash builds a slash command interaction in the test guild.
func (h *harness) slash(name string, m *discordgo.Member, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	id := h.fake.ID()
	i := &discordgo.Interaction{
		ID: id, AppID: appID, Type: discordgo.InteractionApplicationCommand,
		Data:    discordgo.ApplicationCommandInteractionData{ID: h.fake.ID(), Name: name, CommandType: discordgo.ChatApplicationCommand, Options: opts},
		GuildID: guildID, ChannelID: channelID, Member: m, Token: "itok-" + id, Version: 1, Locale: discordgo.French,
	}
	if m == nil {
		i.GuildID = ""
		i.ChannelID = dmChannel
		i.User = &discordgo.User{ID: "999", Username: "dm-user"}
	}
	return i
}

func member(userID string, perms int64, roles ...string) *discordgo.Member {
	return &discordgo.Member{
		User:        &discordgo.User{ID: userID, Username: "user-" + userID},
		Roles:       roles,
		Permissions: perms,
		JoinedAt:    time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func stringOpt(name, value string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
}

// syncBuffer is a bytes.Buffer safe for concurrent logging.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func dump(reqs []fakediscord.Request) string {
	var sb strings.Builder
	for _, r := range reqs {
		fmt.Fprintf(&sb, "  %s %s -> %d %s\n", r.Method, r.Path, r.Status, truncate(string(r.Raw), 300))
	}
	return sb.String()
}

// clock is a clock the test moves: conversations and answers age by it,
// and nothing waits for real time to pass.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func withClock(c *clock) Option {
	return func(o *options) { o.now = c.now }
}

// click pushes a click by user on the button customID of msg, in the
// test guild's channel.
func (h *harness) click(user, customID string, msg *discordgo.Message) *discordgo.Interaction {
	id := h.fake.ID()
	return h.push(&discordgo.Interaction{
		ID: id, AppID: appID, Type: discordgo.InteractionMessageComponent,
		Data:    discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
		GuildID: guildID, ChannelID: channelID, Member: member(user, 0), Token: "itok-" + id, Version: 1,
		Message: msg, Locale: discordgo.French,
	})
}

// messageCommand pushes « Demander au bot » used by user on target.
func (h *harness) messageCommand(user string, target *discordgo.Message) *discordgo.Interaction {
	i := h.slash(cmdAsk, member(user, 0))
	i.Data = discordgo.ApplicationCommandInteractionData{
		ID: h.fake.ID(), Name: cmdAsk, CommandType: discordgo.MessageApplicationCommand, TargetID: target.ID,
		Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Messages: map[string]*discordgo.Message{target.ID: target}},
	}
	return h.push(i)
}

// sentID returns the ID of the message a request created or edited, as
// the fake answered it.
func sentID(t testing.TB, r fakediscord.Request) string {
	t.Helper()
	m, _ := r.Reply.(map[string]any)
	if str(m, "id") == "" {
		t.Fatalf("%s %s created no message: %v", r.Method, r.Path, r.Reply)
	}
	return str(m, "id")
}

// customIDs returns the custom_id of every button of a message body.
func customIDs(body map[string]any) []string {
	var ids []string
	rows, _ := body["components"].([]any)
	for _, row := range rows {
		r, _ := row.(map[string]any)
		buttons, _ := r["components"].([]any)
		for _, b := range buttons {
			bm, _ := b.(map[string]any)
			if id := str(bm, "custom_id"); id != "" {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// buttonID returns the custom_id of the button of body starting with
// action, failing the test if there is none.
func buttonID(t testing.TB, body map[string]any, action string) string {
	t.Helper()
	for _, id := range customIDs(body) {
		if strings.HasPrefix(id, action+":") {
			return id
		}
	}
	t.Fatalf("no %s button in %v", action, body["components"])
	return ""
}
