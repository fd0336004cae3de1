package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

func newRecorder(t *testing.T, db *store.DB, capacity int) *store.Recorder {
	t.Helper()
	rec, err := db.NewRecorder(context.Background(), capacity)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestRecorder(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		// Two processes, each with a recorder and synchronous inserts:
		// no ID is given twice.
		a, b := e.open(t), e.open(t)
		ra, rb := newRecorder(t, a, 100), newRecorder(t, b, 100)
		ids := map[int64]string{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i, rec := range []func(store.Question) (int64, error){
			ra.Record, rb.Record, func(q store.Question) (int64, error) { return a.RecordQuestion(ctx, q) },
		} {
			wg.Go(func() {
				for j := range 50 {
					q := question(a, "u", "Question ?", "question")
					q.Sources = []store.Source{{Document: "d.md", Section: "S"}}
					id, err := rec(q)
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					if prev, dup := ids[id]; dup {
						t.Errorf("ID %d given twice (%s and %d/%d)", id, prev, i, j)
					}
					ids[id] = "recorded"
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		for _, r := range []*store.Recorder{ra, rb} {
			if err := r.Close(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if n := count(t, a, "questions"); n != 150 {
			t.Errorf("%d questions written, want 150", n)
		}
		if n := count(t, a, "question_sources"); n != 150 {
			t.Errorf("%d sources written, want 150", n)
		}
		for id := range ids {
			if _, err := a.Question(ctx, id); err != nil {
				t.Errorf("question %d: %v", id, err)
			}
		}
		if ra.Dropped()+rb.Dropped() != 0 {
			t.Errorf("dropped %d and %d", ra.Dropped(), rb.Dropped())
		}
		if _, err := ra.Record(question(a, "u", "Q ?", "q")); err == nil {
			t.Error("Record after Close succeeded")
		}
	})
}

func TestRecorderVoteRightAway(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t)
		rec := newRecorder(t, db, 10)
		defer rec.Close(ctx)
		id, err := rec.Record(question(db, "u", "Question ?", "question"))
		if err != nil {
			t.Fatal(err)
		}
		// The member votes before the writer had a chance to write.
		if _, err := rec.RecordVote(ctx, store.Vote{QuestionID: id, User: db.HashUser("v"), Up: true}); err != nil {
			t.Errorf("vote on a question just recorded: %v", err)
		}
		if _, err := rec.Record(store.Question{Text: "sans auteur"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("Record(invalid) = %v, want ErrInvalid", err)
		}
	})
}

func TestRecorderDropsWhenSaturated(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t, store.WithBusyTimeout(50*time.Millisecond))
		const capacity = 4
		rec := newRecorder(t, db, capacity)
		defer rec.Close(ctx)
		if _, err := rec.Record(question(db, "u", "Avant ?", "avant")); err != nil {
			t.Fatal(err)
		}
		if err := rec.Flush(ctx); err != nil { // written, and IDs reserved
			t.Fatal(err)
		}

		release := holdWriteLock(t, e)
		accepted, refused := 1, 0
		for range 20 {
			start := time.Now()
			_, err := rec.Record(question(db, "u", "Pendant ?", "pendant"))
			switch {
			case err == nil:
				accepted++
			case errors.Is(err, store.ErrBusy):
				refused++
			default:
				t.Fatalf("Record while the database is locked: %v", err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Record blocked for %v", d)
			}
		}
		// The queue holds capacity questions, the writer one batch (taken
		// from the queue while Record fills it again).
		if refused == 0 {
			t.Errorf("%d accepted, %d refused while locked, capacity %d", accepted, refused, capacity)
		}
		if got := rec.Dropped(); got != int64(refused) {
			t.Errorf("Dropped = %d, want %d", got, refused)
		}

		release()
		if err := rec.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "questions"); n != accepted {
			t.Errorf("%d questions written, %d accepted", n, accepted)
		}
	})
}

func TestRecorderCloseGivesUp(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t, store.WithBusyTimeout(50*time.Millisecond))
		rec := newRecorder(t, db, 10)
		if _, err := rec.Record(question(db, "u", "Avant ?", "avant")); err != nil {
			t.Fatal(err)
		}
		if err := rec.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		holdWriteLock(t, e)
		for range 3 {
			if _, err := rec.Record(question(db, "u", "Pendant ?", "pendant")); err != nil {
				t.Fatal(err)
			}
		}
		cctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		if err := rec.Close(cctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Close while locked = %v, want the deadline", err)
		}
		if got := rec.Dropped(); got != 3 {
			t.Errorf("Dropped = %d, want the 3 queued", got)
		}
	})
}
