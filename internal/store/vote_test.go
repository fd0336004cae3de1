package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestRecordVoteReplacesTheMembersVote(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t)
		id := record(t, db, question(db, "asker", "Une question ?", "question"))
		alice, bob := db.HashUser("alice"), db.HashUser("bob")

		steps := []struct {
			vote     store.Vote
			replaced bool
		}{
			{store.Vote{QuestionID: id, User: alice, Up: true}, false},
			{store.Vote{QuestionID: id, User: bob, Up: true}, false},
			{store.Vote{QuestionID: id, User: alice, Up: false, Comment: "Ce n’est pas la bonne date."}, true},
		}
		for i, s := range steps {
			replaced, err := db.RecordVote(ctx, s.vote)
			if err != nil || replaced != s.replaced {
				t.Fatalf("vote %d: replaced %v, %v; want %v", i, replaced, err, s.replaced)
			}
		}
		var value int
		var comment string
		if err := db.SQL().QueryRow(`SELECT value, comment FROM votes WHERE user_hash = $1`, alice.String()).
			Scan(&value, &comment); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "votes"); n != 2 || value != -1 || comment != steps[2].vote.Comment {
			t.Errorf("%d votes, alice's = %d %q; want 2, her second", n, value, comment)
		}
	})
}

func TestRecordVoteRefuses(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t)
		id := record(t, db, question(db, "asker", "Une question ?", "question"))
		user := db.HashUser("voter")

		_, err := db.RecordVote(ctx, store.Vote{QuestionID: id + 1, User: user})
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("vote on a missing question = %v, want ErrNotFound", err)
		}
		_, err = db.RecordVote(ctx, store.Vote{QuestionID: id, User: user, Comment: strings.Repeat("é", store.MaxCommentChars+1)})
		var inv *store.InvalidError
		if !errors.As(err, &inv) || inv.Field != "comment" || inv.Max != store.MaxCommentChars {
			t.Errorf("long comment = %v, want an invalid comment, Max %d", err, store.MaxCommentChars)
		}
		if _, err := db.RecordVote(ctx, store.Vote{QuestionID: id}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("vote by no one = %v, want ErrInvalid", err)
		}
		if _, err := db.RecordVote(ctx, store.Vote{QuestionID: id, User: user, Comment: strings.Repeat("é", store.MaxCommentChars)}); err != nil {
			t.Errorf("comment of the maximum length: %v", err)
		}
		if n := count(t, db, "votes"); n != 1 {
			t.Errorf("%d votes, want 1", n)
		}
	})
}
