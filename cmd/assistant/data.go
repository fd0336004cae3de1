package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/interpol-onu/assistant/bot"
	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/openaicompat"
)

// What serve does with the data it keeps.
const (
	retentionEvery = 24 * time.Hour // the purge of questions and votes past DATA_RETENTION
	recorderQueue  = 4096           // questions waiting to be written, at most
	closeTimeout   = 10 * time.Second
)

// serveWithData runs the bot with curation: it opens DATA_DIR and the
// database (SQLite in DATA_DIR, or PostgreSQL by DATABASE_URL), builds
// the engine over the knowledge and what moderators added, records the
// questions, purges what is older than DATA_RETENTION every day, and
// reloads when another process sharing a PostgreSQL database says so.
// On shutdown the questions still queued are written before the
// database closes.
//
// ops (nil without HTTP_ADDR) observes the engine and the bot, and
// learns when the knowledge is loaded.
func serveWithData(ctx context.Context, cfg config.Config, logger *slog.Logger, stderr io.Writer, ops *operations) (err error) {
	d := cfg.Discord
	if err := prepareDataDir(d.DataDir); err != nil {
		return err
	}
	db, err := openStore(ctx, d, logger)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()

	src, where, err := knowledgeSource(cfg)
	if err != nil {
		return err
	}
	for _, name := range []string{bot.AddedFolder, bot.AnswersDocument} {
		if _, err := fs.Stat(src, name); err == nil {
			logger.Warn("the knowledge folder has an entry of this name: it wins, and what moderators add there from Discord is not loaded", "name", name)
		}
	}
	fsys, err := bot.Knowledge(src, store.DocumentsDir(d.DataDir), db.GapAnswers)
	if err != nil {
		return fmt.Errorf("DATA_DIR %q: %w", d.DataDir, err)
	}
	engine, err := newEngineOn(ctx, cfg, fsys, where, logger, ops.instruments())
	if err != nil {
		return err
	}
	ops.knowledgeLoaded()
	rec, err := db.NewRecorder(ctx, recorderQueue)
	if err != nil {
		return fmt.Errorf("record questions: %w", err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), closeTimeout)
		defer cancel()
		err = errors.Join(err, rec.Close(cctx))
	}()

	bg, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stop()
	wg.Go(func() {
		if err := db.RunRetention(bg, retentionEvery, d.DataRetention); err != nil {
			logger.Error("purge of old questions not running", "err", err)
		}
	})
	wg.Go(func() {
		_ = db.Listen(bg, func() { reloadForOthers(bg, engine, logger) })
	})

	return serve(ctx, cfg, engine, logger, stderr, ops, bot.WithCuration(bot.Curation{
		Store: db, Recorder: rec, Library: engine, DocumentsDir: store.DocumentsDir(d.DataDir),
		ModerationChannelID: d.ModerationChannelID, Retention: d.DataRetention,
		Mode: answerMode(cfg.OpenAI), BuiltIn: where == builtInKnowledge,
	}))
}

// prepareDataDir creates DATA_DIR if needed and checks that it can be
// written, before anything is read from it.
func prepareDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("DATA_DIR %q cannot be created: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return fmt.Errorf("DATA_DIR %q cannot be written: %w", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// openStore opens the PostgreSQL database DATABASE_URL names, or else
// the SQLite file in DATA_DIR. The URL, which may hold a password, is
// never part of an error.
func openStore(ctx context.Context, d config.Discord, logger *slog.Logger) (*store.DB, error) {
	dsn, where := store.SQLitePath(d.DataDir), "DATA_DIR "+fmt.Sprintf("%q", d.DataDir)
	if d.DatabaseURL != "" {
		dsn, where = d.DatabaseURL, "DATABASE_URL"
	}
	db, err := store.Open(ctx, dsn, store.WithLogger(logger))
	if err != nil {
		return nil, fmt.Errorf("open the database (%s): %w", where, err)
	}
	logger.Info("database open", "engine", db.Engine(), "retention", d.DataRetention)
	return db, nil
}

// answerMode tells an answer written by the chat model from one the
// documents gave: offline, or the generator's fallback.
func answerMode(o config.OpenAI) func(rag.Answer) store.Mode {
	return func(a rag.Answer) store.Mode {
		if o.ChatModel == "" || a.Notice == openaicompat.FallbackNotice {
			return store.ModeOffline
		}
		return store.ModeAPI
	}
}

// reloadForOthers reloads after another process sharing the database
// changed the knowledge. A reload already running may have read it
// before the change: this one waits for it, then reloads in turn.
func reloadForOthers(ctx context.Context, engine *rag.Engine, logger *slog.Logger) {
	for deadline := time.Now().Add(2 * time.Minute); ; {
		rep, err := engine.Reload(ctx)
		switch {
		case errors.Is(err, rag.ErrReloadInProgress) && time.Now().Before(deadline) && ctx.Err() == nil:
			time.Sleep(200 * time.Millisecond)
			continue
		case err != nil:
			logger.Error("reload after another process changed the knowledge: the previous index stays", "err", err)
		default:
			logger.Info("knowledge reloaded for another process's change", "report", rep)
		}
		return
	}
}
