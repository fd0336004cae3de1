package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestOpenTwiceAtOnce(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		// Two processes starting on a new database: both migrate it or
		// find it migrated, and both keep the same user hash key.
		const n = 4
		dbs := make([]*store.DB, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { dbs[i], errs[i] = store.Open(context.Background(), e.dsn) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("open %d: %v", i, err)
			}
			defer dbs[i].Close()
		}
		if got := count(t, dbs[0], "schema_migrations"); got != 1 {
			t.Errorf("schema_migrations has %d rows, want 1", got)
		}
		for i := 1; i < n; i++ {
			if a, b := dbs[0].HashUser("42"), dbs[i].HashUser("42"); a != b {
				t.Errorf("process %d hashes user 42 as %s, process 0 as %s", i, b, a)
			}
		}
	})
}

func TestReopenKeepsEverything(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t)
		hash := db.HashUser("42")
		q := question(db, "42", "Où siège INTERPOL ?", "interpol siege")
		q.Sources = []store.Source{{Document: "a.md", Section: "Siège"}}
		id := record(t, db, q)
		if _, err := db.RecordVote(ctx, store.Vote{QuestionID: id, User: db.HashUser("7"), Up: true}); err != nil {
			t.Fatal(err)
		}
		mod := store.Moderator{Name: "Modo", User: db.HashUser("9")}
		dir := t.TempDir()
		if _, err := db.AddDocument(ctx, dir, "a.md", []byte("# A\n"), mod); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AnswerGap(ctx, store.GapAnswer{GapKey: "k", Heading: "Q ?", Text: "R.", By: mod}); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}

		db = e.open(t) // migrations are not applied twice
		if got := count(t, db, "schema_migrations"); got != 1 {
			t.Errorf("schema_migrations has %d rows after reopening, want 1", got)
		}
		if got := db.HashUser("42"); got != hash {
			t.Errorf("user 42 hashes to %s after reopening, was %s", got, hash)
		}
		got, err := db.Question(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != q.Text || got.User != hash || len(got.Sources) != 1 {
			t.Errorf("question after reopening = %+v", got)
		}
		if n := count(t, db, "votes"); n != 1 {
			t.Errorf("%d votes after reopening, want 1", n)
		}
		docs, err := db.Documents(ctx)
		if err != nil || len(docs) != 1 || docs[0].AddedBy != mod {
			t.Errorf("documents after reopening = %+v, %v", docs, err)
		}
		answers, err := db.GapAnswers(ctx)
		if err != nil || len(answers) != 1 || answers[0].By != mod {
			t.Errorf("answers after reopening = %+v, %v", answers, err)
		}
		if actions, err := db.Actions(ctx, time.Time{}); err != nil || len(actions) != 2 {
			t.Errorf("actions after reopening = %+v, %v", actions, err)
		}
		// IDs go on from the database, not from a counter of the process.
		if id2 := record(t, db, q); id2 <= id {
			t.Errorf("new question ID %d after reopening, not after %d", id2, id)
		}
	})
}

func TestHashUser(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		a, b := e.open(t), e.open(t)
		h := a.HashUser("123456789012345678")
		if h.IsZero() || len(h.String()) != 64 || h.String() == "123456789012345678" {
			t.Errorf("HashUser = %q", h)
		}
		if h != b.HashUser("123456789012345678") {
			t.Error("two handles on one database hash alike")
		}
		if h == a.HashUser("123456789012345679") {
			t.Error("two users hash alike")
		}
		if !a.HashUser("").IsZero() {
			t.Error("the empty ID hashes to someone")
		}
		other := engine{name: e.name, dsn: sqliteEngine(t).dsn}
		if e.name == "postgres" {
			other = postgresEngine(t)
		}
		if h == other.open(t).HashUser("123456789012345678") {
			t.Error("two databases hash alike: the key is not random")
		}
	})
}

func TestSchemaTooNew(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		db := e.open(t)
		if _, err := db.SQL().Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future.sql', 0)`); err != nil {
			t.Fatal(err)
		}
		_, err := store.Open(context.Background(), e.dsn)
		if !errors.Is(err, store.ErrSchemaTooNew) {
			t.Errorf("open = %v, want ErrSchemaTooNew", err)
		}
	})
}

func TestOpenRefusesBadDSN(t *testing.T) {
	for _, dsn := range []string{"", ":memory:", "file:x.db", "a?b.db", "postgres://%zz"} {
		if _, err := store.Open(context.Background(), dsn); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want ErrInvalid", dsn, err)
		}
	}
}

func TestIsPostgresIgnoresTheSchemesCase(t *testing.T) {
	for dsn, want := range map[string]bool{
		"postgres://h/db": true, "POSTGRES://h/db": true, "PostgreSQL://h/db": true,
		"/var/lib/assistant.db": false, "postgres:/db": false, "data/assistant.db": false,
	} {
		if got := store.IsPostgres(dsn); got != want {
			t.Errorf("IsPostgres(%q) = %v, want %v", dsn, got, want)
		}
	}
}
