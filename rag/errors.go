package rag

import (
	"errors"
	"fmt"
	"strings"

	"github.com/interpol-onu/assistant/knowledge"
)

var (
	// ErrEmptyQuestion is returned for a question with no text.
	ErrEmptyQuestion = errors.New("empty question")
	// ErrNoWords is returned for a question with text but no word to
	// search for (only punctuation, symbols or emoji).
	ErrNoWords = errors.New("question has no words")
	// ErrReloadInProgress is returned by Reload while another reload runs.
	ErrReloadInProgress = errors.New("a reload is already in progress")
	// ErrUnknownTheme is returned when a question names a theme the
	// knowledge does not have.
	ErrUnknownTheme = errors.New("unknown theme")
)

// TooLongError is returned for a question longer than the engine accepts.
type TooLongError struct {
	Length, Max int // in characters (runes)
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("question too long: %d characters, at most %d", e.Length, e.Max)
}

// BrokenDocumentsError is returned by Reload when documents the current
// index answers from can no longer be used (now binary, not UTF-8,
// unreadable…): the reload is refused rather than dropping them.
type BrokenDocumentsError struct {
	Documents []knowledge.Skipped
}

func (e *BrokenDocumentsError) Error() string {
	parts := make([]string, len(e.Documents))
	for i, d := range e.Documents {
		parts[i] = d.Name + ": " + d.Reason
	}
	return "documents can no longer be read: " + strings.Join(parts, "; ")
}
