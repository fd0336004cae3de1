package rag

import (
	"log/slog"
	"time"

	"github.com/interpol-onu/assistant/knowledge"
)

// ReloadReport summarises a reload of the knowledge.
type ReloadReport struct {
	DocumentsAdded, DocumentsChanged, DocumentsRemoved []string
	ChunksAdded, ChunksRemoved, ChunksKept             int
	Documents, Chunks                                  int
	Themes                                             []Theme
	Skipped                                            []knowledge.Skipped
	Duration                                           time.Duration
}

// LogValue lets a report log itself: logger.Info("reloaded", "report", r).
// File names are quoted, so a name with a newline cannot forge a log line.
func (r ReloadReport) LogValue() slog.Value {
	skipped := make([]string, len(r.Skipped))
	for i, s := range r.Skipped {
		skipped[i] = s.Name + ": " + s.Reason
	}
	return slog.GroupValue(
		slog.Int("documents", r.Documents),
		slog.Int("chunks", r.Chunks),
		slog.Int("themes", len(r.Themes)),
		slog.Any("added", r.DocumentsAdded),
		slog.Any("changed", r.DocumentsChanged),
		slog.Any("removed", r.DocumentsRemoved),
		slog.Int("chunks_added", r.ChunksAdded),
		slog.Int("chunks_removed", r.ChunksRemoved),
		slog.Int("chunks_kept", r.ChunksKept),
		slog.Any("skipped", skipped),
		slog.Duration("duration", r.Duration),
	)
}
