package main

import (
	"io"
	"log/slog"

	"github.com/interpol-onu/assistant/config"
)

// newLogger writes to w in the configured format: key=value text by
// default, one JSON object a line with LOG_FORMAT=json. Secrets are kept
// out by the code that logs, in either format.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == config.LogJSON {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
