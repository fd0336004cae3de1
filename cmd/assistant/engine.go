package main

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
)

// newEngine loads the configured knowledge and builds the engine, with the
// offline embedder and extractive answers unless an API is configured.
func newEngine(ctx context.Context, cfg config.Config, logger *slog.Logger) (*rag.Engine, error) {
	var src fs.FS = knowledge.Default()
	where := "built-in knowledge"
	if cfg.KnowledgeDir != "" {
		dir, err := knowledge.Dir(cfg.KnowledgeDir)
		if err != nil {
			return nil, err
		}
		src, where = dir, cfg.KnowledgeDir
	}
	opt := rag.Options{
		Knowledge: src,
		Chunking:  rag.ChunkOptions{Size: cfg.ChunkSize, Overlap: cfg.ChunkOverlap},
	}
	if err := withAPI(ctx, cfg.OpenAI, &opt, logger); err != nil {
		return nil, err
	}
	e, err := rag.New(ctx, opt)
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
// configuration names (a chat model, an embedding model).
func withAPI(ctx context.Context, cfg config.OpenAI, opt *rag.Options, logger *slog.Logger) error {
	if cfg.ChatModel == "" && cfg.EmbeddingModel == "" {
		return nil
	}
	return fmt.Errorf("OpenAI-compatible API: not available in this build")
}
