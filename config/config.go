package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting of the assistant.
type Config struct {
	// KnowledgeDir is the folder of documents; empty means the knowledge
	// embedded in the binary.
	KnowledgeDir string
	ChunkSize    int // target characters per chunk
	ChunkOverlap int // characters of context repeated between chunks
	// LexicalWeight is BM25's share of the fused retrieval score, in
	// [0, 1]; nil when LEXICAL_WEIGHT is unset (the engine chooses).
	LexicalWeight *float64
	LogLevel      slog.Level
	// LogFormat is how logs are written: LogText (also when empty, the
	// default) or LogJSON, one object a line, for log collectors.
	LogFormat string
	// HTTPAddr is where serve answers /healthz, /readyz and /metrics
	// (host:port); empty, the default, serves nothing.
	HTTPAddr    string
	httpAddrErr error // an invalid HTTP_ADDR, for ValidateHTTP

	Discord Discord
	OpenAI  OpenAI
}

// Discord holds the bot's settings.
type Discord struct {
	Token string
	// APIURL replaces https://discord.com for REST calls (a REST proxy);
	// paths are unchanged. Empty means Discord itself.
	APIURL           string
	GuildID          string   // register commands on this guild only (testing)
	ModeratorRoleIDs []string // roles allowed to reload, besides Manage Server
	RatePerMinute    int      // questions a user may ask per minute
	MaxQuestionChars int
	ShutdownTimeout  time.Duration // bounded wait for questions in flight
	// AnswerTimeout bounds the time spent answering one question. Unset,
	// it covers the generator's every attempt: OpenAI.Timeout ×
	// (OpenAI.MaxRetries+1) + 1m for backoff and retrieval, at most 14m
	// (Discord accepts an interaction's answer for 15 minutes).
	AnswerTimeout time.Duration
	// ConversationTTL is how long after its last answer a conversation
	// may be continued (a reply, a mention in its thread, a new direct
	// message); later, a follow-up is taken alone.
	ConversationTTL time.Duration
	// AnswerInThread answers a mention in a server's text channel in a
	// thread opened on the question.
	AnswerInThread bool

	// DataDir holds what the bot stores: the documents moderators add
	// and, unless DatabaseURL names PostgreSQL, the SQLite database.
	DataDir string
	// DataRetention is how long questions and votes are kept.
	DataRetention time.Duration
	// ModerationChannelID is where new gaps and 👎 with a comment are
	// posted; empty for nowhere.
	ModerationChannelID string
	// DatabaseURL is a postgres:// URL for a database several processes
	// share; empty for SQLite in DataDir. It may hold a password: never
	// logged.
	DatabaseURL string

	problems error // invalid Discord variables, for ValidateDiscord
}

// OpenAI holds the settings of an OpenAI-compatible API.
type OpenAI struct {
	APIKey         string
	BaseURL        string // e.g. http://localhost:11434/v1; empty means OpenAI
	ChatModel      string // naming one turns on generation through the API
	EmbeddingModel string // naming one turns on API embeddings
	CacheDir       string // where API embeddings are kept between runs
	Timeout        time.Duration
	MaxRetries     int
	BatchSize      int // texts per embedding request
	Concurrency    int // embedding requests in flight
	Stream         bool
	// OfflineFallback lets the assistant start with the offline embedder
	// when the embedding API is unreachable and nothing is cached.
	OfflineFallback bool
}

// Default returns the settings used when the environment says nothing.
func Default() Config {
	c := Config{
		ChunkSize:    900,
		ChunkOverlap: 150,
		LogLevel:     slog.LevelInfo,
		Discord: Discord{
			RatePerMinute:    5,
			MaxQuestionChars: 500,
			ShutdownTimeout:  20 * time.Second,
			ConversationTTL:  30 * time.Minute,
			DataDir:          defaultDataDir,
			DataRetention:    defaultRetention,
		},
		OpenAI: OpenAI{
			CacheDir:    "cache",
			Timeout:     30 * time.Second,
			MaxRetries:  3,
			BatchSize:   64,
			Concurrency: 2,
		},
	}
	c.Discord.AnswerTimeout = answerTimeoutFor(c.OpenAI.Timeout, c.OpenAI.MaxRetries) // 3m
	return c
}

// ErrMissingToken is returned by ValidateDiscord when DISCORD_TOKEN is unset.
var ErrMissingToken = errors.New("DISCORD_TOKEN is not set")

// ErrMalformedToken is returned by ValidateDiscord when DISCORD_TOKEN does
// not look like a bot token. The token itself is never part of the error.
var ErrMalformedToken = errors.New("DISCORD_TOKEN is malformed: a bot token has three parts separated by dots, with no spaces or prefix")

// FromEnv reads the settings from environment variables through getenv
// (os.Getenv in production). Unset variables keep their default.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Default()
	p := parser{getenv: getenv}

	c.KnowledgeDir = strings.TrimSpace(getenv("KNOWLEDGE_DIR"))
	p.int("CHUNK_SIZE", &c.ChunkSize, 100, 20000)
	p.int("CHUNK_OVERLAP", &c.ChunkOverlap, 0, 5000)
	if v := strings.TrimSpace(getenv("LEXICAL_WEIGHT")); v != "" {
		w := -1.0
		p.share("LEXICAL_WEIGHT", &w)
		if w >= 0 {
			c.LexicalWeight = &w
		}
	}
	if v := strings.TrimSpace(getenv("LOG_LEVEL")); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			p.errs = append(p.errs, fmt.Errorf("LOG_LEVEL: %q is not one of debug, info, warn, error", v))
		}
	}

	operateFromEnv(&c, &p)

	o := &c.OpenAI
	o.APIKey = strings.TrimSpace(getenv("OPENAI_API_KEY"))
	p.url("OPENAI_BASE_URL", &o.BaseURL)
	o.ChatModel = strings.TrimSpace(getenv("CHAT_MODEL"))
	o.EmbeddingModel = strings.TrimSpace(getenv("EMBEDDING_MODEL"))
	if v := strings.TrimSpace(getenv("CACHE_DIR")); v != "" {
		o.CacheDir = v
	}
	p.duration("OPENAI_TIMEOUT", &o.Timeout)
	p.int("OPENAI_MAX_RETRIES", &o.MaxRetries, 0, 10)
	p.int("EMBEDDING_BATCH_SIZE", &o.BatchSize, 1, 2048)
	p.int("EMBEDDING_CONCURRENCY", &o.Concurrency, 1, 64)
	p.bool("OPENAI_STREAM", &o.Stream)
	switch v := strings.TrimSpace(getenv("EMBEDDING_FALLBACK")); v {
	case "", "none":
	case "offline":
		o.OfflineFallback = true
	default:
		p.errs = append(p.errs, fmt.Errorf("EMBEDDING_FALLBACK: %q is neither \"offline\" nor \"none\"", v))
	}

	if c.ChunkOverlap >= c.ChunkSize {
		p.errs = append(p.errs, fmt.Errorf("CHUNK_OVERLAP (%d) must be smaller than CHUNK_SIZE (%d)", c.ChunkOverlap, c.ChunkSize))
	}
	c.Discord = discordFromEnv(getenv, o.Timeout, o.MaxRetries)
	return c, errors.Join(p.errs...)
}

// discordFromEnv reads the settings that only serving on Discord uses.
// Their errors are kept for ValidateDiscord: a bad one must not stop
// the offline commands.
func discordFromEnv(getenv func(string) string, attempt time.Duration, retries int) Discord {
	d := Default().Discord
	p := parser{getenv: getenv}
	d.Token = strings.TrimSpace(getenv("DISCORD_TOKEN"))
	p.url("DISCORD_API_URL", &d.APIURL)
	d.GuildID = strings.TrimSpace(getenv("DISCORD_GUILD_ID"))
	d.ModeratorRoleIDs = splitList(getenv("MODERATOR_ROLE_IDS"))
	p.int("RATE_LIMIT_PER_MINUTE", &d.RatePerMinute, 1, 1000)
	p.int("MAX_QUESTION_CHARS", &d.MaxQuestionChars, 10, 4000)
	p.duration("SHUTDOWN_TIMEOUT", &d.ShutdownTimeout)
	d.AnswerTimeout = answerTimeoutFor(attempt, retries)
	p.duration("ANSWER_TIMEOUT", &d.AnswerTimeout)
	if d.AnswerTimeout > maxAnswerTimeout {
		p.errs = append(p.errs, fmt.Errorf("ANSWER_TIMEOUT: %s is longer than %s: Discord drops an interaction's answer after 15 minutes", d.AnswerTimeout, maxAnswerTimeout))
	}
	p.duration("CONVERSATION_TTL", &d.ConversationTTL)
	if d.ConversationTTL < minConversationTTL || d.ConversationTTL > maxConversationTTL {
		p.errs = append(p.errs, fmt.Errorf("CONVERSATION_TTL: %s is not between %s and %s", d.ConversationTTL, minConversationTTL, maxConversationTTL))
	}
	p.bool("ANSWER_IN_THREAD", &d.AnswerInThread)
	curationFromEnv(&p, &d)
	d.problems = errors.Join(p.errs...)
	return d
}

// The conversation TTL: at least a minute to type a follow-up, at most a
// day of memory.
const (
	minConversationTTL = time.Minute
	maxConversationTTL = 24 * time.Hour
)

// answerTimeoutFor is the default answer timeout: long enough for every
// attempt of the generator plus a minute of backoff (Retry-After
// included) and retrieval, within Discord's 15 minutes.
func answerTimeoutFor(attempt time.Duration, retries int) time.Duration {
	return min(attempt*time.Duration(retries+1)+time.Minute, maxAnswerTimeout)
}

// maxAnswerTimeout leaves a minute of Discord's 15 to deliver the answer.
const maxAnswerTimeout = 14 * time.Minute

// ValidateDiscord checks the settings that serving on Discord needs: the
// Discord variables FromEnv read, and the token.
func (c Config) ValidateDiscord() error {
	if c.Discord.problems != nil {
		return c.Discord.problems
	}
	t := c.Discord.Token
	if t == "" {
		return ErrMissingToken
	}
	parts := strings.Split(t, ".")
	if len(parts) != 3 || strings.ContainsAny(t, " \t\r\n") {
		return ErrMalformedToken
	}
	for _, part := range parts {
		if part == "" {
			return ErrMalformedToken
		}
	}
	return nil
}

type parser struct {
	getenv func(string) string
	errs   []error
}

func (p *parser) int(key string, dst *int, lo, hi int) {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		p.errs = append(p.errs, fmt.Errorf("%s: %q is not a whole number between %d and %d", key, v, lo, hi))
		return
	}
	*dst = n
}

func (p *parser) share(key string, dst *float64) {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 1 {
		p.errs = append(p.errs, fmt.Errorf("%s: %q is not a number between 0 and 1", key, v))
		return
	}
	*dst = f
}

func (p *parser) duration(key string, dst *time.Duration) {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		p.errs = append(p.errs, fmt.Errorf("%s: %q is not a positive duration such as 30s or 2m", key, v))
		return
	}
	*dst = d
}

func (p *parser) bool(key string, dst *bool) {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s: %q is not true or false", key, v))
		return
	}
	*dst = b
}

func (p *parser) url(key string, dst *string) {
	v := strings.TrimSpace(p.getenv(key))
	if v == "" {
		return
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		// The value may hold credentials: do not echo it.
		p.errs = append(p.errs, fmt.Errorf("%s is not an http(s) URL", key))
		return
	}
	*dst = strings.TrimRight(v, "/")
}

func splitList(v string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, f)
	}
	return out
}
