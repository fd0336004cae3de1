package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// DB is the store: a SQLite file or a PostgreSQL database. It is safe for
// concurrent use, and several processes may open the same database.
type DB struct {
	db      *sql.DB
	pg      *pgx.ConnConfig // nil for SQLite
	channel string          // PostgreSQL reload channel
	self    string          // this DB's ID, to ignore its own notifications
	key     []byte          // HMAC key of user IDs
	now     func() time.Time
	log     *slog.Logger
}

// Option changes a default of Open.
type Option func(*options)

type options struct {
	busyTimeout time.Duration
	maxConns    int
	now         func() time.Time
	log         *slog.Logger
	pragmas     []string // extra SQLite pragmas, for tests
}

// WithBusyTimeout sets how long a write waits for another writer's lock
// before failing with ErrBusy: SQLite's busy_timeout, PostgreSQL's
// lock_timeout (unless the URL sets one). The default is 5 s.
func WithBusyTimeout(d time.Duration) Option { return func(o *options) { o.busyTimeout = d } }

// WithMaxConns bounds the open connections (default 10 for PostgreSQL;
// SQLite takes as many as the callers at once).
func WithMaxConns(n int) Option { return func(o *options) { o.maxConns = n } }

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithLogger sets the logger of the background loops (RunRetention,
// Listen, Recorder). Nothing else logs. The default discards.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// SQLitePath is where the SQLite database lives in a data folder.
func SQLitePath(dataDir string) string { return filepath.Join(dataDir, "assistant.db") }

// Open opens the database dsn names, creating it (SQLite) and migrating
// its schema if needed, and loads the key that hashes user IDs (creating
// it at first start). dsn is a postgres:// or postgresql:// URL (its
// query may set server parameters, e.g. search_path=assistant for a
// schema of its own), or else the path of a SQLite file (see SQLitePath),
// created with its folder. Two processes may open the same database at
// once.
func Open(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	o := options{busyTimeout: 5 * time.Second, maxConns: 10, now: time.Now,
		log: slog.New(slog.DiscardHandler)}
	for _, opt := range opts {
		opt(&o)
	}
	if o.busyTimeout <= 0 {
		return nil, invalid("busy timeout", "must be positive")
	}
	db := &DB{now: o.now, log: o.log}
	var err error
	if IsPostgres(dsn) {
		db.db, db.pg, err = openPostgres(ctx, dsn, o)
	} else {
		db.db, err = openSQLite(dsn, o)
	}
	if err != nil {
		return nil, err
	}
	if err := db.init(ctx); err != nil {
		db.db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) init(ctx context.Context) error {
	if err := db.migrate(ctx); err != nil {
		return wrap("migrate the database", err)
	}
	if err := db.loadKey(ctx); err != nil {
		return err
	}
	if db.pg != nil {
		var schema string
		if err := db.db.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			return wrap("read the current schema", err)
		}
		db.channel = reloadChannel(schema)
	}
	var id [8]byte
	rand.Read(id[:])
	db.self = hex.EncodeToString(id[:])
	return nil
}

// reloadChannel names the LISTEN/NOTIFY channel of a schema, so that
// deployments sharing a database do not hear each other: schema +
// ".assistant_reload", or a hash of the schema where that would pass
// PostgreSQL's 63-byte limit on names.
func reloadChannel(schema string) string {
	if c := schema + ".assistant_reload"; len(c) <= 63 {
		return c
	}
	sum := sha256.Sum256([]byte(schema))
	return "assistant_reload_" + hex.EncodeToString(sum[:8])
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than
// a SQLite file.
func IsPostgres(dsn string) bool {
	lower := strings.ToLower(dsn)
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// Engine returns "sqlite" or "postgres".
func (db *DB) Engine() string {
	if db.pg != nil {
		return "postgres"
	}
	return "sqlite"
}

// Close closes the database. Background loops should be stopped first.
func (db *DB) Close() error {
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("close the database: %w", err)
	}
	return nil
}

// tx runs fn in a write transaction, committed if fn returns nil and
// rolled back otherwise: nothing is half-written. SQLite transactions
// begin IMMEDIATE, taking the write lock first, so the busy timeout
// covers them whole.
func (db *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// readTx runs fn in a read-only transaction, so that its queries see one
// snapshot: a deferred transaction in SQLite, REPEATABLE READ in
// PostgreSQL.
func (db *DB) readTx(ctx context.Context, fn func(*sql.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.pg != nil {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.db.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

func (db *DB) nowMS() int64 { return db.now().UnixMilli() }

func fromMS(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
