package store_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestStats(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		clk := newClock()
		db := e.open(t, store.WithClock(clk.Now))

		// Before the period: none of this counts.
		old := record(t, db, question(db, "a", "Ancienne ?", "ancienn"))
		if _, err := db.RecordVote(ctx, store.Vote{QuestionID: old, User: db.HashUser("b"), Up: true}); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Hour)
		since := clk.Now()

		// 100 questions taking 1 to 100 ms, in random order; themes A
		// (50), B (30), C (10), none (10); the last 10 refused.
		ms := rand.New(rand.NewPCG(3, 4)).Perm(100)
		var ids []int64
		for i, m := range ms {
			q := question(db, "a", "Question ?", "question")
			q.Duration = time.Duration(m+1) * time.Millisecond
			q.Theme = map[bool]string{true: "A", false: ""}[i < 50]
			switch {
			case i >= 50 && i < 80:
				q.Theme = "B"
			case i >= 80 && i < 90:
				q.Theme = "C"
			}
			q.Refused = i >= 90
			ids = append(ids, record(t, db, q))
		}
		for i, user := range []string{"u1", "u2", "u3", "u4", "u5"} {
			if _, err := db.RecordVote(ctx, store.Vote{QuestionID: ids[i], User: db.HashUser(user), Up: i < 3}); err != nil {
				t.Fatal(err)
			}
		}
		// Changing one's mind counts once, as the new vote.
		if _, err := db.RecordVote(ctx, store.Vote{QuestionID: ids[0], User: db.HashUser("u1"), Up: false}); err != nil {
			t.Fatal(err)
		}

		got, err := db.Stats(ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Stats{
			Asked: 100, Answered: 90, Refused: 10, Up: 2, Down: 3,
			Median: 50 * time.Millisecond, P95: 95 * time.Millisecond,
			Themes: []store.ThemeCount{{Theme: "A", Count: 50}, {Theme: "B", Count: 30}, {Theme: "C", Count: 10}},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Stats =\n%+v\nwant\n%+v", got, want)
		}
	})
}

func TestStatsEmptyPeriod(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		db := e.open(t)
		got, err := db.Stats(context.Background(), time.Now().Add(-time.Hour))
		if err != nil || !reflect.DeepEqual(got, store.Stats{}) {
			t.Errorf("Stats of nothing = %+v, %v", got, err)
		}
	})
}

func TestStatsSmallCounts(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		db := e.open(t)
		for _, d := range []time.Duration{10, 30, 20} {
			q := question(db, "a", "Q ?", "q")
			q.Duration = d * time.Millisecond
			record(t, db, q)
		}
		got, err := db.Stats(context.Background(), time.Time{})
		// Nearest rank: the 2nd and the 3rd of 3.
		if err != nil || got.Median != 20*time.Millisecond || got.P95 != 30*time.Millisecond {
			t.Errorf("median %v, p95 %v, %v; want 20ms, 30ms", got.Median, got.P95, err)
		}
	})
}
