package rag

import (
	"errors"
	"fmt"
	"testing"

	"github.com/interpol-onu/assistant/knowledge"
)

func TestExplainUnusableSaysEveryReasonInFrench(t *testing.T) {
	seen := map[string]error{}
	for _, reason := range []error{
		knowledge.ErrBinary, knowledge.ErrNotUTF8, knowledge.ErrEmpty, knowledge.ErrTooBig, knowledge.ErrNotRegular,
		knowledge.ErrUnreadable, knowledge.ErrNoText, knowledge.ErrMalformed, knowledge.ErrUnsupported,
	} {
		msg := ExplainUnusable(fmt.Errorf("fichier.pdf: %w", reason))
		if msg == "inutilisable" {
			t.Errorf("%v has no French explanation", reason)
		}
		if other, dup := seen[msg]; dup {
			t.Errorf("%v and %v read the same: %q", reason, other, msg)
		}
		seen[msg] = reason
	}
	if got := ExplainUnusable(errors.New("autre")); got != "inutilisable" {
		t.Errorf("an unknown reason reads %q", got)
	}
}

func TestExplainNamesNoCommand(t *testing.T) {
	for _, err := range []error{ErrEmptyQuestion, ErrNoWords, ErrUnknownTheme, ErrReloadInProgress, &TooLongError{Length: 600, Max: 500}} {
		msg, ok := Explain(fmt.Errorf("ask: %w", err))
		if !ok || msg == "" {
			t.Errorf("%v: no French sentence", err)
		}
	}
	if _, ok := Explain(errors.New("disk full")); ok {
		t.Error("an internal error was explained to the user")
	}
}
