package bot

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
)

// What curation tells its users, privately.
const (
	notModerator = "Désolé, cette commande est réservée aux modérateurs " +
		"(permission Gérer le serveur, ou un rôle de modérateur)."
	unchanged       = "Rien n’a changé."
	forgottenVote   = "Je n’ai plus cette question : elle a été effacée (à la demande de la personne qui l’a posée, ou passé la durée de conservation). Votre avis n’est pas enregistré."
	forgottenGap    = "Je n’ai plus cette question : elle a été effacée depuis l’affichage des lacunes. Relancez /lacunes."
	expiredDraft    = "Ce formulaire a expiré (je l’oublie au bout d’une heure, ou quand je redémarre). Relancez /lacunes, puis « Répondre »."
	unanswerableGap = "Cette question ne contient aucun mot que je sache analyser : je ne peux pas lui associer de réponse."
)

// explainStore says in French why the store refused or failed, or ""
// for an error it does not know (the caller then apologises).
func explainStore(err error) string {
	var invalid *store.InvalidError
	switch {
	case errors.Is(err, store.ErrBusy):
		return "La base de données est occupée par une autre modification. Réessayez dans un instant : rien n’a changé."
	case errors.Is(err, store.ErrFull):
		return "Il n’y a plus de place pour enregistrer (disque ou base de données plein) : rien n’a changé. " +
			"Prévenez la personne qui administre le bot."
	case errors.Is(err, store.ErrUnavailable):
		return "La base de données est injoignable pour le moment : rien n’a changé. Réessayez plus tard."
	case errors.As(err, &invalid) && invalid.Max > 0:
		return fmt.Sprintf("Ce texte est trop long : %d caractères au plus. Rien n’a changé.", invalid.Max)
	case errors.Is(err, store.ErrInvalid):
		return "Ce texte ne peut pas être enregistré (vide, ou contenant des caractères interdits). Rien n’a changé."
	}
	return ""
}

// explainOr is explainStore, or Apology for an error it does not know.
func explainOr(err error) string {
	if msg := explainStore(err); msg != "" {
		return msg
	}
	return Apology
}

// documentNameProblem says in French what is wrong with the name of a
// document to add, or "": the store's rules (store.CheckDocumentName),
// no « .. » anywhere, and a type the loader reads.
func documentNameProblem(name string) string {
	switch {
	case name == "":
		return "le fichier n’a pas de nom"
	case len(name) > 255:
		return "son nom est trop long (255 octets au plus)"
	case !utf8.ValidString(name):
		return "son nom n’est pas un texte valide (UTF-8)"
	case strings.ContainsAny(name, `/\`):
		return "son nom contient une barre oblique (/ ou \\) : il faut un simple nom de fichier"
	case strings.Contains(name, ".."):
		return "son nom contient « .. »"
	case strings.ContainsFunc(name, unicode.IsControl):
		return "son nom contient un caractère de contrôle"
	case strings.TrimSpace(name) != name:
		return "son nom commence ou finit par une espace"
	case strings.HasPrefix(name, "."):
		return "son nom commence par un point (un fichier caché)"
	case !knowledge.Supported(name):
		return rag.ExplainUnusable(knowledge.ErrUnsupported)
	case store.CheckDocumentName(name) != nil:
		return "son nom n’est pas un simple nom de fichier"
	}
	return ""
}

// explainDownload says in French why an attachment was not downloaded,
// as a clause.
func explainDownload(err error) string {
	switch {
	case errors.Is(err, errForeignHost):
		return "je ne télécharge les pièces jointes que depuis Discord, et ce fichier n’en vient pas"
	case errors.Is(err, knowledge.ErrTooBig):
		return fmt.Sprintf("il dépasse %d Mio : j’ai arrêté le téléchargement", knowledge.MaxFileSize>>20)
	}
	return "je n’ai pas pu le télécharger depuis Discord (délai dépassé ou erreur du serveur) ; réessayez dans un instant"
}

// pluralize writes n and its noun, singular for 0 and 1 as in French.
func pluralize(n int, one, many string) string {
	if n == 1 || n == 0 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
