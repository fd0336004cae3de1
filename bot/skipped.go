package bot

import (
	"errors"
	"strings"

	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
)

// skipReason says in French why a file of the knowledge was not loaded.
func skipReason(s knowledge.Skipped) string {
	switch {
	case errors.Is(s.Err, knowledge.ErrBinary):
		return "contenu binaire, pas du texte"
	case errors.Is(s.Err, knowledge.ErrNotUTF8):
		return "texte qui n’est pas en UTF-8 (à convertir en UTF-8)"
	case errors.Is(s.Err, knowledge.ErrEmpty):
		return "vide : aucun texte à exploiter"
	case errors.Is(s.Err, knowledge.ErrTooBig):
		return "trop volumineux (16 Mio au plus)"
	case errors.Is(s.Err, knowledge.ErrNotRegular):
		return "pas un fichier ordinaire"
	case errors.Is(s.Err, knowledge.ErrUnreadable):
		return "illisible (droits d’accès, ou lien vers l’extérieur du dossier)"
	case s.Reason != "":
		return s.Reason
	}
	return "inutilisable"
}

// skippedLines renders skipped files as « nom : raison », made inert.
func skippedLines(skipped []knowledge.Skipped) []string {
	lines := make([]string, len(skipped))
	for i, s := range skipped {
		lines[i] = inert(s.Name) + " : " + inert(skipReason(s))
	}
	return lines
}

// explainBrokenReload says which documents stopped the reload, or "".
func explainBrokenReload(err error) string {
	var broken *rag.BrokenDocumentsError
	if !errors.As(err, &broken) {
		return ""
	}
	return "Ces documents, dont je me sers pour répondre, ne peuvent plus être lus ; " +
		"corrigez-les puis relancez /recharger :\n• " + strings.Join(skippedLines(broken.Documents), "\n• ")
}
