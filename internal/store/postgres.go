package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// openPostgres connects to the database at url through pgx's database/sql
// driver. Unless the URL sets them, lock_timeout is the busy timeout,
// application_name is "assistant" and jit is off.
func openPostgres(ctx context.Context, url string, o options) (*sql.DB, *pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL, password included.
		return nil, nil, invalid("database URL", "cannot be parsed")
	}
	if _, ok := cfg.RuntimeParams["lock_timeout"]; !ok {
		cfg.RuntimeParams["lock_timeout"] = strconv.FormatInt(o.busyTimeout.Milliseconds(), 10)
	}
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "assistant"
	}
	// JIT compilation costs more than these short queries: it took 1.4 s
	// of 1.8 s listing the gaps of 100,000 questions.
	if _, ok := cfg.RuntimeParams["jit"]; !ok {
		cfg.RuntimeParams["jit"] = "off"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(o.maxConns)
	db.SetMaxIdleConns(o.maxConns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, wrap("connect to PostgreSQL", err)
	}
	return db, cfg, nil
}
