package rag

// Check tells whether Ask would accept question, without searching: it
// returns the errors Ask returns for a bad question (ErrEmptyQuestion,
// ErrNoWords, *TooLongError), after the same cleaning, so that a caller
// can refuse it before promising an answer.
func (e *Engine) Check(question string) error {
	_, err := e.clean(question)
	return err
}
