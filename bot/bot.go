// Package bot puts the question-answering engine on Discord: slash
// commands, mentions and direct messages through discordgo's gateway
// connection. It depends on the engine only through Answerer. With
// WithCuration it also records every question in the store, puts 👍 and
// 👎 under every answer, and lets moderators curate the knowledge from
// Discord (/document, /lacunes, /statistiques) and members be forgotten
// (/oublier); Knowledge composes what the engine then loads.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

// Answerer is what the bot needs from the engine.
type Answerer interface {
	Ask(ctx context.Context, q rag.Question) (rag.Answer, error)
	// Check returns the error Ask would return for a question it cannot
	// take (rag.ErrEmptyQuestion, rag.ErrNoWords, *rag.TooLongError),
	// without searching: the bot refuses such a question privately
	// before acknowledging it publicly.
	Check(question string) error
	Themes() []rag.Theme
	// Reload returns rag.ErrReloadInProgress at once while another
	// reload runs: the bot relies on it and keeps no guard of its own.
	Reload(ctx context.Context) (rag.ReloadReport, error)
}

// ErrNoToken is returned by New for an empty token. New does not check
// the token's format: config.ValidateDiscord does, naming DISCORD_TOKEN,
// and Discord refuses a wrong token at connection (Run says so).
var ErrNoToken = errors.New("missing Discord bot token")

// Bot answers questions on Discord. Build it with New, then call Run.
type Bot struct {
	engine  Answerer
	token   string
	opts    options
	log     *slog.Logger
	limiter *limiter
	slots   chan struct{} // bounds the questions answered at once
	pending chan struct{} // bounds the questions answered or waiting
	work    *tracker      // questions and reloads in flight

	live atomic.Pointer[discordgo.Session] // set while the bot takes questions: see Ready

	convs   *conversations              // the turns of conversations, to continue them
	answers *lru[string, *answerRecord] // what the buttons of recent answers need
	kinds   *lru[string, channelKind]   // kinds of the server channels met
	cur     *curation                   // nil unless curation is on
}

// New returns a bot that answers from engine, authenticated by token
// (the bot token as the developer portal shows it, without "Bot ").
func New(engine Answerer, token string, opts ...Option) (*Bot, error) {
	token = strings.TrimSpace(token)
	if rest, ok := strings.CutPrefix(token, "Bot"); ok && (rest == "" || rest[0] == ' ') {
		token = strings.TrimSpace(rest)
	}
	if token == "" {
		return nil, ErrNoToken
	}
	o := defaults()
	for _, opt := range opts {
		opt(&o)
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	return &Bot{
		engine:  engine,
		token:   token,
		opts:    o,
		log:     o.logger,
		limiter: newLimiter(o.ratePerMinute),
		slots:   make(chan struct{}, o.concurrency),
		pending: make(chan struct{}, o.concurrency+o.queue),
		work:    newTracker(),
		convs:   newConversations(o),
		answers: newLRU[string, *answerRecord](maxAnswers, answerTTL, o.now),
		kinds:   newLRU[string, channelKind](maxChannelKinds, channelKindTTL, o.now),
		cur:     newCuration(o.curation, o),
	}, nil
}

// Run connects to Discord, registers the commands and answers until ctx
// is done. It then stops taking questions, waits for those in flight
// (at most the shutdown timeout) and closes the gateway connection.
// Run may be called once.
func (b *Bot) Run(ctx context.Context) error {
	s, err := b.session()
	if err != nil {
		return err
	}
	// Answers outlive ctx: they are cancelled only when the shutdown
	// timeout expires.
	workCtx, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()

	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		b.onInteraction(workCtx, s, ic.Interaction)
	})
	s.AddHandler(func(s *discordgo.Session, mc *discordgo.MessageCreate) {
		b.onMessage(workCtx, s, mc.Message)
	})
	b.watchGateway(s)

	b.seedGaps(ctx)
	if err := s.Open(); err != nil {
		var rest *discordgo.RESTError
		if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusUnauthorized {
			return fmt.Errorf("connect to Discord: the bot token was refused (HTTP 401), check DISCORD_TOKEN: %w", err)
		}
		return fmt.Errorf("connect to the Discord gateway: %w", redactErr(err))
	}
	self := identity(s)
	b.log.Info("connected to Discord", "user", self.userName, "user_id", self.userID, "application_id", self.appID)

	if err := b.register(s, self.appID); err != nil {
		b.close(s)
		return err
	}
	b.live.Store(s)
	stopSampling := b.sampleHeartbeat(s)

	<-ctx.Done()
	b.live.Store(nil)
	stopSampling()
	b.log.Info("shutting down: no new questions", "in_flight", b.work.count(), "timeout", b.opts.shutdownTimeout)
	if !b.work.closeAndWait(b.opts.shutdownTimeout) {
		b.log.Warn("shutdown timeout: cancelling the questions still in flight", "in_flight", b.work.count())
		cancelWork()
		// Give the cancelled handlers a moment to tell their users.
		b.work.wait(b.opts.shutdownTimeout / 4)
	}
	b.close(s)
	return nil
}

func (b *Bot) close(s *discordgo.Session) {
	if err := s.Close(); err != nil {
		b.log.Warn("close the Discord gateway", "err", redact(err.Error()))
	}
	b.log.Info("disconnected from Discord")
}

type self struct {
	userID, userName, appID string
}

// identity reads who the bot is from the READY event that Open stored.
func identity(s *discordgo.Session) self {
	s.State.RLock()
	defer s.State.RUnlock()
	var me self
	if u := s.State.Ready.User; u != nil {
		me.userID, me.userName = u.ID, u.Username
	}
	if a := s.State.Ready.Application; a != nil {
		me.appID = a.ID
	}
	return me
}
