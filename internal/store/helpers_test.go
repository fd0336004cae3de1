package store_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the test schemas

	"github.com/interpol-onu/assistant/internal/store"
)

// engine is a fresh, empty database of one engine for one test.
type engine struct {
	name   string
	dsn    string
	schema string // PostgreSQL's
}

const pgSkip = "TEST_DATABASE_URL is not set: PostgreSQL tests skipped " +
	"(eval \"$(bash internal/store/testdata/pg.sh)\" starts a local server and sets it)"

// engines runs test once against SQLite, in a temporary folder, and once
// against PostgreSQL in a schema of its own when TEST_DATABASE_URL is set.
func engines(t *testing.T, test func(t *testing.T, e engine)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		test(t, sqliteEngine(t))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		test(t, postgresEngine(t))
	})
}

func sqliteEngine(t testing.TB) engine {
	return engine{name: "sqlite", dsn: store.SQLitePath(t.TempDir())}
}

// postgresEngine creates a schema for the test, dropped at its end.
func postgresEngine(t testing.TB) engine {
	url := os.Getenv("TEST_DATABASE_URL")
	if url == "" {
		t.Skip(pgSkip)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	admin := pgAdmin(t)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return engine{name: "postgres", dsn: url + sep + "search_path=" + schema, schema: schema}
}

var (
	adminOnce sync.Once
	adminDB   *sql.DB
	adminErr  error
)

// pgAdmin is a connection pool to TEST_DATABASE_URL shared by the tests.
func pgAdmin(t testing.TB) *sql.DB {
	adminOnce.Do(func() {
		adminDB, adminErr = sql.Open("pgx", os.Getenv("TEST_DATABASE_URL"))
		if adminErr == nil {
			adminErr = adminDB.Ping()
		}
	})
	if adminErr != nil {
		t.Fatalf("connect to TEST_DATABASE_URL: %v", adminErr)
	}
	return adminDB
}

// open opens the engine's database, closed at the end of the test.
func (e engine) open(t testing.TB, opts ...store.Option) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), e.dsn, opts...)
	if err != nil {
		t.Fatalf("open %s: %v", e.name, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return db
}

// clock is a settable time for the store.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// question returns a valid question by user, with text and key.
func question(db *store.DB, user, text, key string) store.Question {
	return store.Question{
		GuildID: "111", ChannelID: "222", User: db.HashUser(user), Text: text,
		Mode: store.ModeOffline, Entry: store.EntrySlash, Duration: 3 * time.Millisecond, GroupKey: key,
	}
}

func record(t testing.TB, db *store.DB, q store.Question) int64 {
	t.Helper()
	id, err := db.RecordQuestion(context.Background(), q)
	if err != nil {
		t.Fatalf("record question %q: %v", q.Text, err)
	}
	return id
}

// count returns the rows of a table.
func count(t testing.TB, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// files lists the names in dir, hidden ones included.
func files(t testing.TB, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func readFile(t testing.TB, path ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(path...))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
