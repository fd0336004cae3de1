package bot

import (
	"errors"
	"io"
	"log/slog"
	"net/url"
	"runtime"
	"time"
)

// Option changes a setting of New.
type Option func(*options)

type options struct {
	logger           *slog.Logger
	apiURL           *url.URL // nil: Discord itself
	apiURLErr        error
	guildID          string
	moderatorRoles   map[string]bool
	ratePerMinute    int
	maxQuestionChars int
	shutdownTimeout  time.Duration
	concurrency      int
	queue            int
	answerTimeout    time.Duration
	streamInterval   time.Duration
	typingInterval   time.Duration
	delivery         delivery
	conversationTTL  time.Duration
	answerInThread   bool
	now              func() time.Time // the clock conversations and answers age by
	observer         Observer
	heartbeatEvery   time.Duration // how often the gateway's latency is read for the observer
	curation         *Curation
	curationErr      error
	downloadTimeout  time.Duration // of an attachment
}

func defaults() options {
	return options{
		logger:           slog.New(slog.NewTextHandler(io.Discard, nil)),
		moderatorRoles:   map[string]bool{},
		ratePerMinute:    5,
		maxQuestionChars: 500,
		shutdownTimeout:  20 * time.Second,
		concurrency:      runtime.GOMAXPROCS(0),
		queue:            256,
		answerTimeout:    MaxAnswerTimeout,
		streamInterval:   time.Second,
		typingInterval:   8 * time.Second,
		delivery:         delivery{first: retryFirst, max: retryMax, lifetime: tokenLifetime},
		conversationTTL:  30 * time.Minute,
		now:              time.Now,
		observer:         noObserver{},
		heartbeatEvery:   15 * time.Second,
		downloadTimeout:  time.Minute,
	}
}

func (o options) validate() error {
	if o.apiURLErr != nil {
		return o.apiURLErr
	}
	if o.curationErr != nil {
		return o.curationErr
	}
	if o.ratePerMinute < 1 || o.maxQuestionChars < 1 || o.concurrency < 1 {
		return errors.New("rate limit, question length limit and concurrency must be positive")
	}
	if o.queue < 0 {
		return errors.New("the queue of questions cannot be negative")
	}
	o.answerTimeout = min(o.answerTimeout, MaxAnswerTimeout)
	if o.shutdownTimeout <= 0 || o.answerTimeout <= 0 || o.streamInterval <= 0 || o.conversationTTL <= 0 {
		return errors.New("timeouts and intervals must be positive")
	}
	return nil
}

// WithLogger sets the logger; by default the bot logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.logger = l
		}
	}
}

// WithAPIURL sends REST calls, gateway discovery included, to base
// instead of https://discord.com, paths unchanged: for a REST proxy such
// as nirn-proxy. An empty base means Discord itself.
func WithAPIURL(base string) Option {
	return func(o *options) {
		if base == "" {
			o.apiURL = nil
			return
		}
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			// The URL may carry credentials: do not echo it.
			o.apiURLErr = errors.New("the Discord API URL is not an http(s) URL")
			return
		}
		o.apiURL, o.apiURLErr = u, nil
	}
}

// WithGuildID registers the commands on one guild (instant, for testing)
// instead of globally.
func WithGuildID(id string) Option {
	return func(o *options) { o.guildID = id }
}

// WithModeratorRoles lets members with one of these role IDs reload the
// knowledge, besides those with the Manage Server permission.
func WithModeratorRoles(ids ...string) Option {
	return func(o *options) {
		for _, id := range ids {
			o.moderatorRoles[id] = true
		}
	}
}

// WithRateLimit sets how many questions one user may ask per minute.
func WithRateLimit(perMinute int) Option {
	return func(o *options) { o.ratePerMinute = perMinute }
}

// WithMaxQuestionChars sets the longest question accepted, in characters.
func WithMaxQuestionChars(n int) Option {
	return func(o *options) { o.maxQuestionChars = n }
}

// WithShutdownTimeout bounds how long Run waits for the questions in
// flight once its context is done.
func WithShutdownTimeout(d time.Duration) Option {
	return func(o *options) { o.shutdownTimeout = d }
}

// WithConcurrency sets how many questions are answered at once; the
// others wait their turn, already acknowledged. It defaults to the
// number of CPUs the process may use.
func WithConcurrency(n int) Option {
	return func(o *options) { o.concurrency = n }
}

// WithQueue sets how many questions may wait for their turn besides
// those being answered; beyond, users are told the bot is busy and asked
// to retry. Each waiting question holds a goroutine and, for messages, a
// typing indicator. It defaults to 256, enough for a burst of 200.
func WithQueue(n int) Option {
	return func(o *options) { o.queue = n }
}

// MaxAnswerTimeout is the longest an answer may take: Discord drops an
// interaction's answer 15 minutes after the question, and the bot keeps a
// minute to say that it took too long. Without WithAnswerTimeout, answers
// may take that long.
const MaxAnswerTimeout = 14 * time.Minute

// WithAnswerTimeout bounds the time spent answering one question,
// waiting for a free slot included: a question still waiting at the end
// is told, politely, that the answer took too long. It is capped at
// MaxAnswerTimeout.
func WithAnswerTimeout(d time.Duration) Option {
	return func(o *options) { o.answerTimeout = d }
}

// WithStreamInterval sets the least time between two edits of a reply
// while a streaming generator writes it (one second by default).
func WithStreamInterval(d time.Duration) Option {
	return func(o *options) { o.streamInterval = d }
}

// WithConversationTTL sets how long a conversation may be continued
// after its last answer (30 minutes by default): a reply to an answer, a
// new mention in a thread the bot answered in or a new direct message
// within that time is read in the light of the earlier turns; later, it
// is taken alone.
func WithConversationTTL(d time.Duration) Option {
	return func(o *options) { o.conversationTTL = d }
}

// WithAnswerInThread makes the bot answer a mention in a server's text
// channel in a public thread opened on the question, where the
// conversation goes on. Where no thread can be opened, it replies in
// place.
func WithAnswerInThread(on bool) Option {
	return func(o *options) { o.answerInThread = on }
}
