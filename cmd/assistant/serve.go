package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/interpol-onu/assistant/bot"
	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/rag"
)

// serve runs the Discord bot on engine until ctx is done (main cancels it
// on SIGINT and SIGTERM). SIGHUP reloads the knowledge, as /recharger
// does. The caller has checked cfg.ValidateDiscord, before building the
// engine. ops (nil without HTTP_ADDR) observes the bot and its
// readiness; extra options come after those of the configuration
// (serveWithData adds curation).
func serve(ctx context.Context, cfg config.Config, engine bot.Answerer, logger *slog.Logger, stderr io.Writer, ops *operations, extra ...bot.Option) error {
	d := cfg.Discord
	opts := append([]bot.Option{
		bot.WithLogger(logger),
		bot.WithAPIURL(d.APIURL),
		bot.WithGuildID(d.GuildID),
		bot.WithModeratorRoles(d.ModeratorRoleIDs...),
		bot.WithRateLimit(d.RatePerMinute),
		bot.WithMaxQuestionChars(d.MaxQuestionChars),
		bot.WithShutdownTimeout(d.ShutdownTimeout),
		bot.WithAnswerTimeout(d.AnswerTimeout),
		bot.WithConversationTTL(d.ConversationTTL),
		bot.WithAnswerInThread(d.AnswerInThread),
		bot.WithObserver(ops.botObserver()),
	}, extra...)
	b, err := bot.New(engine, d.Token, opts...)
	if err != nil {
		return fmt.Errorf("cannot serve on Discord: %w", err)
	}
	ops.watch(b)

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		reloadOnSignal(ctx, engine, hup, done, logger)
	}()

	if cfg.LogFormat != config.LogJSON { // a collector reads stderr as JSON lines
		fmt.Fprintln(stderr, "assistant: connecting to Discord (Ctrl+C stops, SIGHUP reloads the knowledge)")
	}
	err = b.Run(ctx)
	close(done)
	wg.Wait()
	if err != nil {
		return fmt.Errorf("serve on Discord: %w", err)
	}
	return nil
}

// reloadOnSignal reloads the knowledge each time hup receives a signal,
// logging the summary or why it failed, until done is closed. The engine
// refuses a reload while another (a moderator's /recharger) runs.
func reloadOnSignal(ctx context.Context, engine bot.Answerer, hup <-chan os.Signal, done <-chan struct{}, logger *slog.Logger) {
	for {
		select {
		case <-hup:
			logger.Info("SIGHUP: reloading the knowledge")
			rep, err := engine.Reload(ctx)
			if errors.Is(err, rag.ErrReloadInProgress) {
				logger.Info("SIGHUP ignored: a reload is already running")
				continue
			}
			if err != nil {
				logger.Error("reload the knowledge: the previous index stays", "err", err)
				continue
			}
			logger.Info("knowledge reloaded", "report", rep)
		case <-done:
			return
		}
	}
}
