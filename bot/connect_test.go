package bot

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
)

func TestConnectDiscoversGatewayThroughAPIURLAndRegistersCommands(t *testing.T) {
	t.Parallel()
	h := start(t, &fakeAnswerer{}, WithMaxQuestionChars(300))

	gateway := h.fake.Requests(func(r fakediscord.Request) bool { return r.Path == "/api/v9/gateway" })
	if len(gateway) != 1 || gateway[0].Method != "GET" {
		t.Fatalf("gateway discovery requests = %v, want one GET /api/v9/gateway", dump(gateway))
	}
	if gateway[0].Auth != "Bot "+testToken {
		t.Errorf("gateway discovery was not authenticated as the bot")
	}
	sessions, intents := h.fake.Sessions()
	if want := discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages; sessions != 1 || intents != want {
		t.Errorf("identified %d times with intents %d, want once with %d (no privileged intent)", sessions, intents, want)
	}
	if intents&(discordgo.IntentMessageContent|discordgo.IntentGuildMembers|discordgo.IntentGuildPresences) != 0 {
		t.Errorf("intents %d include a privileged intent", intents)
	}

	reg := h.fake.Requests(isRegistration)
	if len(reg) != 1 || reg[0].Path != "/api/v9/applications/"+appID+"/commands" {
		t.Fatalf("registrations = %s, want one global PUT", dump(reg))
	}
	var got []map[string]any
	if err := json.Unmarshal(reg[0].Raw, &got); err != nil {
		t.Fatal(err)
	}
	golden(t, "commands.golden.json", got)
	checkLocalized(t, got)
	if len(got) != 5 {
		t.Errorf("%d commands without curation, want 5", len(got))
	}
}

// TestCurationCommandsRegistered: with curation, the moderators'
// commands (Manage Server by default, in servers only) and /oublier are
// registered too, localized.
func TestCurationCommandsRegistered(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	var got []map[string]any
	if err := json.Unmarshal(c.fake.Requests(isRegistration)[0].Raw, &got); err != nil {
		t.Fatal(err)
	}
	golden(t, "commands-curation.golden.json", got[5:])
	checkLocalized(t, got)
	perms := map[string]any{}
	for _, cmd := range got {
		perms[str(cmd, "name")] = cmd["default_member_permissions"]
	}
	want := map[string]any{cmdQuestion: nil, cmdThemes: nil, cmdHelp: nil, cmdReload: "32", cmdAsk: nil,
		cmdDocument: "32", cmdGaps: "32", cmdStats: "32", cmdForget: nil}
	if !reflect.DeepEqual(perms, want) {
		t.Errorf("default permissions %v, want %v", perms, want)
	}
}

// checkLocalized checks that every command and option is named and
// described in French and English, and says where it works.
func checkLocalized(t *testing.T, cmds []map[string]any) {
	t.Helper()
	locales := []string{"fr", "en-US", "en-GB"}
	check := func(what string, m map[string]any, key string) {
		l, _ := m[key+"_localizations"].(map[string]any)
		for _, loc := range locales {
			if str(l, loc) == "" {
				t.Errorf("%s: no %s for %s", what, key, loc)
			}
		}
		if str(l, "fr") != str(m, key) {
			t.Errorf("%s: French %s %q, want it as written: %q", what, key, str(l, "fr"), str(m, key))
		}
	}
	for _, c := range cmds {
		name := str(c, "name")
		check(name, c, "name")
		if num(c, "type") == 1 {
			check(name, c, "description")
		} else if c["description"] != nil || c["description_localizations"] != nil {
			t.Errorf("%s: a message command has no description", name)
		}
		var options func(prefix string, m map[string]any)
		options = func(prefix string, m map[string]any) {
			opts, _ := m["options"].([]any)
			for _, o := range opts {
				om, _ := o.(map[string]any)
				check(prefix+" "+str(om, "name"), om, "name")
				check(prefix+" "+str(om, "name"), om, "description")
				options(prefix+" "+str(om, "name"), om)
			}
		}
		options(name, c)
		want := []any{0.0, 1.0}
		if moderatorCommands[name] {
			want = []any{0.0}
		}
		if !reflect.DeepEqual(c["contexts"], want) || !reflect.DeepEqual(c["integration_types"], []any{0.0}) {
			t.Errorf("%s: contexts %v, integration types %v; want %v and [0]", name, c["contexts"], c["integration_types"], want)
		}
	}
	if len(cmds) < 5 || str(cmds[4], "name") != cmdAsk || num(cmds[4], "type") != 3 {
		t.Errorf("want the four slash commands and « %s », a message command", cmdAsk)
	}
}

func TestRegistrationOnOneGuildIsABulkOverwrite(t *testing.T) {
	t.Parallel()
	first := start(t, &fakeAnswerer{}, WithGuildID(guildID))
	second := start(t, &fakeAnswerer{}, WithGuildID(guildID))
	a, b := first.fake.Requests(isRegistration), second.fake.Requests(isRegistration)
	if len(a) != 1 || len(b) != 1 {
		t.Fatalf("registrations: %d and %d, want 1 each", len(a), len(b))
	}
	if want := "/api/v9/applications/" + appID + "/guilds/" + guildID + "/commands"; a[0].Path != want || a[0].Method != "PUT" {
		t.Errorf("registration = %s %s, want PUT %s", a[0].Method, a[0].Path, want)
	}
	if string(a[0].Raw) != string(b[0].Raw) {
		t.Errorf("two registrations differ: a restart would not be idempotent")
	}
}

func TestRefusedTokenIsReportedWithoutEcho(t *testing.T) {
	t.Parallel()
	fake := fakediscord.New(t, fakediscord.Options{Token: "the.right.token", AppID: appID, BotID: botID})
	b, err := New(&fakeAnswerer{}, testToken, WithAPIURL(fake.URL))
	if err != nil {
		t.Fatal(err)
	}
	err = b.Run(t.Context())
	if err == nil || !strings.Contains(err.Error(), "check DISCORD_TOKEN") {
		t.Fatalf("Run = %v, want the token refused", err)
	}
	if strings.Contains(err.Error(), "secret-part") {
		t.Errorf("the error echoes the token: %v", err)
	}
}
