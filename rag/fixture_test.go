package rag

import (
	"unicode"

	"github.com/interpol-onu/assistant/rag/french"

	"context"
	"os"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/knowledge"
)

// kbDir is the fixture knowledge: four short French documents on distinct
// topics (a Discord server's rules, a chess club, a lighthouse's history,
// a library).
const kbDir = "testdata/kb"

// kbThemes are the fixture's themes, in load order.
var kbThemes = []string{
	"Club d’échecs du Vieux-Port",
	"Règlement du serveur Les Astronomes Amateurs",
	"Construction du phare de Kerbrat",
	"Les gardiens du phare",
	"Automatisation et visites",
	"Médiathèque municipale",
}

func loadKB(t testing.TB) []knowledge.Document {
	t.Helper()
	docs, skipped, err := knowledge.Load(os.DirFS(kbDir))
	if err != nil {
		t.Fatalf("load %s: %v", kbDir, err)
	}
	if len(skipped) > 0 {
		t.Fatalf("load %s skipped %v", kbDir, skipped)
	}
	return docs
}

func buildKB(t testing.TB, opt IndexOptions) *Index {
	t.Helper()
	ix, err := Build(context.Background(), ChunkDocuments(loadKB(t), ChunkOptions{}), opt)
	if err != nil {
		t.Fatalf("build index: %v", err)
	}
	return ix
}

func newKBEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := New(context.Background(), Options{Knowledge: os.DirFS(kbDir)})
	if err != nil {
		t.Fatalf("new engine on %s: %v", kbDir, err)
	}
	return e
}

// kbText is every paragraph of the fixture, as loaded, for checking that
// answers quote it.
func kbText(t testing.TB) string {
	t.Helper()
	var b strings.Builder
	for _, d := range loadKB(t) {
		for _, s := range d.Sections {
			for _, p := range s.Texts() {
				b.WriteString(p)
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}

// stripAccents removes accents but keeps case, as a user without a
// French keyboard types.
func stripAccents(s string) string {
	var b strings.Builder
	for _, r := range s {
		f := french.Fold(string(r))
		if unicode.IsUpper(r) {
			f = strings.ToUpper(f)
		}
		b.WriteString(f)
	}
	return b.String()
}

// swapApostrophes turns ’ into ' and ' into ’.
func swapApostrophes(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '’':
			return '\''
		case '\'':
			return '’'
		}
		return r
	}, s)
}
