package main

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"

	"github.com/interpol-onu/assistant/bot"
	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/internal/metrics"
	"github.com/interpol-onu/assistant/internal/monitor"
	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/embedcache"
	"github.com/interpol-onu/assistant/rag/openaicompat"
)

// The metrics observe every part that declares an observer.
var (
	_ bot.Observer          = (*metrics.Metrics)(nil)
	_ rag.Observer          = (*metrics.Metrics)(nil)
	_ openaicompat.Observer = (*metrics.Metrics)(nil)
	_ embedcache.Observer   = (*metrics.Metrics)(nil)
)

// operations is what serve shows operators when HTTP_ADDR is set: the
// metrics, and the health and readiness endpoints. A nil *operations
// (HTTP_ADDR unset) observes nothing and serves nothing.
type operations struct {
	metrics *metrics.Metrics
	loaded  atomic.Bool             // the knowledge is indexed
	bot     atomic.Pointer[bot.Bot] // the bot, once created
	stop    func() error            // stops serving, once serve is over
}

var (
	errNotLoaded    = errors.New("not loaded yet")
	errNoBot        = errors.New("not started yet")
	errDisconnected = errors.New("not connected to the gateway")
)

// startOperations serves the endpoints on cfg.HTTPAddr, ready once the
// knowledge is loaded and the bot connected; nil when HTTP_ADDR is unset.
func startOperations(cfg config.Config, logger *slog.Logger) (*operations, error) {
	if cfg.HTTPAddr == "" {
		return nil, nil
	}
	b := currentBuild()
	ops := &operations{metrics: metrics.New(metrics.Build{Version: b.Version, Revision: b.Revision, GoVersion: b.GoVersion})}
	srv, err := monitor.Listen(cfg.HTTPAddr, ops.metrics.Handler(), logger,
		monitor.Check{Name: "knowledge", Ready: ops.knowledgeReady},
		monitor.Check{Name: "discord", Ready: ops.discordReady})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	ops.stop = func() error {
		cancel()
		return <-done
	}
	logger.Info("serving /healthz, /readyz and /metrics", "addr", srv.Addr())
	return ops, nil
}

func (o *operations) knowledgeReady() error {
	if !o.loaded.Load() {
		return errNotLoaded
	}
	return nil
}

func (o *operations) discordReady() error {
	b := o.bot.Load()
	switch {
	case b == nil:
		return errNoBot
	case !b.Ready():
		return errDisconnected
	}
	return nil
}

// instruments are the observers the engine's parts report to.
func (o *operations) instruments() instruments {
	if o == nil {
		return instruments{}
	}
	return instruments{engine: o.metrics, api: o.metrics, cache: o.metrics}
}

// knowledgeLoaded marks the knowledge ready.
func (o *operations) knowledgeLoaded() {
	if o != nil {
		o.loaded.Store(true)
	}
}

// botObserver is what the bot reports to: nil, so nothing, without ops.
func (o *operations) botObserver() bot.Observer {
	if o == nil {
		return nil
	}
	return o.metrics
}

// watch makes b's readiness part of /readyz.
func (o *operations) watch(b *bot.Bot) {
	if o != nil {
		o.bot.Store(b)
	}
}

// close stops serving, after the bot has stopped: until then /healthz
// answers while the questions in flight are finished.
func (o *operations) close() error {
	if o == nil {
		return nil
	}
	return o.stop()
}
