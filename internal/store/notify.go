package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Notify tells the other processes sharing the PostgreSQL database that
// the knowledge changed and they should reload it (their Listen calls
// fn). It is a no-op with SQLite, which one process uses.
func (db *DB) Notify(ctx context.Context) error {
	if db.pg == nil {
		return nil
	}
	_, err := db.db.ExecContext(ctx, `SELECT pg_notify($1, $2)`, db.channel, db.self)
	return wrap("notify a reload", err)
}

// Listen calls fn each time another process calls Notify on the same
// PostgreSQL database and schema, until ctx is done; it then returns nil.
// It holds a connection of its own and reconnects after a failure
// (logged), with a backoff from 1 s to 1 min; since notifications sent
// while it was disconnected are lost, it calls fn once after each
// reconnection. fn runs on Listen's goroutine: notifications arriving
// meanwhile wait. With SQLite, Listen returns nil at once.
func (db *DB) Listen(ctx context.Context, fn func()) error {
	if db.pg == nil {
		return nil
	}
	const minWait, maxWait = time.Second, time.Minute
	wait := minWait
	for connected := false; ; {
		err := db.listen(ctx, fn, func() {
			if connected {
				db.log.Info("listening for reloads again", "channel", db.channel)
				fn()
			}
			connected, wait = true, minWait
		})
		if ctx.Err() != nil {
			return nil
		}
		db.log.Warn("listen for reloads: reconnecting", "err", wrap("listen", err), "in", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(2*wait, maxWait)
	}
}

// listen connects, listens, calls ready, then calls fn for each
// notification from another process until the connection fails.
func (db *DB) listen(ctx context.Context, fn, ready func()) error {
	cfg := db.pg.Copy()
	cfg.RuntimeParams["application_name"] += " (listen)"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{db.channel}.Sanitize()); err != nil {
		return err
	}
	ready()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if n.Payload != db.self {
			fn()
		}
	}
}
