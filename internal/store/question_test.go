package store_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestRecordQuestion(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		clk := newClock()
		db := e.open(t, store.WithClock(clk.Now))
		q := store.Question{
			GuildID: "1", ChannelID: "2", User: db.HashUser("3"), Text: "Où siège le Bureau ?", Theme: "Organisation",
			Refused: true, Mode: store.ModeAPI, Entry: store.EntryMessageCommand, Duration: 1234567 * time.Microsecond,
			GroupKey: "bureau sieg",
			Sources:  []store.Source{{Document: "a.md", Section: "Siège"}, {Document: "b.txt", Section: ""}},
		}
		id := record(t, db, q)
		got, err := db.Question(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		q.ID, q.At = id, clk.Now() // At defaults to the store's now
		if !reflect.DeepEqual(got, q) {
			t.Errorf("Question(%d) =\n%+v\nwant\n%+v", id, got, q)
		}

		q.At, q.Sources = time.Date(2025, 12, 24, 8, 30, 0, 0, time.UTC), nil
		id2 := record(t, db, q)
		if id2 == id {
			t.Fatalf("two questions got ID %d", id)
		}
		if got, _ := db.Question(ctx, id2); !got.At.Equal(q.At) || got.Sources != nil {
			t.Errorf("Question(%d): at %v, sources %v; want %v, none", id2, got.At, got.Sources, q.At)
		}
		if _, err := db.Question(ctx, id2+100); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Question(missing) = %v, want ErrNotFound", err)
		}
	})
}

func TestRecordQuestionRefusesInvalid(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		db := e.open(t)
		tests := []struct {
			name  string
			edit  func(*store.Question)
			field string
		}{
			{"empty text", func(q *store.Question) { q.Text = "  " }, "question text"},
			{"text too long", func(q *store.Question) { q.Text = strings.Repeat("é", store.MaxQuestionChars+1) }, "question text"},
			{"NUL in text", func(q *store.Question) { q.Text = "a\x00b" }, "question text"},
			{"not UTF-8", func(q *store.Question) { q.Text = "caf\xe9" }, "question text"},
			{"no user", func(q *store.Question) { q.User = store.UserHash{} }, "user"},
			{"unknown mode", func(q *store.Question) { q.Mode = "magic" }, "mode"},
			{"unknown entry", func(q *store.Question) { q.Entry = "pigeon" }, "entry"},
			{"negative duration", func(q *store.Question) { q.Duration = -time.Second }, "duration"},
			{"source without document", func(q *store.Question) { q.Sources = []store.Source{{Section: "x"}} }, "source document"},
		}
		for _, tt := range tests {
			q := question(db, "1", "Une question ?", "question")
			tt.edit(&q)
			_, err := db.RecordQuestion(context.Background(), q)
			var inv *store.InvalidError
			if !errors.As(err, &inv) || !errors.Is(err, store.ErrInvalid) || inv.Field != tt.field {
				t.Errorf("%s: RecordQuestion = %v, want an invalid %s", tt.name, err, tt.field)
			}
		}
		if n := count(t, db, "questions"); n != 0 {
			t.Errorf("%d questions stored from invalid input", n)
		}
		_, err := db.RecordQuestion(context.Background(), func() store.Question {
			q := question(db, "1", strings.Repeat("x", store.MaxQuestionChars+1), "")
			return q
		}())
		var inv *store.InvalidError
		if errors.As(err, &inv) && inv.Max != store.MaxQuestionChars {
			t.Errorf("too long: Max = %d, want %d", inv.Max, store.MaxQuestionChars)
		}
	})
}
