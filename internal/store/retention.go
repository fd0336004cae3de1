package store

import (
	"context"
	"fmt"
	"time"
)

// RunRetention purges what is older than retention at once, then every
// every, until ctx is done; it then returns nil. Each purge is logged (a
// failure as a warning: the next one tries again). With several processes
// sharing a database, each may run it: purges are idempotent.
func (db *DB) RunRetention(ctx context.Context, every, retention time.Duration) error {
	if every <= 0 || retention <= 0 {
		return fmt.Errorf("run retention: %w", invalid("retention period", "must be positive"))
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		start := time.Now()
		r, err := db.Purge(ctx, retention)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			db.log.Warn("purge old questions and votes", "err", err, "questions", r.Questions, "votes", r.Votes)
		default:
			db.log.Info("purged old questions and votes", "questions", r.Questions, "votes", r.Votes,
				"retention", retention, "duration", time.Since(start).Round(time.Millisecond))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
