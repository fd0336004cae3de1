package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/interpol-onu/assistant/internal/store"
)

// holdWriteLock takes the database's write lock from another connection
// until the test ends or release is called: BEGIN IMMEDIATE in SQLite, an
// exclusive lock on the questions table in PostgreSQL.
func holdWriteLock(t *testing.T, e engine) (release func()) {
	t.Helper()
	if e.name == "postgres" {
		return holdTableLock(t, e, "questions")
	}
	other, err := sql.Open("sqlite", e.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatalf("take the write lock: %v", err)
	}
	return releaseOnce(t, conn)
}

// releaseOnce returns a function that rolls conn's transaction back and
// closes it, called at the end of the test if not before.
func releaseOnce(t *testing.T, conn *sql.Conn) func() {
	release := sync.OnceFunc(func() {
		conn.ExecContext(context.Background(), `ROLLBACK`)
		conn.Close()
	})
	t.Cleanup(release)
	return release
}

// holdTableLock locks a PostgreSQL table against writes until the test
// ends or release is called.
func holdTableLock(t *testing.T, e engine, table string) (release func()) {
	t.Helper()
	other, err := sql.Open("pgx", e.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), `BEGIN; LOCK TABLE `+table+` IN EXCLUSIVE MODE`); err != nil {
		t.Fatalf("lock %s: %v", table, err)
	}
	return releaseOnce(t, conn)
}

func TestBusyPastTheTimeout(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		db := e.open(t, store.WithBusyTimeout(100*time.Millisecond))
		q := question(db, "1", "Une question ?", "question")
		record(t, db, q)
		holdWriteLock(t, e)

		_, err := db.RecordQuestion(context.Background(), q)
		if !errors.Is(err, store.ErrBusy) {
			t.Fatalf("RecordQuestion while another holds the lock = %v, want ErrBusy", err)
		}
		if !strings.HasPrefix(err.Error(), "record question: database busy: ") {
			t.Errorf("error %q does not say what failed first", err)
		}
		// Reads still work: WAL readers do not wait for the writer.
		if _, err := db.Question(context.Background(), 1); err != nil && e.name == "sqlite" {
			t.Errorf("read while another holds the write lock: %v", err)
		}
	})
}

func TestFullDatabaseWritesNothing(t *testing.T) {
	// SQLite only: max_page_count makes the file full at a few pages.
	// A full disk under PostgreSQL is classified in TestClassify.
	ctx := context.Background()
	e := sqliteEngine(t)
	e.open(t) // create and migrate the file at its normal size
	db := e.open(t, store.WithPragma("max_page_count(40)"))
	q := question(db, "1", strings.Repeat("Une longue question sur INTERPOL. ", 30), "longue question")
	q.Sources = make([]store.Source, 20)
	for i := range q.Sources {
		q.Sources[i] = store.Source{Document: fmt.Sprintf("doc-%d.md", i), Section: strings.Repeat("section ", 20)}
	}
	var err error
	stored := 0
	for stored = 0; stored < 1000; stored++ {
		if _, err = db.RecordQuestion(ctx, q); err != nil {
			break
		}
	}
	if !errors.Is(err, store.ErrFull) {
		t.Fatalf("after %d questions: %v, want ErrFull", stored, err)
	}
	t.Logf("full after %d questions: %v", stored, err)
	if n := count(t, db, "questions"); n != stored {
		t.Errorf("%d questions in the database, %d recorded", n, stored)
	}
	if n := count(t, db, "question_sources"); n != stored*len(q.Sources) {
		t.Errorf("%d sources for %d questions of %d: a failed question left some", n, stored, len(q.Sources))
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		err  error
		want error
	}{
		{&pgconn.PgError{Code: "53100"}, store.ErrFull},
		{&pgconn.PgError{Code: "55P03"}, store.ErrBusy},
		{&pgconn.PgError{Code: "40P01"}, store.ErrBusy},
		{&pgconn.PgError{Code: "57P01"}, store.ErrUnavailable},
		{&pgconn.PgError{Code: "23505"}, nil},
		{&fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, store.ErrFull},
		{&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, store.ErrUnavailable},
		{context.DeadlineExceeded, nil},
		{errors.New("other"), nil},
	}
	for _, tt := range tests {
		if got := store.Classify(fmt.Errorf("wrapped: %w", tt.err)); got != tt.want {
			t.Errorf("classify(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestUnreachablePostgres(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	_, err = store.Open(ctx, "postgres://u:secret@"+addr+"/db?connect_timeout=5")
	if !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("open an unreachable server = %v, want ErrUnavailable", err)
	}
	if err != nil && strings.Contains(err.Error(), "secret") {
		t.Errorf("the error shows the password: %v", err)
	}
}
