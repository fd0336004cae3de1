package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// TestCurationRendering keeps what moderators read in golden files.
func TestCurationRendering(t *testing.T) {
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	gaps := []store.Gap{
		{Key: "australi capital", Count: 12, Last: at, Example: "Quelle est la capitale de l’Australie ?", ExampleID: 42},
		{Key: "budget interpol", Count: 3, Last: at.Add(-time.Hour), Example: "Quel est le *budget* d’INTERPOL ?", ExampleID: 7,
			Answered: true, AnsweredAt: at.Add(-48 * time.Hour)},
	}
	golden(t, "lacunes.golden.json", renderGaps(gaps, 30))
	golden(t, "statistiques.golden.json", renderStats(store.Stats{Asked: 7, Answered: 5, Refused: 2, Up: 3, Down: 1,
		Median: 120 * time.Millisecond, P95: 1500 * time.Millisecond,
		Themes: []store.ThemeCount{{Theme: "Antiterrorisme", Count: 4}, {Theme: "Formation", Count: 1}}}, 7))
	loaded := []rag.DocumentStats{
		{Name: AnswersDocument, Chunks: 2, Themes: []string{AnswersTitle}},
		{Name: AddedFolder + "/guide.md", Chunks: 3, Themes: []string{"Visas", "Passeports"}},
		{Name: "interpol-onu.txt", Chunks: 40, Themes: []string{"Antiterrorisme"}},
	}
	added := []store.Document{
		{Name: "guide.md", AddedBy: store.Moderator{Name: "Modo"}, AddedAt: at, Replaced: 1},
		{Name: "en-attente.pdf", AddedBy: store.Moderator{Name: "Autre"}, AddedAt: at},
	}
	golden(t, "documents.golden.json", renderDocuments(loaded, added, true))
	if got := renderForgotten(store.Removed{Questions: 1, Votes: 0}, false); !strings.Contains(got, "1 question que vous avez posée") ||
		!strings.Contains(got, "0 avis que vous avez donné") || strings.Contains(got, "journal") {
		t.Errorf("renderForgotten = %q", got)
	}
	if got := renderForgotten(store.Removed{}, true); !strings.Contains(got, "rien à effacer") || !strings.Contains(got, "Le journal de modération garde vos actions") {
		t.Errorf("renderForgotten for a moderator = %q", got)
	}
}

// TestCurationRenderingWithinLimits: whatever the number and length of
// the gaps, documents and themes, every message holds within Discord's
// limits.
func TestCurationRenderingWithinLimits(t *testing.T) {
	long := strings.Repeat("très long ", 400) // 4,000 characters
	var gaps []store.Gap
	var loaded []rag.DocumentStats
	var added []store.Document
	var themes []store.ThemeCount
	for i := range 500 {
		gaps = append(gaps, store.Gap{Key: long, Count: 1000 - i, Example: long, ExampleID: int64(1<<62 + i), Answered: true})
		name := fmt.Sprintf("%03d-%s.md", i, strings.Repeat("n", 190))
		loaded = append(loaded, rag.DocumentStats{Name: AddedFolder + "/" + name, Chunks: i, Themes: []string{long, long}})
		added = append(added, store.Document{Name: name, AddedBy: store.Moderator{Name: strings.Repeat("M", 200)}})
		themes = append(themes, store.ThemeCount{Theme: strings.Repeat("T", 200), Count: i})
	}
	out := renderGaps(gaps, 90)
	out = append(out, renderDocuments(loaded, added, false)...)
	out = append(out, renderStats(store.Stats{Asked: 1 << 40, Themes: themes[:store.MaxThemes]}, 3650))
	for i, m := range out {
		if utf8.RuneCountInString(m.Content) > maxContent {
			t.Errorf("message %d: content of %d characters", i, utf8.RuneCountInString(m.Content))
		}
		total := 0
		for _, e := range m.Embeds {
			if utf8.RuneCountInString(e.Description) > maxDescription || utf8.RuneCountInString(e.Title) > maxTitle || len(e.Fields) > maxFields {
				t.Errorf("message %d: an embed over Discord's limits", i)
			}
			for _, f := range e.Fields {
				if utf8.RuneCountInString(f.Value) > maxFieldValue {
					t.Errorf("message %d: a field of %d characters", i, utf8.RuneCountInString(f.Value))
				}
			}
			if e.Footer != nil && utf8.RuneCountInString(e.Footer.Text) > maxFooter {
				t.Errorf("message %d: a footer over the limit", i)
			}
			total += embedLength(e)
		}
		if total > maxMessage {
			t.Errorf("message %d: %d characters of embeds", i, total)
		}
		if len(m.Components) > 5 {
			t.Errorf("message %d: %d rows of buttons", i, len(m.Components))
		}
	}
	if ids := customIDs(map[string]any{"components": decode(t, out[0].Components)}); len(ids) != maxGapsShown || len(ids[0]) > 100 {
		t.Errorf("/lacunes buttons %q, want %d within 100 characters", ids, maxGapsShown)
	}
}

// decode returns v as a client decodes its JSON.
func decode(t *testing.T, v any) any {
	t.Helper()
	var out any
	if err := json.Unmarshal([]byte(mustJSON(t, v)), &out); err != nil {
		t.Fatal(err)
	}
	return out
}
