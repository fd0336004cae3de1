package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestForget(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t)
		alice, bob := db.HashUser("alice"), db.HashUser("bob")
		q := question(db, "alice", "Question d’Alice ?", "alic")
		q.Sources = []store.Source{{Document: "a.md", Section: "S"}}
		a1, _ := record(t, db, q), record(t, db, q)
		b1 := record(t, db, question(db, "bob", "Question de Bob ?", "bob"))
		for _, v := range []store.Vote{
			{QuestionID: b1, User: alice, Up: false, Comment: "Faux."},
			{QuestionID: a1, User: bob, Up: true},
			{QuestionID: b1, User: bob, Up: true},
		} {
			if _, err := db.RecordVote(ctx, v); err != nil {
				t.Fatal(err)
			}
		}

		got, err := db.Forget(ctx, alice)
		if err != nil || got != (store.Removed{Questions: 2, Votes: 1}) {
			t.Errorf("Forget(alice) = %+v, %v; want 2 questions, 1 vote", got, err)
		}
		var n int
		if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM questions WHERE user_hash = $1`, alice.String()).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d of Alice's questions left, %v", n, err)
		}
		if n := count(t, db, "question_sources"); n != 0 {
			t.Errorf("%d sources left", n)
		}
		// Bob keeps his question and his vote on it; his vote on Alice's
		// question went with it.
		if q, err := db.Question(ctx, b1); err != nil || q.User != bob {
			t.Errorf("Bob's question: %+v, %v", q, err)
		}
		if n := count(t, db, "votes"); n != 1 {
			t.Errorf("%d votes left, want Bob's on his question", n)
		}
		if got, err := db.Forget(ctx, alice); err != nil || got != (store.Removed{}) {
			t.Errorf("Forget(alice) again = %+v, %v; want nothing", got, err)
		}
		if _, err := db.Forget(ctx, store.UserHash{}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Forget(no one) = %v, want ErrInvalid", err)
		}
	})
}
