package rag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/rag/french"
)

// Check tells whether a question can be asked at all, without answering
// it: ErrEmptyQuestion, ErrNoWords, *TooLongError, or nil. It is cheap,
// so a bot can refuse a bad question privately before it acknowledges it.
func (e *Engine) Check(question string) error {
	_, err := e.clean(question)
	return err
}

// clean checks a question and removes control and invisible characters
// from it.
func (e *Engine) clean(text string) (string, error) {
	text = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || (unicode.IsControl(r) && !unicode.IsSpace(r)) {
			return -1
		}
		return r
	}, french.RemoveInvisible(text))
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return "", ErrEmptyQuestion
	}
	if n := utf8.RuneCountInString(text); n > e.opt.MaxQuestionChars {
		return "", &TooLongError{Length: n, Max: e.opt.MaxQuestionChars}
	}
	if len(french.Tokenize(text)) == 0 {
		return "", ErrNoWords
	}
	return text, nil
}
