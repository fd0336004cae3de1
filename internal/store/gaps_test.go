package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestGaps(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		clk := newClock()
		db := e.open(t, store.WithClock(clk.Now))
		mod := store.Moderator{Name: "Modo", User: db.HashUser("mod")}
		ask := func(user, text, key string, refused bool) int64 {
			t.Helper()
			clk.Advance(time.Minute)
			q := question(db, user, text, key)
			q.Refused = refused
			return record(t, db, q)
		}
		vote := func(id int64, user string, up bool) {
			t.Helper()
			if _, err := db.RecordVote(ctx, store.Vote{QuestionID: id, User: db.HashUser(user), Up: up}); err != nil {
				t.Fatal(err)
			}
		}
		answer := func(key string) {
			t.Helper()
			clk.Advance(time.Minute)
			if _, err := db.AnswerGap(ctx, store.GapAnswer{GapKey: key, Heading: "Q ?", Text: "R.", By: mod}); err != nil {
				t.Fatal(err)
			}
		}

		ask("a", "Lyon ?", "lyon", true) // before the period
		since := clk.Now().Add(time.Second)

		ask("a", "Quel est le budget annuel d’INTERPOL ?", "annuel budget interpol", true)
		ask("b", "Budget annuel d'INTERPOL ?", "annuel budget interpol", true)
		ask("c", "Montant du budget annuel d’INTERPOL ?", "annuel budget interpol montant", true)
		ask("d", "Quel budget annuel pour INTERPOL ?", "annuel budget interpol", true)

		down := ask("a", "Qui dirige le Bureau ?", "bureau dirig", false)
		vote(down, "b", false)
		vote(down, "c", true)
		vote(down, "d", false) // two 👎 on one question count once
		up := ask("a", "Où siège INTERPOL ?", "interpol sieg", false)
		vote(up, "b", true)

		ask("a", "Quelle est la capitale de l’Australie ?", "australi capital", true)
		ask("b", "Capitale de l'Australie ?", "australi capital", true)
		answer("australi capital") // answered since: left out

		ask("a", "Combien de pays membres ?", "membr nombr pay", true)
		answer("membr nombr pay")
		ask("b", "Nombre de pays membres d’INTERPOL ?", "interpol membr nombr pay", true) // asked again since

		gaps, err := db.Gaps(ctx, since)
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			key, example string
			keys         []string
			count        int
			answered     bool
		}
		var got []row
		for _, g := range gaps {
			got = append(got, row{g.Key, g.Example, g.Keys, g.Count, g.Answered})
			if g.Answered && !g.AnsweredAt.Before(g.Last) {
				t.Errorf("gap %q answered at %v, after its last question %v", g.Key, g.AnsweredAt, g.Last)
			}
		}
		want := []row{
			{"annuel budget interpol", "Quel budget annuel pour INTERPOL ?",
				[]string{"annuel budget interpol", "annuel budget interpol montant"}, 4, false},
			{"interpol membr nombr pay", "Nombre de pays membres d’INTERPOL ?",
				[]string{"interpol membr nombr pay", "membr nombr pay"}, 2, true},
			{"bureau dirig", "Qui dirige le Bureau ?", []string{"bureau dirig"}, 1, false},
		}
		if !slices.EqualFunc(got, want, func(a, b row) bool {
			return a.key == b.key && a.example == b.example && slices.Equal(a.keys, b.keys) &&
				a.count == b.count && a.answered == b.answered
		}) {
			t.Errorf("Gaps =\n%+v\nwant\n%+v", got, want)
		}
		if q, err := db.Question(ctx, gaps[0].ExampleID); err != nil || q.Text != gaps[0].Example {
			t.Errorf("example %d is %q, %v; want %q", gaps[0].ExampleID, q.Text, err, gaps[0].Example)
		}
		if !gaps[0].Last.Equal(since.Add(4*time.Minute - time.Second)) {
			t.Errorf("last of the budget group = %v", gaps[0].Last)
		}
	})
}

func TestGapsEmpty(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		db := e.open(t)
		record(t, db, question(db, "a", "Une question ?", "question")) // answered, no vote
		gaps, err := db.Gaps(context.Background(), time.Time{})
		if err != nil || len(gaps) != 0 {
			t.Errorf("Gaps = %+v, %v; want none", gaps, err)
		}
	})
}
