package rag

import (
	"errors"
	"fmt"

	"github.com/interpol-onu/assistant/knowledge"
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

// ExplainUnusable says in French why a document cannot be used: a file
// the knowledge folder skipped, or an attachment refused (err wraps one of
// knowledge's reasons).
func ExplainUnusable(err error) string {
	switch {
	case errors.Is(err, knowledge.ErrBinary):
		return "contenu binaire, pas du texte"
	case errors.Is(err, knowledge.ErrNotUTF8):
		return "texte qui n’est pas en UTF-8 (à convertir en UTF-8)"
	case errors.Is(err, knowledge.ErrEmpty):
		return "vide : aucun texte à exploiter"
	case errors.Is(err, knowledge.ErrTooBig):
		return fmt.Sprintf("trop volumineux ou trop complexe (%d Mio au plus)", knowledge.MaxFileSize>>20)
	case errors.Is(err, knowledge.ErrNotRegular):
		return "pas un fichier ordinaire"
	case errors.Is(err, knowledge.ErrUnreadable):
		return "illisible (droits d’accès, ou lien vers l’extérieur du dossier)"
	case errors.Is(err, knowledge.ErrNoText):
		return "aucun texte à extraire (un PDF numérisé, peut-être : il faut un PDF contenant du texte)"
	case errors.Is(err, knowledge.ErrMalformed):
		return "fichier endommagé, chiffré ou d’un autre format que son extension"
	case errors.Is(err, knowledge.ErrUnsupported):
		return "type de fichier non pris en charge (.md, .txt, .html ou .pdf)"
	}
	return "inutilisable"
}
