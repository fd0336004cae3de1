package rag

import (
	"errors"
	"fmt"
)

// Explain returns the French sentence that tells a user what is wrong
// with a question (or a reload asked twice), for the engine's errors that
// a user can fix or wait out, and false for any other error: an internal
// one, whose detail a user must not see. The sentences name no command:
// the bot and the terminal add how to do it where they are.
func Explain(err error) (string, bool) {
	var tooLong *TooLongError
	switch {
	case err == nil:
		return "", false
	case errors.Is(err, ErrEmptyQuestion):
		return "Votre question est vide.", true
	case errors.As(err, &tooLong):
		return fmt.Sprintf("Votre question est trop longue (%d caractères) : "+
			"%d caractères au maximum. Raccourcissez-la, s’il vous plaît.", tooLong.Length, tooLong.Max), true
	case errors.Is(err, ErrNoWords):
		return "Je ne trouve aucun mot dans votre question. Écrivez-la en toutes lettres, s’il vous plaît.", true
	case errors.Is(err, ErrUnknownTheme):
		return "Je ne connais pas ce thème.", true
	case errors.Is(err, ErrReloadInProgress):
		return "Un rechargement des documents est déjà en cours. Attendez qu’il se termine, puis réessayez.", true
	}
	return "", false
}
