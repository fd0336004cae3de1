package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"time"

	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/embedcache"
	"github.com/interpol-onu/assistant/rag/openaicompat"
)

// newEngine loads the configured knowledge and builds the engine, with the
// offline embedder and extractive answers unless an API is configured.
func newEngine(ctx context.Context, cfg config.Config, logger *slog.Logger) (*rag.Engine, error) {
	return newObservedEngine(ctx, cfg, logger, instruments{})
}

// instruments are the observers of an engine's parts; nil ones observe
// nothing.
type instruments struct {
	engine rag.Observer
	api    openaicompat.Observer
	cache  embedcache.Observer
}

// newObservedEngine is newEngine with its parts reporting to ins.
func newObservedEngine(ctx context.Context, cfg config.Config, logger *slog.Logger, ins instruments) (*rag.Engine, error) {
	src, where, err := knowledgeSource(cfg)
	if err != nil {
		return nil, err
	}
	return newEngineOn(ctx, cfg, src, where, logger, ins)
}

// knowledgeSource opens the configured knowledge folder, or the built-in
// knowledge, and says which it is.
func knowledgeSource(cfg config.Config) (src fs.FS, where string, err error) {
	if cfg.KnowledgeDir == "" {
		return knowledge.Default(), builtInKnowledge, nil
	}
	dir, err := knowledge.Dir(cfg.KnowledgeDir)
	if err != nil {
		return nil, "", err
	}
	return dir, cfg.KnowledgeDir, nil
}

const builtInKnowledge = "built-in knowledge"

// newEngineOn builds the engine on src, which where names in the logs.
func newEngineOn(ctx context.Context, cfg config.Config, src fs.FS, where string, logger *slog.Logger, ins instruments) (*rag.Engine, error) {
	opt := rag.Options{
		Knowledge: src,
		Chunking:  rag.ChunkOptions{Size: cfg.ChunkSize, Overlap: cfg.ChunkOverlap},
	}
	opt.Index.LexicalWeight = cfg.LexicalWeight
	opt.Logger = logger
	opt.Observer = ins.engine
	unreachable, err := withAPI(ctx, cfg.OpenAI, &opt, logger, ins)
	if err != nil {
		return nil, err
	}
	e, err := rag.New(ctx, opt)
	if err != nil && unreachable && !errors.Is(err, knowledge.ErrNoDocuments) {
		// The cached vectors did not cover every chunk (documents changed
		// since they were computed) and the API cannot embed the rest.
		if !cfg.OpenAI.OfflineFallback {
			return nil, fmt.Errorf("embedding API unreachable and the cached vectors may not cover the knowledge (set EMBEDDING_FALLBACK=offline to start with the offline embedder): %w", err)
		}
		logger.Warn("embedding API unreachable and the cached vectors do not cover the knowledge: using the offline embedder (EMBEDDING_FALLBACK=offline)", "err", err)
		opt.Index.Embedder = nil
		e, err = rag.New(ctx, opt)
	}
	if err != nil {
		return nil, err
	}
	for _, s := range e.Skipped() {
		logger.Warn("document skipped", "file", s.Name, "reason", s.Reason)
	}
	ix := e.Index()
	logger.Debug("knowledge loaded", "from", where, "chunks", len(ix.Chunks()), "embedder", ix.Embedder().Name())
	return e, nil
}

// withAPI switches the engine to an OpenAI-compatible API for what the
// configuration names: a chat model for answers (with the extractive
// answer as fallback), an embedding model for retrieval (cached on disk).
// It reports whether the index was left to cached vectors because the
// embedding API did not answer the start-up probe.
func withAPI(ctx context.Context, cfg config.OpenAI, opt *rag.Options, logger *slog.Logger, ins instruments) (unreachable bool, err error) {
	observed := openaicompat.WithObserver(ins.api)
	if cfg.ChatModel != "" {
		gen, err := openaicompat.NewGenerator(apiConfig(cfg), rag.Extractive{}, logger, observed)
		if err != nil {
			return false, fmt.Errorf("chat model: %w", err)
		}
		opt.Generator = gen
		opt.Rewriter = gen // follow-ups and English questions, rewritten before retrieval
	}
	if cfg.EmbeddingModel == "" {
		return false, nil
	}
	api, err := openaicompat.NewEmbedder(apiConfig(cfg), logger, observed)
	if err != nil {
		return false, fmt.Errorf("embedding model: %w", err)
	}
	cached, err := embedcache.Open(cfg.CacheDir, api, logger, embedcache.WithObserver(ins.cache))
	if err != nil {
		return false, fmt.Errorf("embedding cache: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, probeTimeout)
	perr := api.Probe(pctx)
	cancel()
	switch {
	case perr == nil:
	case cached.Len() > 0:
		logger.Warn("embedding API unreachable: starting from cached vectors", "err", perr)
	case cfg.OfflineFallback:
		logger.Warn("embedding API unreachable and nothing cached: using the offline embedder (EMBEDDING_FALLBACK=offline)", "err", perr)
		return false, nil
	default:
		return false, fmt.Errorf("embedding API unreachable and no cached vectors (set EMBEDDING_FALLBACK=offline to start with the offline embedder): %w", perr)
	}
	opt.Index.Embedder = cached
	return perr != nil, nil
}

// probeTimeout bounds the start-up check of the embedding API.
const probeTimeout = 20 * time.Second

// apiConfig maps the OPENAI_* settings to the API adapters' own.
func apiConfig(c config.OpenAI) openaicompat.Config {
	return openaicompat.Config{
		BaseURL:        c.BaseURL,
		APIKey:         c.APIKey,
		ChatModel:      c.ChatModel,
		EmbeddingModel: c.EmbeddingModel,
		Timeout:        c.Timeout,
		MaxRetries:     c.MaxRetries,
		BatchSize:      c.BatchSize,
		Concurrency:    c.Concurrency,
		Stream:         c.Stream,
	}
}
