package bot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/interpol-onu/assistant/rag"
)

// Apology is what users read when the bot fails in a way they cannot fix.
const Apology = "Désolé, une erreur interne m’a empêché de répondre. " +
	"Réessayez dans un instant ; si le problème persiste, prévenez un modérateur."

// Explain turns an error of the engine or of the bot into a polite French
// sentence for users. It never reveals internal details: errors it does
// not know become Apology.
func Explain(err error) string {
	if msg, ok := rag.Explain(err); ok {
		switch {
		case errors.Is(err, rag.ErrEmptyQuestion):
			msg += " Écrivez-la après la commande, par exemple : " +
				"`/question texte: Quel est le rôle d’INTERPOL auprès de l’ONU ?`"
		case errors.Is(err, rag.ErrUnknownTheme):
			msg += " Tapez `/themes` pour voir la liste des thèmes, ou posez la question sans thème."
		}
		return msg
	}
	var limited *rateLimitedError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &limited):
		return fmt.Sprintf("Vous avez posé beaucoup de questions en peu de temps (%d par minute au plus). "+
			"Réessayez dans %s, s’il vous plaît.", limited.perMinute, frenchSeconds(limited.retryAfter))
	case errors.Is(err, errShuttingDown):
		return "Je suis en train de redémarrer et ne prends plus de nouvelles questions. " +
			"Reposez la vôtre dans quelques instants, s’il vous plaît."
	case errors.Is(err, errBusy):
		return "Je suis très sollicité en ce moment, réessayez dans un instant."
	case errors.Is(err, errNotModerator):
		return "Désolé, seuls les modérateurs peuvent recharger les documents."
	case errors.Is(err, errPanic):
		return "Désolé, un problème inattendu m’a empêché de répondre. " +
			"Il a été signalé ; réessayez dans un instant."
	case errors.Is(err, context.DeadlineExceeded):
		return "La réponse a pris trop de temps. Réessayez dans un instant, ou reformulez plus simplement."
	default:
		return Apology
	}
}

// explainBriefly is Explain in a few words for what the user typed
// wrong, for replies that everyone in the channel sees: a message cannot
// be answered privately as a slash command can.
func explainBriefly(err error) string {
	var tooLong *rag.TooLongError
	switch {
	case errors.Is(err, rag.ErrEmptyQuestion):
		return "Écrivez votre question avec votre message, s’il vous plaît."
	case errors.As(err, &tooLong):
		return fmt.Sprintf("Question trop longue : %d caractères au maximum.", tooLong.Max)
	case errors.Is(err, rag.ErrNoWords):
		return "Je ne trouve aucun mot dans votre question."
	}
	return Explain(err)
}

var (
	errShuttingDown = errors.New("the bot is shutting down")
	errBusy         = errors.New("too many questions waiting")
	errNotModerator = errors.New("member is not a moderator")
	errPanic        = errors.New("handler panicked")
)

// rateLimitedError says a user asked too often.
type rateLimitedError struct {
	perMinute  int
	retryAfter time.Duration
}

func (e *rateLimitedError) Error() string {
	return fmt.Sprintf("rate limited: %d questions per minute, retry after %s", e.perMinute, e.retryAfter)
}

func frenchSeconds(d time.Duration) string {
	n := int(math.Ceil(d.Seconds()))
	if n <= 1 {
		return "1 seconde"
	}
	return fmt.Sprintf("%d secondes", n)
}
