package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestActions(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		clk := newClock()
		db := e.open(t, store.WithClock(clk.Now))
		mod := store.Moderator{Name: "Alice", User: db.HashUser("1")}
		if _, err := db.RecordAction(ctx, store.Action{By: mod, Kind: store.ActionReload}); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Hour)
		id, err := db.RecordAction(ctx, store.Action{By: mod, Kind: store.ActionReload, Target: "SIGHUP"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Actions(ctx, clk.Now())
		want := []store.Action{{ID: id, At: clk.Now(), By: mod, Kind: store.ActionReload, Target: "SIGHUP"}}
		if err != nil || len(got) != 1 || got[0] != want[0] {
			t.Errorf("Actions(since the second) = %+v, %v; want %+v", got, err, want)
		}
		for _, a := range []store.Action{{By: mod, Kind: "dance"}, {Kind: store.ActionReload}} {
			if _, err := db.RecordAction(ctx, a); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("RecordAction(%+v) = %v, want ErrInvalid", a, err)
			}
		}
	})
}

func TestAnswerGap(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		clk := newClock()
		db := e.open(t, store.WithClock(clk.Now))
		alice := store.Moderator{Name: "Alice", User: db.HashUser("1")}
		bob := store.Moderator{Name: "Bob", User: db.HashUser("2")}

		a1, err := db.AnswerGap(ctx, store.GapAnswer{GapKey: "budget interpol", Heading: "Quel est le budget ?", Text: "Environ 180 M€.", By: alice})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AnswerGap(ctx, store.GapAnswer{GapKey: "siege interpol", Heading: "Où est le siège ?", Text: "À Lyon.", By: alice}); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Hour)
		a3, err := db.AnswerGap(ctx, store.GapAnswer{GapKey: "budget interpol", Heading: "Quel est le budget d’INTERPOL ?", Text: "Environ 190 M€.", By: bob})
		if err != nil {
			t.Fatal(err)
		}
		if a3.ID != a1.ID || !a3.At.Equal(clk.Now()) {
			t.Errorf("second answer to the same gap: %+v, want it to replace %+v", a3, a1)
		}
		got, err := db.GapAnswers(ctx)
		if err != nil || len(got) != 2 || got[0] != a3 || got[1].GapKey != "siege interpol" {
			t.Errorf("GapAnswers = %+v, %v", got, err)
		}
		if n := count(t, db, "moderator_actions"); n != 3 {
			t.Errorf("%d actions, want 3 gap-answered", n)
		}
		if _, err := db.AnswerGap(ctx, store.GapAnswer{GapKey: "x", Heading: "Q ?", Text: " ", By: bob}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("empty answer = %v, want ErrInvalid", err)
		}
	})
}
