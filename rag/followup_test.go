package rag

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestAskCompletesAFollowUpFromThePreviousTurn(t *testing.T) {
	e, err := New(context.Background(), Options{}) // the built-in knowledge
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	first, err := e.Ask(ctx, Question{Text: "Quel est le rôle d'INTERPOL contre le terrorisme ?"})
	if err != nil || first.Refused {
		t.Fatalf("first turn: %q, %v", first.Text, err)
	}
	history := []Turn{{Question: first.Understood, Answer: first.Text}}

	alone, err := e.Ask(ctx, Question{Text: "Et pour la cybercriminalité ?"})
	if err != nil {
		t.Fatal(err)
	}
	followUp, err := e.Ask(ctx, Question{Text: "Et pour la cybercriminalité ?", History: history})
	if err != nil {
		t.Fatal(err)
	}
	if followUp.Refused || followUp.Hits[0].Chunk.Theme() != "Cybercriminalité" {
		t.Errorf("follow-up: refused %v, first theme %q: %q", followUp.Refused, followUp.Hits[0].Chunk.Theme(), followUp.Text)
	}
	// The new theme replaces the old: terrorism is not carried over.
	if strings.Contains(followUp.Understood, "terror") || !strings.Contains(followUp.Understood, "interpol") {
		t.Errorf("understood %q: want INTERPOL carried over, not terrorism", followUp.Understood)
	}
	if alone.Understood != "Et pour la cybercriminalité ?" {
		t.Errorf("without history, understood %q", alone.Understood)
	}
}

func TestReadInContext(t *testing.T) {
	e := engineOn(t, map[string]string{"bourse.md": bourseMD})
	ix := e.Index()
	prev := []Turn{{Question: "Que publie le Comité de sécurité financière en 2023 ?"}}

	r := ix.ReadInContext("et en 2024 ?", prev)
	if slices.Contains(r.Terms, "2023") || !slices.Contains(r.Terms, "2024") || !slices.Contains(r.Terms, "comit") {
		t.Errorf("terms %q: want 2024 in place of 2023, and the committee kept", r.Terms)
	}
	if r.boostOf("comit") >= 1 || r.boostOf("2024") != 1 {
		t.Errorf("inherited terms must count less than the question's own")
	}
	// A question that stands alone keeps its own focus and kind.
	r = ix.ReadInContext("Combien de points l'action a-t-elle perdu ?", prev)
	if r.Focus != "point" || r.boostOf("point") != 1 {
		t.Errorf("standalone question: focus %q, terms %q", r.Focus, r.Terms)
	}
	// Without an interrogative, the previous turn's kind of fact is kept.
	r = ix.ReadInContext("Et le rapport ?", []Turn{{Question: "Quand le Comité publie-t-il son rapport ?"}})
	if r.Kind != ix.Read("Quand le Comité publie-t-il son rapport ?").Kind {
		t.Errorf("kind %v not carried over", r.Kind)
	}
}

// rewriter is a Rewriter that answers with a fixed question or fails.
type rewriter struct {
	out   string
	err   error
	calls int
}

func (w *rewriter) Rewrite(context.Context, Question) (string, error) {
	w.calls++
	return w.out, w.err
}

func TestAskUsesTheRewriterThenFallsBackToOfflineCompletion(t *testing.T) {
	ctx := context.Background()
	history := []Turn{{Question: "Quel est le rôle d'INTERPOL contre le terrorisme ?"}}
	good := &rewriter{out: "Quel est le rôle d'INTERPOL contre la cybercriminalité ?"}
	e, err := New(ctx, Options{Rewriter: good})
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.Ask(ctx, Question{Text: "Et pour la cybercriminalité ?", History: history})
	if err != nil || a.Refused || a.Understood != good.out {
		t.Fatalf("with a rewriter: %q understood %q, %v", a.Text, a.Understood, err)
	}
	if _, err := e.Ask(ctx, Question{Text: "Quel est le rôle d'INTERPOL ?"}); err != nil || good.calls != 1 {
		t.Errorf("a standalone French question was rewritten (%d calls), %v", good.calls, err)
	}
	if _, err := e.Ask(ctx, Question{Text: "What is the role of INTERPOL?"}); err != nil || good.calls != 2 {
		t.Errorf("an English question was not rewritten (%d calls), %v", good.calls, err)
	}

	failing := &rewriter{err: context.DeadlineExceeded}
	e, err = New(ctx, Options{Rewriter: failing})
	if err != nil {
		t.Fatal(err)
	}
	a, err = e.Ask(ctx, Question{Text: "Et pour la cybercriminalité ?", History: history})
	if err != nil || a.Refused || !strings.Contains(a.Understood, "interpol") || failing.calls != 1 {
		t.Errorf("rewriter failing: %q understood %q, %v", a.Text, a.Understood, err)
	}
}
