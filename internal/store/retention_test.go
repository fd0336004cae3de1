package store_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestPurge(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		clk := newClock()
		db := e.open(t, store.WithClock(clk.Now))
		const old = 1200 // more than one batch
		var first int64
		for i := range old {
			id := record(t, db, question(db, "a", "Ancienne ?", "ancienn"))
			if i == 0 {
				first = id
			}
		}
		for _, user := range []string{"b", "c"} {
			if _, err := db.RecordVote(ctx, store.Vote{QuestionID: first, User: db.HashUser(user), Up: true}); err != nil {
				t.Fatal(err)
			}
		}
		clk.Advance(60 * 24 * time.Hour)
		recent := record(t, db, question(db, "a", "Récente ?", "recent"))
		if _, err := db.RecordVote(ctx, store.Vote{QuestionID: recent, User: db.HashUser("b"), Up: false}); err != nil {
			t.Fatal(err)
		}
		clk.Advance(40 * 24 * time.Hour)

		got, err := db.Purge(ctx, 90*24*time.Hour)
		if err != nil || got != (store.Removed{Questions: old, Votes: 2}) {
			t.Fatalf("Purge = %+v, %v; want %d questions, 2 votes", got, err, old)
		}
		if n := count(t, db, "questions"); n != 1 {
			t.Errorf("%d questions left, want the recent one", n)
		}
		if n := count(t, db, "votes"); n != 1 {
			t.Errorf("%d votes left, want the recent one", n)
		}
		if got, err := db.Purge(ctx, 90*24*time.Hour); err != nil || got != (store.Removed{}) {
			t.Errorf("Purge again = %+v, %v; want nothing", got, err)
		}
		if _, err := db.Purge(ctx, 0); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Purge(0) = %v, want ErrInvalid", err)
		}
	})
}

// signal is a slog handler that passes each record's message on.
type signal chan string

func (s signal) Enabled(context.Context, slog.Level) bool      { return true }
func (s signal) Handle(_ context.Context, r slog.Record) error { s <- r.Message; return nil }
func (s signal) WithAttrs([]slog.Attr) slog.Handler            { return s }
func (s signal) WithGroup(string) slog.Handler                 { return s }

func TestRunRetention(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		clk := newClock()
		logs := make(signal, 10)
		db := e.open(t, store.WithClock(clk.Now), store.WithLogger(slog.New(logs)))
		record(t, db, question(db, "a", "Ancienne ?", "ancienn"))
		clk.Advance(100 * 24 * time.Hour)

		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- db.RunRetention(ctx, time.Hour, 90*24*time.Hour) }()
		if msg := <-logs; msg != "purged old questions and votes" {
			t.Errorf("logged %q", msg)
		}
		if n := count(t, db, "questions"); n != 0 {
			t.Errorf("%d questions after the first purge", n)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunRetention returned %v after cancel", err)
		}
		if err := db.RunRetention(context.Background(), 0, time.Hour); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("RunRetention(every 0) = %v, want ErrInvalid", err)
		}
	})
}
