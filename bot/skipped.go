package bot

import (
	"errors"
	"strings"

	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
)

// skipReason says in French why a file of the knowledge was not loaded.
func skipReason(s knowledge.Skipped) string {
	if s.Err == nil && s.Reason != "" {
		return s.Reason
	}
	return rag.ExplainUnusable(s.Err)
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
