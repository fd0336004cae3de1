package bot

import (
	"log/slog"

	"github.com/interpol-onu/assistant/rag"
)

// LogReload logs the summary of a successful reload.
func LogReload(log *slog.Logger, r rag.ReloadReport) {
	log.Info("knowledge reloaded",
		"duration", r.Duration,
		"documents", r.Documents, "chunks", r.Chunks, "themes", len(r.Themes),
		"documents_added", r.DocumentsAdded, "documents_changed", r.DocumentsChanged,
		"documents_removed", r.DocumentsRemoved,
		"chunks_added", r.ChunksAdded, "chunks_removed", r.ChunksRemoved, "chunks_kept", r.ChunksKept)
	for _, s := range r.Skipped {
		log.Warn("knowledge file skipped", "file", s.Name, "reason", s.Reason)
	}
}
