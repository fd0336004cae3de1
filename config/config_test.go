package config

import (
	"errors"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"
)

// env is a getenv backed by a map: tests never touch the real environment.
func env(vars map[string]string) func(string) string {
	return func(key string) string { return vars[key] }
}

// Distinctive secrets: no error may ever contain them.
const (
	secretToken  = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GsEcRt.TOKEN-ne-doit-jamais-fuiter"
	secretAPIKey = "sk-CLE-API-ne-doit-jamais-fuiter-42"
	secretPass   = "MotDePasse-ne-doit-jamais-fuiter"
)

func TestFromEnvDefaults(t *testing.T) {
	got, err := FromEnv(env(nil))
	if err != nil {
		t.Fatalf("FromEnv(empty): %v", err)
	}
	if !reflect.DeepEqual(got, Default()) {
		t.Errorf("FromEnv(empty) =\n%+v\nwant Default() =\n%+v", got, Default())
	}
	d := Default()
	if d.Discord.AnswerTimeout != 3*time.Minute {
		t.Errorf("default answer timeout %s, want 3m: four attempts of 30 s and a minute to spare", d.Discord.AnswerTimeout)
	}
	if d.ChunkOverlap >= d.ChunkSize || d.KnowledgeDir != "" || d.OpenAI.OfflineFallback || d.OpenAI.Stream {
		t.Errorf("Default() = %+v: overlap must be below size, knowledge embedded, no fallback, no streaming", d)
	}
	// Blank values count as unset.
	blank := map[string]string{}
	for _, k := range allKeys {
		blank[k] = "  "
	}
	got, err = FromEnv(env(blank))
	if err != nil || !reflect.DeepEqual(got, Default()) {
		t.Errorf("FromEnv(blank values) = %+v, %v; want the defaults", got, err)
	}
}

var allKeys = []string{
	"KNOWLEDGE_DIR", "CHUNK_SIZE", "CHUNK_OVERLAP", "LOG_LEVEL", "DISCORD_TOKEN", "DISCORD_API_URL",
	"DISCORD_GUILD_ID", "MODERATOR_ROLE_IDS", "RATE_LIMIT_PER_MINUTE", "MAX_QUESTION_CHARS",
	"SHUTDOWN_TIMEOUT", "ANSWER_TIMEOUT", "OPENAI_API_KEY", "OPENAI_BASE_URL", "CHAT_MODEL", "EMBEDDING_MODEL",
	"CACHE_DIR", "OPENAI_TIMEOUT", "OPENAI_MAX_RETRIES", "EMBEDDING_BATCH_SIZE",
	"EMBEDDING_CONCURRENCY", "OPENAI_STREAM", "EMBEDDING_FALLBACK", "LEXICAL_WEIGHT",
	"CONVERSATION_TTL", "ANSWER_IN_THREAD", "DATA_DIR", "DATA_RETENTION", "MODERATION_CHANNEL_ID", "DATABASE_URL",
}

func TestFromEnvEveryVariable(t *testing.T) {
	vars := map[string]string{
		"KNOWLEDGE_DIR":         " /srv/connaissances ",
		"CHUNK_SIZE":            "1200",
		"CHUNK_OVERLAP":         "200",
		"LOG_LEVEL":             "debug",
		"DISCORD_TOKEN":         " " + secretToken + "\n",
		"DISCORD_API_URL":       "https://proxy.example.org/discord/",
		"DISCORD_GUILD_ID":      "123456789012345678",
		"MODERATOR_ROLE_IDS":    "111, 222,,333 ",
		"RATE_LIMIT_PER_MINUTE": "12",
		"MAX_QUESTION_CHARS":    "800",
		"SHUTDOWN_TIMEOUT":      "45s",
		"ANSWER_TIMEOUT":        "5m",
		"OPENAI_API_KEY":        secretAPIKey,
		"OPENAI_BASE_URL":       "http://localhost:11434/v1/",
		"CHAT_MODEL":            "mistral-small",
		"EMBEDDING_MODEL":       "nomic-embed-text",
		"CACHE_DIR":             "/var/cache/assistant",
		"OPENAI_TIMEOUT":        "1m30s",
		"OPENAI_MAX_RETRIES":    "0",
		"EMBEDDING_BATCH_SIZE":  "16",
		"EMBEDDING_CONCURRENCY": "4",
		"OPENAI_STREAM":         "true",
		"EMBEDDING_FALLBACK":    "offline",
		"LEXICAL_WEIGHT":        "0.6",
		"CONVERSATION_TTL":      "2h",
		"ANSWER_IN_THREAD":      "true",
		"DATA_DIR":              " /var/lib/assistant ",
		"DATA_RETENTION":        "30d",
		"MODERATION_CHANNEL_ID": "987654321098765432",
		"DATABASE_URL":          "postgres://assistant:" + secretPass + "@db.example.org/assistant?sslmode=require",
	}
	if len(vars) != len(allKeys) {
		t.Fatalf("the test sets %d variables, allKeys lists %d", len(vars), len(allKeys))
	}
	got, err := FromEnv(env(vars))
	if err != nil {
		t.Fatalf("FromEnv: %v", err)
	}
	want := Config{
		KnowledgeDir:  "/srv/connaissances",
		ChunkSize:     1200,
		ChunkOverlap:  200,
		LexicalWeight: new(0.6),
		LogLevel:      slog.LevelDebug,
		Discord: Discord{
			Token:               secretToken,
			APIURL:              "https://proxy.example.org/discord",
			GuildID:             "123456789012345678",
			ModeratorRoleIDs:    []string{"111", "222", "333"},
			RatePerMinute:       12,
			MaxQuestionChars:    800,
			ShutdownTimeout:     45 * time.Second,
			AnswerTimeout:       5 * time.Minute,
			ConversationTTL:     2 * time.Hour,
			AnswerInThread:      true,
			DataDir:             "/var/lib/assistant",
			DataRetention:       30 * 24 * time.Hour,
			ModerationChannelID: "987654321098765432",
			DatabaseURL:         "postgres://assistant:" + secretPass + "@db.example.org/assistant?sslmode=require",
		},
		OpenAI: OpenAI{
			APIKey:          secretAPIKey,
			BaseURL:         "http://localhost:11434/v1",
			ChatModel:       "mistral-small",
			EmbeddingModel:  "nomic-embed-text",
			CacheDir:        "/var/cache/assistant",
			Timeout:         90 * time.Second,
			MaxRetries:      0,
			BatchSize:       16,
			Concurrency:     4,
			Stream:          true,
			OfflineFallback: true,
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FromEnv =\n%+v\nwant\n%+v", got, want)
	}
}

func TestFromEnvValues(t *testing.T) {
	tests := []struct {
		key, value string
		check      func(Config) bool
	}{
		{"LOG_LEVEL", "WARN", func(c Config) bool { return c.LogLevel == slog.LevelWarn }},
		{"LOG_LEVEL", "error", func(c Config) bool { return c.LogLevel == slog.LevelError }},
		{"EMBEDDING_FALLBACK", "none", func(c Config) bool { return !c.OpenAI.OfflineFallback }},
		{"OPENAI_STREAM", "0", func(c Config) bool { return !c.OpenAI.Stream }},
		{"LEXICAL_WEIGHT", "0", func(c Config) bool { return c.LexicalWeight != nil && *c.LexicalWeight == 0 }},
		{"LEXICAL_WEIGHT", "1", func(c Config) bool { return c.LexicalWeight != nil && *c.LexicalWeight == 1 }},
		{"CHUNK_SIZE", "100", func(c Config) bool { return c.ChunkSize == 100 && c.ChunkOverlap == 0 }},
		{"CHUNK_OVERLAP", "0", func(c Config) bool { return c.ChunkOverlap == 0 }},
		{"MODERATOR_ROLE_IDS", "42", func(c Config) bool { return reflect.DeepEqual(c.Discord.ModeratorRoleIDs, []string{"42"}) }},
		{"ANSWER_TIMEOUT", "45s", func(c Config) bool { return c.Discord.AnswerTimeout == 45*time.Second }},
		{"CONVERSATION_TTL", "1m", func(c Config) bool { return c.Discord.ConversationTTL == time.Minute }},
		{"CONVERSATION_TTL", "24h", func(c Config) bool { return c.Discord.ConversationTTL == 24*time.Hour }},
		{"ANSWER_IN_THREAD", "false", func(c Config) bool { return !c.Discord.AnswerInThread }},
		{"ANSWER_IN_THREAD", "1", func(c Config) bool { return c.Discord.AnswerInThread }},
		{"DATA_RETENTION", "2160h", func(c Config) bool { return c.Discord.DataRetention == 90*24*time.Hour }},
		{"DATA_RETENTION", "1d", func(c Config) bool { return c.Discord.DataRetention == 24*time.Hour }},
		{"DATA_RETENTION", "3650d", func(c Config) bool { return c.Discord.DataRetention == 3650*24*time.Hour }},
		{"DATABASE_URL", "postgresql:///assistant?host=/run/postgresql", func(c Config) bool {
			return c.Discord.DatabaseURL == "postgresql:///assistant?host=/run/postgresql"
		}},
		// The scheme in capitals is a PostgreSQL URL all the same, never a
		// SQLite file named after it.
		{"DATABASE_URL", "POSTGRES://bob@db.example.org/prod", func(c Config) bool {
			return c.Discord.DatabaseURL == "postgres://bob@db.example.org/prod"
		}},
		// Unset, the answer timeout follows the generator's attempts.
		{"OPENAI_TIMEOUT", "2m", func(c Config) bool { return c.Discord.AnswerTimeout == 9*time.Minute }},
		{"OPENAI_MAX_RETRIES", "0", func(c Config) bool { return c.Discord.AnswerTimeout == 90*time.Second }},
		{"OPENAI_TIMEOUT", "10m", func(c Config) bool { return c.Discord.AnswerTimeout == 14*time.Minute }},
		{"OPENAI_BASE_URL", "https://" + "utilisateur:" + secretPass + "@api.example.org/v1", func(c Config) bool {
			return c.OpenAI.BaseURL == "https://utilisateur:"+secretPass+"@api.example.org/v1"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			vars := map[string]string{tt.key: tt.value}
			if tt.key == "CHUNK_SIZE" {
				vars["CHUNK_OVERLAP"] = "0"
			}
			c, err := FromEnv(env(vars))
			if err != nil {
				t.Fatalf("FromEnv: %v", err)
			}
			if !tt.check(c) {
				t.Errorf("FromEnv(%s=%q) = %+v", tt.key, tt.value, c)
			}
		})
	}
}

func TestFromEnvInvalid(t *testing.T) {
	tests := []struct {
		key, value string
	}{
		{"CHUNK_SIZE", "grand"},
		{"CHUNK_SIZE", "99"},
		{"CHUNK_SIZE", "20001"},
		{"CHUNK_SIZE", "900.5"},
		{"ANSWER_TIMEOUT", "20m"},
		{"LEXICAL_WEIGHT", "1.5"},
		{"LEXICAL_WEIGHT", "-0.1"},
		{"LEXICAL_WEIGHT", "beaucoup"},
		{"CHUNK_OVERLAP", "-1"},
		{"CHUNK_OVERLAP", "5001"},
		{"LOG_LEVEL", "bavard"},
		{"DISCORD_API_URL", "discord.com"},
		{"DISCORD_API_URL", "ftp://proxy.example.org"},
		{"DISCORD_API_URL", "https://"},
		{"RATE_LIMIT_PER_MINUTE", "0"},
		{"RATE_LIMIT_PER_MINUTE", "1001"},
		{"MAX_QUESTION_CHARS", "9"},
		{"MAX_QUESTION_CHARS", "4001"},
		{"SHUTDOWN_TIMEOUT", "20"},
		{"SHUTDOWN_TIMEOUT", "0s"},
		{"SHUTDOWN_TIMEOUT", "-5s"},
		{"ANSWER_TIMEOUT", "120"},
		{"ANSWER_TIMEOUT", "0s"},
		{"OPENAI_BASE_URL", "localhost:11434/v1"},
		{"OPENAI_BASE_URL", "http://exa mple.org"},
		{"OPENAI_TIMEOUT", "trente secondes"},
		{"OPENAI_MAX_RETRIES", "11"},
		{"OPENAI_MAX_RETRIES", "-1"},
		{"EMBEDDING_BATCH_SIZE", "0"},
		{"EMBEDDING_BATCH_SIZE", "2049"},
		{"EMBEDDING_CONCURRENCY", "65"},
		{"OPENAI_STREAM", "oui"},
		{"EMBEDDING_FALLBACK", "hors-ligne"},
		{"CONVERSATION_TTL", "59s"},
		{"CONVERSATION_TTL", "25h"},
		{"CONVERSATION_TTL", "30"},
		{"CONVERSATION_TTL", "-1m"},
		{"ANSWER_IN_THREAD", "oui"},
		{"DATA_RETENTION", "90 jours"},
		{"DATA_RETENTION", "12h"},
		{"DATA_RETENTION", "0d"},
		{"DATA_RETENTION", "3651d"},
		{"DATA_RETENTION", "99999999999999d"},
		{"DATA_RETENTION", "-5d"},
		{"MODERATION_CHANNEL_ID", "#moderation"},
		{"MODERATION_CHANNEL_ID", "123456789012345678901"},
		{"DATABASE_URL", "sqlite:///var/lib/assistant.db"},
		{"DATABASE_URL", "/var/lib/assistant.db"},
		{"DATABASE_URL", "postgres:/assistant"},
		{"DATABASE_URL", "mysql://admin:" + secretPass + "@db.example.org/assistant"},
		{"DATABASE_URL", "postgres://admin:" + secretPass + "@exa mple.org/x"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			c, err := FromEnv(env(map[string]string{
				tt.key: tt.value, "DISCORD_TOKEN": secretToken, "OPENAI_API_KEY": secretAPIKey,
			}))
			if discordOnly[tt.key] {
				// The offline commands still run; serving refuses.
				if err != nil {
					t.Fatalf("FromEnv(%s=%q) = %v: a Discord setting must not stop the offline commands", tt.key, tt.value, err)
				}
				err = c.ValidateDiscord()
			}
			if err == nil {
				t.Fatalf("%s=%q accepted, want an error", tt.key, tt.value)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.key) {
				t.Errorf("error %q does not name %s", msg, tt.key)
			}
			if strings.Count(msg, "\n") != 0 {
				t.Errorf("error %q reports more than the one bad variable", msg)
			}
			assertNoSecret(t, msg)
		})
	}
}

// discordOnly are the variables only serving on Discord reads.
var discordOnly = map[string]bool{
	"DISCORD_TOKEN": true, "DISCORD_API_URL": true, "DISCORD_GUILD_ID": true, "MODERATOR_ROLE_IDS": true,
	"RATE_LIMIT_PER_MINUTE": true, "MAX_QUESTION_CHARS": true, "SHUTDOWN_TIMEOUT": true, "ANSWER_TIMEOUT": true,
	"CONVERSATION_TTL": true, "ANSWER_IN_THREAD": true, "DATA_DIR": true, "DATA_RETENTION": true,
	"MODERATION_CHANNEL_ID": true, "DATABASE_URL": true,
}

func TestFromEnvURLCredentialsNotEchoed(t *testing.T) {
	for _, key := range []string{"DISCORD_API_URL", "OPENAI_BASE_URL", "DATABASE_URL"} {
		for _, value := range []string{
			"ftp://admin:" + secretPass + "@proxy.example.org",
			"https://admin:" + secretPass + "@exa mple.org/v1",
			"admin:" + secretPass + "@proxy.example.org",
			"https://proxy.example.org/%zz?cle=" + secretPass,
		} {
			c, err := FromEnv(env(map[string]string{key: value}))
			if err == nil {
				err = c.ValidateDiscord()
			}
			if err == nil {
				t.Errorf("FromEnv(%s=%q) succeeded, want an error", key, value)
				continue
			}
			if !strings.Contains(err.Error(), key) {
				t.Errorf("error %q does not name %s", err, key)
			}
			if strings.Contains(err.Error(), secretPass) || strings.Contains(err.Error(), "admin") {
				t.Errorf("error %q echoes the URL's credentials", err)
			}
		}
	}
}

func TestFromEnvReportsEveryError(t *testing.T) {
	_, err := FromEnv(env(map[string]string{
		"CHUNK_SIZE": "x", "OPENAI_STREAM": "peut-être", "EMBEDDING_FALLBACK": "toujours",
		"DISCORD_TOKEN": secretToken, "OPENAI_API_KEY": secretAPIKey,
	}))
	if err == nil {
		t.Fatal("FromEnv succeeded, want errors")
	}
	for _, key := range []string{"CHUNK_SIZE", "OPENAI_STREAM", "EMBEDDING_FALLBACK"} {
		if !strings.Contains(err.Error(), key) {
			t.Errorf("error %q does not name %s", err, key)
		}
	}
	assertNoSecret(t, err.Error())
}

func TestFromEnvChunkOverlap(t *testing.T) {
	tests := []struct {
		size, overlap string
		ok            bool
	}{
		{"500", "499", true},
		{"500", "500", false},
		{"500", "800", false},
		{"", "900", false}, // against the default size
		{"120", "", false}, // the default overlap (150) no longer fits
	}
	for _, tt := range tests {
		_, err := FromEnv(env(map[string]string{"CHUNK_SIZE": tt.size, "CHUNK_OVERLAP": tt.overlap}))
		if (err == nil) != tt.ok {
			t.Errorf("CHUNK_SIZE=%q CHUNK_OVERLAP=%q: err = %v, want ok %v", tt.size, tt.overlap, err, tt.ok)
		}
		if err != nil && (!strings.Contains(err.Error(), "CHUNK_OVERLAP") || !strings.Contains(err.Error(), "CHUNK_SIZE")) {
			t.Errorf("error %q does not name both CHUNK_OVERLAP and CHUNK_SIZE", err)
		}
	}
}

func TestValidateDiscord(t *testing.T) {
	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"valid", secretToken, nil},
		{"missing", "", ErrMissingToken},
		{"blank", "   ", ErrMissingToken},
		{"two parts", "MTIzNDU2.GsEcRt", ErrMalformedToken},
		{"four parts", secretToken + ".encore", ErrMalformedToken},
		{"empty part", "MTIzNDU2..TOKEN", ErrMalformedToken},
		{"Bot prefix", "Bot " + secretToken, ErrMalformedToken},
		{"inner space", "MTIzNDU2.Gs EcRt.TOKEN", ErrMalformedToken},
		{"tab", "MTIzNDU2.GsEcRt\t.TOKEN", ErrMalformedToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromEnv(env(map[string]string{"DISCORD_TOKEN": tt.token, "OPENAI_API_KEY": secretAPIKey}))
			if err != nil {
				t.Fatalf("FromEnv: %v", err)
			}
			err = c.ValidateDiscord()
			if !errors.Is(err, tt.want) {
				t.Fatalf("ValidateDiscord() = %v, want %v", err, tt.want)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "DISCORD_TOKEN") {
					t.Errorf("error %q does not name DISCORD_TOKEN", err)
				}
				assertNoSecret(t, err.Error())
				for _, part := range strings.FieldsFunc(tt.token, func(r rune) bool { return r == '.' || r == ' ' || r == '\t' }) {
					if len(part) > 5 && strings.Contains(err.Error(), part) {
						t.Errorf("error %q echoes part of the token (%q)", err, part)
					}
				}
			}
		})
	}
}

func assertNoSecret(t *testing.T, msg string) {
	t.Helper()
	for _, secret := range []string{secretToken, secretAPIKey, secretPass, "GsEcRt", "TOKEN-ne-doit", "sk-CLE"} {
		if strings.Contains(msg, secret) {
			t.Errorf("error %q contains the secret %q", msg, secret)
		}
	}
}
